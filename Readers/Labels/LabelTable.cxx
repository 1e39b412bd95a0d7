#include "LabelTable.h"

#include "LabelNameEncoding.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace paravoxel
{
namespace
{
enum class TextFormat
{
  Mricron,    // index name [code]
  FreeSurfer, // index name R G B [A]
  Tsv,        // index<TAB>name[<TAB>#rrggbb]
  Fsleyes,    // index r g b name with spaces (components 0 to 1)
  ItkSnap     // index R G B A VIS MSH "name with spaces"
};

// A garbage file would otherwise give a warning per line; the first ones say what is wrong.
constexpr std::size_t MaximumWarnings = 20;

bool IsBlank(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

std::string Trim(const std::string& text)
{
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && IsBlank(text[begin]))
  {
    ++begin;
  }
  while (end > begin && IsBlank(text[end - 1]))
  {
    --end;
  }
  return text.substr(begin, end - begin);
}

std::vector<std::string> SplitOnBlanks(const std::string& line)
{
  std::vector<std::string> fields;
  std::size_t i = 0;
  while (i < line.size())
  {
    while (i < line.size() && IsBlank(line[i]))
    {
      ++i;
    }
    const std::size_t start = i;
    while (i < line.size() && !IsBlank(line[i]))
    {
      ++i;
    }
    if (i > start)
    {
      fields.push_back(line.substr(start, i - start));
    }
  }
  return fields;
}

std::vector<std::string> SplitOnTabs(const std::string& line)
{
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;)
  {
    const std::size_t tab = line.find('\t', start);
    fields.push_back(Trim(line.substr(start, tab == std::string::npos ? tab : tab - start)));
    if (tab == std::string::npos)
    {
      return fields;
    }
    start = tab + 1;
  }
}

// A decimal integer from 0 to `maximum`; `problem` says what else it is.
bool ParseNumber(
  const std::string& field, const char* what, long maximum, long& value, std::string& problem)
{
  const bool digits = !field.empty() && field.size() <= 12 &&
    std::all_of(field.begin(), field.end(), [](unsigned char c) { return std::isdigit(c); });
  if (!digits)
  {
    problem = std::string("the ") + what + " '" + field + "' is not a whole number from 0 to " +
      std::to_string(maximum);
    return false;
  }
  value = std::stol(field);
  if (value > maximum)
  {
    problem = std::string("the ") + what + " " + field + " is over " + std::to_string(maximum);
    return false;
  }
  return true;
}

bool ParseHexColor(const std::string& field, LabelTable::Color& color)
{
  if (field.size() != 7 || field[0] != '#' ||
    !std::all_of(field.begin() + 1, field.end(), [](unsigned char c) { return std::isxdigit(c); }))
  {
    return false;
  }
  for (int c = 0; c < 3; ++c)
  {
    color[c] = static_cast<std::uint8_t>(std::stoul(field.substr(1 + 2 * c, 2), nullptr, 16));
  }
  return true;
}

// A decimal number (fraction and exponent allowed), finite.
bool ParseReal(const std::string& field, double& value)
{
  if (field.empty() || field.size() > 32)
  {
    return false;
  }
  char* end = nullptr;
  value = std::strtod(field.c_str(), &end);
  return end == field.c_str() + field.size() && std::isfinite(value) &&
    field.find_first_not_of("0123456789.eE+-") == std::string::npos;
}

TextFormat DetectFormat(const std::string& firstDataLine)
{
  if (firstDataLine.find('\t') != std::string::npos)
  {
    return TextFormat::Tsv;
  }
  if (firstDataLine.find('"') != std::string::npos)
  {
    return TextFormat::ItkSnap; // the only format that quotes its names
  }
  const std::vector<std::string> fields = SplitOnBlanks(firstDataLine);
  if (fields.size() < 5)
  {
    return TextFormat::Mricron;
  }
  // FSLeyes puts the colour before the name, FreeSurfer after it.
  double component = 0;
  const bool colorFirst = ParseReal(fields[1], component) && ParseReal(fields[2], component) &&
    ParseReal(fields[3], component);
  return colorFirst ? TextFormat::Fsleyes : TextFormat::FreeSurfer;
}

// The part of `line` after its first `count` blank-separated fields, trimmed.
std::string RestAfterFields(const std::string& line, std::size_t count)
{
  std::size_t i = 0;
  for (std::size_t field = 0; field < count; ++field)
  {
    while (i < line.size() && IsBlank(line[i]))
    {
      ++i;
    }
    while (i < line.size() && !IsBlank(line[i]))
    {
      ++i;
    }
  }
  return Trim(line.substr(i));
}

// One data line of the detected format: its label, name and colour (if it gives one).
struct Entry
{
  long Label = 0;
  std::string Name;
  bool HasColor = false;
  LabelTable::Color Color{ { 0, 0, 0 } };
};

// Red, green and blue from `fields`: whole numbers from 0 to 255, or with `fractions` numbers
// from 0 to 1 (FSLeyes's).
bool ParseComponents(
  const std::string* fields, bool fractions, LabelTable::Color& color, std::string& problem)
{
  static const char* const component[] = { "red", "green", "blue" };
  for (int c = 0; c < 3; ++c)
  {
    long whole = 0;
    double fraction = 0;
    if (!fractions && !ParseNumber(fields[c], component[c], 255, whole, problem))
    {
      return false;
    }
    if (fractions && !(ParseReal(fields[c], fraction) && fraction >= 0 && fraction <= 1))
    {
      problem = std::string("the ") + component[c] + " '" + fields[c] +
        "' is not a number from 0 to 1 (FSLeyes lookup table)";
      return false;
    }
    color[c] = static_cast<std::uint8_t>(fractions ? std::lround(fraction * 255) : whole);
  }
  return true;
}

// FSLeyes's lookup table: `index r g b name`, components from 0 to 1, the name the rest of the
// line (spaces included).
bool ParseFsleyesEntry(const std::string& line, Entry& entry, std::string& problem)
{
  const std::vector<std::string> fields = SplitOnBlanks(line);
  if (fields.size() < 5)
  {
    problem = std::to_string(fields.size()) +
      " fields where an FSLeyes lookup table has 'index r g b name' (the name is missing?)";
    return false;
  }
  entry.Name = RestAfterFields(line, 4);
  entry.HasColor = true;
  return ParseNumber(fields[0], "index", LabelTable::MaximumLabel, entry.Label, problem) &&
    ParseComponents(&fields[1], true, entry.Color, problem);
}

// ITK-SNAP's label description: `index R G B A VIS MSH "name"` (A from 0 to 1, VIS and MSH 0 or
// 1, not used here), the name in double quotes (spaces included).
bool ParseItkSnapEntry(const std::string& line, Entry& entry, std::string& problem)
{
  const std::size_t open = line.find('"');
  const std::size_t close = line.rfind('"');
  const std::vector<std::string> fields = SplitOnBlanks(line.substr(0, open));
  if (open == std::string::npos || close == open || fields.size() != 7)
  {
    problem = "it is not 'index R G B A VIS MSH \"name\"' (an ITK-SNAP label description)";
    return false;
  }
  entry.Name = line.substr(open + 1, close - open - 1);
  if (entry.Name.empty())
  {
    problem = "the name is missing";
    return false;
  }
  if (!ParseNumber(fields[0], "index", LabelTable::MaximumLabel, entry.Label, problem) ||
    !ParseComponents(&fields[1], false, entry.Color, problem))
  {
    return false;
  }
  double alpha = 0;
  long flag = 0;
  if (!ParseReal(fields[4], alpha) || alpha < 0 || alpha > 1)
  {
    problem = "the opacity '" + fields[4] + "' is not a number from 0 to 1";
    return false;
  }
  if (!ParseNumber(fields[5], "visibility", 1, flag, problem) ||
    !ParseNumber(fields[6], "mesh visibility", 1, flag, problem))
  {
    return false;
  }
  entry.HasColor = true;
  return true;
}

bool ParseEntry(const std::string& line, TextFormat format, Entry& entry, std::string& problem)
{
  if (format == TextFormat::Fsleyes)
  {
    return ParseFsleyesEntry(line, entry, problem);
  }
  if (format == TextFormat::ItkSnap)
  {
    return ParseItkSnapEntry(line, entry, problem);
  }
  const std::vector<std::string> fields =
    format == TextFormat::Tsv ? SplitOnTabs(line) : SplitOnBlanks(line);
  if (fields.size() < 2 || fields[1].empty())
  {
    problem = "the name is missing";
    return false;
  }
  if (!ParseNumber(fields[0], "index", LabelTable::MaximumLabel, entry.Label, problem))
  {
    return false;
  }
  entry.Name = fields[1];
  switch (format)
  {
    case TextFormat::Mricron:
    {
      long code = 0;
      if (fields.size() > 3)
      {
        problem = std::to_string(fields.size()) +
          " fields where mricron's format has 'index name [code]' (no spaces in names)";
        return false;
      }
      return fields.size() < 3 || ParseNumber(fields[2], "code", 2147483647, code, problem);
    }
    case TextFormat::FreeSurfer:
    {
      if (fields.size() < 5 || fields.size() > 6)
      {
        problem = std::to_string(fields.size()) +
          " fields where a FreeSurfer colour table has 'index name R G B A'";
        return false;
      }
      static const char* const component[] = { "red", "green", "blue", "alpha" };
      for (std::size_t c = 2; c < fields.size(); ++c)
      {
        long value = 0;
        if (!ParseNumber(fields[c], component[c - 2], 255, value, problem))
        {
          return false;
        }
        if (c < 5)
        {
          entry.Color[c - 2] = static_cast<std::uint8_t>(value);
        }
      }
      entry.HasColor = true;
      return true;
    }
    case TextFormat::Tsv:
      if (fields.size() > 3)
      {
        problem = std::to_string(fields.size()) +
          " fields where a TSV label table has 'index<TAB>name[<TAB>#rrggbb]'";
        return false;
      }
      if (fields.size() == 3 && !fields[2].empty())
      {
        if (!ParseHexColor(fields[2], entry.Color))
        {
          problem = "the colour '" + fields[2] + "' is not #rrggbb";
          return false;
        }
        entry.HasColor = true;
      }
      return true;
    case TextFormat::Fsleyes:
    case TextFormat::ItkSnap:
      break; // parsed above
  }
  return false;
}
}

