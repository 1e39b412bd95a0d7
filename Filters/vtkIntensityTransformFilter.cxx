#include "vtkIntensityTransformFilter.h"

#include "vtkParaVoxelArraySelection.h"

#include "vtkArrayDispatch.h"
#include "vtkCellData.h"
#include "vtkDataArray.h"
#include "vtkDataArrayRange.h"
#include "vtkDataObject.h"
#include "vtkDataSetAttributes.h"
#include "vtkFloatArray.h"
#include "vtkImageData.h"
#include "vtkInformation.h"
#include "vtkInformationIntegerRequestKey.h"
#include "vtkInformationVector.h"
#include "vtkMultiProcessController.h"
#include "vtkNew.h"
#include "vtkObjectFactory.h"
#include "vtkParaVoxelArrayRanges.h"
#include "vtkParaVoxelMemory.h"
#include "vtkParaVoxelPieces.h"
#include "vtkPointData.h"
#include "vtkSMPThreadLocal.h"
#include "vtkSMPTools.h"
#include "vtkStreamingDemandDrivenPipeline.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <type_traits>
#include <vector>

vtkStandardNewMacro(vtkIntensityTransformFilter);
vtkCxxSetObjectMacro(vtkIntensityTransformFilter, Controller, vtkMultiProcessController);

namespace
{
/**
 * The values of the array that this process counts in the statistics: a box of the array's
 * (point or cell) grid, in array indices, walked row by row along x.
 */
struct OwnedBlock
{
  vtkIdType Dimensions[3] = { 0, 0, 0 };
  vtkIdType Begin[3] = { 0, 0, 0 };
  vtkIdType End[3] = { 0, 0, 0 }; // exclusive

