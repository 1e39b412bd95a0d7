#include "vtkAnalyzeZipReader.h"

#include "AnalyzeArchive.h"
#include "AnalyzeOrientation.h"
#include "AnalyzeStepReader.h"
#include "AnalyzeTimeSteps.h"
#include "HugePageMemory.h"
#include "ImagePieces.h"
#include "LabelSidecars.h"
#include "MemberBuffer.h"
#include "SettingChecks.h"
#include "VolumeAffines.h"
#include "vtkDataArray.h"
#include "vtkDoubleArray.h"
#include "vtkErrorCode.h"
#include "vtkFieldData.h"
#include "vtkImageData.h"
#include "vtkInformation.h"
#include "vtkInformationStringVectorKey.h"
#include "vtkInformationVector.h"
#include "vtkObjectFactory.h"
#include "vtkParaVoxelLabels.h"
#include "vtkPointData.h"
#include "vtkSmartPointer.h"
#include "vtkStreamingDemandDrivenPipeline.h"
#include "vtkStringArray.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <new>
#include <sstream>

vtkStandardNewMacro(vtkAnalyzeZipReader);

namespace
{
using TimeStep = paravoxel::AnalyzeTimeSteps::Step;

constexpr unsigned long OutOfMemoryError = paravoxel::AnalyzeStepReader::OutOfMemoryError;
}

struct vtkAnalyzeZipReader::Internals
{
  paravoxel::AnalyzeArchive Archive;
  // The archive the Volume property was set for (see SetVolume).
  std::string VolumeSetFor;

  paravoxel::AnalyzeTimeSteps TimeSteps;
  bool Ready = false;
  vtkNew<vtkStringArray> AvailableVolumes;
  vtkNew<vtkStringArray> LabelAnnotations;
  vtkNew<vtkDoubleArray> LabelIndexedColors;
  std::string CurrentVolume;
  std::map<std::string, paravoxel::LabelTable> Labels; // by header member, for this archive
  paravoxel::VolumeAffines Affines;                    // for this archive
  // The output grid of the selected volume, shared by every time step.
  paravoxel::AnalyzeOrientation Orientation;
  std::string FileOrientation;
  bool DecodedInWorldSpace = true; // the order of the decoded steps kept

  std::string ArchiveIdentity(vtkAnalyzeZipReader* self) const
  {
    return this->Archive.GetIdentity(self->FileName ? self->FileName : "");
  }
  bool OpenArchive(vtkAnalyzeZipReader* self);
  bool SelectVolume(vtkAnalyzeZipReader* self, paravoxel::AnalyzeVolumeIndex::Volume& selected);
  const paravoxel::LabelTable& LabelsOf(vtkAnalyzeZipReader* self, const TimeStep& step);
  std::array<double, 16> VoxelToWorld(vtkAnalyzeZipReader* self, const TimeStep& step);
  void PlaceGrid(vtkAnalyzeZipReader* self, const TimeStep& selected);
  paravoxel::AnalyzeOrientation StepGrid(vtkAnalyzeZipReader* self, const TimeStep& step);
  paravoxel::AnalyzeStepReader StepReader(vtkAnalyzeZipReader* self)
  {
    return paravoxel::AnalyzeStepReader(*this->Archive.GetStore(), this->TimeSteps, self,
      { self->MaximumVoxels, self->MaximumMemberMegabytes });
  }
  std::string Where(const TimeStep& step) const
  {
    return this->Archive.GetSource() + ", volume '" + step.Volume->HeaderMember + "'";
  }
};

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

vtkAnalyzeZipReader::vtkAnalyzeZipReader()
  : Internal(new Internals)
{
  this->SetNumberOfInputPorts(0);
}

vtkAnalyzeZipReader::~vtkAnalyzeZipReader()
{
  this->SetFileName(nullptr);
  this->SetVolume(nullptr);
}

void vtkAnalyzeZipReader::ReportError(unsigned long code, const std::string& message)
{
  // Not SetErrorCode(): it would modify the reader, and so read it again on the next update.
  this->ErrorCode = code;
  vtkErrorMacro(<< message);
}

void vtkAnalyzeZipReader::SetArchiveBuffer(const char* data, vtkIdType size)
{
  Internals& internal = *this->Internal;
  internal.Archive.SetBuffer(nullptr);
  if (data && size > 0)
  {
    auto buffer = std::make_shared<paravoxel::MemberBuffer>();
    std::string error;
    if (!buffer->Allocate(static_cast<std::uint64_t>(size), error))
    {
      this->ReportError(OutOfMemoryError, "Cannot keep the archive buffer: " + error + ".");
    }
    else
    {
      std::copy(data, data + size, buffer->GetData());
      internal.Archive.SetBuffer(std::move(buffer));
    }
  }
  this->Modified();
}