LabelTable LabelTable::ParseText(
  const std::uint8_t* bytes, std::size_t size, std::vector<std::string>& warnings)
{
  LabelTable table;
  std::string text(reinterpret_cast<const char*>(bytes), size);
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0)
  {
    text.erase(0, 3); // a byte order mark, as Windows editors write
  }
  std::vector<std::size_t> lineOfLabel; // for duplicates: the line that gave each label, or 0
  std::size_t problems = 0;
  const auto warn = [&](std::size_t lineNumber, const std::string& what)
  {
    if (++problems <= MaximumWarnings)
    {
      warnings.push_back("line " + std::to_string(lineNumber) + ": " + what);
    }
  };
  bool formatKnown = false;
  TextFormat format = TextFormat::Mricron;
  std::size_t lineNumber = 0;
  for (std::size_t start = 0; start < text.size();)
  {
    // LF (Unix), CRLF (Windows) and CR alone (classic Mac OS) all end a line.
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string::npos)
    {
      end = text.size();
    }
    const std::string line = text.substr(start, end - start);
    start = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
    ++lineNumber;
    const std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#')
    {
      continue;
    }
    if (!formatKnown)
    {
      formatKnown = true;
      format = DetectFormat(trimmed);
      std::string first = trimmed.substr(0, trimmed.find('\t'));
      std::transform(first.begin(), first.end(), first.begin(),
        [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (format == TextFormat::Tsv && first == "index")
      {
        continue; // the column header of a TSV
      }
    }
    Entry entry;
    std::string problem;
    if (!ParseEntry(trimmed, format, entry, problem))
    {
      warn(lineNumber, problem + "; the line is skipped");
      continue;
    }
    const auto label = static_cast<std::size_t>(entry.Label);
    if (label < lineOfLabel.size() && lineOfLabel[label] != 0)
    {
      warn(lineNumber,
        "label " + std::to_string(label) + " is given again (first on line " +
          std::to_string(lineOfLabel[label]) + "); the line is skipped");
      continue;
    }
    entry.Name = LabelNameEncoding::MakeCarriable(entry.Name, problem);
    if (!problem.empty())
    {
      warn(lineNumber,
        "the name of label " + std::to_string(label) + " " + problem + ": '" + entry.Name + "'");
    }
    lineOfLabel.resize(std::max(lineOfLabel.size(), label + 1), 0);
    lineOfLabel[label] = lineNumber;
    table.SetName(label, entry.Name);
    if (entry.HasColor)
    {
      table.SetColor(label, entry.Color);
    }
  }
  if (problems > MaximumWarnings)
  {
    warnings.push_back(
      "and " + std::to_string(problems - MaximumWarnings) + " more problems like these");
  }
  return table;
}

