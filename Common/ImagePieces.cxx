#include "ImagePieces.h"

#include "HugePageMemory.h"
#include "vtkCellData.h"
#include "vtkDataSetAttributes.h"
#include "vtkExtentTranslator.h"
#include "vtkImageData.h"
#include "vtkInformation.h"
#include "vtkInformationIntegerRequestKey.h"
#include "vtkParaVoxelArrayRanges.h"
#include "vtkPointData.h"
#include "vtkSMPTools.h"
#include "vtkStreamingDemandDrivenPipeline.h"
#include "vtkUnsignedCharArray.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace
{
/**
 * Ghost flags of a block of `counts` entries (points or cells) whose first index is `first`,
 * `inside[axis][i]` saying whether index first[axis] + i lies in the zero extent: a row is all
 * `flag` when its j or k is outside, else flagged where its i is outside.
 */
void FillGhostFlags(unsigned char* flags, const int counts[3],
  const std::vector<unsigned char> inside[3], unsigned char flag)
{
  const vtkIdType rows = static_cast<vtkIdType>(counts[1]) * counts[2];
  // The flags of one row whose j and k are inside: the same for every such row.
  std::vector<unsigned char> pattern(counts[0]);
  for (int i = 0; i < counts[0]; ++i)
  {
    pattern[i] = inside[0][i] ? 0 : flag;
  }
  vtkSMPTools::For(0, rows,
    [&](vtkIdType begin, vtkIdType end)
    {
      for (vtkIdType row = begin; row < end; ++row)
      {
        unsigned char* target = flags + row * counts[0];
        const int j = static_cast<int>(row % counts[1]);
        const int k = static_cast<int>(row / counts[1]);
        if (inside[1][j] && inside[2][k])
        {
          std::memcpy(target, pattern.data(), pattern.size());
        }
        else
        {
          std::memset(target, flag, counts[0]);
        }
      }
    });
}

// The values FillGhostFlags writes, for their ranges without a pass: 0 when some entry is inside
// along every axis, `flag` when some entry is outside along one.
std::vector<double> GhostFlagValues(const std::vector<unsigned char> inside[3], unsigned char flag)
{
  bool someInside = true;
  bool someOutside = false;
  for (int axis = 0; axis < 3; ++axis)
  {
    const auto& flags = inside[axis];
    someInside = someInside && std::find(flags.begin(), flags.end(), 1) != flags.end();
    someOutside = someOutside || std::find(flags.begin(), flags.end(), 0) != flags.end();
  }
  std::vector<double> values;
  if (someInside)
  {
    values.push_back(0.0);
  }
  if (someOutside)
  {
    values.push_back(flag);
  }
  return values;
}

// A ghost array of `count` entries, on huge pages: a piece of a large volume has tens of
// millions of points and cells, and faulting them in 4 KiB at a time was most of its marking.
// Null when the memory cannot be had.
vtkSmartPointer<vtkUnsignedCharArray> GhostArray(vtkIdType count)
{
  auto ghosts = vtkSmartPointer<vtkUnsignedCharArray>::New();
  ghosts->SetName(vtkDataSetAttributes::GhostArrayName());
  return paravoxel::HugePageMemory::SetNumberOfTuples(ghosts, count) ? ghosts : nullptr;
}
}

int paravoxel::ImagePieces::ComputePieceExtent(vtkInformation* pieceInformation,
  vtkInformation* splitInformation, int ghostLevels, const int wholeExtent[6], int pieceExtent[6])
{
  std::copy(wholeExtent, wholeExtent + 6, pieceExtent);
  const int pieces = paravoxel::ImagePieces::GetNumberOfPieces(pieceInformation);
  if (pieces > 1)
  {
    const int piece =
      pieceInformation->Get(vtkStreamingDemandDrivenPipeline::UPDATE_PIECE_NUMBER());
    const int splitMode = splitInformation->Has(vtkExtentTranslator::UPDATE_SPLIT_MODE())
      ? splitInformation->Get(vtkExtentTranslator::UPDATE_SPLIT_MODE())
      : vtkExtentTranslator::BLOCK_MODE;
    vtkNew<vtkExtentTranslator> translator;
    translator->PieceToExtentThreadSafe(
      piece, pieces, ghostLevels, const_cast<int*>(wholeExtent), pieceExtent, splitMode, 0);
  }
  return pieces;
}

