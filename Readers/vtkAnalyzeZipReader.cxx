#include "vtkAnalyzeZipReader.h"
#include "vtkAnalyzeZipReaderInternals.h"

#include "AnalyzeStepReader.h"
#include "HugePageMemory.h"
#include "ImagePieces.h"
#include "LabelSidecars.h"
#include "MemberBuffer.h"
#include "SettingChecks.h"
#include "vtkDataArray.h"
#include "vtkDoubleArray.h"
#include "vtkErrorCode.h"
#include "vtkFieldData.h"
#include "vtkImageData.h"
#include "vtkInformation.h"
#include "vtkInformationVector.h"
#include "vtkObjectFactory.h"
#include "vtkParaVoxelLabels.h"
#include "vtkPointData.h"
#include "vtkSmartPointer.h"
#include "vtkStreamingDemandDrivenPipeline.h"
#include "vtkStringArray.h"

#include <algorithm>
#include <new>

vtkStandardNewMacro(vtkAnalyzeZipReader);

namespace
{
using TimeStep = paravoxel::AnalyzeTimeSteps::Step;

constexpr unsigned long OutOfMemoryError = paravoxel::AnalyzeStepReader::OutOfMemoryError;
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
