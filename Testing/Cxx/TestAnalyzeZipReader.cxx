// The reader on every fixture archive: each bad_*.zip must end in an error and an empty output,
// every other archive must read all its volumes without one. This is the test the sanitizer and
// valgrind runs rely on to reach every error path in C++.
#include "MessageCollector.h"
#include "vtkAnalyzeZipReader.h"
#include "vtkErrorCode.h"
#include "vtkImageData.h"
#include "vtkNew.h"
#include "vtkStringArray.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace
{
// A reader of `path` whose errors and warnings are collected instead of printed.
struct ObservedReader
{
  explicit ObservedReader(const std::string& path)
  {
    this->Messages->Observe(this->Reader);
    this->Reader->SetFileName(path.c_str());
  }
  vtkNew<vtkAnalyzeZipReader> Reader;
  vtkNew<paravoxel_test::MessageCollector> Messages;
};

std::vector<std::string> Archives(bool bad)
{
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(PARAVOXEL_TEST_DATA))
  {
    const std::string name = entry.path().filename().string();
    // damaged_*: readable except for one time step (test_reader_integrity.py reads them).
    if (entry.path().extension() == ".zip" && name.rfind("damaged_", 0) != 0 &&
      (name.rfind("bad_", 0) == 0) == bad)
    {
      found.push_back(entry.path().string());
    }
  }
  return found;
}
}

TEST(AnalyzeZipReader, EveryMalformedArchiveEndsInAnErrorAndAnEmptyOutput)
{
  const auto archives = Archives(true);
  ASSERT_GE(archives.size(), 15u);
  for (const auto& path : archives)
  {
    ObservedReader observed(path);
    auto& reader = observed.Reader;
    auto& messages = observed.Messages;
    reader->Update();
    EXPECT_FALSE(messages->Errors.empty()) << path;
    if (!messages->Errors.empty())
    {
      EXPECT_NE(messages->Errors[0].find(path), std::string::npos) << messages->Errors[0];
    }
    EXPECT_EQ(reader->GetOutput()->GetNumberOfPoints(), 0) << path;
    EXPECT_NE(reader->GetErrorCode(), vtkErrorCode::NoError) << path;
  }
}

TEST(AnalyzeZipReader, ErrorCodesSayWhatFailedAndAGoodReadResetsThem)
{
  const std::string data = std::string(PARAVOXEL_TEST_DATA) + "/";
  const struct
  {
    std::string Path;
    unsigned long Code;
  } failures[] = {
    { data + "no_such_archive.zip", vtkErrorCode::FileNotFoundError },
    { data, vtkErrorCode::CannotOpenFileError }, // a folder
    { data + "bad_not_a_zip.zip", vtkErrorCode::UnrecognizedFileTypeError },
    { data + "bad_sizeof_hdr.zip", vtkErrorCode::FileFormatError },      // bad header
    { data + "bad_crc_header.zip", vtkErrorCode::FileFormatError },      // header's CRC-32
    { data + "bad_crc_deflated.zip", vtkErrorCode::FileFormatError },    // image's CRC-32
    { data + "bad_corrupt_deflate.zip", vtkErrorCode::FileFormatError }, // corrupt member
    { data + "bad_short_image.zip", vtkErrorCode::PrematureEndOfFileError },
  };
  ObservedReader observed(data + "analyze_stored.zip");
  auto& reader = observed.Reader;
  for (const auto& failure : failures)
  {
    // Each failure follows a good read, which must have cleared the previous code.
    reader->SetFileName(failure.Path.c_str());
    reader->Update();
    EXPECT_EQ(reader->GetErrorCode(), failure.Code) << failure.Path;
    EXPECT_EQ(reader->GetOutput()->GetNumberOfPoints(), 0) << failure.Path;
    reader->SetFileName((data + "analyze_stored.zip").c_str());
    reader->Update();
    EXPECT_EQ(reader->GetErrorCode(), vtkErrorCode::NoError) << "after " << failure.Path;
    EXPECT_GT(reader->GetOutput()->GetNumberOfPoints(), 0) << "after " << failure.Path;
  }
  reader->SetFileName(nullptr);
  reader->Update();
  EXPECT_EQ(reader->GetErrorCode(), vtkErrorCode::NoFileNameError);
}

TEST(AnalyzeZipReader, ADamagedTimeStepSetsAnErrorCodeAndTheNextStepClearsIt)
{
  ObservedReader observed(std::string(PARAVOXEL_TEST_DATA) + "/damaged_step_series.zip");
  auto& reader = observed.Reader;
  reader->TimeSeriesOn();
  reader->UpdateInformation();
  reader->UpdateTimeStep(1.0); // its member fails its CRC-32
  ASSERT_EQ(observed.Messages->Errors.size(), 1u);
  EXPECT_NE(observed.Messages->Errors[0].find("CRC-32 mismatch"), std::string::npos);
  EXPECT_EQ(reader->GetErrorCode(), vtkErrorCode::FileFormatError);
  EXPECT_EQ(reader->GetOutput()->GetNumberOfPoints(), 0);
  reader->UpdateTimeStep(0.0);
  EXPECT_EQ(observed.Messages->Errors.size(), 1u);
  EXPECT_EQ(reader->GetErrorCode(), vtkErrorCode::NoError);
  EXPECT_GT(reader->GetOutput()->GetNumberOfPoints(), 0);
}

TEST(AnalyzeZipReader, EveryVolumeOfTheValidArchivesReads)
{
  const auto archives = Archives(false);
  ASSERT_GE(archives.size(), 5u);
  int volumes = 0;
  for (const auto& path : archives)
  {
    ObservedReader observed(path);
    auto& reader = observed.Reader;
    auto& messages = observed.Messages;
    reader->UpdateInformation();
    std::vector<std::string> names;
    for (vtkIdType i = 0; i < reader->GetAvailableVolumes()->GetNumberOfValues(); ++i)
    {
      names.push_back(reader->GetAvailableVolumes()->GetValue(i));
    }
    EXPECT_FALSE(names.empty()) << path;
    for (const auto& name : names)
    {
      reader->SetVolume(name.c_str());
      reader->Update();
      EXPECT_TRUE(messages->Errors.empty()) << path << " " << name;
      EXPECT_GT(reader->GetOutput()->GetNumberOfPoints(), 0) << path << " " << name;
      EXPECT_STREQ(reader->GetCurrentVolume(), name.c_str());
      EXPECT_EQ(reader->GetErrorCode(), vtkErrorCode::NoError) << path << " " << name;
      ++volumes;
    }
  }
  EXPECT_GE(volumes, 30);
}
