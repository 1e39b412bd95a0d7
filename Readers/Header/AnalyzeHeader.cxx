#include "AnalyzeHeader.h"

#include "AnalyzeDataTypes.h"
#include "AnalyzeHeaderFields.h"
#include "ByteOrder.h"
#include "Nifti2HeaderFields.h"

#include "vtkSetGet.h"
#include "vtkType.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <sstream>

namespace paravoxel
{
namespace
{
// The lowest and the largest value of type T.
template <typename T>
void TypeExtremes(double& low, double& high)
{
  low = static_cast<double>(std::numeric_limits<T>::lowest());
  high = static_cast<double>(std::numeric_limits<T>::max());
}

// Upper bound on one dimension: Analyze and NIfTI-1 store dims as int16, so anything above is
// corrupt; NIfTI-2's 64-bit dims are bounded by VTK's int extents.
constexpr std::int64_t MaximumDimension = 32767;
constexpr std::int64_t MaximumNifti2Dimension = std::numeric_limits<int>::max();

template <typename Target, typename Source, std::size_t N>
void CopyArray(Target (&target)[N], const Source (&source)[N])
{
  std::copy(source, source + N, target);
}
}

struct AnalyzeHeader::Fields
{
  std::int64_t Dim[8];
  int Datatype;
  int Bitpix;
  double Pixdim[8];
  double VoxOffset;
  double SclSlope;
  double SclInter;
  double CalMax;
  double CalMin;
  int QformCode;
  int SformCode;
  double QuaternB, QuaternC, QuaternD;
  double QoffsetX, QoffsetY, QoffsetZ;
  double Srow[3][4];
  // Analyze only: SPM99's scaling range and SPM's origin field (none in NIfTI-2).
  double GlMax = 0;
  double GlMin = 0;
  std::int16_t Originator[3] = { 0, 0, 0 };

