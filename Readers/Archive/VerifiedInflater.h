/**
 * @class   VerifiedInflater
 * @brief   Whole-buffer DEFLATE and gzip decompression with libdeflate, every byte checked
 *          against its CRC-32.
 *
 * Inflating a whole member in one call is two to three times faster than zlib's streaming
 * inflate, and libdeflate's CRC-32 (carry-less multiplication) costs a few milliseconds per
 * hundred megabytes, so verification is close to free. zlib stays only where a header's first
 * bytes are read without the rest of the member (GzipMemberStream).
 */
#ifndef paravoxel_VerifiedInflater_h
#define paravoxel_VerifiedInflater_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)

#include <cstdint>
#include <string>

namespace paravoxel
{
class MemberBuffer;
class PARAVOXELREADERS_EXPORT VerifiedInflater
{
public:
  /** CRC-32 (zip and gzip's) of `size` bytes. */
  static std::uint32_t Crc32(const void* data, std::uint64_t size);

  /** "0x1234abcd", as checksums are written in error messages. */
  static std::string Hex(std::uint32_t checksum);

  /** The error for a member whose bytes do not give the CRC-32 its archive records. */
  static std::string ArchiveCrcMismatch(std::uint32_t recorded, std::uint32_t actual);

  /**
   * Inflate the raw DEFLATE stream `in` into exactly `outSize` bytes at `out`. Returns false
   * with `error` set when the stream is corrupt or inflates to more or fewer bytes.
   */
  static bool InflateDeflate(const std::uint8_t* in, std::uint64_t inSize, std::uint8_t* out,
    std::uint64_t outSize, std::string& error);

  /**
   * Inflate gzip data (one or more concatenated gzip members, optionally followed by zero
   * padding, as gzip itself accepts) into `out`, verifying every member's CRC-32 and ISIZE
   * trailer. Room for `expectedSize` bytes is made first; data inflating to more may use up to
   * `maximumSize`, beyond which the data are refused.
   */
  static bool InflateGzip(const std::uint8_t* in, std::uint64_t inSize, std::uint64_t expectedSize,
    std::uint64_t maximumSize, MemberBuffer& out, std::string& error);
};

} // namespace paravoxel

#endif
