#include "ZipMemberStore.h"

#include "ChecksummedMemberStream.h"
#include "MemberBuffer.h"
#include "VerifiedInflater.h"

#include <zip.h>

namespace paravoxel
{
namespace
{
std::string ZipErrorText(int code)
{
  if (code == ZIP_ER_EXISTS)
  {
    // libzip's own text ("File already exists") would send the user looking on disk.
    return "two members have the same name, so which one is meant is ambiguous";
  }
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

std::string MethodName(zip_int32_t method)
{
  switch (method)
  {
    case ZIP_CM_BZIP2:
      return "bzip2";
    case ZIP_CM_LZMA:
      return "LZMA";
    case ZIP_CM_XZ:
      return "xz";
    case 93: // ZIP_CM_ZSTD, named by libzip 1.8 and later
      return "Zstandard";
    case ZIP_CM_DEFLATE64:
      return "Deflate64";
    case ZIP_CM_IMPLODE:
      return "implode";
    case ZIP_CM_PPMD:
      return "PPMd";
    default:
      return "method " + std::to_string(method);
  }
}

class ZipMemberStream : public MemberStream
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

std::unique_ptr<ZipMemberStore> ZipMemberStore::OpenFile(
  const std::string& path, std::string& error)
{
  int code = 0;
  zip* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (!archive)
  {
    error = "not a readable zip archive (" + ZipErrorText(code) + ")";
    return nullptr;
  }
  std::unique_ptr<ZipMemberStore> store(new ZipMemberStore);
  store->Archive = archive;
  if (!store->Index(error))
  {
    return nullptr;
  }
  return store;
}

std::unique_ptr<ZipMemberStore> ZipMemberStore::OpenBuffer(
  std::shared_ptr<const MemberBuffer> bytes, std::string& error)
{
  if (!bytes || bytes->GetSize() == 0)
  {
    error = "the buffer is empty, not a zip archive";
    return nullptr;
  }
  zip_error_t zerror;
  zip_error_init(&zerror);
  zip_source_t* source = zip_source_buffer_create(bytes->GetData(), bytes->GetSize(), 0, &zerror);
  if (!source)
  {
    error = zip_error_strerror(&zerror);
    zip_error_fini(&zerror);
    return nullptr;
  }
  zip* archive = zip_open_from_source(source, ZIP_RDONLY, &zerror);
  if (!archive)
  {
    error = "not a readable zip archive (" + ZipErrorText(zip_error_code_zip(&zerror)) + ")";
    zip_error_fini(&zerror);
    zip_source_free(source);
    return nullptr;
  }
  zip_error_fini(&zerror);
  std::unique_ptr<ZipMemberStore> store(new ZipMemberStore);
  store->Archive = archive;
  store->Buffer = std::move(bytes);
  if (!store->Index(error))
  {
    return nullptr;
  }
  return store;
}

ZipMemberStore::~ZipMemberStore()
{
  if (this->Archive)
  {
    zip_discard(this->Archive);
  }
}

bool ZipMemberStore::Index(std::string& error)
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
    if (!this->AddMember(member, static_cast<std::uint64_t>(i)))
    {
      error = "not a readable zip archive (" + ZipErrorText(ZIP_ER_EXISTS) + ": '" + member + "')";
      return false;
    }
  }
  return true;
}

bool ZipMemberStore::Stat(
  const std::string& name, std::uint64_t& index, zip_stat_t& stat, std::string& error)
{
  if (!this->FindMember(name, index, error))
  {
    return false;
  }
  zip_stat_init(&stat);
  if (zip_stat_index(this->Archive, index, 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE))
  {
    error = std::string("cannot read its directory entry (") + zip_strerror(this->Archive) + ")";
    return false;
  }
  return true;
}

bool ZipMemberStore::GetMemberSize(const std::string& name, std::uint64_t& size, std::string& error)
{
  std::uint64_t index = 0;
  zip_stat_t stat;
  if (!this->Stat(name, index, stat, error))
  {
    return false;
  }
  size = stat.size;
  return true;
}

bool ZipMemberStore::CheckReadable(
  const zip_stat_t& stat, std::uint64_t maximumSize, std::string& error)
{
  const zip_uint64_t needed = ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
  if ((stat.valid & needed) != needed)
  {
    error = "its directory entry lacks its compressed size, method or CRC-32";
    return false;
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
  {
    error = "it is encrypted; ParaVoxel reads unencrypted archives only (extract it with the "
            "password first)";
    return false;
  }
  if (stat.size > maximumSize)
  {
    error = "the archive records " + std::to_string(stat.size) + " bytes for it, more than the " +
      std::to_string(maximumSize) + " bytes it may have";
    return false;
  }
  const bool raw = stat.comp_method == ZIP_CM_STORE || stat.comp_method == ZIP_CM_DEFLATE;
  if (!raw && !zip_compression_method_supported(stat.comp_method, 0))
  {
    error = "it is compressed with " + MethodName(stat.comp_method) +
      ", which this system's libzip cannot decompress (re-zip the archive with deflate)";
    return false;
  }
  if (stat.comp_method == ZIP_CM_STORE && stat.comp_size != stat.size)
  {
    error = "it is stored uncompressed, but the archive records " + std::to_string(stat.comp_size) +
      " stored bytes for its " + std::to_string(stat.size) + " bytes: the archive is corrupt";
    return false;
  }
  if (stat.comp_method == ZIP_CM_DEFLATE && stat.comp_size * 1032 + 1024 < stat.size)
  {
    // DEFLATE cannot compress better than about 1032:1.
    error = "the archive records " + std::to_string(stat.size) + " bytes for its " +
      std::to_string(stat.comp_size) +
      " compressed bytes, more than deflate can hold: the "
      "archive is corrupt";
    return false;
  }
  if (stat.comp_method == ZIP_CM_DEFLATE && stat.comp_size > stat.size + stat.size / 256 + 4096)
  {
    // Incompressible data grow by a few bytes per 64 KiB stored block in deflate, never more; a
    // directory claiming more would have us allocate (and read) what the archive does not hold.
    error = "the archive records " + std::to_string(stat.comp_size) + " compressed bytes for its " +
      std::to_string(stat.size) + " bytes, more than deflate ever makes: the archive is corrupt";
    return false;
  }
  return true;
}

bool ZipMemberStore::ReadMember(
  const std::string& name, std::uint64_t maximumSize, MemberBuffer& out, std::string& error)
{
  std::uint64_t index = 0;
  zip_stat_t stat;
  if (!this->Stat(name, index, stat, error) || !CheckReadable(stat, maximumSize, error) ||
    !out.Allocate(stat.size, error))
  {
    return false;
  }
  const bool raw = stat.comp_method == ZIP_CM_STORE || stat.comp_method == ZIP_CM_DEFLATE;
  zip_file_t* file = zip_fopen_index(this->Archive, index, raw ? ZIP_FL_COMPRESSED : 0);
  if (!file)
  {
    error = std::string("cannot open it (") + zip_strerror(this->Archive) + ")";
    return false;
  }
  ZipMemberStream stream(file);
  if (stat.comp_method == ZIP_CM_DEFLATE)
  {
    MemberBuffer compressed;
    if (!compressed.Allocate(stat.comp_size, error) ||
      !stream.ReadFully(compressed.GetData(), stat.comp_size, error) ||
      !VerifiedInflater::InflateDeflate(
        compressed.GetData(), stat.comp_size, out.GetData(), stat.size, error))
    {
      return false;
    }
  }
  else if (!stream.ReadFully(out.GetData(), stat.size, error))
  {
    return false;
  }
  const std::uint32_t actual = VerifiedInflater::Crc32(out.GetData(), stat.size);
  if (actual != stat.crc)
  {
    error = VerifiedInflater::ArchiveCrcMismatch(stat.crc, actual);
    return false;
  }
  return true;
}

std::unique_ptr<MemberStream> ZipMemberStore::OpenVerifiedMember(
  const std::string& name, std::uint64_t maximumSize, std::string& error)
{
  std::uint64_t index = 0;
  zip_stat_t stat;
  if (!this->Stat(name, index, stat, error) || !CheckReadable(stat, maximumSize, error))
  {
    return nullptr;
  }
  std::unique_ptr<MemberStream> stream = this->OpenMember(name, error);
  return stream ? std::unique_ptr<MemberStream>(
                    new ChecksummedMemberStream(std::move(stream), stat.crc, stat.size))
                : nullptr;
}

std::unique_ptr<MemberStream> ZipMemberStore::OpenMember(
  const std::string& name, std::string& error)
{
  std::uint64_t index = 0;
  if (!this->FindMember(name, index, error))
  {
    return nullptr;
  }
  zip_file_t* file = zip_fopen_index(this->Archive, index, 0);
  if (!file)
  {
    error = std::string("cannot open it (") + zip_strerror(this->Archive) + ")";
    return nullptr;
  }
  return std::unique_ptr<MemberStream>(new ZipMemberStream(file));
}
} // namespace paravoxel
