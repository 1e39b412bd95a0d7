#include "vtkAnalyzeZipReader.h"

#include "vtkAnalyzeVolumeIndex.h"
#include "vtkDataArray.h"
#include "vtkDiskMemberStore.h"
#include "vtkDoubleArray.h"
#include "vtkFieldData.h"
#include "vtkFloatArray.h"
#include "vtkImageData.h"
#include "vtkInformation.h"
#include "vtkInformationVector.h"
#include "vtkObjectFactory.h"
#include "vtkPointData.h"
#include "vtkSMPTools.h"
#include "vtkSmartPointer.h"
#include "vtkStreamingDemandDrivenPipeline.h"
#include "vtkStringArray.h"
#include "vtkZipMemberStore.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <vector>

vtkStandardNewMacro(vtkAnalyzeZipReader);

namespace
{
bool HasImageExtension(const std::string& path)
{
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(),
    [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* suffix : { ".hdr", ".img", ".nii", ".hdr.gz", ".img.gz", ".nii.gz" })
  {
    const std::string s(suffix);
    if (lower.size() >= s.size() && lower.compare(lower.size() - s.size(), s.size(), s) == 0)
    {
      return true;
    }
  }
  return false;
}

// A member larger than the bytes its header declares is accepted with a warning when the excess
// is small (some writers pad files); beyond this it is treated as a zip bomb and refused.
std::uint64_t AllowedExcess(std::uint64_t declared)
{
  return std::max<std::uint64_t>(declared, std::uint64_t(1) << 20);
}

// The best deflate ratio is about 1032:1; a gzip member claiming more cannot be genuine.
constexpr std::uint64_t MaximumDeflateRatio = 1032;

template <typename T>
void SwapInPlace(T* values, vtkIdType count)
{
  vtkSMPTools::For(0, count, [values](vtkIdType begin, vtkIdType end) {
    for (vtkIdType i = begin; i < end; ++i)
    {
      auto* bytes = reinterpret_cast<std::uint8_t*>(values + i);
      std::reverse(bytes, bytes + sizeof(T));
    }
  });
}

template <typename T>
void ScaleToFloat(const std::uint8_t* raw, bool swap, double slope, double intercept, float* out,
  vtkIdType count)
{
  vtkSMPTools::For(0, count, [=](vtkIdType begin, vtkIdType end) {
    for (vtkIdType i = begin; i < end; ++i)
    {
      std::uint8_t bytes[sizeof(T)];
      std::memcpy(bytes, raw + i * sizeof(T), sizeof(T));
      if (swap)
      {
        std::reverse(bytes, bytes + sizeof(T));
      }
      T value;
      std::memcpy(&value, bytes, sizeof(T));
      out[i] = static_cast<float>(static_cast<double>(value) * slope + intercept);
    }
  });
}

template <typename F>
bool DispatchStoredType(int vtkType, F&& f)
{
  switch (vtkType)
  {
    vtkTemplateMacro(f(static_cast<VTK_TT*>(nullptr)); return true;);
    default:
      return false;
  }
}
}

struct vtkAnalyzeZipReader::Internals
{
  std::unique_ptr<vtkAnalyzeMemberStore> Store;
  vtkAnalyzeVolumeIndex::Volume Selected;
  bool Ready = false;
  std::string Source; // "archive 'a.zip'" or "file '/x/y.hdr'", for messages
  vtkNew<vtkStringArray> AvailableVolumes;
  std::string CurrentVolume;
};

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

vtkStringArray* vtkAnalyzeZipReader::GetAvailableVolumes()
{
  return this->Internal->AvailableVolumes;
}

const char* vtkAnalyzeZipReader::GetCurrentVolume()
{
  return this->Internal->CurrentVolume.c_str();
}

