#include "IntensityTransformCurve.h"

#include "ArrayDispatch.h"
#include "IntensityTransformBlock.h"
#include "vtkFloatArray.h"
#include "vtkSMPThreadLocal.h"
#include "vtkSMPTools.h"

#include <limits>

namespace paravoxel
{
namespace
{
// PASS 4: g of every value, and the sum of g over the block's values, per thread.
struct LiftAndSum
{
  template <typename ArrayT>
  void operator()(ArrayT* array, const IntensityTransformBlock& block,
    const IntensityTransformCurve& curve, float* lifted, IntensityTransformFixedPointSum& sum) const
  {
    using ValueType = vtk::GetAPIType<ArrayT>;
    struct Pass
    {
      ArrayT* Array;
      const IntensityTransformBlock& Block;
      const IntensityTransformCurve& Curve;
      float* Lifted;
      vtkSMPThreadLocal<IntensityTransformFixedPointSum> Partial;

      void Initialize() {}
      void operator()(vtkIdType firstRow, vtkIdType lastRow)
      {
        const auto values = vtk::DataArrayValueRange<1>(this->Array);
        IntensityTransformFixedPointSum& partial = this->Partial.Local();
        const vtkIdType rowLength = this->Block.GetDimensions()[0];
        const vtkIdType rowsPerSlice = this->Block.GetDimensions()[1];
        auto lift = [&](vtkIdType first, vtkIdType last, bool owned)
        {
          for (vtkIdType index = first; index < last; ++index)
          {
            const ValueType value = values[index];
            if (!IntensityTransformBlock::IsCounted(value))
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
          const vtkIdType start = row * rowLength;
          if (!this->Block.IsOwnedRow(row % rowsPerSlice, row / rowsPerSlice))
          {
            lift(start, start + rowLength, false);
            continue;
          }
          lift(start, start + this->Block.GetBegin(0), false);
          lift(start + this->Block.GetBegin(0), start + this->Block.GetEnd(0), true);
          lift(start + this->Block.GetEnd(0), start + rowLength, false);
        }
      }
      void Reduce() {}
    };
    Pass pass{ array, block, curve, lifted, {} };
    const vtkIdType* dimensions = block.GetDimensions();
    vtkSMPTools::For(0, dimensions[1] * dimensions[2], pass);
    for (const IntensityTransformFixedPointSum& partial : pass.Partial)
    {
      sum.Add(partial);
    }
  }
};

// PASS 5 with a histogram: the results of an integer array from the table.
struct ApplyTableWorker
{
  template <typename ArrayT>
  void operator()(ArrayT* array, const IntensityTransformCurve& curve, long long offset,
    const std::vector<float>& table, float* result) const
  {
    const auto values = vtk::DataArrayValueRange<1>(array);
    const long long bins = static_cast<long long>(table.size());
    vtkSMPTools::For(0, array->GetNumberOfTuples(),
      [&](vtkIdType begin, vtkIdType end)
      {
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
}

std::vector<float> IntensityTransformCurve::TabulateHistogram(
  const std::vector<long long>& histogram, long long offset, long long count)
{
  std::vector<double> lifted(histogram.size());
  double sum = 0.0;
  for (std::size_t bin = 0; bin < histogram.size(); ++bin)
  {
    lifted[bin] = this->Lift(static_cast<double>(offset + static_cast<long long>(bin)));
    sum += static_cast<double>(histogram[bin]) * lifted[bin];
  }
  this->Mean = sum / static_cast<double>(count);
  std::vector<float> table(histogram.size());
  std::transform(
    lifted.begin(), lifted.end(), table.begin(), [this](double g) { return this->Stretch(g); });
  return table;
}

void IntensityTransformCurve::ApplyTable(
  vtkDataArray* array, long long offset, const std::vector<float>& table, float* result) const
{
  ArrayDispatch::Execute(array, ApplyTableWorker{}, *this, offset, table, result);
}

IntensityTransformFixedPointSum IntensityTransformCurve::LiftArray(
  vtkDataArray* array, const IntensityTransformBlock& block, float* lifted) const
{
  IntensityTransformFixedPointSum sum;
  ArrayDispatch::Execute(array, LiftAndSum{}, block, *this, lifted, sum);
  return sum;
}

void IntensityTransformCurve::StretchLifted(vtkFloatArray* values) const
{
  float* lifted = values->GetPointer(0);
  vtkSMPTools::For(0, values->GetNumberOfTuples(),
    [&](vtkIdType begin, vtkIdType end)
    {
      for (vtkIdType index = begin; index < end; ++index)
      {
        lifted[index] = std::isnan(lifted[index]) ? 0.0f : this->Stretch(lifted[index]);
      }
    });
}
} // namespace paravoxel
