/**
 * @class   GzipMemberStream
 * @brief   Inflates a gzip-compressed member (.nii.gz, .hdr.gz, .img.gz) on the fly with zlib.
 *
 * Only what is read is inflated, so a gzip bomb costs no more than the bytes the header
 * declares. Concatenated gzip members are read as one stream, as gzip itself does.
 */
#ifndef paravoxel_GzipMemberStream_h
#define paravoxel_GzipMemberStream_h

#include "MemberStream.h"
#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)

#include <memory>
#include <vector>

namespace paravoxel
{
class PARAVOXELREADERS_EXPORT GzipMemberStream : public MemberStream
{
public:
  explicit GzipMemberStream(std::unique_ptr<MemberStream> compressed);
  ~GzipMemberStream() override;

  std::int64_t Read(void* buffer, std::uint64_t count, std::string& error) override;

private:
  struct Internals;
  std::unique_ptr<MemberStream> Compressed;
  std::unique_ptr<Internals> Z;
};

} // namespace paravoxel

#endif
