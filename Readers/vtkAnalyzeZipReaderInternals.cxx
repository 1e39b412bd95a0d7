#include "vtkAnalyzeZipReaderInternals.h"

#include "ArchiveDownloader.h"
#include "LabelSidecars.h"
#include "vtkErrorCode.h"

#include <filesystem>

bool vtkAnalyzeZipReader::Internals::OpenArchive(vtkAnalyzeZipReader* self)
{
  const paravoxel::ArchiveDownloader::Limits limits{
    static_cast<std::uint64_t>(self->MaximumDownloadMegabytes * 1024.0 * 1024.0),
    self->ConnectTimeout, self->StallTimeout, self->DownloadTimeout
  };
  const std::string& source = this->Archive.GetSource();
  std::string error;
  unsigned long code = vtkErrorCode::NoError;
  bool changed = false;
  try
  {
    const std::string fileName = self->FileName ? self->FileName : "";
    if (!this->Archive.Open(fileName, limits, self, error, code, changed))
    {
      self->ReportError(
        code, (source.empty() ? error : "Cannot read " + source + ": " + error) + ".");
      return false;
    }
  }
  catch (const std::bad_alloc&)
  {
    this->Archive.Close();
    self->ReportError(
      OutOfMemoryError, "Cannot read " + source + ": not enough memory to index it.");
    return false;
  }
  if (changed)
  {
    // A new archive: what was decoded from the old one no longer applies.
    this->TimeSteps.ClearDecoded();
    this->Affines.Clear();
    this->Labels.clear();
    for (const auto& refusal : this->Archive.GetIndex().GetRefusals())
    {
      if (refusal.find("corrupt") != std::string::npos)
      {
        vtkWarningWithObjectMacro(
          self, "Reading " << source << ": a volume is left out: " << refusal << ".");
      }
    }
  }
  return true;
}

bool vtkAnalyzeZipReader::Internals::SelectVolume(
  vtkAnalyzeZipReader* self, paravoxel::AnalyzeVolumeIndex::Volume& selected)
{
  const paravoxel::AnalyzeVolumeIndex& index = this->Archive.GetIndex();
  const std::string& source = this->Archive.GetSource();
  const bool plainFile = !this->Archive.GetBuffer() && self->FileName &&
    paravoxel::ArchiveDownloader::GetScheme(self->FileName).empty() &&
    paravoxel::AnalyzeVolumeIndex::IsVolumeName(self->FileName);
  std::string requested = self->Volume ? self->Volume : "";
  if (requested.empty() && plainFile)
  {
    requested = std::filesystem::path(self->FileName).filename().string();
  }
  const bool isMember = this->Archive.GetStore()->HasMember(requested);
  if (!requested.empty() && !isMember && !plainFile &&
    this->VolumeSetFor != this->ArchiveIdentity(self) && !index.GetVolumes().empty())
  {
    // Volume was chosen for another archive (FileName changed after it): start this one at its
    // first volume rather than fail on a name it never had.
    vtkWarningWithObjectMacro(self,
      "Reading " << source << ": it has no volume '" << requested
                 << "' (chosen for the previous archive); reading its first volume '"
                 << index.GetVolumes().front().HeaderMember << "'.");
    requested.clear();
  }
  std::string error;
  if (requested.empty())
  {
    if (index.GetVolumes().empty())
    {
      std::ostringstream msg;
      msg << "Cannot read " << source
          << ": it holds no readable Analyze/NIfTI volume (a .hdr with its .img, or a .nii).";
      // Say why the candidates were refused, so the user is not left guessing.
      const auto& refusals = index.GetRefusals();
      for (std::size_t i = 0; i < std::min<std::size_t>(refusals.size(), 5); ++i)
      {
        msg << " " << refusals[i] << ".";
      }
      // Refused candidates are malformed volumes; without any, the archive is of another kind.
      self->ReportError(
        refusals.empty() ? vtkErrorCode::UnrecognizedFileTypeError : vtkErrorCode::FileFormatError,
        msg.str());
      return false;
    }
    selected = index.GetVolumes().front();
  }
  else if (!index.Resolve(requested, selected, error))
  {
    self->ReportError(isMember ? vtkErrorCode::FileFormatError : vtkErrorCode::FileNotFoundError,
      "Cannot read volume '" + requested + "' of " + source + ": " + error + ".");
    return false;
  }
  return true;
}

