#include "AnalyzeVolumeIndex.h"

#include "GzipMemberStream.h"
#include "MemberBuffer.h"
#include "VerifiedInflater.h"

#include <algorithm>
#include <cctype>
#include <tuple>
#include <unordered_set>

namespace paravoxel
{
namespace
{
enum class Kind
{
  Other,
  Header, // .hdr, .hdr.gz
  Image,  // .img, .img.gz
  Single  // .nii, .nii.gz
};

struct MemberName
{
  Kind Type = Kind::Other;
  std::string Stem;   // the name without its image extension(s), as written
  std::string Suffix; // the image extension(s), as written
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

MemberName Classify(const std::string& name)
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
    if (EndsWith(lower, suffix) && lower.size() > suffix.size() &&
      lower[lower.size() - suffix.size() - 1] != '/')
    {
      const std::size_t stem = name.size() - suffix.size();
      return { entry.Type, name.substr(0, stem), name.substr(stem) };
    }
  }
  return {};
}

bool AllUpper(const std::string& text)
{
  return std::none_of(text.begin(), text.end(), [](unsigned char c) { return std::islower(c); });
}

// Headers this large are not Analyze/NIfTI headers (NIfTI extensions included).
constexpr std::uint64_t MaximumHeaderBytes = std::uint64_t(64) << 20;
}

bool AnalyzeVolumeIndex::IsGzipped(const std::string& name)
{
  return EndsWith(Lower(name), ".gz");
}

bool AnalyzeVolumeIndex::IsVolumeName(const std::string& name)
{
  return Classify(name).Type != Kind::Other;
}

std::string AnalyzeVolumeIndex::FindMatSidecar(const std::string& headerMember) const
{
  const MemberName parsed = Classify(headerMember);
  if (parsed.Type != Kind::Header)
  {
    return std::string();
  }
  return this->FindMemberIgnoringCase(parsed.Stem + ".mat");
}

std::string AnalyzeVolumeIndex::FindMemberIgnoringCase(const std::string& name) const
{
  const auto found = this->MemberOfLowerName.find(Lower(name));
  return found == this->MemberOfLowerName.end() ? std::string() : found->second;
}

bool AnalyzeVolumeIndex::ReadMember(MemberStore& store, const std::string& name,
  std::uint64_t expectedSize, std::uint64_t maximumSize, MemberBuffer& out, std::string& error)
{
  if (!IsGzipped(name))
  {
    return store.ReadMember(name, maximumSize, out, error);
  }
  // Incompressible data grow by a few bytes per 32 KiB block in gzip, never more.
  MemberBuffer compressed;
  return store.ReadMember(name, maximumSize + maximumSize / 1024 + 65536, compressed, error) &&
    VerifiedInflater::InflateGzip(
      compressed.GetData(), compressed.GetSize(), expectedSize, maximumSize, out, error);
}

std::string AnalyzeVolumeIndex::FindPartner(const std::string& member, bool wantImage) const
{
  const MemberName parsed = Classify(member);
  const auto& candidatesByStem = wantImage ? this->Images : this->Headers;
  const auto found = candidatesByStem.find(Lower(parsed.Stem));
  if (found == candidatesByStem.end())
  {
    return std::string();
  }
  // The best candidate: the same stem as written, then the same compression, then the
  // extension in the same case; among equals, the first in member order.
  const bool gzipped = IsGzipped(member);
  const bool upper = AllUpper(parsed.Suffix);
  std::string best;
  std::tuple<bool, bool, bool> bestRank{ true, true, true };
  for (const auto& candidate : found->second)
  {
    const MemberName other = Classify(candidate);
    const std::tuple<bool, bool, bool> rank{ other.Stem != parsed.Stem,
      IsGzipped(candidate) != gzipped, AllUpper(other.Suffix) != upper };
    if (best.empty() || rank < bestRank)
    {
      best = candidate;
      bestRank = rank;
    }
  }
  return best;
}

