#include "ExplodedVoxelsRegions.h"

#include "vtkCommunicator.h"
#include "vtkMultiProcessController.h"
#include "vtkSMPThreadLocal.h"

#include <limits>
#include <sstream>

namespace paravoxel
{
struct ExplodedVoxelsRegions::ThreadSums
{
  vtkSMPThreadLocal<std::vector<long long>> Local;
};

ExplodedVoxelsRegions::ExplodedVoxelsRegions(const ExplodedVoxelsGrid& grid)
  : Grid(grid)
  , Sums(new ThreadSums)
{
}

ExplodedVoxelsRegions::~ExplodedVoxelsRegions() = default;

bool ExplodedVoxelsRegions::Initialize(
  const Request& request, long long firstLabel, long long lastLabel, std::string& error)
{
  this->Explosion = request.Explosion;
  this->Keys = ExplodedVoxelsLabelKeys(request.LabelType);
  this->Active = !request.SelectAll || request.Explosion != 0.0;
  if (!this->Active)
  {
    return true;
  }
  // Region ids must mean the same labels on every process when their centroids are added up.
  const bool reduce =
    this->Explosion != 0.0 && request.Controller && request.Controller->GetNumberOfProcesses() > 1;
  this->Controller = reduce ? request.Controller : nullptr;
  if (this->Controller)
  {
    // A process without labels takes part with an empty range, which neither reduction changes.
    const bool empty = firstLabel > lastLabel;
    long long local = empty ? std::numeric_limits<long long>::max() : firstLabel;
    this->Controller->AllReduce(&local, &firstLabel, 1, vtkCommunicator::MIN_OP);
    local = empty ? std::numeric_limits<long long>::min() : lastLabel;
    this->Controller->AllReduce(&local, &lastLabel, 1, vtkCommunicator::MAX_OP);
  }
  if (firstLabel > lastLabel)
  {
    // No voxels at all: one region, which nothing selects.
    firstLabel = lastLabel = 0;
  }
  // As unsigned, so that the widest range of 64-bit labels does not overflow.
  const unsigned long long span =
    static_cast<unsigned long long>(lastLabel) - static_cast<unsigned long long>(firstLabel) + 1ULL;
  if (span == 0 || span > static_cast<unsigned long long>(MaximumLabels))
  {
    std::ostringstream message;
    message << "The labels range from " << this->Keys.ToString(firstLabel) << " to "
            << this->Keys.ToString(lastLabel) << ": too many for regions (at most " << MaximumLabels
            << " labels).";
    error = message.str();
    return false;
  }
  this->FirstLabel = firstLabel;
  this->NumberOfRegions = static_cast<long long>(span);

  this->Selected.assign(this->NumberOfRegions, request.SelectAll ? 1 : 0);
  for (long long label : request.SelectedLabels)
  {
    if (label >= firstLabel && label <= lastLabel)
    {
      this->Selected[static_cast<unsigned long long>(label) -
        static_cast<unsigned long long>(firstLabel)] = 1;
    }
  }
  if (this->KeepsVoxelRegions())
  {
    const vtkIdType voxels = this->Grid.GetNumberOfVoxels();
    this->VoxelRegions = HugePageMemory::AllocateArray<std::int32_t>(voxels);
    if (!this->VoxelRegions && voxels > 0)
    {
      error = "Out of memory for the regions of " + std::to_string(voxels) +
        " voxels: " + HugePageMemory::DescribeLastFailure() + ".";
      return false;
    }
  }
  return true;
}

std::vector<long long>& ExplodedVoxelsRegions::GetThreadSums()
{
  std::vector<long long>& sums = this->Sums->Local.Local();
  if (sums.empty())
  {
    sums.assign(4 * this->NumberOfRegions, 0);
  }
  return sums;
}

void ExplodedVoxelsRegions::ComputeOffsets()
{
  std::vector<long long> local(4 * this->NumberOfRegions, 0);
  for (const std::vector<long long>& sums : this->Sums->Local)
  {
    for (std::size_t n = 0; n < sums.size(); ++n)
    {
      local[n] += sums[n];
    }
  }
  this->Sums.reset(new ThreadSums);
  std::vector<long long> sums(local.size());
  if (this->Controller)
  {
    this->Controller->AllReduce(
      local.data(), sums.data(), static_cast<vtkIdType>(local.size()), vtkCommunicator::SUM_OP);
  }
  else
  {
    sums = local;
  }

  // The centroids as mean voxel indices; the image's index-to-world map is linear, so their
  // differences times the voxel steps are the differences of the world centroids.
  long long total[4] = { 0, 0, 0, 0 };
  for (long long region = 0; region < this->NumberOfRegions; ++region)
  {
    for (int n = 0; n < 4; ++n)
    {
      total[n] += sums[4 * region + n];
    }
  }
  this->Offsets.assign(3 * this->NumberOfRegions, 0.0);
  if (total[0] == 0)
  {
    return;
  }
  for (long long region = 0; region < this->NumberOfRegions; ++region)
  {
    const long long* s = &sums[4 * region];
    if (s[0] == 0)
    {
      continue;
    }
    double* offset = &this->Offsets[3 * region];
    for (int axis = 0; axis < 3; ++axis)
    {
      const double shift = this->Explosion *
        (static_cast<double>(s[1 + axis]) / static_cast<double>(s[0]) -
          static_cast<double>(total[1 + axis]) / static_cast<double>(total[0]));
      const double* step = this->Grid.GetAxis(axis);
      for (int c = 0; c < 3; ++c)
      {
        offset[c] += shift * step[c];
      }
    }
  }
}
} // namespace paravoxel
