#include "vtkAnalyzeMemberStore.h"

bool vtkAnalyzeMemberStore::HasMember(const std::string& name) const
{
  return this->PositionOfName.count(name) > 0;
}

bool vtkAnalyzeMemberStore::AddMember(const std::string& name, std::uint64_t position)
{
  if (!this->PositionOfName.emplace(name, position).second)
  {
    return false;
  }
  this->Names.push_back(name);
  return true;
}

bool vtkAnalyzeMemberStore::FindMember(
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
