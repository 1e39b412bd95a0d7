/**
 * @class   Nifti2HeaderFields
 * @brief   The 540 bytes of a NIfTI-2 header, field by field, in the machine's byte order.
 *
 * NIfTI-2 keeps NIfTI-1's fields with wider types (64-bit dimensions and offsets, double
 * precision voxel sizes, scaling and affines) in a new order, and drops Analyze's leftovers.
 * Each field has its NIfTI-2 name and byte offset in the comment. Decode() only copies the
 * bytes out; AnalyzeHeader checks them.
 */
#ifndef paravoxel_Nifti2HeaderFields_h
#define paravoxel_Nifti2HeaderFields_h

#include "ParaVoxelReadersModule.h" // for export macro (the reader's fuzzer compiles this class)

#include <cstddef>
#include <cstdint>

namespace paravoxel
{
struct PARAVOXELREADERS_EXPORT Nifti2HeaderFields
{
  // Offset, field and use.
  std::int32_t SizeofHdr;  //   0 sizeof_hdr: 540 (in the writer's byte order)
  char Magic[8];           //   4 magic: "ni2\0\r\n\032\n" (pair), "n+2\0\r\n\032\n" (single)
  std::int16_t Datatype;   //  12 datatype: the voxels' type code
  std::int16_t Bitpix;     //  14 bitpix: bits per voxel
  std::int64_t Dim[8];     //  16 dim: rank (1..7), then the size along each axis
  double IntentP[3];       //  80 intent_p1..3
  double Pixdim[8];        // 104 pixdim: qfac, voxel sizes, then TR
  std::int64_t VoxOffset;  // 168 vox_offset: byte offset of the voxels in the image file
  double SclSlope;         // 176 scl_slope
  double SclInter;         // 184 scl_inter
  double CalMax;           // 192 cal_max
  double CalMin;           // 200 cal_min
  double SliceDuration;    // 208 slice_duration
  double Toffset;          // 216 toffset
  std::int64_t SliceStart; // 224 slice_start
  std::int64_t SliceEnd;   // 232 slice_end
  char Descrip[80];        // 240 descrip: free text
  char AuxFile[24];        // 320 aux_file
  std::int32_t QformCode;  // 344 qform_code
  std::int32_t SformCode;  // 348 sform_code
  double QuaternB;         // 352 quatern_b
  double QuaternC;         // 360 quatern_c
  double QuaternD;         // 368 quatern_d
  double QoffsetX;         // 376 qoffset_x
  double QoffsetY;         // 384 qoffset_y
  double QoffsetZ;         // 392 qoffset_z
  double Srow[3][4];       // 400 srow_x, srow_y, srow_z
  std::int32_t SliceCode;  // 496 slice_code
  std::int32_t XyztUnits;  // 500 xyzt_units
  std::int32_t IntentCode; // 504 intent_code
  char IntentName[16];     // 508 intent_name
  char DimInfo;            // 524 dim_info: slice ordering
  char UnusedStr[15];      // 525 unused_str

  /** The fields of the 540 `bytes`, whose byte order is reversed first when `swap` is set. */
  static Nifti2HeaderFields Decode(const std::uint8_t* bytes, bool swap);
};

} // namespace paravoxel

#endif
