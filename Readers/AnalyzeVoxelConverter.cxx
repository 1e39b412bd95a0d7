#include "AnalyzeVoxelConverter.h"

#include "AnalyzeHeader.h"
#include "ByteOrder.h"
#include "vtkDataArray.h"
#include "vtkSMPTools.h"

#include <type_traits>

namespace paravoxel
{
namespace
{
template <typename Stored, typename Output>
void CopyRows(
  const AnalyzeHeader& header, const std::uint8_t* raw, const int extent[6], Output* out)
{
  const auto& dims = header.GetDimensions();
  const int components = header.GetNumberOfComponents();
  const bool swap = header.IsByteSwapped() && sizeof(Stored) > 1;
  const bool scale = header.HasScaling();
  const double slope = header.GetScaleSlope();
  const double intercept = header.GetScaleIntercept();
  const vtkIdType rowValues = static_cast<vtkIdType>(extent[1] - extent[0] + 1) * components;
  const vtkIdType rowsPerSlice = extent[3] - extent[2] + 1;
  const vtkIdType rows = rowsPerSlice * (extent[5] - extent[4] + 1);
  const std::size_t valueBytes = sizeof(Stored);

  vtkSMPTools::For(0, rows,
    [&](vtkIdType begin, vtkIdType end)
    {
      for (vtkIdType row = begin; row < end; ++row)
      {
        const vtkIdType k = row / rowsPerSlice; // relative to extent[4]
        const vtkIdType j = extent[2] + row % rowsPerSlice;
        const std::uint8_t* source = raw +
          ((k * dims[1] + j) * dims[0] + extent[0]) * components *
            static_cast<vtkIdType>(valueBytes);
        Output* target = out + row * rowValues;
        for (vtkIdType v = 0; v < rowValues; ++v)
        {
          const Stored value = ByteOrder::Load<Stored>(source + v * valueBytes, swap);
          target[v] = scale ? static_cast<Output>(static_cast<double>(value) * slope + intercept)
                            : static_cast<Output>(value);
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

void AnalyzeVoxelConverter::ConvertExtent(
  const AnalyzeHeader& header, const std::uint8_t* raw, const int extent[6], vtkDataArray* out)
{
  const int outputType = header.GetOutputScalarType();
  switch (header.GetStoredScalarType())
  {
    vtkTemplateMacro(
      if (outputType == VTK_DOUBLE && header.HasScaling()) {
        CopyRows<VTK_TT>(header, raw, extent, static_cast<double*>(out->GetVoidPointer(0)));
      } else if (header.HasScaling()) {
        CopyRows<VTK_TT>(header, raw, extent, static_cast<float*>(out->GetVoidPointer(0)));
      } else {
        CopyRows<VTK_TT>(header, raw, extent, static_cast<VTK_TT*>(out->GetVoidPointer(0)));
      });
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
