#include "vtkMemberBuffer.h"

#include <sys/mman.h>

#include <cstdlib>
#include <limits>
#include <utility>

namespace
{
constexpr std::size_t HugePageBytes = std::size_t(2) << 20;

std::string CannotAllocate(std::uint64_t size)
{
  return "cannot allocate " + std::to_string(size) + " bytes (" +
    std::to_string(size >> 20) + " MiB): not enough memory";
}
}

vtkMemberBuffer::~vtkMemberBuffer()
{
  std::free(this->Data);
}

vtkMemberBuffer::vtkMemberBuffer(vtkMemberBuffer&& other) noexcept
  : Data(std::exchange(other.Data, nullptr))
  , Size(std::exchange(other.Size, 0))
{
}

vtkMemberBuffer& vtkMemberBuffer::operator=(vtkMemberBuffer&& other) noexcept
{
  if (this != &other)
  {
    std::free(this->Data);
    this->Data = std::exchange(other.Data, nullptr);
    this->Size = std::exchange(other.Size, 0);
  }
  return *this;
}

bool vtkMemberBuffer::Allocate(std::uint64_t size, std::string& error)
{
  std::free(this->Data);
  this->Data = nullptr;
  this->Size = 0;
  if (size < HugePageBytes)
  {
    return this->Resize(size, error);
  }
  // Volumes are megabytes to gigabytes written once from start to end: on transparent huge
  // pages the kernel faults them in 2 MiB at a time instead of 4 KiB, which on virtual machines
  // (every fault a trap to the hypervisor) made reading a volume several times faster.
  void* memory = nullptr;
  if (size > std::numeric_limits<std::size_t>::max() / 2 ||
    posix_memalign(&memory, HugePageBytes, static_cast<std::size_t>(size)) != 0)
  {
    error = CannotAllocate(size);
    return false;
  }
  madvise(memory, static_cast<std::size_t>(size), MADV_HUGEPAGE);
  this->Data = static_cast<std::uint8_t*>(memory);
  this->Size = size;
  return true;
}

bool vtkMemberBuffer::Resize(std::uint64_t size, std::string& error)
{
  if (size > std::numeric_limits<std::size_t>::max() / 2)
  {
    error = CannotAllocate(size);
    return false;
  }
  // One byte at least, so that an empty member still has a valid, distinct pointer.
  void* grown = std::realloc(this->Data, size > 0 ? static_cast<std::size_t>(size) : 1);
  if (!grown)
  {
    error = CannotAllocate(size);
    return false;
  }
  this->Data = static_cast<std::uint8_t*>(grown);
  this->Size = size;
  return true;
}

void* vtkMemberBuffer::Release()
{
  this->Size = 0;
  return std::exchange(this->Data, nullptr);
}
