// Unit tests of paravoxel::AnalyzeHeader on headers built byte by byte, so each expectation is
// worked out by hand from the Analyze 7.5 / NIfTI-1 layouts, independently of the parser.
#include "AnalyzeHeader.h"
#include "AnalyzeHeaderFields.h"
#include "CaseName.h"

#include "vtkType.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

namespace
{
// Builds a 348-byte header (or with Nifti2(), a 540-byte NIfTI-2 one) in either byte order.
class HeaderBytes
{
public:
  explicit HeaderBytes(bool bigEndian)
    : BigEndian(bigEndian)
  {
    this->Bytes.fill(0);
    this->Put<std::int32_t>(0, 348);
    this->Dims({ 3, 4, 5, 6, 1, 1, 1, 1 });
    this->Put<std::int16_t>(70, 4); // int16
    this->Put<std::int16_t>(72, 16);
    for (int i = 0; i < 8; ++i)
    {
      this->Put<float>(76 + 4 * i, 1.0f);
    }
  }

  template <typename T>
  void Put(std::size_t offset, T value)
  {
    std::uint8_t raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));
    if (this->BigEndian)
    {
      std::reverse(raw, raw + sizeof(T));
    }
    std::memcpy(this->Bytes.data() + offset, raw, sizeof(T));
  }

  void Dims(std::initializer_list<std::int16_t> dims)
  {
    int i = 0;
    for (auto d : dims)
    {
      this->Put<std::int16_t>(40 + 2 * i++, d);
    }
  }

  void Magic(const char* magic) { std::memcpy(this->Bytes.data() + 344, magic, 4); }

  // NIfTI-2, from its layout: a single file of 4 x 5 x 6 int16 with unit voxels.
  static HeaderBytes Nifti2(bool bigEndian)
  {
    HeaderBytes bytes(bigEndian);
    bytes.Bytes.fill(0);
    bytes.Size = paravoxel::AnalyzeHeader::Nifti2Size;
    bytes.Put<std::int32_t>(0, 540);
    std::memcpy(bytes.Bytes.data() + 4, "n+2\0\r\n\032\n", 8);
    bytes.Put<std::int16_t>(12, 4);  // datatype int16
    bytes.Put<std::int16_t>(14, 16); // bitpix
    const std::int64_t dims[8] = { 3, 4, 5, 6, 1, 1, 1, 1 };
    for (int i = 0; i < 8; ++i)
    {
      bytes.Put<std::int64_t>(16 + 8 * i, dims[i]);
      bytes.Put<double>(104 + 8 * i, 1.0);
    }
    return bytes;
  }

  bool Parse(paravoxel::AnalyzeHeader& header, std::string& error) const
  {
    return header.Parse(this->Bytes.data(), this->Size, error);
  }

  std::array<std::uint8_t, paravoxel::AnalyzeHeader::MaximumSize> Bytes;
  std::size_t Size = paravoxel::AnalyzeHeader::Size;
  bool BigEndian;
};
}

