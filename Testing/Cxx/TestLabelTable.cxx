// Unit tests of paravoxel::LabelTable (every sidecar format, every malformed case) and
// paravoxel::LabelSidecars (which members are sidecars, how they combine, what reaches the
// output), on sidecars written in the tests.
#include "AnalyzeVolumeIndex.h"
#include "CaseName.h"
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
#include <map>
#include <string>
#include <vector>

namespace
{
using paravoxel::LabelSidecars;
using paravoxel::LabelTable;
using Color = LabelTable::Color;
using paravoxel_test::CaseName;

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

std::vector<std::uint8_t> Lut(std::size_t size)
{
  std::vector<std::uint8_t> bytes(size);
  for (std::size_t i = 0; i < size; ++i)
  {
    bytes[i] = static_cast<std::uint8_t>(i * 7 + i / 256);
  }
  return bytes;
}

// The colours of a well-formed .lut's `bytes`.
LabelTable ParseCleanLut(const std::vector<std::uint8_t>& bytes)
{
  LabelTable table;
  std::string error;
  EXPECT_TRUE(LabelTable::ParseLut(bytes.data(), bytes.size(), table, error)) << error;
  return table;
}

namespace
{
// A well-formed text in one of the formats, and what its table holds.
struct WellFormedCase
{
  const char* Name;
  std::string Text;
  std::size_t Labels;
  std::size_t NamedLabels;
  std::map<std::size_t, std::string> Names; // label -> name ("" for none)
  std::map<std::size_t, Color> Colors;
  std::vector<std::size_t> Uncolored; // labels without a colour (black)
};

// Printed by its name (see CaseName.h).
void PrintTo(const WellFormedCase& c, std::ostream* os)
{
  *os << c.Name;
}

const std::vector<WellFormedCase> WellFormedCases = {
  // As mricron-data's aal.nii.txt: CRLF, a code in the third column, a blank last line.
  { "MricronText", "1 Precentral_L 2001\r\n2 Precentral_R 2002\r\n116 Vermis_10 9170\r\n\r\n", 117,
    3,
    { { 0, "" }, { 1, "Precentral_L" }, { 2, "Precentral_R" }, { 116, "Vermis_10" }, { 50, "" } },
    {}, {} },
  { "MricronTextWithoutCodeAndComments", "# regions\n0 Background\n  3   Three  \n", 4, 2,
    { { 0, "Background" }, { 3, "Three" } }, {}, {} },
  { "FreeSurferColorTable",
    "#$Id: FreeSurferColorLUT.txt\n#No. Label Name:    R   G   B   A\n"
    "0   Unknown          0   0   0   0\n2   Left-Cerebral-White-Matter 245 245 245 0\n"
    "17  Left-Hippocampus 220 216  20 0\n1000 ctx-lh-unknown  25   5  25\n",
    1001, 4, { { 17, "Left-Hippocampus" }, { 1000, "ctx-lh-unknown" } },
    { { 17, { { 220, 216, 20 } } }, { 1000, { { 25, 5, 25 } } } }, { 5 } },
  // A header line, names with spaces, colours on some lines only.
  { "Tsv",
    "index\tname\tcolor\n1\tLeft hippocampus\t#FF8000\n2\tRight hippocampus\n"
    "4\tMiddle_cerebellar_peduncle\t#00ff7f\r\n",
    5, 3, { { 1, "Left hippocampus" }, { 2, "Right hippocampus" } },
    { { 1, { { 255, 128, 0 } } }, { 4, { { 0, 255, 127 } } } }, { 2 } },
  // mricron-data's JHU tables: index TAB name, CRLF.
  { "TsvAsJhu", "0\tUnclassified\r\n1\tMiddle_cerebellar_peduncle\r\n", 2, 2,
    { { 0, "Unclassified" } }, {}, {} },
  // Classic Mac OS text: CR alone ends each line (and a blank one).
  { "ClassicMacLineEnds", "1 One\r2 Two\r\r3 Three\r", 4, 3,
    { { 1, "One" }, { 2, "Two" }, { 3, "Three" } }, {}, {} },
  { "MixedLineEnds", "1 One\r\n2 Two\r3 Three\n4 Four", 5, 4,
    { { 1, "One" }, { 2, "Two" }, { 3, "Three" }, { 4, "Four" } }, {}, {} },
  // As ITK-SNAP exports label descriptions: a comment block, quoted names with spaces.
  { "ItkSnapLabelDescription",
    "################################################\n# ITK-SnAP Label Description File\n"
    "# IDX   -R-  -G-  -B-  -A--  VIS MSH  LABEL\n"
    "    0     0    0    0        0  0  0    \"Clear Label\"\n"
    "    1   255    0    0        1  1  1    \"Left hippocampus\"\n"
    "    7     0   10  200     0.50  1  0    \"Quoted \"inner\" name\"\n",
    8, 3, { { 0, "Clear Label" }, { 1, "Left hippocampus" }, { 7, "Quoted \"inner\" name" } },
    { { 1, { { 255, 0, 0 } } }, { 7, { { 0, 10, 200 } } } }, { 3 } },
  // As FSLeyes's lookup tables (.lut): components from 0 to 1, names with spaces.
  { "FsleyesLookupTable",
    "1  0.00000 0.93333 0.00000 Frontal Pole\n2  0.62745 0.32157 0.17647 Insular Cortex\n"
    "4 1 1 1 White\n",
    5, 3, { { 1, "Frontal Pole" }, { 2, "Insular Cortex" }, { 4, "White" } },
    { { 1, { { 0, 238, 0 } } }, { 2, { { 160, 82, 45 } } }, { 4, { { 255, 255, 255 } } } }, { 3 } },
  { "ByteOrderMarkAndUtf8Names",
    "\xEF\xBB\xBF"
    "1 G\xC3\xA9nou\n2 \xE6\xB5\xB7\xE9\xA6\xAC\n",
    3, 2, { { 1, "G\xC3\xA9nou" }, { 2, "\xE6\xB5\xB7\xE9\xA6\xAC" } }, {}, {} },
};

class LabelTableWellFormed : public ::testing::TestWithParam<WellFormedCase>
{
};
}

TEST_P(LabelTableWellFormed, NamesAndColorsWithoutWarnings)
{
  const WellFormedCase& wellFormed = GetParam();
  const LabelTable table = ParseClean(wellFormed.Text);
  EXPECT_EQ(table.GetNumberOfLabels(), wellFormed.Labels);
  EXPECT_EQ(table.GetNames().size(), wellFormed.Labels);
  EXPECT_EQ(table.GetNumberOfNamedLabels(), wellFormed.NamedLabels);
  for (const auto& name : wellFormed.Names)
  {
    EXPECT_EQ(table.GetName(name.first), name.second) << "label " << name.first;
  }
  EXPECT_EQ(table.HasColors(), !wellFormed.Colors.empty());
  for (const auto& color : wellFormed.Colors)
  {
    bool known = false;
    EXPECT_EQ(table.GetColor(color.first, &known), color.second) << "label " << color.first;
    EXPECT_TRUE(known) << "label " << color.first;
  }
  for (std::size_t label : wellFormed.Uncolored)
  {
    bool known = true;
    EXPECT_EQ(table.GetColor(label, &known), (Color{ { 0, 0, 0 } })) << "label " << label;
    EXPECT_FALSE(known) << "label " << label;
  }
}

INSTANTIATE_TEST_SUITE_P(
  LabelTable, LabelTableWellFormed, ::testing::ValuesIn(WellFormedCases), CaseName());

namespace
{
// A text with malformed lines: each warning names its line and says what is wrong, and the
// table keeps what the good lines give.
struct MalformedCase
{
  const char* Name;
  std::string Text;
  std::vector<std::pair<int, std::string>> Warnings; // line, words
  std::map<std::size_t, std::string> Names;          // label -> name ("" for none)
  std::size_t Labels;                                // 0: not checked
};

// Printed by its name (see CaseName.h).
void PrintTo(const MalformedCase& c, std::ostream* os)
{
  *os << c.Name;
}

const std::vector<MalformedCase> MalformedCases = {
  { "MissingNameMricron", "1 One\n2\n", { { 2, "the name is missing" } }, {}, 0 },
  { "MissingNameTsv", "1\tOne\n2\t\n", { { 2, "the name is missing" } }, {}, 0 },
  { "IndexNotANumber", "1 One\nx Two\n",
    { { 2, "the index 'x' is not a whole number from 0 to 65535" } }, {}, 0 },
  { "IndexNegative", "1 One\n-2 Two\n", { { 2, "the index '-2' is not a whole number" } }, {}, 0 },
  { "IndexFraction", "1 One\n2.5 Two\n", { { 2, "the index '2.5' is not a whole number" } }, {},
    0 },
  { "IndexTooLarge", "65535 Last\n65536 TooFar\n99999999999999 Far\n",
    { { 2, "the index 65536 is over 65535" },
      { 3, "the index '99999999999999' is not a whole number" } },
    { { 65535, "Last" } }, 65536 },
  { "MricronCodeNotANumber", "1 One 2001\n2 Two x\n",
    { { 2, "the code 'x' is not a whole number" } }, {}, 0 },
  { "MricronTooManyFields", "1 One 2001\n2 Two words 2002\n",
    { { 2, "4 fields where mricron's format" } }, {}, 0 },
  { "FreeSurferRedOver255", "1 One 1 2 3 0\n2 Two 256 0 0 0\n",
    { { 2, "the red 256 is over 255" } }, {}, 0 },
  { "FreeSurferGreenNotANumber", "1 One 1 2 3 0\n2 Two 1 g 0 0\n",
    { { 2, "the green 'g' is not a whole number" } }, {}, 0 },
  { "FreeSurferMissingName", "1 One 1 2 3 0\n2\n", { { 2, "the name is missing" } }, {}, 0 },
  { "FreeSurferTooManyFields", "1 One 1 2 3 0\n2 Two 1 2 3 4 5\n",
    { { 2, "7 fields where a FreeSurfer" } }, {}, 0 },
  { "FreeSurferMissingFields", "1 One 1 2 3 0\n2 Two 4\n",
    { { 2, "3 fields where a FreeSurfer colour table has" } }, { { 2, "" } }, 0 },
  { "TsvBadColor", "1\tOne\t#000000\n2\tTwo\tred\n", { { 2, "the colour 'red' is not #rrggbb" } },
    {}, 0 },
  { "TsvTooManyFields", "1\tOne\n2\tTwo\t#000000\textra\n",
    { { 2, "4 fields where a TSV label table" } }, {}, 0 },
  { "DuplicateIndex", "1 First\n2 Two\n1 Again\n",
    { { 3, "label 1 is given again (first on line 1)" } }, { { 1, "First" } }, 0 },
  { "Latin1Names", "1 G\xE9nou\n2 Ok\n3 \xC3\n",
    { { 1, "the name of label 1 is not UTF-8; it is read as Latin-1: 'G\xC3\xA9nou'" },
      { 3, "the name of label 3 is not UTF-8" } },
    { { 1, "G\xC3\xA9nou" }, { 3, "\xC3\x83" }, { 2, "Ok" } }, 0 },
  // A NUL or another control character would cut the name short in properties and lists: each
  // is read as U+FFFD, so the whole name still selects its region.
  { "ControlCharactersInNames", std::string("1 Left\0Part\n2 Bell\x07\n3 Ok\n", 25),
    { { 1, "holds control characters" }, { 2, "holds control characters" } },
    { { 1, "Left\xEF\xBF\xBDPart" }, { 2, "Bell\xEF\xBF\xBD" }, { 3, "Ok" } }, 0 },
  // Overlong forms and surrogates are not UTF-8 either.
  { "OverlongFormsAndSurrogates", "4 \xC0\xAF\n5 \xED\xA0\x80\n6 \xF4\x90\x80\x80\n",
    { { 1, "is not UTF-8" }, { 2, "is not UTF-8" }, { 3, "is not UTF-8" } }, {}, 0 },
};

class LabelTableMalformed : public ::testing::TestWithParam<MalformedCase>
{
};
}

TEST_P(LabelTableMalformed, EachWarningNamesItsLineAndProblem)
{
  const MalformedCase& malformed = GetParam();
  std::vector<std::string> warnings;
  const LabelTable table = Parse(malformed.Text, warnings);
  ASSERT_EQ(warnings.size(), malformed.Warnings.size());
  for (std::size_t i = 0; i < warnings.size(); ++i)
  {
    const std::string line = "line " + std::to_string(malformed.Warnings[i].first) + ": ";
    EXPECT_EQ(warnings[i].rfind(line, 0), 0u) << warnings[i];
    EXPECT_NE(warnings[i].find(malformed.Warnings[i].second), std::string::npos) << warnings[i];
  }
  for (const auto& name : malformed.Names)
  {
    EXPECT_EQ(table.GetName(name.first), name.second) << "label " << name.first;
  }
  if (malformed.Labels)
  {
    EXPECT_EQ(table.GetNumberOfLabels(), malformed.Labels);
  }
}

INSTANTIATE_TEST_SUITE_P(
  LabelTable, LabelTableMalformed, ::testing::ValuesIn(MalformedCases), CaseName());

// ITK-SNAP and FSLeyes lines that do not fit their format: each skipped, its warning saying why.
TEST(LabelTable, ItkSnapAndFsleyesLinesThatDoNotFit)
{
  const std::pair<std::string, std::string> cases[] = {
    { "1 255 0 0 1 1 1 \"A\"\n2 256 0 0 1 1 1 \"B\"\n", "the red 256 is over 255" },
    { "1 255 0 0 1 1 1 \"A\"\n2 0 0 \"B\"\n", "it is not 'index R G B A VIS MSH \"name\"'" },
    { "1 255 0 0 1 1 1 \"A\"\n2 1 1 1 2 1 1 \"B\"\n",
      "the opacity '2' is not a number from 0 to 1" },
    { "1 0 0 0 A\n2 1.5 0 0 B\n", "the red '1.5' is not a number from 0 to 1" },
    { "1 0 0 0 A\n2 0 0 0\n", "4 fields where an FSLeyes lookup table has 'index r g b name'" },
  };
  for (const auto& malformed : cases)
  {
    std::vector<std::string> warnings;
    const LabelTable table = Parse(malformed.first, warnings);
    ASSERT_EQ(warnings.size(), 1u) << malformed.first;
    EXPECT_EQ(warnings[0].rfind("line 2: " + malformed.second, 0), 0u) << warnings[0];
    EXPECT_EQ(table.GetName(1), "A") << malformed.first;
    EXPECT_EQ(table.GetNumberOfNamedLabels(), 1u) << malformed.first;
  }
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
  const LabelTable table = ParseCleanLut(bytes);
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
  const LabelTable lut = ParseCleanLut(Lut(768));
  table.AddColorsFrom(lut);
  EXPECT_EQ(table.GetNumberOfLabels(), 4u);
  EXPECT_EQ(table.GetColor(3), lut.GetColor(3));
  EXPECT_EQ(table.GetColor(0), lut.GetColor(0));
}

TEST(LabelTable, TextColorsWinOverLut)
{
  LabelTable table = ParseClean("1\tOne\t#010203\n2\tTwo\n");
  const LabelTable lut = ParseCleanLut(Lut(768));
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

  // The labels of the volume `header` + `image` in a folder of `files` (name, content).
  LabelTable Read(const std::vector<std::pair<std::string, std::string>>& files,
    const std::string& header, const std::string& image, std::vector<std::string>& warnings)
  {
    for (const auto& file : files)
    {
      this->Write(file.first, file.second);
    }
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
  std::vector<std::string> warnings;
  const LabelTable table =
    this->Read({ { "aal.nii.gz", "x" }, { "aal.nii.txt", "1 FromVolumeName\n" },
                 { "aal.txt", "1 FromStem\n" }, { "AAL.LUT", std::string(768, '\x05') } },
      "aal.nii.gz", "aal.nii.gz", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(table.GetName(1), "FromVolumeName");
  EXPECT_EQ(table.GetColor(1), (Color{ { 5, 5, 5 } }));
  EXPECT_EQ(table.GetNumberOfLabels(), 2u);
}

TEST_F(LabelSidecarsTest, WarningsNameTheSidecar)
{
  std::vector<std::string> warnings;
  const LabelTable table =
    this->Read({ { "v.hdr", "x" }, { "v.img", "x" }, { "v.txt", "1 One\nbad Two\n" },
                 { "v.lut", std::string(700, '\0') } },
      "v.hdr", "v.img", warnings);
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
  std::vector<std::string> warnings;
  const LabelTable table = this->Read(
    { { "b.nii", "x" }, { "b.lut", std::string(100000, '\0') } }, "b.nii", "b.nii", warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(
    warnings[0].find("label sidecar 'b.lut' cannot be used (it is 100000 bytes"), std::string::npos)
    << warnings[0];
  EXPECT_EQ(table.GetNumberOfLabels(), 0u);
}

// FSLeyes's .lut is text: it names and colours the regions; a .txt's names win over its names,
// its colours over the .txt's missing ones.
TEST_F(LabelSidecarsTest, FsleyesTextLut)
{
  const std::string lut = "1 1.0 0.0 0.0 Left amygdala\r\n2 0 0 1 Right amygdala\r\n";
  std::vector<std::string> warnings;
  LabelTable table = this->Read({ { "f.nii", "x" }, { "f.lut", lut } }, "f.nii", "f.nii", warnings);
  EXPECT_TRUE(warnings.empty()) << (warnings.empty() ? "" : warnings.front());
  EXPECT_EQ(table.GetName(1), "Left amygdala");
  EXPECT_EQ(table.GetColor(2), (Color{ { 0, 0, 255 } }));
  table = this->Read({ { "f.txt", "1 FromText\n" } }, "f.nii", "f.nii", warnings);
  EXPECT_TRUE(warnings.empty()) << (warnings.empty() ? "" : warnings.front());
  EXPECT_EQ(table.GetName(1), "FromText");
  EXPECT_EQ(table.GetColor(1), (Color{ { 255, 0, 0 } }));
  EXPECT_TRUE(LabelTable::IsTextLut(reinterpret_cast<const std::uint8_t*>(lut.data()), lut.size()));
  const std::vector<std::uint8_t> palette = Lut(768);
  EXPECT_FALSE(LabelTable::IsTextLut(palette.data(), palette.size()));
}

TEST_F(LabelSidecarsTest, NoSidecars)
{
  std::vector<std::string> warnings;
  const LabelTable table =
    this->Read({ { "c.nii", "x" }, { "other.txt", "1 One\n" } }, "c.nii", "c.nii", warnings);
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
