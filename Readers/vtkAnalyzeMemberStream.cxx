#include "vtkAnalyzeMemberStream.h"

#include <algorithm>
#include <vector>

namespace
{
// Large enough to amortise per-call costs of inflate, small enough for smooth progress.
constexpr std::uint64_t ChunkSize = std::uint64_t(8) << 20;
}

bool vtkAnalyzeMemberStream::ReadFully(void* buffer, std::uint64_t count, std::string& error,
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

bool vtkAnalyzeMemberStream::Skip(std::uint64_t count, std::string& error)
{
  std::vector<std::uint8_t> scratch(static_cast<std::size_t>(std::min<std::uint64_t>(count, 65536)));
  std::uint64_t done = 0;
  while (done < count)
  {
    const std::uint64_t want = std::min<std::uint64_t>(scratch.size(), count - done);
    if (!this->ReadFully(scratch.data(), want, error))
    {
      return false;
    }
    done += want;
  }
  return true;
}

bool vtkAnalyzeMemberStream::HasMoreData(std::string& error)
{
  std::uint8_t byte;
  return this->Read(&byte, 1, error) > 0;
}
