// Unit tests of paravoxel::LabelTable (every sidecar format, every malformed case) and
// paravoxel::LabelSidecars (which members are sidecars, how they combine, what reaches the
// output), on sidecars written in the tests.
#include "AnalyzeVolumeIndex.h"
#include "DiskMemberStore.h"
#include "LabelSidecars.h"
#include "LabelTable.h"

#include "vtkDoubleArray.h"
#include "vtkFieldData.h"
#include "vtkInformation.h"
#include "vtkInformationIntegerVectorKey.h"
#include "vtkInformationStringVectorKey.h"
#include "vtkNew.h"
#include "vtkParaVoxelLabels.h"
#include "vtkStringArray.h"
#include "vtkUnsignedCharArray.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace
{
using paravoxel::LabelSidecars;
using paravoxel::LabelTable;
using Color = LabelTable::Color;

LabelTable Parse(const std::string& text, std::vector<std::string>& warnings)
{
  return LabelTable::ParseText(
    reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), warnings);
}

LabelTable ParseClean(const std::string& text)
{
  std::vector<std::string> warnings;
  LabelTable table = Parse(text, warnings);
  EXPECT_TRUE(warnings.empty()) << (warnings.empty() ? "" : warnings.front());
  return table;
}

// The table of `text`, which must give one warning, naming `line` and holding `words`.
LabelTable ExpectOneWarning(const std::string& text, int line, const std::string& words)
{
  std::vector<std::string> warnings;
  LabelTable table = Parse(text, warnings);
  EXPECT_EQ(warnings.size(), 1u) << text;
  if (!warnings.empty())
  {
    EXPECT_EQ(warnings[0].rfind("line " + std::to_string(line) + ": ", 0), 0u) << warnings[0];
    EXPECT_NE(warnings[0].find(words), std::string::npos) << warnings[0];
  }
  return table;
}

std::vector<std::uint8_t> Lut(std::size_t size)
{
  std::vector<std::uint8_t> bytes(size);
  for (std::size_t i = 0; i < size; ++i)
  {
    bytes[i] = static_cast<std::uint8_t>(i * 7 + i / 256);
  }
  return bytes;
}

TEST(LabelTable, MricronText)
{
  // As mricron-data's aal.nii.txt: CRLF, a code in the third column, a blank last line.
  const LabelTable table = ParseClean("1 Precentral_L 2001\r\n2 Precentral_R 2002\r\n"
                                      "116 Vermis_10 9170\r\n\r\n");
  EXPECT_EQ(table.GetNumberOfLabels(), 117u);
  EXPECT_EQ(table.GetNumberOfNamedLabels(), 3u);
  EXPECT_EQ(table.GetName(0), "");
  EXPECT_EQ(table.GetName(1), "Precentral_L");
  EXPECT_EQ(table.GetName(2), "Precentral_R");
  EXPECT_EQ(table.GetName(116), "Vermis_10");
  EXPECT_EQ(table.GetName(50), "");
  EXPECT_FALSE(table.HasColors());
  EXPECT_EQ(table.GetNames().size(), 117u);
}

TEST(LabelTable, MricronTextWithoutCodeAndComments)
{
  const LabelTable table = ParseClean("# regions\n0 Background\n  3   Three  \n");
  EXPECT_EQ(table.GetNumberOfLabels(), 4u);
  EXPECT_EQ(table.GetName(0), "Background");
  EXPECT_EQ(table.GetName(3), "Three");
}

TEST(LabelTable, FreeSurferColorTable)
{
  const LabelTable table = ParseClean("#$Id: FreeSurferColorLUT.txt\n"
                                      "#No. Label Name:    R   G   B   A\n"
                                      "0   Unknown          0   0   0   0\n"
                                      "2   Left-Cerebral-White-Matter 245 245 245 0\n"
                                      "17  Left-Hippocampus 220 216  20 0\n"
                                      "1000 ctx-lh-unknown  25   5  25\n");
  EXPECT_EQ(table.GetNumberOfLabels(), 1001u);
  EXPECT_EQ(table.GetName(17), "Left-Hippocampus");
  EXPECT_EQ(table.GetName(1000), "ctx-lh-unknown");
  bool known = false;
  EXPECT_EQ(table.GetColor(17, &known), (Color{ { 220, 216, 20 } }));
  EXPECT_TRUE(known);
  EXPECT_EQ(table.GetColor(1000), (Color{ { 25, 5, 25 } }));
  EXPECT_EQ(table.GetColor(5, &known), (Color{ { 0, 0, 0 } }));
  EXPECT_FALSE(known);
}

