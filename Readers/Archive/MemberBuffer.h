/**
 * @class   MemberBuffer
 * @brief   The bytes of one member, in memory that a vtkDataArray can adopt without a copy.
 *
 * The memory comes from malloc and is left uninitialised: pages are touched only as data is
 * written into them, so a member that turns out corrupt early costs no more than what was read.
 * Allocation failures are errors that name the size, never exceptions or aborts.
 */
#ifndef paravoxel_MemberBuffer_h
#define paravoxel_MemberBuffer_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)

#include <cstdint>
#include <string>

namespace paravoxel
{
class PARAVOXELREADERS_EXPORT MemberBuffer
{
public:
  MemberBuffer() = default;
  ~MemberBuffer();
  MemberBuffer(const MemberBuffer&) = delete;
  MemberBuffer& operator=(const MemberBuffer&) = delete;
  MemberBuffer(MemberBuffer&& other) noexcept;
  MemberBuffer& operator=(MemberBuffer&& other) noexcept;

  /**
   * Room for `size` bytes (previous contents dropped). Returns false with `error` naming the
   * size when the memory cannot be had.
   */
  bool Allocate(std::uint64_t size, std::string& error);

  /**
   * Grow or shrink to `size` bytes, keeping the contents. glibc moves large blocks by remapping
   * their pages, so growing a large buffer never holds two copies.
   */
  bool Resize(std::uint64_t size, std::string& error);

  std::uint8_t* GetData() { return this->Data; }
  const std::uint8_t* GetData() const { return this->Data; }
  std::uint64_t GetSize() const { return this->Size; }

  /** The memory, for the caller to free() (e.g. a vtkDataArray with VTK_DATA_ARRAY_FREE). */
  void* Release();

private:
  std::uint8_t* Data = nullptr;
  std::uint64_t Size = 0;
};

} // namespace paravoxel

#endif
