#include "MemberBuffer.h"

#include "HugePageMemory.h"

#include <cstdlib>
#include <limits>
#include <utility>

namespace paravoxel
{
namespace
{

std::string CannotAllocate(std::uint64_t size)
{
  return "cannot allocate " + std::to_string(size) + " bytes (" + std::to_string(size >> 20) +
    " MiB): not enough memory";
}
}

MemberBuffer::~MemberBuffer()
{
  std::free(this->Data);
}

MemberBuffer::MemberBuffer(MemberBuffer&& other) noexcept
  : Data(std::exchange(other.Data, nullptr))
  , Size(std::exchange(other.Size, 0))
{
}

MemberBuffer& MemberBuffer::operator=(MemberBuffer&& other) noexcept
{
  if (this != &other)
  {
    std::free(this->Data);
    this->Data = std::exchange(other.Data, nullptr);
    this->Size = std::exchange(other.Size, 0);
  }
  return *this;
}

bool MemberBuffer::Allocate(std::uint64_t size, std::string& error)
{
  std::free(this->Data);
  this->Size = 0;
  // On huge pages when large (see paravoxel::HugePageMemory): reading a volume faults it in 2 MiB
  // at a time, several times faster on virtual machines.
  this->Data = static_cast<std::uint8_t*>(paravoxel::HugePageMemory::Allocate(size));
  if (!this->Data)
  {
    error = CannotAllocate(size);
    return false;
  }
  this->Size = size;
  return true;
}

bool MemberBuffer::Resize(std::uint64_t size, std::string& error)
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

void* MemberBuffer::Release()
{
  this->Size = 0;
  return std::exchange(this->Data, nullptr);
}
} // namespace paravoxel
