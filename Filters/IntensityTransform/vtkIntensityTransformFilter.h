/**
 * @class   vtkIntensityTransformFilter
 * @brief   The tutorial's contrast curve for brain MRI: normalizes an image's values, cuts off
 *          the dark floor, applies a gamma and stretches the contrast about the mean.
 *
 * For each value v of the selected array (SetInputArrayToProcess(0, 0, 0, association, name);
 * by default the active point scalars, else the active cell scalars; one component):
 *
 *     n   = (v - lo) / (hi - lo)
 *     g   = clip(n - Floor, 0, 1) ^ Gamma
 *     out = clip((g - mean(g)) * Contrast + mean(g) - Offset, 0, 1)
 *
 * where [lo, hi] is the normalization range (the data's minimum and maximum, two custom values,
 * or two percentiles of the data) and mean(g) the mean of g over the whole image. The defaults
 * (Floor 0.1, Gamma 0.4, Contrast 2, Offset 0.1, Data range) are the tutorial's curve, which
 * maps air to exactly 0 and spreads tissue over [0, 1].
 *
 * Output: the input, plus the float32 array ResultArrayName (same association as the input
 * array) set as the active scalars. NaN and infinite values are left out of every statistic and
 * give 0. When the normalization range is empty (a constant image, no finite value, or a custom
 * range with hi <= lo) the result is 0 everywhere and a warning says why.
 *
 * Percentiles follow numpy.percentile's default (linear interpolation between the two nearest
 * ranks, over the finite values). They are exact: a value histogram for integer arrays whose
 * range spans at most HistogramBinLimit values (every 8- and 16-bit type), a radix selection on
 * the bits of the values otherwise.
 *
 * Integer arrays on the histogram path evaluate the curve once per distinct value (a lookup
 * table). Other arrays evaluate g once per value, keep it as float32 in the result array and
 * stretch it in place once mean(g) is known; the float32 rounding of g moves the result by at
 * most 2^-24 x (Contrast + 1) (1.8e-7 with the defaults).
 *
 * The passes over the data run with vtkSMPTools (per-thread partial results, combined at the
 * end). With a distributed pipeline (several pieces and a controller with as many processes),
 * the minimum, maximum, value count, histogram, percentiles and mean(g) are reduced over all
 * processes, each counting only the points (or cells) it owns: pieces of an image share their
 * boundary layer of points, which belongs to the upper piece. mean(g) is accumulated in fixed
 * point (or from the global histogram), so that the result does not depend on the number of
 * threads or processes: a distributed run gives bit for bit the serial result. A pipeline that
 * streams pieces through one process gets statistics per piece.
 */
#ifndef vtkIntensityTransformFilter_h
#define vtkIntensityTransformFilter_h

#include "ParaVoxelFiltersModule.h" // for export macro
#include "vtkDataSetAlgorithm.h"

#include <array>  // for std::array
#include <string> // for the settings check

class vtkDataArray;
class vtkImageData;
class vtkMultiProcessController;

class PARAVOXELFILTERS_EXPORT vtkIntensityTransformFilter : public vtkDataSetAlgorithm
{
public:
  static vtkIntensityTransformFilter* New();
  vtkTypeMacro(vtkIntensityTransformFilter, vtkDataSetAlgorithm);
  void PrintSelf(ostream& os, vtkIndent indent) override;

  /**
   * Where the normalization range [lo, hi] comes from.
   */
  enum NormalizationModes
  {
    DATA_RANGE = 0,      ///< the minimum and maximum of the finite values (default)
    CUSTOM_RANGE = 1,    ///< CustomRange
    PERCENTILE_RANGE = 2 ///< the PercentileRange percentiles of the finite values
  };

  /**
   * Integer arrays whose values span at most this many integers get their statistics from a
   * value histogram (one pass, exact, and a lookup table for the output).
   */
  static constexpr int HistogramBinLimit = 1 << 16;

  ///@{
  /**
   * Subtracted from the normalized value before the gamma (default 0.1): the dark floor (air,
   * noise) that becomes 0. Any finite number (the GUI's slider spans [0, 1]).
   */
  vtkSetMacro(Floor, double);
  vtkGetMacro(Floor, double);
  ///@}

