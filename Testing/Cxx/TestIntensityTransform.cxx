// Intensity Transform against a plain double-precision evaluation of its curve written here
// (normalization range from the finite values' minimum and maximum, custom values or
// numpy.percentile's linear interpolation over the sorted values; g = clip(n - Floor, 0, 1) ^
// Gamma; clip((g - mean g) * Contrast + mean g - Offset, 0, 1); non-finite values give 0), on
// hand-built images of every value type, on both statistics paths (integer histogram, radix
// selection), with NaN/Inf, constant and empty inputs, errors and pieces. Every case runs with one
// thread and with several: the outputs must be the same bit for bit.
#include "FilterTestHelpers.h"

#include "vtkIntensityTransformFilter.h"

#include "vtkDoubleArray.h"
#include "vtkFieldData.h"
#include "vtkFloatArray.h"

#include <cmath>
#include <limits>
#include <random>
#include <string>

namespace
{
// The filter tests' shared fixture and helpers (FilterTestHelpers.h).
using namespace paravoxel_test;
using IntensityTransform = FilterTest;

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Infinity = std::numeric_limits<double>::infinity();

/** The filter's parameters, as the reference applies them. */
struct Settings
{
  using Filter = vtkIntensityTransformFilter;

  double Floor = 0.1;
  double Gamma = 0.4;
  double Contrast = 2.0;
  double Offset = 0.1;
  int Mode = vtkIntensityTransformFilter::DATA_RANGE;
  std::array<double, 2> Custom = { { 0.0, 1.0 } };
  std::array<double, 2> Percentiles = { { 1.0, 99.0 } };
  std::string ResultName = "Transformed";

