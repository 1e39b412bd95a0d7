/**
 * @class   vtkExplodedVoxelsMesher
 * @brief   The multi-threaded core of vtkExplodedVoxelsFilter: voxels of a work grid to quads.
 *
 * Passes over rows of voxels with vtkSMPTools, in the manner of vtkFlyingEdges3D (count, prefix
 * sum, fill in place; no locks, no reallocation):
 *  1. classify each voxel: empty, filled and owned by this piece, or filled neighbour (ghost);
 *  2. give each owned filled voxel its mask of faces to make (all six, or those towards an empty
 *     voxel or the border), and count faces (and, for separate boxes, corners) per row;
 *  3. with shared corners (Gap 0, interior faces culled), mark the lattice corners some face
 *     uses and count them per row of corners;
 *  4. prefix-sum the counts, then fill points and quads, each row writing its own range;
 *  5. copy the voxel values (all components, their own type) and (i, j, k) to each face, and,
 *     for separate boxes, the values to each box's corners too.
 * The voxel arrays hold one byte per voxel (and per corner), freed as soon as they are used.
 */
#ifndef vtkExplodedVoxelsMesher_h
#define vtkExplodedVoxelsMesher_h

#include "vtkType.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

class vtkDataArray;
class vtkExplodedVoxelsCut;
class vtkExplodedVoxelsGrid;
class vtkPolyData;

class vtkExplodedVoxelsMesher
{
public:
  /** Receives the fraction of work done, between chunks of rows; returns false to abort. */
  using ProgressFunction = std::function<bool(double)>;

  struct Settings
  {
    double LowerThreshold;
    double UpperThreshold;
    /** -1: the value, or the norm of multi-component arrays; else that component. */
    int ThresholdComponent;
    /** The box shrink factor is 1 - Gap. */
    double Gap;
    bool KeepInteriorFaces;
    /** Keep only the faces whose outer side looks toward ViewPoint (world coordinates). */
    bool OnlyFacesTowardViewPoint;
    double ViewPoint[3];
  };

  vtkExplodedVoxelsMesher(const vtkExplodedVoxelsGrid& grid, ProgressFunction progress);
  ~vtkExplodedVoxelsMesher();

  /**
   * Make the faces of the filled voxels of the grid whose values are in `scalars`, into
   * `output` (points, quads, the carried array and VoxelIndex as cell data). Returns false,
   * leaving `output` untouched, when the progress function asked to abort.
   */
  bool Execute(const Settings& settings, vtkDataArray* scalars, const vtkExplodedVoxelsCut& cut,
    vtkPolyData* output);

private:
  bool Classify(const Settings& settings, vtkDataArray* scalars, const vtkExplodedVoxelsCut& cut);
  bool FindFaces(const Settings& settings, bool separateBoxes);
  bool FindSharedCorners();
  template <typename IdT>
  bool FillGeometry(double shrink, bool separateBoxes, float* points, IdT* connectivity);
  bool CopyAttributes(
    vtkDataArray* scalars, vtkDataArray* carried, vtkDataArray* cornerValues, int* voxelIndex);

  const vtkExplodedVoxelsGrid& Grid;
  ProgressFunction Progress;
  /** Per work voxel: empty, filled neighbour or filled owned. */
  std::unique_ptr<std::uint8_t[]> Classes;
  /** Per row of voxels: whether any passed the threshold (the others are skipped). */
  std::vector<std::uint8_t> RowHasFilled;
  /** Per work voxel: the faces to make (bits -x, +x, -y, +y, -z, +z). */
  std::unique_ptr<std::uint8_t[]> FaceMasks;
  /** Per lattice corner, with shared corners: whether a face uses it. */
  std::unique_ptr<std::uint8_t[]> CornerUsed;
  /** First face of each row, then the total (prefix sums of the counts). */
  std::vector<vtkIdType> RowFaceStart;
  /**
   * Per row of voxels: the first voxel with faces and one past the last, so that later passes
   * skip the empty ends of rows.
   */
  std::vector<int> RowFirstFace;
  std::vector<int> RowEndFace;
  /** Per row of corners, with shared corners: the first used corner and one past the last. */
  std::vector<int> CornerRowFirst;
  std::vector<int> CornerRowEnd;
  /** First point of each row (of voxels, or of corners when shared), then the total. */
  std::vector<vtkIdType> RowPointStart;
};

#endif
