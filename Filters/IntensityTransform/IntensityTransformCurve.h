/**
 * @class   IntensityTransformCurve
 * @brief   The tutorial's contrast curve, as vtkIntensityTransformFilter's documentation writes
 *          it, and the passes that apply it to an array.
 *
 * Lift() computes g from a value v, Stretch() the result from g. mean(g) is the mean of g over
 * the counted values of the whole image, so the curve is applied in two passes: PASS 4 evaluates
 * g (and mean(g)), PASS 5 the result. Integer arrays with a histogram
 * (IntensityTransformStatistics) evaluate the curve once per integer value and look the
 * results up; other arrays keep g as float32 in the result array and stretch it in place, which
 * moves the result by at most 2^-24 x (Contrast + 1).
 */
#ifndef paravoxel_IntensityTransformCurve_h
#define paravoxel_IntensityTransformCurve_h

#include "IntensityTransformFixedPointSum.h"
#include "vtkType.h"

#include <algorithm>
#include <cmath>
#include <vector>

class vtkDataArray;
class vtkFloatArray;

namespace paravoxel
{
class IntensityTransformBlock;
class IntensityTransformCurve
{
public:
  /** The curve for the normalization range [range[0], range[1]]; mean(g) is 0 until set. */
  IntensityTransformCurve(
    const double range[2], double floor, double gamma, double contrast, double offset)
    : Low(range[0])
    , Width(range[1] - range[0])
    , Floor(floor)
    , Gamma(gamma)
    , Contrast(contrast)
    , Offset(offset)
  {
  }

  /** g: the value normalized, cut at the floor and raised to the gamma. */
  double Lift(double value) const
  {
    const double normalized = (value - this->Low) / this->Width;
    const double cut = std::min(std::max(normalized - this->Floor, 0.0), 1.0);
    // Most voxels of a brain volume are air below the floor: spare them the pow() (0^0 is 1,
    // as in numpy; Gamma is never negative).
    if (cut > 0.0)
    {
      return std::pow(cut, this->Gamma);
    }
    return this->Gamma > 0.0 ? 0.0 : 1.0;
  }

  /** The result from g: the contrast stretch about mean(g), the offset and the final clip. */
  float Stretch(double lifted) const
  {
    const double stretched = (lifted - this->Mean) * this->Contrast + this->Mean - this->Offset;
    return static_cast<float>(std::min(std::max(stretched, 0.0), 1.0));
  }

  float Apply(double value) const { return this->Stretch(this->Lift(value)); }

  /**
   * PASS 4 with a histogram: mean(g) from the global `histogram` of the integers from `offset`
   * on (`count` values), then the result of each of those integers. The sum runs in value
   * order, the same on every process.
   */
  std::vector<float> TabulateHistogram(
    const std::vector<long long>& histogram, long long offset, long long count);

  /**
   * PASS 5 with a histogram: the result of every value of the integer array `array` (owned or
   * not) into `result`, from the `table` of the integers from `offset` on.
   */
  void ApplyTable(
    vtkDataArray* array, long long offset, const std::vector<float>& table, float* result) const;

  /**
   * PASS 4: g of every value of `array` (owned or not) into `lifted` as float32 (NaN for values
   * that do not count), and the sum of g over the block's values: this process's part of the
   * numerator of mean(g). Keeping g spares the pow() a second evaluation.
   */
  IntensityTransformFixedPointSum LiftArray(
    vtkDataArray* array, const IntensityTransformBlock& block, float* lifted) const;

  /** mean(g), from the sum of g over all processes and the number of counted values. */
  void SetMean(const IntensityTransformFixedPointSum& sum, long long count)
  {
    this->Mean = sum.ToDouble() / static_cast<double>(count);
  }

  /** PASS 5: the result from the g in `values`, in place (0 where g is NaN). */
  void StretchLifted(vtkFloatArray* values) const;

private:
  double Low;
  double Width;
  double Floor;
  double Gamma;
  double Contrast;
  double Offset;
  double Mean = 0.0;
};

} // namespace paravoxel

#endif
