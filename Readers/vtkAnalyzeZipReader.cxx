#include "vtkAnalyzeZipReader.h"

#include "vtkAnalyzeVolumeIndex.h"
#include "vtkAnalyzeVoxelConverter.h"
#include "vtkArchiveDownloader.h"
#include "vtkDataArray.h"
#include "vtkDiskMemberStore.h"
#include "vtkDoubleArray.h"
#include "vtkFieldData.h"
#include "vtkImageData.h"
#include "vtkInformation.h"
#include "vtkInformationVector.h"
#include "vtkObjectFactory.h"
#include "vtkPointData.h"
#include "vtkSmartPointer.h"
#include "vtkSpmMatFile.h"
#include "vtkStreamingDemandDrivenPipeline.h"
#include "vtkStringArray.h"
#include "vtkZipMemberStore.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <list>
#include <map>
#include <sstream>
#include <vector>

vtkStandardNewMacro(vtkAnalyzeZipReader);

namespace
{
std::string Folder(const std::string& member)
{
  const auto slash = member.find_last_of('/');
  return slash == std::string::npos ? std::string() : member.substr(0, slash);
}

// "vol_10" after "vol_9": runs of digits compare by value, as people number scans.
bool NaturalLess(const std::string& a, const std::string& b)
{
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size())
  {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j])))
    {
      std::size_t ie = i, je = j;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie])))
      {
        ++ie;
      }
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je])))
      {
        ++je;
      }
      std::string da = a.substr(i, ie - i), db = b.substr(j, je - j);
      da.erase(0, std::min(da.find_first_not_of('0'), da.size()));
      db.erase(0, std::min(db.find_first_not_of('0'), db.size()));
      if (da.size() != db.size())
      {
        return da.size() < db.size();
      }
      if (da != db)
      {
        return da < db;
      }
      i = ie;
      j = je;
    }
    else
    {
      if (a[i] != b[j])
      {
        return a[i] < b[j];
      }
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

// A member larger than the bytes its header declares is accepted with a warning when the excess
// is small (some writers pad files); beyond this it is treated as a zip bomb and refused.
std::uint64_t AllowedExcess(std::uint64_t declared)
{
  return std::max<std::uint64_t>(declared, std::uint64_t(1) << 20);
}

// The best deflate ratio is about 1032:1; a gzip member claiming more cannot be genuine.
constexpr std::uint64_t MaximumDeflateRatio = 1032;

// SPM sidecars are a few hundred bytes; anything much larger is not one.
constexpr std::uint64_t MaximumMatBytes = std::uint64_t(1) << 20;

// Decoded volumes kept for stepping back and forth through a time series.
constexpr std::size_t CachedSteps = 4;
constexpr std::uint64_t CachedBytes = std::uint64_t(1) << 30;

struct TimeStep
{
  vtkAnalyzeVolumeIndex::Volume Volume;
  std::int64_t VolumeIndex; // 3D volume inside a 4D file
};

struct CachedStep
{
  std::string Key;
  vtkSmartPointer<vtkDataArray> Scalars;
};
}

struct vtkAnalyzeZipReader::Internals
{
  std::shared_ptr<const std::vector<std::uint8_t>> Buffer;
  std::string DownloadedUrl;
  std::shared_ptr<const std::vector<std::uint8_t>> Downloaded;

  std::unique_ptr<vtkAnalyzeMemberStore> Store;
  std::string Source; // "archive 'a.zip'", "file '/x/y.hdr'", ... for messages
  std::vector<TimeStep> Steps;
  std::vector<double> Times;
  bool Ready = false;
  vtkNew<vtkStringArray> AvailableVolumes;
  std::string CurrentVolume;
  std::list<CachedStep> Cache;
  std::map<std::string, std::array<double, 16>> Affines; // by header member, for this archive

  bool OpenStore(vtkAnalyzeZipReader* self, std::string& error);
  std::array<double, 16> VoxelToWorld(vtkAnalyzeZipReader* self, const TimeStep& step);
  std::array<double, 16> ReadVoxelToWorld(vtkAnalyzeZipReader* self, const TimeStep& step);
  bool CheckImageSize(vtkAnalyzeZipReader* self, const TimeStep& step, std::string& error);
  std::string Where(const TimeStep& step) const
  {
    return this->Source + ", volume '" + step.Volume.HeaderMember + "'";
  }
};

