/**
 * @class   vtkParaVoxelArraySelection
 * @brief   The array a ParaVoxel filter works on when its Scalars selection is left empty.
 *
 * paraview.simple creates a filter's Scalars property from its input's arrays; when the input
 * has not executed yet (e.g. `ExplodedVoxels(Input=IntensityTransform(Input=reader))` in one
 * line) the selection is an empty name. Both filters then use the input's active scalars, of the
 * points, else of the cells, as a user would expect.
 */
#ifndef vtkParaVoxelArraySelection_h
#define vtkParaVoxelArraySelection_h

#include "ParaVoxelFiltersModule.h" // for export macro
#include "vtkObject.h"

class vtkDataArray;
class vtkDataSet;
class vtkInformation;

class PARAVOXELFILTERS_EXPORT vtkParaVoxelArraySelection : public vtkObject
{
public:
  static vtkParaVoxelArraySelection* New();
  vtkTypeMacro(vtkParaVoxelArraySelection, vtkObject);

  /**
   * When `selection` (the filter's input array information) names no array, the active scalars
   * of `input`'s points, else of its cells, with `association` set to match; else null.
   */
  static vtkDataArray* ActiveScalarsWhenUnnamed(
    vtkInformation* selection, vtkDataSet* input, int& association);

protected:
  vtkParaVoxelArraySelection() = default;
  ~vtkParaVoxelArraySelection() override = default;

private:
  vtkParaVoxelArraySelection(const vtkParaVoxelArraySelection&) = delete;
  void operator=(const vtkParaVoxelArraySelection&) = delete;
};

#endif
