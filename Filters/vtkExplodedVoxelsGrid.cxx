#include "vtkExplodedVoxelsGrid.h"

#include "vtkImageData.h"
#include "vtkMath.h"

#include <algorithm>

namespace
{
// First and last voxel index along `axis` of the point extent `extent`. Points are voxels
// themselves; cells run from the first point to the one before the last, except on an axis that
// is flat in the whole image, where the single layer of cells sits on the points.
bool VoxelRange(const int* extent, int axis, bool cellVoxels, bool flatAxis, int& first, int& last)
{
  first = extent[2 * axis];
  last = extent[2 * axis + 1];
  if (cellVoxels && !flatAxis)
  {
    --last;
  }
  return first <= last;
}
}

void vtkExplodedVoxelsGrid::Initialize(
  vtkImageData* image, bool cellVoxels, const int wholeExtent[6], const int pieceExtent[6])
{
  // Until proven otherwise, the piece owns nothing: an empty work grid.
  std::fill(this->Dimensions, this->Dimensions + 3, 0);
  const int* dataExtent = image->GetExtent();
  double shift[3];
  vtkIdType dataVoxels[3];
  int dataFirst[3];
  int dimensions[3];
  for (int axis = 0; axis < 3; ++axis)
  {
    const bool flatAxis = wholeExtent[2 * axis] == wholeExtent[2 * axis + 1];
    shift[axis] = cellVoxels && !flatAxis ? 0.5 : 0.0;

    int dataLast, ownedFirst, ownedLast;
    if (!VoxelRange(dataExtent, axis, cellVoxels, flatAxis, dataFirst[axis], dataLast) ||
      !VoxelRange(pieceExtent, axis, cellVoxels, flatAxis, ownedFirst, ownedLast))
    {
      return;
    }
    // The upper point layer of a piece is shared with the next piece, which owns it (for cells,
    // VoxelRange already stopped before it).
    if (!cellVoxels && pieceExtent[2 * axis + 1] < wholeExtent[2 * axis + 1])
    {
      --ownedLast;
    }
    ownedFirst = std::max(ownedFirst, dataFirst[axis]);
    ownedLast = std::min(ownedLast, dataLast);
    if (ownedFirst > ownedLast)
    {
      return;
    }

    const int workFirst = std::max(ownedFirst - 1, dataFirst[axis]);
    const int workLast = std::min(ownedLast + 1, dataLast);
    dimensions[axis] = workLast - workFirst + 1;
    this->FirstVoxel[axis] = workFirst;
    this->OwnedBegin[axis] = ownedFirst - workFirst;
    this->OwnedEnd[axis] = ownedLast - workFirst + 1;
    dataVoxels[axis] = dataLast - dataFirst[axis] + 1;
  }

  std::copy(dimensions, dimensions + 3, this->Dimensions);
  this->TupleStride[0] = 1;
  this->TupleStride[1] = dataVoxels[0];
  this->TupleStride[2] = dataVoxels[0] * dataVoxels[1];
  this->TupleOffset = 0;
  for (int axis = 0; axis < 3; ++axis)
  {
    this->TupleOffset += (this->FirstVoxel[axis] - dataFirst[axis]) * this->TupleStride[axis];
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
