// Intensity Transform's values against the reference of IntensityTransformReference.h: the
// defaults on brain-like volumes, every parameter of the curve and every normalization range on
// each path of the statistics, all value types at both ends of their range, NaN and infinities
// left out, and empty ranges (zeros and a warning). Every case runs with one thread and with
// several.
#include "IntensityTransformReference.h"

#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <utility>

namespace
{
// The filter tests' shared fixture and helpers (FilterTestHelpers.h), and the Intensity
// Transform settings, reference and checks (IntensityTransformReference.h).
using namespace paravoxel_test;
using namespace paravoxel_test::intensity_transform;
using IntensityTransform = FilterTest;

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Infinity = std::numeric_limits<double>::infinity();

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
  for (const auto& range :
    { std::array<double, 2>{ { 1.0, 99.0 } }, std::array<double, 2>{ { 0.0, 100.0 } },
      std::array<double, 2>{ { 2.5, 97.5 } }, std::array<double, 2>{ { 37.3, 61.1 } } })
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