void vtkAnalyzeZipReader::SetVolume(const char* volume)
{
  const std::string wanted = volume ? volume : "";
  this->Internal->VolumeSetFor = this->Internal->ArchiveIdentity(this);
  if (wanted == (this->Volume ? this->Volume : ""))
  {
    return;
  }
  delete[] this->Volume;
  this->Volume = nullptr;
  if (volume)
  {
    this->Volume = new char[wanted.size() + 1];
    std::copy(wanted.c_str(), wanted.c_str() + wanted.size() + 1, this->Volume);
  }
  this->Modified();
}

vtkStringArray* vtkAnalyzeZipReader::GetAvailableVolumes()
{
  return this->Internal->AvailableVolumes;
}

const char* vtkAnalyzeZipReader::GetCurrentVolume()
{
  return this->Internal->CurrentVolume.c_str();
}

vtkStringArray* vtkAnalyzeZipReader::GetLabelAnnotations()
{
  return this->Internal->LabelAnnotations;
}

vtkDoubleArray* vtkAnalyzeZipReader::GetLabelIndexedColors()
{
  return this->Internal->LabelIndexedColors;
}

const char* vtkAnalyzeZipReader::GetFileOrientation()
{
  return this->Internal->FileOrientation.c_str();
}

const char* vtkAnalyzeZipReader::GetOutputOrder()
{
  if (!this->Internal->Ready)
  {
    return "";
  }
  return this->Internal->Orientation.IsWorldSpace() ? "world (RAS)" : "voxel order";
}

int vtkAnalyzeZipReader::RequestInformation(
  vtkInformation*, vtkInformationVector**, vtkInformationVector* outputVector)
{
  Internals& internal = *this->Internal;
  this->ErrorCode = vtkErrorCode::NoError;
  internal.Ready = false;
  this->NumberOfNamedRegions = 0;
  internal.TimeSteps.Clear();
  internal.AvailableVolumes->Reset();
  internal.CurrentVolume.clear();
  internal.FileOrientation.clear();
  // The same ranges as the XML domains: from Python any value can be set.
  paravoxel::SettingChecks checks;
  checks.InRange("MaximumVoxels", static_cast<double>(this->MaximumVoxels), 1, VTK_TYPE_INT64_MAX)
    .InRange("MaximumTimeSteps", static_cast<double>(this->MaximumTimeSteps), 1, VTK_TYPE_INT64_MAX)
    .InRange("MaximumMemberMegabytes", this->MaximumMemberMegabytes, 0.001, 1e9)
    .InRange("MaximumDownloadMegabytes", this->MaximumDownloadMegabytes, 0.001, 1e9)
    .InRange("ConnectTimeout", this->ConnectTimeout, 0.1, 86400)
    .InRange("StallTimeout", this->StallTimeout, 1, 86400)
    .InRange("DownloadTimeout", this->DownloadTimeout, 0.1, 604800);
  if (!checks.GetProblem().empty())
  {
    this->ReportError(vtkErrorCode::UserError, checks.GetProblem());
    return 1;
  }

  vtkInformation* outInfo = outputVector->GetInformationObject(0);
  const int empty[6] = { 0, -1, 0, -1, 0, -1 };
  outInfo->Set(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), empty, 6);
  outInfo->Remove(vtkParaVoxelLabels::LABEL_NAMES());
  outInfo->Remove(vtkParaVoxelLabels::LABEL_COLORS());
  internal.LabelAnnotations->Initialize();
  internal.LabelIndexedColors->Initialize();
  outInfo->Remove(vtkStreamingDemandDrivenPipeline::TIME_STEPS());
  outInfo->Remove(vtkStreamingDemandDrivenPipeline::TIME_RANGE());

  if (!internal.OpenArchive(this))
  {
    return 1;
  }
  for (const auto& volume : internal.Archive.GetIndex().GetVolumes())
  {
    internal.AvailableVolumes->InsertNextValue(volume.HeaderMember);
  }
  paravoxel::AnalyzeVolumeIndex::Volume selectedVolume;
  if (!internal.SelectVolume(this, selectedVolume))
  {
    return 1;
  }

  const TimeStep selected{ &selectedVolume, 0 };
  const paravoxel::AnalyzeHeader& header = selectedVolume.Header;
  for (const auto& warning : header.GetWarnings())
  {
    vtkWarningMacro("Reading " << internal.Where(selected) << ": " << warning << ".");
  }
  std::string error;
  unsigned long code = vtkErrorCode::FileFormatError; // too many time steps
  if (!internal.StepReader(this).CheckImageSize(selected, internal.Where(selected), error, code) ||
    !internal.TimeSteps.Make(
      selectedVolume, internal.Archive.GetIndex(), this->TimeSeries, this->MaximumTimeSteps, error))
  {
    this->ReportError(code, "Cannot read " + internal.Where(selected) + ": " + error + ".");
    return 1;
  }
  if (!this->TimeSeries && header.GetNumberOfVolumes() > 1)
  {
    vtkWarningMacro("Reading " << internal.Where(selected) << ": it holds "
                               << header.GetNumberOfVolumes()
                               << " volumes; the first is read (turn TimeSeries on for all).");
  }
  const std::vector<double>& times = internal.TimeSteps.GetTimes();
  if (!times.empty())
  {
    outInfo->Set(
      vtkStreamingDemandDrivenPipeline::TIME_STEPS(), times.data(), static_cast<int>(times.size()));
    const double range[2] = { times.front(), times.back() };
    outInfo->Set(vtkStreamingDemandDrivenPipeline::TIME_RANGE(), range, 2);
  }

  internal.PlaceGrid(this, selected);
  const paravoxel::AnalyzeOrientation& grid = internal.Orientation;
  const auto& dims = grid.GetOutputDimensions();
  const int extent[6] = { 0, static_cast<int>(dims[0] - 1), 0, static_cast<int>(dims[1] - 1), 0,
    static_cast<int>(dims[2] - 1) };
  outInfo->Set(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), extent, 6);
  outInfo->Set(vtkDataObject::SPACING(), grid.GetSpacing().data(), 3);
  outInfo->Set(vtkDataObject::ORIGIN(), grid.GetOrigin().data(), 3);
  outInfo->Set(vtkDataObject::DIRECTION(), grid.GetDirection().data(), 9);
  // The reader splits pieces itself (paravoxel::ImagePieces), rather than declaring
  // CAN_PRODUCE_SUB_EXTENT: the executive would then mark a piece's ghost layers with
  // vtkDataSet::GenerateGhostArray, a call per point and cell that took three quarters of a
  // piece's read.
  outInfo->Set(vtkAlgorithm::CAN_HANDLE_PIECE_REQUEST(), 1);
  vtkDataObject::SetPointDataActiveScalarInfo(
    outInfo, header.GetOutputScalarType(), header.GetNumberOfComponents());
  const paravoxel::LabelTable& labels = internal.LabelsOf(this, selected);
  paravoxel::LabelSidecars::SetInformation(labels, outInfo);
  vtkParaVoxelLabels::GetAnnotations(
    outInfo, internal.LabelAnnotations, internal.LabelIndexedColors);
  this->NumberOfNamedRegions = static_cast<int>(labels.GetNumberOfNamedLabels());
  internal.Ready = true;
  return 1;
}

