/**
 * @class   FieldDecoder
 * @brief   Copies the fields of a binary header out of its bytes, each at its byte offset and in
 *          the machine's byte order: the one decoder of the Analyze/NIfTI-1 and NIfTI-2 layouts.
 *
 * Header-only: `read(offset, field)` loads a scalar, or every element of an array field;
 * `read.InOrder<begin, end>(fields...)` loads fields that lie back to back, as the fields of the
 * Analyze/NIfTI layouts do, so a layout is written once, as the order of its fields, and the
 * compiler checks that they fill the bytes from `begin` to `end`.
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

  /** Reads each of `fields` where the one before it ends, the first at byte `Begin`. */
  template <std::size_t Begin, std::size_t End, typename... T>
  void InOrder(T&... fields) const
  {
    static_assert(Begin + (sizeof(T) + ...) == End, "the fields must fill the bytes Begin..End");
    std::size_t offset = Begin;
    (((*this)(offset, fields), offset += sizeof(fields)), ...);
  }

private:
  const std::uint8_t* Bytes;
  bool Swap;
};

} // namespace paravoxel

#endif
