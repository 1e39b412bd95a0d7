// The Intensity Transform tests' reference and checks: the settings a test asks for (applied to
// the filter in the panel's order), a plain double-precision evaluation of the curve
// (normalization range from the finite values' minimum and maximum, custom values or
// numpy.percentile's linear interpolation over the sorted values; g = clip(n - Floor, 0, 1) ^
// Gamma; clip((g - mean g) * Contrast + mean g - Offset, 0, 1); non-finite values give 0), the
// check of an output against it (run with one thread and with several: the outputs must be the
// same bit for bit), and brain-like test volumes for each path of the statistics.
#ifndef IntensityTransformReference_h
#define IntensityTransformReference_h

#include "FilterTestHelpers.h"

#include "vtkIntensityTransformFilter.h"

#include "vtkDoubleArray.h"
#include "vtkFieldData.h"
#include "vtkFloatArray.h"

#include <cmath>
#include <random>
#include <string>

// Apart from the Exploded Voxels tests' reference (ExplodedVoxelsReference.h): the same names
// would stand for other things.
namespace paravoxel_test
{
namespace intensity_transform
{
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

inline Settings Percentiles(double low, double high)
{
  Settings settings;
  settings.Mode = vtkIntensityTransformFilter::PERCENTILE_RANGE;
  settings.Percentiles = { { low, high } };
  return settings;
}

/** numpy.percentile's default: linear interpolation between the two nearest ranks. */
inline double Percentile(const std::vector<double>& sorted, double percentile)
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
inline Expected Reference(
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
inline std::vector<double> AsDoubles(vtkDataArray* array)
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
inline double Tolerance(const Settings& settings)
{
  return std::ldexp(std::abs(settings.Contrast) + 2.0, -24);
}

/**
 * Checks the filter's output against `expected`: the input arrays kept, the float32 result named
 * as asked as the active scalars, each value within the tolerance (non-finite inputs exactly 0),
 * the normalization range, and the messages (none, or one warning for an empty range).
 */
inline void ExpectOutput(vtkImageData* output, vtkIntensityTransformFilter* filter,
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
 * space), and the input's field data (the reader's VoxelToWorld) is passed on.
 */
inline void ExpectSameGeometry(vtkImageData* input, vtkImageData* output)
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
inline vtkSmartPointer<vtkIntensityTransformFilter> Check(
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
inline std::array<vtkSmartPointer<vtkDataArray>, 3> EachStatisticsPath(const Layout& layout,
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
}
}

#endif
