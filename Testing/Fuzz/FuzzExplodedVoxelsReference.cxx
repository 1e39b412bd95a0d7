// fuzz_filters' reference for Exploded Voxels (FuzzExplodedVoxelsReference.h).
#include "FuzzExplodedVoxelsReference.h"

#include "FuzzComparison.h"

#include "vtkBox.h"
#include "vtkNew.h"
#include "vtkPlane.h"
#include "vtkSphere.h"
#include "vtkTransform.h"

#include <cstdint>

namespace paravoxel_fuzz
{
vtkSmartPointer<vtkImplicitFunction> MakeCut(const Case& c)
{
  vtkSmartPointer<vtkImplicitFunction> function;
  const double* p = c.Cut;
  if (c.CutKind == 1)
  {
    auto plane = vtkSmartPointer<vtkPlane>::New();
    plane->SetOrigin(p[0], p[1], p[2]);
    plane->SetNormal(p[3], p[4], p[5]);
    function = plane;
  }
  else if (c.CutKind == 2)
  {
    auto sphere = vtkSmartPointer<vtkSphere>::New();
    sphere->SetCenter(p[0], p[1], p[2]);
    sphere->SetRadius(std::abs(p[3]));
    function = sphere;
  }
  else if (c.CutKind == 3)
  {
    auto box = vtkSmartPointer<vtkBox>::New();
    box->SetBounds(
      p[0], p[0] + std::abs(p[3]), p[1], p[1] + std::abs(p[4]), p[2], p[2] + std::abs(p[5]));
    function = box;
  }
  if (function && c.CutTransform > 0)
  {
    vtkNew<vtkTransform> transform;
    transform->Translate(c.Translation);
    if (c.CutTransform == 2)
    {
      transform->RotateWXYZ(c.RotationAngle, 1.0, 2.0, 3.0);
    }
    function->SetTransform(transform);
  }
  return function;
}

std::vector<ExpectedFace> ExpectedFaces(
  Case& c, vtkDataArray* values, const Voxels& voxels, const Boxes& boxes)
{
  const vtkIdType number = voxels.Number();
  const double lower = ResolveBound(c.Lower, values, c.ThresholdComponent);
  const double upper = ResolveBound(c.Upper, values, c.ThresholdComponent);
  c.Lower = BoundSpec{ false, 0, lower };
  c.Upper = BoundSpec{ false, 0, upper };

  // Magnitude of the numbers involved, for the rounding tolerance of the tie tests.
  double magnitude = voxels.Magnitude();
  for (double value : c.Cut)
  {
    magnitude = std::max(magnitude, 2.0 * std::abs(value) + 1.0);
  }
  // A transformed cut moves the centres by its translation before it evaluates them.
  const double moved = std::max(
    { std::abs(c.Translation[0]), std::abs(c.Translation[1]), std::abs(c.Translation[2]) });
  magnitude = std::max({ magnitude + moved, std::abs(c.ViewPoint[0]), std::abs(c.ViewPoint[1]),
    std::abs(c.ViewPoint[2]) });

  std::vector<std::uint8_t> solid(number, 0);
  for (int k = 0; k < voxels.Count[2]; ++k)
  {
    for (int j = 0; j < voxels.Count[1]; ++j)
    {
      for (int i = 0; i < voxels.Count[0]; ++i)
      {
        const int ijk[3] = { i, j, k };
        const double v = ComparedQuantity(values, voxels.Tuple(ijk), c.ThresholdComponent);
        solid[voxels.Tuple(ijk)] = lower < v && v <= upper;
      }
    }
  }
  vtkSmartPointer<vtkImplicitFunction> cut = MakeCut(c);
  if (cut)
  {
    std::vector<std::uint8_t> kept(solid);
    const double tolerance = 1e-10 * magnitude * magnitude;
    for (vtkIdType tuple = 0; tuple < number && cut; ++tuple)
    {
      if (!solid[tuple])
      {
        continue;
      }
      const int ijk[3] = { static_cast<int>(tuple % voxels.Count[0]),
        static_cast<int>(tuple / voxels.Count[0] % voxels.Count[1]),
        static_cast<int>(tuple / voxels.Count[0] / voxels.Count[1]) };
      double centre[3];
      voxels.Centre(ijk, centre);
      const double value = cut->FunctionValue(centre);
      if (std::abs(value) <= tolerance && !(c.Frame.Exact && value == 0.0))
      {
        // A tie within rounding: no cut for this input.
        c.CutKind = 0;
        cut = nullptr;
        break;
      }
      if (c.InvertCut ? value > 0.0 : value <= 0.0)
      {
        kept[tuple] = 0;
      }
    }
    if (cut)
    {
      solid = kept;
    }
  }

  std::vector<ExpectedFace> faces;
  for (vtkIdType tuple = 0; tuple < number; ++tuple)
  {
    if (!solid[tuple])
    {
      continue;
    }
    const int ijk[3] = { static_cast<int>(tuple % voxels.Count[0]),
      static_cast<int>(tuple / voxels.Count[0] % voxels.Count[1]),
      static_cast<int>(tuple / voxels.Count[0] / voxels.Count[1]) };
    for (int face = 0; face < 6; ++face)
    {
      const int axis = face / 2;
      const int side = face % 2 ? 1 : -1;
      int neighbour[3] = { ijk[0], ijk[1], ijk[2] };
      neighbour[axis] += side;
      if (!c.KeepInteriorFaces && voxels.Inside(neighbour) && solid[voxels.Tuple(neighbour)])
      {
        continue;
      }
      faces.push_back(ExpectedFace{ { ijk[0], ijk[1], ijk[2] }, face, false });
    }
  }

  if (c.OnlyFacesTowardViewPoint)
  {
    // The view point sees a face when it lies strictly on the outer side of the face's plane.
    const double tolerance = 1e-10 * magnitude;
    std::vector<std::uint8_t> seen(faces.size());
    bool decided = false;
    for (int attempt = 0; attempt < 3 && !decided; ++attempt)
    {
      decided = true;
      for (std::size_t f = 0; f < faces.size() && decided; ++f)
      {
        const ExpectedFace& face = faces[f];
        double corners[4][3];
        long long keys[4];
        boxes.Corners(face, corners, keys);
        double centre[3], centroid[3] = { 0, 0, 0 }, e1[3], e2[3], normal[3], toView[3], outward[3];
        voxels.Centre(face.Voxel, centre);
        for (int a = 0; a < 3; ++a)
        {
          for (int n = 0; n < 4; ++n)
          {
            centroid[a] += corners[n][a] / 4.0;
          }
          e1[a] = corners[1][a] - corners[0][a];
          e2[a] = corners[3][a] - corners[0][a];
          outward[a] = centroid[a] - centre[a];
          toView[a] = c.ViewPoint[a] - centroid[a];
        }
        normal[0] = e1[1] * e2[2] - e1[2] * e2[1];
        normal[1] = e1[2] * e2[0] - e1[0] * e2[2];
        normal[2] = e1[0] * e2[1] - e1[1] * e2[0];
        const double length = std::sqrt(Dot(normal, normal)) * (Dot(normal, outward) < 0 ? -1 : 1);
        const double distance = Dot(toView, normal) / length;
        if (std::abs(distance) <= tolerance && !(c.Frame.Exact && distance == 0.0))
        {
          // A tie within rounding: move the view point off the plane, a little, and decide again.
          for (int a = 0; a < 3; ++a)
          {
            c.ViewPoint[a] += 1e-6 * magnitude * (attempt + 1) * (0.31 + 0.23 * a);
          }
          decided = false;
        }
        seen[f] = distance > 0.0;
      }
    }
    if (!decided)
    {
      c.OnlyFacesTowardViewPoint = false;
    }
    else
    {
      std::vector<ExpectedFace> visible;
      for (std::size_t f = 0; f < faces.size(); ++f)
      {
        if (seen[f])
        {
          visible.push_back(faces[f]);
        }
      }
      faces.swap(visible);
    }
  }
  return faces;
}
}
