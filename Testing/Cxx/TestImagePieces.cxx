// paravoxel::ImagePieces' ownership rule, on its own: for images of every shape (3D, flat along one
// or two axes, thinner than the number of pieces) split into pieces as the pipeline splits them,
// every point and every cell of the whole image is owned by exactly one piece, each piece owns only
// what its input holds, and a single piece owns all it holds. Intensity Transform (statistics) and
// Exploded Voxels (work grid) take their owned blocks from this rule.
#include "CaseName.h"
#include "ImagePieces.h"

#include "vtkExtentTranslator.h"
#include "vtkInformation.h"
#include "vtkNew.h"
#include "vtkSmartPointer.h"
#include "vtkStreamingDemandDrivenPipeline.h"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace
{
using Extent = std::array<int, 6>;

/** The information of a request for piece `piece` of `pieces` (no keys at all for 0 pieces). */
vtkSmartPointer<vtkInformation> PieceRequest(int piece, int pieces)
{
  auto info = vtkSmartPointer<vtkInformation>::New();
  if (pieces > 0)
  {
    info->Set(vtkStreamingDemandDrivenPipeline::UPDATE_PIECE_NUMBER(), piece);
    info->Set(vtkStreamingDemandDrivenPipeline::UPDATE_NUMBER_OF_PIECES(), pieces);
  }
  return info;
}

/** The split of `whole` the pipeline makes for `piece` of `pieces`, grown by `ghostLevels`. */
Extent Piece(const Extent& whole, int piece, int pieces, int ghostLevels)
{
  auto request = PieceRequest(piece, pieces);
  Extent extent;
  paravoxel::ImagePieces::ComputePieceExtent(
    request, request, ghostLevels, whole.data(), extent.data());
  return extent;
}

/**
 * How many pieces own each point (`cells` false) or cell of `whole`, by index (i, j, k), when
 * each input holds its piece grown by `ghostLevels`.
 */
std::map<std::array<int, 3>, int> CountOwners(
  const Extent& whole, int pieces, bool cells, int ghostLevels)
{
  std::map<std::array<int, 3>, int> owners;
  for (int piece = 0; piece < pieces; ++piece)
  {
    const Extent zeroGhost = Piece(whole, piece, pieces, 0);
    const Extent data = Piece(whole, piece, pieces, ghostLevels);
    Extent owned;
    if (!paravoxel::ImagePieces::ComputeOwnedExtent(
          whole.data(), zeroGhost.data(), data.data(), cells, owned.data()))
    {
      continue;
    }
    for (int axis = 0; axis < 3; ++axis)
    {
      EXPECT_GE(owned[2 * axis], data[2 * axis]) << "piece " << piece << " axis " << axis;
      EXPECT_LE(owned[2 * axis + 1], data[2 * axis + 1]) << "piece " << piece << " axis " << axis;
    }
    for (int k = owned[4]; k <= owned[5]; ++k)
    {
      for (int j = owned[2]; j <= owned[3]; ++j)
      {
        for (int i = owned[0]; i <= owned[1]; ++i)
        {
          ++owners[{ { i, j, k } }];
        }
      }
    }
  }
  return owners;
}

/** The points or cells of `whole`: cells end one point early, except along a flat axis. */
std::vector<std::array<int, 3>> Elements(const Extent& whole, bool cells)
{
  int last[3];
  for (int axis = 0; axis < 3; ++axis)
  {
    const bool flat = whole[2 * axis] == whole[2 * axis + 1];
    last[axis] = whole[2 * axis + 1] - (cells && !flat ? 1 : 0);
  }
  std::vector<std::array<int, 3>> elements;
  for (int k = whole[4]; k <= last[2]; ++k)
  {
    for (int j = whole[2]; j <= last[1]; ++j)
    {
      for (int i = whole[0]; i <= last[0]; ++i)
      {
        elements.push_back({ { i, j, k } });
      }
    }
  }
  return elements;
}
}

TEST(ImagePieces, EveryPointAndCellHasExactlyOneOwner)
{
  const Extent wholes[] = { { { -3, 5, 0, 6, 2, 9 } }, { { 0, 10, 0, 7, 0, 0 } },
    { { 0, 0, 0, 12, 0, 0 } }, { { 0, 2, 0, 3, 0, 4 } }, { { 0, 1, 0, 1, 0, 1 } },
    { { 0, 3, 0, 2, 0, 0 } }, { { 4, 4, 4, 4, 4, 4 } } };
  for (const Extent& whole : wholes)
  {
    for (int pieces = 1; pieces <= 7; ++pieces)
    {
      // Inputs without ghost layers (Intensity Transform) and with one (Exploded Voxels).
      for (int ghostLevels : { 0, 1 })
      {
        for (bool cells : { false, true })
        {
          const std::string what = std::string(cells ? "cells" : "points") + " of " +
            std::to_string(whole[1]) + "x" + std::to_string(whole[3]) + "x" +
            std::to_string(whole[5]) + " in " + std::to_string(pieces) + " pieces, " +
            std::to_string(ghostLevels) + " ghost levels";
          const auto owners = CountOwners(whole, pieces, cells, ghostLevels);
          const auto elements = Elements(whole, cells);
          EXPECT_EQ(owners.size(), elements.size()) << what;
          for (const auto& element : elements)
          {
            const auto found = owners.find(element);
            EXPECT_TRUE(found != owners.end() && found->second == 1)
              << what << ": (" << element[0] << ", " << element[1] << ", " << element[2] << ")";
          }
        }
      }
    }
  }
}

