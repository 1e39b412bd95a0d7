#include "vtkParaVoxelArrayRanges.h"

#include "ArrayDispatch.h"
#include "vtkDataArray.h"
#include "vtkDataArrayRange.h"
#include "vtkDoubleArray.h"
#include "vtkInformation.h"
#include "vtkInformationDoubleVectorKey.h"
#include "vtkInformationInformationVectorKey.h"
#include "vtkInformationVector.h"
#include "vtkSMPThreadLocal.h"
#include "vtkSMPTools.h"
#include "vtkType.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <vector>

namespace
{
// Per component: [min, max] of all non-NaN values, then [min, max] of the finite ones; then the
// same for the L2 norm of the tuples.
struct Ranges
{
  std::vector<double> All, Finite;
  double Norm[2], FiniteNorm[2];

  explicit Ranges(int components = 0)
    : All(2 * components)
    , Finite(2 * components)
  {
    for (int c = 0; c < components; ++c)
    {
      All[2 * c] = Finite[2 * c] = std::numeric_limits<double>::max();
      All[2 * c + 1] = Finite[2 * c + 1] = std::numeric_limits<double>::lowest();
    }
    Norm[0] = FiniteNorm[0] = std::numeric_limits<double>::max();
    Norm[1] = FiniteNorm[1] = std::numeric_limits<double>::lowest();
  }

  static void Widen(double* range, double value)
  {
    range[0] = std::min(range[0], value);
    range[1] = std::max(range[1], value);
  }

  // Ranges with nothing in them stay [max, lowest] through a merge.
  static void Join(double* range, const double* other)
  {
    range[0] = std::min(range[0], other[0]);
    range[1] = std::max(range[1], other[1]);
  }

  void Merge(const Ranges& other)
  {
    for (std::size_t i = 0; i < this->All.size(); i += 2)
    {
      Join(&this->All[i], &other.All[i]);
      Join(&this->Finite[i], &other.Finite[i]);
    }
    Join(this->Norm, other.Norm);
    Join(this->FiniteNorm, other.FiniteNorm);
  }