bool vtkAnalyzeZipReader::Internals::OpenStore(vtkAnalyzeZipReader* self, std::string& error)
{
  const std::string fileName = self->FileName ? self->FileName : "";
  if (this->Buffer)
  {
    this->Source = "archive in memory (" + std::to_string(this->Buffer->size()) + " bytes)";
    this->Store = vtkZipMemberStore::OpenBuffer(this->Buffer, error);
    return this->Store != nullptr;
  }
  if (fileName.empty())
  {
    error = "No FileName: set it to a .zip archive, its URL or a .hdr/.img/.nii file";
    return false;
  }
  if (vtkArchiveDownloader::IsUrl(fileName))
  {
    this->Source = "archive '" + fileName + "'";
    if (!this->Downloaded || this->DownloadedUrl != fileName)
    {
      this->Downloaded.reset();
      const vtkArchiveDownloader::Limits limits{
        static_cast<std::uint64_t>(self->MaximumDownloadMegabytes * 1024.0 * 1024.0),
        self->ConnectTimeout, self->DownloadTimeout
      };
      self->SetProgressText("Downloading");
      this->Downloaded = vtkArchiveDownloader::Download(
        fileName, limits,
        [self](double fraction) {
          self->UpdateProgress(fraction);
          return !self->GetAbortExecute();
        },
        error);
      self->SetProgressText(nullptr);
      if (!this->Downloaded)
      {
        return false;
      }
      this->DownloadedUrl = fileName;
    }
    this->Store = vtkZipMemberStore::OpenBuffer(this->Downloaded, error);
    return this->Store != nullptr;
  }
  const bool plainFile = vtkAnalyzeVolumeIndex::IsVolumeName(fileName);
  this->Source = (plainFile ? "file '" : "archive '") + fileName + "'";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(fileName, ec))
  {
    error = "no such file";
    return false;
  }
  if (plainFile)
  {
    this->Store = vtkDiskMemberStore::OpenFolderOf(fileName, error);
  }
  else if (std::filesystem::file_size(fileName, ec) == 0)
  {
    error = "the file is empty, not a zip archive";
  }
  else
  {
    this->Store = vtkZipMemberStore::OpenFile(fileName, error);
  }
  return this->Store != nullptr;
}

std::array<double, 16> vtkAnalyzeZipReader::Internals::VoxelToWorld(
  vtkAnalyzeZipReader* self, const TimeStep& step)
{
  // Once per volume and archive, so a bad sidecar is reported once, not on every update.
  auto known = this->Affines.find(step.Volume.HeaderMember);
  if (known != this->Affines.end())
  {
    return known->second;
  }
  const auto affine = this->ReadVoxelToWorld(self, step);
  this->Affines[step.Volume.HeaderMember] = affine;
  return affine;
}

std::array<double, 16> vtkAnalyzeZipReader::Internals::ReadVoxelToWorld(
  vtkAnalyzeZipReader* self, const TimeStep& step)
{
  const vtkAnalyzeHeader& header = step.Volume.Header;
  if (header.GetFormat() != vtkAnalyzeHeader::Format::Analyze)
  {
    return header.GetVoxelToWorld();
  }
  // SPM keeps the true voxel-to-world matrix in a .mat sidecar; it wins over the header.
  const std::string mat =
    vtkAnalyzeVolumeIndex::FindMatSidecar(*this->Store, step.Volume.HeaderMember);
  if (mat.empty())
  {
    return header.GetVoxelToWorld();
  }
  std::string error;
  std::uint64_t size = 0;
  std::array<double, 16> affine;
  if (this->Store->GetMemberSize(mat, size, error))
  {
    if (size > MaximumMatBytes)
    {
      error = "it is " + std::to_string(size) + " bytes, too large for an SPM matrix file";
    }
    else
    {
      std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
      auto stream = this->Store->OpenMember(mat, error);
      if (stream && stream->ReadFully(bytes.data(), bytes.size(), error) &&
        vtkSpmMatFile::Read(bytes.data(), bytes.size(), affine, error))
      {
        return affine;
      }
    }
  }
  vtkWarningWithObjectMacro(self, "Reading " << this->Where(step) << ": cannot use the SPM matrix file '"
                                             << mat << "' (" << error
                                             << "); the header's affine is used instead.");
  return header.GetVoxelToWorld();
}

