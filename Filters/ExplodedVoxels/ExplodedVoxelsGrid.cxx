#include "ExplodedVoxelsGrid.h"

#include "ImagePieces.h"
#include "vtkImageData.h"
#include "vtkMath.h"

#include <algorithm>

namespace paravoxel
{
void ExplodedVoxelsGrid::Initialize(
  vtkImageData* image, bool cellVoxels, const int wholeExtent[6], const int pieceExtent[6])
{
  // Until proven otherwise, the piece owns nothing: an empty work grid.
  std::fill(this->Dimensions, this->Dimensions + 3, 0);
  const int* dataExtent = image->GetExtent();
  int owned[6];
  if (!paravoxel::ImagePieces::ComputeOwnedExtent(
        wholeExtent, pieceExtent, dataExtent, cellVoxels, owned))
  {
    return;
  }
  // The voxels the image holds along each axis: its points, or its cells (one layer of them
  // along a flat axis, where they lie on the points).
  int dataVoxels[3];
  if (cellVoxels)
  {
    image->GetCellDims(dataVoxels);
  }
  else
  {
    image->GetDimensions(dataVoxels);
  }
  double shift[3];
  int dimensions[3];
  for (int axis = 0; axis < 3; ++axis)
  {
    const int dataFirst = dataExtent[2 * axis];
    shift[axis] = cellVoxels && dataExtent[2 * axis + 1] > dataFirst ? 0.5 : 0.0;
    const int workFirst = std::max(owned[2 * axis] - 1, dataFirst);
    const int workLast = std::min(owned[2 * axis + 1] + 1, dataFirst + dataVoxels[axis] - 1);
    dimensions[axis] = workLast - workFirst + 1;
    this->FirstVoxel[axis] = workFirst;
    this->OwnedBegin[axis] = owned[2 * axis] - workFirst;
    this->OwnedEnd[axis] = owned[2 * axis + 1] - workFirst + 1;
  }

  std::copy(dimensions, dimensions + 3, this->Dimensions);
  this->TupleStride[0] = 1;
  this->TupleStride[1] = dataVoxels[0];
  this->TupleStride[2] = static_cast<vtkIdType>(dataVoxels[0]) * dataVoxels[1];
  this->TupleOffset = 0;
  for (int axis = 0; axis < 3; ++axis)
  {
    this->TupleOffset += (this->FirstVoxel[axis] - dataExtent[2 * axis]) * this->TupleStride[axis];
  }

  // Positions follow the image's origin, spacing and direction matrix.
  double first[3], origin[3];
  for (int axis = 0; axis < 3; ++axis)
  {
    first[axis] = this->FirstVoxel[axis] + shift[axis];
  }
  image->TransformContinuousIndexToPhysicalPoint(first, this->Center);
  image->TransformContinuousIndexToPhysicalPoint(0.0, 0.0, 0.0, origin);
  for (int axis = 0; axis < 3; ++axis)
  {
    double unit[3] = { 0.0, 0.0, 0.0 };
    unit[axis] = 1.0;
    double end[3];
    image->TransformContinuousIndexToPhysicalPoint(unit, end);
    for (int c = 0; c < 3; ++c)
    {
      this->Axis[axis][c] = end[c] - origin[c];
    }
  }
  this->LeftHanded = vtkMath::Determinant3x3(this->Axis[0], this->Axis[1], this->Axis[2]) < 0.0;
}
} // namespace paravoxel