TEST(LabelTable, Tsv)
{
  // A header line, names with spaces, colours on some lines only.
  const LabelTable table = ParseClean("index\tname\tcolor\n"
                                      "1\tLeft hippocampus\t#FF8000\n"
                                      "2\tRight hippocampus\n"
                                      "4\tMiddle_cerebellar_peduncle\t#00ff7f\r\n");
  EXPECT_EQ(table.GetNumberOfLabels(), 5u);
  EXPECT_EQ(table.GetName(1), "Left hippocampus");
  EXPECT_EQ(table.GetName(2), "Right hippocampus");
  EXPECT_EQ(table.GetColor(1), (Color{ { 255, 128, 0 } }));
  EXPECT_EQ(table.GetColor(4), (Color{ { 0, 255, 127 } }));
  bool known = true;
  table.GetColor(2, &known);
  EXPECT_FALSE(known);
}

TEST(LabelTable, TsvAsJhu)
{
  // mricron-data's JHU tables: index TAB name, CRLF.
  const LabelTable table = ParseClean("0\tUnclassified\r\n1\tMiddle_cerebellar_peduncle\r\n");
  EXPECT_EQ(table.GetNumberOfLabels(), 2u);
  EXPECT_EQ(table.GetName(0), "Unclassified");
}

TEST(LabelTable, ByteOrderMarkAndUtf8Names)
{
  const LabelTable table = ParseClean("\xEF\xBB\xBF"
                                      "1 G\xC3\xA9nou\n2 \xE6\xB5\xB7\xE9\xA6\xAC\n");
  EXPECT_EQ(table.GetName(1), "G\xC3\xA9nou");
  EXPECT_EQ(table.GetName(2), "\xE6\xB5\xB7\xE9\xA6\xAC");
}

TEST(LabelTable, MissingName)
{
  ExpectOneWarning("1 One\n2\n", 2, "the name is missing");
  ExpectOneWarning("1\tOne\n2\t\n", 2, "the name is missing");
}

TEST(LabelTable, IndexNotANumber)
{
  ExpectOneWarning("1 One\nx Two\n", 2, "the index 'x' is not a whole number from 0 to 65535");
  ExpectOneWarning("1 One\n-2 Two\n", 2, "the index '-2' is not a whole number");
  ExpectOneWarning("1 One\n2.5 Two\n", 2, "the index '2.5' is not a whole number");
}

TEST(LabelTable, IndexTooLarge)
{
  std::vector<std::string> warnings;
  const LabelTable table = Parse("65535 Last\n65536 TooFar\n99999999999999 Far\n", warnings);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("line 2: the index 65536 is over 65535"), std::string::npos);
  EXPECT_NE(warnings[1].find("line 3: the index '99999999999999' is not a whole number"),
    std::string::npos);
  EXPECT_EQ(table.GetNumberOfLabels(), 65536u);
  EXPECT_EQ(table.GetName(65535), "Last");
}

TEST(LabelTable, MricronCodeNotANumber)
{
  ExpectOneWarning("1 One 2001\n2 Two x\n", 2, "the code 'x' is not a whole number");
}

TEST(LabelTable, MricronTooManyFields)
{
  ExpectOneWarning("1 One 2001\n2 Two words 2002\n", 2, "4 fields where mricron's format");
}

TEST(LabelTable, FreeSurferBadColor)
{
  ExpectOneWarning("1 One 1 2 3 0\n2 Two 256 0 0 0\n", 2, "the red 256 is over 255");
  ExpectOneWarning("1 One 1 2 3 0\n2 Two 1 g 0 0\n", 2, "the green 'g' is not a whole number");
  ExpectOneWarning("1 One 1 2 3 0\n2\n", 2, "the name is missing");
  ExpectOneWarning("1 One 1 2 3 0\n2 Two 1 2 3 4 5\n", 2, "7 fields where a FreeSurfer");
}

TEST(LabelTable, FreeSurferMissingFields)
{
  const LabelTable table =
    ExpectOneWarning("1 One 1 2 3 0\n2 Two 4\n", 2, "3 fields where a FreeSurfer colour table has");
  EXPECT_EQ(table.GetName(2), "");
}

TEST(LabelTable, TsvBadColorAndTooManyFields)
{
  ExpectOneWarning("1\tOne\t#000000\n2\tTwo\tred\n", 2, "the colour 'red' is not #rrggbb");
  ExpectOneWarning("1\tOne\n2\tTwo\t#000000\textra\n", 2, "4 fields where a TSV label table");
}

TEST(LabelTable, DuplicateIndex)
{
  const LabelTable table =
    ExpectOneWarning("1 First\n2 Two\n1 Again\n", 3, "label 1 is given again (first on line 1)");
  EXPECT_EQ(table.GetName(1), "First");
}