int vtkAnalyzeZipReader::RequestData(
  vtkInformation*, vtkInformationVector**, vtkInformationVector* outputVector)
{
  Internals& internal = *this->Internal;
  vtkInformation* outInfo = outputVector->GetInformationObject(0);
  vtkImageData* output = vtkImageData::GetData(outInfo);
  output->Initialize();
  internal.CurrentVolume.clear();
  if (!internal.Ready)
  {
    return 1; // RequestInformation reported the error and set its code
  }
  this->ErrorCode = vtkErrorCode::NoError;

  std::size_t stepIndex = 0;
  if (outInfo->Has(vtkStreamingDemandDrivenPipeline::UPDATE_TIME_STEP()))
  {
    stepIndex = internal.TimeSteps.FindStep(
      outInfo->Get(vtkStreamingDemandDrivenPipeline::UPDATE_TIME_STEP()));
  }
  const TimeStep& step = internal.TimeSteps.GetSteps()[stepIndex];

  // The requested extent (all pieces'), then this process's piece of it with its ghost layers.
  int whole[6];
  outInfo->Get(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), whole);
  int requested[6];
  outInfo->Get(vtkStreamingDemandDrivenPipeline::UPDATE_EXTENT(), requested);
  for (int a = 0; a < 3; ++a)
  {
    requested[2 * a] = std::max(requested[2 * a], whole[2 * a]);
    requested[2 * a + 1] = std::min(requested[2 * a + 1], whole[2 * a + 1]);
    if (requested[2 * a] > requested[2 * a + 1])
    {
      return 1; // nothing of this volume is requested
    }
  }
  const int ghostLevels =
    outInfo->Get(vtkStreamingDemandDrivenPipeline::UPDATE_NUMBER_OF_GHOST_LEVELS());
  int extent[6];
  int zeroExtent[6];
  const int pieces =
    paravoxel::ImagePieces::ComputePieceExtent(outInfo, outInfo, ghostLevels, requested, extent);
  paravoxel::ImagePieces::ComputePieceExtent(outInfo, outInfo, 0, requested, zeroExtent);
  if (extent[0] > extent[1] || extent[2] > extent[3] || extent[4] > extent[5])
  {
    return 1; // more pieces than slabs: this one is empty
  }
  const bool wholeExtent = std::equal(extent, extent + 6, whole);

  const paravoxel::AnalyzeOrientation grid = internal.StepGrid(this, step);
  std::string error;
  unsigned long code = vtkErrorCode::NoError;
  paravoxel::AnalyzeStepReader stepReader = internal.StepReader(this);
  if (stepIndex > 0 && !stepReader.CheckImageSize(step, internal.Where(step), error, code))
  {
    this->ReportError(code, "Cannot read " + internal.Where(step) + ": " + error + ".");
    return 1;
  }

  vtkSmartPointer<vtkDataArray> scalars =
    wholeExtent ? internal.TimeSteps.FindDecoded(step) : nullptr;
  if (!scalars)
  {
    try
    {
      scalars = stepReader.Read(step, grid, extent, error, code);
    }
    catch (const std::bad_alloc&)
    {
      code = OutOfMemoryError;
      error = "not enough memory to read it";
    }
    if (!scalars)
    {
      this->ReportError(code, "Cannot read " + internal.Where(step) + ": " + error + ".");
      return 1;
    }
    if (wholeExtent)
    {
      internal.TimeSteps.KeepDecoded(step, scalars);
    }
  }
  this->UpdateProgress(1.0);

  output->SetExtent(extent);
  output->SetSpacing(grid.GetSpacing().data());
  output->SetOrigin(grid.GetOrigin().data());
  output->SetDirectionMatrix(grid.GetDirection().data());
  output->GetPointData()->SetScalars(scalars);
  if (pieces > 1 && ghostLevels > 0)
  {
    if (!paravoxel::ImagePieces::MarkGhosts(output, zeroExtent))
    {
      output->Initialize();
      this->ReportError(OutOfMemoryError,
        "Cannot mark the ghost layers of the piece of " + internal.Where(step) + ": " +
          paravoxel::HugePageMemory::DescribeLastFailure() + ".");
      return 1;
    }
    output->GetInformation()->Set(vtkDataObject::DATA_NUMBER_OF_GHOST_LEVELS(), ghostLevels);
  }

  vtkNew<vtkDoubleArray> voxelToWorld;
  voxelToWorld->SetName("VoxelToWorld");
  voxelToWorld->SetNumberOfComponents(16);
  voxelToWorld->InsertNextTuple(grid.GetOutputVoxelToWorld().data());
  output->GetFieldData()->AddArray(voxelToWorld);
  paravoxel::LabelSidecars::AddFieldData(internal.LabelsOf(this, step), output->GetFieldData());
  if (!internal.TimeSteps.GetTimes().empty())
  {
    output->GetInformation()->Set(
      vtkDataObject::DATA_TIME_STEP(), internal.TimeSteps.GetTimes()[stepIndex]);
  }

  internal.CurrentVolume = step.Volume->HeaderMember;
  return 1;
}

