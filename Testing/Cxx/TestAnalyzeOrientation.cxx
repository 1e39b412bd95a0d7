// Unit tests of paravoxel::AnalyzeOrientation (axis codes, output geometry, unusable affines) and
// of AnalyzeVoxelConverter::FlipInPlace against indexing worked out voxel by voxel.
#include "AnalyzeOrientation.h"
#include "AnalyzeVoxelConverter.h"

#include "vtkAOSDataArrayTemplate.h"
#include "vtkNew.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace
{
using paravoxel::AnalyzeOrientation;

AnalyzeOrientation::Affine Diagonal(double x, double y, double z)
{
  return { { x, 0, 0, 10, 0, y, 0, 20, 0, 0, z, 30, 0, 0, 0, 1 } };
}

TEST(AnalyzeOrientation, AxisCodesAsNibabel)
{
  EXPECT_EQ(AnalyzeOrientation::AxisCodes(Diagonal(1, 1, 1)), "RAS");
  EXPECT_EQ(AnalyzeOrientation::AxisCodes(Diagonal(-2, 2, 2)), "LAS");
  EXPECT_EQ(AnalyzeOrientation::AxisCodes(Diagonal(-1, -1, -1)), "LPI");
  // i along -y (P), j along +z (S), k along -x (L).
  const AnalyzeOrientation::Affine permuted{ { 0, 0, -3, 0, -1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1 } };
  EXPECT_EQ(AnalyzeOrientation::AxisCodes(permuted), "PSL");
}

TEST(AnalyzeOrientation, FlippedAxesGiveTheIdentityDirection)
{
  AnalyzeOrientation grid;
  std::string problem;
  ASSERT_TRUE(
    grid.ComputeWorldSpace(Diagonal(-2, 3, -4), { { 5, 6, 7 } }, { { 2, 3, 4 } }, problem));
  EXPECT_TRUE(grid.IsWorldSpace());
  EXPECT_TRUE(grid.KeepsAxisOrder());
  EXPECT_TRUE(grid.IsFlipped(0));
  EXPECT_FALSE(grid.IsFlipped(1));
  EXPECT_TRUE(grid.IsFlipped(2));
  const std::array<double, 9> identity{ { 1, 0, 0, 0, 1, 0, 0, 0, 1 } };
  EXPECT_EQ(grid.GetDirection(), identity);
  EXPECT_EQ(grid.GetSpacing(), (std::array<double, 3>{ { 2, 3, 4 } }));
  // The stored voxel at the far end of i and k is the output's first: 10 - 2 * 4, 30 - 4 * 6.
  EXPECT_EQ(grid.GetOrigin(), (std::array<double, 3>{ { 2, 20, 6 } }));
  int box[6];
  const int extent[6] = { 1, 2, 0, 5, 0, 0 };
  grid.ComputeSourceBox(extent, box);
  EXPECT_EQ(std::vector<int>(box, box + 6), (std::vector<int>{ 2, 3, 0, 5, 6, 6 }));
}

TEST(AnalyzeOrientation, PermutedAxesAreReordered)
{
  // Stored i runs along -y, j along +z, k along -x: output x comes from k (flipped), y from i
  // (flipped), z from j.
  const AnalyzeOrientation::Affine permuted{ { 0, 0, -3, 0, -1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1 } };
  AnalyzeOrientation grid;
  std::string problem;
  ASSERT_TRUE(grid.ComputeWorldSpace(permuted, { { 4, 5, 6 } }, { { 1, 2, 3 } }, problem));
  EXPECT_FALSE(grid.KeepsAxisOrder());
  EXPECT_EQ(grid.GetSourceAxis(0), 2);
  EXPECT_EQ(grid.GetSourceAxis(1), 0);
  EXPECT_EQ(grid.GetSourceAxis(2), 1);
  EXPECT_TRUE(grid.IsFlipped(0));
  EXPECT_TRUE(grid.IsFlipped(1));
  EXPECT_FALSE(grid.IsFlipped(2));
  EXPECT_EQ(grid.GetOutputDimensions(), (AnalyzeOrientation::Dimensions{ { 6, 4, 5 } }));
  EXPECT_EQ(grid.GetSpacing(), (std::array<double, 3>{ { 3, 1, 2 } }));
}

TEST(AnalyzeOrientation, UnusableAffinesFallBackToVoxelOrder)
{
  const double nan = std::numeric_limits<double>::quiet_NaN();
  struct Case
  {
    AnalyzeOrientation::Affine Affine;
    const char* Words;
  };
  const Case cases[] = {
    { Diagonal(1, 0, 1), "zero scale" },
    { Diagonal(1, nan, 1), "not finite" },
    { { { 1, 1, 0, nan, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 } }, "not finite" },
    { { { 1, 2, 0, 0, 1, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 } }, "singular" },
  };
  for (const Case& c : cases)
  {
    AnalyzeOrientation grid;
    std::string problem;
    EXPECT_FALSE(grid.ComputeWorldSpace(c.Affine, { { 2, 3, 4 } }, { { 1, 1, 1 } }, problem));
    EXPECT_NE(problem.find(c.Words), std::string::npos) << problem;
    EXPECT_FALSE(grid.IsWorldSpace());
    EXPECT_TRUE(grid.IsStoredOrder());
    for (double value : grid.GetOrigin())
    {
      EXPECT_TRUE(std::isfinite(value));
    }
    EXPECT_TRUE(AnalyzeOrientation::AxisCodes(c.Affine).empty());
  }
}

// Every combination of flipped axes, on rows of odd and even widths (in-place reversal meets in
// the middle; 8-byte blocks leave remainders), for each value size and for 3 components.
template <typename T>
void CheckFlips(int components)
{
  for (const auto& dims : { std::array<int, 3>{ { 13, 4, 3 } }, std::array<int, 3>{ { 16, 5, 2 } },
         std::array<int, 3>{ { 1, 3, 3 } }, std::array<int, 3>{ { 37, 1, 1 } } })
  {
    for (int flips = 0; flips < 8; ++flips)
    {
      AnalyzeOrientation grid;
      std::string problem;
      ASSERT_TRUE(
        grid.ComputeWorldSpace(Diagonal(flips & 1 ? -1 : 1, flips & 2 ? -1 : 1, flips & 4 ? -1 : 1),
          { { dims[0], dims[1], dims[2] } }, { { 1, 1, 1 } }, problem));
      const vtkIdType voxels = static_cast<vtkIdType>(dims[0]) * dims[1] * dims[2];
      vtkNew<vtkAOSDataArrayTemplate<T>> values;
      values->SetNumberOfComponents(components);
      values->SetNumberOfTuples(voxels);
      for (vtkIdType v = 0; v < voxels * components; ++v)
      {
        values->SetValue(v, static_cast<T>(v % 251));
      }
      paravoxel::AnalyzeVoxelConverter::FlipInPlace(grid, dims.data(), values);
      for (int k = 0; k < dims[2]; ++k)
      {
        for (int j = 0; j < dims[1]; ++j)
        {
          for (int i = 0; i < dims[0]; ++i)
          {
            const int si = flips & 1 ? dims[0] - 1 - i : i;
            const int sj = flips & 2 ? dims[1] - 1 - j : j;
            const int sk = flips & 4 ? dims[2] - 1 - k : k;
            const vtkIdType out = (static_cast<vtkIdType>(k) * dims[1] + j) * dims[0] + i;
            const vtkIdType in = (static_cast<vtkIdType>(sk) * dims[1] + sj) * dims[0] + si;
            for (int c = 0; c < components; ++c)
            {
              ASSERT_EQ(
                values->GetValue(out * components + c), static_cast<T>((in * components + c) % 251))
                << "flips " << flips << " voxel " << i << " " << j << " " << k;
            }
          }
        }
      }
    }
  }
}

TEST(AnalyzeVoxelConverter, FlipInPlaceMatchesIndexing)
{
  CheckFlips<std::uint8_t>(1);
  CheckFlips<std::int16_t>(1);
  CheckFlips<float>(1);
  CheckFlips<double>(1);
  CheckFlips<std::uint8_t>(3);
}
}