namespace
{
// What ComputeOwnedExtent gives a piece of `Whole` whose input holds `Data`: `Owned`, or nothing
// (`Owns` false).
struct OwnedCase
{
  const char* Name;
  Extent Whole;
  Extent Piece;
  Extent Data;
  bool Cells;
  bool Owns;
  Extent Owned;
};

// Printed by its name (see CaseName.h).
void PrintTo(const OwnedCase& c, std::ostream* os)
{
  *os << c.Name;
}

// Two pieces of a line of 11 points, each input holding one ghost point beyond its border.
const Extent Line = { { 0, 10, 0, 0, 0, 0 } };
const Extent LowerHalf = { { 0, 5, 0, 0, 0, 0 } };
const Extent UpperHalf = { { 5, 10, 0, 0, 0, 0 } };
const Extent LowerData = { { 0, 6, 0, 0, 0, 0 } };
const Extent UpperData = { { 4, 10, 0, 0, 0, 0 } };
// The lower half of a cube, and inputs with less than it.
const Extent Cube = { { 0, 10, 0, 10, 0, 10 } };
const Extent LowerCube = { { 0, 10, 0, 10, 0, 5 } };
const Extent Partial = { { 2, 8, 0, 10, 3, 4 } };
const Extent Slice = { { 0, 10, 0, 10, 2, 2 } };
const Extent Empty = { { 0, -1, 0, -1, 0, -1 } };

const OwnedCase OwnedCases[] = {
  // The upper piece owns the point layer the two share.
  { "LowerPiecePoints", Line, LowerHalf, LowerData, false, true, { { 0, 4, 0, 0, 0, 0 } } },
  { "UpperPiecePoints", Line, UpperHalf, UpperData, false, true, { { 5, 10, 0, 0, 0, 0 } } },
  // Cells are never shared; along the flat y and z axes, the one layer of cells has the points'
  // index.
  { "LowerPieceCells", Line, LowerHalf, LowerData, true, true, { { 0, 4, 0, 0, 0, 0 } } },
  { "UpperPieceCells", Line, UpperHalf, UpperData, true, true, { { 5, 9, 0, 0, 0, 0 } } },
  // An input with less than the piece: what it holds of the piece.
  { "PartialInputPoints", Cube, LowerCube, Partial, false, true, Partial },
  { "PartialInputCells", Cube, LowerCube, Partial, true, true, { { 2, 7, 0, 9, 3, 3 } } },
  // One point thick where the whole image is not: points, but no cell of the whole image.
  { "SlicePoints", Cube, LowerCube, Slice, false, true, Slice },
  { "SliceCells", Cube, LowerCube, Slice, true, false, {} },
  // An empty piece (more pieces than the image can be split into) owns nothing.
  { "EmptyPiecePoints", Cube, Empty, Cube, false, false, {} },
  { "EmptyPieceCells", Cube, Empty, Cube, true, false, {} },
};

class ImagePiecesOwned : public ::testing::TestWithParam<OwnedCase>
{
};
}

TEST_P(ImagePiecesOwned, OwnedExtent)
{
  const OwnedCase& c = GetParam();
  Extent owned;
  const bool owns = paravoxel::ImagePieces::ComputeOwnedExtent(
    c.Whole.data(), c.Piece.data(), c.Data.data(), c.Cells, owned.data());
  ASSERT_EQ(owns, c.Owns);
  if (owns)
  {
    EXPECT_EQ(owned, c.Owned);
  }
}

INSTANTIATE_TEST_SUITE_P(
  ImagePieces, ImagePiecesOwned, ::testing::ValuesIn(OwnedCases), paravoxel_test::CaseName());

TEST(ImagePieces, OwnerPieceOfAFiltersInput)
{
  const Extent whole = { { 0, 20, 0, 10, 0, 10 } };
  const Extent data = { { 0, 11, 0, 10, 0, 10 } };
  vtkNew<vtkInformation> input;
  input->Set(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), whole.data(), 6);
  Extent wholeExtent;
  Extent pieceExtent;
  // Several pieces: the pipeline's whole extent and its zero-ghost split, whatever the input
  // holds.
  paravoxel::ImagePieces::ComputeOwnerPiece(
    PieceRequest(0, 2), input, data.data(), wholeExtent.data(), pieceExtent.data());
  EXPECT_EQ(wholeExtent, whole);
  EXPECT_EQ(pieceExtent, Piece(whole, 0, 2, 0));
  EXPECT_EQ(pieceExtent, (Extent{ { 0, 10, 0, 10, 0, 10 } }));
  // One piece, or no piece keys, or no whole extent: the input is the whole image.
  vtkNew<vtkInformation> noWholeExtent;
  const std::pair<vtkSmartPointer<vtkInformation>, vtkInformation*> singles[] = {
    { PieceRequest(0, 1), input }, { PieceRequest(0, 0), input },
    { PieceRequest(1, 2), noWholeExtent }
  };
  for (const auto& single : singles)
  {
    paravoxel::ImagePieces::ComputeOwnerPiece(
      single.first, single.second, data.data(), wholeExtent.data(), pieceExtent.data());
    EXPECT_EQ(wholeExtent, data);
    EXPECT_EQ(pieceExtent, data);
  }
  EXPECT_EQ(paravoxel::ImagePieces::GetNumberOfPieces(PieceRequest(0, 0)), 1);
  EXPECT_EQ(paravoxel::ImagePieces::GetNumberOfPieces(PieceRequest(2, 5)), 5);
}
