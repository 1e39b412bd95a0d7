#include "HugePageMemory.h"

#include "vtkDataArray.h"

#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <iomanip>
#include <limits>
#include <sstream>

namespace
{
constexpr vtkTypeUInt64 HugePageBytes = vtkTypeUInt64(2) << 20;

// The request Allocate() last failed to meet on this thread (allocations are made on the thread
// that runs the filter, before the threaded passes).
thread_local vtkTypeUInt64 LastFailedBytes = 0;

void* Fail(vtkTypeUInt64 bytes)
{
  LastFailedBytes = bytes;
  return nullptr;
}

std::string GiB(double bytes)
{
  std::ostringstream text;
  text << std::fixed << std::setprecision(bytes < (1 << 30) ? 3 : 1) << bytes / (1 << 30) << " GiB";
  return text.str();
}
}

void* paravoxel::HugePageMemory::Allocate(vtkTypeUInt64 bytes)
{
  if (bytes > std::numeric_limits<std::size_t>::max() / 2)
  {
    return Fail(bytes);
  }
  const std::size_t size = static_cast<std::size_t>(bytes > 0 ? bytes : 1);
  if (bytes < HugePageBytes)
  {
    void* memory = std::malloc(size);
    return memory ? memory : Fail(bytes);
  }
  void* memory = nullptr;
  if (posix_memalign(&memory, static_cast<std::size_t>(HugePageBytes), size) != 0)
  {
    return Fail(bytes);
  }
  madvise(memory, size, MADV_HUGEPAGE);
  return memory;
}

std::string paravoxel::HugePageMemory::DescribeLastFailure()
{
  std::ostringstream text;
  text << "a block of " << GiB(static_cast<double>(LastFailedBytes)) << " could not be had";
  struct rlimit limit;
  if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
  {
    text << " (this process may use " << GiB(static_cast<double>(limit.rlim_cur))
         << " of address space: ulimit -v)";
  }
  else
  {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages > 0 && pageSize > 0)
    {
      text << " (the machine has " << GiB(static_cast<double>(pages) * pageSize) << " of memory)";
    }
  }
  return text.str();
}

void paravoxel::HugePageMemory::Free::operator()(void* memory) const
{
  std::free(memory);
}

bool paravoxel::HugePageMemory::SetNumberOfTuples(vtkDataArray* array, vtkIdType tuples)
{
  const vtkIdType values = tuples * array->GetNumberOfComponents();
  // Never VTK's own allocation as a fallback: it may abort the process when memory is short.
  void* memory = tuples < 0 ? nullptr
                            : Allocate(static_cast<vtkTypeUInt64>(values) *
                                static_cast<vtkTypeUInt64>(array->GetDataTypeSize()));
  if (!memory)
  {
    return false;
  }
  array->SetVoidArray(memory, values, 0, vtkAbstractArray::VTK_DATA_ARRAY_FREE);
  return true;
}
