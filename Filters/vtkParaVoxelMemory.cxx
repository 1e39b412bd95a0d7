#include "vtkParaVoxelMemory.h"

#include "vtkDataArray.h"
#include "vtkObjectFactory.h"

#include <sys/mman.h>

#include <cstdlib>
#include <limits>

vtkStandardNewMacro(vtkParaVoxelMemory);

namespace
{
constexpr vtkTypeUInt64 HugePageBytes = vtkTypeUInt64(2) << 20;
}

void* vtkParaVoxelMemory::Allocate(vtkTypeUInt64 bytes)
{
  if (bytes > std::numeric_limits<std::size_t>::max() / 2)
  {
    return nullptr;
  }
  const std::size_t size = static_cast<std::size_t>(bytes > 0 ? bytes : 1);
  if (bytes < HugePageBytes)
  {
    return std::malloc(size);
  }
  void* memory = nullptr;
  if (posix_memalign(&memory, static_cast<std::size_t>(HugePageBytes), size) != 0)
  {
    return nullptr;
  }
  madvise(memory, size, MADV_HUGEPAGE);
  return memory;
}

bool vtkParaVoxelMemory::SetNumberOfTuples(vtkDataArray* array, vtkIdType tuples)
{
  const vtkIdType values = tuples * array->GetNumberOfComponents();
  void* memory = Allocate(
    static_cast<vtkTypeUInt64>(values) * static_cast<vtkTypeUInt64>(array->GetDataTypeSize()));
  if (memory)
  {
    array->SetVoidArray(memory, values, 0, vtkAbstractArray::VTK_DATA_ARRAY_FREE);
  }
  else
  {
    array->SetNumberOfTuples(tuples);
  }
  return array->GetNumberOfTuples() == tuples;
}