bool LabelTable::ParseLut(
  const std::uint8_t* bytes, std::size_t size, LabelTable& table, std::string& error)
{
  table = LabelTable();
  if (size != LutBytes)
  {
    error = "it is " + std::to_string(size) + " bytes, where a mricron colour table is " +
      std::to_string(LutBytes) + " (256 reds, 256 greens, 256 blues)";
    return false;
  }
  for (std::size_t label = 0; label < 256; ++label)
  {
    table.SetColor(label, { { bytes[label], bytes[256 + label], bytes[512 + label] } });
  }
  return true;
}

bool LabelTable::IsTextLut(const std::uint8_t* bytes, std::size_t size)
{
  return size > 0 &&
    std::all_of(bytes, bytes + size,
      [](std::uint8_t b) { return b >= 0x20 || b == '\t' || b == '\n' || b == '\r'; });
}

void LabelTable::AddColorsFrom(const LabelTable& colors)
{
  const std::size_t count = this->HasNames()
    ? std::min(colors.Colors.size(), this->GetNumberOfLabels())
    : colors.Colors.size();
  for (std::size_t label = 0; label < count; ++label)
  {
    bool known = false;
    const Color color = colors.GetColor(label, &known);
    if (known && !(label < this->Colored.size() && this->Colored[label]))
    {
      this->SetColor(label, color);
    }
  }
}