int vtkAnalyzeZipReader::RequestInformation(
  vtkInformation*, vtkInformationVector**, vtkInformationVector* outputVector)
{
  Internals& internal = *this->Internal;
  internal.Ready = false;
  internal.Store.reset();
  internal.AvailableVolumes->Reset();
  internal.CurrentVolume.clear();

  vtkInformation* outInfo = outputVector->GetInformationObject(0);
  const int empty[6] = { 0, -1, 0, -1, 0, -1 };
  outInfo->Set(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), empty, 6);

  if (!this->FileName || !*this->FileName)
  {
    vtkErrorMacro("No FileName: set it to a .zip archive or a .hdr/.img/.nii file.");
    return 1;
  }
  const std::string fileName = this->FileName;
  const bool plainFile = HasImageExtension(fileName);
  internal.Source = (plainFile ? "file '" : "archive '") + fileName + "'";

  std::string error;
  if (plainFile)
  {
    internal.Store = vtkDiskMemberStore::OpenFolderOf(fileName, error);
  }
  else
  {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(fileName, ec))
    {
      vtkErrorMacro("Cannot read " << internal.Source << ": no such file.");
      return 1;
    }
    if (std::filesystem::file_size(fileName, ec) == 0)
    {
      vtkErrorMacro("Cannot read " << internal.Source << ": the file is empty, not a zip archive.");
      return 1;
    }
    internal.Store = vtkZipMemberStore::OpenFile(fileName, error);
  }
  if (!internal.Store)
  {
    vtkErrorMacro("Cannot read " << internal.Source << ": " << error << ".");
    return 1;
  }

  vtkAnalyzeVolumeIndex index;
  index.Build(*internal.Store);
  for (const auto& volume : index.GetVolumes())
  {
    internal.AvailableVolumes->InsertNextValue(volume.HeaderMember);
  }

  std::string requested = this->Volume ? this->Volume : "";
  if (requested.empty() && plainFile)
  {
    requested = std::filesystem::path(fileName).filename().string();
  }
  if (requested.empty())
  {
    if (index.GetVolumes().empty())
    {
      std::ostringstream msg;
      msg << "Cannot read " << internal.Source
          << ": it holds no readable Analyze/NIfTI volume (a .hdr with its .img, or a .nii).";
      // Say why the candidates were refused, so the user is not left guessing.
      int reported = 0;
      for (const auto& name : internal.Store->GetMemberNames())
      {
        vtkAnalyzeVolumeIndex::Volume ignored;
        std::string why;
        if (reported < 5 && !vtkAnalyzeVolumeIndex::Resolve(*internal.Store, name, ignored, why) &&
          HasImageExtension(name))
        {
          msg << " " << why << ".";
          ++reported;
        }
      }
      vtkErrorMacro(<< msg.str());
      return 1;
    }
    internal.Selected = index.GetVolumes().front();
  }
  else if (!vtkAnalyzeVolumeIndex::Resolve(*internal.Store, requested, internal.Selected, error))
  {
    vtkErrorMacro("Cannot read volume '" << requested << "' of " << internal.Source << ": "
                                         << error << ".");
    return 1;
  }

  const vtkAnalyzeHeader& header = internal.Selected.Header;
  const std::string& member = internal.Selected.ImageMember;
  const std::string where =
    internal.Source + ", volume '" + internal.Selected.HeaderMember + "'";
  for (const auto& warning : header.GetWarnings())
  {
    vtkWarningMacro("Reading " << where << ": " << warning << ".");
  }

  const auto& dims = header.GetDimensions();
  const std::int64_t voxels = header.GetVoxelsPerVolume();
  if (voxels > this->MaximumVoxels / header.GetNumberOfVolumes())
  {
    vtkErrorMacro("Cannot read " << where << ": the header declares " << dims[0] << " x " << dims[1]
                                 << " x " << dims[2] << " x " << header.GetNumberOfVolumes()
                                 << " voxels, more than MaximumVoxels (" << this->MaximumVoxels
                                 << "); raise MaximumVoxels if the volume is genuine.");
    return 1;
  }

  // Check the declared size against the member's real size before anything is allocated.
  const std::uint64_t declared =
    header.GetVoxelOffset() + header.GetBytesPerVolume() * header.GetNumberOfVolumes();
  std::uint64_t stored = 0;
  if (!internal.Store->GetMemberSize(member, stored, error))
  {
    vtkErrorMacro("Cannot read " << where << ": image member '" << member << "': " << error << ".");
    return 1;
  }
  if (vtkAnalyzeVolumeIndex::IsGzipped(member))
  {
    if (declared > stored * MaximumDeflateRatio + 4096)
    {
      vtkErrorMacro("Cannot read " << where << ": image member '" << member << "' is " << stored
                                   << " compressed bytes, which cannot hold the " << declared
                                   << " bytes its header declares.");
      return 1;
    }
  }
  else if (stored < declared)
  {
    vtkErrorMacro("Cannot read " << where << ": image member '" << member << "' holds " << stored
                                 << " bytes, but the header declares " << declared << " ("
                                 << dims[0] << " x " << dims[1] << " x " << dims[2] << " x "
                                 << header.GetNumberOfVolumes() << " voxels of "
                                 << header.GetComponentSize() * header.GetNumberOfComponents()
                                 << " bytes from offset " << header.GetVoxelOffset()
                                 << "): the image is truncated.");
    return 1;
  }
  else if (stored - declared > AllowedExcess(declared))
  {
    vtkErrorMacro("Cannot read " << where << ": image member '" << member << "' inflates to "
                                 << stored << " bytes, far more than the " << declared
                                 << " bytes its header declares (a zip bomb?); refused.");
    return 1;
  }
  else if (stored > declared)
  {
    vtkWarningMacro("Reading " << where << ": image member '" << member << "' has "
                               << stored - declared << " bytes past the declared voxels; they are ignored.");
  }
  if (header.GetNumberOfVolumes() > 1)
  {
    vtkWarningMacro("Reading " << where << ": it holds " << header.GetNumberOfVolumes()
                               << " volumes; the first is read.");
  }

  const int extent[6] = { 0, static_cast<int>(dims[0] - 1), 0, static_cast<int>(dims[1] - 1), 0,
    static_cast<int>(dims[2] - 1) };
  outInfo->Set(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), extent, 6);
  outInfo->Set(vtkDataObject::SPACING(), header.GetSpacing().data(), 3);
  outInfo->Set(vtkDataObject::ORIGIN(), header.GetOrigin().data(), 3);
  vtkDataObject::SetPointDataActiveScalarInfo(outInfo,
    header.HasScaling() ? VTK_FLOAT : header.GetStoredScalarType(),
    header.GetNumberOfComponents());
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
  if (!internal.Ready)
  {
    return 1; // RequestInformation reported the error
  }

  const vtkAnalyzeHeader& header = internal.Selected.Header;
  const std::string& member = internal.Selected.ImageMember;
  const std::string where =
    internal.Source + ", volume '" + internal.Selected.HeaderMember + "'";
  const auto& dims = header.GetDimensions();
  const vtkIdType voxels = static_cast<vtkIdType>(header.GetVoxelsPerVolume());
  const int components = header.GetNumberOfComponents();
  const std::uint64_t bytes = header.GetBytesPerVolume();

  std::string error;
  auto stream = vtkAnalyzeVolumeIndex::OpenMember(*internal.Store, member, error);
  if (!stream || !stream->Skip(header.GetVoxelOffset(), error))
  {
    vtkErrorMacro("Cannot read " << where << ": image member '" << member << "': " << error << ".");
    return 1;
  }

  const int storedType = header.GetStoredScalarType();
  vtkSmartPointer<vtkDataArray> scalars;
  scalars.TakeReference(vtkDataArray::CreateDataArray(header.HasScaling() ? VTK_FLOAT : storedType));
  scalars->SetName("Intensity");
  scalars->SetNumberOfComponents(components);
  scalars->SetNumberOfTuples(voxels);

  // Inflate straight into the output array when no conversion is needed; otherwise into a
  // scratch buffer converted afterwards.
  std::vector<std::uint8_t> raw;
  void* destination = scalars->GetVoidPointer(0);
  if (header.HasScaling())
  {
    raw.resize(static_cast<std::size_t>(bytes));
    destination = raw.data();
  }
  const double readShare = 0.9;
  if (!stream->ReadFully(destination, bytes, error,
        [this, readShare](double f) { this->UpdateProgress(readShare * f); }))
  {
    vtkErrorMacro("Cannot read " << where << ": image member '" << member << "': " << error << ".");
    return 1;
  }

  const bool swap = header.IsByteSwapped() && header.GetComponentSize() > 1;
  const vtkIdType values = voxels * components;
  if (header.HasScaling())
  {
    auto* out = static_cast<float*>(scalars->GetVoidPointer(0));
    DispatchStoredType(storedType, [&](auto* tag) {
      using T = std::remove_pointer_t<decltype(tag)>;
      ScaleToFloat<T>(raw.data(), swap, header.GetScaleSlope(), header.GetScaleIntercept(), out,
        values);
    });
  }
  else if (swap)
  {
    DispatchStoredType(storedType, [&](auto* tag) {
      using T = std::remove_pointer_t<decltype(tag)>;
      SwapInPlace(static_cast<T*>(destination), values);
    });
  }
  this->UpdateProgress(1.0);

  output->SetExtent(0, static_cast<int>(dims[0] - 1), 0, static_cast<int>(dims[1] - 1), 0,
    static_cast<int>(dims[2] - 1));
  output->SetSpacing(header.GetSpacing().data());
  output->SetOrigin(header.GetOrigin().data());
  output->GetPointData()->SetScalars(scalars);

  vtkNew<vtkDoubleArray> voxelToWorld;
  voxelToWorld->SetName("VoxelToWorld");
  voxelToWorld->SetNumberOfComponents(16);
  voxelToWorld->InsertNextTuple(header.GetVoxelToWorld().data());
  output->GetFieldData()->AddArray(voxelToWorld);

  internal.CurrentVolume = internal.Selected.HeaderMember;
  return 1;
}

void vtkAnalyzeZipReader::PrintSelf(ostream& os, vtkIndent indent)
{
  this->Superclass::PrintSelf(os, indent);
  os << indent << "FileName: " << (this->FileName ? this->FileName : "(none)") << "\n";
  os << indent << "Volume: " << (this->Volume ? this->Volume : "(first)") << "\n";
  os << indent << "MaximumVoxels: " << this->MaximumVoxels << "\n";
}