int paravoxel::ImagePieces::GetNumberOfPieces(vtkInformation* pieceInformation)
{
  return pieceInformation->Has(vtkStreamingDemandDrivenPipeline::UPDATE_NUMBER_OF_PIECES())
    ? pieceInformation->Get(vtkStreamingDemandDrivenPipeline::UPDATE_NUMBER_OF_PIECES())
    : 1;
}

void paravoxel::ImagePieces::ComputeOwnerPiece(vtkInformation* outInfo, vtkInformation* inInfo,
  const int dataExtent[6], int wholeExtent[6], int pieceExtent[6])
{
  std::copy(dataExtent, dataExtent + 6, wholeExtent);
  std::copy(dataExtent, dataExtent + 6, pieceExtent);
  if (paravoxel::ImagePieces::GetNumberOfPieces(outInfo) > 1 &&
    inInfo->Has(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT()))
  {
    inInfo->Get(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), wholeExtent);
    paravoxel::ImagePieces::ComputePieceExtent(outInfo, inInfo, 0, wholeExtent, pieceExtent);
  }
}

bool paravoxel::ImagePieces::ComputeOwnedExtent(const int wholeExtent[6], const int pieceExtent[6],
  const int dataExtent[6], bool cells, int ownedExtent[6])
{
  bool owned = true;
  for (int axis = 0; axis < 3; ++axis)
  {
    const int low = 2 * axis;
    const int high = low + 1;
    // A cell ends one point before the last point of its extent, except on a flat axis, where
    // the cells lie on the points.
    const int cellEnd = cells && wholeExtent[low] < wholeExtent[high] ? 1 : 0;
    // The upper point layer of a piece is shared with the next piece, which owns it (a cell ends
    // before it anyway).
    const int sharedEnd = !cells && pieceExtent[high] < wholeExtent[high] ? 1 : 0;
    ownedExtent[low] = std::max(pieceExtent[low], dataExtent[low]);
    ownedExtent[high] =
      std::min(pieceExtent[high] - cellEnd - sharedEnd, dataExtent[high] - cellEnd);
    owned = owned && ownedExtent[low] <= ownedExtent[high];
  }
  return owned;
}

bool paravoxel::ImagePieces::MarkGhosts(vtkImageData* image, const int zeroExtent[6])
{
  const int* extent = image->GetExtent();
  if (std::equal(extent, extent + 6, zeroExtent))
  {
    return true;
  }
  // Points: outside the zero extent along any axis.
  std::vector<unsigned char> inside[3];
  int counts[3];
  for (int axis = 0; axis < 3; ++axis)
  {
    counts[axis] = extent[2 * axis + 1] - extent[2 * axis] + 1;
    inside[axis].resize(counts[axis]);
    for (int i = 0; i < counts[axis]; ++i)
    {
      const int index = extent[2 * axis] + i;
      inside[axis][i] = index >= zeroExtent[2 * axis] && index <= zeroExtent[2 * axis + 1];
    }
  }
  auto points = GhostArray(image->GetNumberOfPoints());
  auto cells = GhostArray(image->GetNumberOfCells());
  if (!points || !cells)
  {
    return false;
  }
  FillGhostFlags(points->GetPointer(0), counts, inside, vtkDataSetAttributes::DUPLICATEPOINT);
  vtkParaVoxelArrayRanges::CacheKnownValues(
    points, GhostFlagValues(inside, vtkDataSetAttributes::DUPLICATEPOINT));
  image->GetPointData()->AddArray(points);

  // Cells: cell i spans points i and i + 1 and is outside when i < low or i >= high; a flat
  // axis counts as one layer of cells, inside when the zero extent has that layer (as
  // vtkDataSet::GenerateGhostArray treats 2D and 1D images).
  for (int axis = 0; axis < 3; ++axis)
  {
    const int low = extent[2 * axis];
    const bool flat = extent[2 * axis + 1] == low;
    const int high = zeroExtent[2 * axis + 1] + (flat ? 1 : 0);
    counts[axis] = flat ? 1 : extent[2 * axis + 1] - low;
    inside[axis].resize(counts[axis]);
    for (int i = 0; i < counts[axis]; ++i)
    {
      inside[axis][i] = low + i >= zeroExtent[2 * axis] && low + i < high;
    }
  }
  FillGhostFlags(cells->GetPointer(0), counts, inside, vtkDataSetAttributes::DUPLICATECELL);
  vtkParaVoxelArrayRanges::CacheKnownValues(
    cells, GhostFlagValues(inside, vtkDataSetAttributes::DUPLICATECELL));
  image->GetCellData()->AddArray(cells);
  return true;
}
