#include "Nifti2HeaderFields.h"

#include "FieldDecoder.h"

namespace paravoxel
{
Nifti2HeaderFields Nifti2HeaderFields::Decode(const std::uint8_t* bytes, bool swap)
{
  const FieldDecoder read(bytes, swap);
  Nifti2HeaderFields f;
  // Back to back from byte 0 to 540, as in the layout.
  read.InOrder<0, 540>(f.SizeofHdr, f.Magic, f.Datatype, f.Bitpix, f.Dim, f.IntentP, f.Pixdim,
    f.VoxOffset, f.SclSlope, f.SclInter, f.CalMax, f.CalMin, f.SliceDuration, f.Toffset,
    f.SliceStart, f.SliceEnd, f.Descrip, f.AuxFile, f.QformCode, f.SformCode, f.QuaternB,
    f.QuaternC, f.QuaternD, f.QoffsetX, f.QoffsetY, f.QoffsetZ, f.Srow, f.SliceCode, f.XyztUnits,
    f.IntentCode, f.IntentName, f.DimInfo, f.UnusedStr);
  return f;
}
} // namespace paravoxel
