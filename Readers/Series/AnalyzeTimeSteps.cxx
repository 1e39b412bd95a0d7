#include "AnalyzeTimeSteps.h"

#include "MemberBuffer.h"
#include "vtkDataArray.h"

#include <algorithm>
#include <cctype>

namespace paravoxel
{
namespace
{
// Decoded volumes kept for stepping back and forth through a time series.
constexpr std::size_t CachedSteps = 4;
constexpr std::uint64_t CachedBytes = std::uint64_t(1) << 30;

std::string Folder(const std::string& member)
{
  const auto slash = member.find_last_of('/');
  return slash == std::string::npos ? std::string() : member.substr(0, slash);
}

bool IsDigit(char c)
{
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// The run of digits of `text` from `begin`, without its leading zeros; `end` is past the run.
std::string DigitsFrom(const std::string& text, std::size_t begin, std::size_t& end)
{
  end = begin;
  while (end < text.size() && IsDigit(text[end]))
  {
    ++end;
  }
  std::string digits = text.substr(begin, end - begin);
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
  return digits;
}

// "vol_10" after "vol_9": runs of digits compare by value, as people number scans.
bool NaturalLess(const std::string& a, const std::string& b)
{
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size())
  {
    if (IsDigit(a[i]) && IsDigit(b[j]))
    {
      std::size_t ie, je;
      const std::string da = DigitsFrom(a, i, ie), db = DigitsFrom(b, j, je);
      if (da.size() != db.size())
      {
        return da.size() < db.size();
      }
      if (da != db)
      {
        return da < db;
      }
      i = ie;
      j = je;
    }
    else
    {
      if (a[i] != b[j])
      {
        return a[i] < b[j];
      }
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

bool TooManySteps(std::int64_t count, std::int64_t maximumSteps, std::string& error)
{
  error = "the series has " + std::to_string(count) + " time steps, more than MaximumTimeSteps (" +
    std::to_string(maximumSteps) + "); raise MaximumTimeSteps if it is genuine";
  return false;
}
}

bool AnalyzeTimeSteps::Make(const AnalyzeVolumeIndex::Volume& selected,
  const AnalyzeVolumeIndex& index, bool series, std::int64_t maximumSteps, std::string& error)
{
  this->Clear();
  this->Selected = selected;
  if (!series)
  {
    this->Steps.push_back({ &this->Selected, 0 });
    return true;
  }
  const bool made = this->Selected.Header.GetNumberOfVolumes() > 1
    ? this->MakeSeriesOfVolumes(maximumSteps, error)
    : this->MakeSeriesOfSiblings(index, maximumSteps, error);
  if (!made)
  {
    this->Steps.clear();
    return false;
  }
  const double repetitionTime = this->Selected.Header.GetRepetitionTime();
  const double tr = repetitionTime > 0 ? repetitionTime : 1.0;
  for (std::size_t i = 0; i < this->Steps.size(); ++i)
  {
    this->Times.push_back(static_cast<double>(i) * tr);
  }
  return true;
}

bool AnalyzeTimeSteps::MakeSeriesOfVolumes(std::int64_t maximumSteps, std::string& error)
{
  const std::int64_t volumes = this->Selected.Header.GetNumberOfVolumes();
  if (volumes > maximumSteps)
  {
    return TooManySteps(volumes, maximumSteps, error);
  }
  for (std::int64_t t = 0; t < volumes; ++t)
  {
    this->Steps.push_back({ &this->Selected, t });
  }
  return true;
}

bool AnalyzeTimeSteps::MakeSeriesOfSiblings(
  const AnalyzeVolumeIndex& index, std::int64_t maximumSteps, std::string& error)
{
  const AnalyzeHeader& header = this->Selected.Header;
  const std::string folder = Folder(this->Selected.HeaderMember);
  for (const auto& volume : index.GetVolumes())
  {
    const AnalyzeHeader& other = volume.Header;
    if (Folder(volume.HeaderMember) == folder && other.GetDimensions() == header.GetDimensions() &&
      other.GetDataTypeCode() == header.GetDataTypeCode() &&
      other.GetOutputScalarType() == header.GetOutputScalarType())
    {
      if (static_cast<std::int64_t>(this->Steps.size()) == maximumSteps)
      {
        return TooManySteps(maximumSteps + 1, maximumSteps, error);
      }
      this->Steps.push_back({ &volume, 0 });
    }
  }
  const auto byHeaderName = [](const Step& a, const Step& b) -> bool
  { return NaturalLess(a.Volume->HeaderMember, b.Volume->HeaderMember); };
  std::sort(this->Steps.begin(), this->Steps.end(), byHeaderName);
  return true;
}

void AnalyzeTimeSteps::Clear()
{
  this->Steps.clear();
  this->Times.clear();
}

void AnalyzeTimeSteps::ClearDecoded()
{
  this->Decoded.clear();
  this->MemberName.clear();
  this->MemberBytes.reset();
}

std::size_t AnalyzeTimeSteps::FindStep(double time) const
{
  if (this->Times.size() < 2)
  {
    return 0;
  }
  const double tolerance = 1e-6 * (this->Times[1] - this->Times[0]);
  const auto after = std::upper_bound(this->Times.begin(), this->Times.end(), time + tolerance);
  return after == this->Times.begin() ? 0
                                      : static_cast<std::size_t>(after - this->Times.begin() - 1);
}

std::string AnalyzeTimeSteps::KeyOf(const Step& step)
{
  return step.Volume->ImageMember + "#" + std::to_string(step.VolumeIndex);
}

vtkDataArray* AnalyzeTimeSteps::FindDecoded(const Step& step)
{
  const std::string key = KeyOf(step);
  auto found = std::find_if(this->Decoded.begin(), this->Decoded.end(),
    [&](const DecodedStep& entry) { return entry.Key == key; });
  if (found == this->Decoded.end())
  {
    return nullptr;
  }
  this->Decoded.splice(this->Decoded.begin(), this->Decoded, found);
  return this->Decoded.front().Scalars;
}

void AnalyzeTimeSteps::KeepDecoded(const Step& step, vtkDataArray* scalars)
{
  if (this->Times.size() < 2)
  {
    return; // a single step is never read again from the cache
  }
  this->Decoded.push_front({ KeyOf(step), scalars });
  std::uint64_t bytes = 0;
  std::size_t kept = 0;
  for (auto it = this->Decoded.begin(); it != this->Decoded.end();)
  {
    bytes += static_cast<std::uint64_t>(it->Scalars->GetActualMemorySize()) * 1024;
    it = (++kept > CachedSteps || bytes > CachedBytes) ? this->Decoded.erase(it) : std::next(it);
  }
}

std::shared_ptr<MemberBuffer> AnalyzeTimeSteps::FindMember(const std::string& name) const
{
  return name == this->MemberName ? this->MemberBytes : nullptr;
}

bool AnalyzeTimeSteps::WouldKeepMember(const Step& step, std::uint64_t size) const
{
  return !this->Times.empty() && step.Volume->Header.GetNumberOfVolumes() > 1 &&
    size <= CachedBytes;
}

void AnalyzeTimeSteps::KeepMember(const Step& step, const std::shared_ptr<MemberBuffer>& bytes)
{
  if (this->WouldKeepMember(step, bytes->GetSize()))
  {
    this->MemberName = step.Volume->ImageMember;
    this->MemberBytes = bytes;
  }
}
} // namespace paravoxel
