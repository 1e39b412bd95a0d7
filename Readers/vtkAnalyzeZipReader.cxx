#include "vtkAnalyzeZipReader.h"

#include "vtkAnalyzeVolumeIndex.h"
#include "vtkAnalyzeVoxelConverter.h"
#include "vtkArchiveDownloader.h"
#include "vtkDataArray.h"
#include "vtkDiskMemberStore.h"
#include "vtkDoubleArray.h"
#include "vtkFieldData.h"
#include "vtkImageData.h"
#include "vtkMemberBuffer.h"
#include "vtkMultiProcessController.h"
#include "vtkInformation.h"
#include "vtkInformationVector.h"
#include "vtkObjectFactory.h"
#include "vtkParaVoxelArrayRanges.h"
#include "vtkParaVoxelPieces.h"
#include "vtkPointData.h"
#include "vtkSmartPointer.h"
#include "vtkSpmMatFile.h"
#include "vtkStreamingDemandDrivenPipeline.h"
#include "vtkStringArray.h"
#include "vtkVerifiedInflater.h"
#include "vtkZipMemberStore.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <list>
#include <map>
#include <new>
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
  const vtkAnalyzeVolumeIndex::Volume* Volume;
  std::int64_t VolumeIndex; // 3D volume inside a 4D file
};

struct CachedStep
{
  std::string Key;
  vtkSmartPointer<vtkDataArray> Scalars;
};

// The verified bytes of a 4D member, kept while its volumes are read one time step at a time.
struct CachedMember
{
  std::string Name;
  std::shared_ptr<vtkMemberBuffer> Bytes;
};

// What a file is when it is not a regular file, for messages.
std::string FileTypeName(std::filesystem::file_type type)
{
  switch (type)
  {
    case std::filesystem::file_type::directory:
      return "a folder";
    case std::filesystem::file_type::fifo:
      return "a FIFO (named pipe)";
    case std::filesystem::file_type::socket:
      return "a socket";
    case std::filesystem::file_type::character:
      return "a character device";
    case std::filesystem::file_type::block:
      return "a block device";
    default:
      return "not a regular file";
  }
}
}

struct vtkAnalyzeZipReader::Internals
{
  std::shared_ptr<const vtkMemberBuffer> Buffer;
  std::string DownloadedUrl;
  std::shared_ptr<const vtkMemberBuffer> Downloaded;

  // The store and its index, kept while the archive is unchanged (StoreKey), so that property
  // changes do not index the archive again.
  std::string StoreKey;
  std::unique_ptr<vtkAnalyzeMemberStore> Store;
  vtkAnalyzeVolumeIndex Index;
  std::string Source; // "archive 'a.zip'", "file '/x/y.hdr'", ... for messages
  // The archive the Volume property was set for (see SetVolume).
  std::string VolumeSetFor;

  vtkAnalyzeVolumeIndex::Volume Selected;
  std::vector<TimeStep> Steps;
  std::vector<double> Times;
  bool Ready = false;
  vtkNew<vtkStringArray> AvailableVolumes;
  std::string CurrentVolume;
  std::list<CachedStep> Cache;
  CachedMember Member;
  std::map<std::string, std::array<double, 16>> Affines; // by header member, for this archive

  std::string SourceIdentity(vtkAnalyzeZipReader* self) const;
  bool OpenStore(vtkAnalyzeZipReader* self, std::string& error);
  bool OpenFile(const std::string& fileName, std::string& error);
  std::array<double, 16> VoxelToWorld(vtkAnalyzeZipReader* self, const TimeStep& step);
  std::array<double, 16> ReadVoxelToWorld(vtkAnalyzeZipReader* self, const TimeStep& step);
  bool CheckImageSize(vtkAnalyzeZipReader* self, const TimeStep& step, std::string& error);
  bool MakeSteps(vtkAnalyzeZipReader* self, std::string& error);
  vtkSmartPointer<vtkDataArray> ReadStep(
    vtkAnalyzeZipReader* self, const TimeStep& step, const int extent[6], std::string& error);
  std::string Where(const TimeStep& step) const
  {
    return this->Source + ", volume '" + step.Volume->HeaderMember + "'";
  }
};

