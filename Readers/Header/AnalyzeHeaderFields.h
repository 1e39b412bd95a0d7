/**
 * @class   AnalyzeHeaderFields
 * @brief   The 348 bytes of an Analyze 7.5 / SPM99 / SPM2 / NIfTI-1 header, field by field, in
 *          the machine's byte order.
 *
 * One struct for the three layouts, which share their offsets: each field has its NIfTI-1 name
 * where NIfTI-1 gives the bytes a meaning, with the Analyze 7.5 (and SPM) name and use in the
 * comment, and its byte offset. Decode() only copies the bytes out; AnalyzeHeader checks them.
 */
#ifndef paravoxel_AnalyzeHeaderFields_h
#define paravoxel_AnalyzeHeaderFields_h

#include "ParaVoxelReadersModule.h" // for export macro (the reader's fuzzer compiles this class)

#include <cstddef>
#include <cstdint>

namespace paravoxel
{
struct PARAVOXELREADERS_EXPORT AnalyzeHeaderFields
{
  // Offset, field, Analyze 7.5 name and use / NIfTI-1 use.
  std::int32_t SizeofHdr;     //   0 sizeof_hdr: 348 (in the writer's byte order)
  char DataType[10];          //   4 data_type: unused
  char DbName[18];            //  14 db_name: unused
  std::int32_t Extents;       //  32 extents: unused
  std::int16_t SessionError;  //  36 session_error: unused
  char Regular;               //  38 regular: unused
  char DimInfo;               //  39 hkey_un0 / dim_info: slice ordering
  std::int16_t Dim[8];        //  40 dim: rank (1..7), then the size along each axis
  float IntentP[3];           //  56 vox_units, cal_units / intent_p1..3
  std::int16_t IntentCode;    //  68 unused1 / intent_code
  std::int16_t Datatype;      //  70 datatype: the voxels' type code
  std::int16_t Bitpix;        //  72 bitpix: bits per voxel
  std::int16_t SliceStart;    //  74 dim_un0 / slice_start
  float Pixdim[8];            //  76 pixdim: qfac (NIfTI), voxel sizes, then TR
  float VoxOffset;            // 108 vox_offset: byte offset of the voxels in the image file
  float SclSlope;             // 112 funused1: SPM scale factor / scl_slope
  float SclInter;             // 116 funused2: SPM2 intercept / scl_inter
  std::int16_t SliceEnd;      // 120 funused3 / slice_end
  char SliceCode;             // 122 funused3 / slice_code
  char XyztUnits;             // 123 funused3 / xyzt_units
  float CalMax;               // 124 cal_max: calibrated value of GlMax (SPM99 scaling)
  float CalMin;               // 128 cal_min: calibrated value of GlMin
  float SliceDuration;        // 132 compressed / slice_duration
  float Toffset;              // 136 verified / toffset
  std::int32_t GlMax;         // 140 glmax: largest stored value
  std::int32_t GlMin;         // 144 glmin: smallest stored value
  char Descrip[80];           // 148 descrip: free text
  char AuxFile[24];           // 228 aux_file
  std::int16_t QformCode;     // 252 orient and originator[0] / qform_code
  std::int16_t SformCode;     // 254 originator[1..2] / sform_code
  std::int16_t Originator[3]; // 253 originator: SPM's origin, a 1-based voxel index (unaligned)
  float QuaternB;             // 256 originator, generated / quatern_b
  float QuaternC;             // 260 quatern_c
  float QuaternD;             // 264 quatern_d
  float QoffsetX;             // 268 scannum, patient_id / qoffset_x
  float QoffsetY;             // 272 qoffset_y
  float QoffsetZ;             // 276 qoffset_z
  float Srow[3][4];           // 280 exp_date ... smin / srow_x, srow_y, srow_z
  char IntentName[16];        // 328 intent_name
  char Magic[4];              // 344 "ni1\0" (NIfTI pair), "n+1\0" (NIfTI single file)

  /** The fields of the 348 `bytes`, whose byte order is reversed first when `swap` is set. */
  static AnalyzeHeaderFields Decode(const std::uint8_t* bytes, bool swap);
};

} // namespace paravoxel

#endif
