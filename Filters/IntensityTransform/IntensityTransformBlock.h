/**
 * @class   IntensityTransformBlock
 * @brief   The values of vtkIntensityTransformFilter's array that this process counts in the
 *          statistics: a box of the array's (point or cell) grid, walked row by row along x.
 *
 * The box is the part of the input that the piece owns
 * (paravoxel::ImagePieces::ComputeOwnedExtent), in array indices: every value of the whole image is
 * counted by exactly one process. Only finite values count: integers always, floating point values
 * unless NaN or infinite.
 */
#ifndef paravoxel_IntensityTransformBlock_h
#define paravoxel_IntensityTransformBlock_h

#include "vtkDataArrayRange.h"
#include "vtkType.h"

#include <cmath>
#include <type_traits>
#include <utility>
#include <vector>

class vtkImageData;
class vtkMultiProcessController;

namespace paravoxel
{
class IntensityTransformBlock
{
public:
  /** An empty block: nothing is counted. */
  IntensityTransformBlock() = default;

  /**
   * The owned points (`cells` false) or cells of `image`, piece `pieceExtent` (zero-ghost) of
   * `wholeExtent`.
   */
  IntensityTransformBlock(
    vtkImageData* image, bool cells, const int wholeExtent[6], const int pieceExtent[6]);

  /** Values of the array's grid along each axis: the block's rows lie in it. */
  const vtkIdType* GetDimensions() const { return this->Dimensions; }

  vtkIdType GetRowLength() const { return this->End[0] - this->Begin[0]; }
  vtkIdType GetNumberOfRows() const
  {
    return this->GetRowLength() > 0
      ? (this->End[1] - this->Begin[1]) * (this->End[2] - this->Begin[2])
      : 0;
  }
  /** Index in the array of the first value of the block's row `row`. */
  vtkIdType GetRowStart(vtkIdType row) const
  {
    const vtkIdType rowsPerSlice = this->End[1] - this->Begin[1];
    const vtkIdType j = this->Begin[1] + row % rowsPerSlice;
    const vtkIdType k = this->Begin[2] + row / rowsPerSlice;
    return (k * this->Dimensions[1] + j) * this->Dimensions[0] + this->Begin[0];
  }
  /** Whether row (j, k) of the array's grid holds owned values, from index GetBegin(0) on. */
  bool IsOwnedRow(vtkIdType j, vtkIdType k) const
  {
    return this->GetRowLength() > 0 && j >= this->Begin[1] && j < this->End[1] &&
      k >= this->Begin[2] && k < this->End[2];
  }
  vtkIdType GetBegin(int axis) const { return this->Begin[axis]; }
  vtkIdType GetEnd(int axis) const { return this->End[axis]; }

  /** Whether `value` counts in the statistics: an integer, or a finite floating point value. */
  template <typename ValueType>
  static bool IsCounted(ValueType value)
  {
    return !std::is_floating_point<ValueType>::value || std::isfinite(static_cast<double>(value));
  }

  /**
   * Calls `visit(value)` for every counted value of `array` in rows [firstRow, lastRow) of the
   * block.
   */
  template <typename ArrayT, typename Visitor>
  void ForCountedValues(ArrayT* array, vtkIdType firstRow, vtkIdType lastRow, Visitor&& visit) const
  {
    using ValueType = vtk::GetAPIType<ArrayT>;
    const auto values = vtk::DataArrayValueRange<1>(array);
    const vtkIdType length = this->GetRowLength();
    for (vtkIdType row = firstRow; row < lastRow; ++row)
    {
      const vtkIdType start = this->GetRowStart(row);
      for (vtkIdType index = start; index < start + length; ++index)
      {
        const ValueType value = values[index];
        if (IsCounted(value))
        {
          visit(value);
        }
      }
    }
  }

  /**
   * Sums `counts` over all processes of `controller` (every process gets the totals); nothing
   * without a controller.
   */
  static void SumOverProcesses(
    vtkMultiProcessController* controller, std::vector<long long>& counts);

private:
  vtkIdType Dimensions[3] = { 0, 0, 0 };
  vtkIdType Begin[3] = { 0, 0, 0 };
  vtkIdType End[3] = { 0, 0, 0 }; // exclusive
};

} // namespace paravoxel

#endif
