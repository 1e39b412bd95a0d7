/**
 * @class   ExplodedVoxelsSharedCorners
 * @brief   The geometry of ExplodedVoxelsMesher for solid blocks (Gap 0, interior faces
 *          culled): neighbouring faces share the corners of the voxel lattice.
 *
 * Corner (I, J, K) of the lattice sits between voxels I-1 and I, J-1 and J, K-1 and K; rows of
 * corners run along I like rows of voxels, with one more of each along every axis. Passes:
 *  PASS 3: mark the corners some face uses and count them per row of corners, then prefix-sum;
 *  PASS 4a: place the used corners, each row of corners writing its own range of points;
 *  PASS 4b: make the quads of each row of voxels, walking the four rows of corners around it.
 */
#ifndef paravoxel_ExplodedVoxelsSharedCorners_h
#define paravoxel_ExplodedVoxelsSharedCorners_h

#include "ExplodedVoxelsRowLoop.h"
#include "HugePageMemory.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace paravoxel
{
class ExplodedVoxelsFaces;
class ExplodedVoxelsGrid;
class ExplodedVoxelsSharedCorners
{
public:
  /**
   * `scratch`, when not null, holds at least GetNumberOfCorners(grid) bytes, which become the
   * corner marks (they are allocated otherwise).
   */
  ExplodedVoxelsSharedCorners(const ExplodedVoxelsGrid& grid, const ExplodedVoxelsFaces& faces,
    HugePageMemory::Array<std::uint8_t> scratch,
    const ExplodedVoxelsRowLoop::ProgressFunction& progress);

  /** The corners of the lattice around the voxels of `grid`. */
  static vtkIdType GetNumberOfCorners(const ExplodedVoxelsGrid& grid);
  ~ExplodedVoxelsSharedCorners();

  /**
   * PASS 3. Returns false when the progress function asked to abort or the corner marks could not
   * be allocated.
   */
  bool MarkUsedCorners();

  /** The number of used corners, once MarkUsedCorners() has run. */
  vtkIdType GetNumberOfPoints() const { return this->RowPointStart.back(); }

  /**
   * PASS 4a and 4b: fill `points` (3 floats a point) and `connectivity` (4 ids a quad), then free
   * the corner marks. Returns false when the progress function asked to abort. Defined for 32- and
   * 64-bit ids.
   */
  template <typename IdT>
  bool FillGeometry(float* points, IdT* connectivity);

private:
  bool PlaceCorners(float* points) const;
  template <typename IdT>
  bool MakeQuads(IdT* connectivity) const;

  const ExplodedVoxelsGrid& Grid;
  const ExplodedVoxelsFaces& Faces;
  const ExplodedVoxelsRowLoop::ProgressFunction& Progress;
  /** Corners per row of corners, and rows of corners. */
  vtkIdType RowLength;
  vtkIdType NumberOfRows;
  /** Per lattice corner: whether a face uses it. */
  HugePageMemory::Array<std::uint8_t> CornerUsed;
  /** Per row of corners: the first used corner and one past the last. */
  std::vector<int> RowFirstUsed;
  std::vector<int> RowEndUsed;
  /** First point of each row of corners, then the total. */
  std::vector<vtkIdType> RowPointStart;
};

} // namespace paravoxel

#endif
