#include "vtkZipMemberStore.h"

#include <zip.h>

namespace
{
std::string ZipErrorText(int code)
{
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

class ZipMemberStream : public vtkAnalyzeMemberStream
{
public:
  explicit ZipMemberStream(zip_file_t* file)
    : File(file)
  {
  }
  ~ZipMemberStream() override { zip_fclose(this->File); }

  std::int64_t Read(void* buffer, std::uint64_t count, std::string& error) override
  {
    const zip_int64_t got = zip_fread(this->File, buffer, count);
    if (got < 0)
    {
      error = zip_error_strerror(zip_file_get_error(this->File));
      return -1;
    }
    return got;
  }

private:
  zip_file_t* File;
};
}

std::unique_ptr<vtkZipMemberStore> vtkZipMemberStore::OpenFile(
  const std::string& path, std::string& error)
{
  int code = 0;
  zip* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (!archive)
  {
    error = "not a readable zip archive (" + ZipErrorText(code) + ")";
    return nullptr;
  }
  std::unique_ptr<vtkZipMemberStore> store(new vtkZipMemberStore);
  store->Archive = archive;
  if (!store->Index(error))
  {
    return nullptr;
  }
  return store;
}

std::unique_ptr<vtkZipMemberStore> vtkZipMemberStore::OpenBuffer(
  std::shared_ptr<const std::vector<std::uint8_t>> bytes, std::string& error)
{
  if (!bytes || bytes->empty())
  {
    error = "the buffer is empty, not a zip archive";
    return nullptr;
  }
  zip_error_t zerror;
  zip_error_init(&zerror);
  zip_source_t* source = zip_source_buffer_create(bytes->data(), bytes->size(), 0, &zerror);
  if (!source)
  {
    error = zip_error_strerror(&zerror);
    zip_error_fini(&zerror);
    return nullptr;
  }
  zip* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &zerror);
  if (!archive)
  {
    error = std::string("not a readable zip archive (") + zip_error_strerror(&zerror) + ")";
    zip_error_fini(&zerror);
    zip_source_free(source);
    return nullptr;
  }
  zip_error_fini(&zerror);
  std::unique_ptr<vtkZipMemberStore> store(new vtkZipMemberStore);
  store->Archive = archive;
  store->Buffer = std::move(bytes);
  if (!store->Index(error))
  {
    return nullptr;
  }
  return store;
}

vtkZipMemberStore::~vtkZipMemberStore()
{
  if (this->Archive)
  {
    zip_discard(this->Archive);
  }
}

bool vtkZipMemberStore::Index(std::string& error)
{
  const zip_int64_t count = zip_get_num_entries(this->Archive, 0);
  if (count < 0)
  {
    error = "cannot list the archive's members";
    return false;
  }
  for (zip_int64_t i = 0; i < count; ++i)
  {
    const char* name = zip_get_name(this->Archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
    if (!name)
    {
      continue;
    }
    std::string member(name);
    if (member.empty() || member.back() == '/')
    {
      continue; // folder entry
    }
    if (this->IndexOfName.emplace(member, static_cast<std::uint64_t>(i)).second)
    {
      this->Names.push_back(member);
    }
  }
  return true;
}

bool vtkZipMemberStore::GetMemberSize(
  const std::string& name, std::uint64_t& size, std::string& error)
{
  auto it = this->IndexOfName.find(name);
  if (it == this->IndexOfName.end())
  {
    error = "no member named '" + name + "'";
    return false;
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(this->Archive, it->second, 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
  {
    error = std::string("cannot read its size (") + zip_strerror(this->Archive) + ")";
    return false;
  }
  size = stat.size;
  return true;
}

std::unique_ptr<vtkAnalyzeMemberStream> vtkZipMemberStore::OpenMember(
  const std::string& name, std::string& error)
{
  auto it = this->IndexOfName.find(name);
  if (it == this->IndexOfName.end())
  {
    error = "no member named '" + name + "'";
    return nullptr;
  }
  zip_file_t* file = zip_fopen_index(this->Archive, it->second, 0);
  if (!file)
  {
    error = std::string("cannot open it (") + zip_strerror(this->Archive) + ")";
    return nullptr;
  }
  return std::unique_ptr<vtkAnalyzeMemberStream>(new ZipMemberStream(file));
}
