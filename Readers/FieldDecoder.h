/**
 * @class   FieldDecoder
 * @brief   Copies the fields of a binary header out of its bytes, each at its byte offset and in
 *          the machine's byte order: the one decoder of the Analyze/NIfTI-1 and NIfTI-2 layouts.
 *
 * Header-only: `read(offset, field)` loads a scalar, or every element of an array field.
 */
#ifndef paravoxel_FieldDecoder_h
#define paravoxel_FieldDecoder_h

#include "ByteOrder.h"

#include <cstddef>
#include <cstdint>

namespace paravoxel
{
class FieldDecoder
{
public:
  /** Decode from `bytes`, reversing each value's bytes when `swap` is set. */
  FieldDecoder(const std::uint8_t* bytes, bool swap)
    : Bytes(bytes)
    , Swap(swap)
  {
  }

  template <typename T>
  void operator()(std::size_t offset, T& value) const
  {
    value = ByteOrder::Load<T>(this->Bytes + offset, this->Swap);
  }

  template <typename T, std::size_t N>
  void operator()(std::size_t offset, T (&values)[N]) const
  {
    for (std::size_t i = 0; i < N; ++i)
    {
      (*this)(offset + i * sizeof(T), values[i]);
    }
  }

private:
  const std::uint8_t* Bytes;
  bool Swap;
};

} // namespace paravoxel

#endif
