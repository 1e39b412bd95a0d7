/**
 * @class   ExplodedVoxelsSeparateBoxes
 * @brief   The geometry of ExplodedVoxelsMesher when boxes stand apart (Gap > 0, or
 *          KeepInteriorFaces): each box owns the corners its faces use.
 *
 * Every voxel with faces is a box of its own, shrunk about its centre (moved with its region when
 * regions move apart: ExplodedVoxelsRegions::GetBoxCentre). Its corners are
 * consecutive points in corner order, those of a row's boxes from the row's first corner
 * (ExplodedVoxelsFaces::RowBoxCornerStart, counted in PASS 2) on, so that the mesher can give
 * them the box's values. One pass (PASS 4) over the rows of voxels writes each row's points and
 * quads in place.
 */
#ifndef paravoxel_ExplodedVoxelsSeparateBoxes_h
#define paravoxel_ExplodedVoxelsSeparateBoxes_h

#include "ExplodedVoxelsRowLoop.h"

namespace paravoxel
{
class ExplodedVoxelsFaces;
class ExplodedVoxelsGrid;
class ExplodedVoxelsRegions;
class ExplodedVoxelsSeparateBoxes
{
public:
  /** Boxes span +-halfSize voxel steps about their centres along each axis. */
  ExplodedVoxelsSeparateBoxes(const ExplodedVoxelsGrid& grid, const ExplodedVoxelsFaces& faces,
    const ExplodedVoxelsRegions& regions, double halfSize,
    const ExplodedVoxelsRowLoop::ProgressFunction& progress);

  vtkIdType GetNumberOfPoints() const;

  /**
   * PASS 4: fill `points` (3 floats a point) and `connectivity` (4 ids a quad). Returns false when
   * the progress function asked to abort. Defined for 32- and 64-bit ids.
   */
  template <typename IdT>
  bool FillGeometry(float* points, IdT* connectivity) const;

private:
  const ExplodedVoxelsGrid& Grid;
  const ExplodedVoxelsFaces& Faces;
  const ExplodedVoxelsRegions& Regions;
  const ExplodedVoxelsRowLoop::ProgressFunction& Progress;
  /** Offset of each box corner from the box's centre. */
  double CornerOffset[8][3];
};

} // namespace paravoxel

#endif
