/**
 * @class   AnalyzeVolumeIndex
 * @brief   Finds the readable volumes among the members of a store: pairs each Analyze/NIfTI
 *          `.hdr` with its `.img`, takes `.nii` files alone, and reads and validates each header.
 *
 * Members that are not images (READMEs, SPM `.mat` files, junk that merely carries an image
 * extension) are left out of the list, with the reason kept for messages; when a user names one
 * explicitly, Resolve() says precisely why it cannot be read.
 *
 * Pairing follows the names as written: a header's image has the same stem, the same case
 * (`V.hdr` takes `V.IMG` before `v.img`), then the same compression; a stem differing only in
 * case is the last resort. Partners are found through a map, so indexing is linear in the number
 * of members. Headers of pairs are read whole and checked against the archive's CRC-32; the header
 * of a single `.nii` is read from the member's first bytes, and checked with the rest of the
 * member when the voxels are read (Volume::HeaderChecksum).
 */
#ifndef paravoxel_AnalyzeVolumeIndex_h
#define paravoxel_AnalyzeVolumeIndex_h

#include "AnalyzeHeader.h"
#include "MemberStore.h"
#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace paravoxel
{
class MemberBuffer;
class PARAVOXELREADERS_EXPORT AnalyzeVolumeIndex
{
public:
  struct Volume
  {
    std::string HeaderMember; // the .hdr or .nii member: the volume's name
    std::string ImageMember;  // where the voxels are (the .nii itself for single files)
    AnalyzeHeader Header;
    // CRC-32 of the header bytes parsed, for a header read from a stream (single files): the
    // voxels' read checks the verified member's first bytes against it.
    std::uint32_t HeaderChecksum = 0;
  };

  /** Index every readable volume of `store`, in member order. The store must outlive the index. */
  void Build(MemberStore& store);

  const std::vector<Volume>& GetVolumes() const { return this->Volumes; }

  /**
   * Why members with a volume's name are not in the list ("header 'v.hdr': dim[0] is 0..."),
   * each reason once, in member order.
   */
  const std::vector<std::string>& GetRefusals() const { return this->Refusals; }

  /**
   * The volume that `name` (a .hdr, .img or .nii member, or a gzip form) designates. Returns
   * false with `error` naming the member and the problem (no such member, header without image
   * or the reverse, a header that does not parse).
   */
  bool Resolve(const std::string& name, Volume& volume, std::string& error) const;

  /**
   * A member's whole content, verified: the archive's CRC-32, and for a `.gz` member the gzip
   * trailers of the inflated bytes. Room for `expectedSize` bytes is made first (what the header
   * declares); nothing larger than `maximumSize` is accepted.
   */
  static bool ReadMember(MemberStore& store, const std::string& name, std::uint64_t expectedSize,
    std::uint64_t maximumSize, MemberBuffer& out, std::string& error);

  /** True when `name` ends in `.gz` (any case). */
  static bool IsGzipped(const std::string& name);

  /** True when `name` has a volume's extension: .hdr, .img, .nii or their .gz forms. */
  static bool IsVolumeName(const std::string& name);

  /** The SPM `.mat` sidecar of a header member (same stem, any case), or "" if there is none. */
  std::string FindMatSidecar(const std::string& headerMember) const;

  /** The first member whose name is `name` in any case (for sidecars), or "" if there is none. */
  std::string FindMemberIgnoringCase(const std::string& name) const;

private:
  std::string FindPartner(const std::string& member, bool wantImage) const;
  bool ReadHeader(const std::string& member, bool single, Volume& volume, std::string& error) const;

  MemberStore* Store = nullptr;
  std::vector<Volume> Volumes;
  std::vector<std::string> Refusals;
  // Headers and images by lower-case stem, in member order.
  std::unordered_map<std::string, std::vector<std::string>> Headers;
  std::unordered_map<std::string, std::vector<std::string>> Images;
  std::unordered_map<std::string, std::string> MemberOfLowerName; // the first, for sidecars
};

} // namespace paravoxel

#endif
