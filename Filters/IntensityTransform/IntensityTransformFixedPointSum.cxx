#include "IntensityTransformFixedPointSum.h"

#include "vtkCommunicator.h"
#include "vtkMultiProcessController.h"

#include <cmath>

namespace paravoxel
{
double IntensityTransformFixedPointSum::ToDouble() const
{
  return (std::ldexp(static_cast<double>(this->High), 64) + static_cast<double>(this->Low)) / Scale;
}

void IntensityTransformFixedPointSum::AllReduce(vtkMultiProcessController* controller)
{
  const std::uint64_t mask = 0xFFFFFFFFu;
  unsigned long long limbs[4] = { this->Low & mask, this->Low >> 32, this->High & mask,
    this->High >> 32 };
  unsigned long long sums[4];
  controller->AllReduce(limbs, sums, 4, vtkCommunicator::SUM_OP);
  std::uint64_t carry = 0;
  for (unsigned long long& limb : sums)
  {
    limb += carry;
    carry = limb >> 32;
    limb &= mask;
  }
  this->Low = sums[0] | (std::uint64_t(sums[1]) << 32);
  this->High = sums[2] | (std::uint64_t(sums[3]) << 32);
}
} // namespace paravoxel
