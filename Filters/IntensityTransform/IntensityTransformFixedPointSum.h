/**
 * @class   IntensityTransformFixedPointSum
 * @brief   A sum of values in [0, 1] in 64.53 fixed point, for vtkIntensityTransformFilter's
 *          mean(g): exact, so independent of the order of the additions (threads, processes).
 *
 * Each value is rounded to 2^-53 (below double's precision near 1) before it is added.
 */
#ifndef paravoxel_IntensityTransformFixedPointSum_h
#define paravoxel_IntensityTransformFixedPointSum_h

#include <cstdint>

class vtkMultiProcessController;

namespace paravoxel
{
class IntensityTransformFixedPointSum
{
public:
  void Add(double value) { this->AddUnits(static_cast<std::uint64_t>(value * Scale + 0.5)); }
  void Add(const IntensityTransformFixedPointSum& other)
  {
    this->AddUnits(other.Low);
    this->High += other.High;
  }
  double ToDouble() const;

  /**
   * Sums over all processes: the 128 bits travel as four 32-bit limbs, each summed in 64 bits
   * (no overflow below 2^32 processes), then the carries are propagated.
   */
  void AllReduce(vtkMultiProcessController* controller);

private:
  static constexpr double Scale = 9007199254740992.0; // 2^53

  void AddUnits(std::uint64_t units)
  {
    this->Low += units;
    this->High += this->Low < units ? 1 : 0;
  }

  std::uint64_t Low = 0;
  std::uint64_t High = 0;
};

} // namespace paravoxel

#endif
