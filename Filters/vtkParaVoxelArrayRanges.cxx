#include "vtkParaVoxelArrayRanges.h"

#include "ArrayDispatch.h"
#include "vtkDataArray.h"
#include "vtkDataArrayRange.h"
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

struct ComputeRanges
{
  template <typename ArrayT>
  void operator()(ArrayT* array, Ranges& result) const
  {
    using Value = vtk::GetAPIType<ArrayT>;
    const int components = array->GetNumberOfComponents();
    const auto tuples = vtk::DataArrayTupleRange(array);
    vtkSMPThreadLocal<Ranges> local(Ranges{ components });
    vtkSMPTools::For(0, tuples.size(),
      [&](vtkIdType begin, vtkIdType end)
      {
        Ranges& mine = local.Local();
        // Typed min/max per component first (vectorisable), the norms only for several components.
        for (int c = 0; c < components; ++c)
        {
          Value low = std::numeric_limits<Value>::max();
          Value high = std::numeric_limits<Value>::lowest();
          Value finiteLow = low, finiteHigh = high;
          bool any = false, anyFinite = false;
          for (vtkIdType t = begin; t < end; ++t)
          {
            const Value v = tuples[t][c];
            if (std::is_floating_point<Value>::value)
            {
              if (std::isnan(static_cast<double>(v)))
              {
                continue;
              }
              any = true;
              low = std::min(low, v);
              high = std::max(high, v);
              if (std::isfinite(static_cast<double>(v)))
              {
                anyFinite = true;
                finiteLow = std::min(finiteLow, v);
                finiteHigh = std::max(finiteHigh, v);
              }
            }
            else
            {
              low = std::min(low, v);
              high = std::max(high, v);
            }
          }
          if (!std::is_floating_point<Value>::value)
          {
            any = anyFinite = begin < end;
            finiteLow = low;
            finiteHigh = high;
          }
          if (any)
          {
            Ranges::Widen(&mine.All[2 * c], static_cast<double>(low));
            Ranges::Widen(&mine.All[2 * c], static_cast<double>(high));
          }
          if (anyFinite)
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
}

void vtkParaVoxelArrayRanges::Cache(vtkDataArray* array)
{
  if (!array || array->GetNumberOfTuples() == 0)
  {
    return;
  }
  const int components = array->GetNumberOfComponents();
  Ranges ranges(components);
  paravoxel::ArrayDispatch::Execute(array, ComputeRanges{}, ranges);
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