  ///@{
  /**
   * Exponent applied after the floor cut, finite and >= 0 (default 0.4): below 1 it brightens
   * dim tissue.
   */
  vtkSetMacro(Gamma, double);
  vtkGetMacro(Gamma, double);
  ///@}

  ///@{
  /**
   * Stretch factor of the values about their mean (default 2); any finite number.
   */
  vtkSetMacro(Contrast, double);
  vtkGetMacro(Contrast, double);
  ///@}

  ///@{
  /**
   * Subtracted after the contrast stretch, before the final clip to [0, 1] (default 0.1); any
   * finite number.
   */
  vtkSetMacro(Offset, double);
  vtkGetMacro(Offset, double);
  ///@}

  ///@{
  /**
   * Where the normalization range comes from: DATA_RANGE (default), CUSTOM_RANGE or
   * PERCENTILE_RANGE; any other value is an error.
   */
  vtkSetMacro(NormalizationMode, int);
  vtkGetMacro(NormalizationMode, int);
  ///@}

  ///@{
  /**
   * The normalization range [lo, hi] in CUSTOM_RANGE mode (default [0, 1]), two finite numbers;
   * values outside it are clipped by the curve.
   */
  vtkSetVector2Macro(CustomRange, double);
  vtkGetVector2Macro(CustomRange, double);
  ///@}

  ///@{
  /**
   * The two percentiles, in [0, 100], that give the normalization range in PERCENTILE_RANGE
   * mode (default 1 and 99); any other value (NaN too) is an error.
   */
  vtkSetVector2Macro(PercentileRange, double);
  vtkGetVector2Macro(PercentileRange, double);
  ///@}

  ///@{
  /**
   * Name of the float32 result array (default "Transformed").
   */
  vtkSetStringMacro(ResultArrayName);
  vtkGetStringMacro(ResultArrayName);
  ///@}

  ///@{
  /**
   * The controller the statistics are reduced over in a distributed pipeline. Defaults to the
   * global controller.
   */
  virtual void SetController(vtkMultiProcessController*);
  vtkGetObjectMacro(Controller, vtkMultiProcessController);
  ///@}

  ///@{
  /**
   * The normalization range [lo, hi] of the last execution (after the reduction over processes).
   */
  vtkGetVector2Macro(LastNormalizationRange, double);
  ///@}

protected:
  vtkIntensityTransformFilter();
  ~vtkIntensityTransformFilter() override;

  int FillInputPortInformation(int port, vtkInformation* info) override;
  int RequestData(vtkInformation*, vtkInformationVector**, vtkInformationVector*) override;

  double Floor = 0.1;
  double Gamma = 0.4;
  double Contrast = 2.0;
  double Offset = 0.1;
  int NormalizationMode = DATA_RANGE;
  double CustomRange[2] = { 0.0, 1.0 };
  double PercentileRange[2] = { 1.0, 99.0 };
  char* ResultArrayName = nullptr;
  vtkMultiProcessController* Controller = nullptr;
  double LastNormalizationRange[2] = { 0.0, 0.0 };

private:
  /**
   * The array to transform, and its association; null, with the error reported, when it is
   * missing or unusable, or when a parameter is.
   */
  vtkDataArray* FindScalars(
    vtkInformationVector** inputVector, vtkImageData* input, int& association);
  struct CurveParameter
  {
    const char* Name;
    double Value;
  };
  // Floor, Gamma, Contrast and Offset with their names: what PrintSelf prints.
  std::array<CurveParameter, 4> GetCurveParameters() const;
  /**
   * Why the settings cannot make a curve, or "" when they can: the one place that says which
   * values each property accepts (a NaN or an infinity would reach the fixed-point sums).
   */
  std::string FindInvalidSetting() const;
  /**
   * Whether LastNormalizationRange, over `count` counted values, gives a curve; else the result
   * is 0 everywhere, and a process with `scalars` warns why.
   */
  bool HasCurve(vtkDataArray* scalars, long long count);
  vtkIntensityTransformFilter(const vtkIntensityTransformFilter&) = delete;
  void operator=(const vtkIntensityTransformFilter&) = delete;
};

#endif
