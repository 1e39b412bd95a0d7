/**
 * @class   ExplodedVoxelsMesher
 * @brief   The multi-threaded core of vtkExplodedVoxelsFilter: voxels of a work grid to quads.
 *
 * Passes over rows of voxels with vtkSMPTools, in the manner of vtkFlyingEdges3D (count, prefix
 * sum, fill in place; no locks, no reallocation):
 *  PASS 1: classify each voxel: empty, filled and owned by this piece, or filled neighbour
 *    (ghost); for label images, keep only the selected regions, note each voxel's region and
 *    add the owned ones up for the regions' centroids (ExplodedVoxelsRegions), which are then
 *    reduced over the processes when regions move apart;
 *  PASS 2: give each owned filled voxel its mask of faces to make (all six, or those towards an
 *    empty voxel, the border or, when regions move apart, a voxel of another region), count faces
 * (and, for separate boxes, corners) per row, and prefix-sum the counts (ExplodedVoxelsFaces); PASS
 * 3 and 4: make the points and quads of one of two geometries: boxes that stand apart, each with
 * the corners its faces use (ExplodedVoxelsSeparateBoxes: PASS 4 only, its corners are counted in
 * PASS 2), or solid blocks whose faces share the corners of the voxel lattice
 * (ExplodedVoxelsSharedCorners: PASS 3 marks and counts the used corners); PASS 5: copy the voxel
 * values (all components, their own type), (i, j, k) and the region's name to each face, and, for
 * separate boxes, the values to each box's corners too. The voxel arrays hold one byte per voxel
 * (and per corner), freed as soon as they are used.
 */
#ifndef paravoxel_ExplodedVoxelsMesher_h
#define paravoxel_ExplodedVoxelsMesher_h

#include "ExplodedVoxelsFaces.h"
#include "ExplodedVoxelsRowLoop.h"
#include "HugePageMemory.h"

#include "vtkStdString.h"

#include <cstdint>
#include <memory>
#include <vector>

class vtkDataArray;
class vtkPolyData;

namespace paravoxel
{
class ExplodedVoxelsCut;
class ExplodedVoxelsGrid;
class ExplodedVoxelsRegions;
class ExplodedVoxelsMesher
{
public:
  /** Receives the fraction of work done, between chunks of rows; returns false to abort. */
  using ProgressFunction = ExplodedVoxelsRowLoop::ProgressFunction;

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

  ExplodedVoxelsMesher(const ExplodedVoxelsGrid& grid, ProgressFunction progress);
  ~ExplodedVoxelsMesher();

  /**
   * Make the faces of the filled voxels of the grid whose values are in `scalars`, into
   * `output` (points, quads, the carried array and VoxelIndex as cell data). Returns false,
   * leaving `output` untouched, when the progress function asked to abort or memory for the
   * scratch tables or the output could not be had.
   */
  bool Execute(const Settings& settings, vtkDataArray* scalars, const ExplodedVoxelsCut& cut,
    ExplodedVoxelsRegions& regions, vtkPolyData* output);

private:
  bool Classify(const Settings& settings, bool separateBoxes, vtkDataArray* scalars,
    const ExplodedVoxelsCut& cut, ExplodedVoxelsRegions& regions);
  bool FindFaces(
    const Settings& settings, bool separateBoxes, const ExplodedVoxelsRegions& regions);
  bool CopyAttributes(
    vtkDataArray* scalars, vtkDataArray* carried, vtkDataArray* cornerValues, int* voxelIndex);

  const ExplodedVoxelsGrid& Grid;
  ProgressFunction Progress;
  /**
   * Per work voxel: empty, filled neighbour or filled owned; with shared corners, the memory then
   * goes on to hold the corner marks.
   */
  HugePageMemory::Array<std::uint8_t> Classes;
  /** Per row of voxels: whether any passed the threshold (the others are skipped). */
  std::vector<std::uint8_t> RowHasFilled;
  /** What PASS 2 finds, for the later passes. */
  ExplodedVoxelsFaces Faces;
};

} // namespace paravoxel

#endif
