// libFuzzer target: the Analyze/NIfTI-1 header parser on arbitrary bytes.
#include "AnalyzeHeader.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  paravoxel::AnalyzeHeader header;
  std::string error;
  if (header.Parse(data, size, error))
  {
    // Every derived quantity must be computable without overflow or UB for a parsed header.
    volatile auto bytes =
      header.GetBytesPerVolume() * static_cast<std::uint64_t>(header.GetNumberOfVolumes());
    volatile auto origin = header.GetOrigin()[0] + header.GetSpacing()[2];
    (void)bytes;
    (void)origin;
  }
  return 0;
}
