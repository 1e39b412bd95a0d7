#include "IntensityTransformStatistics.h"

#include "ArrayDispatch.h"
#include "IntensityTransformBlock.h"
#include "IntensityTransformRadixSelection.h"
#include "vtkCommunicator.h"
#include "vtkDataArray.h"
#include "vtkIntensityTransformFilter.h"
#include "vtkMultiProcessController.h"
#include "vtkSMPThreadLocal.h"
#include "vtkSMPTools.h"

#include <algorithm>
#include <cmath>

namespace paravoxel
{
namespace
{
/** Minimum, maximum and number of counted values. */
struct RangeStatistics
{
  double Minimum = std::numeric_limits<double>::infinity();
  double Maximum = -std::numeric_limits<double>::infinity();
  vtkIdType Count = 0;
};

// PASS 1: the range of the counted values, per thread, then combined.
struct ComputeRangeWorker
{
  template <typename ArrayT>
  void operator()(
    ArrayT* array, const IntensityTransformBlock& block, RangeStatistics& result) const
  {
    using ValueType = vtk::GetAPIType<ArrayT>;
    struct Pass
    {
      ArrayT* Array;
      const IntensityTransformBlock& Block;
      vtkSMPThreadLocal<RangeStatistics> Partial;

      void Initialize() {}
      void operator()(vtkIdType firstRow, vtkIdType lastRow)
      {
        ValueType minimum = std::numeric_limits<ValueType>::max();
        ValueType maximum = std::numeric_limits<ValueType>::lowest();
        vtkIdType count = 0;
        this->Block.ForCountedValues(this->Array, firstRow, lastRow,
          [&](ValueType value)
          {
            minimum = std::min(minimum, value);
            maximum = std::max(maximum, value);
            ++count;
          });
        if (count > 0)
        {
          RangeStatistics& partial = this->Partial.Local();
          partial.Minimum = std::min(partial.Minimum, static_cast<double>(minimum));
          partial.Maximum = std::max(partial.Maximum, static_cast<double>(maximum));
          partial.Count += count;
        }
      }
      void Reduce() {}
    };
    Pass pass{ array, block, {} };
    vtkSMPTools::For(0, block.GetNumberOfRows(), pass);
    for (const RangeStatistics& partial : pass.Partial)
    {
      result.Minimum = std::min(result.Minimum, partial.Minimum);
      result.Maximum = std::max(result.Maximum, partial.Maximum);
      result.Count += partial.Count;
    }
  }
};

// PASS 2: the number of counted values equal to each integer of
// [offset, offset + counts.size()), per thread, then summed.
struct ComputeHistogramWorker
{
  template <typename ArrayT>
  void operator()(ArrayT* array, const IntensityTransformBlock& block, long long offset,
    std::vector<long long>& counts) const
  {
    using ValueType = vtk::GetAPIType<ArrayT>;
    struct Pass
    {
      ArrayT* Array;
      const IntensityTransformBlock& Block;
      long long Offset;
      std::size_t Bins;
      vtkSMPThreadLocal<std::vector<long long>> Partial;

      void Initialize() { this->Partial.Local().assign(this->Bins, 0); }
      void operator()(vtkIdType firstRow, vtkIdType lastRow)
      {
        long long* counts = this->Partial.Local().data();
        const long long offset = this->Offset;
        this->Block.ForCountedValues(this->Array, firstRow, lastRow,
          [&](ValueType value) { ++counts[static_cast<long long>(value) - offset]; });
      }
      void Reduce() {}
    };
    Pass pass{ array, block, offset, counts.size(), {} };
    vtkSMPTools::For(0, block.GetNumberOfRows(), pass);
    for (const std::vector<long long>& partial : pass.Partial)
    {
      std::transform(
        partial.begin(), partial.end(), counts.begin(), counts.begin(), std::plus<long long>());
    }
  }
};

/** The ranks floor(h) and floor(h) + 1, h = (count - 1) * percentile / 100, and h's fraction. */
struct PercentileRanks
{
  vtkIdType Below;
  vtkIdType Above;
  double Fraction;

  PercentileRanks(double percentile, vtkIdType count)
  {
    const double position = (percentile / 100.0) * static_cast<double>(count - 1);
    this->Below = std::min(static_cast<vtkIdType>(std::floor(position)), count - 1);
    this->Above = std::min(this->Below + 1, count - 1);
    this->Fraction = position - static_cast<double>(this->Below);
  }

