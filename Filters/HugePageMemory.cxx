#include "HugePageMemory.h"

#include "vtkDataArray.h"
#include "vtkSMPTools.h"
#include "vtkStdString.h"
#include "vtkStringArray.h"

#include <sys/mman.h>

#include <cstdlib>
#include <limits>
#include <new>

namespace
{
constexpr vtkTypeUInt64 HugePageBytes = vtkTypeUInt64(2) << 20;

// Strings in memory of paravoxel::HugePageMemory::Allocate follow a header slot that holds their
// count, so that the array's free function (which gets only the strings' address) can destroy them.
void FreeStrings(void* memory)
{
  vtkStdString* strings = static_cast<vtkStdString*>(memory);
  vtkIdType* count = reinterpret_cast<vtkIdType*>(strings - 1);
  vtkSMPTools::For(0, *count,
    [strings](vtkIdType begin, vtkIdType end)
    {
      for (vtkIdType n = begin; n < end; ++n)
      {
        strings[n].~vtkStdString();
      }
    });
  std::free(count);
}
}

void* paravoxel::HugePageMemory::Allocate(vtkTypeUInt64 bytes)
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

void paravoxel::HugePageMemory::Free::operator()(void* memory) const
{
  std::free(memory);
}

bool paravoxel::HugePageMemory::SetNumberOfTuples(vtkDataArray* array, vtkIdType tuples)
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

bool paravoxel::HugePageMemory::SetNumberOfValues(vtkStringArray* array, vtkIdType values)
{
  static_assert(sizeof(vtkStdString) >= sizeof(vtkIdType), "the count fits the header slot");
  void* memory = values > 0
    ? Allocate((static_cast<vtkTypeUInt64>(values) + 1) * sizeof(vtkStdString))
    : nullptr;
  if (!memory)
  {
    array->SetNumberOfValues(values);
    return array->GetNumberOfValues() == values;
  }
  *static_cast<vtkIdType*>(memory) = values;
  vtkStdString* strings = static_cast<vtkStdString*>(memory) + 1;
  vtkSMPTools::For(0, values,
    [strings](vtkIdType begin, vtkIdType end)
    {
      for (vtkIdType n = begin; n < end; ++n)
      {
        new (strings + n) vtkStdString();
      }
    });
  array->SetArray(strings, values, 0, vtkAbstractArray::VTK_DATA_ARRAY_USER_DEFINED);
  array->SetArrayFreeFunction(FreeStrings);
  return true;
}
