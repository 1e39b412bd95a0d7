// libFuzzer target: libzip opening an arbitrary buffer as an archive, the volume index on it, and
// every member read whole and verified as the reader reads voxels (gzip members inflated), capped
// in size.
#include "AnalyzeVolumeIndex.h"
#include "MemberBuffer.h"
#include "ZipMemberStore.h"

#include <algorithm>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  auto bytes = std::make_shared<paravoxel::MemberBuffer>();
  std::string error;
  if (!bytes->Allocate(size, error))
  {
    return 0;
  }
  std::copy(data, data + size, bytes->GetData());
  auto store = paravoxel::ZipMemberStore::OpenBuffer(bytes, error);
  if (!store)
  {
    return 0;
  }
  paravoxel::AnalyzeVolumeIndex index;
  index.Build(*store);
  std::vector<std::uint8_t> chunk(4096);
  for (const auto& name : store->GetMemberNames())
  {
    std::uint64_t declared = 0;
    store->GetMemberSize(name, declared, error);
    // At most 1 MiB per member: the reader never accepts more than a header declares either.
    paravoxel::MemberBuffer member;
    paravoxel::AnalyzeVolumeIndex::ReadMember(
      *store, name, 4096, std::uint64_t(1) << 20, member, error);
    auto stream = store->OpenMember(name, error);
    for (int i = 0; stream && i < 256; ++i)
    {
      if (stream->Read(chunk.data(), chunk.size(), error) <= 0)
      {
        break;
      }
    }
  }
  return 0;
}