  /**
   * Sets these settings on `filter`, in the order of the panel (IntensityTransform.xml): the
   * normalization, then the curve.
   */
  void ApplyTo(Filter* filter) const
  {
    filter->SetNormalizationMode(this->Mode);
    filter->SetCustomRange(this->Custom.data());
    filter->SetPercentileRange(this->Percentiles.data());
    filter->SetFloor(this->Floor);
    filter->SetGamma(this->Gamma);
    filter->SetContrast(this->Contrast);
    filter->SetOffset(this->Offset);
    filter->SetResultArrayName(this->ResultName.c_str());
  }
};

Settings Percentiles(double low, double high)
{
  Settings settings;
  settings.Mode = vtkIntensityTransformFilter::PERCENTILE_RANGE;
  settings.Percentiles = { { low, high } };
  return settings;
}

/** numpy.percentile's default: linear interpolation between the two nearest ranks. */
double Percentile(const std::vector<double>& sorted, double percentile)
{
  const double clamped = std::min(std::max(percentile, 0.0), 100.0);
  const double position = clamped / 100.0 * static_cast<double>(sorted.size() - 1);
  const std::size_t below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

/** What the filter should give. */
struct Expected
{
  double Low = 0.0;
  double High = 0.0;
  /** No finite value or an empty range: zeros everywhere and one warning. */
  bool Empty = false;
  std::vector<double> Result;
};

/**
 * The reference: statistics over the finite values that `owned` marks (all when empty), the
 * result for every value.
 */
Expected Reference(
  const std::vector<double>& values, const Settings& settings, const std::vector<bool>& owned = {})
{
  std::vector<double> sorted;
  for (std::size_t n = 0; n < values.size(); ++n)
  {
    if (std::isfinite(values[n]) && (owned.empty() || owned[n]))
    {
      sorted.push_back(values[n]);
    }
  }
  std::sort(sorted.begin(), sorted.end());
  Expected expected;
  expected.Result.assign(values.size(), 0.0);
  if (settings.Mode == vtkIntensityTransformFilter::CUSTOM_RANGE)
  {
    expected.Low = settings.Custom[0];
    expected.High = settings.Custom[1];
  }
  else if (!sorted.empty() && settings.Mode == vtkIntensityTransformFilter::PERCENTILE_RANGE)
  {
    expected.Low = Percentile(sorted, settings.Percentiles[0]);
    expected.High = Percentile(sorted, settings.Percentiles[1]);
  }
  else if (!sorted.empty())
  {
    expected.Low = sorted.front();
    expected.High = sorted.back();
  }
  expected.Empty = sorted.empty() || !(expected.High > expected.Low) ||
    !std::isfinite(expected.High - expected.Low);
  if (expected.Empty)
  {
    return expected;
  }
  const auto lift = [&](double v)
  {
    const double n = (v - expected.Low) / (expected.High - expected.Low);
    return std::pow(std::min(std::max(n - settings.Floor, 0.0), 1.0), settings.Gamma);
  };
  double sum = 0.0;
  for (double v : sorted)
  {
    sum += lift(v);
  }
  const double mean = sum / static_cast<double>(sorted.size());
  for (std::size_t n = 0; n < values.size(); ++n)
  {
    if (std::isfinite(values[n]))
    {
      const double stretched =
        (lift(values[n]) - mean) * settings.Contrast + mean - settings.Offset;
      expected.Result[n] = std::min(std::max(stretched, 0.0), 1.0);
    }
  }
  return expected;
}

/** The values of an array as the reference reads them (one component). */
std::vector<double> AsDoubles(vtkDataArray* array)
{
  std::vector<double> values(array->GetNumberOfTuples());
  for (vtkIdType n = 0; n < array->GetNumberOfTuples(); ++n)
  {
    values[n] = array->GetComponent(n, 0);
  }
  return values;
}

/**
 * The float32 rounding of g and of the result: at most 2^-24 (|Contrast| + 1) + 2^-25 (see the
 * filter's documentation).
 */
double Tolerance(const Settings& settings)
{
  return std::ldexp(std::abs(settings.Contrast) + 2.0, -24);
}

/**
 * Checks the filter's output against `expected`: the input arrays kept, the float32 result named
 * as asked as the active scalars, each value within the tolerance (non-finite inputs exactly 0),
 * the normalization range, and the messages (none, or one warning for an empty range).
 */
void ExpectOutput(vtkImageData* output, vtkIntensityTransformFilter* filter,
  MessageCollector* messages, bool cells, vtkDataArray* input, const Expected& expected,
  const Settings& settings, const std::string& what)
{
  SCOPED_TRACE(what);
  EXPECT_TRUE(messages->Errors.empty()) << messages->Errors[0];
  EXPECT_EQ(messages->Warnings.size(), expected.Empty ? 1u : 0u);
  vtkDataSetAttributes* attributes = cells
    ? static_cast<vtkDataSetAttributes*>(output->GetCellData())
    : static_cast<vtkDataSetAttributes*>(output->GetPointData());
  vtkDataArray* kept = attributes->GetArray(input->GetName());
  ASSERT_NE(kept, nullptr) << "the input array was not passed through";
  EXPECT_TRUE(paravoxel_test::SameArray(input, kept));
  auto* result = vtkFloatArray::SafeDownCast(attributes->GetScalars());
  ASSERT_NE(result, nullptr) << "no float32 active scalars";
  ASSERT_STREQ(result->GetName(), settings.ResultName.c_str());
  ASSERT_EQ(result->GetNumberOfComponents(), 1);
  ASSERT_EQ(result->GetNumberOfTuples(), static_cast<vtkIdType>(expected.Result.size()));
  const double tolerance = Tolerance(settings);
  vtkIdType wrong = 0;
  vtkIdType first = -1;
  for (vtkIdType n = 0; n < result->GetNumberOfTuples(); ++n)
  {
    const double value = result->GetValue(n);
    if (!(std::abs(value - expected.Result[n]) <= tolerance && value >= 0.0 && value <= 1.0))
    {
      first = wrong++ ? first : n;
    }
  }
  EXPECT_EQ(wrong, 0) << "values differ from the reference, the first at " << first << ": "
                      << (first >= 0 ? result->GetValue(first) : 0.0) << " instead of "
                      << (first >= 0 ? expected.Result[first] : 0.0);
  if (!expected.Empty)
  {
    // numpy interpolates from the upper rank past the midpoint, the reference always from the
    // lower one: the two differ by rounding only.
    const double rounding = 1e-14 * std::max(std::abs(expected.Low), std::abs(expected.High));
    EXPECT_NEAR(filter->GetLastNormalizationRange()[0], expected.Low, rounding);
    EXPECT_NEAR(filter->GetLastNormalizationRange()[1], expected.High, rounding);
  }
}

/**
 * The output lies where the input lies: extent, origin, spacing and direction matrix (world
 * space, #15), and the input's field data (the reader's VoxelToWorld) is passed on.
 */
void ExpectSameGeometry(vtkImageData* input, vtkImageData* output)
{
  for (int n = 0; n < 6; ++n)
  {
    EXPECT_EQ(output->GetExtent()[n], input->GetExtent()[n]);
  }
  for (int n = 0; n < 3; ++n)
  {
    EXPECT_EQ(output->GetOrigin()[n], input->GetOrigin()[n]);
    EXPECT_EQ(output->GetSpacing()[n], input->GetSpacing()[n]);
  }
  for (int n = 0; n < 9; ++n)
  {
    EXPECT_EQ(
      output->GetDirectionMatrix()->GetData()[n], input->GetDirectionMatrix()->GetData()[n]);
  }
  vtkFieldData* fields = input->GetFieldData();
  for (int n = 0; n < fields->GetNumberOfArrays(); ++n)
  {
    EXPECT_TRUE(paravoxel_test::SameArray(fields->GetAbstractArray(n),
      output->GetFieldData()->GetAbstractArray(fields->GetArrayName(n))));
  }
}

/**
 * Transforms `values` (one component) on `layout` with `settings` (one and several threads) and
 * checks the output against the reference; returns the filter for further checks.
 */
vtkSmartPointer<vtkIntensityTransformFilter> Check(
  const Layout& layout, vtkDataArray* values, const Settings& settings, const std::string& what)
{
  vtkNew<MessageCollector> messages;
  auto filter = MakeFilter(settings, messages);
  auto input = MakeImage(layout, values);
  vtkNew<vtkDoubleArray> voxelToWorld;
  voxelToWorld->SetName("VoxelToWorld");
  voxelToWorld->SetNumberOfValues(16);
  for (int n = 0; n < 16; ++n)
  {
    voxelToWorld->SetValue(n, n % 5 == 0 ? 1.0 : 0.0);
  }
  input->GetFieldData()->AddArray(voxelToWorld);
  filter->SetInputData(input);
  auto output = UpdateWithThreads<vtkImageData>(filter, messages);
  ExpectOutput(output, filter, messages, layout.Cells, values,
    Reference(AsDoubles(values), settings), settings, what);
  ExpectSameGeometry(input, output);
  return filter;
}

/**
 * A brain-like volume: a third of air (small noise around 2), tissue spread over [150, 900],
 * as T.
 */
template <typename T>
std::vector<T> BrainLike(vtkIdType count, unsigned int seed)
{
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<T> values(count);
  for (T& value : values)
  {
    value = static_cast<T>(uniform(generator) < 0.33 ? 2.0 + 3.0 * uniform(generator)
                                                     : 150.0 + 750.0 * uniform(generator));
  }
  return values;
}

/**
 * Brain-like arrays `name` on `layout` for the three paths of the statistics: int16 (the value
 * histogram), int32 multiplied by `spread` (a wide span: the radix selection) and float32 (the
 * radix selection and the fixed-point mean), each from its own seed.
 */
std::array<vtkSmartPointer<vtkDataArray>, 3> EachStatisticsPath(const Layout& layout,
  const char* name, int spread, unsigned int shortSeed, unsigned int intSeed,
  unsigned int floatSeed)
{
  std::vector<int> wide = BrainLike<int>(layout.NumberOfVoxels(), intSeed);
  for (int& value : wide)
  {
    value *= spread;
  }
  return { { MakeArray(name, 1, BrainLike<short>(layout.NumberOfVoxels(), shortSeed)),
    MakeArray(name, 1, wide),
    MakeArray(name, 1, BrainLike<float>(layout.NumberOfVoxels(), floatSeed)) } };
}

/** The settings each parameter test runs: every parameter changed, alone and together. */
std::vector<std::pair<std::string, Settings>> ParameterSettings()
{
  std::vector<std::pair<std::string, Settings>> cases;
  const auto add = [&cases](const std::string& name, auto change)
  {
    Settings settings;
    change(settings);
    cases.emplace_back(name, settings);
  };
  add("defaults", [](Settings&) {});
  for (double floor : { 0.0, 0.3, -0.2, 1.2 })
  {
    add("Floor " + std::to_string(floor), [floor](Settings& s) { s.Floor = floor; });
  }
  for (double gamma : { 0.0, 1.0, 2.5, 40.0 })
  {
    add("Gamma " + std::to_string(gamma), [gamma](Settings& s) { s.Gamma = gamma; });
  }
  for (double contrast : { 1.0, 3.5, 0.0, -1.5 })
  {
    add("Contrast " + std::to_string(contrast), [contrast](Settings& s) { s.Contrast = contrast; });
  }
  for (double offset : { 0.0, -0.2, 0.6 })
  {
    add("Offset " + std::to_string(offset), [offset](Settings& s) { s.Offset = offset; });
  }
  add("all four",
    [](Settings& s)
    {
      s.Floor = 0.05;
      s.Gamma = 0.7;
      s.Contrast = 1.5;
      s.Offset = 0.02;
    });
  for (const auto& range : { std::array<double, 2>{ { 10.0, 60.0 } },
         std::array<double, 2>{ { -100.0, 5000.0 } }, std::array<double, 2>{ { 0.0, 1.0 } } })
  {
    add("Custom " + std::to_string(range[0]) + " " + std::to_string(range[1]),
      [range](Settings& s)
      {
        s.Mode = vtkIntensityTransformFilter::CUSTOM_RANGE;
        s.Custom = range;
      });
  }
  for (const auto& range : { std::array<double, 2>{ { 1.0, 99.0 } },
         std::array<double, 2>{ { 0.0, 100.0 } }, std::array<double, 2>{ { 2.5, 97.5 } },
         std::array<double, 2>{ { 37.3, 61.1 } }, std::array<double, 2>{ { -5.0, 150.0 } } })
  {
    add("Percentiles " + std::to_string(range[0]) + " " + std::to_string(range[1]),
      [range](Settings& s)
      {
        s.Mode = vtkIntensityTransformFilter::PERCENTILE_RANGE;
        s.Percentiles = range;
      });
  }
  add("result name", [](Settings& s) { s.ResultName = "Contrast curve"; });
  return cases;
}
}

TEST_F(IntensityTransform, DefaultsOnBrainLikeVolumes)
{
  // An oblique grid, as the reader gives in world space: the output must keep it.
  Layout layout = Block(20, 18, 16);
  layout.Spacing = { { 0.9, 1.1, 1.3 } };
  layout.Origin = { { -90.0, -126.0, -72.0 } };
  layout.Direction = { { 0.96, -0.28, 0.0, 0.28, 0.96, 0.0, 0.0, 0.0, 1.0 } };
  const auto floats = MakeArray("Intensity", 1, BrainLike<float>(layout.NumberOfVoxels(), 1));
  const auto shorts = MakeArray("Intensity", 1, BrainLike<short>(layout.NumberOfVoxels(), 2));
  for (vtkDataArray* values : { floats.Get(), shorts.Get() })
  {
    auto filter = Check(layout, values, Settings(), values->GetDataTypeAsString());
    // The tutorial's curve: air becomes exactly 0, tissue spreads up to 1.
    auto* result = vtkFloatArray::SafeDownCast(
      vtkImageData::SafeDownCast(filter->GetOutputDataObject(0))->GetPointData()->GetScalars());
    ASSERT_NE(result, nullptr);
    float largest = 0.0f;
    for (vtkIdType n = 0; n < result->GetNumberOfTuples(); ++n)
    {
      if (values->GetComponent(n, 0) < 10.0)
      {
        EXPECT_EQ(result->GetValue(n), 0.0f);
      }
      largest = std::max(largest, result->GetValue(n));
    }
    EXPECT_GT(largest, 0.9f);
  }
}

TEST_F(IntensityTransform, EveryParameter)
{
  const Layout layout = Block(11, 9, 7);
  for (vtkDataArray* values : EachStatisticsPath(layout, "Intensity", 300, 4, 3, 5))
  {
    for (const auto& named : ParameterSettings())
    {
      Check(layout, values, named.second,
        std::string(values->GetDataTypeAsString()) + ", " + named.first);
    }
  }
}

template <typename T>
class IntensityTransformScalarType : public FilterTest
{
};
TYPED_TEST_SUITE(IntensityTransformScalarType, paravoxel_test::ScalarTypes);

TYPED_TEST(IntensityTransformScalarType, BothRangesAtBothEndsOfTheType)
{
  using T = TypeParam;
  using Limits = std::numeric_limits<T>;
  const Layout layout = Block(9, 8, 7);
  const vtkIdType count = layout.NumberOfVoxels();
  std::mt19937_64 generator(static_cast<unsigned int>(sizeof(T) * 7 + Limits::is_signed));
  // Values near the bottom and near the top of the type (a small span: the histogram path for
  // integers), and, where the type is wider than 16 bits, spread over all of it (radix path).
  std::vector<std::pair<std::string, std::vector<T>>> cases;
  std::vector<T> low(count);
  std::vector<T> high(count);
  for (vtkIdType n = 0; n < count; ++n)
  {
    const int step = static_cast<int>(generator() % 200);
    low[n] = Limits::is_integer ? static_cast<T>(Limits::lowest() + step)
                                : static_cast<T>(-1000.0 + 3.5 * step);
    high[n] = Limits::is_integer ? static_cast<T>(Limits::max() - step)
                                 : static_cast<T>(1e30 * (1.0 + step));
  }
  cases.emplace_back("low end", low);
  cases.emplace_back("high end", high);
  if (sizeof(T) > 2)
  {
    std::vector<T> spread(count);
    for (T& value : spread)
    {
      const std::uint64_t bits = generator();
      if (Limits::is_integer)
      {
        std::memcpy(&value, &bits, sizeof(T));
      }
      else
      {
        value = static_cast<T>(std::ldexp(
          static_cast<double>(bits % 1000000) - 500000.0, static_cast<int>(generator() % 40)));
      }
    }
    cases.emplace_back("spread", spread);
  }
  for (const auto& named : cases)
  {
    const auto values = MakeArray("v", 1, named.second);
    for (const Settings& settings : { Settings(), Percentiles(3.0, 91.0), Percentiles(0.0, 50.0) })
    {
      Check(layout, values, settings, named.first);
    }
  }
}

TEST_F(IntensityTransform, PercentilesAreExactRanks)
{
  // 8 x step + 1 values: percentiles that are multiples of 12.5 fall on ranks exactly
  // (step x k), so the range must be exactly the sorted values there, found by radix selection
  // or histogram. 801 values take 8-bit radix digits, 80,001 values 16-bit digits.
  for (const Layout& layout : { Block(9, 89, 1), Block(3, 26667, 1) })
  {
    const vtkIdType count = layout.NumberOfVoxels();
    const std::size_t step = static_cast<std::size_t>(count - 1) / 8;
    std::mt19937_64 generator(61);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<double> doubles(count);
    std::vector<float> floats(count);
    std::vector<long long> longs(count);
    std::vector<unsigned long long> unsignedLongs(count);
    std::vector<short> shorts(count);
    const double specials[] = { 1e300, -1e300, 1e-300, -1e-300, 4.9e-324, -4.9e-324, -0.0, 0.0,
      std::numeric_limits<double>::max(), -std::numeric_limits<double>::max() };
    for (vtkIdType n = 0; n < count; ++n)
    {
      doubles[n] = n < 10 ? specials[n] : normal(generator) * std::ldexp(1.0, n % 60 - 30);
      floats[n] = static_cast<float>(normal(generator) * std::ldexp(1.0, n % 50 - 25));
      // Beyond 2^53, where doubles no longer hold every integer.
      longs[n] = static_cast<long long>(generator() >> 1) * (n % 2 ? 1 : -1);
      unsignedLongs[n] = generator();
      shorts[n] = static_cast<short>(generator());
    }
    const std::vector<vtkSmartPointer<vtkDataArray>> arrays = { MakeArray("v", 1, doubles),
      MakeArray("v", 1, floats), MakeArray("v", 1, longs), MakeArray("v", 1, unsignedLongs),
      MakeArray("v", 1, shorts) };
    for (const auto& values : arrays)
    {
      std::vector<double> sorted = AsDoubles(values);
      std::sort(sorted.begin(), sorted.end());
      for (int low = 0; low < 8; ++low)
      {
        const int high = 8 - low / 2;
        const Settings settings = Percentiles(12.5 * low, 12.5 * high);
        vtkNew<MessageCollector> messages;
        auto filter = MakeFilter(settings, messages);
        filter->SetInputData(MakeImage(layout, values));
        auto output = UpdateWithThreads<vtkImageData>(filter, messages);
        EXPECT_EQ(filter->GetLastNormalizationRange()[0], sorted[step * low])
          << values->GetDataTypeAsString() << " percentile " << 12.5 * low;
        EXPECT_EQ(filter->GetLastNormalizationRange()[1], sorted[step * high])
          << values->GetDataTypeAsString() << " percentile " << 12.5 * high;
        // Ranges spanning most of double's range overflow high - low: zeros and a warning then.
        ExpectOutput(output, filter, messages, false, values,
          Reference(AsDoubles(values), settings), settings, values->GetDataTypeAsString());
      }
    }
  }
}

TEST_F(IntensityTransform, PercentilesInterpolateBetweenRanks)
{
  const Layout layout = Block(13, 11, 5);
  std::mt19937 generator(71);
  std::uniform_real_distribution<double> uniform(0.0, 100.0);
  const auto floats = MakeArray("v", 1, BrainLike<float>(layout.NumberOfVoxels(), 72));
  const auto ints = MakeArray("v", 1, BrainLike<int>(layout.NumberOfVoxels(), 73));
  for (int trial = 0; trial < 12; ++trial)
  {
    const double first = uniform(generator);
    const double second = uniform(generator);
    const Settings settings = Percentiles(std::min(first, second), std::max(first, second));
    Check(layout, floats, settings, "float percentiles " + std::to_string(first));
    Check(layout, ints, settings, "int percentiles " + std::to_string(first));
  }
}

TEST_F(IntensityTransform, HistogramLimit)
{
  // Integer spans just below and at the histogram's limit take the two paths; both must agree
  // with the reference.
  const Layout layout = Block(6, 5, 4);
  for (int span : { vtkIntensityTransformFilter::HistogramBinLimit - 1,
         vtkIntensityTransformFilter::HistogramBinLimit })
  {
    std::vector<int> values = BrainLike<int>(layout.NumberOfVoxels(), 81);
    values[0] = -1000;
    values[1] = -1000 + span;
    const auto array = MakeArray("v", 1, values);
    for (const Settings& settings : { Settings(), Percentiles(0.0, 100.0), Percentiles(5.0, 95.0) })
    {
      Check(layout, array, settings, "span " + std::to_string(span));
    }
  }
}

TEST_F(IntensityTransform, IntegersAroundTwoToThe53)
{
  // 64-bit integers just beyond +-2^53 round to +-2^53 as doubles: the range looks small enough
  // for the value histogram, but the integers themselves lie outside it.
  const long long edge = 9007199254740992LL; // 2^53
  const Layout layout = Block(4, 2, 1);
  const std::vector<long long> cases[] = {
    { edge - 5, edge - 4, edge - 3, edge - 2, edge - 1, edge, edge + 1, edge - 5 },
    { -edge - 1, -edge, -edge + 1, -edge + 2, -edge + 3, -edge + 4, -edge + 5, -edge },
  };
  for (const auto& values : cases)
  {
    const auto array = MakeArray("v", 1, values);
    for (const Settings& settings :
      { Settings(), Percentiles(0.0, 100.0), Percentiles(20.0, 80.0) })
    {
      Check(layout, array, settings, "around 2^53");
    }
  }
}

TEST_F(IntensityTransform, NonFiniteValuesAreLeftOut)
{
  const Layout layout = Block(8, 6, 5);
  std::vector<double> values = BrainLike<double>(layout.NumberOfVoxels(), 91);
  values[3] = NaN;
  values[50] = Infinity;
  values[51] = -Infinity;
  values[200] = -NaN;
  std::vector<float> floats(values.begin(), values.end());
  for (const auto& array : { MakeArray("v", 1, values), MakeArray("v", 1, floats) })
  {
    for (const Settings& settings : { Settings(), Percentiles(1.0, 99.0), Percentiles(0.0, 100.0) })
    {
      Check(layout, array, settings, "NaN and infinities");
    }
  }
}

TEST_F(IntensityTransform, EmptyRangesGiveZerosAndAWarning)
{
  const Layout layout = Block(5, 6, 7);
  const vtkIdType count = layout.NumberOfVoxels();
  std::vector<float> ramp(count);
  for (vtkIdType n = 0; n < count; ++n)
  {
    ramp[n] = static_cast<float>(n);
  }
  Settings emptyCustom;
  emptyCustom.Mode = vtkIntensityTransformFilter::CUSTOM_RANGE;
  emptyCustom.Custom = { { 3.0, 3.0 } };
  Settings reversedCustom = emptyCustom;
  reversedCustom.Custom = { { 5.0, 1.0 } };
  Settings infiniteCustom = emptyCustom;
  infiniteCustom.Custom = { { 0.0, Infinity } };
  const struct
  {
    std::string Name;
    vtkSmartPointer<vtkDataArray> Values;
    Settings Parameters;
  } cases[] = {
    { "constant int16", MakeArray("v", 1, std::vector<short>(count, 42)), Settings() },
    { "constant float", MakeArray("v", 1, std::vector<float>(count, 0.5f)), Percentiles(1, 99) },
    { "all NaN", MakeArray("v", 1, std::vector<float>(count, static_cast<float>(NaN))),
      Settings() },
    { "all NaN, percentiles", MakeArray("v", 1, std::vector<double>(count, NaN)),
      Percentiles(1, 99) },
    { "empty custom range", MakeArray("v", 1, ramp), emptyCustom },
    { "reversed custom range", MakeArray("v", 1, ramp), reversedCustom },
    { "infinite custom range", MakeArray("v", 1, ramp), infiniteCustom },
    { "equal percentiles", MakeArray("v", 1, ramp), Percentiles(50, 50) },
    { "reversed percentiles", MakeArray("v", 1, ramp), Percentiles(99, 1) },
    { "one voxel", MakeArray("v", 1, std::vector<int>{ 7 }), Settings() },
  };
  for (const auto& empty : cases)
  {
    const Expected expected = Reference(AsDoubles(empty.Values), empty.Parameters);
    ASSERT_TRUE(expected.Empty) << empty.Name;
    Layout shape = layout;
    if (empty.Values->GetNumberOfTuples() == 1)
    {
      shape = Block(1, 1, 1);
    }
    vtkNew<MessageCollector> messages;
    auto filter = MakeFilter(empty.Parameters, messages);
    filter->SetInputData(MakeImage(shape, empty.Values));
    auto output = UpdateWithThreads<vtkImageData>(filter, messages);
    ExpectOutput(
      output, filter, messages, false, empty.Values, expected, empty.Parameters, empty.Name);
  }

  vtkNew<MessageCollector> messages;
  ExpectNothingFromNothing<vtkImageData>(MakeFilter(Settings(), messages), messages);
}

TEST_F(IntensityTransform, ErrorsGiveAnEmptyOutput)
{
  const Layout layout = Block(4, 5, 6);
  const auto grey = MakeArray("grey", 1, BrainLike<float>(layout.NumberOfVoxels(), 101));
  auto image = MakeImage(layout, grey);
  image->GetPointData()->AddArray(
    MakeArray("rgb", 3, std::vector<double>(3 * layout.NumberOfVoxels(), 1.0)));
  std::vector<InputError> errors = CommonInputErrors(image, layout.NumberOfVoxels());
  errors.push_back({ image, vtkDataObject::FIELD_ASSOCIATION_POINTS, "rgb", "3 components" });
  for (const InputError& error : errors)
  {
    vtkNew<MessageCollector> messages;
    ExpectOneError<vtkImageData>(MakeFilter(Settings(), messages), messages, error);
  }
  // No name for the result.
  Settings unnamed;
  unnamed.ResultName = "";
  vtkNew<MessageCollector> messages;
  ExpectOneError<vtkImageData>(MakeFilter(unnamed, messages), messages,
    { image, vtkDataObject::FIELD_ASSOCIATION_POINTS, "grey", "ResultArrayName" });
}

TEST_F(IntensityTransform, NaNCurveParametersAreErrors)
{
  const Layout layout = Block(4, 5, 6);
  const auto grey = MakeArray("grey", 1, BrainLike<short>(layout.NumberOfVoxels(), 102));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::pair<const char*, void (*)(Settings&, double)> cases[] = {
    { "Floor", [](Settings& s, double v) { s.Floor = v; } },
    { "Gamma", [](Settings& s, double v) { s.Gamma = v; } },
    { "Contrast", [](Settings& s, double v) { s.Contrast = v; } },
    { "Offset", [](Settings& s, double v) { s.Offset = v; } },
  };
  for (const auto& nanCase : cases)
  {
    Settings settings;
    nanCase.second(settings, nan);
    vtkNew<MessageCollector> messages;
    auto filter = MakeFilter(settings, messages);
    filter->SetInputData(MakeImage(layout, grey));
    auto output = UpdateWithThreads<vtkImageData>(filter, messages);
    ASSERT_EQ(messages->Errors.size(), 1u) << nanCase.first;
    EXPECT_NE(messages->Errors[0].find(std::string(nanCase.first) + " is NaN"), std::string::npos)
      << messages->Errors[0];
    EXPECT_EQ(output->GetNumberOfPoints(), 0) << nanCase.first;
  }
}

TEST_F(IntensityTransform, CellDataAndFlatImages)
{
  Layout cells = Block(9, 8, 7);
  cells.Cells = true;
  Layout flatCells = Block(12, 10, 1);
  flatCells.Cells = true;
  flatCells.Flat = { { false, false, true } };
  const Layout slice = Block(20, 30, 1);
  const Layout line = Block(1, 1, 40);
  const std::pair<Layout, vtkSmartPointer<vtkDataArray>> cases[] = {
    { cells, MakeArray("v", 1, BrainLike<double>(cells.NumberOfVoxels(), 111)) },
    { cells, MakeArray("v", 1, BrainLike<unsigned char>(cells.NumberOfVoxels(), 112)) },
    { flatCells, MakeArray("v", 1, BrainLike<float>(flatCells.NumberOfVoxels(), 113)) },
    { slice, MakeArray("v", 1, BrainLike<unsigned short>(slice.NumberOfVoxels(), 114)) },
    { line, MakeArray("v", 1, BrainLike<double>(line.NumberOfVoxels(), 115)) },
  };
  for (const auto& shaped : cases)
  {
    for (const Settings& settings : { Settings(), Percentiles(3.0, 91.0) })
    {
      auto filter = Check(shaped.first, shaped.second, settings,
        std::string(shaped.first.Cells ? "cells " : "points ") +
          shaped.second->GetDataTypeAsString());
      // The result goes with the input array, and the other attributes keep their scalars.
      auto* output = vtkImageData::SafeDownCast(filter->GetOutputDataObject(0));
      EXPECT_EQ(shaped.first.Cells ? output->GetPointData()->GetNumberOfArrays()
                                   : output->GetCellData()->GetNumberOfArrays(),
        0);
    }
  }

  // With point and cell arrays, a name picks the cell array.
  const Layout points = Block(10, 9, 8);
  auto image = MakeImage(points, MakeArray("p", 1, BrainLike<float>(points.NumberOfVoxels(), 116)));
  const auto cellValues = MakeArray("c", 1, BrainLike<float>(cells.NumberOfVoxels(), 117));
  image->GetCellData()->SetScalars(cellValues);
  vtkNew<MessageCollector> messages;
  auto filter = MakeFilter(Settings(), messages);
  filter->SetInputData(image);
  filter->SetInputArrayToProcess(0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_CELLS, "c");
  auto output = UpdateWithThreads<vtkImageData>(filter, messages);
  ExpectOutput(output, filter, messages, true, cellValues,
    Reference(AsDoubles(cellValues), Settings()), Settings(), "cell array by name");
  EXPECT_STREQ(output->GetPointData()->GetScalars()->GetName(), "p");
}

TEST_F(IntensityTransform, PiecesThroughOneProcessUseTheirOwnValues)
{
  // Without a controller of as many processes as pieces, each piece's statistics come from the
  // values it owns: its zero-ghost extent, less the upper layer of points it shares with the
  // next piece (cells are not shared). Ghost values get the piece's curve too.
  Layout layout = Block(10, 9, 8);
  layout.First = { { 3, -2, 0 } };
  for (const bool cells : { false, true })
  {
    layout.Cells = cells;
    const auto values = MakeArray("v", 1, BrainLike<float>(layout.NumberOfVoxels(), 121));
    const auto image = MakeImage(layout, values);
    const auto whole = layout.Extent();
    for (const Settings& settings : { Settings(), Percentiles(2.0, 98.0) })
    {
      for (const int pieces : { 2, 3, 4 })
      {
        vtkIdType ownedTotal = 0;
        for (int piece = 0; piece < pieces; ++piece)
        {
          vtkNew<PieceSource> source;
          source->SetImage(image);
          vtkNew<MessageCollector> messages;
          auto filter = MakeFilter(settings, messages);
          filter->SetInputConnection(source->GetOutputPort());
          auto output = UpdateWithThreads<vtkImageData>(filter, messages, piece, pieces, 1);

          const auto pieceExtent = paravoxel_test::PieceExtent(whole, piece, pieces, 0);
          const int* extent = output->GetExtent();
          vtkDataArray* pieceValues =
            (cells ? static_cast<vtkDataSetAttributes*>(output->GetCellData())
                   : static_cast<vtkDataSetAttributes*>(output->GetPointData()))
              ->GetArray("v");
          ASSERT_NE(pieceValues, nullptr);
          // Which of the piece's values it owns, voxel by voxel.
          std::vector<bool> owned;
          const int last[3] = { cells ? extent[1] - 1 : extent[1],
            cells ? extent[3] - 1 : extent[3], cells ? extent[5] - 1 : extent[5] };
          for (int k = extent[4]; k <= last[2]; ++k)
          {
            for (int j = extent[2]; j <= last[1]; ++j)
            {
              for (int i = extent[0]; i <= last[0]; ++i)
              {
                const int index[3] = { i, j, k };
                bool mine = true;
                for (int axis = 0; axis < 3; ++axis)
                {
                  const int end = cells || pieceExtent[2 * axis + 1] == whole[2 * axis + 1]
                    ? pieceExtent[2 * axis + 1] - (cells ? 1 : 0)
                    : pieceExtent[2 * axis + 1] - 1;
                  mine = mine && index[axis] >= pieceExtent[2 * axis] && index[axis] <= end;
                }
                owned.push_back(mine);
              }
            }
          }
          ASSERT_EQ(static_cast<vtkIdType>(owned.size()), pieceValues->GetNumberOfTuples());
          ownedTotal += std::count(owned.begin(), owned.end(), true);
          ExpectOutput(output, filter, messages, cells, pieceValues,
            Reference(AsDoubles(pieceValues), settings, owned), settings,
            std::to_string(pieces) + " pieces, piece " + std::to_string(piece));
        }
        // Each value of the image is owned by exactly one piece.
        EXPECT_EQ(ownedTotal, layout.NumberOfVoxels());
      }
    }
  }
}

TEST_F(IntensityTransform, ManyValuesOnManyThreads)
{
  // Enough rows for many tasks per pass on every thread; each path's result must not depend on
  // the number of threads (checked bit for bit) and match the reference.
  const Layout layout = Block(40, 64, 64);
  for (vtkDataArray* values : EachStatisticsPath(layout, "v", 1000, 133, 131, 132))
  {
    for (const Settings& settings : { Settings(), Percentiles(1.0, 99.0) })
    {
      Check(layout, values, settings, values->GetDataTypeAsString());
    }
  }
}