TEST(LabelTable, Latin1Names)
{
  std::vector<std::string> warnings;
  const LabelTable table = Parse("1 G\xE9nou\n2 Ok\n3 \xC3\n", warnings);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("line 1: the name of label 1 is not UTF-8; it is read as Latin-1: "
                             "'G\xC3\xA9nou'"),
    std::string::npos);
  EXPECT_EQ(table.GetName(1), "G\xC3\xA9nou");
  EXPECT_EQ(table.GetName(3), "\xC3\x83");
  EXPECT_EQ(table.GetName(2), "Ok");
  // Overlong forms and surrogates are not UTF-8 either.
  Parse("4 \xC0\xAF\n5 \xED\xA0\x80\n6 \xF4\x90\x80\x80\n", warnings);
  EXPECT_EQ(warnings.size(), 5u);
}

TEST(LabelTable, ManyProblemsAreSummed)
{
  std::string text;
  for (int i = 0; i < 50; ++i)
  {
    text += "x y\n";
  }
  std::vector<std::string> warnings;
  const LabelTable table = Parse(text, warnings);
  ASSERT_EQ(warnings.size(), 21u);
  EXPECT_EQ(warnings.back(), "and 30 more problems like these");
  EXPECT_EQ(table.GetNumberOfLabels(), 0u);
}

TEST(LabelTable, EmptyText)
{
  const LabelTable table = ParseClean("");
  EXPECT_EQ(table.GetNumberOfLabels(), 0u);
  EXPECT_FALSE(table.HasNames());
  EXPECT_FALSE(table.HasColors());
}

TEST(LabelTable, Lut)
{
  const std::vector<std::uint8_t> bytes = Lut(768);
  LabelTable table;
  std::string error;
  ASSERT_TRUE(LabelTable::ParseLut(bytes.data(), bytes.size(), table, error)) << error;
  EXPECT_EQ(table.GetNumberOfLabels(), 256u);
  EXPECT_FALSE(table.HasNames());
  for (std::size_t k : { 0, 1, 17, 255 })
  {
    EXPECT_EQ(table.GetColor(k), (Color{ { bytes[k], bytes[256 + k], bytes[512 + k] } }));
  }
}

TEST(LabelTable, LutOfAnotherSize)
{
  for (std::size_t size : { 0, 700, 767, 769 })
  {
    const std::vector<std::uint8_t> bytes = Lut(size);
    LabelTable table;
    std::string error;
    EXPECT_FALSE(LabelTable::ParseLut(bytes.data(), bytes.size(), table, error));
    EXPECT_NE(error.find("it is " + std::to_string(size) +
                " bytes, where a mricron colour table "
                "is 768"),
      std::string::npos)
      << error;
    EXPECT_EQ(table.GetNumberOfLabels(), 0u);
  }
}

TEST(LabelTable, NamesTakeLutColorsUpToTheLastLabel)
{
  LabelTable table = ParseClean("1 One\n3 Three\t\n");
  const std::vector<std::uint8_t> bytes = Lut(768);
  LabelTable lut;
  std::string error;
  ASSERT_TRUE(LabelTable::ParseLut(bytes.data(), bytes.size(), lut, error));
  table.AddColorsFrom(lut);
  EXPECT_EQ(table.GetNumberOfLabels(), 4u);
  EXPECT_EQ(table.GetColor(3), lut.GetColor(3));
  EXPECT_EQ(table.GetColor(0), lut.GetColor(0));
}

TEST(LabelTable, TextColorsWinOverLut)
{
  LabelTable table = ParseClean("1\tOne\t#010203\n2\tTwo\n");
  const std::vector<std::uint8_t> bytes = Lut(768);
  LabelTable lut;
  std::string error;
  ASSERT_TRUE(LabelTable::ParseLut(bytes.data(), bytes.size(), lut, error));
  table.AddColorsFrom(lut);
  EXPECT_EQ(table.GetColor(1), (Color{ { 1, 2, 3 } }));
  EXPECT_EQ(table.GetColor(2), lut.GetColor(2));
}

