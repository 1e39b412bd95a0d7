/**
 * @class   MemberStream
 * @brief   Sequential read access to one member of an archive or folder.
 *
 * The index reads headers through this interface: only the bytes needed are inflated, and
 * nothing is written to disk. Voxels are read whole and verified instead
 * (MemberStore::ReadMember).
 */
#ifndef paravoxel_MemberStream_h
#define paravoxel_MemberStream_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)
#include <cstdint>
#include <functional>
#include <string>

namespace paravoxel
{
class PARAVOXELREADERS_EXPORT MemberStream
{
public:
  virtual ~MemberStream() = default;

  /**
   * Read up to `count` bytes. Returns the number read (0 at the end of the member), or -1 with
   * `error` set when the member cannot be read (corrupt data, I/O error).
   */
  virtual std::int64_t Read(void* buffer, std::uint64_t count, std::string& error) = 0;

  /**
   * Read exactly `count` bytes into `buffer`, reporting progress as a fraction of `count`.
   * Returns false with `error` set on a read error or when the member ends early (then
   * `error` says how many bytes it held).
   */
  bool ReadFully(void* buffer, std::uint64_t count, std::string& error,
    const std::function<void(double)>& progress = nullptr);
};

} // namespace paravoxel

#endif
