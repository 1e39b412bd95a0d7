// libFuzzer target: libzip opening an arbitrary buffer as an archive, the volume index on it, and
// every member read through the reader's streams (gzip members inflated), capped in size.
#include "vtkAnalyzeVolumeIndex.h"
#include "vtkZipMemberStore.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  auto bytes = std::make_shared<const std::vector<std::uint8_t>>(data, data + size);
  std::string error;
  auto store = vtkZipMemberStore::OpenBuffer(bytes, error);
  if (!store)
  {
    return 0;
  }
  vtkAnalyzeVolumeIndex index;
  index.Build(*store);
  std::vector<std::uint8_t> chunk(4096);
  for (const auto& name : store->GetMemberNames())
  {
    std::uint64_t declared = 0;
    store->GetMemberSize(name, declared, error);
    auto stream = vtkAnalyzeVolumeIndex::OpenMember(*store, name, error);
    // Read at most 1 MiB per member: the reader never reads more than a header declares either.
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
