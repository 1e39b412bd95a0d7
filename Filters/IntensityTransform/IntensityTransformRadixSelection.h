/**
 * @class   IntensityTransformRadixSelection
 * @brief   The exact k-th smallest values of vtkIntensityTransformFilter's counted values over
 *          all processes, by radix selection on the bits of the values.
 *
 * Doubles map to unsigned integers in the same order (for finite values), so that the k-th
 * smallest value can be found digit by digit: each pass counts the next digit of the keys that
 * match the digits found so far, sums the counts over the processes, and picks the digit in
 * which each rank falls. Every process takes part in every pass, with an empty piece too.
 */
#ifndef paravoxel_IntensityTransformRadixSelection_h
#define paravoxel_IntensityTransformRadixSelection_h

#include "vtkType.h"

#include <functional>
#include <vector>

class vtkDataArray;
class vtkMultiProcessController;

namespace paravoxel
{
class IntensityTransformBlock;
class IntensityTransformRadixSelection
{
public:
  /**
   * The values of `ranks` (0-based, among the `count` counted values of all processes' blocks
   * sorted in increasing order). `array` is null on a process with an empty piece; `controller`
   * is null when this process is alone. `progress` gets the fraction of the passes done.
   */
  static std::vector<double> SelectRanks(vtkDataArray* array, const IntensityTransformBlock& block,
    vtkMultiProcessController* controller, long long count, std::vector<vtkIdType> ranks,
    const std::function<void(double)>& progress);
};

} // namespace paravoxel

#endif
