#include "MemberStore.h"

#include "MemberBuffer.h"

namespace paravoxel
{
bool MemberStore::HasMember(const std::string& name) const
{
  return this->PositionOfName.count(name) > 0;
}

bool MemberStore::ReadMember(
  const std::string& name, std::uint64_t maximumSize, MemberBuffer& out, std::string& error)
{
  std::uint64_t size = 0;
  auto stream = this->OpenSizedMember(name, maximumSize, size, error);
  return stream && out.Allocate(size, error) && stream->ReadFully(out.GetData(), size, error);
}

std::unique_ptr<MemberStream> MemberStore::OpenVerifiedMember(
  const std::string& name, std::uint64_t maximumSize, std::string& error)
{
  std::uint64_t size = 0;
  return this->OpenSizedMember(name, maximumSize, size, error);
}

std::unique_ptr<MemberStream> MemberStore::OpenSizedMember(
  const std::string& name, std::uint64_t maximumSize, std::uint64_t& size, std::string& error)
{
  if (!this->GetMemberSize(name, size, error))
  {
    return nullptr;
  }
  if (size > maximumSize)
  {
    error = "it is " + std::to_string(size) + " bytes, more than the " +
      std::to_string(maximumSize) + " bytes it may have";
    return nullptr;
  }
  return this->OpenMember(name, error);
}

bool MemberStore::AddMember(const std::string& name, std::uint64_t position)
{
  if (!this->PositionOfName.emplace(name, position).second)
  {
    return false;
  }
  this->Names.push_back(name);
  return true;
}

bool MemberStore::FindMember(
  const std::string& name, std::uint64_t& position, std::string& error) const
{
  const auto found = this->PositionOfName.find(name);
  if (found == this->PositionOfName.end())
  {
    error = "no member named '" + name + "'";
    return false;
  }
  position = found->second;
  return true;
}
} // namespace paravoxel