  /** numpy.percentile's linear interpolation between the values of the two ranks, as in numpy. */
  double Interpolate(double below, double above) const
  {
    const double difference = above - below;
    return this->Fraction >= 0.5 ? above - difference * (1.0 - this->Fraction)
                                 : below + difference * this->Fraction;
  }
};
}

void IntensityTransformStatistics::ComputeRange(
  vtkDataArray* array, const IntensityTransformBlock& block)
{
  RangeStatistics range;
  ArrayDispatch::Execute(array, ComputeRangeWorker{}, block, range);
  this->Minimum = range.Minimum;
  this->Maximum = range.Maximum;
  this->Count = range.Count;
  this->NonIntegerArrays = ArrayDispatch::IsIntegerType(array->GetDataType()) ? 0 : 1;
}

void IntensityTransformStatistics::ReduceRange()
{
  if (!this->Controller)
  {
    return;
  }
  double extremes[2] = { this->Minimum, -this->Maximum };
  double globalExtremes[2];
  this->Controller->AllReduce(extremes, globalExtremes, 2, vtkCommunicator::MIN_OP);
  long long totals[3] = { this->Count, this->Failures, this->NonIntegerArrays };
  long long globalTotals[3];
  this->Controller->AllReduce(totals, globalTotals, 3, vtkCommunicator::SUM_OP);
  this->Minimum = globalExtremes[0];
  this->Maximum = -globalExtremes[1];
  this->Count = globalTotals[0];
  this->Failures = globalTotals[1];
  this->NonIntegerArrays = globalTotals[2];
}

bool IntensityTransformStatistics::UsesHistogram() const
{
  // The bounds exclude +-2^53 itself: 64-bit integers just beyond it (2^53 + 1) round to it as
  // doubles and would index past the histogram (a heap overflow,
  // cxx.IntensityTransform.IntegersAroundTwoToThe53).
  const double exactIntegers = 9007199254740992.0; // 2^53
  const bool smallSpan =
    this->Maximum - this->Minimum < vtkIntensityTransformFilter::HistogramBinLimit;
  const bool exact = -exactIntegers < this->Minimum && this->Maximum < exactIntegers;
  return this->NonIntegerArrays == 0 && this->Count > 0 && smallSpan && exact;
}

void IntensityTransformStatistics::ComputeHistogram(
  vtkDataArray* array, const IntensityTransformBlock& block)
{
  this->Histogram.assign(static_cast<std::size_t>(this->Maximum - this->Minimum) + 1, 0);
  if (array)
  {
    ArrayDispatch::Execute(
      array, ComputeHistogramWorker{}, block, this->GetHistogramOffset(), this->Histogram);
  }
  IntensityTransformBlock::SumOverProcesses(this->Controller, this->Histogram);
}

void IntensityTransformStatistics::ComputePercentiles(vtkDataArray* array,
  const IntensityTransformBlock& block, const double percentiles[2],
  const std::function<void(double)>& progress, double values[2]) const
{
  std::vector<PercentileRanks> percentileRanks;
  std::vector<vtkIdType> ranks;
  for (int bound = 0; bound < 2; ++bound)
  {
    // A NaN percentile has no rank (converting it to an integer is undefined behaviour): it takes
    // rank 0 here and gives a NaN bound below, so an empty range. (The filter refuses NaN
    // percentiles before this; the class stays safe on its own.)
    const double percentile = percentiles[bound];
    percentileRanks.emplace_back(
      std::isnan(percentile) ? 0.0 : std::min(std::max(percentile, 0.0), 100.0), this->Count);
    ranks.push_back(percentileRanks.back().Below);
    ranks.push_back(percentileRanks.back().Above);
  }
  std::vector<double> rankValues(ranks.size());
  if (this->UsesHistogram())
  {
    const long long offset = this->GetHistogramOffset();
    for (std::size_t target = 0; target < ranks.size(); ++target)
    {
      long long seen = 0;
      std::size_t bin = 0;
      while (seen + this->Histogram[bin] <= ranks[target])
      {
        seen += this->Histogram[bin++];
      }
      rankValues[target] = static_cast<double>(offset + static_cast<long long>(bin));
    }
  }
  else
  {
    rankValues = IntensityTransformRadixSelection::SelectRanks(
      array, block, this->Controller, this->Count, ranks, progress);
  }
  for (int bound = 0; bound < 2; ++bound)
  {
    values[bound] = std::isnan(percentiles[bound])
      ? std::numeric_limits<double>::quiet_NaN()
      : percentileRanks[bound].Interpolate(rankValues[2 * bound], rankValues[2 * bound + 1]);
  }
}
} // namespace paravoxel