std::string vtkAnalyzeZipReader::Internals::SourceIdentity(vtkAnalyzeZipReader* self) const
{
  if (this->Buffer)
  {
    return "buffer " + std::to_string(reinterpret_cast<std::uintptr_t>(this->Buffer.get()));
  }
  return self->FileName ? self->FileName : "";
}

bool vtkAnalyzeZipReader::Internals::OpenFile(const std::string& fileName, std::string& error)
{
  namespace fs = std::filesystem;
  const bool plainFile = vtkAnalyzeVolumeIndex::IsVolumeName(fileName);
  this->Source = (plainFile ? "file '" : "archive '") + fileName + "'";
  std::error_code ec;
  const fs::file_status status = fs::status(fileName, ec);
  if (!fs::exists(status))
  {
    error = "no such file";
    return false;
  }
  if (!fs::is_regular_file(status))
  {
    // Refused before anything is read: a FIFO would block, a device never ends.
    error = "it is " + FileTypeName(status.type()) + ", not a regular file";
    return false;
  }
  if (plainFile)
  {
    // A folder is listed again each time: its files are few and may change.
    this->StoreKey.clear();
    this->Store = vtkDiskMemberStore::OpenFolderOf(fileName, error);
    if (this->Store)
    {
      this->Index.Build(*this->Store);
    }
    return this->Store != nullptr;
  }
  const auto size = fs::file_size(fileName, ec);
  const auto modified = fs::last_write_time(fileName, ec).time_since_epoch().count();
  if (size == 0)
  {
    error = "the file is empty, not a zip archive";
    return false;
  }
  const std::string key =
    "file " + fileName + " " + std::to_string(size) + " " + std::to_string(modified);
  if (this->Store && key == this->StoreKey)
  {
    return true;
  }
  this->StoreKey.clear();
  this->Store = vtkZipMemberStore::OpenFile(fileName, error);
  if (!this->Store)
  {
    return false;
  }
  this->Index.Build(*this->Store);
  this->StoreKey = key;
  return true;
}

bool vtkAnalyzeZipReader::Internals::OpenStore(vtkAnalyzeZipReader* self, std::string& error)
{
  const std::string fileName = self->FileName ? self->FileName : "";
  const std::string previousKey = this->StoreKey;
  bool opened = false;
  if (this->Buffer)
  {
    this->Source = "archive in memory (" + std::to_string(this->Buffer->GetSize()) + " bytes)";
    const std::string key = this->SourceIdentity(self);
    if (this->Store && key == this->StoreKey)
    {
      return true;
    }
    this->StoreKey.clear();
    this->Store = vtkZipMemberStore::OpenBuffer(this->Buffer, error);
    if (this->Store)
    {
      this->Index.Build(*this->Store);
      this->StoreKey = key;
    }
    opened = this->Store != nullptr;
  }
  else if (fileName.empty())
  {
    this->Store.reset();
    error = "No FileName: set it to a .zip archive, its URL or a .hdr/.img/.nii file";
    return false;
  }
  else if (vtkArchiveDownloader::IsUrl(fileName))
  {
    this->Source = "archive '" + vtkArchiveDownloader::Redact(fileName) + "'";
    const std::string key = "url " + fileName;
    if (this->Store && key == this->StoreKey)
    {
      return true;
    }
    this->StoreKey.clear();
    this->Store.reset();
    if (!this->Downloaded || this->DownloadedUrl != fileName)
    {
      this->Downloaded.reset();
      const vtkArchiveDownloader::Limits limits{
        static_cast<std::uint64_t>(self->MaximumDownloadMegabytes * 1024.0 * 1024.0),
        self->ConnectTimeout, self->StallTimeout, self->DownloadTimeout
      };
      self->SetProgressText("Downloading");
      // Under MPI, process 0 downloads and the others receive its bytes: one transfer.
      this->Downloaded = vtkArchiveDownloader::DownloadOnce(
        fileName, limits,
        [self](double fraction) {
          self->UpdateProgress(fraction);
          return !self->GetAbortExecute();
        },
        vtkMultiProcessController::GetGlobalController(), error);
      self->SetProgressText(nullptr);
      if (!this->Downloaded)
      {
        return false;
      }
      this->DownloadedUrl = fileName;
    }
    this->Store = vtkZipMemberStore::OpenBuffer(this->Downloaded, error);
    if (this->Store)
    {
      this->Index.Build(*this->Store);
      this->StoreKey = key;
    }
    opened = this->Store != nullptr;
  }
  else if (!vtkArchiveDownloader::GetScheme(fileName).empty())
  {
    this->Store.reset();
    this->Source = "'" + vtkArchiveDownloader::Redact(fileName) + "'";
    error = vtkArchiveDownloader::GetScheme(fileName) == "file"
      ? "file:// URLs are not read; give the file's path instead"
      : "'" + vtkArchiveDownloader::GetScheme(fileName) +
        "://' URLs are not supported; ParaVoxel downloads http:// and https:// only";
    return false;
  }
  else
  {
    opened = this->OpenFile(fileName, error);
    if (!opened)
    {
      this->Store.reset();
      this->StoreKey.clear();
    }
  }
  if (opened && (this->StoreKey.empty() || this->StoreKey != previousKey))
  {
    // A new archive: what was decoded from the old one no longer applies.
    this->Cache.clear();
    this->Member = CachedMember();
    this->Affines.clear();
    for (const auto& refusal : this->Index.GetRefusals())
    {
      if (refusal.find("corrupt") != std::string::npos)
      {
        vtkWarningWithObjectMacro(self, "Reading " << this->Source << ": a volume is left out: "
                                                   << refusal << ".");
      }
    }
  }
  return opened;
}

