#include "IntensityTransformBlock.h"

#include "ImagePieces.h"
#include "vtkCommunicator.h"
#include "vtkImageData.h"
#include "vtkMultiProcessController.h"

#include <algorithm>

namespace paravoxel
{
IntensityTransformBlock::IntensityTransformBlock(
  vtkImageData* image, bool cells, const int wholeExtent[6], const int pieceExtent[6])
{
  int dimensions[3];
  if (cells)
  {
    // A flat axis still has one layer of (2D) cells.
    image->GetCellDims(dimensions);
  }
  else
  {
    image->GetDimensions(dimensions);
  }
  std::copy(dimensions, dimensions + 3, this->Dimensions);
  int owned[6];
  if (!paravoxel::ImagePieces::ComputeOwnedExtent(
        wholeExtent, pieceExtent, image->GetExtent(), cells, owned))
  {
    return;
  }
  const int* extent = image->GetExtent();
  for (int axis = 0; axis < 3; ++axis)
  {
    this->Begin[axis] = owned[2 * axis] - extent[2 * axis];
    this->End[axis] = owned[2 * axis + 1] - extent[2 * axis] + 1;
  }
}

void IntensityTransformBlock::SumOverProcesses(
  vtkMultiProcessController* controller, std::vector<long long>& counts)
{
  if (controller)
  {
    std::vector<long long> local(counts);
    controller->AllReduce(
      local.data(), counts.data(), static_cast<vtkIdType>(counts.size()), vtkCommunicator::SUM_OP);
  }
}
} // namespace paravoxel
