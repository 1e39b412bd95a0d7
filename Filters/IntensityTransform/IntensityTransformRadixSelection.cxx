#include "IntensityTransformRadixSelection.h"

#include "ArrayDispatch.h"
#include "IntensityTransformBlock.h"
#include "vtkSMPThreadLocal.h"
#include "vtkSMPTools.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace paravoxel
{
namespace
{
std::uint64_t OrderedKey(double value)
{
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  const std::uint64_t sign = std::uint64_t(1) << 63;
  return (bits & sign) ? ~bits : (bits | sign);
}

double ValueOfOrderedKey(std::uint64_t key)
{
  const std::uint64_t sign = std::uint64_t(1) << 63;
  const std::uint64_t bits = (key & sign) ? (key & ~sign) : ~key;
  double value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

/**
 * The digits of a radix selection: 16 bits (4 passes) for large counts; for fewer values than a
 * 16-bit histogram has bins, 8 bits (8 passes over few values instead of clearing and summing
 * 64 Ki counters per pass and thread). Both divide 64, and every process picks the same width
 * from the global count.
 */
struct RadixDigits
{
  int Bits;
  std::size_t Bins;

  static RadixDigits ForCount(long long count)
  {
    const int bits = count < (1LL << 16) ? 8 : 16;
    return { bits, std::size_t(1) << bits };
  }
};

/**
 * PASS 3 (one per digit): among the counted values whose key starts with one of `prefixes` (the
 * digits found so far), the number of values for each next digit, per prefix.
 */
struct ComputeDigitHistograms
{
  template <typename ArrayT>
  void operator()(ArrayT* array, const IntensityTransformBlock& block, RadixDigits digits,
    int shift, const std::vector<std::uint64_t>& prefixes, std::vector<long long>& counts) const
  {
    using ValueType = vtk::GetAPIType<ArrayT>;
    struct Pass
    {
      ArrayT* Array;
      const IntensityTransformBlock& Block;
      RadixDigits Digits;
      int Shift;
      const std::vector<std::uint64_t>& Prefixes;
      vtkSMPThreadLocal<std::vector<long long>> Partial;

      void Initialize()
      {
        this->Partial.Local().assign(this->Prefixes.size() * this->Digits.Bins, 0);
      }
      void operator()(vtkIdType firstRow, vtkIdType lastRow)
      {
        long long* counts = this->Partial.Local().data();
        const int shift = this->Shift;
        const int bits = this->Digits.Bits;
        const std::size_t bins = this->Digits.Bins;
        const std::size_t groups = this->Prefixes.size();
        const std::uint64_t* prefixes = this->Prefixes.data();
        this->Block.ForCountedValues(this->Array, firstRow, lastRow,
          [&](ValueType value)
          {
            const std::uint64_t key = OrderedKey(static_cast<double>(value));
            // The first pass has no prefix yet (and a shift by 64 bits would be undefined).
            const std::uint64_t prefix = shift + bits < 64 ? key >> (shift + bits) : 0;
            const std::size_t digit = (key >> shift) & (bins - 1);
            for (std::size_t group = 0; group < groups; ++group)
            {
              if (prefixes[group] == prefix)
              {
                ++counts[group * bins + digit];
                break;
              }
            }
          });
      }
      void Reduce() {}
    };
    Pass pass{ array, block, digits, shift, prefixes, {} };
    vtkSMPTools::For(0, block.GetNumberOfRows(), pass);
    for (const std::vector<long long>& partial : pass.Partial)
    {
      std::transform(
        partial.begin(), partial.end(), counts.begin(), counts.begin(), std::plus<long long>());
    }
  }
};
}

std::vector<double> IntensityTransformRadixSelection::SelectRanks(vtkDataArray* array,
  const IntensityTransformBlock& block, vtkMultiProcessController* controller, long long count,
  std::vector<vtkIdType> ranks, const std::function<void(double)>& progress)
{
  const RadixDigits digits = RadixDigits::ForCount(count);
  std::vector<std::uint64_t> prefixes(ranks.size(), 0);
  for (int shift = 64 - digits.Bits; shift >= 0; shift -= digits.Bits)
  {
    std::vector<std::uint64_t> groups(prefixes);
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    std::vector<long long> counts(groups.size() * digits.Bins, 0);
    if (array)
    {
      ArrayDispatch::Execute(array, ComputeDigitHistograms{}, block, digits, shift, groups, counts);
    }
    IntensityTransformBlock::SumOverProcesses(controller, counts);
    for (std::size_t target = 0; target < ranks.size(); ++target)
    {
      const std::size_t group =
        std::lower_bound(groups.begin(), groups.end(), prefixes[target]) - groups.begin();
      const long long* digitCounts = counts.data() + group * digits.Bins;
      std::size_t digit = 0;
      while (ranks[target] >= digitCounts[digit])
      {
        ranks[target] -= digitCounts[digit];
        ++digit;
      }
      prefixes[target] = (prefixes[target] << digits.Bits) | digit;
    }
    progress(1.0 - static_cast<double>(shift) / 64.0);
  }
  std::vector<double> values(prefixes.size());
  std::transform(prefixes.begin(), prefixes.end(), values.begin(), ValueOfOrderedKey);
  return values;
}
} // namespace paravoxel