  vtkIdType RowLength() const { return this->End[0] - this->Begin[0]; }
  vtkIdType NumberOfRows() const
  {
    return this->RowLength() > 0 ? (this->End[1] - this->Begin[1]) * (this->End[2] - this->Begin[2])
                                 : 0;
  }
  vtkIdType RowStart(vtkIdType row) const
  {
    const vtkIdType rowsPerSlice = this->End[1] - this->Begin[1];
    const vtkIdType j = this->Begin[1] + row % rowsPerSlice;
    const vtkIdType k = this->Begin[2] + row / rowsPerSlice;
    return (k * this->Dimensions[1] + j) * this->Dimensions[0] + this->Begin[0];
  }
};

/**
 * The owned block of `input`'s point or cell grid. Pieces made from one whole extent share their
 * boundary layer of points: the upper piece owns it, so every point of the whole extent is owned
 * by exactly one piece. Cells of neighbouring pieces do not overlap. Ghost layers beyond
 * `pieceExtent` are never owned.
 */
OwnedBlock ComputeOwnedBlock(
  vtkImageData* input, bool cells, const int wholeExtent[6], const int pieceExtent[6])
{
  OwnedBlock block;
  const int* extent = input->GetExtent();
  for (int axis = 0; axis < 3; ++axis)
  {
    const int low = extent[2 * axis];
    const int high = extent[2 * axis + 1];
    vtkIdType begin;
    vtkIdType end;
    if (cells && low == high)
    {
      // A flat axis still has one layer of (2D) cells.
      block.Dimensions[axis] = 1;
      begin = 0;
      end = pieceExtent[2 * axis] <= pieceExtent[2 * axis + 1] ? 1 : 0;
    }
    else if (cells)
    {
      block.Dimensions[axis] = high - low;
      begin = std::max(pieceExtent[2 * axis], low) - low;
      end = std::min(pieceExtent[2 * axis + 1], high) - low;
    }
    else
    {
      block.Dimensions[axis] = high - low + 1;
      const int ownedHigh = pieceExtent[2 * axis + 1] < wholeExtent[2 * axis + 1]
        ? pieceExtent[2 * axis + 1] - 1
        : pieceExtent[2 * axis + 1];
      begin = std::max(pieceExtent[2 * axis], low) - low;
      end = std::min(ownedHigh, high) - low + 1;
    }
    block.Begin[axis] = begin;
    block.End[axis] = std::max(begin, end);
  }
  return block;
}

bool IsFiniteValue(double value)
{
  return std::isfinite(value);
}

template <typename ValueType>
constexpr bool MayBeNonFinite()
{
  return std::is_floating_point<ValueType>::value;
}

/**
 * Calls `visit(value)` for every owned value of `array` (all of them for integer types, the
 * finite ones for floating point types), rows [firstRow, lastRow) of the block.
 */
template <typename ArrayT, typename Visitor>
void ForOwnedValues(
  ArrayT* array, const OwnedBlock& block, vtkIdType firstRow, vtkIdType lastRow, Visitor&& visit)
{
  using ValueType = vtk::GetAPIType<ArrayT>;
  const auto values = vtk::DataArrayValueRange<1>(array);
  const vtkIdType length = block.RowLength();
  for (vtkIdType row = firstRow; row < lastRow; ++row)
  {
    const vtkIdType start = block.RowStart(row);
    for (vtkIdType index = start; index < start + length; ++index)
    {
      const ValueType value = values[index];
      if (MayBeNonFinite<ValueType>() && !IsFiniteValue(static_cast<double>(value)))
      {
        continue;
      }
      visit(value);
    }
  }
}

/** Minimum, maximum and number of the owned finite values. */
struct RangeStatistics
{
  double Minimum = std::numeric_limits<double>::infinity();
  double Maximum = -std::numeric_limits<double>::infinity();
  vtkIdType Count = 0;
};

struct ComputeRange
{
  template <typename ArrayT>
  void operator()(ArrayT* array, const OwnedBlock& block, RangeStatistics& result) const
  {
    using ValueType = vtk::GetAPIType<ArrayT>;
    struct Pass
    {
      ArrayT* Array;
      const OwnedBlock& Block;
      vtkSMPThreadLocal<RangeStatistics> Partial;

      void Initialize() {}
      void operator()(vtkIdType firstRow, vtkIdType lastRow)
      {
        ValueType minimum = std::numeric_limits<ValueType>::max();
        ValueType maximum = std::numeric_limits<ValueType>::lowest();
        vtkIdType count = 0;
        ForOwnedValues(this->Array, this->Block, firstRow, lastRow, [&](ValueType value) {
          minimum = std::min(minimum, value);
          maximum = std::max(maximum, value);
          ++count;
        });
        if (count > 0)
        {
          RangeStatistics& partial = this->Partial.Local();
          partial.Minimum = std::min(partial.Minimum, static_cast<double>(minimum));
          partial.Maximum = std::max(partial.Maximum, static_cast<double>(maximum));
          partial.Count += count;
        }
      }
      void Reduce() {}
    };
    Pass pass{ array, block, {} };
    vtkSMPTools::For(0, block.NumberOfRows(), pass);
    for (const RangeStatistics& partial : pass.Partial)
    {
      result.Minimum = std::min(result.Minimum, partial.Minimum);
      result.Maximum = std::max(result.Maximum, partial.Maximum);
      result.Count += partial.Count;
    }
  }
};

/** Number of owned values equal to each integer of [offset, offset + counts.size()). */
struct ComputeHistogram
{
  template <typename ArrayT>
  void operator()(
    ArrayT* array, const OwnedBlock& block, long long offset, std::vector<long long>& counts) const
  {
    using ValueType = vtk::GetAPIType<ArrayT>;
    struct Pass
    {
      ArrayT* Array;
      const OwnedBlock& Block;
      long long Offset;
      std::size_t Bins;
      vtkSMPThreadLocal<std::vector<long long>> Partial;

      void Initialize() { this->Partial.Local().assign(this->Bins, 0); }
      void operator()(vtkIdType firstRow, vtkIdType lastRow)
      {
        long long* counts = this->Partial.Local().data();
        const long long offset = this->Offset;
        ForOwnedValues(this->Array, this->Block, firstRow, lastRow,
          [&](ValueType value) { ++counts[static_cast<long long>(value) - offset]; });
      }
      void Reduce() {}
    };
    Pass pass{ array, block, offset, counts.size(), {} };
    vtkSMPTools::For(0, block.NumberOfRows(), pass);
    for (const std::vector<long long>& partial : pass.Partial)
    {
      std::transform(
        partial.begin(), partial.end(), counts.begin(), counts.begin(), std::plus<long long>());
    }
  }
};

/**
 * Maps doubles to unsigned integers in the same order (for finite values), so that the k-th
 * smallest value can be found digit by digit.
 */
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
 * One pass of the radix selection: among the owned values whose key starts with one of
 * `prefixes` (the digits found so far), the number of values for each next digit, per prefix.
 */
struct ComputeDigitHistograms
{
  template <typename ArrayT>
  void operator()(ArrayT* array, const OwnedBlock& block, RadixDigits digits, int shift,
    const std::vector<std::uint64_t>& prefixes, std::vector<long long>& counts) const
  {
    using ValueType = vtk::GetAPIType<ArrayT>;
    struct Pass
    {
      ArrayT* Array;
      const OwnedBlock& Block;
      RadixDigits Digits;
      int Shift;
      const std::vector<std::uint64_t>& Prefixes;
      vtkSMPThreadLocal<std::vector<long long>> Partial;

      void Initialize() { this->Partial.Local().assign(this->Prefixes.size() * this->Digits.Bins, 0); }
      void operator()(vtkIdType firstRow, vtkIdType lastRow)
      {
        long long* counts = this->Partial.Local().data();
        const int shift = this->Shift;
        const int bits = this->Digits.Bits;
        const std::size_t bins = this->Digits.Bins;
        const std::size_t groups = this->Prefixes.size();
        const std::uint64_t* prefixes = this->Prefixes.data();
        ForOwnedValues(this->Array, this->Block, firstRow, lastRow, [&](ValueType value) {
          const std::uint64_t key = OrderedKey(static_cast<double>(value));
          // The first pass has no prefix yet (and a shift by 64 bits would be undefined).
          const std::uint64_t prefix =
            shift + bits < 64 ? key >> (shift + bits) : 0;
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
    vtkSMPTools::For(0, block.NumberOfRows(), pass);
    for (const std::vector<long long>& partial : pass.Partial)
    {
      std::transform(
        partial.begin(), partial.end(), counts.begin(), counts.begin(), std::plus<long long>());
    }
  }
};

/**
 * A sum of values in [0, 1] in 64.53 fixed point: exact, so independent of the order of the
 * additions (threads, processes). Each value is rounded to 2^-53 (below double's precision near
 * 1) before it is added.
 */
struct FixedPointSum
{
  static constexpr double Scale = 9007199254740992.0; // 2^53

  std::uint64_t Low = 0;
  std::uint64_t High = 0;

  void Add(double value) { this->AddUnits(static_cast<std::uint64_t>(value * Scale + 0.5)); }
  void AddUnits(std::uint64_t units)
  {
    this->Low += units;
    this->High += this->Low < units ? 1 : 0;
  }
  void Add(const FixedPointSum& other)
  {
    this->AddUnits(other.Low);
    this->High += other.High;
  }
  double ToDouble() const
  {
    return (std::ldexp(static_cast<double>(this->High), 64) + static_cast<double>(this->Low)) /
      Scale;
  }

  /**
   * Sums over all processes: the 128 bits travel as four 32-bit limbs, each summed in 64 bits
   * (no overflow below 2^32 processes), then the carries are propagated.
   */
  void AllReduce(vtkMultiProcessController* controller)
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
};

/** The curve of the filter, once its normalization range and mean(g) are known. */
struct ContrastCurve
{
  double Low;
  double Width;
  double Floor;
  double Gamma;
  double Contrast;
  double Offset;
  double Mean = 0.0;

  /** g: the value normalized, cut at the floor and raised to the gamma. */
  double Lift(double value) const
  {
    const double normalized = (value - this->Low) / this->Width;
    const double cut = std::min(std::max(normalized - this->Floor, 0.0), 1.0);
    // Most voxels of a brain volume are air below the floor: spare them the pow() (0^0 is 1,
    // as in numpy; Gamma is never negative).
    if (cut > 0.0)
    {
      return std::pow(cut, this->Gamma);
    }
    return this->Gamma > 0.0 ? 0.0 : 1.0;
  }

  /** The result from g: the contrast stretch about mean(g), the offset and the final clip. */
  float Stretch(double lifted) const
  {
    const double stretched = (lifted - this->Mean) * this->Contrast + this->Mean - this->Offset;
    return static_cast<float>(std::min(std::max(stretched, 0.0), 1.0));
  }

  float Apply(double value) const { return this->Stretch(this->Lift(value)); }
};

/**
 * g of every value of the input (owned or not) into `lifted`, as float32 (NaN for non-finite
 * values), and the sum of g over the owned finite values (the numerator of mean(g)). Keeping g
 * saves the curve's pow() a second evaluation; its float32 rounding moves the result by at most
 * 2^-24 x (Contrast + 1).
 */
struct LiftAndSum
{
  template <typename ArrayT>
  void operator()(ArrayT* array, const OwnedBlock& block, const ContrastCurve& curve,
    float* lifted, FixedPointSum& sum) const
  {
    using ValueType = vtk::GetAPIType<ArrayT>;
    struct Pass
    {
      ArrayT* Array;
      const OwnedBlock& Block;
      const ContrastCurve& Curve;
      float* Lifted;
      vtkSMPThreadLocal<FixedPointSum> Partial;

      void Initialize() {}
      void operator()(vtkIdType firstRow, vtkIdType lastRow)
      {
        const auto values = vtk::DataArrayValueRange<1>(this->Array);
        FixedPointSum& partial = this->Partial.Local();
        const vtkIdType rowLength = this->Block.Dimensions[0];
        const vtkIdType rowsPerSlice = this->Block.Dimensions[1];
        auto lift = [&](vtkIdType first, vtkIdType last, bool owned) {
          for (vtkIdType index = first; index < last; ++index)
          {
            const ValueType value = values[index];
            if (MayBeNonFinite<ValueType>() && !IsFiniteValue(static_cast<double>(value)))
            {
              this->Lifted[index] = std::numeric_limits<float>::quiet_NaN();
              continue;
            }
            const double g = this->Curve.Lift(static_cast<double>(value));
            this->Lifted[index] = static_cast<float>(g);
            if (owned)
            {
              partial.Add(g);
            }
          }
        };
        for (vtkIdType row = firstRow; row < lastRow; ++row)
        {
          const vtkIdType j = row % rowsPerSlice;
          const vtkIdType k = row / rowsPerSlice;
          const vtkIdType start = row * rowLength;
          const bool ownedRow = this->Block.RowLength() > 0 && j >= this->Block.Begin[1] &&
            j < this->Block.End[1] && k >= this->Block.Begin[2] && k < this->Block.End[2];
          if (!ownedRow)
          {
            lift(start, start + rowLength, false);
            continue;
          }
          lift(start, start + this->Block.Begin[0], false);
          lift(start + this->Block.Begin[0], start + this->Block.End[0], true);
          lift(start + this->Block.End[0], start + rowLength, false);
        }
      }
      void Reduce() {}
    };
    Pass pass{ array, block, curve, lifted, {} };
    vtkSMPTools::For(0, block.Dimensions[1] * block.Dimensions[2], pass);
    for (const FixedPointSum& partial : pass.Partial)
    {
      sum.Add(partial);
    }
  }
};

/**
 * The result for every value of the input (owned or not) of an integer array, from the table of
 * results of the integers [offset, offset + table.size()).
 */
struct ApplyTable
{
  template <typename ArrayT>
  void operator()(ArrayT* array, const ContrastCurve& curve, long long offset,
    const std::vector<float>& table, float* result) const
  {
    const auto values = vtk::DataArrayValueRange<1>(array);
    const long long bins = static_cast<long long>(table.size());
    vtkSMPTools::For(0, array->GetNumberOfTuples(), [&](vtkIdType begin, vtkIdType end) {
      for (vtkIdType index = begin; index < end; ++index)
      {
        const long long bin = static_cast<long long>(values[index]) - offset;
        // Every value lies in the table's range, which spans the global minimum and maximum;
        // the check only guards memory should a pipeline hand over values no piece owns.
        result[index] =
          (bin >= 0 && bin < bins) ? table[bin] : curve.Apply(static_cast<double>(values[index]));
      }
    });
  }
};

/** Runs `worker(array, args...)` with the array's concrete type when it is a common one. */
template <typename Worker, typename... Args>
void Dispatch(vtkDataArray* array, Worker&& worker, Args&&... args)
{
  if (!vtkArrayDispatch::Dispatch::Execute(array, worker, std::forward<Args>(args)...))
  {
    worker(array, std::forward<Args>(args)...);
  }
}

bool IsIntegerType(int dataType)
{
  switch (dataType)
  {
    case VTK_CHAR:
    case VTK_SIGNED_CHAR:
    case VTK_UNSIGNED_CHAR:
    case VTK_SHORT:
    case VTK_UNSIGNED_SHORT:
    case VTK_INT:
    case VTK_UNSIGNED_INT:
    case VTK_LONG:
    case VTK_UNSIGNED_LONG:
    case VTK_LONG_LONG:
    case VTK_UNSIGNED_LONG_LONG:
    case VTK_ID_TYPE:
      return true;
    default:
      return false;
  }
}

/**
 * numpy.percentile's linear interpolation between the values of ranks floor(h) and floor(h) + 1,
 * h = (count - 1) * percentile / 100, written as numpy writes it.
 */
double InterpolatePercentile(double below, double above, double fraction)
{
  const double difference = above - below;
  return fraction >= 0.5 ? above - difference * (1.0 - fraction) : below + difference * fraction;
}

struct PercentileRanks
{
  vtkIdType Below;
  vtkIdType Above;
  double Fraction;
};

PercentileRanks RanksOfPercentile(double percentile, vtkIdType count)
{
  const double position = (percentile / 100.0) * static_cast<double>(count - 1);
  PercentileRanks ranks;
  ranks.Below = std::min(static_cast<vtkIdType>(std::floor(position)), count - 1);
  ranks.Above = std::min(ranks.Below + 1, count - 1);
  ranks.Fraction = position - static_cast<double>(ranks.Below);
  return ranks;
}
/**
 * What each process contributes to the statistics, and their global totals. Every process takes
 * part in every reduction, even with an empty piece or an error, so that none waits forever.
 */
struct GlobalStatistics
{
  RangeStatistics Range;
  long long Failures = 0;
  long long NonIntegerArrays = 0;

  void AllReduce(vtkMultiProcessController* controller)
  {
    double extremes[2] = { this->Range.Minimum, -this->Range.Maximum };
    double globalExtremes[2];
    controller->AllReduce(extremes, globalExtremes, 2, vtkCommunicator::MIN_OP);
    long long totals[3] = { this->Range.Count, this->Failures, this->NonIntegerArrays };
    long long globalTotals[3];
    controller->AllReduce(totals, globalTotals, 3, vtkCommunicator::SUM_OP);
    this->Range.Minimum = globalExtremes[0];
    this->Range.Maximum = -globalExtremes[1];
    this->Range.Count = globalTotals[0];
    this->Failures = globalTotals[1];
    this->NonIntegerArrays = globalTotals[2];
  }
};

/**
 * The float32 result array, added to the output as its active scalars; null when its memory
 * cannot be had (VTK reports the allocation that failed).
 */
vtkFloatArray* AddResultArray(
  vtkImageData* output, int association, vtkDataArray* scalars, const char* name)
{
  vtkNew<vtkFloatArray> result;
  result->SetName(name);
  if (!vtkParaVoxelMemory::SetNumberOfTuples(result, scalars->GetNumberOfTuples()))
  {
    return nullptr;
  }
  vtkDataSetAttributes* attributes = association == vtkDataObject::FIELD_ASSOCIATION_CELLS
    ? static_cast<vtkDataSetAttributes*>(output->GetCellData())
    : static_cast<vtkDataSetAttributes*>(output->GetPointData());
  // SetScalars() would replace the input's scalars; the input array stays alongside.
  attributes->AddArray(result);
  attributes->SetActiveScalars(name);
  return result;
}

void SumOverProcesses(vtkMultiProcessController* controller, std::vector<long long>& counts)
{
  if (controller)
  {
    std::vector<long long> local(counts);
    controller->AllReduce(local.data(), counts.data(), static_cast<vtkIdType>(counts.size()),
      vtkCommunicator::SUM_OP);
  }
}

/**
 * The values of the given ranks (0-based, among the `count` owned finite values of all
 * processes sorted in increasing order), by radix selection on their ordered keys: each pass
 * counts the next digit of the keys that match the digits found so far.
 */
std::vector<double> SelectRanks(vtkDataArray* array, const OwnedBlock& block,
  vtkMultiProcessController* controller, long long count, std::vector<vtkIdType> ranks,
  const std::function<void(double)>& progress)
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
      Dispatch(array, ComputeDigitHistograms{}, block, digits, shift, groups, counts);
    }
    SumOverProcesses(controller, counts);
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
} // namespace

//------------------------------------------------------------------------------
vtkIntensityTransformFilter::vtkIntensityTransformFilter()
{
  this->SetResultArrayName("Transformed");
  this->SetController(vtkMultiProcessController::GetGlobalController());
  // By default, the active scalars of the points, else of the cells.
  this->SetInputArrayToProcess(0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS_THEN_CELLS,
    vtkDataSetAttributes::SCALARS);
}

vtkIntensityTransformFilter::~vtkIntensityTransformFilter()
{
  this->SetResultArrayName(nullptr);
  this->SetController(nullptr);
}

int vtkIntensityTransformFilter::FillInputPortInformation(int, vtkInformation* info)
{
  info->Set(vtkAlgorithm::INPUT_REQUIRED_DATA_TYPE(), "vtkImageData");
  return 1;
}

//------------------------------------------------------------------------------
int vtkIntensityTransformFilter::RequestData(
  vtkInformation*, vtkInformationVector** inputVector, vtkInformationVector* outputVector)
{
  vtkImageData* input = vtkImageData::GetData(inputVector[0]);
  vtkImageData* output = vtkImageData::GetData(outputVector);
  vtkInformation* inInfo = inputVector[0]->GetInformationObject(0);
  vtkInformation* outInfo = outputVector->GetInformationObject(0);
  // vtkImageData::PrepareForNewData() keeps the active point scalars of an output across
  // executions (for image filters that reuse their memory): an error after a successful run left
  // the previous result array on an output of 0 points (found by fuzz_filters). Start from an
  // empty output, so that errors and empty inputs give one, as documented.
  output->Initialize();

  // The statistics are global when the pipeline is split into one piece per process.
  const int pieces = outInfo->Has(vtkStreamingDemandDrivenPipeline::UPDATE_NUMBER_OF_PIECES())
    ? outInfo->Get(vtkStreamingDemandDrivenPipeline::UPDATE_NUMBER_OF_PIECES())
    : 1;
  vtkMultiProcessController* controller =
    (this->Controller && pieces > 1 && this->Controller->GetNumberOfProcesses() == pieces)
    ? this->Controller
    : nullptr;

  // Local checks. An error ends every process's execution (after one reduction), with an empty
  // output.
  GlobalStatistics statistics;
  vtkDataArray* scalars = nullptr;
  int association = vtkDataObject::FIELD_ASSOCIATION_POINTS;
  const bool hasValues = input && input->GetNumberOfPoints() > 0;
  if (hasValues)
  {
    scalars = this->GetInputArrayToProcess(0, inputVector, association);
    vtkInformation* selection = this->GetInputArrayInformation(0);
    if (!scalars)
    {
      scalars = vtkParaVoxelArraySelection::ActiveScalarsWhenUnnamed(selection, input, association);
    }
    if (!scalars)
    {
      vtkErrorMacro("The input has no "
        << (selection->Has(vtkDataObject::FIELD_NAME())
               ? std::string("array named '") + selection->Get(vtkDataObject::FIELD_NAME()) + "'"
               : std::string("scalars"))
        << " to transform.");
    }
    else if (association != vtkDataObject::FIELD_ASSOCIATION_POINTS &&
      association != vtkDataObject::FIELD_ASSOCIATION_CELLS)
    {
      vtkErrorMacro("Array '" << (scalars->GetName() ? scalars->GetName() : "")
                              << "' is neither point data nor cell data.");
      scalars = nullptr;
    }
    else if (scalars->GetNumberOfComponents() != 1)
    {
      vtkErrorMacro("Array '" << (scalars->GetName() ? scalars->GetName() : "") << "' has "
                              << scalars->GetNumberOfComponents()
                              << " components: Intensity Transform needs a one-component array.");
      scalars = nullptr;
    }
    else if (!this->ResultArrayName || !*this->ResultArrayName)
    {
      vtkErrorMacro("ResultArrayName is empty: the result array needs a name.");
      scalars = nullptr;
    }
    else if (const char* parameter = this->FindNaNParameter())
    {
      // A NaN would reach integer conversions (fixed-point sums): undefined behaviour, and no
      // meaningful curve. (A NaN normalization bound is an empty range instead, see below.)
      vtkErrorMacro(<< parameter << " is NaN: every parameter of the curve must be a number.");
      scalars = nullptr;
    }
    statistics.Failures = scalars ? 0 : 1;
  }

  // The piece this process owns: the zero-ghost split of the whole extent that the pipeline
  // makes for pieces, whatever extent the input holds (its piece with ghost layers, or the whole
  // image from a source that cannot split).
  OwnedBlock block;
  if (scalars)
  {
    int wholeExtent[6];
    std::copy(input->GetExtent(), input->GetExtent() + 6, wholeExtent);
    int pieceExtent[6];
    std::copy(wholeExtent, wholeExtent + 6, pieceExtent);
    if (pieces > 1 && inInfo->Has(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT()))
    {
      inInfo->Get(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), wholeExtent);
      vtkParaVoxelPieces::ComputePieceExtent(outInfo, inInfo, 0, wholeExtent, pieceExtent);
    }
    block = ComputeOwnedBlock(
      input, association == vtkDataObject::FIELD_ASSOCIATION_CELLS, wholeExtent, pieceExtent);
    Dispatch(scalars, ComputeRange{}, block, statistics.Range);
    statistics.NonIntegerArrays = IsIntegerType(scalars->GetDataType()) ? 0 : 1;
  }
  if (controller)
  {
    statistics.AllReduce(controller);
  }
  this->UpdateProgress(0.2);
  if (statistics.Failures > 0)
  {
    // Errors were reported where they happened.
    return 1;
  }
  if (!scalars && !controller)
  {
    // An empty input gives an empty output.
    return 1;
  }
  // From here on, a process with an empty piece (no scalars) only takes part in the reductions.
  if (scalars)
  {
    output->ShallowCopy(input);
  }

  const RangeStatistics& range = statistics.Range;
  // Exact integer histograms: integer arrays everywhere, a small span, and values doubles hold
  // exactly (so that the minimum is a valid offset). The bounds exclude +-2^53 itself: 64-bit
  // integers just beyond it (2^53 + 1) round to it as doubles and would index past the histogram
  // (a heap overflow, cxx.IntensityTransform.IntegersAroundTwoToThe53).
  const double exactIntegers = 9007199254740992.0; // 2^53
  const bool useHistogram = statistics.NonIntegerArrays == 0 && range.Count > 0 &&
    range.Maximum - range.Minimum < HistogramBinLimit && range.Minimum > -exactIntegers &&
    range.Maximum < exactIntegers;
  const long long offset = useHistogram ? static_cast<long long>(range.Minimum) : 0;
  std::vector<long long> histogram;
  if (useHistogram)
  {
    histogram.assign(static_cast<std::size_t>(range.Maximum - range.Minimum) + 1, 0);
    if (scalars)
    {
      Dispatch(scalars, ComputeHistogram{}, block, offset, histogram);
    }
    SumOverProcesses(controller, histogram);
    this->UpdateProgress(0.4);
  }

  // The normalization range.
  double low = range.Minimum;
  double high = range.Maximum;
  if (this->NormalizationMode == CUSTOM_RANGE)
  {
    low = this->CustomRange[0];
    high = this->CustomRange[1];
  }
  else if (this->NormalizationMode == PERCENTILE_RANGE && range.Count > 0)
  {
    std::vector<PercentileRanks> percentiles;
    std::vector<vtkIdType> ranks;
    for (double percentile : this->PercentileRange)
    {
      // A NaN percentile has no rank (converting it to an integer was undefined behaviour, which
      // UBSan reports under fuzz_filters): it takes rank 0 here and gives a NaN bound below, so an
      // empty range, as a NaN custom range does.
      percentiles.push_back(RanksOfPercentile(
        std::isnan(percentile) ? 0.0 : std::min(std::max(percentile, 0.0), 100.0), range.Count));
      ranks.push_back(percentiles.back().Below);
      ranks.push_back(percentiles.back().Above);
    }
    std::vector<double> values(ranks.size());
    if (useHistogram)
    {
      for (std::size_t target = 0; target < ranks.size(); ++target)
      {
        long long seen = 0;
        std::size_t bin = 0;
        while (seen + histogram[bin] <= ranks[target])
        {
          seen += histogram[bin++];
        }
        values[target] = static_cast<double>(offset + static_cast<long long>(bin));
      }
    }
    else
    {
      values = SelectRanks(scalars, block, controller, range.Count, ranks,
        [this](double fraction) { this->UpdateProgress(0.2 + 0.3 * fraction); });
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    low = std::isnan(this->PercentileRange[0])
      ? nan
      : InterpolatePercentile(values[0], values[1], percentiles[0].Fraction);
    high = std::isnan(this->PercentileRange[1])
      ? nan
      : InterpolatePercentile(values[2], values[3], percentiles[1].Fraction);
  }
  this->LastNormalizationRange[0] = low;
  this->LastNormalizationRange[1] = high;

  const bool emptyRange = range.Count == 0 || !(high > low) || !std::isfinite(high - low);
  if (emptyRange && scalars)
  {
    const char* name = scalars->GetName() ? scalars->GetName() : "";
    if (range.Count == 0)
    {
      vtkWarningMacro("Array '" << name << "' has no finite value: the result is 0 everywhere.");
    }
    else
    {
      vtkWarningMacro("The normalization range ["
        << low << ", " << high << "] of array '" << name << "' is empty"
        << (this->NormalizationMode == CUSTOM_RANGE ? "" : " (constant values?)")
        << ": the result is 0 everywhere.");
    }
  }
  if (emptyRange)
  {
    if (scalars)
    {
      if (vtkFloatArray* zeros = AddResultArray(output, association, scalars, this->ResultArrayName))
      {
        zeros->FillValue(0.0f);
        vtkParaVoxelArrayRanges::Cache(zeros);
      }
    }
    this->UpdateProgress(1.0);
    return 1;
  }

  ContrastCurve curve{ low, high - low, this->Floor, this->Gamma, this->Contrast, this->Offset };
  vtkFloatArray* result =
    scalars ? AddResultArray(output, association, scalars, this->ResultArrayName) : nullptr;
  if (useHistogram)
  {
    // mean(g) and the results from one evaluation of the curve per integer value; the sum runs
    // in value order over the global histogram, the same on every process.
    std::vector<double> lifted(histogram.size());
    double sum = 0.0;
    for (std::size_t bin = 0; bin < histogram.size(); ++bin)
    {
      lifted[bin] = curve.Lift(static_cast<double>(offset + static_cast<long long>(bin)));
      sum += static_cast<double>(histogram[bin]) * lifted[bin];
    }
    curve.Mean = sum / static_cast<double>(range.Count);
    std::vector<float> table(histogram.size());
    std::transform(lifted.begin(), lifted.end(), table.begin(),
      [&curve](double g) { return curve.Stretch(g); });
    this->UpdateProgress(0.6);
    if (result)
    {
      Dispatch(scalars, ApplyTable{}, curve, offset, table, result->GetPointer(0));
    }
  }
  else
  {
    // g goes into the result array, then is stretched in place once mean(g) is known.
    FixedPointSum sum;
    if (result)
    {
      Dispatch(scalars, LiftAndSum{}, block, curve, result->GetPointer(0), sum);
    }
    if (controller)
    {
      sum.AllReduce(controller);
    }
    curve.Mean = sum.ToDouble() / static_cast<double>(range.Count);
    this->UpdateProgress(0.6);
    if (result)
    {
      float* values = result->GetPointer(0);
      vtkSMPTools::For(0, result->GetNumberOfTuples(), [&](vtkIdType begin, vtkIdType end) {
        for (vtkIdType index = begin; index < end; ++index)
        {
          values[index] = std::isnan(values[index]) ? 0.0f : curve.Stretch(values[index]);
        }
      });
    }
  }
  // ParaView asks for the result's ranges after every update: one fast pass now instead.
  vtkParaVoxelArrayRanges::Cache(result);
  this->UpdateProgress(1.0);
  return 1;
}

//------------------------------------------------------------------------------
const char* vtkIntensityTransformFilter::FindNaNParameter() const
{
  const struct
  {
    const char* Name;
    double Value;
  } parameters[] = { { "Floor", this->Floor }, { "Gamma", this->Gamma },
    { "Contrast", this->Contrast }, { "Offset", this->Offset } };
  for (const auto& parameter : parameters)
  {
    if (std::isnan(parameter.Value))
    {
      return parameter.Name;
    }
  }
  return nullptr;
}

void vtkIntensityTransformFilter::PrintSelf(ostream& os, vtkIndent indent)
{
  this->Superclass::PrintSelf(os, indent);
  os << indent << "Floor: " << this->Floor << "\n";
  os << indent << "Gamma: " << this->Gamma << "\n";
  os << indent << "Contrast: " << this->Contrast << "\n";
  os << indent << "Offset: " << this->Offset << "\n";
  os << indent << "NormalizationMode: " << this->NormalizationMode << "\n";
  os << indent << "CustomRange: " << this->CustomRange[0] << ", " << this->CustomRange[1] << "\n";
  os << indent << "PercentileRange: " << this->PercentileRange[0] << ", "
     << this->PercentileRange[1] << "\n";
  os << indent << "ResultArrayName: " << (this->ResultArrayName ? this->ResultArrayName : "")
     << "\n";
  os << indent << "Controller: " << this->Controller << "\n";
  os << indent << "LastNormalizationRange: " << this->LastNormalizationRange[0] << ", "
     << this->LastNormalizationRange[1] << "\n";
}