TEST(AnalyzeHeaderFields, EachFieldIsReadAtItsOffsetInBothByteOrders)
{
  for (bool big : { false, true })
  {
    // Offsets from the Analyze 7.5 and NIfTI-1 layouts.
    HeaderBytes bytes(big);
    bytes.Put<std::int16_t>(72, 32);      // bitpix
    bytes.Put<float>(108, 352.0f);        // vox_offset
    bytes.Put<float>(116, -7.5f);         // scl_inter
    bytes.Put<float>(128, 0.25f);         // cal_min
    bytes.Put<std::int32_t>(144, -40000); // glmin
    bytes.Put<std::int16_t>(254, 2);      // sform_code
    bytes.Put<float>(264, 0.5f);          // quatern_d
    bytes.Put<float>(308, 9.0f);          // srow_y[3]
    bytes.Magic("n+1");
    // On this little-endian machine, the big-endian header is the swapped one.
    const auto fields = paravoxel::AnalyzeHeaderFields::Decode(bytes.Bytes.data(), big);
    EXPECT_EQ(fields.SizeofHdr, 348);
    EXPECT_EQ(fields.Dim[0], 3);
    EXPECT_EQ(fields.Dim[3], 6);
    EXPECT_EQ(fields.Datatype, 4);
    EXPECT_EQ(fields.Bitpix, 32);
    EXPECT_EQ(fields.Pixdim[7], 1.0f);
    EXPECT_EQ(fields.VoxOffset, 352.0f);
    EXPECT_EQ(fields.SclInter, -7.5f);
    EXPECT_EQ(fields.CalMin, 0.25f);
    EXPECT_EQ(fields.GlMin, -40000);
    EXPECT_EQ(fields.SformCode, 2);
    EXPECT_EQ(fields.QuaternD, 0.5f);
    EXPECT_EQ(fields.Srow[1][3], 9.0f);
    EXPECT_EQ(std::string(fields.Magic, 4), std::string("n+1", 4));

    // SPM's origin: three int16 from byte 253, across orient and the qform/sform codes.
    HeaderBytes spm(big);
    spm.Put<std::int16_t>(253, 11);
    spm.Put<std::int16_t>(255, -12);
    spm.Put<std::int16_t>(257, 13);
    const auto spmFields = paravoxel::AnalyzeHeaderFields::Decode(spm.Bytes.data(), big);
    EXPECT_EQ(spmFields.Originator[0], 11);
    EXPECT_EQ(spmFields.Originator[1], -12);
    EXPECT_EQ(spmFields.Originator[2], 13);
  }
}

TEST(AnalyzeHeader, ReadsBothByteOrders)
{
  for (bool big : { false, true })
  {
    HeaderBytes bytes(big);
    bytes.Put<float>(80, 2.0f);
    bytes.Put<float>(84, 3.0f);
    bytes.Put<float>(88, 4.0f);
    paravoxel::AnalyzeHeader header;
    std::string error;
    ASSERT_TRUE(bytes.Parse(header, error)) << error;
    // On this little-endian machine, the big-endian header is the swapped one.
    EXPECT_EQ(header.IsByteSwapped(), big);
    EXPECT_EQ(header.GetDimensions()[0], 4);
    EXPECT_EQ(header.GetDimensions()[1], 5);
    EXPECT_EQ(header.GetDimensions()[2], 6);
    EXPECT_EQ(header.GetStoredScalarType(), VTK_SHORT);
    EXPECT_EQ(header.GetBytesPerVolume(), 4u * 5u * 6u * 2u);
    EXPECT_DOUBLE_EQ(header.GetSpacing()[0], 2.0);
    EXPECT_DOUBLE_EQ(header.GetSpacing()[2], 4.0);
    EXPECT_EQ(header.GetFormat(), paravoxel::AnalyzeHeader::Format::Analyze);
    EXPECT_FALSE(header.HasScaling());
  }
}

TEST(AnalyzeHeader, AnalyzeAffineFollowsTheOriginFieldOrTheCentre)
{
  HeaderBytes bytes(false);
  bytes.Put<float>(80, 2.0f);
  paravoxel::AnalyzeHeader header;
  std::string error;
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  // No origin field: the centre voxel ((n-1)/2) is at world 0, x flipped (radiological).
  const auto& m = header.GetVoxelToWorld();
  EXPECT_DOUBLE_EQ(m[0], -2.0);
  EXPECT_DOUBLE_EQ(m[3], 1.5 * 2.0);
  EXPECT_DOUBLE_EQ(m[7], -2.0);
  EXPECT_DOUBLE_EQ(m[11], -2.5);

  // SPM origin field (1-based voxel of world 0), as unaligned int16 at byte 253.
  bytes.Put<std::int16_t>(253, 2);
  bytes.Put<std::int16_t>(255, 3);
  bytes.Put<std::int16_t>(257, 4);
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_DOUBLE_EQ(header.GetVoxelToWorld()[3], 1.0 * 2.0);
  EXPECT_DOUBLE_EQ(header.GetVoxelToWorld()[7], -2.0);
  EXPECT_DOUBLE_EQ(header.GetVoxelToWorld()[11], -3.0);
  EXPECT_DOUBLE_EQ(header.GetOrigin()[0], 2.0);
}

