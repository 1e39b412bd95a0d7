// Exploded Voxels on small hand-built images: which faces are made (the seed pattern, solid,
// single and empty volumes), the thresholds (bounds, norm or component, every value type with its
// extremes, NaN and infinities), the gap and interior faces. Every face is matched against the
// reference of ExplodedVoxelsReference.h, with one thread and with several.
#include "ExplodedVoxelsReference.h"

#include <limits>
#include <random>
#include <vector>

namespace
{
// The filter tests' shared fixture and helpers (FilterTestHelpers.h), and the Exploded Voxels
// options, reference and checks (ExplodedVoxelsReference.h).
using namespace paravoxel_test;
using namespace paravoxel_test::exploded_voxels;
using ExplodedVoxels = FilterTest;

// The tutorial's 3 x 3 x 3 pattern, [I][J][K].
constexpr unsigned char Seed[3][3][3] = { { { 1, 0, 1 }, { 0, 0, 1 }, { 0, 1, 0 } },
  { { 0, 1, 1 }, { 1, 0, 0 }, { 1, 0, 1 } }, { { 1, 1, 0 }, { 1, 1, 1 }, { 0, 0, 0 } } };

std::vector<unsigned char> SeedValues()
{
  std::vector<unsigned char> values;
  for (int K = 0; K < 3; ++K)
  {
    for (int J = 0; J < 3; ++J)
    {
      for (int I = 0; I < 3; ++I)
      {
        values.push_back(Seed[I][J][K]);
      }
    }
  }
  return values;
}
}

TEST_F(ExplodedVoxels, SeedPatternHasItsFaces)
{
  const auto values = MakeArray("v", 1, SeedValues());
  // 14 filled voxels: 62 faces towards empty voxels or the border, 84 in all.
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), values, Options()), 62);
  Options interior;
  interior.KeepInteriorFaces = true;
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), values, interior), 84);
}

TEST_F(ExplodedVoxels, SolidSingleAndEmptyVolumes)
{
  Options interior;
  interior.KeepInteriorFaces = true;
  const auto full = MakeArray("v", 1, std::vector<short>(27, 7));
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), full, Options()), 54);
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), full, interior), 162);

  std::vector<short> single(27, 0);
  single[13] = 1;
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), MakeArray("v", 1, single), Options()), 6);
  EXPECT_EQ(CheckFaces(Block(1, 1, 1), MakeArray("v", 1, std::vector<short>{ 1 }), Options()), 6);

  const auto empty = MakeArray("v", 1, std::vector<short>(27, 0));
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), empty, Options()), 0);
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), empty, interior), 0);

  vtkNew<MessageCollector> messages;
  ExpectNothingFromNothing<vtkPolyData>(MakeFilter(Options(), messages), messages);
}

TEST_F(ExplodedVoxels, ThresholdsAreExclusiveBelowInclusiveAbove)
{
  std::vector<double> ramp(4 * 3 * 2);
  for (std::size_t n = 0; n < ramp.size(); ++n)
  {
    ramp[n] = static_cast<double>(n) - 6.0;
  }
  const auto values = MakeArray("v", 1, ramp);
  const Layout layout = Block(4, 3, 2);
  // (lower, upper, filled voxels): v in (lower, upper].
  const double cases[][3] = { { 0.0, Infinity, 17 }, { -6.0, 17.0, 23 }, { -7.0, 17.0, 24 },
    { 2.0, 2.0, 0 }, { 1.5, 2.0, 1 }, { 3.0, 1.0, 0 }, { -Infinity, -6.0, 1 }, { -2.5, 4.25, 7 } };
  for (const auto& thresholds : cases)
  {
    Options options;
    options.Lower = thresholds[0];
    options.Upper = thresholds[1];
    options.KeepInteriorFaces = true;
    EXPECT_EQ(CheckFaces(layout, values, options), 6 * static_cast<vtkIdType>(thresholds[2]))
      << "(" << thresholds[0] << ", " << thresholds[1] << "]";
    options.KeepInteriorFaces = false;
    CheckFaces(layout, values, options);
  }
}

TEST_F(ExplodedVoxels, ThresholdNormOrComponent)
{
  // Three components: the norm by default, or the chosen component.
  std::vector<float> rgb;
  std::mt19937 generator(7);
  for (int n = 0; n < 5 * 4 * 3 * 3; ++n)
  {
    rgb.push_back(static_cast<float>(static_cast<int>(generator() % 9) - 4) * 0.5f);
  }
  const auto values = MakeArray("rgb", 3, rgb);
  values->SetComponentName(1, "green");
  const Layout layout = Block(5, 4, 3);
  for (int component = -1; component < 3; ++component)
  {
    for (const double lower : { 0.0, 1.2 })
    {
      Options options;
      options.Component = component;
      options.Lower = lower;
      options.Upper = 2.5;
      EXPECT_GT(CheckFaces(layout, values, options), 0) << "component " << component;
      options.Gap = 0.5;
      CheckFaces(layout, values, options);
    }
  }

  // The carried array keeps its component names.
  vtkNew<MessageCollector> messages;
  auto filter = MakeFilter(Options(), messages);
  filter->SetInputData(MakeImage(layout, values));
  auto output = UpdateWithThreads<vtkPolyData>(filter, messages);
  ASSERT_NE(output->GetCellData()->GetArray("rgb"), nullptr);
  EXPECT_STREQ(output->GetCellData()->GetArray("rgb")->GetComponentName(1), "green");
}

