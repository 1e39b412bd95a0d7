#include "GzipMemberStream.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace paravoxel
{
struct GzipMemberStream::Internals
{
  z_stream Stream{};
  // Compressed bytes are read in 64 KiB chunks, zlib's own working size; left uninitialised,
  // since every header opened (many per archive) creates one.
  static constexpr std::size_t InputSize = std::size_t(1) << 16;
  std::unique_ptr<unsigned char[]> Input{ new unsigned char[InputSize] };
  bool Initialized = false;
  bool InputEnded = false;
  bool Finished = false;
  // True right after a gzip member ended: the input may end here, or hold another member, or
  // trailing padding that gzip itself ignores.
  bool BetweenMembers = false;
};

GzipMemberStream::GzipMemberStream(std::unique_ptr<MemberStream> compressed)
  : Compressed(std::move(compressed))
  , Z(new Internals)
{
  // 16 + MAX_WBITS: expect a gzip wrapper, not a raw zlib stream.
  this->Z->Initialized = inflateInit2(&this->Z->Stream, 16 + MAX_WBITS) == Z_OK;
}

GzipMemberStream::~GzipMemberStream()
{
  if (this->Z->Initialized)
  {
    inflateEnd(&this->Z->Stream);
  }
}

std::int64_t GzipMemberStream::Read(void* buffer, std::uint64_t count, std::string& error)
{
  Internals& z = *this->Z;
  if (!z.Initialized)
  {
    error = "zlib could not be initialised";
    return -1;
  }
  // zlib counts in uInt; larger requests are served in part, as Read allows.
  count = std::min<std::uint64_t>(count, std::numeric_limits<uInt>::max());
  z.Stream.next_out = static_cast<Bytef*>(buffer);
  z.Stream.avail_out = static_cast<uInt>(count);
  while (z.Stream.avail_out > 0 && !z.Finished)
  {
    if (z.Stream.avail_in == 0 && !z.InputEnded)
    {
      const std::int64_t got = this->Compressed->Read(z.Input.get(), Internals::InputSize, error);
      if (got < 0)
      {
        return -1;
      }
      z.InputEnded = got == 0;
      z.Stream.next_in = z.Input.get();
      z.Stream.avail_in = static_cast<uInt>(got);
    }
    const int status = inflate(&z.Stream, Z_NO_FLUSH);
    if (status == Z_STREAM_END)
    {
      z.BetweenMembers = true;
      z.Finished = z.Stream.avail_in == 0 && z.InputEnded;
      if (!z.Finished)
      {
        inflateReset(&z.Stream);
      }
    }
    else if (z.BetweenMembers && (status == Z_DATA_ERROR || status == Z_BUF_ERROR) &&
      (status == Z_DATA_ERROR || z.InputEnded))
    {
      z.Finished = true;
    }
    else if (status == Z_BUF_ERROR && z.InputEnded && z.Stream.avail_in == 0)
    {
      error = "the gzip stream is truncated";
      return -1;
    }
    else if (status == Z_OK)
    {
      z.BetweenMembers = false;
    }
    else if (status != Z_BUF_ERROR)
    {
      error =
        std::string("corrupt gzip data (") + (z.Stream.msg ? z.Stream.msg : "inflate failed") + ")";
      return -1;
    }
  }
  return static_cast<std::int64_t>(count - z.Stream.avail_out);
}
} // namespace paravoxel
