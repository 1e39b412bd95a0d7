/**
 * @class   vtkParaVoxelArrayRanges
 * @brief   Fills the range caches of an array in one multi-threaded pass, so that ParaView's
 *          data information costs nothing after an update.
 *
 * After every update (and whenever a filter is created on an output) ParaView gathers the data
 * information of each stage: vtkPVArrayInformation asks every array for its range and finite
 * range, per component and of the L2 norm, which VTK computes in generic passes of about 20 ns
 * a value unless the array's information already holds them (vtkDataArray::PER_COMPONENT,
 * PER_FINITE_COMPONENT, L2_NORM_RANGE, L2_NORM_FINITE_RANGE). ParaVoxel's reader and filters
 * call Cache() on every array they make, once its values are final: all four ranges in a single
 * typed pass over the values, on every core. The ranges are those VTK would compute: NaN is
 * left out of both, infinities out of the finite range only.
 */
#ifndef vtkParaVoxelArrayRanges_h
#define vtkParaVoxelArrayRanges_h

#include "ParaVoxelCommonModule.h" // for export macro
#include "vtkObject.h"

#include <vector> // for CacheKnownValues

class vtkDataArray;

class PARAVOXELCOMMON_EXPORT vtkParaVoxelArrayRanges : public vtkObject
{
public:
  // Static members only, reached through the class (from Python too): no New(), no instances.
  vtkAbstractTypeMacro(vtkParaVoxelArrayRanges, vtkObject);

  /**
   * Compute and store the ranges of `array` (nothing for an empty array, whose range VTK leaves
   * undefined). Call it after the last change to the values: VTK keeps the cache until the
   * array is modified through its API.
   */
  static void Cache(vtkDataArray* array);

  /**
   * Store the ranges of the one-component `array` whose values are known to be exactly those of
   * `values` (each at least once), without a pass over the array: a table's results for the
   * inputs that occur, say.
   */
  static void CacheKnownValues(vtkDataArray* array, const std::vector<double>& values);
};

#endif