std::size_t LabelTable::GetNumberOfLabels() const
{
  return std::max(this->Names.size(), this->Colors.size());
}

std::size_t LabelTable::GetNumberOfNamedLabels() const
{
  return static_cast<std::size_t>(std::count_if(
    this->Names.begin(), this->Names.end(), [](const std::string& name) { return !name.empty(); }));
}

bool LabelTable::HasColors() const
{
  return std::find(this->Colored.begin(), this->Colored.end(), true) != this->Colored.end();
}

std::string LabelTable::GetName(std::size_t label) const
{
  return label < this->Names.size() ? this->Names[label] : std::string();
}

LabelTable::Color LabelTable::GetColor(std::size_t label, bool* known) const
{
  const bool has = label < this->Colored.size() && this->Colored[label];
  if (known)
  {
    *known = has;
  }
  return has ? this->Colors[label] : Color{ { 0, 0, 0 } };
}

std::vector<std::string> LabelTable::GetNames() const
{
  std::vector<std::string> names(this->Names);
  names.resize(this->GetNumberOfLabels());
  return names;
}

void LabelTable::SetName(std::size_t label, std::string name)
{
  if (label >= this->Names.size())
  {
    this->Names.resize(label + 1);
  }
  this->Names[label] = std::move(name);
}

void LabelTable::SetColor(std::size_t label, const Color& color)
{
  if (label >= this->Colors.size())
  {
    this->Colors.resize(label + 1, Color{ { 0, 0, 0 } });
    this->Colored.resize(label + 1, false);
  }
  this->Colors[label] = color;
  this->Colored[label] = true;
}
} // namespace paravoxel