// A folder of sidecars, read through the disk store as the reader reads a plain file's folder.
class LabelSidecarsTest : public ::testing::Test
{
protected:
  void SetUp() override
  {
    this->Folder = std::filesystem::temp_directory_path() /
      ("paravoxel_labels_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
        "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(this->Folder);
    std::filesystem::create_directories(this->Folder);
  }
  void TearDown() override { std::filesystem::remove_all(this->Folder); }

  void Write(const std::string& name, const std::string& bytes)
  {
    std::ofstream(this->Folder / name, std::ios::binary) << bytes;
  }

  LabelTable Read(
    const std::string& header, const std::string& image, std::vector<std::string>& warnings)
  {
    std::string error;
    this->Store = paravoxel::DiskMemberStore::OpenFolderOf((this->Folder / header).string(), error);
    EXPECT_TRUE(this->Store) << error;
    this->Index.Build(*this->Store);
    paravoxel::AnalyzeVolumeIndex::Volume volume;
    volume.HeaderMember = header;
    volume.ImageMember = image;
    return LabelSidecars::Read(*this->Store, this->Index, volume, warnings);
  }

  std::filesystem::path Folder;
  std::unique_ptr<paravoxel::DiskMemberStore> Store;
  paravoxel::AnalyzeVolumeIndex Index;
};

TEST_F(LabelSidecarsTest, CandidateNames)
{
  paravoxel::AnalyzeVolumeIndex::Volume single;
  single.HeaderMember = single.ImageMember = "dir/aal.nii.gz";
  EXPECT_EQ(LabelSidecars::GetCandidateNames(single, ".txt"),
    (std::vector<std::string>{ "dir/aal.nii.txt", "dir/aal.txt" }));
  paravoxel::AnalyzeVolumeIndex::Volume pair;
  pair.HeaderMember = "v.HDR";
  pair.ImageMember = "v.img.gz";
  EXPECT_EQ(LabelSidecars::GetCandidateNames(pair, ".lut"),
    (std::vector<std::string>{ "v.HDR.lut", "v.img.lut", "v.lut" }));
}

TEST_F(LabelSidecarsTest, VolumeNameSidecarsWinOverStemOnes)
{
  this->Write("aal.nii.gz", "x");
  this->Write("aal.nii.txt", "1 FromVolumeName\n");
  this->Write("aal.txt", "1 FromStem\n");
  this->Write("AAL.LUT", std::string(768, '\x05'));
  std::vector<std::string> warnings;
  const LabelTable table = this->Read("aal.nii.gz", "aal.nii.gz", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(table.GetName(1), "FromVolumeName");
  EXPECT_EQ(table.GetColor(1), (Color{ { 5, 5, 5 } }));
  EXPECT_EQ(table.GetNumberOfLabels(), 2u);
}

TEST_F(LabelSidecarsTest, WarningsNameTheSidecar)
{
  this->Write("v.hdr", "x");
  this->Write("v.img", "x");
  this->Write("v.txt", "1 One\nbad Two\n");
  this->Write("v.lut", std::string(700, '\0'));
  std::vector<std::string> warnings;
  const LabelTable table = this->Read("v.hdr", "v.img", warnings);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].rfind("label sidecar 'v.txt', line 2: the index 'bad'", 0), 0u)
    << warnings[0];
  EXPECT_EQ(warnings[1],
    "label sidecar 'v.lut' cannot be used (it is 700 bytes, where a mricron colour table is 768 "
    "(256 reds, 256 greens, 256 blues)); its colours are left out");
  EXPECT_EQ(table.GetName(1), "One");
  EXPECT_FALSE(table.HasColors());
}

