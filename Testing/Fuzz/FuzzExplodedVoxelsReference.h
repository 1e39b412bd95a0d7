// fuzz_filters' reference for Exploded Voxels: the voxels, their boxes and the faces the
// filter's header defines, evaluated plainly in double precision.
#ifndef FuzzExplodedVoxelsReference_h
#define FuzzExplodedVoxelsReference_h

#include "FuzzInput.h"

#include "vtkDataArray.h"
#include "vtkImplicitFunction.h"
#include "vtkSmartPointer.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace paravoxel_fuzz
{
/** Voxels of the image as the filters' headers define them, in the reference's terms. */
struct Voxels
{
  int Count[3];    // voxels per axis
  int First[3];    // structured index of the first voxel
  double Shift[3]; // continuous index of a voxel's centre minus its structured index
  const Geometry* Frame;

  Voxels(const Case& c)
    : Frame(&c.Frame)
  {
    for (int axis = 0; axis < 3; ++axis)
    {
      // Points are voxels; cells are, and a flat axis of a cell-data image has one layer of
      // cells centred on its points.
      const bool flat = c.Dimensions[axis] == 1;
      this->Count[axis] = c.CellData && !flat ? c.Dimensions[axis] - 1 : c.Dimensions[axis];
      this->First[axis] = c.Extent[2 * axis];
      this->Shift[axis] = c.CellData && !flat ? 0.5 : 0.0;
    }
  }

  vtkIdType Number() const
  {
    return static_cast<vtkIdType>(this->Count[0]) * this->Count[1] * this->Count[2];
  }
  vtkIdType Tuple(const int ijk[3]) const
  {
    return ijk[0] + static_cast<vtkIdType>(this->Count[0]) * (ijk[1] + this->Count[1] * ijk[2]);
  }
  bool Inside(const int ijk[3]) const
  {
    for (int axis = 0; axis < 3; ++axis)
    {
      if (ijk[axis] < 0 || ijk[axis] >= this->Count[axis])
      {
        return false;
      }
    }
    return true;
  }

  /** World position of voxel `ijk` (0-based) plus `offset` voxels along each axis. */
  void Position(const int ijk[3], const double offset[3], double x[3]) const
  {
    const Geometry& g = *this->Frame;
    for (int row = 0; row < 3; ++row)
    {
      x[row] = g.Origin[row];
      for (int axis = 0; axis < 3; ++axis)
      {
        const double index = this->First[axis] + ijk[axis] + this->Shift[axis] + offset[axis];
        x[row] += index * g.Spacing[axis] * g.Direction[3 * row + axis];
      }
    }
  }
  void Centre(const int ijk[3], double x[3]) const
  {
    const double none[3] = { 0, 0, 0 };
    this->Position(ijk, none, x);
  }

  /** The largest coordinate (at least 1) of any voxel's box: the scale of rounding errors. */
  double Magnitude() const
  {
    double magnitude = 1.0;
    for (int corner = 0; corner < 8; ++corner)
    {
      const int ijk[3] = { corner & 1 ? this->Count[0] - 1 : 0, corner & 2 ? this->Count[1] - 1 : 0,
        corner & 4 ? this->Count[2] - 1 : 0 };
      const double offset[3] = { corner & 1 ? 0.5 : -0.5, corner & 2 ? 0.5 : -0.5,
        corner & 4 ? 0.5 : -0.5 };
      double x[3];
      this->Position(ijk, offset, x);
      magnitude = std::max({ magnitude, std::abs(x[0]), std::abs(x[1]), std::abs(x[2]) });
    }
    return magnitude;
  }
};

/** A face Exploded Voxels must make. */
struct ExpectedFace
{
  int Voxel[3];
  int Side; // -x, +x, -y, +y, -z, +z
  bool Made;
};

/** The boxes of the voxels: shrunk to `Half` a voxel about their centres, separate or not. */
struct Boxes
{
  const Voxels& Grid;
  double Half;
  bool Separate;

  /** Distinct corner keys there can be. */
  long long NumberOfKeys() const
  {
    return this->Separate ? 8LL * this->Grid.Number()
                          : (2LL * this->Grid.Count[0] + 2) * (2LL * this->Grid.Count[1] + 2) *
        (2LL * this->Grid.Count[2] + 2);
  }

  /**
   * The corners of `face`, a loop around it, and which output point each must be: the same key,
   * the same point (a box's own corner, or a corner of the lattice when neighbours share them).
   */
  void Corners(const ExpectedFace& face, double corners[4][3], long long keys[4]) const
  {
    const int axis = face.Side / 2;
    const int b = (axis + 1) % 3;
    const int d = (axis + 2) % 3;
    static const int loop[4][2] = { { -1, -1 }, { 1, -1 }, { 1, 1 }, { -1, 1 } };
    for (int n = 0; n < 4; ++n)
    {
      int signs[3];
      signs[axis] = face.Side % 2 ? 1 : -1;
      signs[b] = loop[n][0];
      signs[d] = loop[n][1];
      const double offset[3] = { signs[0] * this->Half, signs[1] * this->Half,
        signs[2] * this->Half };
      this->Grid.Position(face.Voxel, offset, corners[n]);
      if (this->Separate)
      {
        const int corner = (signs[0] > 0) + 2 * (signs[1] > 0) + 4 * (signs[2] > 0);
        keys[n] = this->Grid.Tuple(face.Voxel) * 8 + corner;
      }
      else
      {
        // Lattice corners, in half voxels.
        long long key = 0;
        for (int a = 2; a >= 0; --a)
        {
          key = key * (2LL * this->Grid.Count[a] + 2) + (2LL * face.Voxel[a] + 1 + signs[a]);
        }
        keys[n] = key;
      }
    }
  }
};

/** The cut function of `c` (none, a plane, a sphere or a box, transformed or not). */
vtkSmartPointer<vtkImplicitFunction> MakeCut(const Case& c);

/**
 * The faces of the header's definition: the six faces of each filled voxel not cut away that
 * border an empty voxel, a cut-away one or the image's border (all six with KeepInteriorFaces),
 * of boxes shrunk by (1 - Gap), Gap at least InteriorFaceInset with KeepInteriorFaces, only
 * those whose outer side looks toward ViewPoint if asked. May drop the cut or the view point
 * test (in `c`) when a voxel centre or view point is so close to the cut's surface or a face's
 * plane that rounding could decide either way.
 */
std::vector<ExpectedFace> ExpectedFaces(
  Case& c, vtkDataArray* values, const Voxels& voxels, const Boxes& boxes);
}

#endif
