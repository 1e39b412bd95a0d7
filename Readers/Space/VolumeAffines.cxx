#include "VolumeAffines.h"

#include "AnalyzeArchive.h"
#include "MemberBuffer.h"
#include "SpmMatFile.h"

#include <cstdint>

namespace paravoxel
{
namespace
{
// SPM sidecars are a few hundred bytes; anything much larger is not one.
constexpr std::uint64_t MaximumMatBytes = std::uint64_t(1) << 20;
}

const std::array<double, 16>& VolumeAffines::Get(
  const AnalyzeArchive& archive, const AnalyzeVolumeIndex::Volume& volume, std::string& warning)
{
  auto known = this->Affines.find(volume.HeaderMember);
  if (known != this->Affines.end())
  {
    return known->second;
  }
  return this->Affines.emplace(volume.HeaderMember, Read(archive, volume, warning)).first->second;
}

std::array<double, 16> VolumeAffines::Read(
  const AnalyzeArchive& archive, const AnalyzeVolumeIndex::Volume& volume, std::string& warning)
{
  const AnalyzeHeader& header = volume.Header;
  if (header.GetFormat() != AnalyzeHeader::Format::Analyze)
  {
    return header.GetVoxelToWorld();
  }
  const std::string mat = archive.GetIndex().FindMatSidecar(volume.HeaderMember);
  if (mat.empty())
  {
    return header.GetVoxelToWorld();
  }
  std::string error;
  MemberBuffer bytes;
  std::array<double, 16> affine;
  if (AnalyzeVolumeIndex::ReadMember(*archive.GetStore(), mat, 0, MaximumMatBytes, bytes, error) &&
    SpmMatFile::Read(bytes.GetData(), bytes.GetSize(), affine, error))
  {
    return affine;
  }
  warning = "cannot use the SPM matrix file '" + mat + "' (" + error +
    "); the header's affine is used instead";
  return header.GetVoxelToWorld();
}
} // namespace paravoxel
