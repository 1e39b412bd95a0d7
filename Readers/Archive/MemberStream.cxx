#include "MemberStream.h"

#include <algorithm>

namespace paravoxel
{
namespace
{
// Large enough to amortise per-call costs of inflate, small enough for smooth progress.
constexpr std::uint64_t ChunkSize = std::uint64_t(8) << 20;
}

bool MemberStream::ReadFully(void* buffer, std::uint64_t count, std::string& error,
  const std::function<void(double)>& progress)
{
  auto* out = static_cast<std::uint8_t*>(buffer);
  std::uint64_t done = 0;
  while (done < count)
  {
    const std::uint64_t want = std::min(ChunkSize, count - done);
    const std::int64_t got = this->Read(out + done, want, error);
    if (got < 0)
    {
      return false;
    }
    if (got == 0)
    {
      error = "it ends after " + std::to_string(done) + " of the " + std::to_string(count) +
        " bytes expected";
      return false;
    }
    done += static_cast<std::uint64_t>(got);
    if (progress)
    {
      progress(static_cast<double>(done) / static_cast<double>(count));
    }
  }
  return true;
}
} // namespace paravoxel
