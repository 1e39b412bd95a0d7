/**
 * @class   ByteOrder
 * @brief   Values stored in either byte order: the one place where the reader's parsers (Analyze
 *          and NIfTI headers, SPM .mat files) and its voxel conversion undo a byte order that is
 *          not the machine's.
 *
 * Header-only, so that the copies of voxels inline it.
 */
#ifndef paravoxel_ByteOrder_h
#define paravoxel_ByteOrder_h

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace paravoxel
{
class ByteOrder
{
public:
  /** The T stored at `bytes` (any alignment), its bytes reversed first when `swap` is set. */
  template <typename T>
  static T Load(const std::uint8_t* bytes, bool swap)
  {
    std::uint8_t raw[sizeof(T)];
    std::memcpy(raw, bytes, sizeof(T));
    if (swap)
    {
      std::reverse(raw, raw + sizeof(T));
    }
    T value;
    std::memcpy(&value, raw, sizeof(T));
    return value;
  }

  /** Reverse the bytes of `value` in place. */
  template <typename T>
  static void Reverse(T& value)
  {
    auto* bytes = reinterpret_cast<std::uint8_t*>(&value);
    std::reverse(bytes, bytes + sizeof(T));
  }
};

} // namespace paravoxel

#endif