TEST(AnalyzeHeader, SpmScaleFactorAndIntercept)
{
  HeaderBytes bytes(true);
  bytes.Put<float>(112, 0.5f);
  bytes.Put<float>(116, 10.0f);
  paravoxel::AnalyzeHeader header;
  std::string error;
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_TRUE(header.HasScaling());
  EXPECT_DOUBLE_EQ(header.GetScaleSlope(), 0.5);
  EXPECT_DOUBLE_EQ(header.GetScaleIntercept(), 10.0);

  // Slope 1, intercept 0 is the identity: voxels keep their type.
  bytes.Put<float>(112, 1.0f);
  bytes.Put<float>(116, 0.0f);
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_FALSE(header.HasScaling());

  // Slope 0: SPM2 falls back to cal_max/cal_min over glmax/glmin.
  bytes.Put<float>(112, 0.0f);
  bytes.Put<float>(124, 2.0f);       // cal_max
  bytes.Put<float>(128, 1.0f);       // cal_min
  bytes.Put<std::int32_t>(140, 110); // glmax
  bytes.Put<std::int32_t>(144, 10);  // glmin
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_TRUE(header.HasScaling());
  EXPECT_DOUBLE_EQ(header.GetScaleSlope(), 0.01);
  EXPECT_DOUBLE_EQ(header.GetScaleIntercept(), 1.0 - 0.01 * 10);
}

namespace
{
// Writes an sform (srow_x, srow_y, srow_z) that swaps x and y; returns its rows.
const float* PutSform(HeaderBytes& bytes)
{
  static const float rows[12] = { 0, -2, 0, 5, 3, 0, 0, 6, 0, 0, 4, 7 };
  for (int i = 0; i < 12; ++i)
  {
    bytes.Put<float>(280 + 4 * i, rows[i]);
  }
  return rows;
}
}

TEST(AnalyzeHeader, NiftiSingleFileOffsetScalingAndSform)
{
  HeaderBytes bytes(false);
  bytes.Magic("n+1");
  bytes.Put<float>(108, 0.0f);     // old writers: vox_offset 0 means right after the header
  bytes.Put<float>(112, 0.0f);     // scl_slope 0: no scaling
  bytes.Put<std::int16_t>(254, 1); // sform_code
  const float* rows = PutSform(bytes);
  paravoxel::AnalyzeHeader header;
  std::string error;
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_EQ(header.GetFormat(), paravoxel::AnalyzeHeader::Format::NiftiSingle);
  EXPECT_EQ(header.GetVoxelOffset(), 352u);
  EXPECT_FALSE(header.HasScaling());
  for (int i = 0; i < 12; ++i)
  {
    EXPECT_DOUBLE_EQ(header.GetVoxelToWorld()[i], rows[i]) << i;
  }
  EXPECT_DOUBLE_EQ(header.GetOrigin()[1], 6.0);
}

TEST(AnalyzeHeader, NiftiQformWithNegativeQfac)
{
  HeaderBytes bytes(false);
  bytes.Magic("ni1");
  bytes.Put<float>(76, -1.0f); // qfac
  bytes.Put<float>(80, 2.0f);
  bytes.Put<float>(84, 3.0f);
  bytes.Put<float>(88, 4.0f);
  bytes.Put<std::int16_t>(252, 1); // qform_code; quaternion b = c = d = 0: identity rotation
  bytes.Put<float>(268, -10.0f);
  paravoxel::AnalyzeHeader header;
  std::string error;
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_EQ(header.GetFormat(), paravoxel::AnalyzeHeader::Format::NiftiPair);
  const auto& m = header.GetVoxelToWorld();
  EXPECT_DOUBLE_EQ(m[0], 2.0);
  EXPECT_DOUBLE_EQ(m[5], 3.0);
  EXPECT_DOUBLE_EQ(m[10], -4.0);
  EXPECT_DOUBLE_EQ(m[3], -10.0);

  // A 90 degree turn about z: b = c = 0, d = sin(45 deg).
  bytes.Put<float>(264, static_cast<float>(std::sqrt(0.5)));
  bytes.Put<float>(76, 1.0f);
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_NEAR(header.GetVoxelToWorld()[0], 0.0, 1e-6);
  EXPECT_NEAR(header.GetVoxelToWorld()[1], -3.0, 1e-6);
  EXPECT_NEAR(header.GetVoxelToWorld()[4], 2.0, 1e-6);
}

