#include "AnalyzeArchive.h"

#include "DiskMemberStore.h"
#include "MemberBuffer.h"
#include "ZipMemberStore.h"
#include "vtkAlgorithm.h"
#include "vtkErrorCode.h"
#include "vtkMultiProcessController.h"

#include <cstdint>
#include <filesystem>

namespace paravoxel
{
namespace
{
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

void AnalyzeArchive::SetBuffer(std::shared_ptr<const MemberBuffer> buffer)
{
  this->Buffer = std::move(buffer);
}

std::string AnalyzeArchive::GetIdentity(const std::string& fileName) const
{
  if (this->Buffer)
  {
    return "buffer " + std::to_string(reinterpret_cast<std::uintptr_t>(this->Buffer.get()));
  }
  return fileName;
}

void AnalyzeArchive::Close()
{
  this->Store.reset();
  this->StoreKey.clear();
}

bool AnalyzeArchive::Open(const std::string& fileName, const ArchiveDownloader::Limits& limits,
  vtkAlgorithm* reader, std::string& error, unsigned long& errorCode, bool& changed)
{
  const std::string previousKey = this->StoreKey;
  changed = false;
  bool opened = false;
  if (this->Buffer)
  {
    opened = this->OpenBuffer(error, errorCode);
  }
  else if (fileName.empty())
  {
    this->Store.reset();
    error = "No FileName: set it to a .zip archive, its URL or a .hdr/.img/.nii file";
    errorCode = vtkErrorCode::NoFileNameError;
    return false;
  }
  else if (ArchiveDownloader::IsUrl(fileName))
  {
    opened = this->OpenUrl(fileName, limits, reader, error, errorCode);
  }
  else if (!ArchiveDownloader::GetScheme(fileName).empty())
  {
    this->Store.reset();
    this->Source = "'" + ArchiveDownloader::Redact(fileName) + "'";
    error = ArchiveDownloader::GetScheme(fileName) == "file"
      ? "file:// URLs are not read; give the file's path instead"
      : "'" + ArchiveDownloader::GetScheme(fileName) +
        "://' URLs are not supported; ParaVoxel downloads http:// and https:// only";
    errorCode = vtkErrorCode::CannotOpenFileError;
    return false;
  }
  else
  {
    opened = this->OpenFile(fileName, error, errorCode);
    if (!opened)
    {
      this->Close();
    }
  }
  changed = opened && (this->StoreKey.empty() || this->StoreKey != previousKey);
  return opened;
}

bool AnalyzeArchive::OpenBuffer(std::string& error, unsigned long& errorCode)
{
  this->Source = "archive in memory (" + std::to_string(this->Buffer->GetSize()) + " bytes)";
  const std::string key = this->GetIdentity(std::string());
  if (this->Store && key == this->StoreKey)
  {
    return true;
  }
  this->StoreKey.clear();
  if (!this->OpenZip(ZipMemberStore::OpenBuffer(this->Buffer, error), key))
  {
    errorCode = vtkErrorCode::UnrecognizedFileTypeError;
    return false;
  }
  return true;
}

bool AnalyzeArchive::OpenUrl(const std::string& url, const ArchiveDownloader::Limits& limits,
  vtkAlgorithm* reader, std::string& error, unsigned long& errorCode)
{
  this->Source = "archive '" + ArchiveDownloader::Redact(url) + "'";
  const std::string key = "url " + url;
  if (this->Store && key == this->StoreKey)
  {
    return true;
  }
  this->Close();
  if (!this->Downloaded || this->DownloadedUrl != url)
  {
    this->Downloaded.reset();
    reader->SetProgressText("Downloading");
    // Under MPI, process 0 downloads and the others receive its bytes: one transfer.
    this->Downloaded = ArchiveDownloader::DownloadOnce(
      url, limits,
      [reader](double fraction)
      {
        reader->UpdateProgress(fraction);
        return !reader->GetAbortExecute();
      },
      vtkMultiProcessController::GetGlobalController(), error);
    reader->SetProgressText(nullptr);
    if (!this->Downloaded)
    {
      errorCode = vtkErrorCode::CannotOpenFileError;
      return false;
    }
    this->DownloadedUrl = url;
  }
  if (!this->OpenZip(ZipMemberStore::OpenBuffer(this->Downloaded, error), key))
  {
    errorCode = vtkErrorCode::UnrecognizedFileTypeError;
    return false;
  }
  return true;
}

bool AnalyzeArchive::OpenFile(
  const std::string& fileName, std::string& error, unsigned long& errorCode)
{
  namespace fs = std::filesystem;
  const bool plainFile = AnalyzeVolumeIndex::IsVolumeName(fileName);
  this->Source = (plainFile ? "file '" : "archive '") + fileName + "'";
  std::error_code ec;
  const fs::file_status status = fs::status(fileName, ec);
  if (!fs::exists(status))
  {
    error = "no such file";
    errorCode = vtkErrorCode::FileNotFoundError;
    return false;
  }
  if (!fs::is_regular_file(status))
  {
    // Refused before anything is read: a FIFO would block, a device never ends.
    error = "it is " + FileTypeName(status.type()) + ", not a regular file";
    errorCode = vtkErrorCode::CannotOpenFileError;
    return false;
  }
  if (plainFile)
  {
    this->StoreKey.clear();
    this->Store = DiskMemberStore::OpenFolderOf(fileName, error);
    if (!this->Store)
    {
      errorCode = vtkErrorCode::CannotOpenFileError;
      return false;
    }
    this->Index.Build(*this->Store);
    return true;
  }
  const auto size = fs::file_size(fileName, ec);
  const auto modified = fs::last_write_time(fileName, ec).time_since_epoch().count();
  if (size == 0)
  {
    error = "the file is empty, not a zip archive";
    errorCode = vtkErrorCode::UnrecognizedFileTypeError;
    return false;
  }
  const std::string key =
    "file " + fileName + " " + std::to_string(size) + " " + std::to_string(modified);
  if (this->Store && key == this->StoreKey)
  {
    return true;
  }
  this->StoreKey.clear();
  if (!this->OpenZip(ZipMemberStore::OpenFile(fileName, error), key))
  {
    errorCode = vtkErrorCode::UnrecognizedFileTypeError;
    return false;
  }
  return true;
}

bool AnalyzeArchive::OpenZip(std::unique_ptr<MemberStore> store, const std::string& key)
{
  this->Store = std::move(store);
  if (!this->Store)
  {
    return false;
  }
  this->Index.Build(*this->Store);
  this->StoreKey = key;
  return true;
}
} // namespace paravoxel
