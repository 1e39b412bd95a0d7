/**
 * @class   SpmMatFile
 * @brief   Reads SPM's voxel-to-world matrix from the `.mat` sidecar of an Analyze pair.
 *
 * SPM stores the affine in a MATLAB file next to the .hdr/.img: format 4 (as nibabel writes it)
 * or format 5 (as MATLAB writes it, possibly zlib-compressed), holding `mat` (the affine,
 * including any left-right flip) and/or `M` (without the flip). Both are 1-based (MATLAB voxel
 * (1,1,1) is the first voxel). Read() follows nibabel's Spm99AnalyzeImage exactly: `mat` wins
 * over `M`; `M` gets the radiological x flip; the result is shifted to 0-based voxel indices.
 */
#ifndef paravoxel_SpmMatFile_h
#define paravoxel_SpmMatFile_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace paravoxel
{
class PARAVOXELREADERS_EXPORT SpmMatFile
{
public:
  /**
   * Parse `size` bytes of a .mat file into a row-major 4x4 voxel (0-based) to world affine.
   * Returns false with `error` set when the file is not a MATLAB 4/5 file holding a real 4x4
   * (or 4x4xN) `mat` or `M`.
   */
  static bool Read(const std::uint8_t* bytes, std::size_t size, std::array<double, 16>& affine,
    std::string& error);
};

} // namespace paravoxel

#endif
