#include "DiskMemberStore.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace paravoxel
{
namespace fs = std::filesystem;

namespace
{
class FileMemberStream : public MemberStream
{
public:
  explicit FileMemberStream(std::FILE* file)
    : File(file)
  {
  }
  ~FileMemberStream() override { std::fclose(this->File); }

  std::int64_t Read(void* buffer, std::uint64_t count, std::string& error) override
  {
    const std::size_t got = std::fread(buffer, 1, count, this->File);
    if (got < count && std::ferror(this->File))
    {
      error = std::strerror(errno);
      return -1;
    }
    return static_cast<std::int64_t>(got);
  }

private:
  std::FILE* File;
};
}

std::unique_ptr<DiskMemberStore> DiskMemberStore::OpenFolderOf(
  const std::string& path, std::string& error)
{
  std::error_code ec;
  const fs::path file(path);
  if (!fs::is_regular_file(file, ec))
  {
    error = ec ? ec.message() : "no such file";
    return nullptr;
  }
  std::unique_ptr<DiskMemberStore> store(new DiskMemberStore);
  store->Folder = file.has_parent_path() ? file.parent_path().string() : ".";
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(store->Folder, ec))
  {
    std::error_code typeError;
    if (entry.is_regular_file(typeError))
    {
      names.push_back(entry.path().filename().string());
    }
  }
  if (ec)
  {
    error = "cannot list its folder (" + ec.message() + ")";
    return nullptr;
  }
  std::sort(names.begin(), names.end());
  for (const auto& name : names)
  {
    store->AddMember(name, 0);
  }
  return store;
}

bool DiskMemberStore::GetMemberSize(
  const std::string& name, std::uint64_t& size, std::string& error)
{
  std::error_code ec;
  size = fs::file_size(fs::path(this->Folder) / name, ec);
  if (ec)
  {
    error = ec.message();
    return false;
  }
  return true;
}

std::unique_ptr<MemberStream> DiskMemberStore::OpenMember(
  const std::string& name, std::string& error)
{
  const std::string path = (fs::path(this->Folder) / name).string();
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file)
  {
    error = std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<MemberStream>(new FileMemberStream(file));
}
} // namespace paravoxel
