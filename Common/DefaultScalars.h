/**
 * @class   DefaultScalars
 * @brief   The array a ParaVoxel filter works on when its Scalars selection is left empty.
 *
 * paraview.simple creates a filter's Scalars property from its input's arrays; when the input
 * has not executed yet (e.g. `ExplodedVoxels(Input=IntensityTransform(Input=reader))` in one
 * line) the selection is an empty name. Both filters then use the input's active scalars, of the
 * points, else of the cells, as a user would expect.
 */
#ifndef paravoxel_DefaultScalars_h
#define paravoxel_DefaultScalars_h

#include "ParaVoxelCommonModule.h" // for export macro
#include "vtkType.h"

#include <string>

class vtkDataArray;
class vtkDataSet;
class vtkInformation;

namespace paravoxel
{
class PARAVOXELCOMMON_EXPORT DefaultScalars
{
public:
  /**
   * When `selection` (the filter's input array information) names no array, the active scalars
   * of `input`'s points, else of its cells, with `association` set to match; else null.
   */
  static vtkDataArray* ActiveScalarsWhenUnnamed(
    vtkInformation* selection, vtkDataSet* input, int& association);

  /**
   * What `selection` asks for, for error messages: "array named 'X'", or "scalars" when it names
   * no array.
   */
  static std::string DescribeSelection(vtkInformation* selection);
};
} // namespace paravoxel

#endif