  // The fields both layouts have, under the same names.
  template <typename Layout>
  explicit Fields(const Layout& f)
    : Datatype(f.Datatype)
    , Bitpix(f.Bitpix)
    , VoxOffset(static_cast<double>(f.VoxOffset))
    , SclSlope(f.SclSlope)
    , SclInter(f.SclInter)
    , CalMax(f.CalMax)
    , CalMin(f.CalMin)
    , QformCode(f.QformCode)
    , SformCode(f.SformCode)
    , QuaternB(f.QuaternB)
    , QuaternC(f.QuaternC)
    , QuaternD(f.QuaternD)
    , QoffsetX(f.QoffsetX)
    , QoffsetY(f.QoffsetY)
    , QoffsetZ(f.QoffsetZ)
  {
    CopyArray(this->Dim, f.Dim);
    CopyArray(this->Pixdim, f.Pixdim);
    for (int row = 0; row < 3; ++row)
    {
      CopyArray(this->Srow[row], f.Srow[row]);
    }
  }
};

bool AnalyzeHeader::Parse(const std::uint8_t* bytes, std::size_t size, std::string& error)
{
  *this = AnalyzeHeader();
  std::unique_ptr<Fields> decoded;
  if (!this->DecodeFields(bytes, size, decoded, error))
  {
    return false;
  }
  const Fields& fields = *decoded;
  if (!this->ReadDimensions(fields, error) || !this->ReadDataType(fields, error))
  {
    return false;
  }
  this->ReadSpacing(fields);
  if (!this->ReadVoxelOffset(fields, error) || !this->ReadScaling(fields, error))
  {
    return false;
  }
  this->ComputeAffine(fields);
  return true;
}

bool AnalyzeHeader::DecodeFields(
  const std::uint8_t* bytes, std::size_t size, std::unique_ptr<Fields>& fields, std::string& error)
{
  if (!bytes || size < Size)
  {
    std::ostringstream msg;
    msg << "header is " << size << " bytes long, shorter than the 348 bytes of an Analyze/NIfTI-1 "
        << "header";
    error = msg.str();
    return false;
  }
  // The byte order is the one in which sizeof_hdr reads 348 (Analyze, NIfTI-1) or 540 (NIfTI-2).
  std::int32_t sizeofHdr = ByteOrder::Load<std::int32_t>(bytes, false);
  if (sizeofHdr != 348 && sizeofHdr != 540)
  {
    sizeofHdr = ByteOrder::Load<std::int32_t>(bytes, true);
    if (sizeofHdr != 348 && sizeofHdr != 540)
    {
      error = "sizeof_hdr is not 348 (Analyze/NIfTI-1) or 540 (NIfTI-2) in either byte order: not "
              "an Analyze/NIfTI header";
      return false;
    }
    this->ByteSwapped = true;
  }
  if (sizeofHdr == 348)
  {
    const AnalyzeHeaderFields analyze = AnalyzeHeaderFields::Decode(bytes, this->ByteSwapped);
    if (std::memcmp(analyze.Magic, "n+1\0", 4) == 0)
    {
      this->FileFormat = Format::NiftiSingle;
    }
    else if (std::memcmp(analyze.Magic, "ni1\0", 4) == 0)
    {
      this->FileFormat = Format::NiftiPair;
    }
    fields.reset(new Fields(analyze));
    fields->GlMax = analyze.GlMax;
    fields->GlMin = analyze.GlMin;
    CopyArray(fields->Originator, analyze.Originator);
    return true;
  }
  if (size < Nifti2Size)
  {
    error = "header is " + std::to_string(size) +
      " bytes long, shorter than the 540 bytes its sizeof_hdr declares (NIfTI-2)";
    return false;
  }
  const Nifti2HeaderFields nifti2 = Nifti2HeaderFields::Decode(bytes, this->ByteSwapped);
  // The 8-byte magic ends with the bytes that catch a file mangled by text-mode transfers.
  if (std::memcmp(nifti2.Magic, "n+2\0\r\n\032\n", 8) == 0)
  {
    this->FileFormat = Format::NiftiSingle;
  }
  else if (std::memcmp(nifti2.Magic, "ni2\0\r\n\032\n", 8) == 0)
  {
    this->FileFormat = Format::NiftiPair;
  }
  else
  {
    error = "sizeof_hdr is 540 (NIfTI-2) but the magic is not \"n+2\" or \"ni2\" followed by "
            "\\0\\r\\n\\032\\n";
    return false;
  }
  this->Nifti2 = true;
  fields.reset(new Fields(nifti2));
  return true;
}

bool AnalyzeHeader::ReadDimensions(const Fields& fields, std::string& error)
{
  // dim[0] is the rank (1..7), dim[1..rank] the sizes.
  const std::int64_t* dim = fields.Dim;
  const std::int64_t rank = dim[0];
  if (rank < 1 || rank > 7)
  {
    error = "dim[0] (the number of dimensions) is " + std::to_string(rank) + ", outside 1..7";
    return false;
  }
  const std::int64_t maximum = this->Nifti2 ? MaximumNifti2Dimension : MaximumDimension;
  std::int64_t voxels = 1;
  for (int i = 1; i <= rank; ++i)
  {
    if (dim[i] < 1 || dim[i] > maximum)
    {
      error = "dim[" + std::to_string(i) + "] is " + std::to_string(dim[i]) +
        ": every dimension must be between 1 and " + std::to_string(maximum);
      return false;
    }
    if (__builtin_mul_overflow(voxels, dim[i], &voxels))
    {
      error = "the dimensions declare more than 2^63 voxels";
      return false;
    }
  }
  for (int i = 0; i < 3; ++i)
  {
    this->Dimensions[i] = (i + 1 <= rank) ? dim[i + 1] : 1;
  }
  for (int i = 4; i <= rank; ++i)
  {
    this->Volumes *= dim[i];
  }
  return true;
}

bool AnalyzeHeader::ReadDataType(const Fields& fields, std::string& error)
{
  this->DataType = fields.Datatype;
  const AnalyzeDataTypes::Type* type = AnalyzeDataTypes::Find(this->DataType);
  if (!type)
  {
    error = "datatype " + std::to_string(this->DataType) + " (" +
      AnalyzeDataTypes::NameOfRefused(this->DataType) +
      ") is not supported; supported are uint8 (2), int16 (4), int32 (8), float32 (16), "
      "float64 (64), RGB24 (128), int8 (256), uint16 (512), uint32 (768), int64 (1024) and "
      "uint64 (1280)";
    return false;
  }
  this->ComponentSize = type->ComponentSize;
  this->Components = type->Components;
  const int bitpix = fields.Bitpix;
  if (bitpix != 0 && bitpix != 8 * type->ComponentSize * type->Components)
  {
    this->Warnings.push_back("bitpix " + std::to_string(bitpix) + " disagrees with datatype " +
      std::to_string(this->DataType) + "; the datatype is used");
  }
  return true;
}

void AnalyzeHeader::ReadSpacing(const Fields& fields)
{
  // Voxel sizes: VTK needs positive finite spacing.
  const double* pixdim = fields.Pixdim;
  static const char* axisNames[3] = { "x", "y", "z" };
  for (int i = 0; i < 3; ++i)
  {
    const double stored = pixdim[i + 1];
    // A subnormal size is no more usable than 0: VTK's index-to-world math loses it entirely.
    if (!std::isnormal(static_cast<float>(stored)))
    {
      std::ostringstream msg;
      msg << "voxel size along " << axisNames[i] << " (pixdim[" << i + 1 << "]) is " << stored
          << "; 1 is used instead";
      this->Warnings.push_back(msg.str());
      this->Spacing[i] = 1.0;
      this->StoredSpacing[i] = 1.0;
    }
    else
    {
      if (stored < 0)
      {
        std::ostringstream msg;
        msg << "voxel size along " << axisNames[i] << " (pixdim[" << i + 1 << "]) is negative ("
            << stored << "); its absolute value is used";
        this->Warnings.push_back(msg.str());
      }
      this->Spacing[i] = std::fabs(stored);
      this->StoredSpacing[i] = stored;
    }
  }
  this->QFac = pixdim[0] < 0 ? -1.0 : 1.0;
  if (fields.Dim[0] >= 4 && std::isfinite(pixdim[4]) && pixdim[4] > 0)
  {
    this->RepetitionTime = pixdim[4];
  }
}

bool AnalyzeHeader::ReadVoxelOffset(const Fields& fields, std::string& error)
{
  const double voxOffset = fields.VoxOffset;
  if (!std::isfinite(voxOffset) || voxOffset < 0 || voxOffset > 1e12)
  {
    error = "vox_offset is " + std::to_string(voxOffset) + ", not a valid byte offset";
    return false;
  }
  this->VoxelOffset = static_cast<std::uint64_t>(voxOffset);
  this->StoredVoxelOffset = this->VoxelOffset;
  const std::uint64_t headerBytes = this->Nifti2 ? Nifti2Size : Size;
  if (this->FileFormat == Format::NiftiSingle && this->VoxelOffset < headerBytes)
  {
    // NIfTI single files written by old tools leave vox_offset at 0; the data follow the header
    // and the 4-byte extension flag.
    this->VoxelOffset = headerBytes + 4;
  }
  return true;
}

bool AnalyzeHeader::ReadScaling(const Fields& fields, std::string& error)
{
  // Scaling, as nibabel reads it: NIfTI scl_slope/scl_inter; SPM2's funused1/funused2 with the
  // glmax/glmin - cal_max/cal_min fallback for plain Analyze.
  double slope = fields.SclSlope;
  double inter = fields.SclInter;
  bool valid = std::isfinite(slope) && slope != 0.0;
  if (valid && !std::isfinite(inter))
  {
    if (this->FileFormat != Format::Analyze)
    {
      // nibabel refuses such a NIfTI header ("Valid slope but invalid intercept"): guessing an
      // intercept would shift every value.
      error = "scl_slope is " + std::to_string(slope) + " but scl_inter is " +
        std::to_string(inter) + ": the values cannot be scaled";
      return false;
    }
    inter = 0.0; // SPM2's funused2: nibabel reads a non-finite one as 0
  }
  else if (this->FileFormat == Format::Analyze)
  {
    // SPM99: the stored range glmin..glmax maps onto the calibrated range cal_min..cal_max.
    const double unscaled = static_cast<double>(fields.GlMax) - fields.GlMin;
    const double scaled = static_cast<double>(fields.CalMax) - fields.CalMin;
    if (unscaled != 0.0 && scaled != 0.0 && std::isfinite(scaled))
    {
      slope = scaled / unscaled;
      inter = fields.CalMin - slope * fields.GlMin;
      valid = true;
    }
  }
  if (valid && !(slope == 1.0 && inter == 0.0))
  {
    this->Scaled = true;
    this->Slope = slope;
    this->Intercept = inter;
  }
  return true;
}

int AnalyzeHeader::ReadTransformCode(const char* field, int code)
{
  // nibabel's loader checks each code against the ones NIfTI defines (0 unknown, 1 scanner,
  // 2 aligned, 3 Talairach, 4 MNI, 5 template) and sets any other to 0: that transform is not
  // used. Reading it anyway would place the voxels where nibabel (and FSL, SPM) do not.
  if (code >= 0 && code <= MaximumTransformCode)
  {
    return code;
  }
  this->Warnings.push_back(std::string(field) + " is " + std::to_string(code) +
    ", not a code NIfTI defines (0 to " + std::to_string(MaximumTransformCode) + "); it is read " +
    "as 0, so that transform is not used, as nibabel does");
  return 0;
}

void AnalyzeHeader::ComputeAffine(const Fields& fields)
{
  auto& m = this->VoxelToWorld;
  m.fill(0.0);
  m[15] = 1.0;
  // NIfTI's sform wins over its qform; Analyze, and NIfTI with neither, get nibabel's default.
  const bool nifti = this->FileFormat != Format::Analyze;
  const int sformCode = nifti ? this->ReadTransformCode("sform_code", fields.SformCode) : 0;
  const int qformCode = nifti ? this->ReadTransformCode("qform_code", fields.QformCode) : 0;
  if (sformCode != 0)
  {
    this->ComputeSformAffine(fields);
  }
  else if (qformCode != 0)
  {
    this->ComputeQformAffine(fields);
  }
  else
  {
    this->ComputeDefaultAffine(fields);
  }
}

void AnalyzeHeader::ComputeSformAffine(const Fields& fields)
{
  for (int row = 0; row < 3; ++row)
  {
    for (int col = 0; col < 4; ++col)
    {
      this->VoxelToWorld[4 * row + col] = fields.Srow[row][col];
    }
  }
}

void AnalyzeHeader::ComputeQformAffine(const Fields& fields)
{
  auto& m = this->VoxelToWorld;
  const double b = fields.QuaternB;
  const double c = fields.QuaternC;
  const double d = fields.QuaternD;
  const double aSquared = 1.0 - (b * b + c * c + d * d);
  // As nibabel's fillpositive: a float32 rounding below 0 is a = 0; anything further is no unit
  // quaternion, hence no rotation, and nibabel refuses the header. Normalising it would invent a
  // rotation the file does not give.
  if (!(aSquared >= QuaternionTolerance))
  {
    std::ostringstream msg;
    msg << "its qform quaternion (b, c, d) = (" << b << ", " << c << ", " << d
        << ") has b^2 + c^2 + d^2 = " << 1.0 - aSquared
        << ", more than 1: it is no rotation (nibabel refuses this header)";
    this->AffineProblem = msg.str();
    // A stand-in that keeps the voxel sizes and the qform's offset, for the voxel-order output.
    const double zoom[3] = { this->Spacing[0], this->Spacing[1], this->Spacing[2] * this->QFac };
    for (int i = 0; i < 3; ++i)
    {
      m[5 * i] = zoom[i];
    }
    m[3] = fields.QoffsetX;
    m[7] = fields.QoffsetY;
    m[11] = fields.QoffsetZ;
    return;
  }
  const double a = std::sqrt(std::max(0.0, aSquared));
  const double r[9] = {
    a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c), //
    2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b), //
    2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b  //
  };
  const double zoom[3] = { this->Spacing[0], this->Spacing[1], this->Spacing[2] * this->QFac };
  for (int row = 0; row < 3; ++row)
  {
    for (int col = 0; col < 3; ++col)
    {
      m[4 * row + col] = r[3 * row + col] * zoom[col];
    }
  }
  m[3] = fields.QoffsetX;
  m[7] = fields.QoffsetY;
  m[11] = fields.QoffsetZ;
}

