/**
 * @class   VolumeAffines
 * @brief   The voxel-to-world affine of each volume of one archive, worked out once.
 *
 * A NIfTI volume's affine is its header's. An Analyze pair's is its header's too, unless SPM
 * wrote a `.mat` sidecar beside it: that holds the true affine and wins, as in nibabel's
 * Spm99AnalyzeImage. Each volume's affine is kept, so that a bad sidecar is reported once, not
 * on every update; Clear() forgets them when another archive is opened.
 */
#ifndef paravoxel_VolumeAffines_h
#define paravoxel_VolumeAffines_h

#include "AnalyzeVolumeIndex.h"

#include <array>
#include <map>
#include <string>

namespace paravoxel
{
class AnalyzeArchive;

class VolumeAffines
{
public:
  /**
   * The row-major 4x4 voxel (0-based) to world affine of `volume` in `archive`. `warning` is set
   * (the first time only) when its SPM sidecar cannot be used and the header's affine is taken.
   */
  const std::array<double, 16>& Get(
    const AnalyzeArchive& archive, const AnalyzeVolumeIndex::Volume& volume, std::string& warning);

  void Clear() { this->Affines.clear(); }

private:
  static std::array<double, 16> Read(
    const AnalyzeArchive& archive, const AnalyzeVolumeIndex::Volume& volume, std::string& warning);

  std::map<std::string, std::array<double, 16>> Affines; // by header member
};
} // namespace paravoxel

#endif
