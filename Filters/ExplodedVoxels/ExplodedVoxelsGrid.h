/**
 * @class   ExplodedVoxelsGrid
 * @brief   The block of voxels vtkExplodedVoxelsFilter works on: which voxels of the input it
 *          visits, which of them the piece owns, where their values are and where they are in
 *          space.
 *
 * Voxels are the points of the image (point data) or its cells (cell data). The work grid holds
 * the voxels the piece owns plus, where the input has them, one layer of neighbours around them
 * (ghosts under MPI), which decide whether the faces towards them are hidden. Work-grid indices
 * (i, j, k) start at 0; rows run along i, and row r = j + k * ny.
 *
 * Ownership is paravoxel::ImagePieces::ComputeOwnedExtent's: each voxel of the whole image is owned
 * by exactly one piece.
 */
#ifndef paravoxel_ExplodedVoxelsGrid_h
#define paravoxel_ExplodedVoxelsGrid_h

#include "vtkType.h"

class vtkImageData;

namespace paravoxel
{
class ExplodedVoxelsGrid
{
public:
  /**
   * Describe the work grid of `image` for point voxels (`cellVoxels` false) or cell voxels.
   * `wholeExtent` is the extent of the whole image, `pieceExtent` the zero-ghost extent of this
   * piece (both in point indices). The work grid is empty when the piece owns no voxel of the
   * image.
   */
  void Initialize(
    vtkImageData* image, bool cellVoxels, const int wholeExtent[6], const int pieceExtent[6]);

  /** Voxels of the work grid along each axis. */
  const int* GetDimensions() const { return this->Dimensions; }
  vtkIdType GetNumberOfRows() const
  {
    return static_cast<vtkIdType>(this->Dimensions[1]) * this->Dimensions[2];
  }
  vtkIdType GetNumberOfVoxels() const { return this->GetNumberOfRows() * this->Dimensions[0]; }

  /** Whether work voxel (i, j, k) belongs to this piece. */
  bool IsOwnedRow(int j, int k) const
  {
    return j >= this->OwnedBegin[1] && j < this->OwnedEnd[1] && k >= this->OwnedBegin[2] &&
      k < this->OwnedEnd[2];
  }
  int GetOwnedBegin(int axis) const { return this->OwnedBegin[axis]; }
  int GetOwnedEnd(int axis) const { return this->OwnedEnd[axis]; }

  /** Tuple id, in the input array, of the value of work voxel (i, j, k). */
  vtkIdType GetTupleId(int i, int j, int k) const
  {
    return this->TupleOffset + i + j * this->TupleStride[1] + k * this->TupleStride[2];
  }

  /** Structured index of work voxel (0, 0, 0) in the image (point or cell index). */
  const int* GetFirstVoxel() const { return this->FirstVoxel; }

  /**
   * Physical position of the point at continuous work-grid index (i, j, k); integer indices are
   * voxel centres, and a voxel's box spans +-0.5 around its centre along each axis.
   */
  void GetPosition(double i, double j, double k, double x[3]) const
  {
    for (int c = 0; c < 3; ++c)
    {
      x[c] = this->Center[c] + i * this->Axis[0][c] + j * this->Axis[1][c] + k * this->Axis[2][c];
    }
  }

  /** Physical step of one voxel along work-grid axis `axis`. */
  const double* GetAxis(int axis) const { return this->Axis[axis]; }

  /**
   * True when the image axes form a left-handed frame (a direction matrix or spacing with a
   * reflection): quads must then be wound the other way to face outwards.
   */
  bool IsLeftHanded() const { return this->LeftHanded; }

private:
  int Dimensions[3] = { 0, 0, 0 };
  int OwnedBegin[3] = { 0, 0, 0 };
  int OwnedEnd[3] = { 0, 0, 0 };
  int FirstVoxel[3] = { 0, 0, 0 };
  vtkIdType TupleOffset = 0;
  vtkIdType TupleStride[3] = { 1, 0, 0 };
  double Center[3] = { 0, 0, 0 };
  double Axis[3][3] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
  bool LeftHanded = false;
};

} // namespace paravoxel

#endif
