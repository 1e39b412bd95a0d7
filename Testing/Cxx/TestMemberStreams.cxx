// Unit tests of the member layer: gzip inflation (whole, truncated, concatenated, padded), zip
// archives opened from memory buffers and files, and members verified as they stream by.
#include "AnalyzeVolumeIndex.h"
#include "ChecksummedMemberStream.h"
#include "DiskMemberStore.h"
#include "GzipMemberStream.h"
#include "MemberBuffer.h"
#include "MemberRangeReader.h"
#include "VerifiedInflater.h"
#include "ZipMemberStore.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <numeric>
#include <vector>

namespace
{
// A member held in memory, served in small pieces to exercise the streaming paths.
class BufferStream : public paravoxel::MemberStream
{
public:
  explicit BufferStream(std::vector<std::uint8_t> bytes)
    : Bytes(std::move(bytes))
  {
  }
  std::int64_t Read(void* buffer, std::uint64_t count, std::string&) override
  {
    const std::uint64_t n =
      std::min<std::uint64_t>({ count, 1000, this->Bytes.size() - this->Position });
    std::copy_n(this->Bytes.begin() + this->Position, n, static_cast<std::uint8_t*>(buffer));
    this->Position += n;
    return static_cast<std::int64_t>(n);
  }

private:
  std::vector<std::uint8_t> Bytes;
  std::size_t Position = 0;
};

std::vector<std::uint8_t> Gzip(const std::vector<std::uint8_t>& data)
{
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<std::uint8_t> out(deflateBound(&z, data.size()) + 32);
  z.next_in = const_cast<Bytef*>(data.data());
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::vector<std::uint8_t> Pattern(std::size_t n)
{
  std::vector<std::uint8_t> data(n);
  for (std::size_t i = 0; i < n; ++i)
  {
    data[i] = static_cast<std::uint8_t>((i * 7919) >> 3);
  }
  return data;
}

std::vector<std::uint8_t> ReadAll(paravoxel::MemberStream& stream, std::string& error, bool& ok)
{
  std::vector<std::uint8_t> out;
  std::uint8_t chunk[4096];
  ok = true;
  for (;;)
  {
    const std::int64_t got = stream.Read(chunk, sizeof(chunk), error);
    if (got < 0)
    {
      ok = false;
      return out;
    }
    if (got == 0)
    {
      return out;
    }
    out.insert(out.end(), chunk, chunk + got);
  }
}

std::vector<std::uint8_t> FileBytes(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// Two gzip members one after the other, then `padding` zero bytes (which gzip ignores).
std::vector<std::uint8_t> TwoGzipMembers(
  const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b, std::size_t padding)
{
  auto gz = Gzip(a);
  const auto second = Gzip(b);
  gz.insert(gz.end(), second.begin(), second.end());
  gz.insert(gz.end(), padding, 0);
  return gz;
}

// An archive buffer as the reader keeps one.
std::shared_ptr<const paravoxel::MemberBuffer> BufferOf(const std::vector<std::uint8_t>& bytes)
{
  auto buffer = std::make_shared<paravoxel::MemberBuffer>();
  std::string error;
  EXPECT_TRUE(buffer->Allocate(bytes.size(), error)) << error;
  std::copy(bytes.begin(), bytes.end(), buffer->GetData());
  return buffer;
}

// InflateGzip on `gz`, room for `expected` bytes, at most `maximum`.
bool Gunzip(const std::vector<std::uint8_t>& gz, std::uint64_t expected, std::uint64_t maximum,
  std::vector<std::uint8_t>& out, std::string& error)
{
  paravoxel::MemberBuffer buffer;
  if (!paravoxel::VerifiedInflater::InflateGzip(
        gz.data(), gz.size(), expected, maximum, buffer, error))
  {
    return false;
  }
  out.assign(buffer.GetData(), buffer.GetData() + buffer.GetSize());
  return true;
}
}

TEST(VerifiedInflater, GzipMembersConcatenatedAndPadded)
{
  const auto a = Pattern(100000);
  const auto b = Pattern(7777);
  const auto gz = TwoGzipMembers(a, b, 512);
  auto expected = a;
  expected.insert(expected.end(), b.begin(), b.end());
  std::vector<std::uint8_t> out;
  std::string error;
  // Room for less than the data at first: the inflater grows up to the maximum.
  ASSERT_TRUE(Gunzip(gz, 1000, expected.size() * 2, out, error)) << error;
  EXPECT_EQ(out, expected);
  EXPECT_FALSE(Gunzip(gz, 1000, expected.size() - 1, out, error));
  EXPECT_NE(error.find("more than"), std::string::npos) << error;
}

TEST(VerifiedInflater, GzipTrailersAreChecked)
{
  const auto data = Pattern(50000);
  const auto good = Gzip(data);
  std::vector<std::uint8_t> out;
  std::string error;
  auto badCrc = good;
  badCrc[badCrc.size() - 8] ^= 0x01;
  EXPECT_FALSE(Gunzip(badCrc, data.size(), data.size(), out, error));
  EXPECT_NE(error.find("gzip CRC-32 mismatch"), std::string::npos) << error;
  EXPECT_NE(error.find(paravoxel::VerifiedInflater::Hex(
              paravoxel::VerifiedInflater::Crc32(data.data(), data.size()))),
    std::string::npos)
    << error;
  auto badSize = good;
  badSize[badSize.size() - 4] ^= 0x01;
  EXPECT_FALSE(Gunzip(badSize, data.size(), data.size() * 2, out, error));
  EXPECT_NE(error.find("ISIZE"), std::string::npos) << error;
  const std::vector<std::uint8_t> truncated(good.begin(), good.end() - 5);
  EXPECT_FALSE(Gunzip(truncated, data.size(), data.size(), out, error));
  EXPECT_NE(error.find("truncated"), std::string::npos) << error;
  auto garbage = good;
  garbage.push_back(0x42);
  EXPECT_FALSE(Gunzip(garbage, data.size(), data.size(), out, error));
  EXPECT_NE(error.find("neither another gzip member nor padding"), std::string::npos) << error;
  EXPECT_FALSE(Gunzip(Pattern(100), 10, 10, out, error));
  EXPECT_NE(error.find("not gzip data"), std::string::npos) << error;
}

TEST(VerifiedInflater, DeflateNeedsTheRecordedSize)
{
  const auto data = Pattern(40000);
  const auto gz = Gzip(data);
  // The raw DEFLATE stream inside the gzip member: after the 10-byte header, before the trailer.
  const std::vector<std::uint8_t> raw(gz.begin() + 10, gz.end() - 8);
  std::vector<std::uint8_t> out(data.size() + 1);
  std::string error;
  EXPECT_TRUE(paravoxel::VerifiedInflater::InflateDeflate(
    raw.data(), raw.size(), out.data(), data.size(), error))
    << error;
  EXPECT_TRUE(std::equal(data.begin(), data.end(), out.begin()));
  EXPECT_FALSE(paravoxel::VerifiedInflater::InflateDeflate(
    raw.data(), raw.size(), out.data(), data.size() - 1, error));
  EXPECT_NE(error.find("more than"), std::string::npos) << error;
  EXPECT_FALSE(paravoxel::VerifiedInflater::InflateDeflate(
    raw.data(), raw.size(), out.data(), data.size() + 1, error));
  EXPECT_NE(error.find("inflate to 40000 bytes"), std::string::npos) << error;
}

TEST(GzipMemberStream, InflatesWholeStream)
{
  const auto data = Pattern(300000);
  paravoxel::GzipMemberStream stream(std::make_unique<BufferStream>(Gzip(data)));
  std::string error;
  bool ok;
  EXPECT_EQ(ReadAll(stream, error, ok), data);
  EXPECT_TRUE(ok) << error;
}

TEST(GzipMemberStream, ReportsTruncation)
{
  auto gz = Gzip(Pattern(300000));
  gz.resize(gz.size() / 2);
  paravoxel::GzipMemberStream stream(std::make_unique<BufferStream>(gz));
  std::string error;
  bool ok;
  ReadAll(stream, error, ok);
  EXPECT_FALSE(ok);
  EXPECT_NE(error.find("truncated"), std::string::npos) << error;
}

TEST(GzipMemberStream, ReportsCorruption)
{
  auto gz = Gzip(Pattern(300000));
  for (std::size_t i = 100; i < 200; ++i)
  {
    gz[i] ^= 0xA5;
  }
  paravoxel::GzipMemberStream stream(std::make_unique<BufferStream>(gz));
  std::string error;
  bool ok;
  ReadAll(stream, error, ok);
  EXPECT_FALSE(ok);
  EXPECT_FALSE(error.empty());
}

TEST(GzipMemberStream, ConcatenatedMembersAndPadding)
{
  const auto a = Pattern(5000);
  const auto b = Pattern(7000);
  const auto gz = TwoGzipMembers(a, b, 64);
  paravoxel::GzipMemberStream stream(std::make_unique<BufferStream>(gz));
  std::string error;
  bool ok;
  auto expected = a;
  expected.insert(expected.end(), b.begin(), b.end());
  EXPECT_EQ(ReadAll(stream, error, ok), expected);
  EXPECT_TRUE(ok) << error;
}

TEST(GzipMemberStream, InflatesOnlyWhatIsRead)
{
  // 64 MiB of zeros compress to ~64 KiB; reading 10 bytes and probing one more must not
  // inflate the rest (this would take noticeable time and memory otherwise).
  std::vector<std::uint8_t> zeros(std::size_t(64) << 20, 0);
  paravoxel::GzipMemberStream stream(std::make_unique<BufferStream>(Gzip(zeros)));
  std::string error;
  std::uint8_t first[10];
  ASSERT_TRUE(stream.ReadFully(first, sizeof(first), error)) << error;
  EXPECT_EQ(stream.Read(first, 1, error), 1);
}

TEST(MemberStream, ReadFullyReportsShortMembers)
{
  BufferStream stream(Pattern(100));
  std::vector<std::uint8_t> out(150);
  std::string error;
  EXPECT_FALSE(stream.ReadFully(out.data(), out.size(), error));
  EXPECT_NE(error.find("after 100 of the 150 bytes"), std::string::npos) << error;
}

TEST(ZipMemberStore, OpensArchivesFromMemoryLikeFiles)
{
  const std::string path = std::string(PARAVOXEL_TEST_DATA) + "/mixed_members.zip";
  std::string error;
  auto fromFile = paravoxel::ZipMemberStore::OpenFile(path, error);
  ASSERT_TRUE(fromFile) << error;
  auto bytes = BufferOf(FileBytes(path));
  auto fromMemory = paravoxel::ZipMemberStore::OpenBuffer(bytes, error);
  ASSERT_TRUE(fromMemory) << error;
  EXPECT_EQ(fromFile->GetMemberNames(), fromMemory->GetMemberNames());

  paravoxel::AnalyzeVolumeIndex index;
  index.Build(*fromMemory);
  ASSERT_EQ(index.GetVolumes().size(), 1u);
  EXPECT_EQ(index.GetVolumes()[0].ImageMember, "attention/structural/nsM00587_0002.img");

  std::uint64_t size = 0;
  ASSERT_TRUE(fromMemory->GetMemberSize("attention/structural/nsM00587_0002.img", size, error));
  EXPECT_EQ(size, 91u * 109u * 91u * 2u);
}

TEST(ZipMemberStore, RefusesWhatIsNotAZip)
{
  std::string error;
  auto junk = BufferOf(Pattern(5000));
  EXPECT_FALSE(paravoxel::ZipMemberStore::OpenBuffer(junk, error));
  EXPECT_NE(error.find("not a readable zip archive"), std::string::npos) << error;
  auto empty = BufferOf({});
  EXPECT_FALSE(paravoxel::ZipMemberStore::OpenBuffer(empty, error));
  EXPECT_FALSE(paravoxel::ZipMemberStore::OpenFile(
    std::string(PARAVOXEL_TEST_DATA) + "/bad_truncated.zip", error));
}

namespace
{
// A ChecksummedMemberStream over `bytes` expecting `crc` and `size`, read to its end.
bool ReadChecked(
  const std::vector<std::uint8_t>& bytes, std::uint32_t crc, std::uint64_t size, std::string& error)
{
  paravoxel::ChecksummedMemberStream stream(
    std::unique_ptr<paravoxel::MemberStream>(new BufferStream(bytes)), crc, size);
  bool ok = false;
  ReadAll(stream, error, ok);
  return ok;
}
}

TEST(ChecksummedMemberStream, ChecksTheRecordedCrcAndSizeAtTheEnd)
{
  const std::vector<std::uint8_t> bytes = Pattern(10000);
  const std::uint32_t crc = paravoxel::VerifiedInflater::Crc32(bytes.data(), bytes.size());
  std::string error;
  EXPECT_TRUE(ReadChecked(bytes, crc, bytes.size(), error)) << error;
  EXPECT_FALSE(ReadChecked(bytes, crc ^ 1, bytes.size(), error));
  EXPECT_EQ(error.rfind("CRC-32 mismatch: the archive's directory records", 0), 0u) << error;
  EXPECT_FALSE(ReadChecked(bytes, crc, 15000, error));
  EXPECT_NE(error.find("holds 10000 bytes, but the archive records 15000"), std::string::npos)
    << error;
  EXPECT_FALSE(ReadChecked(bytes, crc, 5000, error));
  EXPECT_NE(error.find("more than"), std::string::npos) << error;
}

class MemberRangeReaderTest : public ::testing::Test
{
protected:
  void SetUp() override
  {
    this->Folder = std::filesystem::temp_directory_path() /
      ("paravoxel_range_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    std::filesystem::create_directories(this->Folder);
    this->Write("m.nii", this->Content);
    this->Write("m.nii.gz", Gzip(this->Content));
  }
  void TearDown() override { std::filesystem::remove_all(this->Folder); }

  void Write(const std::string& name, const std::vector<std::uint8_t>& bytes)
  {
    std::ofstream(this->Folder / name, std::ios::binary)
      .write(
        reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }

  bool Read(const std::string& name, const paravoxel::MemberRangeReader::Request& request,
    std::vector<std::uint8_t>& range, std::vector<std::uint8_t>& prefix, std::uint64_t& size,
    std::string& error)
  {
    auto store = paravoxel::DiskMemberStore::OpenFolderOf((this->Folder / name).string(), error);
    EXPECT_TRUE(store) << error;
    paravoxel::MemberBuffer buffer;
    const bool read = paravoxel::MemberRangeReader::Read(
      *store, name, request, this->Content.size(), buffer, prefix, size, error);
    range.assign(buffer.GetData(), buffer.GetData() + (read ? buffer.GetSize() : 0));
    return read;
  }

  std::filesystem::path Folder;
  const std::vector<std::uint8_t> Content = Pattern(3000000);
};

TEST_F(MemberRangeReaderTest, KeepsTheRangeAndThePrefixOfPlainAndGzipMembers)
{
  for (const std::string name : { "m.nii", "m.nii.gz" })
  {
    std::vector<std::uint8_t> range, prefix;
    std::uint64_t size = 0;
    std::string error;
    ASSERT_TRUE(Read(name, { 1234567, 100000, 348, 4000000 }, range, prefix, size, error))
      << name << ": " << error;
    EXPECT_EQ(size, this->Content.size()) << name;
    EXPECT_TRUE(std::equal(range.begin(), range.end(), this->Content.begin() + 1234567)) << name;
    ASSERT_EQ(prefix.size(), 348u) << name;
    EXPECT_TRUE(std::equal(prefix.begin(), prefix.end(), this->Content.begin())) << name;
  }
}

TEST_F(MemberRangeReaderTest, RefusesCorruptOrOversizedMembers)
{
  std::vector<std::uint8_t> range, prefix;
  std::uint64_t size = 0;
  std::string error;
  EXPECT_FALSE(Read("m.nii.gz", { 0, 100, 0, 2000000 }, range, prefix, size, error));
  EXPECT_NE(error.find("more than 2000000 bytes"), std::string::npos) << error;
  std::vector<std::uint8_t> gz = Gzip(this->Content);
  gz[gz.size() - 6] ^= 1; // the trailer's CRC-32
  this->Write("m.nii.gz", gz);
  EXPECT_FALSE(Read("m.nii.gz", { 0, 100, 0, 4000000 }, range, prefix, size, error));
  EXPECT_NE(error.find("corrupt gzip data"), std::string::npos) << error;
}
