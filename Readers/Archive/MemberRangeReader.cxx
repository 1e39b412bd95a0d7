#include "MemberRangeReader.h"

#include "AnalyzeVolumeIndex.h"
#include "GzipMemberStream.h"
#include "MemberBuffer.h"
#include "MemberStore.h"

#include <algorithm>

namespace paravoxel
{
namespace
{
// Bytes outside the range go through this much memory at a time.
constexpr std::size_t ScratchSize = std::size_t(1) << 20;

// Incompressible data grow by a few bytes per 32 KiB block in gzip, never more (as
// AnalyzeVolumeIndex::ReadMember allows).
std::uint64_t MaximumGzipBytes(std::uint64_t inflated)
{
  return inflated + inflated / 1024 + 65536;
}
}

bool MemberRangeReader::Read(MemberStore& store, const std::string& name, const Request& request,
  std::uint64_t expectedSize, MemberBuffer& range, std::vector<std::uint8_t>& prefix,
  std::uint64_t& contentSize, std::string& error, const std::function<void(double)>& progress)
{
  const bool gzipped = AnalyzeVolumeIndex::IsGzipped(name);
  std::unique_ptr<MemberStream> archived = store.OpenVerifiedMember(
    name, gzipped ? MaximumGzipBytes(request.MaximumSize) : request.MaximumSize, error);
  if (!archived || !range.Allocate(request.Size, error))
  {
    return false;
  }
  // The archive's check runs when its stream reaches its end; a gzip stream may stop before
  // (at the end of its last gzip member), so the archived bytes are drained below.
  MemberStream* const archivedBytes = archived.get();
  std::unique_ptr<MemberStream> content = gzipped
    ? std::unique_ptr<MemberStream>(new GzipMemberStream(std::move(archived)))
    : std::move(archived);
  std::vector<std::uint8_t> scratch(ScratchSize);
  prefix.assign(static_cast<std::size_t>(request.PrefixSize), 0);
  const std::uint64_t rangeEnd = request.Offset + request.Size;
  std::uint64_t total = 0;
  for (;;)
  {
    // Into the range where the bytes belong to it, else into the scratch memory (up to the
    // range's start, so that it is read in place).
    const bool inRange = total >= request.Offset && total < rangeEnd;
    std::uint8_t* target = inRange ? range.GetData() + (total - request.Offset) : scratch.data();
    std::uint64_t room = inRange ? rangeEnd - total : scratch.size();
    if (total < request.Offset)
    {
      room = std::min(room, request.Offset - total);
    }
    const std::int64_t got = content->Read(target, room, error);
    if (got < 0)
    {
      return false;
    }
    if (got == 0)
    {
      break;
    }
    if (total < request.PrefixSize)
    {
      const auto kept =
        std::min<std::uint64_t>(static_cast<std::uint64_t>(got), request.PrefixSize - total);
      std::copy(target, target + kept, prefix.begin() + static_cast<std::ptrdiff_t>(total));
    }
    total += static_cast<std::uint64_t>(got);
    if (total > request.MaximumSize)
    {
      error = "it inflates to more than " + std::to_string(request.MaximumSize) +
        " bytes, far more than the image needs; refused";
      return false;
    }
    if (progress && expectedSize > 0)
    {
      progress(std::min(1.0, static_cast<double>(total) / static_cast<double>(expectedSize)));
    }
  }
  std::int64_t drained = 0;
  while (gzipped && (drained = archivedBytes->Read(scratch.data(), scratch.size(), error)) > 0)
  {
  }
  if (drained < 0)
  {
    return false;
  }
  prefix.resize(static_cast<std::size_t>(std::min(request.PrefixSize, total)));
  contentSize = total;
  return true;
}
} // namespace paravoxel
