#include "AnalyzeHeaderFields.h"

#include "FieldDecoder.h"

namespace paravoxel
{
AnalyzeHeaderFields AnalyzeHeaderFields::Decode(const std::uint8_t* bytes, bool swap)
{
  const FieldDecoder read(bytes, swap);
  AnalyzeHeaderFields f;
  read(0, f.SizeofHdr);
  read(4, f.DataType);
  read(14, f.DbName);
  read(32, f.Extents);
  read(36, f.SessionError);
  read(38, f.Regular);
  read(39, f.DimInfo);
  read(40, f.Dim);
  read(56, f.IntentP);
  read(68, f.IntentCode);
  read(70, f.Datatype);
  read(72, f.Bitpix);
  read(74, f.SliceStart);
  read(76, f.Pixdim);
  read(108, f.VoxOffset);
  read(112, f.SclSlope);
  read(116, f.SclInter);
  read(120, f.SliceEnd);
  read(122, f.SliceCode);
  read(123, f.XyztUnits);
  read(124, f.CalMax);
  read(128, f.CalMin);
  read(132, f.SliceDuration);
  read(136, f.Toffset);
  read(140, f.GlMax);
  read(144, f.GlMin);
  read(148, f.Descrip);
  read(228, f.AuxFile);
  read(252, f.QformCode);
  read(254, f.SformCode);
  read(253, f.Originator);
  read(256, f.QuaternB);
  read(260, f.QuaternC);
  read(264, f.QuaternD);
  read(268, f.QoffsetX);
  read(272, f.QoffsetY);
  read(276, f.QoffsetZ);
  read(280, f.Srow);
  read(328, f.IntentName);
  read(344, f.Magic);
  return f;
}
} // namespace paravoxel
