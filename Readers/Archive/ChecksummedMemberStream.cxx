#include "ChecksummedMemberStream.h"

#include "VerifiedInflater.h"

#include <libdeflate.h>

namespace paravoxel
{
ChecksummedMemberStream::ChecksummedMemberStream(
  std::unique_ptr<MemberStream> bytes, std::uint32_t crc32, std::uint64_t size)
  : Bytes(std::move(bytes))
  , RecordedCrc32(crc32)
  , RecordedSize(size)
{
}

std::int64_t ChecksummedMemberStream::Read(void* buffer, std::uint64_t count, std::string& error)
{
  const std::int64_t got = this->Bytes->Read(buffer, count, error);
  if (got < 0)
  {
    // A stream that checks the CRC-32 itself (libzip's) fails at the end with words of its own;
    // the checksums say more.
    if (this->Size == this->RecordedSize && this->Crc32 != this->RecordedCrc32)
    {
      error = VerifiedInflater::ArchiveCrcMismatch(this->RecordedCrc32, this->Crc32);
    }
    return got;
  }
  this->Crc32 = libdeflate_crc32(this->Crc32, buffer, static_cast<std::size_t>(got));
  this->Size += static_cast<std::uint64_t>(got);
  if (this->Size > this->RecordedSize || (got == 0 && this->Size < this->RecordedSize))
  {
    error = "it holds " + std::string(got == 0 ? "" : "more than ") + std::to_string(this->Size) +
      " bytes, but the archive records " + std::to_string(this->RecordedSize) +
      ": the archive is corrupt";
    return -1;
  }
  if (got == 0 && this->Crc32 != this->RecordedCrc32)
  {
    error = VerifiedInflater::ArchiveCrcMismatch(this->RecordedCrc32, this->Crc32);
    return -1;
  }
  return got;
}
} // namespace paravoxel
