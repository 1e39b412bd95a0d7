#include "Nifti2HeaderFields.h"

#include "FieldDecoder.h"

namespace paravoxel
{
Nifti2HeaderFields Nifti2HeaderFields::Decode(const std::uint8_t* bytes, bool swap)
{
  const FieldDecoder read(bytes, swap);
  Nifti2HeaderFields f;
  read(0, f.SizeofHdr);
  read(4, f.Magic);
  read(12, f.Datatype);
  read(14, f.Bitpix);
  read(16, f.Dim);
  read(80, f.IntentP);
  read(104, f.Pixdim);
  read(168, f.VoxOffset);
  read(176, f.SclSlope);
  read(184, f.SclInter);
  read(192, f.CalMax);
  read(200, f.CalMin);
  read(208, f.SliceDuration);
  read(216, f.Toffset);
  read(224, f.SliceStart);
  read(232, f.SliceEnd);
  read(240, f.Descrip);
  read(320, f.AuxFile);
  read(344, f.QformCode);
  read(348, f.SformCode);
  read(352, f.QuaternB);
  read(360, f.QuaternC);
  read(368, f.QuaternD);
  read(376, f.QoffsetX);
  read(384, f.QoffsetY);
  read(392, f.QoffsetZ);
  read(400, f.Srow);
  read(496, f.SliceCode);
  read(500, f.XyztUnits);
  read(504, f.IntentCode);
  read(508, f.IntentName);
  read(524, f.DimInfo);
  read(525, f.UnusedStr);
  return f;
}
} // namespace paravoxel
