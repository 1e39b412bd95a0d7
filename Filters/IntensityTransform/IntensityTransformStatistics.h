/**
 * @class   IntensityTransformStatistics
 * @brief   The statistics of vtkIntensityTransformFilter's array over the whole image: minimum,
 *          maximum and number of the counted values, their histogram for small integer spans,
 *          and percentiles.
 *
 * Each process counts the values of its block (IntensityTransformBlock); with a controller,
 * every result is reduced over all processes, so that every process gets the statistics of the
 * whole image. Every process takes part in every reduction, even with an empty piece or an error,
 * so that none waits forever: a process without values passes a null array.
 */
#ifndef paravoxel_IntensityTransformStatistics_h
#define paravoxel_IntensityTransformStatistics_h

#include "vtkType.h"

#include <functional>
#include <limits>
#include <vector>

class vtkDataArray;
class vtkMultiProcessController;

namespace paravoxel
{
class IntensityTransformBlock;
class IntensityTransformStatistics
{
public:
  /** `controller` is null when this process is alone. */
  explicit IntensityTransformStatistics(vtkMultiProcessController* controller)
    : Controller(controller)
  {
  }

  /** This process could not take part (an error it reported): no process goes on. */
  void AddFailure() { ++this->Failures; }

  /** PASS 1: the minimum, maximum and number of the counted values of `array`'s block. */
  void ComputeRange(vtkDataArray* array, const IntensityTransformBlock& block);

  /** The totals of PASS 1 and of the failures over all processes. */
  void ReduceRange();

  bool HasFailures() const { return this->Failures > 0; }
  double GetMinimum() const { return this->Minimum; }
  double GetMaximum() const { return this->Maximum; }
  long long GetCount() const { return this->Count; }

  /**
   * Whether the statistics come from an exact integer histogram (PASS 2): integer arrays
   * everywhere, a span of fewer than vtkIntensityTransformFilter::HistogramBinLimit values, and
   * values doubles hold exactly.
   */
  bool UsesHistogram() const;

  /**
   * PASS 2: the number of counted values equal to each integer from the minimum to the maximum,
   * over all processes.
   */
  void ComputeHistogram(vtkDataArray* array, const IntensityTransformBlock& block);
  const std::vector<long long>& GetHistogram() const { return this->Histogram; }
  /** The integer the histogram's first bin counts: the minimum. */
  long long GetHistogramOffset() const { return static_cast<long long>(this->Minimum); }

  /**
   * PASS 3: the two percentiles `percentiles` (clamped to [0, 100]; a NaN one gives NaN) of the
   * counted values, numpy.percentile's linear interpolation between the two nearest ranks: from
   * the histogram when PASS 2 made one, else by radix selection (`progress` gets the fraction
   * of its passes done). Needs at least one counted value.
   */
  void ComputePercentiles(vtkDataArray* array, const IntensityTransformBlock& block,
    const double percentiles[2], const std::function<void(double)>& progress,
    double values[2]) const;

private:
  vtkMultiProcessController* Controller;
  double Minimum = std::numeric_limits<double>::infinity();
  double Maximum = -std::numeric_limits<double>::infinity();
  long long Count = 0;
  long long Failures = 0;
  long long NonIntegerArrays = 0;
  std::vector<long long> Histogram;
};

} // namespace paravoxel

#endif
