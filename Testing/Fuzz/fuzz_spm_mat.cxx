// libFuzzer target: the SPM .mat (MATLAB 4/5) parser on arbitrary bytes.
#include "SpmMatFile.h"

#include <array>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  std::array<double, 16> affine;
  std::string error;
  paravoxel::SpmMatFile::Read(data, size, affine, error);
  return 0;
}
