#include "VerifiedInflater.h"

#include "MemberBuffer.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace paravoxel
{
namespace
{
struct DecompressorDeleter
{
  void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};
using Decompressor = std::unique_ptr<libdeflate_decompressor, DecompressorDeleter>;

std::uint32_t LittleEndian32(const std::uint8_t* bytes)
{
  return static_cast<std::uint32_t>(bytes[0]) | static_cast<std::uint32_t>(bytes[1]) << 8 |
    static_cast<std::uint32_t>(bytes[2]) << 16 | static_cast<std::uint32_t>(bytes[3]) << 24;
}

// The length of the gzip member header at `in` (RFC 1952, section 2.3), or 0 with `error` set.
std::uint64_t GzipHeaderLength(const std::uint8_t* in, std::uint64_t size, std::string& error)
{
  enum Flags : std::uint8_t
  {
    HeaderCrc = 2,
    Extra = 4,
    Name = 8,
    Comment = 16
  };
  if (in[2] != 8)
  {
    error = "gzip compression method " + std::to_string(in[2]) + " is not DEFLATE (8)";
    return 0;
  }
  const std::uint8_t flags = in[3];
  std::uint64_t length = 10; // magic, method, flags, mtime, extra flags, OS
  if (flags & Extra)
  {
    if (length + 2 > size)
    {
      error = "the gzip header is truncated";
      return 0;
    }
    length += 2 + (in[length] | in[length + 1] << 8);
  }
  for (const std::uint8_t zeroTerminated : { Name, Comment })
  {
    if (flags & zeroTerminated)
    {
      while (length < size && in[length] != 0)
      {
        ++length;
      }
      ++length;
    }
  }
  if (flags & HeaderCrc)
  {
    length += 2;
  }
  if (length >= size)
  {
    error = "the gzip header is truncated";
    return 0;
  }
  return length;
}
}

std::uint32_t VerifiedInflater::Crc32(const void* data, std::uint64_t size)
{
  return libdeflate_crc32(0, data, static_cast<std::size_t>(size));
}

std::string VerifiedInflater::Hex(std::uint32_t checksum)
{
  char text[11];
  std::snprintf(text, sizeof(text), "0x%08x", checksum);
  return text;
}

std::string VerifiedInflater::ArchiveCrcMismatch(std::uint32_t recorded, std::uint32_t actual)
{
  return "CRC-32 mismatch: the archive's directory records " + Hex(recorded) + ", its bytes give " +
    Hex(actual) + ": the archive is corrupt";
}

bool VerifiedInflater::InflateDeflate(const std::uint8_t* in, std::uint64_t inSize,
  std::uint8_t* out, std::uint64_t outSize, std::string& error)
{
  Decompressor decompressor(libdeflate_alloc_decompressor());
  if (!decompressor)
  {
    error = "cannot allocate a decompressor: not enough memory";
    return false;
  }
  std::size_t produced = 0;
  switch (libdeflate_deflate_decompress_ex(decompressor.get(), in, static_cast<std::size_t>(inSize),
    out, static_cast<std::size_t>(outSize), nullptr, &produced))
  {
    case LIBDEFLATE_SUCCESS:
      if (produced == outSize)
      {
        return true;
      }
      error = "the compressed data inflate to " + std::to_string(produced) +
        " bytes, but the archive records " + std::to_string(outSize) + ": the archive is corrupt";
      return false;
    case LIBDEFLATE_INSUFFICIENT_SPACE:
      error = "the compressed data inflate to more than the " + std::to_string(outSize) +
        " bytes the archive records: the archive is corrupt";
      return false;
    default:
      error = "corrupt deflate data: the archive is corrupt";
      return false;
  }
}

bool VerifiedInflater::InflateGzip(const std::uint8_t* in, std::uint64_t inSize,
  std::uint64_t expectedSize, std::uint64_t maximumSize, MemberBuffer& out, std::string& error)
{
  Decompressor decompressor(libdeflate_alloc_decompressor());
  if (!decompressor || !out.Allocate(std::min(expectedSize, maximumSize), error))
  {
    error = decompressor ? error : "cannot allocate a decompressor: not enough memory";
    return false;
  }
  std::uint64_t position = 0;
  std::uint64_t total = 0;
  for (int member = 1;; ++member)
  {
    const std::uint64_t left = inSize - position;
    if (left == 0 && member > 1)
    {
      break;
    }
    if (left < 18 || in[position] != 0x1f || in[position + 1] != 0x8b)
    {
      // gzip ignores zero padding after the last member (tape blocks, some writers).
      if (member > 1 &&
        std::all_of(in + position, in + inSize, [](std::uint8_t b) { return b == 0; }))
      {
        break;
      }
      error = member == 1 ? "not gzip data (no gzip signature)"
                          : "bytes after gzip member " + std::to_string(member - 1) +
          " are neither another gzip member nor padding: the file is corrupt";
      return false;
    }
    const std::uint64_t headerLength = GzipHeaderLength(in + position, left, error);
    if (headerLength == 0)
    {
      return false;
    }
    const std::uint8_t* deflate = in + position + headerLength;
    const std::uint64_t deflateSize = left - headerLength;
    std::size_t consumed = 0;
    std::size_t produced = 0;
    libdeflate_result result;
    while ((result = libdeflate_deflate_decompress_ex(decompressor.get(), deflate,
              static_cast<std::size_t>(deflateSize), out.GetData() + total,
              static_cast<std::size_t>(out.GetSize() - total), &consumed, &produced)) ==
        LIBDEFLATE_INSUFFICIENT_SPACE &&
      out.GetSize() < maximumSize)
    {
      // More than expected (e.g. padding after the voxels): inflate this member again with
      // all the room allowed.
      if (!out.Resize(maximumSize, error))
      {
        return false;
      }
    }
    if (result == LIBDEFLATE_INSUFFICIENT_SPACE)
    {
      error = "the gzip data inflate to more than " + std::to_string(maximumSize) +
        " bytes, far more than the image needs; refused";
      return false;
    }
    if (result != LIBDEFLATE_SUCCESS)
    {
      error = "corrupt or truncated gzip data in gzip member " + std::to_string(member);
      return false;
    }
    const std::uint64_t trailer = headerLength + consumed;
    if (left - trailer < 8)
    {
      error = "the gzip data are truncated: gzip member " + std::to_string(member) +
        " has no CRC-32/size trailer";
      return false;
    }
    const std::uint32_t recorded = LittleEndian32(in + position + trailer);
    const std::uint32_t recordedSize = LittleEndian32(in + position + trailer + 4);
    const std::uint32_t actual = Crc32(out.GetData() + total, produced);
    if (actual != recorded)
    {
      error = "gzip CRC-32 mismatch in gzip member " + std::to_string(member) +
        ": its trailer records " + Hex(recorded) + ", the inflated data give " + Hex(actual) +
        ": the file is corrupt";
      return false;
    }
    if (recordedSize != static_cast<std::uint32_t>(produced))
    {
      error = "gzip size mismatch in gzip member " + std::to_string(member) +
        ": its trailer (ISIZE) records " + std::to_string(recordedSize) +
        " bytes, the inflated data are " + std::to_string(produced) + ": the file is corrupt";
      return false;
    }
    total += produced;
    position += trailer + 8;
  }
  return out.Resize(total, error);
}
} // namespace paravoxel
