// Exploded Voxels where the voxels are in space: spacing, origin and extents not at 0, direction
// matrices (rotation, reflection, permutation), flat axes (2D images, lines, points, 2D cell
// data), plane, box and sphere cuts (inverted, transformed) and faces toward a view point. Every
// face is matched against the reference of ExplodedVoxelsReference.h, with one thread and with
// several.
#include "ExplodedVoxelsReference.h"

#include "vtkBox.h"
#include "vtkGeneralTransform.h"
#include "vtkMath.h"
#include "vtkPlane.h"
#include "vtkSphere.h"
#include "vtkTransform.h"

#include <cmath>
#include <functional>
#include <utility>

namespace
{
// The filter tests' shared fixture and helpers (FilterTestHelpers.h), and the Exploded Voxels
// options, reference and checks (ExplodedVoxelsReference.h).
using namespace paravoxel_test;
using namespace paravoxel_test::exploded_voxels;
using ExplodedVoxels = FilterTest;
}

TEST_F(ExplodedVoxels, SpacingOriginAndExtent)
{
  Layout layout =
    Block({ { 5, 3, 4 } }, { { 0.5, 2.0, 1.25 } }, { { -3.0, 1.5, 10.0 } }, { { 2, -3, 7 } });
  const auto values = MakeArray("v", 1, RandomValues<double>(layout.NumberOfVoxels(), 3, 5));
  CheckPointsAndCells(layout, values, { 0.0, 0.3 }, [](const Layout&, const Options&) {});
}

TEST_F(ExplodedVoxels, DirectionMatrices)
{
  // A rotation (30 degrees about z then 20 about x), a reflection (left-handed axes: quads must
  // be wound the other way), and a permutation of the axes.
  const double c30 = std::cos(vtkMath::RadiansFromDegrees(30.0));
  const double s30 = std::sin(vtkMath::RadiansFromDegrees(30.0));
  const double c20 = std::cos(vtkMath::RadiansFromDegrees(20.0));
  const double s20 = std::sin(vtkMath::RadiansFromDegrees(20.0));
  const std::array<double, 9> directions[] = {
    { { c30, -s30, 0.0, c20 * s30, c20 * c30, -s20, s20 * s30, s20 * c30, c20 } },
    { { 1, 0, 0, 0, -1, 0, 0, 0, 1 } },
    { { 0, 0, 1, 1, 0, 0, 0, 1, 0 } },
    { { 0, 1, 0, 1, 0, 0, 0, 0, -1 } },
  };
  Layout layout =
    Block({ { 4, 3, 5 } }, { { 1.5, 0.75, 1.0 } }, { { 1.0, -2.0, 0.5 } }, { { 1, 0, -2 } });
  const auto values = MakeArray("v", 1, RandomValues<float>(layout.NumberOfVoxels(), 2, 21));
  vtkNew<vtkPlane> cutPlane;
  cutPlane->SetOrigin(2.03, -0.51, 1.27);
  cutPlane->SetNormal(0.6, 0.3, -0.8);
  const auto cutPlaneValue = [](const Point& x)
  { return (x[0] - 2.03) * 0.6 + (x[1] + 0.51) * 0.3 - (x[2] - 1.27) * 0.8; };
  for (const auto& direction : directions)
  {
    layout.Direction = direction;
    CheckPointsAndCells(layout, values, { 0.0, 0.2 },
      [&](const Layout& placed, const Options& plain)
      {
        Options towardViewPoint = plain;
        towardViewPoint.OnlyTowardViewPoint = true;
        towardViewPoint.ViewPoint = { { -4.03, 3.07, 2.11 } };
        CheckFaces(placed, values, towardViewPoint);
        // The cut is judged at each voxel's world centre, wherever the direction puts it.
        Options cut = plain;
        cut.Cut = cutPlane;
        cut.CutValue = cutPlaneValue;
        EXPECT_GT(CheckFaces(placed, values, cut), 0);
      });
  }
}

TEST_F(ExplodedVoxels, FlatAxes)
{
  struct FlatCase
  {
    std::array<int, 3> Voxels;
    bool Cells;
    std::array<bool, 3> Flat;
  };
  // One point layer along an axis (a 2D image), a line, a single point; cell data of 2D images
  // (the cells of a flat axis get one spacing of thickness), of a line of cells, and one cell
  // thick along an axis that is not flat.
  const FlatCase cases[] = {
    { { { 5, 4, 1 } }, false, { { false, false, false } } },
    { { { 1, 4, 5 } }, false, { { false, false, false } } },
    { { { 6, 1, 1 } }, false, { { false, false, false } } },
    { { { 1, 1, 1 } }, false, { { false, false, false } } },
    { { { 5, 4, 1 } }, true, { { false, false, true } } },
    { { { 3, 1, 4 } }, true, { { false, true, false } } },
    { { { 1, 1, 6 } }, true, { { true, true, false } } },
    { { { 1, 1, 1 } }, true, { { true, true, true } } },
    { { { 5, 4, 1 } }, true, { { false, false, false } } },
  };
  for (const FlatCase& flat : cases)
  {
    Layout layout = Block(flat.Voxels[0], flat.Voxels[1], flat.Voxels[2]);
    layout.Cells = flat.Cells;
    layout.Flat = flat.Flat;
    layout.Spacing = { { 1.0, 0.5, 2.0 } };
    const auto values =
      MakeArray("v", 1, RandomValues<unsigned short>(layout.NumberOfVoxels(), 3, 31));
    const auto full = MakeArray("v", 1, std::vector<unsigned short>(layout.NumberOfVoxels(), 1));
    for (const bool interior : { false, true })
    {
      Options options;
      options.KeepInteriorFaces = interior;
      CheckFaces(layout, values, options);
      const vtkIdType faces = CheckFaces(layout, full, options);
      if (interior)
      {
        EXPECT_EQ(faces, 6 * layout.NumberOfVoxels());
      }
    }
  }
}

