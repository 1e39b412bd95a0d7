#include "AnalyzeOrientation.h"

#include "vtkMath.h"

#include <algorithm>
#include <cmath>

namespace paravoxel
{
namespace
{
// A matrix whose smallest singular value is below this fraction of its largest squeezes the
// voxels onto a plane (or nearly): no grid can be made of it.
constexpr double SingularTolerance = 1e-6;

// For each stored axis, the world axis (0 = x, 1 = y, 2 = z) it runs closest to and whether it
// runs toward the negative end (L, P, I). As nibabel's io_orientation: the rotation nearest to
// the affine's (its polar decomposition, scales and shears left out), then stored axis by
// stored axis the world axis of its largest component, each world axis taken once.
struct AxisAssignment
{
  std::array<int, 3> WorldAxis;
  std::array<bool, 3> Negative;
};

bool AssignAxes(
  const AnalyzeOrientation::Affine& affine, AxisAssignment& assignment, std::string& problem)
{
  static const char* axisNames[3] = { "i", "j", "k" };
  double columns[3][3]; // columns[row][col], each column scaled to unit length
  for (int col = 0; col < 3; ++col)
  {
    double norm = 0;
    for (int row = 0; row < 3; ++row)
    {
      const double value = affine[4 * row + col];
      if (!std::isfinite(value) || !std::isfinite(affine[4 * row + 3]))
      {
        problem = "its affine holds values that are not finite";
        return false;
      }
      norm += value * value;
    }
    norm = std::sqrt(norm);
    if (!std::isnormal(norm))
    {
      problem = std::string("its affine gives axis ") + axisNames[col] + " no length (zero scale)";
      return false;
    }
    for (int row = 0; row < 3; ++row)
    {
      columns[row][col] = affine[4 * row + col] / norm;
    }
  }
  double u[3][3], w[3], vt[3][3];
  vtkMath::SingularValueDecomposition3x3(columns, u, w, vt);
  const double largest = std::max({ std::fabs(w[0]), std::fabs(w[1]), std::fabs(w[2]) });
  const double smallest = std::min({ std::fabs(w[0]), std::fabs(w[1]), std::fabs(w[2]) });
  if (!(smallest > SingularTolerance * largest))
  {
    problem = "its affine is singular (two voxel axes point the same way)";
    return false;
  }
  // The polar factor U * sign(W) * VT: VTK keeps U and VT rotations and puts a reflection into
  // the sign of a singular value.
  double rotation[3][3];
  for (int row = 0; row < 3; ++row)
  {
    for (int col = 0; col < 3; ++col)
    {
      rotation[row][col] = 0;
      for (int k = 0; k < 3; ++k)
      {
        rotation[row][col] += u[row][k] * (w[k] < 0 ? -1.0 : 1.0) * vt[k][col];
      }
    }
  }
  for (int stored = 0; stored < 3; ++stored)
  {
    int best = 0;
    for (int world = 1; world < 3; ++world)
    {
      if (std::fabs(rotation[world][stored]) > std::fabs(rotation[best][stored]))
      {
        best = world;
      }
    }
    assignment.WorldAxis[stored] = best;
    assignment.Negative[stored] = rotation[best][stored] < 0;
    for (int col = 0; col < 3; ++col)
    {
      rotation[best][col] = 0; // each world axis is taken once
    }
  }
  return true;
}
}

bool AnalyzeOrientation::ComputeWorldSpace(const Affine& affine, const Dimensions& dimensions,
  const std::array<double, 3>& spacing, std::string& problem)
{
  AxisAssignment assignment;
  if (!AssignAxes(affine, assignment, problem))
  {
    this->ComputeVoxelOrder(affine, dimensions, spacing);
    for (int axis = 0; axis < 3; ++axis)
    {
      if (!std::isfinite(this->Origin[axis]))
      {
        this->Origin[axis] = 0;
      }
    }
    return false;
  }
  this->WorldSpace = true;
  this->StoredDimensions = dimensions;
  for (int stored = 0; stored < 3; ++stored)
  {
    this->SourceAxis[assignment.WorldAxis[stored]] = stored;
    this->Flipped[assignment.WorldAxis[stored]] = assignment.Negative[stored];
  }
  this->Reorder(affine, dimensions);
  return true;
}

void AnalyzeOrientation::Reorder(const Affine& affine, const Dimensions& dimensions)
{
  // The affine of the output grid: its column a is the stored column of the source axis, negated
  // when flipped, and a flipped axis starts at the stored voxel at the far end.
  Affine& out = this->OutputVoxelToWorld;
  out = affine;
  for (int axis = 0; axis < 3; ++axis)
  {
    const int source = this->SourceAxis[axis];
    const double sign = this->Flipped[axis] ? -1.0 : 1.0;
    this->OutputDimensions[axis] = dimensions[source];
    double norm = 0;
    for (int row = 0; row < 3; ++row)
    {
      out[4 * row + axis] = sign * affine[4 * row + source];
      norm += out[4 * row + axis] * out[4 * row + axis];
    }
    this->Spacing[axis] = std::sqrt(norm);
  }
  for (int row = 0; row < 3; ++row)
  {
    double translation = affine[4 * row + 3];
    for (int axis = 0; axis < 3; ++axis)
    {
      const int source = this->SourceAxis[axis];
      if (this->Flipped[axis])
      {
        translation += affine[4 * row + source] * static_cast<double>(dimensions[source] - 1);
      }
      this->Direction[3 * row + axis] = out[4 * row + axis] / this->Spacing[axis];
    }
    out[4 * row + 3] = translation;
    this->Origin[row] = translation;
  }
}

void AnalyzeOrientation::ComputeVoxelOrder(
  const Affine& affine, const Dimensions& dimensions, const std::array<double, 3>& spacing)
{
  *this = AnalyzeOrientation();
  this->StoredDimensions = dimensions;
  this->OutputDimensions = dimensions;
  this->Spacing = spacing;
  this->Origin = { { affine[3], affine[7], affine[11] } };
  this->OutputVoxelToWorld = affine;
}

std::string AnalyzeOrientation::AxisCodes(const Affine& affine)
{
  AxisAssignment assignment;
  std::string problem;
  if (!AssignAxes(affine, assignment, problem))
  {
    return std::string();
  }
  static const char* codes[2] = { "RAS", "LPI" };
  std::string result;
  for (int stored = 0; stored < 3; ++stored)
  {
    result += codes[assignment.Negative[stored] ? 1 : 0][assignment.WorldAxis[stored]];
  }
  return result;
}

bool AnalyzeOrientation::IsStoredOrder() const
{
  return this->KeepsAxisOrder() && !this->Flipped[0] && !this->Flipped[1] && !this->Flipped[2];
}

bool AnalyzeOrientation::KeepsAxisOrder() const
{
  return this->SourceAxis[0] == 0 && this->SourceAxis[1] == 1 && this->SourceAxis[2] == 2;
}

void AnalyzeOrientation::ComputeSourceBox(const int outputExtent[6], int sourceBox[6]) const
{
  for (int axis = 0; axis < 3; ++axis)
  {
    const int source = this->SourceAxis[axis];
    const int last = static_cast<int>(this->StoredDimensions[source] - 1);
    const int low = outputExtent[2 * axis];
    const int high = outputExtent[2 * axis + 1];
    sourceBox[2 * source] = this->Flipped[axis] ? last - high : low;
    sourceBox[2 * source + 1] = this->Flipped[axis] ? last - low : high;
  }
}
} // namespace paravoxel
