/**
 * @class   ExplodedVoxelsRegions
 * @brief   The regions of a label image in vtkExplodedVoxelsFilter: which labels are filled,
 *          the region of each work voxel, the name of each region, and how far each region's
 *          boxes move in an exploded view.
 *
 * A region is the set of voxels holding one label (an integer value of a one-component integer
 * array), compared as the exact integer it is (ExplodedVoxelsLabelKeys). Tables are indexed by
 * region id = label key - first key of the label range, which is the range of the whole image
 * under MPI (reduced over the processes when regions move), so that ids mean the same labels on
 * every process.
 *
 * Region explosion: each region's boxes move by Explosion x (region centroid - centroid of all
 * filled voxels). The centroids are the means of the centres of the filled voxels (those passing
 * the thresholds and the selected labels, before any cut, so that moving a cut never moves the
 * regions), counted once each (the voxels each piece owns), summed as exact integers of voxel
 * indices, so that any number of threads and processes gives the same offsets.
 */
#ifndef paravoxel_ExplodedVoxelsRegions_h
#define paravoxel_ExplodedVoxelsRegions_h

#include "ExplodedVoxelsGrid.h"
#include "ExplodedVoxelsLabelKeys.h"
#include "HugePageMemory.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

class vtkMultiProcessController;

namespace paravoxel
{
class ExplodedVoxelsRegions
{
public:
  /** The most labels a label range may span (the per-region tables have one entry each). */
  static constexpr long long MaximumLabels = 1 << 20;

  /**
   * What the filter asks for. `LabelType`: the VTK type of the labels. `SelectedLabels`: the keys
   * (ExplodedVoxelsLabelKeys) of the labels to fill (`SelectAll`: every label). `Explosion`: 0
   * for none. `Controller`: the processes to reduce the label range and the centroids over
   * (nullptr: this one alone).
   */
  struct Request
  {
    int LabelType = VTK_INT;
    bool SelectAll = true;
    std::vector<long long> SelectedLabels;
    double Explosion = 0.0;
    vtkMultiProcessController* Controller = nullptr;
  };

  explicit ExplodedVoxelsRegions(const ExplodedVoxelsGrid& grid);
  ~ExplodedVoxelsRegions();

  /**
   * Prepares the tables for label keys in [`firstLabel`, `lastLabel`] (this process's range;
   * empty when firstLabel > lastLabel), reducing the range over the processes when regions move.
   * Returns false, with `error` saying why, when the range spans more than MaximumLabels labels
   * (the same on every process, after the reduction) or memory is short.
   */
  bool Initialize(
    const Request& request, long long firstLabel, long long lastLabel, std::string& error);

  /** Whether the voxels' labels matter at all (a selection or explosion). */
  bool IsActive() const { return this->Active; }
  /** Whether each work voxel's region is kept (for the explosion). */
  bool KeepsVoxelRegions() const { return this->Explosion != 0.0; }
  bool IsExploding() const { return this->Explosion != 0.0; }

  /** The region id of `label` (a value of the label array), or -1 when it is not selected. */
  template <typename T>
  std::int32_t SelectedRegion(T label) const
  {
    // Unsigned, so that keys far from the range neither overflow nor wrap into it.
    const unsigned long long region = static_cast<unsigned long long>(this->Keys(label)) -
      static_cast<unsigned long long>(this->FirstLabel);
    return region < static_cast<unsigned long long>(this->NumberOfRegions) && this->Selected[region]
      ? static_cast<std::int32_t>(region)
      : -1;
  }

  /**
   * Per work voxel: its region id (valid for filled voxels), allocated when KeepsVoxelRegions();
   * else nullptr.
   */
  std::int32_t* GetVoxelRegions() const { return this->VoxelRegions.get(); }

  /** Per-thread sums for the centroids: count, then sums of i, j, k, per region. */
  std::vector<long long>& GetThreadSums();
  void AddToSums(std::vector<long long>& sums, std::int32_t region, const int index[3]) const
  {
    long long* s = sums.data() + 4 * region;
    s[0] += 1;
    s[1] += index[0];
    s[2] += index[1];
    s[3] += index[2];
  }

  /**
   * Adds up the threads' sums and, when regions move, those of all processes, and makes each
   * region's offset. Every process calls it once when regions move (collective).
   */
  void ComputeOffsets();

  /**
   * The centre of the box of work voxel (i, j, k), `voxel` its index in the work grid: its place
   * in the image, moved by its region's explosion offset. The one place where boxes are placed.
   */
  void GetBoxCentre(int i, int j, int k, vtkIdType voxel, double centre[3]) const
  {
    this->Grid.GetPosition(i, j, k, centre);
    if (!this->Offsets.empty())
    {
      const double* offset = &this->Offsets[3 * this->VoxelRegions.get()[voxel]];
      centre[0] += offset[0];
      centre[1] += offset[1];
      centre[2] += offset[2];
    }
  }

  /** Frees the per-voxel regions once the last pass has used them. */
  void ReleaseVoxelRegions() { this->VoxelRegions.reset(); }

private:
  const ExplodedVoxelsGrid& Grid;
  bool Active = false;
  double Explosion = 0.0;
  ExplodedVoxelsLabelKeys Keys{ VTK_INT };
  vtkMultiProcessController* Controller = nullptr;
  long long FirstLabel = 0;
  long long NumberOfRegions = 0;
  std::vector<std::uint8_t> Selected;
  /** On huge pages: the table spans the whole work grid. */
  HugePageMemory::Array<std::int32_t> VoxelRegions;
  struct ThreadSums;
  std::unique_ptr<ThreadSums> Sums;
  /** Per region: the world offset of its boxes (3 values); empty when regions do not move. */
  std::vector<double> Offsets;
};

} // namespace paravoxel

#endif