bool AnalyzeVolumeIndex::ReadHeader(
  const std::string& member, bool single, Volume& volume, std::string& error) const
{
  std::uint8_t bytes[AnalyzeHeader::MaximumSize];
  std::size_t have = 0;
  if (single)
  {
    // Only the first bytes: the rest of the member is the voxels. The 348 of an Analyze/NIfTI-1
    // header, and the rest of a NIfTI-2 header only when sizeof_hdr asks for them (the bytes
    // after a NIfTI-1 header may be anything).
    std::unique_ptr<MemberStream> stream = this->Store->OpenMember(member, error);
    if (stream && IsGzipped(member))
    {
      stream.reset(new GzipMemberStream(std::move(stream)));
    }
    if (!stream)
    {
      return false;
    }
    std::size_t wanted = AnalyzeHeader::Size;
    while (have < wanted)
    {
      const std::int64_t got = stream->Read(bytes + have, wanted - have, error);
      if (got < 0)
      {
        return false;
      }
      if (got == 0)
      {
        break;
      }
      have += static_cast<std::size_t>(got);
      if (have == AnalyzeHeader::Size && AnalyzeHeader::DeclaresNifti2(bytes))
      {
        wanted = AnalyzeHeader::Nifti2Size;
      }
    }
  }
  else
  {
    MemberBuffer whole;
    if (!ReadMember(*this->Store, member, sizeof(bytes), MaximumHeaderBytes, whole, error))
    {
      return false;
    }
    have = static_cast<std::size_t>(std::min<std::uint64_t>(whole.GetSize(), sizeof(bytes)));
    std::copy(whole.GetData(), whole.GetData() + have, bytes);
  }
  if (!volume.Header.Parse(bytes, have, error))
  {
    return false;
  }
  // The bytes the header takes, checked again against the verified member when it is read.
  volume.HeaderChecksum = VerifiedInflater::Crc32(bytes, std::min(have, volume.Header.GetSize()));
  if (!single)
  {
    // A header file's voxels are in its image file at vox_offset, whatever its magic says
    // (nibabel reads a pair with "n+1" magic so too).
    volume.Header.UsePairStorage();
  }
  return true;
}

void AnalyzeVolumeIndex::Build(MemberStore& store)
{
  this->Store = &store;
  this->Volumes.clear();
  this->Refusals.clear();
  this->Headers.clear();
  this->Images.clear();
  this->MemberOfLowerName.clear();
  const auto& names = store.GetMemberNames();
  std::unordered_set<std::string> reasons;
  for (const auto& name : names)
  {
    this->MemberOfLowerName.emplace(Lower(name), name);
    const MemberName parsed = Classify(name);
    if (parsed.Type == Kind::Header)
    {
      this->Headers[Lower(parsed.Stem)].push_back(name);
    }
    else if (parsed.Type == Kind::Image)
    {
      this->Images[Lower(parsed.Stem)].push_back(name);
    }
  }
  for (const auto& name : names)
  {
    const Kind kind = Classify(name).Type;
    if (kind == Kind::Other)
    {
      continue;
    }
    Volume volume;
    std::string why;
    if (kind == Kind::Image)
    {
      // An image is indexed through its header; only an orphan is worth a reason.
      if (this->FindPartner(name, false).empty())
      {
        this->Resolve(name, volume, why);
      }
    }
    else if (this->Resolve(name, volume, why))
    {
      this->Volumes.push_back(std::move(volume));
    }
    if (!why.empty() && reasons.insert(why).second)
    {
      this->Refusals.push_back(why);
    }
  }
}

bool AnalyzeVolumeIndex::Resolve(const std::string& name, Volume& volume, std::string& error) const
{
  if (!this->Store || !this->Store->HasMember(name))
  {
    error = "there is no member '" + name + "'";
    return false;
  }
  const MemberName parsed = Classify(name);
  switch (parsed.Type)
  {
    case Kind::Other:
      error =
        "member '" + name + "' is not an Analyze/NIfTI volume (.hdr, .img, .nii, or .gz forms)";
      return false;
    case Kind::Image:
    case Kind::Header:
    {
      // One half of a pair: the other half has the same stem.
      const bool isImage = parsed.Type == Kind::Image;
      const std::string partner = this->FindPartner(name, !isImage);
      if (partner.empty())
      {
        const std::string own = isImage ? "image" : "header";
        const std::string other = isImage ? "header" : "image";
        const std::string otherExtension = isImage ? ".hdr" : ".img";
        error = own + " '" + name + "' has no matching " + other + " '" + parsed.Stem +
          otherExtension + "'";
        return false;
      }
      volume.ImageMember = isImage ? name : partner;
      volume.HeaderMember = isImage ? partner : name;
      break;
    }
    case Kind::Single:
      volume.HeaderMember = name;
      volume.ImageMember = name;
      break;
  }
  const bool single = parsed.Type == Kind::Single;
  std::string why;
  if (!this->ReadHeader(volume.HeaderMember, single, volume, why))
  {
    error = "header '" + volume.HeaderMember + "': " + why;
    return false;
  }
  if (single && volume.Header.GetFormat() != AnalyzeHeader::Format::NiftiSingle)
  {
    error = "'" + name + "' is not a NIfTI-1 single file (its magic is not \"n+1\")";
    return false;
  }
  return true;
}
} // namespace paravoxel
