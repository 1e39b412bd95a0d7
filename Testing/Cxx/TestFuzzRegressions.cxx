// Every input a fuzzer ever found a bug with (Testing/Data/Regressions, listed with the error it
// must now give in expected.tsv) is parsed again by the code that failed on it.
#include "AnalyzeHeader.h"
#include "AnalyzeVolumeIndex.h"
#include "MemberBuffer.h"
#include "SpmMatFile.h"
#include "ZipMemberStore.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace
{
std::vector<std::uint8_t> FileBytes(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// Runs the parser a fuzz target exercises; returns false with its error when it refuses.
bool Parse(const std::string& target, const std::vector<std::uint8_t>& bytes, std::string& error)
{
  if (target == "header")
  {
    paravoxel::AnalyzeHeader header;
    return header.Parse(bytes.data(), bytes.size(), error);
  }
  if (target == "spm_mat")
  {
    std::array<double, 16> affine;
    return paravoxel::SpmMatFile::Read(bytes.data(), bytes.size(), affine, error);
  }
  if (target == "zip_member")
  {
    auto buffer = std::make_shared<paravoxel::MemberBuffer>();
    if (!buffer->Allocate(bytes.size(), error))
    {
      return false;
    }
    std::copy(bytes.begin(), bytes.end(), buffer->GetData());
    auto store = paravoxel::ZipMemberStore::OpenBuffer(buffer, error);
    if (!store)
    {
      return false;
    }
    // Every member read whole and verified, within the fuzz target's 1 MiB: the first refusal.
    for (const auto& name : store->GetMemberNames())
    {
      paravoxel::MemberBuffer member;
      if (!paravoxel::AnalyzeVolumeIndex::ReadMember(*store, name, 4096, 1 << 20, member, error))
      {
        return false;
      }
    }
    return true;
  }
  error = "unknown fuzz target " + target;
  return false;
}
}

TEST(FuzzRegressions, EveryFindingNowEndsInItsExpectedError)
{
  const std::string folder = PARAVOXEL_REGRESSIONS;
  std::ifstream list(folder + "/expected.tsv");
  ASSERT_TRUE(list.good());
  std::string line;
  int checked = 0;
  while (std::getline(list, line))
  {
    std::istringstream fields(line);
    std::string file, target, expected;
    std::getline(fields, file, '\t');
    std::getline(fields, target, '\t');
    std::getline(fields, expected);
    const auto bytes = FileBytes(folder + "/" + file);
    ASSERT_FALSE(bytes.empty()) << file;
    std::string error;
    EXPECT_FALSE(Parse(target, bytes, error)) << file;
    EXPECT_NE(error.find(expected), std::string::npos) << file << ": " << error;
    ++checked;
  }
  EXPECT_GE(checked, 1);
}