void AnalyzeHeader::ComputeDefaultAffine(const Fields& fields)
{
  // nibabel's default: x flipped (radiological), the world origin at SPM's origin field (1-based
  // voxel index) when it is plausible, else at the centre of the volume.
  double origin[3];
  bool useOriginField = false;
  if (this->FileFormat == Format::Analyze)
  {
    bool anyNonZero = false;
    bool plausible = true;
    for (int i = 0; i < 3; ++i)
    {
      const std::int64_t field = fields.Originator[i];
      anyNonZero = anyNonZero || field != 0;
      plausible = plausible && field > -this->Dimensions[i] && field < 2 * this->Dimensions[i];
    }
    useOriginField = anyNonZero && plausible;
    for (int i = 0; i < 3 && useOriginField; ++i)
    {
      origin[i] = fields.Originator[i] - 1.0;
    }
  }
  if (!useOriginField)
  {
    for (int i = 0; i < 3; ++i)
    {
      origin[i] = (this->Dimensions[i] - 1) / 2.0;
    }
  }
  const double zoom[3] = { -this->StoredSpacing[0], this->StoredSpacing[1],
    this->StoredSpacing[2] };
  for (int i = 0; i < 3; ++i)
  {
    this->VoxelToWorld[5 * i] = zoom[i];
    this->VoxelToWorld[4 * i + 3] = -origin[i] * zoom[i];
  }
}

