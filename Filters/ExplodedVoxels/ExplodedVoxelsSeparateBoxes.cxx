#include "ExplodedVoxelsSeparateBoxes.h"

#include "ExplodedVoxelsFaces.h"
#include "ExplodedVoxelsGrid.h"
#include "ExplodedVoxelsRegions.h"

namespace paravoxel
{
ExplodedVoxelsSeparateBoxes::ExplodedVoxelsSeparateBoxes(const ExplodedVoxelsGrid& grid,
  const ExplodedVoxelsFaces& faces, const ExplodedVoxelsRegions& regions, double halfSize,
  const ExplodedVoxelsRowLoop::ProgressFunction& progress)
  : Grid(grid)
  , Faces(faces)
  , Regions(regions)
  , Progress(progress)
{
  for (int corner = 0; corner < 8; ++corner)
  {
    for (int c = 0; c < 3; ++c)
    {
      this->CornerOffset[corner][c] = 0.0;
      for (int axis = 0; axis < 3; ++axis)
      {
        const double side = (corner >> axis) & 1 ? halfSize : -halfSize;
        this->CornerOffset[corner][c] += side * grid.GetAxis(axis)[c];
      }
    }
  }
}

vtkIdType ExplodedVoxelsSeparateBoxes::GetNumberOfPoints() const
{
  return this->Faces.RowBoxCornerStart.back();
}

// PASS 4: each row of voxels writes the corners of its boxes from its first corner on, and its
// quads from its first face on.
template <typename IdT>
bool ExplodedVoxelsSeparateBoxes::FillGeometry(float* points, IdT* connectivity) const
{
  const int* dims = this->Grid.GetDimensions();
  const vtkIdType rowLength = dims[0];
  const std::uint8_t* faceMasks = this->Faces.Masks.get();
  const vtkIdType* rowPointStart = this->Faces.RowBoxCornerStart.data();
  const int* firstFaces = this->Faces.RowFirstFace.data();
  const int* endFaces = this->Faces.RowEndFace.data();
  const ExplodedVoxelsFaces::Layout* layouts = ExplodedVoxelsFaces::GetLayouts();
  std::uint8_t winding[6][4];
  ExplodedVoxelsFaces::GetWinding(this->Grid.IsLeftHanded(), winding);

  return this->Faces.ForEachRowWithFaces(this->Grid, this->Progress, 0.6, 0.9,
    [&](vtkIdType row, int j, int k, vtkIdType face)
    {
      vtkIdType point = rowPointStart[row];
      const std::uint8_t* masks = faceMasks + row * rowLength;
      for (int i = firstFaces[row]; i < endFaces[row]; ++i)
      {
        const std::uint8_t mask = masks[i];
        if (!mask)
        {
          continue;
        }
        const ExplodedVoxelsFaces::Layout& layout = layouts[mask];
        double center[3];
        this->Regions.GetBoxCentre(i, j, k, row * rowLength + i, center);
        for (int corner = 0; corner < 8; ++corner)
        {
          if (layout.CornerMask & (1 << corner))
          {
            float* p = points + 3 * (point + layout.CornerRank[corner]);
            for (int c = 0; c < 3; ++c)
            {
              p[c] = static_cast<float>(center[c] + this->CornerOffset[corner][c]);
            }
          }
        }
        for (int f = 0; f < 6; ++f)
        {
          if (mask & (1 << f))
          {
            IdT* quad = connectivity + 4 * face++;
            for (int n = 0; n < 4; ++n)
            {
              quad[n] = static_cast<IdT>(point + layout.CornerRank[winding[f][n]]);
            }
          }
        }
        point += layout.NumberOfCorners;
      }
    });
}

template bool ExplodedVoxelsSeparateBoxes::FillGeometry(float*, vtkTypeInt32*) const;
template bool ExplodedVoxelsSeparateBoxes::FillGeometry(float*, vtkTypeInt64*) const;
} // namespace paravoxel