std::array<double, 16> vtkAnalyzeZipReader::Internals::VoxelToWorld(
  vtkAnalyzeZipReader* self, const TimeStep& step)
{
  // Once per volume and archive, so a bad sidecar is reported once, not on every update.
  auto known = this->Affines.find(step.Volume->HeaderMember);
  if (known != this->Affines.end())
  {
    return known->second;
  }
  const auto affine = this->ReadVoxelToWorld(self, step);
  this->Affines[step.Volume->HeaderMember] = affine;
  return affine;
}

std::array<double, 16> vtkAnalyzeZipReader::Internals::ReadVoxelToWorld(
  vtkAnalyzeZipReader* self, const TimeStep& step)
{
  const vtkAnalyzeHeader& header = step.Volume->Header;
  if (header.GetFormat() != vtkAnalyzeHeader::Format::Analyze)
  {
    return header.GetVoxelToWorld();
  }
  // SPM keeps the true voxel-to-world matrix in a .mat sidecar; it wins over the header.
  const std::string mat = this->Index.FindMatSidecar(step.Volume->HeaderMember);
  if (mat.empty())
  {
    return header.GetVoxelToWorld();
  }
  std::string error;
  vtkMemberBuffer bytes;
  std::array<double, 16> affine;
  if (vtkAnalyzeVolumeIndex::ReadMember(*this->Store, mat, 0, MaximumMatBytes, bytes, error) &&
    vtkSpmMatFile::Read(bytes.GetData(), bytes.GetSize(), affine, error))
  {
    return affine;
  }
  vtkWarningWithObjectMacro(self, "Reading " << this->Where(step) << ": cannot use the SPM matrix file '"
                                             << mat << "' (" << error
                                             << "); the header's affine is used instead.");
  return header.GetVoxelToWorld();
}

