/**
 * @class   ZipMemberStore
 * @brief   Members of a zip archive, opened with libzip from a file or from a memory buffer.
 *
 * Nothing is extracted to disk. Archives are opened from their central directory alone, without
 * libzip's ZIP_CHECKCONS pass, which reads every member's local header up front (1.3 s of the
 * 1.8 s it took to open an archive of 100,000 members): a truncated archive is still refused
 * when its directory cannot be found, and what a member holds is checked when it is read.
 * ReadMember() takes a stored or
 * deflated member's raw bytes from libzip and inflates them in one call with libdeflate (other
 * methods libzip supports are inflated by libzip), then checks the CRC-32 of every byte against
 * the archive's directory. OpenMember() streams a member through libzip, for headers;
 * OpenVerifiedMember() does too and checks the CRC-32 as the bytes go by, for reading one part
 * of a member too large to hold whole.
 */
#ifndef paravoxel_ZipMemberStore_h
#define paravoxel_ZipMemberStore_h

#include "MemberStore.h"
#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct zip;
struct zip_stat;

namespace paravoxel
{
class MemberBuffer;
class PARAVOXELREADERS_EXPORT ZipMemberStore : public MemberStore
{
public:
  /** Open an archive on disk. Returns null with `error` set when it is not a usable zip. */
  static std::unique_ptr<ZipMemberStore> OpenFile(const std::string& path, std::string& error);

  /** Open an archive held in memory; the store keeps `bytes` alive. */
  static std::unique_ptr<ZipMemberStore> OpenBuffer(
    std::shared_ptr<const MemberBuffer> bytes, std::string& error);

  ~ZipMemberStore() override;

  bool GetMemberSize(const std::string& name, std::uint64_t& size, std::string& error) override;
  bool ReadMember(const std::string& name, std::uint64_t maximumSize, MemberBuffer& out,
    std::string& error) override;
  std::unique_ptr<MemberStream> OpenMember(const std::string& name, std::string& error) override;
  /** Inflated by libzip as it is read, its CRC-32 and size checked by a ChecksummedMemberStream. */
  std::unique_ptr<MemberStream> OpenVerifiedMember(
    const std::string& name, std::uint64_t maximumSize, std::string& error) override;

private:
  // Whether a member of directory entry `stat` can be read in full (method, encryption, sizes
  // that deflate can give), `error` saying why not.
  static bool CheckReadable(const zip_stat& stat, std::uint64_t maximumSize, std::string& error);
  ZipMemberStore() = default;
  bool Index(std::string& error);
  bool Stat(
    const std::string& name, std::uint64_t& index, struct zip_stat& stat, std::string& error);

  zip* Archive = nullptr;
  std::shared_ptr<const MemberBuffer> Buffer;
};

} // namespace paravoxel

#endif