// nibabel's loader reads a transform code NIfTI does not define as 0: the sform is not used, the
// qform (or the default) is, and the code is named in a warning.
TEST(AnalyzeHeader, UndefinedTransformCodesAreReadAsZero)
{
  for (const std::int16_t code : { 99, -1, 6, 32767 })
  {
    HeaderBytes bytes(false);
    bytes.Magic("n+1");
    bytes.Put<float>(80, 2.0f);
    bytes.Put<std::int16_t>(254, code); // sform_code
    bytes.Put<std::int16_t>(252, 1);    // qform_code; quaternion 0: identity rotation
    bytes.Put<float>(268, -10.0f);
    PutSform(bytes);
    paravoxel::AnalyzeHeader header;
    std::string error;
    ASSERT_TRUE(bytes.Parse(header, error)) << error;
    const auto& m = header.GetVoxelToWorld();
    EXPECT_DOUBLE_EQ(m[0], 2.0) << code; // the qform's, not the sform's 0
    EXPECT_DOUBLE_EQ(m[3], -10.0) << code;
    ASSERT_EQ(header.GetWarnings().size(), 1u) << code;
    EXPECT_EQ(header.GetWarnings()[0].rfind("sform_code is " + std::to_string(code) +
                  ", not a code NIfTI defines (0 to 5); it is read as 0",
                0),
      0u)
      << header.GetWarnings()[0];
    EXPECT_TRUE(header.GetAffineProblem().empty());
  }
  // Code 5 (template) is defined: its sform is used without a word.
  HeaderBytes bytes(false);
  bytes.Magic("n+1");
  bytes.Put<std::int16_t>(254, 5);
  bytes.Put<float>(280, 7.0f);
  paravoxel::AnalyzeHeader header;
  std::string error;
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_DOUBLE_EQ(header.GetVoxelToWorld()[0], 7.0);
  EXPECT_TRUE(header.GetWarnings().empty());
}

// A quaternion with b^2 + c^2 + d^2 > 1 is no rotation: nibabel refuses it (beyond three float32
// epsilons of rounding), so the header has an affine problem instead of a normalised rotation.
TEST(AnalyzeHeader, QformQuaternionLongerThanOneIsAProblem)
{
  HeaderBytes bytes(false);
  bytes.Magic("n+1");
  bytes.Put<float>(80, 2.0f);
  bytes.Put<std::int16_t>(252, 1); // qform_code
  bytes.Put<float>(256, 0.8f);     // quatern_b, c, d: b^2 + c^2 + d^2 = 1.14
  bytes.Put<float>(260, 0.7f);
  bytes.Put<float>(264, 0.1f);
  bytes.Put<float>(268, -10.0f);
  paravoxel::AnalyzeHeader header;
  std::string error;
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_NE(header.GetAffineProblem().find("b^2 + c^2 + d^2 = 1.14"), std::string::npos)
    << header.GetAffineProblem();
  EXPECT_NE(header.GetAffineProblem().find("nibabel refuses"), std::string::npos);
  // The stand-in: voxel sizes and the qform's offset, no rotation.
  EXPECT_DOUBLE_EQ(header.GetVoxelToWorld()[0], 2.0);
  EXPECT_DOUBLE_EQ(header.GetVoxelToWorld()[1], 0.0);
  EXPECT_DOUBLE_EQ(header.GetVoxelToWorld()[3], -10.0);

  // Rounding of a unit quaternion in float32 is accepted, as nibabel does (a = 0).
  bytes.Put<float>(256, 1.0000001f);
  bytes.Put<float>(260, 0.0f);
  bytes.Put<float>(264, 0.0f);
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_TRUE(header.GetAffineProblem().empty()) << header.GetAffineProblem();
  EXPECT_NEAR(header.GetVoxelToWorld()[5], -1.0, 1e-6);
}

