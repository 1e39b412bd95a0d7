#include "LabelSidecars.h"

#include "MemberBuffer.h"
#include "vtkFieldData.h"
#include "vtkInformation.h"
#include "vtkInformationIntegerVectorKey.h"
#include "vtkInformationStringVectorKey.h"
#include "vtkIntArray.h"
#include "vtkNew.h"
#include "vtkParaVoxelLabels.h"
#include "vtkStringArray.h"
#include "vtkUnsignedCharArray.h"

#include <algorithm>
#include <cctype>

namespace paravoxel
{
namespace
{
std::string DropSuffix(const std::string& name, const std::string& suffix)
{
  if (name.size() <= suffix.size())
  {
    return name;
  }
  std::string tail = name.substr(name.size() - suffix.size());
  std::transform(tail.begin(), tail.end(), tail.begin(),
    [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return tail == suffix ? name.substr(0, name.size() - suffix.size()) : name;
}

// The member's name without `.gz` and without its image extension.
std::string Stem(const std::string& member)
{
  const std::string name = DropSuffix(member, ".gz");
  for (const char* extension : { ".nii", ".hdr", ".img" })
  {
    const std::string stem = DropSuffix(name, extension);
    if (stem != name)
    {
      return stem;
    }
  }
  return name;
}

// The table the text sidecar `member` (its `bytes`) gives, its problems added to `warnings`.
LabelTable ParseText(
  const std::string& member, const MemberBuffer& bytes, std::vector<std::string>& warnings)
{
  std::vector<std::string> problems;
  LabelTable table = LabelTable::ParseText(bytes.GetData(), bytes.GetSize(), problems);
  for (const auto& problem : problems)
  {
    warnings.push_back("label sidecar '" + member + "', " + problem);
  }
  return table;
}

std::string FindSidecar(const AnalyzeVolumeIndex& index, const AnalyzeVolumeIndex::Volume& volume,
  const std::string& extension)
{
  for (const auto& candidate : LabelSidecars::GetCandidateNames(volume, extension))
  {
    const std::string member = index.FindMemberIgnoringCase(candidate);
    if (!member.empty())
    {
      return member;
    }
  }
  return std::string();
}
}

std::vector<std::string> LabelSidecars::GetCandidateNames(
  const AnalyzeVolumeIndex::Volume& volume, const std::string& extension)
{
  std::vector<std::string> names;
  for (const std::string& name : { DropSuffix(volume.HeaderMember, ".gz") + extension,
         DropSuffix(volume.ImageMember, ".gz") + extension, Stem(volume.HeaderMember) + extension })
  {
    if (std::find(names.begin(), names.end(), name) == names.end())
    {
      names.push_back(name);
    }
  }
  return names;
}

LabelTable LabelSidecars::Read(MemberStore& store, const AnalyzeVolumeIndex& index,
  const AnalyzeVolumeIndex::Volume& volume, std::vector<std::string>& warnings)
{
  LabelTable table;
  const std::string text = FindSidecar(index, volume, ".txt");
  const std::string lut = FindSidecar(index, volume, ".lut");
  MemberBuffer bytes;
  std::string error;
  if (!text.empty())
  {
    if (AnalyzeVolumeIndex::ReadMember(store, text, 0, MaximumTextBytes, bytes, error))
    {
      table = ParseText(text, bytes, warnings);
    }
    else
    {
      warnings.push_back(
        "label sidecar '" + text + "' cannot be read (" + error + "); its names are left out");
    }
  }
  if (!lut.empty())
  {
    LabelTable colors;
    const bool read = AnalyzeVolumeIndex::ReadMember(store, lut, 0, MaximumTextBytes, bytes, error);
    if (read && LabelTable::IsTextLut(bytes.GetData(), bytes.GetSize()))
    {
      // FSLeyes's .lut names the regions too; names from the .txt, if any, win.
      colors = ParseText(lut, bytes, warnings);
      if (!table.HasNames())
      {
        table = colors;
      }
      table.AddColorsFrom(colors);
    }
    else if (read && LabelTable::ParseLut(bytes.GetData(), bytes.GetSize(), colors, error))
    {
      table.AddColorsFrom(colors);
    }
    else
    {
      warnings.push_back(
        "label sidecar '" + lut + "' cannot be used (" + error + "); its colours are left out");
    }
  }
  return table;
}

void LabelSidecars::SetInformation(const LabelTable& table, vtkInformation* outInfo)
{
  vtkInformationStringVectorKey* key = vtkParaVoxelLabels::LABEL_NAMES();
  outInfo->Remove(key);
  // One empty name, and one -1 colour, rather than no key: the pipeline copies a key downstream
  // only when it is there, so this is what replaces a previous volume's labels in the filters
  // after the reader.
  if (!table.HasNames())
  {
    outInfo->Set(key, "", 0);
  }
  else
  {
    const std::vector<std::string> names = table.GetNames();
    for (std::size_t label = 0; label < names.size(); ++label)
    {
      outInfo->Set(key, names[label], static_cast<int>(label));
    }
  }
  std::vector<int> colors{ -1 };
  if (table.HasColors())
  {
    colors.clear();
    for (std::size_t label = 0; label < table.GetNumberOfLabels(); ++label)
    {
      const LabelTable::Color color = table.GetColor(label);
      colors.insert(colors.end(), color.begin(), color.end());
    }
  }
  outInfo->Set(vtkParaVoxelLabels::LABEL_COLORS(), colors.data(), static_cast<int>(colors.size()));
}

void LabelSidecars::AddFieldData(const LabelTable& table, vtkFieldData* fieldData)
{
  const auto count = static_cast<vtkIdType>(table.GetNumberOfLabels());
  if (table.HasNames())
  {
    vtkNew<vtkStringArray> names;
    names->SetName(vtkParaVoxelLabels::GetNamesArrayName());
    names->SetNumberOfValues(count);
    for (vtkIdType label = 0; label < count; ++label)
    {
      names->SetValue(label, table.GetName(static_cast<std::size_t>(label)));
    }
    fieldData->AddArray(names);
  }
  if (table.HasColors())
  {
    vtkNew<vtkUnsignedCharArray> colors;
    colors->SetName(vtkParaVoxelLabels::GetColorsArrayName());
    colors->SetNumberOfComponents(3);
    colors->SetNumberOfTuples(count);
    for (vtkIdType label = 0; label < count; ++label)
    {
      const LabelTable::Color color = table.GetColor(static_cast<std::size_t>(label));
      for (int c = 0; c < 3; ++c)
      {
        colors->SetTypedComponent(label, c, color[c]);
      }
    }
    fieldData->AddArray(colors);
  }
  if (count > 0)
  {
    vtkNew<vtkIntArray> named;
    named->SetName(vtkParaVoxelLabels::GetNamedRegionsArrayName());
    named->InsertNextValue(static_cast<int>(table.GetNumberOfNamedLabels()));
    fieldData->AddArray(named);
  }
}
} // namespace paravoxel