  // VTK writes a range with no value in it (all NaN, say) as [VTK_DOUBLE_MAX, VTK_DOUBLE_MIN].
  void UseVTKEmptyRanges()
  {
    for (double* range : { this->All.data(), this->Finite.data(), this->Norm, this->FiniteNorm })
    {
      const std::size_t count =
        range == this->All.data() || range == this->Finite.data() ? this->All.size() : 2;
      for (std::size_t i = 0; i < count; i += 2)
      {
        if (range[i] > range[i + 1])
        {
          range[i] = VTK_DOUBLE_MAX;
          range[i + 1] = VTK_DOUBLE_MIN;
        }
      }
    }
  }
};

// Widens [low, high] and [finiteLow, finiteHigh] by the values valueAt(t), t in [begin, end):
// branch-free selects, so that the compiler vectorises the loop when the values are contiguous.
// NaN fails every comparison and so widens nothing; v - v is 0 for finite values only.
template <typename Value, typename ValueAt>
void WidenTyped(vtkIdType begin, vtkIdType end, ValueAt valueAt, Value& low, Value& high,
  Value& finiteLow, Value& finiteHigh)
{
  for (vtkIdType t = begin; t < end; ++t)
  {
    const Value v = valueAt(t);
    low = v < low ? v : low;
    high = v > high ? v : high;
    if (std::is_floating_point<Value>::value)
    {
      const bool finite = v - v == Value(0);
      finiteLow = finite && v < finiteLow ? v : finiteLow;
      finiteHigh = finite && v > finiteHigh ? v : finiteHigh;
    }
  }
  if (!std::is_floating_point<Value>::value)
  {
    finiteLow = low;
    finiteHigh = high;
  }
}

struct ComputeRanges
{
  template <typename ArrayT>
  void operator()(ArrayT* array, Ranges& result) const
  {
    using Value = vtk::GetAPIType<ArrayT>;
    // Floating point ranges start empty at [+inf, -inf], so that infinities widen them.
    const Value none = std::numeric_limits<Value>::has_infinity
      ? std::numeric_limits<Value>::infinity()
      : std::numeric_limits<Value>::max();
    const Value noneBelow = std::numeric_limits<Value>::has_infinity
      ? -std::numeric_limits<Value>::infinity()
      : std::numeric_limits<Value>::lowest();
    const int components = array->GetNumberOfComponents();
    const auto tuples = vtk::DataArrayTupleRange(array);
    vtkSMPThreadLocal<Ranges> local(Ranges{ components });
    vtkSMPTools::For(0, tuples.size(),
      [&](vtkIdType begin, vtkIdType end)
      {
        Ranges& mine = local.Local();
        // Typed min/max per component first, the norms only for several components.
        for (int c = 0; c < components; ++c)
        {
          Value low = none, high = noneBelow, finiteLow = none, finiteHigh = noneBelow;
          if (components == 1)
          {
            const auto first = vtk::DataArrayValueRange<1>(array).begin();
            WidenTyped(
              begin, end, [first](vtkIdType t) { return first[t]; }, low, high, finiteLow,
              finiteHigh);
          }
          else
          {
            WidenTyped(
              begin, end, [&tuples, c](vtkIdType t) { return Value(tuples[t][c]); }, low, high,
              finiteLow, finiteHigh);
          }
          // A range that saw no value (or only NaN) is still empty (low > high): it widens nothing.
          if (low <= high)
          {
            Ranges::Widen(&mine.All[2 * c], static_cast<double>(low));
            Ranges::Widen(&mine.All[2 * c], static_cast<double>(high));
          }
          if (finiteLow <= finiteHigh)
          {
            Ranges::Widen(&mine.Finite[2 * c], static_cast<double>(finiteLow));
            Ranges::Widen(&mine.Finite[2 * c], static_cast<double>(finiteHigh));
          }
        }
        if (components > 1)
        {
          for (vtkIdType t = begin; t < end; ++t)
          {
            double squares = 0.0;
            for (int c = 0; c < components; ++c)
            {
              const double v = static_cast<double>(tuples[t][c]);
              squares += v * v;
            }
            if (std::isnan(squares))
            {
              continue;
            }
            const double norm = std::sqrt(squares);
            Ranges::Widen(mine.Norm, norm);
            if (std::isfinite(norm))
            {
              Ranges::Widen(mine.FiniteNorm, norm);
            }
          }
        }
      });
    for (const Ranges& partial : local)
    {
      result.Merge(partial);
    }
  }
};

// One information object per component holding COMPONENT_RANGE, as vtkDataArray stores them.
void StorePerComponent(
  vtkInformation* info, vtkInformationInformationVectorKey* key, const std::vector<double>& ranges)
{
  vtkNew<vtkInformationVector> perComponent;
  const int components = static_cast<int>(ranges.size() / 2);
  perComponent->SetNumberOfInformationObjects(components);
  for (int c = 0; c < components; ++c)
  {
    perComponent->GetInformationObject(c)->Set(vtkDataArray::COMPONENT_RANGE(), &ranges[2 * c], 2);
  }
  info->Set(key, perComponent);
}

// Stores `ranges`, computed from the values of `array` or known to be theirs.
void Store(vtkDataArray* array, Ranges& ranges)
{
  const int components = array->GetNumberOfComponents();
  ranges.UseVTKEmptyRanges();
  vtkInformation* info = array->GetInformation();
  StorePerComponent(info, vtkDataArray::PER_COMPONENT(), ranges.All);
  StorePerComponent(info, vtkDataArray::PER_FINITE_COMPONENT(), ranges.Finite);
  if (components > 1)
  {
    info->Set(vtkDataArray::L2_NORM_RANGE(), ranges.Norm, 2);
    info->Set(vtkDataArray::L2_NORM_FINITE_RANGE(), ranges.FiniteNorm, 2);
  }
}
}

void vtkParaVoxelArrayRanges::Cache(vtkDataArray* array)
{
  if (!array || array->GetNumberOfTuples() == 0)
  {
    return;
  }
  Ranges ranges(array->GetNumberOfComponents());
  paravoxel::ArrayDispatch::Execute(array, ComputeRanges{}, ranges);
  Store(array, ranges);
}

void vtkParaVoxelArrayRanges::CacheKnownValues(
  vtkDataArray* array, const std::vector<double>& values)
{
  if (!array || array->GetNumberOfTuples() == 0 || array->GetNumberOfComponents() != 1)
  {
    return;
  }
  vtkNew<vtkDoubleArray> known;
  known->SetArray(const_cast<double*>(values.data()), static_cast<vtkIdType>(values.size()), 1);
  Ranges ranges(1);
  ComputeRanges{}(known.Get(), ranges);
  Store(array, ranges);
}
