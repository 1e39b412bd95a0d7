#include "AnalyzeVoxelConverter.h"

#include "AnalyzeHeader.h"
#include "AnalyzeOrientation.h"
#include "ByteOrder.h"
#include "vtkDataArray.h"
#include "vtkSMPTools.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace paravoxel
{
namespace
{
// Where the output voxels of an extent are in the stored bytes, in values: the first one, and the
// step along each output axis (negative along a flipped axis).
struct SourceWalk
{
  vtkIdType First = 0;
  vtkIdType Step[3] = { 0, 0, 0 };
};

SourceWalk WalkSource(
  const AnalyzeHeader& header, const AnalyzeOrientation& orientation, const int sourceBox[6])
{
  const auto& dims = header.GetDimensions();
  const vtkIdType components = header.GetNumberOfComponents();
  const vtkIdType storedStride[3] = { components, dims[0] * components,
    dims[0] * dims[1] * components };
  SourceWalk walk;
  for (int axis = 0; axis < 3; ++axis)
  {
    const int source = orientation.GetSourceAxis(axis);
    const bool flipped = orientation.IsFlipped(axis);
    walk.Step[axis] = flipped ? -storedStride[source] : storedStride[source];
    // The stored index of the extent's first voxel along this source axis, relative to the
    // bytes held (whole slices from sourceBox[4] on).
    const vtkIdType first = flipped ? sourceBox[2 * source + 1] : sourceBox[2 * source];
    walk.First += (first - (source == 2 ? sourceBox[4] : 0)) * storedStride[source];
  }
  return walk;
}

template <typename Stored, typename Output>
void CopyRows(const AnalyzeHeader& header, const AnalyzeOrientation& orientation,
  const std::uint8_t* raw, const int sourceBox[6], const int extent[6], Output* out)
{
  const int components = header.GetNumberOfComponents();
  const bool swap = header.IsByteSwapped() && sizeof(Stored) > 1;
  const bool scale = header.HasScaling();
  const double slope = header.GetScaleSlope();
  const double intercept = header.GetScaleIntercept();
  const vtkIdType rowVoxels = extent[1] - extent[0] + 1;
  const vtkIdType rowValues = rowVoxels * components;
  const vtkIdType rowsPerSlice = extent[3] - extent[2] + 1;
  const vtkIdType rows = rowsPerSlice * (extent[5] - extent[4] + 1);
  const SourceWalk walk = WalkSource(header, orientation, sourceBox);
  constexpr vtkIdType valueBytes = sizeof(Stored);
  // The stored bytes may sit at any alignment (vox_offset is arbitrary): loaded, never cast.
  auto convert = [&](const std::uint8_t* at) -> Output
  {
    const Stored value = ByteOrder::Load<Stored>(at, swap);
    return scale ? static_cast<Output>(static_cast<double>(value) * slope + intercept)
                 : static_cast<Output>(value);
  };

  vtkSMPTools::For(0, rows,
    [&](vtkIdType begin, vtkIdType end)
    {
      for (vtkIdType row = begin; row < end; ++row)
      {
        const std::uint8_t* source = raw +
          (walk.First + (row % rowsPerSlice) * walk.Step[1] + (row / rowsPerSlice) * walk.Step[2]) *
            valueBytes;
        Output* target = out + row * rowValues;
        if (walk.Step[0] == components)
        {
          // Stored order along the row (the common case): one run of values.
          for (vtkIdType v = 0; v < rowValues; ++v)
          {
            target[v] = convert(source + v * valueBytes);
          }
        }
        else
        {
          for (vtkIdType voxel = 0; voxel < rowVoxels; ++voxel)
          {
            const std::uint8_t* at = source + voxel * walk.Step[0] * valueBytes;
            for (int c = 0; c < components; ++c)
            {
              target[voxel * components + c] = convert(at + c * valueBytes);
            }
          }
        }
      }
    });
}

// The elements of type T (1, 2 or 4 bytes) of an 8-byte block in reverse order: the block's
// bytes reversed, then each element's bytes put back in order.
template <typename T>
std::uint64_t ReverseElements(std::uint64_t block)
{
  block = __builtin_bswap64(block);
  if (sizeof(T) == 2)
  {
    block = ((block >> 8) & 0x00FF00FF00FF00FFull) | ((block & 0x00FF00FF00FF00FFull) << 8);
  }
  else if (sizeof(T) == 4)
  {
    block = ((block >> 8) & 0x00FF00FF00FF00FFull) | ((block & 0x00FF00FF00FF00FFull) << 8);
    block = ((block >> 16) & 0x0000FFFF0000FFFFull) | ((block & 0x0000FFFF0000FFFFull) << 16);
  }
  return block;
}

// Swap rows `a` and `b` of `voxels` single-component values, each reversed; `a` == `b` reverses
// the row in place. Small types go 8 bytes at a time (a byte swap per block): reversing value by
// value costs the flipped read a sixth more than the stored order.
template <typename T>
void SwapReversedValues(T* a, T* b, vtkIdType voxels)
{
  constexpr vtkIdType block = sizeof(std::uint64_t) / sizeof(T);
  vtkIdType front = 0;
  vtkIdType back = voxels; // exclusive end of b's part still to do
  if (sizeof(T) <= 4)
  {
    // In place the two ends meet in the middle; between two rows every block is swapped.
    const vtkIdType limit = a == b ? voxels / 2 : voxels;
    for (; front + block <= limit; front += block, back -= block)
    {
      if (a == b && back - front < 2 * block)
      {
        break;
      }
      std::uint64_t x, y;
      std::memcpy(&x, a + front, sizeof(x));
      std::memcpy(&y, b + back - block, sizeof(y));
      x = ReverseElements<T>(x);
      y = ReverseElements<T>(y);
      std::memcpy(a + front, &y, sizeof(y));
      std::memcpy(b + back - block, &x, sizeof(x));
    }
  }
  if (a == b)
  {
    std::reverse(a + front, a + back);
    return;
  }
  for (; front < voxels; ++front, --back)
  {
    std::swap(a[front], b[back - 1]);
  }
}

// Swap rows `a` and `b` of `voxels` voxels, each reversed (voxel by voxel, its components kept
// in order); `a` == `b` reverses the row in place.
template <typename T>
void SwapReversed(T* a, T* b, vtkIdType voxels, int components)
{
  if (components == 1)
  {
    SwapReversedValues(a, b, voxels);
    return;
  }
  const vtkIdType pairs = a == b ? voxels / 2 : voxels;
  for (vtkIdType v = 0; v < pairs; ++v)
  {
    std::swap_ranges(
      a + v * components, a + (v + 1) * components, b + (voxels - 1 - v) * components);
  }
}

template <typename T>
void FlipRows(const AnalyzeOrientation& orientation, const int box[3], int components, T* values)
{
  const vtkIdType rowVoxels = box[0];
  const vtkIdType rowValues = rowVoxels * components;
  const vtkIdType rowsPerSlice = box[1];
  const vtkIdType rows = rowsPerSlice * box[2];
  const bool flipX = orientation.IsFlipped(0);
  const bool flipY = orientation.IsFlipped(1);
  const bool flipZ = orientation.IsFlipped(2);
  vtkSMPTools::For(0, rows,
    [&](vtkIdType begin, vtkIdType end)
    {
      for (vtkIdType row = begin; row < end; ++row)
      {
        const vtkIdType j = row % rowsPerSlice;
        const vtkIdType k = row / rowsPerSlice;
        const vtkIdType mirror =
          (flipZ ? box[2] - 1 - k : k) * rowsPerSlice + (flipY ? rowsPerSlice - 1 - j : j);
        if (mirror < row || (mirror == row && !flipX))
        {
          continue; // swapped from the other row, or stays as it is
        }
        T* a = values + row * rowValues;
        T* b = values + mirror * rowValues;
        if (flipX)
        {
          SwapReversed(a, b, rowVoxels, components);
        }
        else
        {
          std::swap_ranges(a, a + rowValues, b);
        }
      }
    });
}

template <typename T>
void SwapValues(T* values, vtkIdType count)
{
  vtkSMPTools::For(0, count,
    [values](vtkIdType begin, vtkIdType end)
    {
      for (vtkIdType i = begin; i < end; ++i)
      {
        ByteOrder::Reverse(values[i]);
      }
    });
}
}

void AnalyzeVoxelConverter::ConvertExtent(const AnalyzeHeader& header,
  const AnalyzeOrientation& orientation, const std::uint8_t* raw, const int sourceBox[6],
  const int outputExtent[6], vtkDataArray* out)
{
  const int outputType = header.GetOutputScalarType();
  switch (header.GetStoredScalarType())
  {
    vtkTemplateMacro(
      if (outputType == VTK_DOUBLE && header.HasScaling()) {
        CopyRows<VTK_TT>(header, orientation, raw, sourceBox, outputExtent,
          static_cast<double*>(out->GetVoidPointer(0)));
      } else if (header.HasScaling()) {
        CopyRows<VTK_TT>(header, orientation, raw, sourceBox, outputExtent,
          static_cast<float*>(out->GetVoidPointer(0)));
      } else {
        CopyRows<VTK_TT>(header, orientation, raw, sourceBox, outputExtent,
          static_cast<VTK_TT*>(out->GetVoidPointer(0)));
      });
  }
}

void AnalyzeVoxelConverter::FlipInPlace(
  const AnalyzeOrientation& orientation, const int boxDimensions[3], vtkDataArray* values)
{
  if (orientation.IsStoredOrder())
  {
    return;
  }
  const int components = values->GetNumberOfComponents();
  switch (values->GetDataType())
  {
    vtkTemplateMacro(FlipRows(
      orientation, boxDimensions, components, static_cast<VTK_TT*>(values->GetVoidPointer(0))));
  }
}

void AnalyzeVoxelConverter::FixByteOrder(const AnalyzeHeader& header, vtkDataArray* out)
{
  if (!header.IsByteSwapped() || header.GetComponentSize() == 1)
  {
    return;
  }
  const vtkIdType count = out->GetNumberOfValues();
  switch (out->GetDataType())
  {
    vtkTemplateMacro(SwapValues(static_cast<VTK_TT*>(out->GetVoidPointer(0)), count));
  }
}
} // namespace paravoxel
