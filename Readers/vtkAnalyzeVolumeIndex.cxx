#include "vtkAnalyzeVolumeIndex.h"

#include "vtkGzipMemberStream.h"

#include <algorithm>
#include <cctype>

namespace
{
enum class Kind
{
  Other,
  Header, // .hdr, .hdr.gz
  Image,  // .img, .img.gz
  Single  // .nii, .nii.gz
};

std::string Lower(std::string text)
{
  std::transform(text.begin(), text.end(), text.begin(),
    [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool EndsWith(const std::string& text, const std::string& suffix)
{
  return text.size() >= suffix.size() &&
    text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The kind of a member and its name without the image extension(s).
Kind Classify(const std::string& name, std::string* stem = nullptr)
{
  const std::string lower = Lower(name);
  static const struct
  {
    const char* Suffix;
    Kind Type;
  } suffixes[] = { { ".hdr.gz", Kind::Header }, { ".img.gz", Kind::Image },
    { ".nii.gz", Kind::Single }, { ".hdr", Kind::Header }, { ".img", Kind::Image },
    { ".nii", Kind::Single } };
  for (const auto& entry : suffixes)
  {
    const std::string suffix(entry.Suffix);
    if (EndsWith(lower, suffix) && lower.size() > suffix.size() && lower[lower.size() - suffix.size() - 1] != '/')
    {
      if (stem)
      {
        *stem = name.substr(0, name.size() - suffix.size());
      }
      return entry.Type;
    }
  }
  return Kind::Other;
}

// The member of kind `wanted` sharing `stem` (the same compression first, as writers pair them).
std::string FindPartner(const vtkAnalyzeMemberStore& store, const std::string& stem, Kind wanted,
  bool preferGzip)
{
  std::string found;
  for (const auto& candidate : store.GetMemberNames())
  {
    std::string candidateStem;
    if (Classify(candidate, &candidateStem) == wanted && Lower(candidateStem) == Lower(stem))
    {
      if (vtkAnalyzeVolumeIndex::IsGzipped(candidate) == preferGzip)
      {
        return candidate;
      }
      if (found.empty())
      {
        found = candidate;
      }
    }
  }
  return found;
}

bool ReadHeader(vtkAnalyzeMemberStore& store, const std::string& member, vtkAnalyzeHeader& header,
  std::string& error)
{
  auto stream = vtkAnalyzeVolumeIndex::OpenMember(store, member, error);
  if (!stream)
  {
    return false;
  }
  std::uint8_t bytes[vtkAnalyzeHeader::Size];
  std::size_t have = 0;
  while (have < sizeof(bytes))
  {
    const std::int64_t got = stream->Read(bytes + have, sizeof(bytes) - have, error);
    if (got < 0)
    {
      return false;
    }
    if (got == 0)
    {
      break;
    }
    have += static_cast<std::size_t>(got);
  }
  return header.Parse(bytes, have, error);
}
}

bool vtkAnalyzeVolumeIndex::IsGzipped(const std::string& name)
{
  return EndsWith(Lower(name), ".gz");
}

bool vtkAnalyzeVolumeIndex::IsVolumeName(const std::string& name)
{
  return Classify(name) != Kind::Other;
}

std::string vtkAnalyzeVolumeIndex::FindMatSidecar(
  const vtkAnalyzeMemberStore& store, const std::string& headerMember)
{
  std::string stem;
  if (Classify(headerMember, &stem) != Kind::Header)
  {
    return std::string();
  }
  const std::string wanted = Lower(stem + ".mat");
  for (const auto& name : store.GetMemberNames())
  {
    if (Lower(name) == wanted)
    {
      return name;
    }
  }
  return std::string();
}

std::unique_ptr<vtkAnalyzeMemberStream> vtkAnalyzeVolumeIndex::OpenMember(
  vtkAnalyzeMemberStore& store, const std::string& name, std::string& error)
{
  auto stream = store.OpenMember(name, error);
  if (stream && IsGzipped(name))
  {
    stream.reset(new vtkGzipMemberStream(std::move(stream)));
  }
  return stream;
}

void vtkAnalyzeVolumeIndex::Build(vtkAnalyzeMemberStore& store)
{
  this->Volumes.clear();
  for (const auto& name : store.GetMemberNames())
  {
    const Kind kind = Classify(name);
    if (kind != Kind::Header && kind != Kind::Single)
    {
      continue;
    }
    Volume volume;
    std::string ignored;
    if (Resolve(store, name, volume, ignored))
    {
      this->Volumes.push_back(std::move(volume));
    }
  }
}

bool vtkAnalyzeVolumeIndex::Resolve(
  vtkAnalyzeMemberStore& store, const std::string& name, Volume& volume, std::string& error)
{
  if (!store.HasMember(name))
  {
    error = "there is no member '" + name + "'";
    return false;
  }
  std::string stem;
  const Kind kind = Classify(name, &stem);
  switch (kind)
  {
    case Kind::Other:
      error = "member '" + name + "' is not an Analyze/NIfTI volume (.hdr, .img, .nii, or .gz forms)";
      return false;
    case Kind::Image:
      volume.ImageMember = name;
      volume.HeaderMember = FindPartner(store, stem, Kind::Header, IsGzipped(name));
      if (volume.HeaderMember.empty())
      {
        error = "image '" + name + "' has no matching header '" + stem + ".hdr'";
        return false;
      }
      break;
    case Kind::Header:
      volume.HeaderMember = name;
      volume.ImageMember = FindPartner(store, stem, Kind::Image, IsGzipped(name));
      if (volume.ImageMember.empty())
      {
        error = "header '" + name + "' has no matching image '" + stem + ".img'";
        return false;
      }
      break;
    case Kind::Single:
      volume.HeaderMember = name;
      volume.ImageMember = name;
      break;
  }
  std::string why;
  if (!ReadHeader(store, volume.HeaderMember, volume.Header, why))
  {
    error = "header '" + volume.HeaderMember + "': " + why;
    return false;
  }
  if (kind == Kind::Single && volume.Header.GetFormat() != vtkAnalyzeHeader::Format::NiftiSingle)
  {
    error = "'" + name + "' is not a NIfTI-1 single file (its magic is not \"n+1\")";
    return false;
  }
  return true;
}
