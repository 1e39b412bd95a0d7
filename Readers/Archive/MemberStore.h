/**
 * @class   MemberStore
 * @brief   Where the reader finds its members: a zip archive (file or memory) or a folder.
 *
 * Three ways in: ReadMember() gives a member's whole content, verified against the archive's
 * CRC-32 (what voxels, headers of pairs and sidecars are read with); OpenMember() a stream over
 * its first bytes (what the index reads the headers of single .nii files with, without
 * inflating their voxels; those bytes are verified later, when the volume is read); and
 * OpenVerifiedMember() a stream verified as it goes (what one volume of a member too large to
 * hold whole is read with, see MemberRangeReader).
 */
#ifndef paravoxel_MemberStore_h
#define paravoxel_MemberStore_h

#include "MemberStream.h"
#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace paravoxel
{
class MemberBuffer;
class PARAVOXELREADERS_EXPORT MemberStore
{
public:
  virtual ~MemberStore() = default;

  /** Member names in archive (or sorted folder) order, with '/' separating folders. */
  const std::vector<std::string>& GetMemberNames() const { return this->Names; }

  /** True when `name` is a member. */
  bool HasMember(const std::string& name) const;

  /**
   * The member's size after decompression, as the archive directory or the file system
   * records it, so that sizes can be checked before anything is inflated or allocated.
   */
  virtual bool GetMemberSize(const std::string& name, std::uint64_t& size, std::string& error) = 0;

  /**
   * The member's whole content into `out`, the archive's own compression undone and its
   * CRC-32 checked (a gzip member is returned still gzipped). Members larger than
   * `maximumSize` are refused before anything is read. Returns false with `error` set.
   *
   * This one reads the member's stream, as it is: right for plain files, which carry no
   * checksum (gzip ones are checked by their own trailers); an archive that records one
   * overrides it to check it.
   */
  virtual bool ReadMember(
    const std::string& name, std::uint64_t maximumSize, MemberBuffer& out, std::string& error);

  /** A stream over the member's (decompressed) bytes, or null with `error` set. */
  virtual std::unique_ptr<MemberStream> OpenMember(const std::string& name, std::string& error) = 0;

  /**
   * A stream over the member's bytes that verifies them as ReadMember() does, as they are read:
   * the read that reaches the member's end fails when they are not what the archive records.
   * For a part of a member too large to hold whole. Members larger than `maximumSize` are
   * refused before anything is read. As ReadMember(), this one is for plain files (no checksum);
   * an archive that records one overrides it.
   */
  virtual std::unique_ptr<MemberStream> OpenVerifiedMember(
    const std::string& name, std::uint64_t maximumSize, std::string& error);

protected:
  /** Record a member; a name seen before is not added again. Returns false for a repeat. */
  bool AddMember(const std::string& name, std::uint64_t position);

  /** The position recorded for `name`, or false with `error` saying there is no such member. */
  bool FindMember(const std::string& name, std::uint64_t& position, std::string& error) const;

private:
  // OpenMember() after checking the member's `size` against `maximumSize`.
  std::unique_ptr<MemberStream> OpenSizedMember(
    const std::string& name, std::uint64_t maximumSize, std::uint64_t& size, std::string& error);

  std::vector<std::string> Names;
  std::unordered_map<std::string, std::uint64_t> PositionOfName;
};

} // namespace paravoxel

#endif
