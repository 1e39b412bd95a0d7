/**
 * @class   vtkExplodedVoxelsSeparateBoxes
 * @brief   The geometry of vtkExplodedVoxelsMesher when boxes stand apart (Gap > 0, or
 *          KeepInteriorFaces): each box owns the corners its faces use.
 *
 * Every voxel with faces is a box of its own, shrunk about its centre. Its corners are
 * consecutive points in corner order, those of a row's boxes from the row's first corner
 * (vtkExplodedVoxelsFaces::RowBoxCornerStart, counted in PASS 2) on, so that the mesher can give
 * them the box's values. One pass (PASS 4) over the rows of voxels writes each row's points and
 * quads in place.
 */
#ifndef vtkExplodedVoxelsSeparateBoxes_h
#define vtkExplodedVoxelsSeparateBoxes_h

#include "vtkExplodedVoxelsRowLoop.h"

class vtkExplodedVoxelsFaces;
class vtkExplodedVoxelsGrid;

class vtkExplodedVoxelsSeparateBoxes
{
public:
  /** Boxes span +-halfSize voxel steps about their centres along each axis. */
  vtkExplodedVoxelsSeparateBoxes(const vtkExplodedVoxelsGrid& grid,
    const vtkExplodedVoxelsFaces& faces, double halfSize,
    const vtkExplodedVoxelsRowLoop::ProgressFunction& progress);

  vtkIdType GetNumberOfPoints() const;

  /**
   * PASS 4: fill `points` (3 floats a point) and `connectivity` (4 ids a quad). Returns false when
   * the progress function asked to abort. Defined for 32- and 64-bit ids.
   */
  template <typename IdT>
  bool FillGeometry(float* points, IdT* connectivity) const;

private:
  const vtkExplodedVoxelsGrid& Grid;
  const vtkExplodedVoxelsFaces& Faces;
  const vtkExplodedVoxelsRowLoop::ProgressFunction& Progress;
  /** Offset of each box corner from the box's centre. */
  double CornerOffset[8][3];
};

#endif
