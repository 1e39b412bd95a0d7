#include "ExplodedVoxelsFaces.h"

#include <array>

namespace paravoxel
{
namespace
{
// The corners of each face, counter-clockwise seen from outside the box.
constexpr std::uint8_t FaceCorners[6][4] = { { 0, 4, 6, 2 }, { 1, 3, 7, 5 }, { 0, 1, 5, 4 },
  { 2, 6, 7, 3 }, { 0, 2, 3, 1 }, { 4, 5, 7, 6 } };
}

const ExplodedVoxelsFaces::Layout* ExplodedVoxelsFaces::GetLayouts()
{
  using Layouts = std::array<Layout, 64>;
  static const Layouts layouts = []()
  {
    Layouts table;
    for (int mask = 0; mask < 64; ++mask)
    {
      Layout& layout = table[mask];
      for (int face = 0; face < 6; ++face)
      {
        if (mask & (1 << face))
        {
          ++layout.NumberOfFaces;
          for (std::uint8_t corner : FaceCorners[face])
          {
            layout.CornerMask |= static_cast<std::uint8_t>(1 << corner);
          }
        }
      }
      for (int corner = 0; corner < 8; ++corner)
      {
        layout.CornerRank[corner] = layout.NumberOfCorners;
        if (layout.CornerMask & (1 << corner))
        {
          ++layout.NumberOfCorners;
        }
      }
    }
    return table;
  }();
  return layouts.data();
}

void ExplodedVoxelsFaces::GetWinding(bool leftHanded, std::uint8_t winding[6][4])
{
  for (int face = 0; face < 6; ++face)
  {
    for (int n = 0; n < 4; ++n)
    {
      winding[face][n] = FaceCorners[face][leftHanded ? 3 - n : n];
    }
  }
}
} // namespace paravoxel