TEST_F(ExplodedVoxels, Uint64LabelsBeyondLongLong)
{
  // fuzz_filters: a one-component integer array is a label image, whose label range was cast
  // from double to long long, undefined beyond 2^63 (UBSan's report, Regressions/filters).
  const Layout layout = Block(3, 2, 2);
  const std::vector<unsigned long long> values = { 0, 1, 18446744073709551615ULL, 5,
    9223372036854775808ULL, 0, 7, 0, 18446744073709551615ULL, 2, 0, 3 };
  EXPECT_GT(CheckFaces(layout, MakeArray("v", 1, values), Options()), 0);
}

TEST_F(ExplodedVoxels, GapAndInteriorFaces)
{
  const Layout layout = Block(4, 5, 3);
  const auto values = MakeArray("v", 1, RandomValues<int>(layout.NumberOfVoxels(), 2, 11));
  // With interior faces the boxes shrink by at least 0.01 (gaps outside [0, 0.9] are errors:
  // ExplodedVoxels.SettingsOutsideTheirDomainAreErrors).
  for (const double gap : { 0.0, 0.005, 0.25, 0.9 })
  {
    for (const bool interior : { false, true })
    {
      Options options;
      options.Gap = gap;
      options.KeepInteriorFaces = interior;
      CheckFaces(layout, values, options);
    }
  }
}

template <typename T>
class ExplodedVoxelsScalarType : public FilterTest
{
};
TYPED_TEST_SUITE(ExplodedVoxelsScalarType, paravoxel_test::ScalarTypes);

/** The values each type is tried with: its extremes, around 0, and for floats NaN and infinities.
 */
template <typename T>
std::vector<T> SpecialValues()
{
  using Limits = std::numeric_limits<T>;
  std::vector<T> values = { Limits::lowest(), Limits::max(), T(0), T(1), T(2), T(3), T(100),
    static_cast<T>(Limits::max() - 1), static_cast<T>(Limits::lowest() + 1) };
  // One by one: GCC 12 warns wrongly about vector::insert of an initializer list of chars.
  if constexpr (Limits::is_signed)
  {
    for (const T negative : { T(-1), T(-2), T(-100) })
    {
      values.push_back(negative);
    }
  }
  if constexpr (!Limits::is_integer)
  {
    for (const T value : { Limits::quiet_NaN(), Limits::infinity(), -Limits::infinity(),
           Limits::denorm_min(), T(-0.0), T(0.5), T(-1e-30) })
    {
      values.push_back(value);
    }
  }
  return values;
}

TYPED_TEST(ExplodedVoxelsScalarType, ThresholdsAndCarriedTuples)
{
  using T = TypeParam;
  using Limits = std::numeric_limits<T>;
  // Every special value, twice in a random order, fills a 4 x 5 x 2 image (zeros elsewhere).
  const Layout layout = Block(4, 5, 2);
  std::vector<T> values(layout.NumberOfVoxels(), T(0));
  const auto special = SpecialValues<T>();
  std::mt19937 generator(static_cast<unsigned int>(special.size()));
  for (std::size_t n = 0; n < 2 * special.size(); ++n)
  {
    values[generator() % values.size()] = special[n % special.size()];
  }
  const auto array = MakeArray("v", 1, values);
  const double lowest = static_cast<double>(Limits::lowest());
  const double highest = static_cast<double>(Limits::max());
  const double thresholds[][2] = { { 0.0, Infinity }, { -Infinity, Infinity }, { lowest, highest },
    { 0.5, 2.0 }, { -1.5, 1.0 }, { 2.0, 100.0 } };
  for (const auto& threshold : thresholds)
  {
    for (const double gap : { 0.0, 0.2 })
    {
      Options options;
      options.Lower = threshold[0];
      options.Upper = threshold[1];
      options.Gap = gap;
      CheckFaces(layout, array, options);
    }
  }

  // Two components: the norm, or the second component; tuples carried whole.
  std::vector<T> pairs(2 * values.size());
  for (std::size_t n = 0; n < values.size(); ++n)
  {
    pairs[2 * n] = values[n];
    pairs[2 * n + 1] = values[(7 * n + 3) % values.size()];
  }
  const auto twoComponents = MakeArray("v", 2, pairs);
  for (const int component : { -1, 1 })
  {
    Options options;
    options.Component = component;
    options.Gap = 0.1;
    CheckFaces(layout, twoComponents, options);
  }
}