bool vtkAnalyzeZipReader::Internals::CheckImageSize(
  vtkAnalyzeZipReader* self, const TimeStep& step, std::string& error)
{
  const vtkAnalyzeHeader& header = step.Volume.Header;
  const std::string& member = step.Volume.ImageMember;
  const auto& dims = header.GetDimensions();
  std::ostringstream why;
  if (header.GetVoxelsPerVolume() > self->MaximumVoxels / header.GetNumberOfVolumes())
  {
    why << "the header declares " << dims[0] << " x " << dims[1] << " x " << dims[2] << " x "
        << header.GetNumberOfVolumes() << " voxels, more than MaximumVoxels ("
        << self->MaximumVoxels << "); raise MaximumVoxels if the volume is genuine";
    error = why.str();
    return false;
  }
  // Check the declared size against the member's real size before anything is allocated.
  const std::uint64_t declared =
    header.GetVoxelOffset() + header.GetBytesPerVolume() * header.GetNumberOfVolumes();
  if (static_cast<double>(declared) > self->MaximumMemberMegabytes * 1024.0 * 1024.0)
  {
    why << "the header declares an image of " << declared << " bytes, more than "
        << "MaximumMemberMegabytes (" << self->MaximumMemberMegabytes
        << " MiB); raise MaximumMemberMegabytes if the volume is genuine";
    error = why.str();
    return false;
  }
  std::uint64_t stored = 0;
  if (!this->Store->GetMemberSize(member, stored, error))
  {
    error = "image member '" + member + "': " + error;
    return false;
  }
  if (vtkAnalyzeVolumeIndex::IsGzipped(member))
  {
    if (declared > stored * MaximumDeflateRatio + 4096)
    {
      why << "image member '" << member << "' is " << stored
          << " compressed bytes, which cannot hold the " << declared
          << " bytes its header declares";
    }
  }
  else if (stored < declared)
  {
    why << "image member '" << member << "' holds " << stored << " bytes, but the header declares "
        << declared << " (" << dims[0] << " x " << dims[1] << " x " << dims[2] << " x "
        << header.GetNumberOfVolumes() << " voxels of "
        << header.GetComponentSize() * header.GetNumberOfComponents() << " bytes from offset "
        << header.GetVoxelOffset() << "): the image is truncated";
  }
  else if (stored - declared > AllowedExcess(declared))
  {
    why << "image member '" << member << "' inflates to " << stored << " bytes, far more than the "
        << declared << " bytes its header declares (a zip bomb?); refused";
  }
  else if (stored > declared)
  {
    vtkWarningWithObjectMacro(self, "Reading " << this->Where(step) << ": image member '" << member
                                               << "' has " << stored - declared
                                               << " bytes past the declared voxels; they are ignored.");
  }
  error = why.str();
  return error.empty();
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

void vtkAnalyzeZipReader::SetArchiveBuffer(const char* data, vtkIdType size)
{
  if (data && size > 0)
  {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(data);
    this->Internal->Buffer =
      std::make_shared<const std::vector<std::uint8_t>>(bytes, bytes + size);
  }
  else
  {
    this->Internal->Buffer.reset();
  }
  this->Internal->Cache.clear();
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

int vtkAnalyzeZipReader::RequestInformation(
  vtkInformation*, vtkInformationVector**, vtkInformationVector* outputVector)
{
  Internals& internal = *this->Internal;
  internal.Ready = false;
  internal.Store.reset();
  internal.Steps.clear();
  internal.Times.clear();
  internal.Cache.clear();
  internal.Affines.clear();
  internal.AvailableVolumes->Reset();
  internal.CurrentVolume.clear();

  vtkInformation* outInfo = outputVector->GetInformationObject(0);
  const int empty[6] = { 0, -1, 0, -1, 0, -1 };
  outInfo->Set(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), empty, 6);
  outInfo->Remove(vtkStreamingDemandDrivenPipeline::TIME_STEPS());
  outInfo->Remove(vtkStreamingDemandDrivenPipeline::TIME_RANGE());

  std::string error;
  if (!internal.OpenStore(this, error))
  {
    vtkErrorMacro(<< (internal.Source.empty() ? error : "Cannot read " + internal.Source + ": " + error)
                  << ".");
    return 1;
  }

  vtkAnalyzeVolumeIndex index;
  index.Build(*internal.Store);
  for (const auto& volume : index.GetVolumes())
  {
    internal.AvailableVolumes->InsertNextValue(volume.HeaderMember);
  }

  const bool plainFile = !internal.Buffer && this->FileName &&
    !vtkArchiveDownloader::IsUrl(this->FileName) && vtkAnalyzeVolumeIndex::IsVolumeName(this->FileName);
  std::string requested = this->Volume ? this->Volume : "";
  if (requested.empty() && plainFile)
  {
    requested = std::filesystem::path(this->FileName).filename().string();
  }
  TimeStep selected{ {}, 0 };
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
        if (reported < 5 && vtkAnalyzeVolumeIndex::IsVolumeName(name) &&
          !vtkAnalyzeVolumeIndex::Resolve(*internal.Store, name, ignored, why))
        {
          msg << " " << why << ".";
          ++reported;
        }
      }
      vtkErrorMacro(<< msg.str());
      return 1;
    }
    selected.Volume = index.GetVolumes().front();
  }
  else if (!vtkAnalyzeVolumeIndex::Resolve(*internal.Store, requested, selected.Volume, error))
  {
    vtkErrorMacro("Cannot read volume '" << requested << "' of " << internal.Source << ": "
                                         << error << ".");
    return 1;
  }

  const vtkAnalyzeHeader& header = selected.Volume.Header;
  for (const auto& warning : header.GetWarnings())
  {
    vtkWarningMacro("Reading " << internal.Where(selected) << ": " << warning << ".");
  }
  if (!internal.CheckImageSize(this, selected, error))
  {
    vtkErrorMacro("Cannot read " << internal.Where(selected) << ": " << error << ".");
    return 1;
  }

  // Time steps: the volumes of a 4D file, or the selected volume's like-shaped siblings.
  if (this->TimeSeries && header.GetNumberOfVolumes() > 1)
  {
    for (std::int64_t t = 0; t < header.GetNumberOfVolumes(); ++t)
    {
      internal.Steps.push_back({ selected.Volume, t });
    }
  }
  else if (this->TimeSeries)
  {
    const std::string folder = Folder(selected.Volume.HeaderMember);
    for (const auto& volume : index.GetVolumes())
    {
      const vtkAnalyzeHeader& other = volume.Header;
      if (Folder(volume.HeaderMember) == folder && other.GetDimensions() == header.GetDimensions() &&
        other.GetDataTypeCode() == header.GetDataTypeCode() &&
        other.HasScaling() == header.HasScaling())
      {
        internal.Steps.push_back({ volume, 0 });
      }
    }
    std::sort(internal.Steps.begin(), internal.Steps.end(), [](const TimeStep& a, const TimeStep& b) {
      return NaturalLess(a.Volume.HeaderMember, b.Volume.HeaderMember);
    });
  }
  else
  {
    if (header.GetNumberOfVolumes() > 1)
    {
      vtkWarningMacro("Reading " << internal.Where(selected) << ": it holds "
                                 << header.GetNumberOfVolumes()
                                 << " volumes; the first is read (turn TimeSeries on for all).");
    }
    internal.Steps.push_back(selected);
  }
  if (this->TimeSeries)
  {
    const double tr = header.GetRepetitionTime() > 0 ? header.GetRepetitionTime() : 1.0;
    for (std::size_t i = 0; i < internal.Steps.size(); ++i)
    {
      internal.Times.push_back(static_cast<double>(i) * tr);
    }
    outInfo->Set(vtkStreamingDemandDrivenPipeline::TIME_STEPS(), internal.Times.data(),
      static_cast<int>(internal.Times.size()));
    const double range[2] = { internal.Times.front(), internal.Times.back() };
    outInfo->Set(vtkStreamingDemandDrivenPipeline::TIME_RANGE(), range, 2);
  }

  const auto& dims = header.GetDimensions();
  const int extent[6] = { 0, static_cast<int>(dims[0] - 1), 0, static_cast<int>(dims[1] - 1), 0,
    static_cast<int>(dims[2] - 1) };
  const auto affine = internal.VoxelToWorld(this, selected);
  const double origin[3] = { affine[3], affine[7], affine[11] };
  outInfo->Set(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), extent, 6);
  outInfo->Set(vtkDataObject::SPACING(), header.GetSpacing().data(), 3);
  outInfo->Set(vtkDataObject::ORIGIN(), origin, 3);
  outInfo->Set(vtkAlgorithm::CAN_PRODUCE_SUB_EXTENT(), 1);
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
  internal.CurrentVolume.clear();
  if (!internal.Ready)
  {
    return 1; // RequestInformation reported the error
  }

  // The time step: the last one at or before the requested time.
  std::size_t stepIndex = 0;
  if (internal.Times.size() > 1 && outInfo->Has(vtkStreamingDemandDrivenPipeline::UPDATE_TIME_STEP()))
  {
    const double t = outInfo->Get(vtkStreamingDemandDrivenPipeline::UPDATE_TIME_STEP());
    const auto after = std::upper_bound(internal.Times.begin(), internal.Times.end(), t + 1e-9);
    stepIndex = after == internal.Times.begin() ? 0 : static_cast<std::size_t>(after - internal.Times.begin() - 1);
  }
  const TimeStep& step = internal.Steps[stepIndex];
  const vtkAnalyzeHeader& header = step.Volume.Header;
  const std::string& member = step.Volume.ImageMember;
  const auto& dims = header.GetDimensions();

  int whole[6];
  outInfo->Get(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), whole);
  int extent[6];
  outInfo->Get(vtkStreamingDemandDrivenPipeline::UPDATE_EXTENT(), extent);
  for (int a = 0; a < 3; ++a)
  {
    extent[2 * a] = std::max(extent[2 * a], whole[2 * a]);
    extent[2 * a + 1] = std::min(extent[2 * a + 1], whole[2 * a + 1]);
    if (extent[2 * a] > extent[2 * a + 1])
    {
      return 1; // nothing of this volume is requested from this piece
    }
  }
  const bool wholeExtent = std::equal(extent, extent + 6, whole);

  std::string error;
  if (stepIndex > 0 && !internal.CheckImageSize(this, step, error))
  {
    vtkErrorMacro("Cannot read " << internal.Where(step) << ": " << error << ".");
    return 1;
  }

  const std::string key = member + "#" + std::to_string(step.VolumeIndex);
  vtkSmartPointer<vtkDataArray> scalars;
  auto cached = std::find_if(internal.Cache.begin(), internal.Cache.end(),
    [&](const CachedStep& entry) { return entry.Key == key; });
  if (wholeExtent && cached != internal.Cache.end())
  {
    scalars = cached->Scalars;
    internal.Cache.splice(internal.Cache.begin(), internal.Cache, cached);
  }
  else
  {
    const std::uint64_t voxelBytes =
      static_cast<std::uint64_t>(header.GetComponentSize() * header.GetNumberOfComponents());
    const std::uint64_t sliceBytes = static_cast<std::uint64_t>(dims[0] * dims[1]) * voxelBytes;
    const std::uint64_t slabBytes = sliceBytes * static_cast<std::uint64_t>(extent[5] - extent[4] + 1);
    const std::uint64_t skip = header.GetVoxelOffset() +
      static_cast<std::uint64_t>(step.VolumeIndex) * header.GetBytesPerVolume() +
      static_cast<std::uint64_t>(extent[4]) * sliceBytes;

    auto stream = vtkAnalyzeVolumeIndex::OpenMember(*internal.Store, member, error);
    if (!stream || !stream->Skip(skip, error))
    {
      vtkErrorMacro("Cannot read " << internal.Where(step) << ": image member '" << member
                                   << "': " << error << ".");
      return 1;
    }

    scalars.TakeReference(vtkDataArray::CreateDataArray(
      header.HasScaling() ? VTK_FLOAT : header.GetStoredScalarType()));
    scalars->SetName("Intensity");
    scalars->SetNumberOfComponents(header.GetNumberOfComponents());
    scalars->SetNumberOfTuples(static_cast<vtkIdType>(extent[1] - extent[0] + 1) *
      (extent[3] - extent[2] + 1) * (extent[5] - extent[4] + 1));

    // Whole i-j planes of stored values inflate straight into the output array; anything else
    // (a sub-extent in i or j, scaling) goes through a scratch buffer and the converter.
    const bool direct = !header.HasScaling() && extent[0] == 0 && extent[1] == dims[0] - 1 &&
      extent[2] == 0 && extent[3] == dims[1] - 1;
    std::vector<std::uint8_t> raw;
    void* destination = scalars->GetVoidPointer(0);
    if (!direct)
    {
      raw.resize(static_cast<std::size_t>(slabBytes));
      destination = raw.data();
    }
    if (!stream->ReadFully(destination, slabBytes, error,
          [this](double f) { this->UpdateProgress(0.9 * f); }))
    {
      vtkErrorMacro("Cannot read " << internal.Where(step) << ": image member '" << member
                                   << "': " << error << ".");
      return 1;
    }
    if (direct)
    {
      vtkAnalyzeVoxelConverter::FixByteOrder(header, scalars);
    }
    else
    {
      vtkAnalyzeVoxelConverter::ConvertExtent(header, raw.data(), extent, scalars);
    }
    if (wholeExtent && internal.Times.size() > 1)
    {
      internal.Cache.push_front({ key, scalars });
      std::uint64_t bytes = 0;
      std::size_t kept = 0;
      for (auto it = internal.Cache.begin(); it != internal.Cache.end();)
      {
        bytes += static_cast<std::uint64_t>(it->Scalars->GetActualMemorySize()) * 1024;
        it = (++kept > CachedSteps || bytes > CachedBytes) ? internal.Cache.erase(it) : std::next(it);
      }
    }
  }
  this->UpdateProgress(1.0);

  const auto affine = internal.VoxelToWorld(this, step);
  output->SetExtent(extent);
  output->SetSpacing(header.GetSpacing().data());
  output->SetOrigin(affine[3], affine[7], affine[11]);
  output->GetPointData()->SetScalars(scalars);

  vtkNew<vtkDoubleArray> voxelToWorld;
  voxelToWorld->SetName("VoxelToWorld");
  voxelToWorld->SetNumberOfComponents(16);
  voxelToWorld->InsertNextTuple(affine.data());
  output->GetFieldData()->AddArray(voxelToWorld);
  if (!internal.Times.empty())
  {
    output->GetInformation()->Set(vtkDataObject::DATA_TIME_STEP(), internal.Times[stepIndex]);
  }

  internal.CurrentVolume = step.Volume.HeaderMember;
  return 1;
}

void vtkAnalyzeZipReader::PrintSelf(ostream& os, vtkIndent indent)
{
  this->Superclass::PrintSelf(os, indent);
  os << indent << "FileName: " << (this->FileName ? this->FileName : "(none)") << "\n";
  os << indent << "ArchiveBuffer: "
     << (this->Internal->Buffer ? std::to_string(this->Internal->Buffer->size()) + " bytes" : "(none)")
     << "\n";
  os << indent << "Volume: " << (this->Volume ? this->Volume : "(first)") << "\n";
  os << indent << "TimeSeries: " << this->TimeSeries << "\n";
  os << indent << "MaximumVoxels: " << this->MaximumVoxels << "\n";
  os << indent << "MaximumMemberMegabytes: " << this->MaximumMemberMegabytes << "\n";
  os << indent << "MaximumDownloadMegabytes: " << this->MaximumDownloadMegabytes << "\n";
  os << indent << "ConnectTimeout: " << this->ConnectTimeout << "\n";
  os << indent << "DownloadTimeout: " << this->DownloadTimeout << "\n";
}
