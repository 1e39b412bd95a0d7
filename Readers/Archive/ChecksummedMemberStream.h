/**
 * @class   ChecksummedMemberStream
 * @brief   A member stream that checks, as its bytes go by, the CRC-32 and size an archive's
 *          directory records for the member.
 *
 * Nothing is kept: the checksum is updated on each Read(), and the read that reaches the end of
 * the member fails (returns -1 with the error) when the bytes do not give the recorded CRC-32 or
 * size. A reader that streams a member through this and reads it to its end has thus verified
 * every byte, without ever holding the whole member.
 */
#ifndef paravoxel_ChecksummedMemberStream_h
#define paravoxel_ChecksummedMemberStream_h

#include "MemberStream.h"
#include "ParaVoxelReadersModule.h" // for export macro (unit tests use this class)

#include <cstdint>
#include <memory>
#include <string>

namespace paravoxel
{
class PARAVOXELREADERS_EXPORT ChecksummedMemberStream : public MemberStream
{
public:
  ChecksummedMemberStream(
    std::unique_ptr<MemberStream> bytes, std::uint32_t crc32, std::uint64_t size);

  std::int64_t Read(void* buffer, std::uint64_t count, std::string& error) override;

private:
  std::unique_ptr<MemberStream> Bytes;
  std::uint32_t RecordedCrc32;
  std::uint64_t RecordedSize;
  std::uint32_t Crc32 = 0;
  std::uint64_t Size = 0;
};

} // namespace paravoxel

#endif