TEST_F(ExplodedVoxels, CutPlaneBoxSphereAndInverted)
{
  Layout layout = Block(7, 6, 5);
  layout.Spacing = { { 1.0, 1.0, 0.5 } };
  layout.Origin = { { -1.0, 0.0, 0.0 } };
  const auto values = MakeArray("v", 1, RandomValues<unsigned char>(layout.NumberOfVoxels(), 3, 3));

  // Voxel centres lie on multiples of 0.5 (0.25 along z): no centre sits on a cut surface.
  vtkNew<vtkPlane> plane;
  plane->SetOrigin(1.3, 2.2, 0.9);
  plane->SetNormal(1.0, -1.0, 0.5);
  const auto planeValue = [](const Point& x)
  { return (x[0] - 1.3) * 1.0 - (x[1] - 2.2) + (x[2] - 0.9) * 0.5; };
  vtkNew<vtkBox> box;
  box->SetBounds(0.6, 3.6, 1.4, 4.6, 0.3, 1.6);
  const auto boxValue = [](const Point& x)
  {
    const bool inside =
      x[0] > 0.6 && x[0] < 3.6 && x[1] > 1.4 && x[1] < 4.6 && x[2] > 0.3 && x[2] < 1.6;
    return inside ? -1.0 : 1.0;
  };
  vtkNew<vtkSphere> sphere;
  sphere->SetCenter(2.1, 2.6, 1.1);
  sphere->SetRadius(2.3);
  const auto sphereValue = [](const Point& x)
  {
    return (x[0] - 2.1) * (x[0] - 2.1) + (x[1] - 2.6) * (x[1] - 2.6) + (x[2] - 1.1) * (x[2] - 1.1) -
      2.3 * 2.3;
  };
  const std::pair<vtkImplicitFunction*, std::function<double(const Point&)>> cuts[] = {
    { plane, planeValue }, { box, boxValue }, { sphere, sphereValue }
  };
  for (const auto& cut : cuts)
  {
    for (const bool invert : { false, true })
    {
      for (const double gap : { 0.0, 0.1 })
      {
        Options options;
        options.Cut = cut.first;
        options.CutValue = cut.second;
        options.InvertCut = invert;
        options.Gap = gap;
        const vtkIdType faces = CheckFaces(layout, values, options);
        EXPECT_GT(faces, 0) << cut.first->GetClassName() << (invert ? " inverted" : "");
      }
    }
  }
}

TEST_F(ExplodedVoxels, CutFunctionWithTransform)
{
  const Layout layout = Block(6, 6, 4);
  const auto values = MakeArray("v", 1, RandomValues<int>(layout.NumberOfVoxels(), 4, 9));
  // ParaView's widgets give functions a transform: a linear one is applied from its matrix, any
  // other through FunctionValue(); both must cut where the transformed function says.
  vtkNew<vtkTransform> linear;
  linear->Translate(0.3, -0.2, 0.1);
  linear->RotateZ(25.0);
  vtkNew<vtkGeneralTransform> general;
  general->Concatenate(linear);
  for (vtkAbstractTransform* transform :
    { static_cast<vtkAbstractTransform*>(linear), static_cast<vtkAbstractTransform*>(general) })
  {
    vtkNew<vtkSphere> sphere;
    sphere->SetCenter(2.05, 2.45, 1.15);
    sphere->SetRadius(2.2);
    sphere->SetTransform(transform);
    for (const bool invert : { false, true })
    {
      Options options;
      options.Cut = sphere;
      options.CutValue = [&linear](const Point& x)
      {
        double y[3];
        linear->TransformPoint(x.data(), y);
        return (y[0] - 2.05) * (y[0] - 2.05) + (y[1] - 2.45) * (y[1] - 2.45) +
          (y[2] - 1.15) * (y[2] - 1.15) - 2.2 * 2.2;
      };
      options.InvertCut = invert;
      EXPECT_GT(CheckFaces(layout, values, options), 0) << transform->GetClassName();
    }
  }
}

TEST_F(ExplodedVoxels, OnlyFacesTowardViewPoint)
{
  Layout layout = Block(5, 4, 6);
  layout.Spacing = { { 0.5, 1.0, 2.0 } };
  layout.Origin = { { 0.25, -1.0, 3.0 } };
  const auto values = MakeArray("v", 1, RandomValues<long long>(layout.NumberOfVoxels(), 2, 17));
  // Outside the volume, inside it, and far along a diagonal (no view point on a face's plane).
  const Point viewPoints[] = { { { -3.13, 1.37, 0.71 } }, { { 1.13, 0.61, 7.33 } },
    { { 40.31, 50.77, 60.13 } } };
  for (const Point& viewPoint : viewPoints)
  {
    for (const bool interior : { false, true })
    {
      for (const double gap : { 0.0, 0.4 })
      {
        Options options;
        options.OnlyTowardViewPoint = true;
        options.ViewPoint = viewPoint;
        options.KeepInteriorFaces = interior;
        options.Gap = gap;
        CheckFaces(layout, values, options);
      }
    }
  }
}
