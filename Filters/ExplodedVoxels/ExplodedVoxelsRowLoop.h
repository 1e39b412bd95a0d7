/**
 * @class   ExplodedVoxelsRowLoop
 * @brief   The loop every pass of ExplodedVoxelsMesher runs: rows of voxels (or of corners)
 *          on all cores with vtkSMPTools, reporting progress and noticing an abort between
 *          chunks of rows; and the prefix sum that turns counts per row into first ids.
 */
#ifndef paravoxel_ExplodedVoxelsRowLoop_h
#define paravoxel_ExplodedVoxelsRowLoop_h

#include "vtkSMPTools.h"
#include "vtkType.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace paravoxel
{
class ExplodedVoxelsRowLoop
{
public:
  /** Receives the fraction of work done, between chunks of rows; returns false to abort. */
  using ProgressFunction = std::function<bool(double)>;

  /**
   * Runs body(begin, end) over rows [0, rows) in a few consecutive chunks, reporting progress from
   * `from` to `to` from the calling thread after each. Returns false when `progress` asked to
   * abort (the remaining chunks are not run).
   */
  template <typename Body>
  static bool Run(
    vtkIdType rows, const ProgressFunction& progress, double from, double to, Body&& body)
  {
    const vtkIdType chunks = std::max<vtkIdType>(1, std::min<vtkIdType>(10, rows / 1024));
    for (vtkIdType chunk = 0; chunk < chunks; ++chunk)
    {
      vtkSMPTools::For(rows * chunk / chunks, rows * (chunk + 1) / chunks, RowsPerTask, body);
      if (!progress(from + (to - from) * static_cast<double>(chunk + 1) / chunks))
      {
        return false;
      }
    }
    return true;
  }

  /**
   * Turns the row counts in `counts` (one more entry than rows) into the first index of each row,
   * the last entry becoming the total.
   */
  static void ExclusivePrefixSum(std::vector<vtkIdType>& counts);

private:
  // Rows per vtkSMPTools task: small tasks (tens of microseconds) keep every thread busy to the
  // end of a loop even when another process takes a core away for a while.
  static constexpr vtkIdType RowsPerTask = 128;
};

} // namespace paravoxel

#endif