TEST(AnalyzeHeader, RgbAndNiftiIntegerTypes)
{
  HeaderBytes bytes(false);
  bytes.Put<std::int16_t>(70, 128);
  paravoxel::AnalyzeHeader header;
  std::string error;
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_EQ(header.GetNumberOfComponents(), 3);
  EXPECT_EQ(header.GetStoredScalarType(), VTK_UNSIGNED_CHAR);
  EXPECT_EQ(header.GetBytesPerVolume(), 4u * 5u * 6u * 3u);
  const std::pair<int, int> types[] = { { 2, VTK_UNSIGNED_CHAR }, { 8, VTK_INT }, { 16, VTK_FLOAT },
    { 64, VTK_DOUBLE }, { 256, VTK_SIGNED_CHAR }, { 512, VTK_UNSIGNED_SHORT },
    { 768, VTK_UNSIGNED_INT }, { 1024, VTK_LONG_LONG }, { 1280, VTK_UNSIGNED_LONG_LONG } };
  for (const auto& type : types)
  {
    bytes.Put<std::int16_t>(70, static_cast<std::int16_t>(type.first));
    ASSERT_TRUE(bytes.Parse(header, error)) << error;
    EXPECT_EQ(header.GetStoredScalarType(), type.second) << type.first;
  }
}

TEST(AnalyzeHeader, BadVoxelSizesBecomeOneWithWarnings)
{
  HeaderBytes bytes(false);
  bytes.Put<float>(80, std::numeric_limits<float>::quiet_NaN());
  bytes.Put<float>(84, 0.0f);
  bytes.Put<float>(88, -2.5f);
  paravoxel::AnalyzeHeader header;
  std::string error;
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_DOUBLE_EQ(header.GetSpacing()[0], 1.0);
  EXPECT_DOUBLE_EQ(header.GetSpacing()[1], 1.0);
  EXPECT_DOUBLE_EQ(header.GetSpacing()[2], 2.5);
  ASSERT_EQ(header.GetWarnings().size(), 3u);
  EXPECT_NE(header.GetWarnings()[0].find("pixdim[1]"), std::string::npos);
}

TEST(AnalyzeHeader, FourDimensionsCountVolumesAndRepetitionTime)
{
  HeaderBytes bytes(false);
  bytes.Dims({ 4, 4, 5, 6, 12, 1, 1, 1 });
  bytes.Put<float>(92, 3.22f);
  paravoxel::AnalyzeHeader header;
  std::string error;
  ASSERT_TRUE(bytes.Parse(header, error)) << error;
  EXPECT_EQ(header.GetNumberOfVolumes(), 12);
  EXPECT_NEAR(header.GetRepetitionTime(), 3.22, 1e-6);
}

TEST(AnalyzeHeader, ReadsNifti2WithWideFields)
{
  for (bool big : { false, true })
  {
    HeaderBytes bytes = HeaderBytes::Nifti2(big);
    bytes.Put<std::int64_t>(24, 70000);        // dim[1]: past NIfTI-1's int16
    bytes.Put<double>(112, 0.75);              // pixdim[1]
    bytes.Put<std::int32_t>(348, 2);           // sform_code
    bytes.Put<double>(400, 0.123456789012345); // srow_x[0]: more digits than float32
    bytes.Put<double>(424, -90.000000012);     // srow_x[3]
    bytes.Put<double>(440, 2.0);               // srow_y[1]
    bytes.Put<double>(480, 3.0);               // srow_z[2]
    bytes.Put<double>(176, 2.5);               // scl_slope
    bytes.Put<double>(184, -1e-9);             // scl_inter
    paravoxel::AnalyzeHeader header;
    std::string error;
    ASSERT_TRUE(bytes.Parse(header, error)) << error;
    EXPECT_TRUE(header.IsNifti2());
    EXPECT_EQ(header.IsByteSwapped(), big);
    EXPECT_EQ(header.GetFormat(), paravoxel::AnalyzeHeader::Format::NiftiSingle);
    EXPECT_EQ(header.GetDimensions()[0], 70000);
    EXPECT_EQ(header.GetSpacing()[0], 0.75);
    EXPECT_EQ(header.GetVoxelOffset(), 544u); // vox_offset 0: after the header and extension flag
    EXPECT_EQ(header.GetVoxelToWorld()[0], 0.123456789012345);
    EXPECT_EQ(header.GetVoxelToWorld()[3], -90.000000012);
    EXPECT_EQ(header.GetVoxelToWorld()[5], 2.0);
    EXPECT_EQ(header.GetScaleSlope(), 2.5);
    EXPECT_EQ(header.GetScaleIntercept(), -1e-9);
  }
}

