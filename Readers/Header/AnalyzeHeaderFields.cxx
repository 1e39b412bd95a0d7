#include "AnalyzeHeaderFields.h"

#include "FieldDecoder.h"

namespace paravoxel
{
AnalyzeHeaderFields AnalyzeHeaderFields::Decode(const std::uint8_t* bytes, bool swap)
{
  const FieldDecoder read(bytes, swap);
  AnalyzeHeaderFields f;
  // Back to back from byte 0 to 348, as in the layout; SPM's origin overlays bytes 253..258.
  read.InOrder<0, 348>(f.SizeofHdr, f.DataType, f.DbName, f.Extents, f.SessionError, f.Regular,
    f.DimInfo, f.Dim, f.IntentP, f.IntentCode, f.Datatype, f.Bitpix, f.SliceStart, f.Pixdim,
    f.VoxOffset, f.SclSlope, f.SclInter, f.SliceEnd, f.SliceCode, f.XyztUnits, f.CalMax, f.CalMin,
    f.SliceDuration, f.Toffset, f.GlMax, f.GlMin, f.Descrip, f.AuxFile, f.QformCode, f.SformCode,
    f.QuaternB, f.QuaternC, f.QuaternD, f.QoffsetX, f.QoffsetY, f.QoffsetZ, f.Srow, f.IntentName,
    f.Magic);
  read(253, f.Originator);
  return f;
}
} // namespace paravoxel
