/**
 * @class   HugePageMemory
 * @brief   Memory for large arrays on transparent huge pages.
 *
 * Volumes and meshes are hundreds of megabytes written once from start to end. The kernel hands
 * fresh memory out a page at a time, on first touch; with 4 KiB pages that is a page fault every
 * 4 KiB, and on a virtual machine every fault traps to the hypervisor: on a 2-core virtual machine
 * faulting in the output arrays took as long as filling them. Blocks of 2 MiB and more are
 * therefore aligned to 2 MiB and marked MADV_HUGEPAGE, so they fault in 2 MiB at a time. The
 * memory comes from posix_memalign and is released with free(), so VTK arrays can own it
 * (VTK_DATA_ARRAY_FREE).
 */
#ifndef paravoxel_HugePageMemory_h
#define paravoxel_HugePageMemory_h

#include "ParaVoxelCommonModule.h" // for export macro
#include "vtkType.h"

#include <memory>
#include <string>

class vtkDataArray;

namespace paravoxel
{
class PARAVOXELCOMMON_EXPORT HugePageMemory
{
public:
  /**
   * `bytes` of uninitialised memory, to be released with free(); null when it cannot be had
   * (or for sizes beyond the address space).
   */
  static void* Allocate(vtkTypeUInt64 bytes);

  /** Releases memory of Allocate(). */
  struct Free
  {
    void operator()(void* memory) const;
  };

  /** An owned array of `T` in such memory: the filters' per-voxel scratch tables. */
  template <typename T>
  using Array = std::unique_ptr<T[], Free>;

  /** `count` uninitialised values of `T` in such memory; null when it cannot be had. */
  template <typename T>
  static Array<T> AllocateArray(vtkIdType count)
  {
    return Array<T>(static_cast<T*>(
      count < 0 ? nullptr : Allocate(static_cast<vtkTypeUInt64>(count) * sizeof(T))));
  }

  /**
   * Give `array` `tuples` uninitialised tuples in such memory (its values are lost); false,
   * leaving `array` as it was, when the memory cannot be had.
   */
  static bool SetNumberOfTuples(vtkDataArray* array, vtkIdType tuples);

  /**
   * What the last request this thread could not have was, and the limit it met, as a phrase for
   * error messages ("a block of 5.7 GiB could not be had (this process may use 8.0 GiB of
   * address space: ulimit -v)").
   */
  static std::string DescribeLastFailure();
};
} // namespace paravoxel

#endif