TEST_F(LabelSidecarsTest, OversizedLutIsRefusedBeforeReading)
{
  this->Write("b.nii", "x");
  this->Write("b.lut", std::string(100000, '\0'));
  std::vector<std::string> warnings;
  const LabelTable table = this->Read("b.nii", "b.nii", warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(
    warnings[0].find("label sidecar 'b.lut' cannot be used (it is 100000 bytes"), std::string::npos)
    << warnings[0];
  EXPECT_EQ(table.GetNumberOfLabels(), 0u);
}

TEST_F(LabelSidecarsTest, NoSidecars)
{
  this->Write("c.nii", "x");
  this->Write("other.txt", "1 One\n");
  std::vector<std::string> warnings;
  const LabelTable table = this->Read("c.nii", "c.nii", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(table.GetNumberOfLabels(), 0u);
}

TEST(LabelSidecarsOutput, FieldDataAndInformation)
{
  std::vector<std::string> warnings;
  LabelTable table = Parse("1 One\n3 Three\n", warnings);
  LabelTable lut;
  std::string error;
  const std::vector<std::uint8_t> bytes = Lut(768);
  ASSERT_TRUE(LabelTable::ParseLut(bytes.data(), bytes.size(), lut, error));
  table.AddColorsFrom(lut);

  vtkNew<vtkFieldData> fieldData;
  LabelSidecars::AddFieldData(table, fieldData);
  auto* names = vtkStringArray::SafeDownCast(fieldData->GetAbstractArray("LabelNames"));
  auto* colors = vtkUnsignedCharArray::SafeDownCast(fieldData->GetArray("LabelColors"));
  ASSERT_TRUE(names && colors);
  ASSERT_EQ(names->GetNumberOfValues(), 4);
  ASSERT_EQ(colors->GetNumberOfTuples(), 4);
  ASSERT_EQ(colors->GetNumberOfComponents(), 3);
  EXPECT_EQ(names->GetValue(0), "");
  EXPECT_EQ(names->GetValue(3), "Three");
  for (int k = 0; k < 4; ++k)
  {
    for (int c = 0; c < 3; ++c)
    {
      EXPECT_EQ(colors->GetTypedComponent(k, c), bytes[256 * c + k]);
    }
  }

  vtkNew<vtkInformation> info;
  LabelSidecars::SetInformation(table, info);
  vtkInformationStringVectorKey* key = vtkParaVoxelLabels::LABEL_NAMES();
  ASSERT_EQ(info->Length(key), 4);
  EXPECT_STREQ(info->Get(key, 1), "One");
  EXPECT_STREQ(info->Get(key, 2), "");
  vtkInformationIntegerVectorKey* colorKey = vtkParaVoxelLabels::LABEL_COLORS();
  ASSERT_EQ(info->Length(colorKey), 12);
  for (int k = 0; k < 4; ++k)
  {
    for (int c = 0; c < 3; ++c)
    {
      EXPECT_EQ(info->Get(colorKey, 3 * k + c), bytes[256 * c + k]);
    }
  }
  // What the GUI's categorical colour map gets: the named labels 1 and 3, with their colours.
  vtkNew<vtkStringArray> annotations;
  vtkNew<vtkDoubleArray> indexedColors;
  vtkParaVoxelLabels::GetAnnotations(info, annotations, indexedColors);
  ASSERT_EQ(annotations->GetNumberOfValues(), 4);
  EXPECT_EQ(annotations->GetValue(0), "1");
  EXPECT_EQ(annotations->GetValue(1), "One");
  EXPECT_EQ(annotations->GetValue(2), "3");
  EXPECT_EQ(annotations->GetValue(3), "Three");
  ASSERT_EQ(indexedColors->GetNumberOfValues(), 6);
  for (int c = 0; c < 3; ++c)
  {
    EXPECT_DOUBLE_EQ(indexedColors->GetValue(c), bytes[256 * c + 1] / 255.0);
    EXPECT_DOUBLE_EQ(indexedColors->GetValue(3 + c), bytes[256 * c + 3] / 255.0);
  }
  // Without names, one empty name replaces them (downstream too: a new volume must not keep the
  // previous one's names); every coloured label is then a region, annotated with its number.
  LabelSidecars::SetInformation(lut, info);
  ASSERT_EQ(info->Length(key), 1);
  EXPECT_STREQ(info->Get(key, 0), "");
  ASSERT_EQ(info->Length(colorKey), 768);
  vtkParaVoxelLabels::GetAnnotations(info, annotations, indexedColors);
  ASSERT_EQ(annotations->GetNumberOfValues(), 512);
  EXPECT_EQ(annotations->GetValue(510), "255");
  EXPECT_EQ(annotations->GetValue(511), "255");
  EXPECT_DOUBLE_EQ(indexedColors->GetValue(767), bytes[767] / 255.0);
  // Neither names nor colours: one -1 colour replaces the previous ones, and no region is left.
  LabelSidecars::SetInformation(LabelTable(), info);
  ASSERT_EQ(info->Length(colorKey), 1);
  EXPECT_EQ(info->Get(colorKey, 0), -1);
  vtkParaVoxelLabels::GetAnnotations(info, annotations, indexedColors);
  EXPECT_EQ(annotations->GetNumberOfValues(), 0);
  EXPECT_EQ(indexedColors->GetNumberOfValues(), 0);
  vtkNew<vtkFieldData> colorsOnly;
  LabelSidecars::AddFieldData(lut, colorsOnly);
  EXPECT_EQ(colorsOnly->GetNumberOfArrays(), 2);
  EXPECT_EQ(colorsOnly->GetArray("LabelColors")->GetNumberOfTuples(), 256);
  EXPECT_EQ(colorsOnly->GetArray("NamedRegions")->GetTuple1(0), 0);
  EXPECT_EQ(fieldData->GetArray("NamedRegions")->GetTuple1(0), 2);
  vtkNew<vtkFieldData> nothing;
  LabelSidecars::AddFieldData(LabelTable(), nothing);
  EXPECT_EQ(nothing->GetNumberOfArrays(), 0);
}
} // namespace
