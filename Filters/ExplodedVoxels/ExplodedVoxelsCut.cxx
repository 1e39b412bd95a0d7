#include "ExplodedVoxelsCut.h"

#include "vtkAbstractTransform.h"
#include "vtkHomogeneousTransform.h"
#include "vtkImplicitFunction.h"
#include "vtkMatrix4x4.h"

namespace paravoxel
{
ExplodedVoxelsCut::ExplodedVoxelsCut(vtkImplicitFunction* function, bool invert)
  : Function(function)
  , Invert(invert)
{
  if (!function)
  {
    return;
  }
  // One evaluation on this thread first: some functions (ParaView's vtkPVPlane) bring internal
  // state up to date lazily on their first evaluation after a change, which must not happen
  // concurrently.
  const double anyPoint[3] = { 0.0, 0.0, 0.0 };
  function->FunctionValue(anyPoint);

  vtkAbstractTransform* transform = function->GetTransform();
  if (auto* homogeneous = vtkHomogeneousTransform::SafeDownCast(transform))
  {
    vtkMatrix4x4* matrix = homogeneous->GetMatrix();
    for (int row = 0; row < 4; ++row)
    {
      for (int column = 0; column < 4; ++column)
      {
        this->Matrix[row][column] = matrix->GetElement(row, column);
      }
    }
    this->HasMatrix = true;
  }
  else
  {
    this->NeedsFunctionValue = transform != nullptr;
  }
}

bool ExplodedVoxelsCut::Removes(const double center[3]) const
{
  double value;
  if (this->HasMatrix)
  {
    double point[3];
    const auto& m = this->Matrix;
    const double w = m[3][0] * center[0] + m[3][1] * center[1] + m[3][2] * center[2] + m[3][3];
    for (int row = 0; row < 3; ++row)
    {
      point[row] =
        (m[row][0] * center[0] + m[row][1] * center[1] + m[row][2] * center[2] + m[row][3]) / w;
    }
    value = this->Function->EvaluateFunction(point);
  }
  else if (this->NeedsFunctionValue)
  {
    value = this->Function->FunctionValue(center);
  }
  else
  {
    double point[3] = { center[0], center[1], center[2] };
    value = this->Function->EvaluateFunction(point);
  }
  return this->Invert ? value > 0.0 : value <= 0.0;
}
} // namespace paravoxel
