// Intensity Transform's statistics: percentiles as exact ranks (doubles, floats and 64-bit
// integers through the radix selection) and interpolated between ranks, both sides of the
// histogram's limit, integers around 2^53, and many values on many threads; each output checked
// against the reference of IntensityTransformReference.h, with one thread and with several.
#include "IntensityTransformReference.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace
{
// The filter tests' shared fixture and helpers (FilterTestHelpers.h), and the Intensity
// Transform settings, reference and checks (IntensityTransformReference.h).
using namespace paravoxel_test;
using namespace paravoxel_test::intensity_transform;
using IntensityTransform = FilterTest;
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
