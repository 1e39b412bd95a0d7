#include "vtkAnalyzeMemberStore.h"

#include <algorithm>

bool vtkAnalyzeMemberStore::HasMember(const std::string& name) const
{
  const auto& names = this->GetMemberNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}
