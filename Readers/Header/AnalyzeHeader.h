/**
 * @class   AnalyzeHeader
 * @brief   Parses and validates a 348-byte Analyze 7.5 / SPM99 / SPM2 / NIfTI-1 header or a
 *          540-byte NIfTI-2 header.
 *
 * A plain value class (no VTK pipeline), so that the parser can be tested and fuzzed on its own.
 * Parse() never trusts the bytes: byte order comes from sizeof_hdr, every dimension, datatype
 * and voxel size is checked, and the meaning of each field follows nibabel (the reference the
 * tests compare against): SPM2's scale factor and intercept, SPM's origin field, NIfTI's
 * sform/qform and scl_slope/scl_inter. NIfTI-2 has the meaning of NIfTI-1 with wider fields
 * (64-bit dimensions, double precision affines); both layouts are read into the same values.
 */
#ifndef paravoxel_AnalyzeHeader_h
#define paravoxel_AnalyzeHeader_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace paravoxel
{
class PARAVOXELREADERS_EXPORT AnalyzeHeader
{
public:
  enum class Format
  {
    Analyze,    // Analyze 7.5 with SPM99/SPM2 extensions: .hdr + .img
    NiftiPair,  // NIfTI-1, magic "ni1": .hdr + .img
    NiftiSingle // NIfTI-1, magic "n+1", or NIfTI-2, "n+2": one .nii file, voxels at vox_offset
  };

  /** Bytes of an Analyze/NIfTI-1 header, of a NIfTI-2 header, and the most a header takes. */
  static constexpr std::size_t Size = 348;
  static constexpr std::size_t Nifti2Size = 540;
  static constexpr std::size_t MaximumSize = Nifti2Size;

  /**
   * Parse the first `size` bytes of a header. Returns false and sets `error` (a sentence that
   * names what is wrong) when the bytes are not a usable header.
   */
  bool Parse(const std::uint8_t* bytes, std::size_t size, std::string& error);

  /**
   * The header came from a `.hdr` file: its voxels are in the `.img` at vox_offset as stored,
   * even when its magic is the single-file "n+1" (nibabel reads such pairs so).
   */
  void UsePairStorage();

  Format GetFormat() const { return this->FileFormat; }
  /** Whether the header is NIfTI-2 (540 bytes) rather than Analyze/NIfTI-1 (348). */
  bool IsNifti2() const { return this->Nifti2; }
  /** The bytes the header takes: 540 for NIfTI-2, else 348. */
  std::size_t GetSize() const { return this->Nifti2 ? Nifti2Size : Size; }
  /** Whether the first 348 `bytes` of a header say (by sizeof_hdr) that it is a NIfTI-2 one. */
  static bool DeclaresNifti2(const std::uint8_t* bytes);
  bool IsByteSwapped() const { return this->ByteSwapped; }

  /** Datatype code as stored (2 uint8, 4 int16, 8 int32, 16 float32, 64 float64, 128 RGB24...). */
  int GetDataTypeCode() const { return this->DataType; }
  /** The VTK scalar type of the stored voxels (VTK_UNSIGNED_CHAR for RGB24). */
  int GetStoredScalarType() const;
  /** Bytes of one component, and components per voxel (3 for RGB24). */
  int GetComponentSize() const { return this->ComponentSize; }
  int GetNumberOfComponents() const { return this->Components; }

  /** Voxel counts along i, j, k, and the number of 3D volumes (dim[4..7] multiplied). */
  const std::array<std::int64_t, 3>& GetDimensions() const { return this->Dimensions; }
  std::int64_t GetNumberOfVolumes() const { return this->Volumes; }
  std::int64_t GetVoxelsPerVolume() const;
  std::uint64_t GetBytesPerVolume() const;

  /**
   * Bytes the image file must hold for `volumes` volumes from vox_offset on, or false when
   * that number does not fit in 64 bits (then no image can be that large).
   */
  bool GetImageBytes(std::int64_t volumes, std::uint64_t& bytes) const;

  /** Voxel sizes as stored (pixdim[1..3]) and the spacing used for output: their absolute value,
   * 1 where a size is 0, subnormal, NaN or infinite. `warnings` collects what was fixed. */
  const std::array<double, 3>& GetSpacing() const { return this->Spacing; }
  const std::vector<std::string>& GetWarnings() const { return this->Warnings; }

  /** Offset of the first voxel in the image file (vox_offset). */
  std::uint64_t GetVoxelOffset() const { return this->VoxelOffset; }

  /** Repetition time (pixdim[4]) when positive, else 0. */
  double GetRepetitionTime() const { return this->RepetitionTime; }

  /** Whether stored values are mapped by value * slope + intercept (false when the mapping is
   * absent or the identity, in which case voxels keep their stored type). */
  bool HasScaling() const { return this->Scaled; }
  double GetScaleSlope() const { return this->Slope; }
  double GetScaleIntercept() const { return this->Intercept; }

  /**
   * The VTK type of the values read: the stored type without scaling; with scaling, float32 as
   * nibabel gives it (float64 for float64 data, and for integer data whose scaled range
   * overflows float32, as nibabel's apply_read_scaling chooses).
   */
  int GetOutputScalarType() const;

  /** The largest sform_code and qform_code NIfTI defines (5, template); others are read as 0. */
  static constexpr int MaximumTransformCode = 5;
  /** How far below 0 1 - (b² + c² + d²) of a qform quaternion may be: nibabel's threshold, three
   * float32 epsilons (rounding of unit quaternions stored in float32). */
  static constexpr double QuaternionTolerance = -3 * 1.1920928955078125e-07;

  /** nibabel's voxel-to-world affine for this header (row-major 4x4). */
  const std::array<double, 16>& GetVoxelToWorld() const { return this->VoxelToWorld; }
  /**
   * Why the header's transform cannot place the voxels where nibabel refuses it (a qform
   * quaternion that is no rotation), or "". GetVoxelToWorld() then holds a stand-in (voxel
   * sizes and offset, no rotation), for voxel-order output only.
   */
  const std::string& GetAffineProblem() const { return this->AffineProblem; }
  /** World position of voxel (0,0,0) along axes with positive spacing: the translation of the
   * affine when its rotation part is diagonal, else the affine's translation column. */
  std::array<double, 3> GetOrigin() const;

private:
  // The fields Parse() uses, from either layout, in types wide enough for both.
  struct Fields;

  // The steps of Parse(), in order; those returning bool stop it with `error` set.
  bool DecodeFields(const std::uint8_t* bytes, std::size_t size, std::unique_ptr<Fields>& fields,
    std::string& error);
  bool ReadDimensions(const Fields& fields, std::string& error);
  bool ReadDataType(const Fields& fields, std::string& error);
  void ReadSpacing(const Fields& fields);
  bool ReadVoxelOffset(const Fields& fields, std::string& error);
  bool ReadScaling(const Fields& fields, std::string& error);
  int ReadTransformCode(const char* field, int code);
  void ComputeAffine(const Fields& fields);
  void ComputeSformAffine(const Fields& fields);
  void ComputeQformAffine(const Fields& fields);
  void ComputeDefaultAffine(const Fields& fields);

  Format FileFormat = Format::Analyze;
  bool Nifti2 = false;
  bool ByteSwapped = false;
  int DataType = 0;
  int ComponentSize = 0;
  int Components = 1;
  std::array<std::int64_t, 3> Dimensions{ { 0, 0, 0 } };
  std::int64_t Volumes = 1;
  std::array<double, 3> Spacing{ { 1, 1, 1 } };
  std::array<double, 3> StoredSpacing{ { 1, 1, 1 } };
  double QFac = 1;
  double RepetitionTime = 0;
  std::uint64_t VoxelOffset = 0;
  std::uint64_t StoredVoxelOffset = 0;
  bool Scaled = false;
  double Slope = 1;
  double Intercept = 0;
  std::array<double, 16> VoxelToWorld{};
  std::string AffineProblem;
  std::vector<std::string> Warnings;
};

} // namespace paravoxel

#endif