void vtkAnalyzeZipReader::PrintSelf(ostream& os, vtkIndent indent)
{
  this->Superclass::PrintSelf(os, indent);
  const auto& buffer = this->Internal->Archive.GetBuffer();
  os << indent << "FileName: "
     << (this->FileName ? paravoxel::ArchiveDownloader::Redact(this->FileName) : "(none)") << "\n";
  os << indent
     << "ArchiveBuffer: " << (buffer ? std::to_string(buffer->GetSize()) + " bytes" : "(none)")
     << "\n";
  os << indent << "Volume: " << (this->Volume ? this->Volume : "(first)") << "\n";
  os << indent << "TimeSeries: " << this->TimeSeries << "\n";
  os << indent << "WorldSpace: " << this->WorldSpace << "\n";
  os << indent << "MaximumVoxels: " << this->MaximumVoxels << "\n";
  os << indent << "MaximumTimeSteps: " << this->MaximumTimeSteps << "\n";
  os << indent << "MaximumMemberMegabytes: " << this->MaximumMemberMegabytes << "\n";
  os << indent << "MaximumDownloadMegabytes: " << this->MaximumDownloadMegabytes << "\n";
  os << indent << "ConnectTimeout: " << this->ConnectTimeout << "\n";
  os << indent << "StallTimeout: " << this->StallTimeout << "\n";
  os << indent << "DownloadTimeout: " << this->DownloadTimeout << "\n";
  os << indent << "NumberOfNamedRegions: " << this->NumberOfNamedRegions << "\n";
}