namespace
{
// A header broken in one way, which Parse refuses with an error holding `Words`.
// A NIfTI-2 first dimension of 2^40.
void DimensionTooLong(HeaderBytes& h)
{
  h.Put<std::int64_t>(24, std::int64_t(1) << 40);
}

struct BrokenCase
{
  const char* Name;
  bool Nifti2;
  bool BigEndian;
  std::function<void(HeaderBytes&)> Break;
  const char* Words;
};

// Printed by its name (see CaseName.h).
void PrintTo(const BrokenCase& c, std::ostream* os)
{
  *os << c.Name;
}

const BrokenCase BrokenCases[] = {
  { "ShorterThan348", false, false, [](HeaderBytes& h) { h.Size = 200; }, "200 bytes" },
  { "SizeofHdr", false, false, [](HeaderBytes& h) { h.Put<std::int32_t>(0, 349); }, "sizeof_hdr" },
  { "RankZero", false, false, [](HeaderBytes& h) { h.Put<std::int16_t>(40, 0); }, "dim[0]" },
  { "NegativeDimension", false, false, [](HeaderBytes& h) { h.Put<std::int16_t>(44, -3); },
    "dim[2] is -3" },
  { "Complex64", false, false, [](HeaderBytes& h) { h.Put<std::int16_t>(70, 32); }, "complex64" },
  { "NegativeVoxOffset", false, false, [](HeaderBytes& h) { h.Put<float>(108, -5.0f); },
    "vox_offset" },
  { "Nifti2ShorterThan540", true, false, [](HeaderBytes& h) { h.Size = 400; },
    "shorter than the 540 bytes" },
  // "\r\n" turned into "\n\n" by a text-mode transfer.
  { "Nifti2MangledMagic", true, false, [](HeaderBytes& h) { h.Bytes[8] = '\n'; }, "magic" },
  { "Nifti2MoreThan2To63Voxels", true, true,
    [](HeaderBytes& h)
    {
      for (int i = 1; i <= 3; ++i)
      {
        h.Put<std::int64_t>(16 + 8 * i, 2147483647);
      }
      h.Put<std::int64_t>(16, 4);
      h.Put<std::int64_t>(48, 2147483647);
    },
    "more than 2^63 voxels" },
  { "Nifti2DimensionTooLong", true, false, DimensionTooLong, "between 1 and 2147483647" },
};

class AnalyzeHeaderBroken : public ::testing::TestWithParam<BrokenCase>
{
};
}

TEST_P(AnalyzeHeaderBroken, RefusedWithTheReason)
{
  const BrokenCase& broken = GetParam();
  HeaderBytes bytes =
    broken.Nifti2 ? HeaderBytes::Nifti2(broken.BigEndian) : HeaderBytes(broken.BigEndian);
  broken.Break(bytes);
  paravoxel::AnalyzeHeader header;
  std::string error;
  EXPECT_FALSE(bytes.Parse(header, error));
  EXPECT_NE(error.find(broken.Words), std::string::npos) << error;
}

INSTANTIATE_TEST_SUITE_P(
  AnalyzeHeader, AnalyzeHeaderBroken, ::testing::ValuesIn(BrokenCases), paravoxel_test::CaseName());