const paravoxel::LabelTable& vtkAnalyzeZipReader::Internals::LabelsOf(
  vtkAnalyzeZipReader* self, const TimeStep& step)
{
  // Once per volume and archive, like the affine: a bad sidecar is reported once.
  auto known = this->Labels.find(step.Volume->HeaderMember);
  if (known != this->Labels.end())
  {
    return known->second;
  }
  std::vector<std::string> warnings;
  paravoxel::LabelTable table = paravoxel::LabelSidecars::Read(
    *this->Archive.GetStore(), this->Archive.GetIndex(), *step.Volume, warnings);
  for (const auto& warning : warnings)
  {
    vtkWarningWithObjectMacro(self, "Reading " << this->Where(step) << ": " << warning << ".");
  }
  return this->Labels.emplace(step.Volume->HeaderMember, std::move(table)).first->second;
}

std::array<double, 16> vtkAnalyzeZipReader::Internals::VoxelToWorld(
  vtkAnalyzeZipReader* self, const TimeStep& step)
{
  std::string warning;
  const auto& affine = this->Affines.Get(this->Archive, *step.Volume, warning);
  if (!warning.empty())
  {
    vtkWarningWithObjectMacro(self, "Reading " << this->Where(step) << ": " << warning << ".");
  }
  return affine;
}

void vtkAnalyzeZipReader::Internals::PlaceGrid(vtkAnalyzeZipReader* self, const TimeStep& selected)
{
  const paravoxel::AnalyzeHeader& header = selected.Volume->Header;
  const auto affine = this->VoxelToWorld(self, selected);
  // A header whose transform nibabel refuses has no affine to place the voxels with (only
  // NIfTI headers have such a problem, and their affine is always the header's).
  std::string problem = header.GetAffineProblem();
  this->FileOrientation =
    problem.empty() ? paravoxel::AnalyzeOrientation::AxisCodes(affine) : std::string();
  if (self->WorldSpace != this->DecodedInWorldSpace)
  {
    this->TimeSteps.ClearDecoded(); // kept in the other order
    this->DecodedInWorldSpace = self->WorldSpace;
  }
  if (!self->WorldSpace || !problem.empty())
  {
    this->Orientation.ComputeVoxelOrder(affine, header.GetDimensions(), header.GetSpacing());
  }
  else
  {
    this->Orientation.ComputeWorldSpace(
      affine, header.GetDimensions(), header.GetSpacing(), problem);
  }
  if (!problem.empty())
  {
    vtkWarningWithObjectMacro(self,
      "Reading " << this->Where(selected) << ": " << problem
                 << "; it is read in voxel order (spacing |pixdim|), not in world space.");
  }
}

paravoxel::AnalyzeOrientation vtkAnalyzeZipReader::Internals::StepGrid(
  vtkAnalyzeZipReader* self, const TimeStep& step)
{
  const auto affine = this->VoxelToWorld(self, step);
  paravoxel::AnalyzeOrientation grid = this->Orientation;
  if (!self->WorldSpace)
  {
    // Voxel order keeps each step's own translation, as ParaVoxel always did.
    const paravoxel::AnalyzeHeader& header = step.Volume->Header;
    grid.ComputeVoxelOrder(affine, header.GetDimensions(), header.GetSpacing());
    return grid;
  }
  const auto selected = this->VoxelToWorld(self, { &this->TimeSteps.GetSelected(), 0 });
  for (int i = 0; i < 12; ++i)
  {
    if (!(std::fabs(affine[i] - selected[i]) <= 1e-3))
    {
      vtkWarningWithObjectMacro(self,
        "Reading " << this->Where(step)
                   << ": its affine differs from the selected volume's; the series is shown on "
                      "the selected volume's grid.");
      break;
    }
  }
  return grid;
}
