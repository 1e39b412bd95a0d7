#include "ExplodedVoxelsRowLoop.h"

namespace paravoxel
{
void ExplodedVoxelsRowLoop::ExclusivePrefixSum(std::vector<vtkIdType>& counts)
{
  vtkIdType total = 0;
  for (vtkIdType& entry : counts)
  {
    const vtkIdType count = entry;
    entry = total;
    total += count;
  }
}
} // namespace paravoxel
