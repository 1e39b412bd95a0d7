#include "ExplodedVoxelsSharedCorners.h"

#include "ExplodedVoxelsFaces.h"
#include "ExplodedVoxelsGrid.h"

#include <algorithm>
#include <cstring>

namespace paravoxel
{
namespace
{
using FaceBit = ExplodedVoxelsFaces::FaceBit;

// Whether the 8 bytes from `bytes` on are all 0: the walks below skip the solid insides and empty
// stretches of rows, where no face and no used corner is, 8 voxels at a time.
bool EightZeros(const std::uint8_t* bytes)
{
  std::uint64_t word;
  std::memcpy(&word, bytes, sizeof(word));
  return word == 0;
}
}

ExplodedVoxelsSharedCorners::ExplodedVoxelsSharedCorners(const ExplodedVoxelsGrid& grid,
  const ExplodedVoxelsFaces& faces, HugePageMemory::Array<std::uint8_t> scratch,
  const ExplodedVoxelsRowLoop::ProgressFunction& progress)
  : Grid(grid)
  , Faces(faces)
  , Progress(progress)
  , RowLength(grid.GetDimensions()[0] + 1)
  , NumberOfRows(
      static_cast<vtkIdType>(grid.GetDimensions()[1] + 1) * (grid.GetDimensions()[2] + 1))
  , CornerUsed(std::move(scratch))
{
}

vtkIdType ExplodedVoxelsSharedCorners::GetNumberOfCorners(const ExplodedVoxelsGrid& grid)
{
  const int* dims = grid.GetDimensions();
  return static_cast<vtkIdType>(dims[0] + 1) * (dims[1] + 1) * (dims[2] + 1);
}

ExplodedVoxelsSharedCorners::~ExplodedVoxelsSharedCorners() = default;

// PASS 3: a corner is used when one of the eight voxels around it makes one of its three faces
// that touch the corner.
bool ExplodedVoxelsSharedCorners::MarkUsedCorners()
{
  const int* dims = this->Grid.GetDimensions();
  const vtkIdType voxelRowLength = dims[0];
  const vtkIdType rowLength = this->RowLength;
  const vtkIdType rows = this->NumberOfRows;
  const std::uint8_t* faceMasks = this->Faces.Masks.get();
  const vtkIdType* rowFaceStart = this->Faces.RowFaceStart.data();
  const int* firstFaces = this->Faces.RowFirstFace.data();
  const int* endFaces = this->Faces.RowEndFace.data();
  if (!this->CornerUsed)
  {
    this->CornerUsed = HugePageMemory::AllocateArray<std::uint8_t>(rows * rowLength);
  }
  if (!this->CornerUsed)
  {
    return false;
  }
  std::uint8_t* cornerUsed = this->CornerUsed.get();
  this->RowPointStart.assign(rows + 1, 0);
  vtkIdType* cornerCounts = this->RowPointStart.data();
  this->RowFirstUsed.assign(rows, static_cast<int>(rowLength));
  this->RowEndUsed.assign(rows, static_cast<int>(rowLength));
  int* firstCorners = this->RowFirstUsed.data();
  int* endCorners = this->RowEndUsed.data();

  const bool completed = ExplodedVoxelsRowLoop::Run(rows, this->Progress, 0.5, 0.6,
    [&](vtkIdType begin, vtkIdType end)
    {
      for (vtkIdType row = begin; row < end; ++row)
      {
        const int J = static_cast<int>(row % (dims[1] + 1));
        const int K = static_cast<int>(row / (dims[1] + 1));
        // The rows of voxels around this row of corners that make faces, with the y and z
        // faces of theirs that touch it.
        const std::uint8_t* voxelRows[4];
        std::uint8_t touching[4];
        int around = 0;
        // Only corners from the first to one past the last voxel with faces can be used.
        vtkIdType from = rowLength;
        vtkIdType to = 0;
        for (int dk = 0; dk < 2; ++dk)
        {
          const int k = K - 1 + dk;
          for (int dj = 0; dj < 2; ++dj)
          {
            const int j = J - 1 + dj;
            if (j < 0 || j >= dims[1] || k < 0 || k >= dims[2])
            {
              continue;
            }
            const vtkIdType voxelRow = j + static_cast<vtkIdType>(k) * dims[1];
            if (rowFaceStart[voxelRow] == rowFaceStart[voxelRow + 1])
            {
              continue;
            }
            voxelRows[around] = faceMasks + voxelRow * voxelRowLength;
            touching[around] = (dj == 0 ? FaceBit::YPlus : FaceBit::YMinus) |
              (dk == 0 ? FaceBit::ZPlus : FaceBit::ZMinus);
            ++around;
            from = std::min<vtkIdType>(from, firstFaces[voxelRow]);
            to = std::max<vtkIdType>(to, endFaces[voxelRow] + 1);
          }
        }
        std::uint8_t* used = cornerUsed + row * rowLength;
        std::fill(used, used + rowLength, 0);
        vtkIdType count = 0;
        vtkIdType firstUsed = rowLength;
        vtkIdType lastUsed = -1;
        for (vtkIdType I = from; I < to; ++I)
        {
          // Corners I to I + 6 touch voxels I - 1 to I + 6 only.
          if (I > 0 && I + 7 <= voxelRowLength &&
            std::all_of(voxelRows, voxelRows + around,
              [I](const std::uint8_t* voxelRow) { return EightZeros(voxelRow + I - 1); }))
          {
            I += 6;
            continue;
          }
          std::uint8_t touched = 0;
          for (int r = 0; r < around; ++r)
          {
            if (I > 0)
            {
              touched |= voxelRows[r][I - 1] & (touching[r] | FaceBit::XPlus);
            }
            if (I < voxelRowLength)
            {
              touched |= voxelRows[r][I] & (touching[r] | FaceBit::XMinus);
            }
          }
          if (touched)
          {
            used[I] = 1;
            ++count;
            firstUsed = std::min(firstUsed, I);
            lastUsed = I;
          }
        }
        cornerCounts[row] = count;
        if (count)
        {
          firstCorners[row] = static_cast<int>(firstUsed);
          endCorners[row] = static_cast<int>(lastUsed + 1);
        }
      }
    });
  if (!completed)
  {
    return false;
  }
  ExplodedVoxelsRowLoop::ExclusivePrefixSum(this->RowPointStart);
  return true;
}

template <typename IdT>
bool ExplodedVoxelsSharedCorners::FillGeometry(float* points, IdT* connectivity)
{
  // PASS 4a, then PASS 4b.
  const bool completed = this->PlaceCorners(points) && this->MakeQuads(connectivity);
  this->CornerUsed.reset();
  return completed;
}

// PASS 4a: the positions of the used corners, row of corners by row of corners.
bool ExplodedVoxelsSharedCorners::PlaceCorners(float* points) const
{
  const int* dims = this->Grid.GetDimensions();
  const std::uint8_t* cornerUsed = this->CornerUsed.get();
  const vtkIdType* rowPointStart = this->RowPointStart.data();
  const int* firstCorners = this->RowFirstUsed.data();
  const int* endCorners = this->RowEndUsed.data();
  return ExplodedVoxelsRowLoop::Run(this->NumberOfRows, this->Progress, 0.6, 0.7,
    [&](vtkIdType begin, vtkIdType end)
    {
      for (vtkIdType row = begin; row < end; ++row)
      {
        vtkIdType point = rowPointStart[row];
        if (point == rowPointStart[row + 1])
        {
          continue;
        }
        const double J = static_cast<double>(row % (dims[1] + 1)) - 0.5;
        const double K = static_cast<double>(row / (dims[1] + 1)) - 0.5;
        const std::uint8_t* used = cornerUsed + row * this->RowLength;
        for (vtkIdType I = firstCorners[row]; I < endCorners[row]; ++I)
        {
          if (used[I])
          {
            double x[3];
            this->Grid.GetPosition(I - 0.5, J, K, x);
            float* p = points + 3 * point++;
            for (int c = 0; c < 3; ++c)
            {
              p[c] = static_cast<float>(x[c]);
            }
          }
        }
      }
    });
}

// PASS 4b: the quads of each row of voxels, which walks the four rows of corners around it
// (q = y + 2z offset) in step, counting used corners to know their ids. The walk starts at the
// first corner any of them uses (ids before it are not needed) and stops after the last voxel
// with faces.
template <typename IdT>
bool ExplodedVoxelsSharedCorners::MakeQuads(IdT* connectivity) const
{
  const int* dims = this->Grid.GetDimensions();
  const vtkIdType voxelRowLength = dims[0];
  const std::uint8_t* faceMasks = this->Faces.Masks.get();
  const int* firstFaces = this->Faces.RowFirstFace.data();
  const int* endFaces = this->Faces.RowEndFace.data();
  const std::uint8_t* cornerUsed = this->CornerUsed.get();
  const vtkIdType* rowPointStart = this->RowPointStart.data();
  const int* firstCorners = this->RowFirstUsed.data();
  std::uint8_t winding[6][4];
  ExplodedVoxelsFaces::GetWinding(this->Grid.IsLeftHanded(), winding);

  return this->Faces.ForEachRowWithFaces(this->Grid, this->Progress, 0.7, 0.9,
    [&](vtkIdType row, int j, int k, vtkIdType face)
    {
      const std::uint8_t* used[4];
      vtkIdType next[4];
      IdT low[4];  // ids of the corners at I = i, or -1
      IdT high[4]; // ids of the corners at I = i + 1, or -1
      // A first voxel whose only face is +x (behind a ghost neighbour) uses no corner at its own
      // I, so the walk starts at that voxel at the latest.
      vtkIdType start = firstFaces[row];
      for (int q = 0; q < 4; ++q)
      {
        const vtkIdType cornerRow =
          (j + (q & 1)) + static_cast<vtkIdType>(k + (q >> 1)) * (dims[1] + 1);
        used[q] = cornerUsed + cornerRow * this->RowLength;
        next[q] = rowPointStart[cornerRow];
        start = std::min<vtkIdType>(start, firstCorners[cornerRow]);
      }
      for (int q = 0; q < 4; ++q)
      {
        low[q] = used[q][start] ? static_cast<IdT>(next[q]++) : -1;
      }
      const std::uint8_t* masks = faceMasks + row * voxelRowLength;
      for (vtkIdType i = start; i < endFaces[row]; ++i)
      {
        // No faces at voxels i to i + 7 and no used corners at I = i + 1 to i + 8: nothing to
        // make or count, and the corners at I = i + 8 are unused.
        if (i + 8 <= endFaces[row] && EightZeros(masks + i) &&
          std::all_of(used, used + 4, [i](const std::uint8_t* u) { return EightZeros(u + i + 1); }))
        {
          std::fill(low, low + 4, IdT(-1));
          i += 7;
          continue;
        }
        for (int q = 0; q < 4; ++q)
        {
          high[q] = used[q][i + 1] ? static_cast<IdT>(next[q]++) : -1;
        }
        const std::uint8_t mask = masks[i];
        for (int f = 0; mask && f < 6; ++f)
        {
          if (mask & (1 << f))
          {
            IdT* quad = connectivity + 4 * face++;
            for (int n = 0; n < 4; ++n)
            {
              const std::uint8_t corner = winding[f][n];
              quad[n] = (corner & 1) ? high[corner >> 1] : low[corner >> 1];
            }
          }
        }
        std::copy(high, high + 4, low);
      }
    });
}

template bool ExplodedVoxelsSharedCorners::FillGeometry(float*, vtkTypeInt32*);
template bool ExplodedVoxelsSharedCorners::FillGeometry(float*, vtkTypeInt64*);
} // namespace paravoxel
