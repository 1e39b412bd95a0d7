#include "AnalyzeMemberStore.h"

namespace paravoxel
{
bool AnalyzeMemberStore::HasMember(const std::string& name) const
{
  return this->PositionOfName.count(name) > 0;
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
