/**
 * @class   MemberRangeReader
 * @brief   Reads one byte range of a member (a volume of a 4D image) while streaming the whole
 *          member through its checks, so that memory is bounded by the range, not the member.
 *
 * Every byte of the member is read and verified (the archive's CRC-32 and size, and for a `.gz`
 * member its gzip trailers, as AnalyzeVolumeIndex::ReadMember does), in chunks that are
 * forgotten as soon as they are checked; only the range asked for, and the member's first bytes
 * (for checking a header read earlier), are kept. Nothing of the range is handed out unless the
 * whole member verifies. Slower than reading the member whole with libdeflate (zlib inflates as
 * it streams), hence for members much larger than the part wanted.
 */
#ifndef paravoxel_MemberRangeReader_h
#define paravoxel_MemberRangeReader_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests use this class)

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace paravoxel
{
class MemberStore;
class MemberBuffer;
class PARAVOXELREADERS_EXPORT MemberRangeReader
{
public:
  struct Request
  {
    std::uint64_t Offset;      // of the range, in the member's (inflated) content
    std::uint64_t Size;        // of the range
    std::uint64_t PrefixSize;  // the member's first bytes to keep as well
    std::uint64_t MaximumSize; // of the member's content: more is refused (a zip bomb)
  };

  /**
   * Read member `name` of `store` as `request` says: its range into `range` (room for
   * request.Size bytes, filled as far as the member reaches), its first bytes into `prefix`, and
   * the size of its whole content into `contentSize`. Returns false with `error` set when the
   * member cannot be read, does not verify or inflates past request.MaximumSize. `progress`
   * receives the fraction of `expectedSize` (the size the header declares) read.
   */
  static bool Read(MemberStore& store, const std::string& name, const Request& request,
    std::uint64_t expectedSize, MemberBuffer& range, std::vector<std::uint8_t>& prefix,
    std::uint64_t& contentSize, std::string& error,
    const std::function<void(double)>& progress = nullptr);
};

} // namespace paravoxel

#endif
