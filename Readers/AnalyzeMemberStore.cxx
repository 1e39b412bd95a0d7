#include "AnalyzeMemberStore.h"

#include "MemberBuffer.h"

namespace paravoxel
{
bool AnalyzeMemberStore::HasMember(const std::string& name) const
{
  return this->PositionOfName.count(name) > 0;
}

bool AnalyzeMemberStore::ReadMember(
  const std::string& name, std::uint64_t maximumSize, MemberBuffer& out, std::string& error)
{
  std::uint64_t size = 0;
  if (!this->GetMemberSize(name, size, error))
  {
    return false;
  }
  if (size > maximumSize)
  {
    error = "it is " + std::to_string(size) + " bytes, more than the " +
      std::to_string(maximumSize) + " bytes it may have";
    return false;
  }
  auto stream = this->OpenMember(name, error);
  return stream && out.Allocate(size, error) && stream->ReadFully(out.GetData(), size, error);
}

bool AnalyzeMemberStore::AddMember(const std::string& name, std::uint64_t position)
{
  if (!this->PositionOfName.emplace(name, position).second)
  {
    return false;
  }
  this->Names.push_back(name);
  return true;
}

bool AnalyzeMemberStore::FindMember(
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