bool AnalyzeHeader::DeclaresNifti2(const std::uint8_t* bytes)
{
  return ByteOrder::Load<std::int32_t>(bytes, false) == 540 ||
    ByteOrder::Load<std::int32_t>(bytes, true) == 540;
}

void AnalyzeHeader::UsePairStorage()
{
  if (this->FileFormat == Format::NiftiSingle)
  {
    this->FileFormat = Format::NiftiPair;
    this->VoxelOffset = this->StoredVoxelOffset;
  }
}

int AnalyzeHeader::GetOutputScalarType() const
{
  const int stored = this->GetStoredScalarType();
  if (!this->Scaled)
  {
    return stored;
  }
  if (stored == VTK_DOUBLE)
  {
    return VTK_DOUBLE;
  }
  if (stored == VTK_FLOAT)
  {
    return VTK_FLOAT;
  }
  // Integers: float32 unless the extremes of the stored type, scaled, overflow it.
  double low = 0, high = 0;
  switch (stored)
  {
    vtkTemplateMacro(TypeExtremes<VTK_TT>(low, high));
  }
  const double limit = std::numeric_limits<float>::max();
  for (const double value :
    { low * this->Slope + this->Intercept, high * this->Slope + this->Intercept })
  {
    if (!(std::fabs(value) <= limit))
    {
      return VTK_DOUBLE;
    }
  }
  return VTK_FLOAT;
}

bool AnalyzeHeader::GetImageBytes(std::int64_t volumes, std::uint64_t& bytes) const
{
  std::uint64_t data = 0;
  return !__builtin_mul_overflow(
           this->GetBytesPerVolume(), static_cast<std::uint64_t>(volumes), &data) &&
    !__builtin_add_overflow(data, this->VoxelOffset, &bytes);
}

int AnalyzeHeader::GetStoredScalarType() const
{
  const AnalyzeDataTypes::Type* type = AnalyzeDataTypes::Find(this->DataType);
  return type ? type->VTKType : VTK_VOID;
}

std::int64_t AnalyzeHeader::GetVoxelsPerVolume() const
{
  return this->Dimensions[0] * this->Dimensions[1] * this->Dimensions[2];
}

std::uint64_t AnalyzeHeader::GetBytesPerVolume() const
{
  return static_cast<std::uint64_t>(this->GetVoxelsPerVolume()) *
    static_cast<std::uint64_t>(this->ComponentSize * this->Components);
}

std::array<double, 3> AnalyzeHeader::GetOrigin() const
{
  return { { this->VoxelToWorld[3], this->VoxelToWorld[7], this->VoxelToWorld[11] } };
}
} // namespace paravoxel
