/**
 * @class   ExplodedVoxelsFaces
 * @brief   The faces the voxels of a ExplodedVoxelsGrid make: what PASS 2 of
 *          ExplodedVoxelsMesher finds, and what the later passes read.
 *
 * Each work voxel has a mask of the faces it makes (bits -x, +x, -y, +y, -z, +z). A box's
 * corners are numbered x + 2y + 4z, each coordinate 0 on the low side and 1 on the high side;
 * the layout of a mask tells how many faces and which corners it makes, and where each used
 * corner lands among them, so that a separate box stores only the corners its faces need.
 */
#ifndef paravoxel_ExplodedVoxelsFaces_h
#define paravoxel_ExplodedVoxelsFaces_h

#include "ExplodedVoxelsGrid.h"
#include "ExplodedVoxelsRowLoop.h"
#include "HugePageMemory.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace paravoxel
{
class ExplodedVoxelsFaces
{
public:
  enum FaceBit : std::uint8_t
  {
    XMinus = 1,
    XPlus = 2,
    YMinus = 4,
    YPlus = 8,
    ZMinus = 16,
    ZPlus = 32,
    AllFaces = 63
  };

  struct Layout
  {
    std::uint8_t NumberOfFaces = 0;
    std::uint8_t NumberOfCorners = 0;
    std::uint8_t CornerMask = 0;
    std::uint8_t CornerRank[8] = {};
  };

  /** What a voxel makes, indexed by its face mask (64 entries). */
  static const Layout* GetLayouts();

  /**
   * The corners of each face (in FaceBit order), counter-clockwise seen from outside the box when
   * the image axes are right-handed (`leftHanded` false), so that normals point outwards;
   * clockwise otherwise, as a reflection turns the faces inside out.
   */
  static void GetWinding(bool leftHanded, std::uint8_t winding[6][4]);

  /**
   * Runs body(row, j, k, face) for each row (j, k) of voxels of `grid` that makes faces, `face`
   * being the id of its first face, with ExplodedVoxelsRowLoop::Run.
   */
  template <typename Body>
  bool ForEachRowWithFaces(const ExplodedVoxelsGrid& grid,
    const ExplodedVoxelsRowLoop::ProgressFunction& progress, double from, double to,
    Body&& body) const
  {
    const vtkIdType* rowFaceStart = this->RowFaceStart.data();
    const int rowsPerSlice = grid.GetDimensions()[1];
    return ExplodedVoxelsRowLoop::Run(grid.GetNumberOfRows(), progress, from, to,
      [&](vtkIdType begin, vtkIdType end)
      {
        for (vtkIdType row = begin; row < end; ++row)
        {
          if (rowFaceStart[row] != rowFaceStart[row + 1])
          {
            body(row, static_cast<int>(row % rowsPerSlice), static_cast<int>(row / rowsPerSlice),
              rowFaceStart[row]);
          }
        }
      });
  }

  /** Per work voxel: the faces it makes. */
  HugePageMemory::Array<std::uint8_t> Masks;
  /** First face of each row of voxels, then the total (prefix sums of the counts). */
  std::vector<vtkIdType> RowFaceStart;
  /**
   * With separate boxes, which own the corners their faces use: the first corner of each row's
   * boxes, then the total. With shared corners, only a 0 (they are counted in PASS 3).
   */
  std::vector<vtkIdType> RowBoxCornerStart;
  /**
   * Per row of voxels: the first voxel with faces and one past the last, so that later passes skip
   * the empty ends of rows.
   */
  std::vector<int> RowFirstFace;
  std::vector<int> RowEndFace;
};

} // namespace paravoxel

#endif