bool vtkAnalyzeZipReader::Internals::CheckImageSize(
  vtkAnalyzeZipReader* self, const TimeStep& step, std::string& error)
{
  const vtkAnalyzeHeader& header = step.Volume->Header;
  const std::string& member = step.Volume->ImageMember;
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
  // Check the declared size against the limit and the member's real size before anything is
  // allocated; a size that does not even fit in 64 bits is over any limit.
  std::uint64_t declared = 0;
  const bool representable = header.GetImageBytes(header.GetNumberOfVolumes(), declared);
  if (!representable || static_cast<double>(declared) > self->MaximumMemberMegabytes * 1024.0 * 1024.0)
  {
    why << "the header declares an image of "
        << (representable ? std::to_string(declared) : std::string("more than 2^64"))
        << " bytes, more than MaximumMemberMegabytes (" << self->MaximumMemberMegabytes
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

bool vtkAnalyzeZipReader::Internals::MakeSteps(vtkAnalyzeZipReader* self, std::string& error)
{
  const vtkAnalyzeHeader& header = this->Selected.Header;
  const auto tooMany = [&](std::int64_t count) {
    error = "the series has " + std::to_string(count) + " time steps, more than MaximumTimeSteps (" +
      std::to_string(self->MaximumTimeSteps) + "); raise MaximumTimeSteps if it is genuine";
    return false;
  };
  if (self->TimeSeries && header.GetNumberOfVolumes() > 1)
  {
    // The volumes of a 4D file.
    if (header.GetNumberOfVolumes() > self->MaximumTimeSteps)
    {
      return tooMany(header.GetNumberOfVolumes());
    }
    for (std::int64_t t = 0; t < header.GetNumberOfVolumes(); ++t)
    {
      this->Steps.push_back({ &this->Selected, t });
    }
  }
  else if (self->TimeSeries)
  {
    // The selected volume's like-shaped siblings.
    const std::string folder = Folder(this->Selected.HeaderMember);
    for (const auto& volume : this->Index.GetVolumes())
    {
      const vtkAnalyzeHeader& other = volume.Header;
      if (Folder(volume.HeaderMember) == folder && other.GetDimensions() == header.GetDimensions() &&
        other.GetDataTypeCode() == header.GetDataTypeCode() &&
        other.GetOutputScalarType() == header.GetOutputScalarType())
      {
        if (static_cast<std::int64_t>(this->Steps.size()) == self->MaximumTimeSteps)
        {
          return tooMany(self->MaximumTimeSteps + 1);
        }
        this->Steps.push_back({ &volume, 0 });
      }
    }
    std::sort(this->Steps.begin(), this->Steps.end(), [](const TimeStep& a, const TimeStep& b) {
      return NaturalLess(a.Volume->HeaderMember, b.Volume->HeaderMember);
    });
  }
  else
  {
    if (header.GetNumberOfVolumes() > 1)
    {
      vtkWarningWithObjectMacro(self, "Reading " << this->Source << ", volume '"
                                                 << this->Selected.HeaderMember << "': it holds "
                                                 << header.GetNumberOfVolumes()
                                                 << " volumes; the first is read (turn TimeSeries on for all).");
    }
    this->Steps.push_back({ &this->Selected, 0 });
  }
  return true;
}

vtkSmartPointer<vtkDataArray> vtkAnalyzeZipReader::Internals::ReadStep(
  vtkAnalyzeZipReader* self, const TimeStep& step, const int extent[6], std::string& error)
{
  const vtkAnalyzeHeader& header = step.Volume->Header;
  const std::string& member = step.Volume->ImageMember;
  const auto& dims = header.GetDimensions();
  std::uint64_t declared = 0;
  header.GetImageBytes(header.GetNumberOfVolumes(), declared); // checked by CheckImageSize

  // PASS 1: the whole member, verified (CRC-32 of the archive, gzip trailers).
  std::shared_ptr<vtkMemberBuffer> bytes;
  if (this->Member.Name == member)
  {
    bytes = this->Member.Bytes;
  }
  else
  {
    bytes = std::make_shared<vtkMemberBuffer>();
    self->SetProgressText("Reading and verifying");
    const bool read = vtkAnalyzeVolumeIndex::ReadMember(
      *this->Store, member, declared, declared + AllowedExcess(declared), *bytes, error);
    self->SetProgressText(nullptr);
    if (!read)
    {
      error = "image member '" + member + "': " + error;
      return nullptr;
    }
    if (header.GetNumberOfVolumes() > 1 && self->TimeSeries && bytes->GetSize() <= CachedBytes)
    {
      this->Member = { member, bytes };
    }
  }
  self->UpdateProgress(0.5);
  if (bytes->GetSize() < declared)
  {
    error = "image member '" + member + "' holds " + std::to_string(bytes->GetSize()) +
      " bytes, but the header declares " + std::to_string(declared) + ": the image is truncated";
    return nullptr;
  }
  if (step.Volume->HeaderMember == member &&
    vtkVerifiedInflater::Crc32(bytes->GetData(), std::min<std::uint64_t>(bytes->GetSize(), vtkAnalyzeHeader::Size)) !=
      step.Volume->HeaderChecksum)
  {
    // The index parsed these bytes before they could be verified; they must be the same.
    error = "member '" + member + "' changed since its header was read; open the archive again";
    return nullptr;
  }

  // PASS 2: the output array, adopting the verified bytes where they are the answer already.
  const std::uint64_t voxelBytes =
    static_cast<std::uint64_t>(header.GetComponentSize() * header.GetNumberOfComponents());
  const std::uint64_t sliceBytes = static_cast<std::uint64_t>(dims[0] * dims[1]) * voxelBytes;
  const std::uint64_t slabBytes = sliceBytes * static_cast<std::uint64_t>(extent[5] - extent[4] + 1);
  const std::uint64_t first = header.GetVoxelOffset() +
    static_cast<std::uint64_t>(step.VolumeIndex) * header.GetBytesPerVolume() +
    static_cast<std::uint64_t>(extent[4]) * sliceBytes;
  const vtkIdType values = static_cast<vtkIdType>(extent[1] - extent[0] + 1) *
    (extent[3] - extent[2] + 1) * (extent[5] - extent[4] + 1) * header.GetNumberOfComponents();
  vtkSmartPointer<vtkDataArray> scalars;
  scalars.TakeReference(vtkDataArray::CreateDataArray(header.GetOutputScalarType()));
  scalars->SetName("Intensity");
  scalars->SetNumberOfComponents(header.GetNumberOfComponents());
  const bool wholePlanes =
    extent[0] == 0 && extent[1] == dims[0] - 1 && extent[2] == 0 && extent[3] == dims[1] - 1;
  if (wholePlanes && !header.HasScaling() && bytes.use_count() == 1)
  {
    std::memmove(bytes->GetData(), bytes->GetData() + first, static_cast<std::size_t>(slabBytes));
    scalars->SetVoidArray(bytes->Release(), values, 0, vtkAbstractArray::VTK_DATA_ARRAY_FREE);
    vtkAnalyzeVoxelConverter::FixByteOrder(header, scalars);
  }
  else
  {
    vtkMemberBuffer converted;
    if (!converted.Allocate(static_cast<std::uint64_t>(values) *
          static_cast<std::uint64_t>(scalars->GetDataTypeSize()), error))
    {
      error = "the output array: " + error;
      return nullptr;
    }
    scalars->SetVoidArray(converted.Release(), values, 0, vtkAbstractArray::VTK_DATA_ARRAY_FREE);
    vtkAnalyzeVoxelConverter::ConvertExtent(header, bytes->GetData() + first, extent, scalars);
  }
  self->UpdateProgress(0.8);
  // PASS 3: the ranges ParaView asks every array for after each update, cached while the values
  // are hot in the cache, instead of two generic passes of its own.
  vtkParaVoxelArrayRanges::Cache(scalars);
  self->UpdateProgress(0.9);
  return scalars;
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
  Internals& internal = *this->Internal;
  internal.Buffer.reset();
  if (data && size > 0)
  {
    auto buffer = std::make_shared<vtkMemberBuffer>();
    std::string error;
    if (!buffer->Allocate(static_cast<std::uint64_t>(size), error))
    {
      vtkErrorMacro("Cannot keep the archive buffer: " << error << ".");
    }
    else
    {
      std::copy(data, data + size, buffer->GetData());
      internal.Buffer = std::move(buffer);
    }
  }
  this->Modified();
}

void vtkAnalyzeZipReader::SetVolume(const char* volume)
{
  const std::string wanted = volume ? volume : "";
  this->Internal->VolumeSetFor = this->Internal->SourceIdentity(this);
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

int vtkAnalyzeZipReader::RequestInformation(
  vtkInformation*, vtkInformationVector**, vtkInformationVector* outputVector)
{
  Internals& internal = *this->Internal;
  internal.Ready = false;
  internal.Steps.clear();
  internal.Times.clear();
  internal.AvailableVolumes->Reset();
  internal.CurrentVolume.clear();

  vtkInformation* outInfo = outputVector->GetInformationObject(0);
  const int empty[6] = { 0, -1, 0, -1, 0, -1 };
  outInfo->Set(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), empty, 6);
  outInfo->Remove(vtkStreamingDemandDrivenPipeline::TIME_STEPS());
  outInfo->Remove(vtkStreamingDemandDrivenPipeline::TIME_RANGE());

  std::string error;
  try
  {
    if (!internal.OpenStore(this, error))
    {
      vtkErrorMacro(<< (internal.Source.empty() ? error : "Cannot read " + internal.Source + ": " + error)
                    << ".");
      return 1;
    }
  }
  catch (const std::bad_alloc&)
  {
    internal.Store.reset();
    internal.StoreKey.clear();
    vtkErrorMacro("Cannot read " << internal.Source << ": not enough memory to index it.");
    return 1;
  }
  const vtkAnalyzeVolumeIndex& index = internal.Index;
  for (const auto& volume : index.GetVolumes())
  {
    internal.AvailableVolumes->InsertNextValue(volume.HeaderMember);
  }

  const bool plainFile = !internal.Buffer && this->FileName &&
    vtkArchiveDownloader::GetScheme(this->FileName).empty() &&
    vtkAnalyzeVolumeIndex::IsVolumeName(this->FileName);
  std::string requested = this->Volume ? this->Volume : "";
  if (requested.empty() && plainFile)
  {
    requested = std::filesystem::path(this->FileName).filename().string();
  }
  if (!requested.empty() && !internal.Store->HasMember(requested) && !plainFile &&
    internal.VolumeSetFor != internal.SourceIdentity(this) && !index.GetVolumes().empty())
  {
    // Volume was chosen for another archive (FileName changed after it): start this one at its
    // first volume rather than fail on a name it never had.
    vtkWarningMacro("Reading " << internal.Source << ": it has no volume '" << requested
                               << "' (chosen for the previous archive); reading its first volume '"
                               << index.GetVolumes().front().HeaderMember << "'.");
    requested.clear();
  }
  if (requested.empty())
  {
    if (index.GetVolumes().empty())
    {
      std::ostringstream msg;
      msg << "Cannot read " << internal.Source
          << ": it holds no readable Analyze/NIfTI volume (a .hdr with its .img, or a .nii).";
      // Say why the candidates were refused, so the user is not left guessing.
      const auto& refusals = index.GetRefusals();
      for (std::size_t i = 0; i < std::min<std::size_t>(refusals.size(), 5); ++i)
      {
        msg << " " << refusals[i] << ".";
      }
      vtkErrorMacro(<< msg.str());
      return 1;
    }
    internal.Selected = index.GetVolumes().front();
  }
  else if (!index.Resolve(requested, internal.Selected, error))
  {
    vtkErrorMacro("Cannot read volume '" << requested << "' of " << internal.Source << ": "
                                         << error << ".");
    return 1;
  }

  const TimeStep selected{ &internal.Selected, 0 };
  const vtkAnalyzeHeader& header = internal.Selected.Header;
  for (const auto& warning : header.GetWarnings())
  {
    vtkWarningMacro("Reading " << internal.Where(selected) << ": " << warning << ".");
  }
  if (!internal.CheckImageSize(this, selected, error) || !internal.MakeSteps(this, error))
  {
    internal.Steps.clear();
    vtkErrorMacro("Cannot read " << internal.Where(selected) << ": " << error << ".");
    return 1;
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
  // The reader splits pieces itself (vtkParaVoxelPieces), rather than declaring
  // CAN_PRODUCE_SUB_EXTENT: the executive would then mark a piece's ghost layers with
  // vtkDataSet::GenerateGhostArray, a call per point and cell that took three quarters of a
  // piece's read.
  outInfo->Set(vtkAlgorithm::CAN_HANDLE_PIECE_REQUEST(), 1);
  vtkDataObject::SetPointDataActiveScalarInfo(
    outInfo, header.GetOutputScalarType(), header.GetNumberOfComponents());
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

  // The time step: the last one at or before the requested time, within a millionth of a step
  // (the requested time may carry rounding of its own, whatever the TR).
  std::size_t stepIndex = 0;
  if (internal.Times.size() > 1 && outInfo->Has(vtkStreamingDemandDrivenPipeline::UPDATE_TIME_STEP()))
  {
    const double t = outInfo->Get(vtkStreamingDemandDrivenPipeline::UPDATE_TIME_STEP());
    const double tolerance = 1e-6 * (internal.Times[1] - internal.Times[0]);
    const auto after = std::upper_bound(internal.Times.begin(), internal.Times.end(), t + tolerance);
    stepIndex = after == internal.Times.begin() ? 0 : static_cast<std::size_t>(after - internal.Times.begin() - 1);
  }
  const TimeStep& step = internal.Steps[stepIndex];

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
    vtkParaVoxelPieces::ComputePieceExtent(outInfo, outInfo, ghostLevels, requested, extent);
  vtkParaVoxelPieces::ComputePieceExtent(outInfo, outInfo, 0, requested, zeroExtent);
  if (extent[0] > extent[1] || extent[2] > extent[3] || extent[4] > extent[5])
  {
    return 1; // more pieces than slabs: this one is empty
  }
  const bool wholeExtent = std::equal(extent, extent + 6, whole);

  std::string error;
  if (stepIndex > 0 && !internal.CheckImageSize(this, step, error))
  {
    vtkErrorMacro("Cannot read " << internal.Where(step) << ": " << error << ".");
    return 1;
  }

  const std::string key = step.Volume->ImageMember + "#" + std::to_string(step.VolumeIndex);
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
    try
    {
      scalars = internal.ReadStep(this, step, extent, error);
    }
    catch (const std::bad_alloc&)
    {
      error = "not enough memory to read it";
    }
    if (!scalars)
    {
      vtkErrorMacro("Cannot read " << internal.Where(step) << ": " << error << ".");
      return 1;
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

  const vtkAnalyzeHeader& header = step.Volume->Header;
  const auto affine = internal.VoxelToWorld(this, step);
  output->SetExtent(extent);
  output->SetSpacing(header.GetSpacing().data());
  output->SetOrigin(affine[3], affine[7], affine[11]);
  output->GetPointData()->SetScalars(scalars);
  if (pieces > 1 && ghostLevels > 0)
  {
    vtkParaVoxelPieces::MarkGhosts(output, zeroExtent);
    output->GetInformation()->Set(vtkDataObject::DATA_NUMBER_OF_GHOST_LEVELS(), ghostLevels);
  }

  vtkNew<vtkDoubleArray> voxelToWorld;
  voxelToWorld->SetName("VoxelToWorld");
  voxelToWorld->SetNumberOfComponents(16);
  voxelToWorld->InsertNextTuple(affine.data());
  output->GetFieldData()->AddArray(voxelToWorld);
  if (!internal.Times.empty())
  {
    output->GetInformation()->Set(vtkDataObject::DATA_TIME_STEP(), internal.Times[stepIndex]);
  }

  internal.CurrentVolume = step.Volume->HeaderMember;
  return 1;
}

void vtkAnalyzeZipReader::PrintSelf(ostream& os, vtkIndent indent)
{
  this->Superclass::PrintSelf(os, indent);
  os << indent << "FileName: "
     << (this->FileName ? vtkArchiveDownloader::Redact(this->FileName) : "(none)") << "\n";
  os << indent << "ArchiveBuffer: "
     << (this->Internal->Buffer ? std::to_string(this->Internal->Buffer->GetSize()) + " bytes"
                                : "(none)")
     << "\n";
  os << indent << "Volume: " << (this->Volume ? this->Volume : "(first)") << "\n";
  os << indent << "TimeSeries: " << this->TimeSeries << "\n";
  os << indent << "MaximumVoxels: " << this->MaximumVoxels << "\n";
  os << indent << "MaximumTimeSteps: " << this->MaximumTimeSteps << "\n";
  os << indent << "MaximumMemberMegabytes: " << this->MaximumMemberMegabytes << "\n";
  os << indent << "MaximumDownloadMegabytes: " << this->MaximumDownloadMegabytes << "\n";
  os << indent << "ConnectTimeout: " << this->ConnectTimeout << "\n";
  os << indent << "StallTimeout: " << this->StallTimeout << "\n";
  os << indent << "DownloadTimeout: " << this->DownloadTimeout << "\n";
}
