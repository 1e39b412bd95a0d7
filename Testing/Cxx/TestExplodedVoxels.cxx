// Exploded Voxels on small hand-built images. Every output quad is matched, by its four corner
// positions, against the faces a reference written here expects (faces between a filled voxel
// and an empty one or the border, or all six, after thresholds and cut; corners from the test's
// own index-to-world arithmetic), and must face outwards, run around its face, carry its voxel's
// tuple and VoxelIndex. Every case runs with one thread and with several: the outputs must be
// the same bit for bit.
#include "FilterTestHelpers.h"

#include "vtkExplodedVoxelsFilter.h"

#include "vtkBox.h"
#include "vtkCallbackCommand.h"
#include "vtkCommand.h"
#include "vtkFieldData.h"
#include "vtkFloatArray.h"
#include "vtkGeneralTransform.h"
#include "vtkIdList.h"
#include "vtkIntArray.h"
#include "vtkMath.h"
#include "vtkPlane.h"
#include "vtkSphere.h"
#include "vtkTransform.h"

#include <cmath>
#include <functional>
#include <initializer_list>
#include <limits>
#include <random>
#include <set>
#include <sstream>

namespace
{
// The filter tests' shared fixture and helpers (FilterTestHelpers.h).
using namespace paravoxel_test;
using Point = std::array<double, 3>;
using ExplodedVoxels = FilterTest;
using ParaVoxelThreading = FilterTest;

constexpr double Infinity = std::numeric_limits<double>::infinity();

/** Voxel (I, J, K) and side (0..5: -x, +x, -y, +y, -z, +z, the filter's order). */
using FaceKey = std::array<int, 4>;

/** What the filter is asked for, as the reference applies it. */
struct Options
{
  using Filter = vtkExplodedVoxelsFilter;

  double Lower = 0.0;
  double Upper = Infinity;
  int Component = -1;
  double Gap = 0.0;
  bool KeepInteriorFaces = false;
  vtkSmartPointer<vtkImplicitFunction> Cut;
  /** The test's own evaluation of the cut function at a world position. */
  std::function<double(const Point&)> CutValue;
  bool InvertCut = false;
  bool OnlyTowardViewPoint = false;
  Point ViewPoint = { { 0.0, 0.0, 0.0 } };

  /** Half the edge of a box, in voxels: Gap is clamped to [0, 0.9], and interior faces inset. */
  double HalfSize() const
  {
    const double gap = std::min(std::max(this->Gap, 0.0), 0.9);
    return 0.5 * (1.0 - (this->KeepInteriorFaces ? std::max(gap, 0.01) : gap));
  }
  bool SeparateBoxes() const { return this->HalfSize() < 0.5; }

  /**
   * Sets these options on `filter`, in the order of the panel (ExplodedVoxels.xml): the
   * component, the thresholds on it, then the faces.
   */
  void ApplyTo(Filter* filter) const
  {
    filter->SetThresholdComponent(this->Component);
    filter->SetLowerThreshold(this->Lower);
    filter->SetUpperThreshold(this->Upper);
    filter->SetGap(this->Gap);
    filter->SetKeepInteriorFaces(this->KeepInteriorFaces);
    filter->SetCutFunction(this->Cut);
    filter->SetInvertCut(this->InvertCut);
    filter->SetOnlyFacesTowardViewPoint(this->OnlyTowardViewPoint);
    filter->SetViewPoint(this->ViewPoint.data());
  }
};

/** The faces the filter should make for `values` on the voxels of `layout`. */
class Reference
{
public:
  Reference(const Layout& layout, vtkDataArray* values, const Options& options)
    : Grid(layout)
    , Settings(options)
  {
    const int* n = layout.Voxels.data();
    this->Filled.assign(layout.NumberOfVoxels(), false);
    for (int K = layout.First[2]; K < layout.First[2] + n[2]; ++K)
    {
      for (int J = layout.First[1]; J < layout.First[1] + n[1]; ++J)
      {
        for (int I = layout.First[0]; I < layout.First[0] + n[0]; ++I)
        {
          this->Filled[layout.TupleId(I, J, K)] = this->IsFilled(values, I, J, K);
        }
      }
    }
    std::set<std::array<long long, 3>> sharedCorners;
    std::set<std::array<int, 4>> boxCorners;
    for (int K = layout.First[2]; K < layout.First[2] + n[2]; ++K)
    {
      for (int J = layout.First[1]; J < layout.First[1] + n[1]; ++J)
      {
        for (int I = layout.First[0]; I < layout.First[0] + n[0]; ++I)
        {
          if (!this->Filled[layout.TupleId(I, J, K)])
          {
            continue;
          }
          for (int side = 0; side < 6; ++side)
          {
            const FaceKey key = { { I, J, K, side } };
            std::array<int, 3> neighbour = { { I, J, K } };
            neighbour[side / 2] += side % 2 ? 1 : -1;
            if (!options.KeepInteriorFaces && this->IsFilledVoxel(neighbour))
            {
              continue;
            }
            if (options.OnlyTowardViewPoint && !this->LooksTowardViewPoint(key))
            {
              continue;
            }
            this->Faces.insert(key);
            for (int corner : this->CornerNumbers(side))
            {
              const auto index = this->CornerIndex(key, corner);
              sharedCorners.insert({ { std::llround(2 * index[0]), std::llround(2 * index[1]),
                std::llround(2 * index[2]) } });
              boxCorners.insert({ { I, J, K, corner } });
            }
          }
        }
      }
    }
    this->NumberOfPoints = options.SeparateBoxes() ? boxCorners.size() : sharedCorners.size();
  }

  /** Face keys, sorted. */
  std::set<FaceKey> Faces;
  /** Points the output needs: each used lattice corner once, or each box's used corners. */
  std::size_t NumberOfPoints = 0;

  /** World position of box corner `corner` (bits x + 2y + 4z) of the voxel of `key`. */
  Point Corner(const FaceKey& key, int corner) const
  {
    return this->Grid.Position(this->CornerIndex(key, corner));
  }
  /** The four corners (bits) of side `side` of a box, in no particular order. */
  static std::array<int, 4> CornerNumbers(int side)
  {
    const int axis = side / 2;
    const int bit = (side % 2) << axis;
    std::array<int, 4> corners;
    int count = 0;
    for (int corner = 0; corner < 8; ++corner)
    {
      if ((corner & (1 << axis)) == bit)
      {
        corners[count++] = corner;
      }
    }
    return corners;
  }
  Point VoxelCentre(const FaceKey& key) const
  {
    return this->Grid.Position({ { this->Grid.CentreIndex(0, key[0]),
      this->Grid.CentreIndex(1, key[1]), this->Grid.CentreIndex(2, key[2]) } });
  }

private:
  bool IsFilled(vtkDataArray* values, int I, int J, int K) const
  {
    const vtkIdType tuple = this->Grid.TupleId(I, J, K);
    double v = 0.0;
    if (this->Settings.Component >= 0 || values->GetNumberOfComponents() == 1)
    {
      v = values->GetComponent(tuple, std::max(this->Settings.Component, 0));
    }
    else
    {
      for (int c = 0; c < values->GetNumberOfComponents(); ++c)
      {
        v += values->GetComponent(tuple, c) * values->GetComponent(tuple, c);
      }
      v = std::sqrt(v);
    }
    if (!(this->Settings.Lower < v && v <= this->Settings.Upper))
    {
      return false;
    }
    if (this->Settings.CutValue)
    {
      const double cut = this->Settings.CutValue(this->VoxelCentre({ { I, J, K, 0 } }));
      return this->Settings.InvertCut ? cut <= 0.0 : cut > 0.0;
    }
    return true;
  }

  bool IsFilledVoxel(const std::array<int, 3>& voxel) const
  {
    for (int axis = 0; axis < 3; ++axis)
    {
      if (voxel[axis] < this->Grid.First[axis] ||
        voxel[axis] >= this->Grid.First[axis] + this->Grid.Voxels[axis])
      {
        return false;
      }
    }
    return this->Filled[this->Grid.TupleId(voxel[0], voxel[1], voxel[2])];
  }

  /** Continuous structured index of a box corner. */
  Point CornerIndex(const FaceKey& key, int corner) const
  {
    const double half = this->Settings.HalfSize();
    Point index;
    for (int axis = 0; axis < 3; ++axis)
    {
      index[axis] = this->Grid.CentreIndex(axis, key[axis]) + ((corner >> axis) & 1 ? half : -half);
    }
    return index;
  }

  /** Whether the view point lies on the outer side of the plane of the face. */
  bool LooksTowardViewPoint(const FaceKey& key) const
  {
    const int axis = key[3] / 2;
    const double sign = key[3] % 2 ? 1.0 : -1.0;
    Point centreIndex = { { this->Grid.CentreIndex(0, key[0]), this->Grid.CentreIndex(1, key[1]),
      this->Grid.CentreIndex(2, key[2]) } };
    const Point centre = this->Grid.Position(centreIndex);
    centreIndex[axis] += sign * this->Settings.HalfSize();
    const Point faceCentre = this->Grid.Position(centreIndex);
    double along = 0.0;
    for (int c = 0; c < 3; ++c)
    {
      along += (this->Settings.ViewPoint[c] - faceCentre[c]) * (faceCentre[c] - centre[c]);
    }
    return along > 0.0;
  }

  const Layout Grid;
  const Options Settings;
  std::vector<bool> Filled;
};

double Distance(const Point& a, const Point& b)
{
  return std::sqrt(
    (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

/** Float32 points are within this of the reference's corners (the images stay small). */
constexpr double CornerTolerance = 1e-4;

/**
 * Collects the problems found in an output; the test fails with the first few of them.
 */
struct Problems
{
  std::vector<std::string> Found;
  template <typename... Parts>
  void Add(Parts&&... parts)
  {
    std::ostringstream message;
    (message << ... << parts);
    this->Found.push_back(message.str());
  }
  std::string Summary() const
  {
    std::string summary = std::to_string(this->Found.size()) + " problem(s):";
    for (std::size_t n = 0; n < std::min<std::size_t>(this->Found.size(), 8); ++n)
    {
      summary += "\n  " + this->Found[n];
    }
    return summary;
  }
};

/** Whether bytes of tuple `a` of `first` equal those of tuple `b` of `second`. */
bool SameTuple(vtkDataArray* first, vtkIdType a, vtkDataArray* second, vtkIdType b)
{
  const int components = first->GetNumberOfComponents();
  return std::memcmp(first->GetVoidPointer(a * components), second->GetVoidPointer(b * components),
           static_cast<std::size_t>(components * first->GetDataTypeSize())) == 0;
}

/**
 * The faces of `output` as the reference names them (with repeats, if any), each quad checked:
 * four points that are the corners of one side of its voxel's box, in order around the face,
 * wound so that the normal points out of the box, with its voxel's tuple of `values` (and, for
 * separate boxes, at its corners too). Also checks the output's arrays and that every point is
 * used and distinct.
 */
std::vector<FaceKey> ReadFaces(vtkPolyData* output, const Layout& layout,
  const Reference& reference, vtkDataArray* values, const Options& options, Problems& problems)
{
  std::vector<FaceKey> faces;
  const vtkIdType cells = output->GetNumberOfCells();
  if (cells == 0)
  {
    if (output->GetNumberOfPoints() != 0)
    {
      problems.Add(output->GetNumberOfPoints(), " points without faces");
    }
    return faces;
  }
  if (output->GetPolys()->GetNumberOfCells() != cells)
  {
    problems.Add("cells other than polygons");
    return faces;
  }
  if (output->GetPolys()->IsStorage64Bit())
  {
    problems.Add("64-bit connectivity for a small output");
  }
  auto* voxelIndex = vtkIntArray::SafeDownCast(output->GetCellData()->GetArray("VoxelIndex"));
  vtkDataArray* carried = output->GetCellData()->GetScalars();
  vtkDataArray* cornerValues = output->GetPointData()->GetScalars();
  if (!voxelIndex || voxelIndex->GetNumberOfComponents() != 3 ||
    voxelIndex->GetNumberOfTuples() != cells)
  {
    problems.Add("no VoxelIndex of three ints per face");
    return faces;
  }
  if (!carried || std::string(carried->GetName()) != values->GetName() ||
    carried->GetDataType() != values->GetDataType() ||
    carried->GetNumberOfComponents() != values->GetNumberOfComponents() ||
    carried->GetNumberOfTuples() != cells)
  {
    problems.Add("the cell scalars are not the input array, one tuple per face");
    return faces;
  }
  if (options.SeparateBoxes() != (cornerValues != nullptr) ||
    (cornerValues &&
      (std::string(cornerValues->GetName()) != values->GetName() ||
        cornerValues->GetDataType() != values->GetDataType() ||
        cornerValues->GetNumberOfTuples() != output->GetNumberOfPoints())))
  {
    problems.Add("point scalars should be the input array exactly when the boxes stand apart");
    cornerValues = nullptr;
  }

  std::vector<bool> used(output->GetNumberOfPoints(), false);
  vtkNew<vtkIdList> ids;
  for (vtkIdType cell = 0; cell < cells; ++cell)
  {
    output->GetCellPoints(cell, ids);
    if (ids->GetNumberOfIds() != 4)
    {
      problems.Add("face ", cell, " has ", ids->GetNumberOfIds(), " points");
      continue;
    }
    std::array<Point, 4> corners;
    for (int n = 0; n < 4; ++n)
    {
      output->GetPoint(ids->GetId(n), corners[n].data());
      used[ids->GetId(n)] = true;
    }
    int index[3];
    voxelIndex->GetTypedTuple(cell, index);
    FaceKey key = { { index[0], index[1], index[2], -1 } };
    for (int side = 0; side < 6 && key[3] < 0; ++side)
    {
      key[3] = side;
      for (const Point& corner : corners)
      {
        bool matched = false;
        for (int number : Reference::CornerNumbers(side))
        {
          matched = matched || Distance(corner, reference.Corner(key, number)) < CornerTolerance;
        }
        key[3] = matched ? key[3] : -1;
      }
    }
    if (key[3] < 0)
    {
      problems.Add(
        "face ", cell, " is no side of voxel (", index[0], ", ", index[1], ", ", index[2], ")");
      continue;
    }
    faces.push_back(key);

    // In order around the face: the two diagonals share their midpoint.
    Point normal = { { 0.0, 0.0, 0.0 } };
    for (int c = 0; c < 3; ++c)
    {
      if (std::abs((corners[0][c] + corners[2][c]) - (corners[1][c] + corners[3][c])) >
        CornerTolerance)
      {
        problems.Add("face ", cell, " does not run around its side");
        break;
      }
    }
    // Outwards: Newell's normal points away from the voxel's centre.
    for (int n = 0; n < 4; ++n)
    {
      const Point& p = corners[n];
      const Point& q = corners[(n + 1) % 4];
      normal[0] += (p[1] - q[1]) * (p[2] + q[2]);
      normal[1] += (p[2] - q[2]) * (p[0] + q[0]);
      normal[2] += (p[0] - q[0]) * (p[1] + q[1]);
    }
    const Point centre = reference.VoxelCentre(key);
    double outwards = 0.0;
    for (int c = 0; c < 3; ++c)
    {
      outwards += normal[c] *
        ((corners[0][c] + corners[1][c] + corners[2][c] + corners[3][c]) / 4 - centre[c]);
    }
    if (!(outwards > 0.0))
    {
      problems.Add("face ", cell, " of voxel (", index[0], ", ", index[1], ", ", index[2],
        ") side ", key[3], " faces into its box");
    }

    const vtkIdType tuple = layout.TupleId(index[0], index[1], index[2]);
    if (!SameTuple(values, tuple, carried, cell))
    {
      problems.Add("face ", cell, " does not carry the tuple of its voxel");
    }
    for (int n = 0; cornerValues && n < 4; ++n)
    {
      if (!SameTuple(values, tuple, cornerValues, ids->GetId(n)))
      {
        problems.Add("corner ", n, " of face ", cell, " does not carry the tuple of its voxel");
      }
    }
  }

  if (std::find(used.begin(), used.end(), false) != used.end())
  {
    problems.Add("points that no face uses");
  }
  std::set<std::array<float, 3>> positions;
  auto* points = vtkFloatArray::SafeDownCast(output->GetPoints()->GetData());
  for (vtkIdType point = 0; points && point < points->GetNumberOfTuples(); ++point)
  {
    std::array<float, 3> position;
    points->GetTypedTuple(point, position.data());
    positions.insert(position);
  }
  if (!points || static_cast<vtkIdType>(positions.size()) != output->GetNumberOfPoints())
  {
    problems.Add("points are not float32, or some are repeated instead of shared");
  }
  return faces;
}

/** Checks that `faces` holds each face of the reference exactly once. */
void CompareFaces(std::vector<FaceKey> faces, const Reference& reference, Problems& problems)
{
  std::sort(faces.begin(), faces.end());
  const auto repeated = std::adjacent_find(faces.begin(), faces.end());
  if (repeated != faces.end())
  {
    problems.Add("face (", (*repeated)[0], ", ", (*repeated)[1], ", ", (*repeated)[2], ") side ",
      (*repeated)[3], " is made more than once");
  }
  const std::set<FaceKey> made(faces.begin(), faces.end());
  for (const FaceKey& key : reference.Faces)
  {
    if (!made.count(key))
    {
      problems.Add("missing face (", key[0], ", ", key[1], ", ", key[2], ") side ", key[3]);
    }
  }
  for (const FaceKey& key : made)
  {
    if (!reference.Faces.count(key))
    {
      problems.Add("extra face (", key[0], ", ", key[1], ", ", key[2], ") side ", key[3]);
    }
  }
}

/**
 * Explodes `values` on `layout` with `options` (1 and several threads), checks every face
 * against the reference and returns the number of faces; no error or warning is expected.
 */
vtkIdType CheckFaces(const Layout& layout, vtkDataArray* values, const Options& options)
{
  vtkNew<MessageCollector> messages;
  auto filter = MakeFilter(options, messages);
  filter->SetInputData(MakeImage(layout, values));
  auto output = UpdateWithThreads<vtkPolyData>(filter, messages);
  EXPECT_TRUE(messages->Errors.empty() && messages->Warnings.empty())
    << (messages->Errors.empty() ? messages->Warnings[0] : messages->Errors[0]);

  const Reference reference(layout, values, options);
  Problems problems;
  CompareFaces(
    ReadFaces(output, layout, reference, values, options, problems), reference, problems);
  if (static_cast<std::size_t>(output->GetNumberOfPoints()) != reference.NumberOfPoints)
  {
    problems.Add(output->GetNumberOfPoints(), " points, expected ", reference.NumberOfPoints);
  }
  EXPECT_TRUE(problems.Found.empty()) << problems.Summary();
  return output->GetNumberOfCells();
}

/**
 * CheckFaces of `values` on `layout` as point data and as cell data, with each of `gaps` and
 * the other options at their defaults; then `more(layout, options)` for further checks of the
 * same layout and gap.
 */
template <typename More>
void CheckPointsAndCells(
  Layout layout, vtkDataArray* values, std::initializer_list<double> gaps, More&& more)
{
  for (const bool cells : { false, true })
  {
    layout.Cells = cells;
    for (const double gap : gaps)
    {
      Options options;
      options.Gap = gap;
      CheckFaces(layout, values, options);
      more(layout, options);
    }
  }
}

/** `count` values in [0, levels) drawn from a fixed seed, as T. */
template <typename T>
std::vector<T> RandomValues(vtkIdType count, int levels, unsigned int seed)
{
  std::mt19937 generator(seed);
  std::vector<T> values(count);
  for (T& value : values)
  {
    value = static_cast<T>(generator() % levels);
  }
  return values;
}

// The tutorial's 3 x 3 x 3 pattern, [I][J][K].
constexpr unsigned char Seed[3][3][3] = { { { 1, 0, 1 }, { 0, 0, 1 }, { 0, 1, 0 } },
  { { 0, 1, 1 }, { 1, 0, 0 }, { 1, 0, 1 } }, { { 1, 1, 0 }, { 1, 1, 1 }, { 0, 0, 0 } } };

std::vector<unsigned char> SeedValues()
{
  std::vector<unsigned char> values;
  for (int K = 0; K < 3; ++K)
  {
    for (int J = 0; J < 3; ++J)
    {
      for (int I = 0; I < 3; ++I)
      {
        values.push_back(Seed[I][J][K]);
      }
    }
  }
  return values;
}
}

TEST_F(ExplodedVoxels, SeedPatternHasItsFaces)
{
  const auto values = MakeArray("v", 1, SeedValues());
  // 14 filled voxels: 62 faces towards empty voxels or the border, 84 in all.
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), values, Options()), 62);
  Options interior;
  interior.KeepInteriorFaces = true;
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), values, interior), 84);
}

TEST_F(ExplodedVoxels, SolidSingleAndEmptyVolumes)
{
  Options interior;
  interior.KeepInteriorFaces = true;
  const auto full = MakeArray("v", 1, std::vector<short>(27, 7));
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), full, Options()), 54);
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), full, interior), 162);

  std::vector<short> single(27, 0);
  single[13] = 1;
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), MakeArray("v", 1, single), Options()), 6);
  EXPECT_EQ(CheckFaces(Block(1, 1, 1), MakeArray("v", 1, std::vector<short>{ 1 }), Options()), 6);

  const auto empty = MakeArray("v", 1, std::vector<short>(27, 0));
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), empty, Options()), 0);
  EXPECT_EQ(CheckFaces(Block(3, 3, 3), empty, interior), 0);

  vtkNew<MessageCollector> messages;
  ExpectNothingFromNothing<vtkPolyData>(MakeFilter(Options(), messages), messages);
}

TEST_F(ExplodedVoxels, ThresholdsAreExclusiveBelowInclusiveAbove)
{
  std::vector<double> ramp(4 * 3 * 2);
  for (std::size_t n = 0; n < ramp.size(); ++n)
  {
    ramp[n] = static_cast<double>(n) - 6.0;
  }
  const auto values = MakeArray("v", 1, ramp);
  const Layout layout = Block(4, 3, 2);
  // (lower, upper, filled voxels): v in (lower, upper].
  const double cases[][3] = { { 0.0, Infinity, 17 }, { -6.0, 17.0, 23 }, { -7.0, 17.0, 24 },
    { 2.0, 2.0, 0 }, { 1.5, 2.0, 1 }, { 3.0, 1.0, 0 }, { -Infinity, -6.0, 1 }, { -2.5, 4.25, 7 } };
  for (const auto& thresholds : cases)
  {
    Options options;
    options.Lower = thresholds[0];
    options.Upper = thresholds[1];
    options.KeepInteriorFaces = true;
    EXPECT_EQ(CheckFaces(layout, values, options), 6 * static_cast<vtkIdType>(thresholds[2]))
      << "(" << thresholds[0] << ", " << thresholds[1] << "]";
    options.KeepInteriorFaces = false;
    CheckFaces(layout, values, options);
  }
}

TEST_F(ExplodedVoxels, ThresholdNormOrComponent)
{
  // Three components: the norm by default, or the chosen component.
  std::vector<float> rgb;
  std::mt19937 generator(7);
  for (int n = 0; n < 5 * 4 * 3 * 3; ++n)
  {
    rgb.push_back(static_cast<float>(static_cast<int>(generator() % 9) - 4) * 0.5f);
  }
  const auto values = MakeArray("rgb", 3, rgb);
  values->SetComponentName(1, "green");
  const Layout layout = Block(5, 4, 3);
  for (int component = -1; component < 3; ++component)
  {
    for (const double lower : { 0.0, 1.2 })
    {
      Options options;
      options.Component = component;
      options.Lower = lower;
      options.Upper = 2.5;
      EXPECT_GT(CheckFaces(layout, values, options), 0) << "component " << component;
      options.Gap = 0.5;
      CheckFaces(layout, values, options);
    }
  }

  // The carried array keeps its component names.
  vtkNew<MessageCollector> messages;
  auto filter = MakeFilter(Options(), messages);
  filter->SetInputData(MakeImage(layout, values));
  auto output = UpdateWithThreads<vtkPolyData>(filter, messages);
  ASSERT_NE(output->GetCellData()->GetArray("rgb"), nullptr);
  EXPECT_STREQ(output->GetCellData()->GetArray("rgb")->GetComponentName(1), "green");
}

TEST_F(ExplodedVoxels, Uint64LabelsBeyondLongLong)
{
  // fuzz_filters: a one-component integer array is a label image, whose label range was cast
  // from double to long long, undefined beyond 2^63 (UBSan's report, Regressions/filters).
  const Layout layout = Block(3, 2, 2);
  const std::vector<unsigned long long> values = { 0, 1, 18446744073709551615ULL, 5,
    9223372036854775808ULL, 0, 7, 0, 18446744073709551615ULL, 2, 0, 3 };
  EXPECT_GT(CheckFaces(layout, MakeArray("v", 1, values), Options()), 0);
}

TEST_F(ExplodedVoxels, GapAndInteriorFaces)
{
  const Layout layout = Block(4, 5, 3);
  const auto values = MakeArray("v", 1, RandomValues<int>(layout.NumberOfVoxels(), 2, 11));
  // Gaps outside [0, 0.9] are clamped; with interior faces the boxes shrink by at least 0.01.
  for (const double gap : { 0.0, 0.005, 0.25, 0.9, 1.5, -1.0 })
  {
    for (const bool interior : { false, true })
    {
      Options options;
      options.Gap = gap;
      options.KeepInteriorFaces = interior;
      CheckFaces(layout, values, options);
    }
  }
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

TEST_F(ExplodedVoxels, ArraySelection)
{
  // Point and cell arrays on one image: the default takes the point scalars, a name picks either,
  // an empty name the active scalars (points first).
  Layout points = Block(4, 4, 3);
  Layout cells = points;
  cells.Cells = true;
  cells.Voxels = { { 3, 3, 2 } };
  const auto pointValues = MakeArray("p", 1, RandomValues<int>(points.NumberOfVoxels(), 2, 1));
  const auto cellValues = MakeArray("c", 1, RandomValues<int>(cells.NumberOfVoxels(), 2, 2));
  auto image = MakeImage(points, pointValues);
  image->GetCellData()->SetScalars(cellValues);
  const Reference pointFaces(points, pointValues, Options());
  const Reference cellFaces(cells, cellValues, Options());

  struct Selection
  {
    int Association;
    const char* Name;
    bool Cells;
  };
  const Selection selections[] = { { -1, nullptr, false },
    { vtkDataObject::FIELD_ASSOCIATION_CELLS, "c", true },
    { vtkDataObject::FIELD_ASSOCIATION_POINTS, "p", false },
    { vtkDataObject::FIELD_ASSOCIATION_POINTS, "", false } };
  for (const Selection& selection : selections)
  {
    vtkNew<MessageCollector> messages;
    auto filter = MakeFilter(Options(), messages);
    filter->SetInputData(image);
    if (selection.Name)
    {
      filter->SetInputArrayToProcess(0, 0, 0, selection.Association, selection.Name);
    }
    auto output = UpdateWithThreads<vtkPolyData>(filter, messages);
    EXPECT_TRUE(messages->Errors.empty());
    Problems problems;
    const Layout& layout = selection.Cells ? cells : points;
    const Reference& reference = selection.Cells ? cellFaces : pointFaces;
    CompareFaces(ReadFaces(output, layout, reference, selection.Cells ? cellValues : pointValues,
                   Options(), problems),
      reference, problems);
    EXPECT_TRUE(problems.Found.empty())
      << (selection.Name ? selection.Name : "default") << ": " << problems.Summary();
  }

  // Only cell scalars: the default falls back to them.
  auto cellImage = MakeImage(cells, cellValues);
  vtkNew<MessageCollector> messages;
  auto filter = MakeFilter(Options(), messages);
  filter->SetInputData(cellImage);
  auto output = UpdateWithThreads<vtkPolyData>(filter, messages);
  Problems problems;
  CompareFaces(
    ReadFaces(output, cells, cellFaces, cellValues, Options(), problems), cellFaces, problems);
  EXPECT_TRUE(problems.Found.empty()) << problems.Summary();
}

TEST_F(ExplodedVoxels, ErrorsGiveAnEmptyOutput)
{
  const Layout layout = Block(3, 3, 3);
  const auto rgb = MakeArray("rgb", 3, std::vector<float>(81, 1.0f));
  auto image = MakeImage(layout, rgb);
  for (const InputError& error : CommonInputErrors(image, 27))
  {
    vtkNew<MessageCollector> messages;
    ExpectOneError<vtkPolyData>(MakeFilter(Options(), messages), messages, error);
  }
  // A component the array does not have.
  Options component;
  component.Component = 3;
  vtkNew<MessageCollector> messages;
  ExpectOneError<vtkPolyData>(MakeFilter(component, messages), messages,
    { image, vtkDataObject::FIELD_ASSOCIATION_POINTS, "rgb", "ThresholdComponent 3" });
}

TEST_F(ExplodedVoxels, AbortGivesAnEmptyOutput)
{
  const Layout layout = Block(4, 4, 4);
  const auto values = MakeArray("v", 1, std::vector<int>(64, 1));
  vtkNew<MessageCollector> messages;
  auto filter = MakeFilter(Options(), messages);
  filter->SetInputData(MakeImage(layout, values));
  // The first progress report asks to abort.
  vtkNew<vtkCallbackCommand> abort;
  abort->SetCallback([](vtkObject* caller, unsigned long, void*, void*)
    { static_cast<vtkAlgorithm*>(caller)->SetAbortExecute(1); });
  const unsigned long observer = filter->AddObserver(vtkCommand::ProgressEvent, abort);
  auto output = UpdateWithThreads<vtkPolyData>(filter, messages);
  EXPECT_EQ(output->GetNumberOfCells(), 0);
  EXPECT_EQ(output->GetNumberOfPoints(), 0);
  // VTK 9.2's executive leaves the flag set: whoever aborts clears it before the next update.
  filter->RemoveObserver(observer);
  filter->SetAbortExecute(0);
  output = UpdateWithThreads<vtkPolyData>(filter, messages);
  EXPECT_EQ(output->GetNumberOfCells(), 96);
}

template <typename T>
class ExplodedVoxelsScalarType : public FilterTest
{
};
TYPED_TEST_SUITE(ExplodedVoxelsScalarType, paravoxel_test::ScalarTypes);

/** The values each type is tried with: its extremes, around 0, and for floats NaN and infinities.
 */
template <typename T>
std::vector<T> SpecialValues()
{
  using Limits = std::numeric_limits<T>;
  std::vector<T> values = { Limits::lowest(), Limits::max(), T(0), T(1), T(2), T(3), T(100),
    static_cast<T>(Limits::max() - 1), static_cast<T>(Limits::lowest() + 1) };
  // One by one: GCC 12 warns wrongly about vector::insert of an initializer list of chars.
  if constexpr (Limits::is_signed)
  {
    for (const T negative : { T(-1), T(-2), T(-100) })
    {
      values.push_back(negative);
    }
  }
  if constexpr (!Limits::is_integer)
  {
    for (const T value : { Limits::quiet_NaN(), Limits::infinity(), -Limits::infinity(),
           Limits::denorm_min(), T(-0.0), T(0.5), T(-1e-30) })
    {
      values.push_back(value);
    }
  }
  return values;
}

TYPED_TEST(ExplodedVoxelsScalarType, ThresholdsAndCarriedTuples)
{
  using T = TypeParam;
  using Limits = std::numeric_limits<T>;
  // Every special value, twice in a random order, fills a 4 x 5 x 2 image (zeros elsewhere).
  const Layout layout = Block(4, 5, 2);
  std::vector<T> values(layout.NumberOfVoxels(), T(0));
  const auto special = SpecialValues<T>();
  std::mt19937 generator(static_cast<unsigned int>(special.size()));
  for (std::size_t n = 0; n < 2 * special.size(); ++n)
  {
    values[generator() % values.size()] = special[n % special.size()];
  }
  const auto array = MakeArray("v", 1, values);
  const double lowest = static_cast<double>(Limits::lowest());
  const double highest = static_cast<double>(Limits::max());
  const double thresholds[][2] = { { 0.0, Infinity }, { -Infinity, Infinity }, { lowest, highest },
    { 0.5, 2.0 }, { -1.5, 1.0 }, { 2.0, 100.0 } };
  for (const auto& threshold : thresholds)
  {
    for (const double gap : { 0.0, 0.2 })
    {
      Options options;
      options.Lower = threshold[0];
      options.Upper = threshold[1];
      options.Gap = gap;
      CheckFaces(layout, array, options);
    }
  }

  // Two components: the norm, or the second component; tuples carried whole.
  std::vector<T> pairs(2 * values.size());
  for (std::size_t n = 0; n < values.size(); ++n)
  {
    pairs[2 * n] = values[n];
    pairs[2 * n + 1] = values[(7 * n + 3) % values.size()];
  }
  const auto twoComponents = MakeArray("v", 2, pairs);
  for (const int component : { -1, 1 })
  {
    Options options;
    options.Component = component;
    options.Gap = 0.1;
    CheckFaces(layout, twoComponents, options);
  }
}

TEST_F(ExplodedVoxels, PiecesMakeEachFaceOnce)
{
  // Pieces as under MPI: each piece's faces, put together, are the whole image's faces, none
  // twice. The input is either the whole image (a source that cannot split) or, as from a
  // reader, the piece's extent plus one ghost layer with a vtkGhostType array.
  Layout layout = Block(9, 7, 6);
  layout.Spacing = { { 1.0, 0.5, 2.0 } };
  layout.First = { { -2, 3, 0 } };
  const auto random = RandomValues<float>(layout.NumberOfVoxels(), 2, 41);
  for (const bool cells : { false, true })
  {
    layout.Cells = cells;
    const auto values = MakeArray("v", 1, random);
    const auto image = MakeImage(layout, values);
    vtkNew<vtkSphere> sphere;
    sphere->SetCenter(0.5, 5.0, 6.0);
    sphere->SetRadius(3.1);
    Options cut;
    cut.Cut = sphere;
    cut.CutValue = [](const Point& x)
    {
      return (x[0] - 0.5) * (x[0] - 0.5) + (x[1] - 5.0) * (x[1] - 5.0) +
        (x[2] - 6.0) * (x[2] - 6.0) - 3.1 * 3.1;
    };
    Options gap;
    gap.Gap = 0.3;
    Options interior;
    interior.KeepInteriorFaces = true;
    for (const Options& options : { Options(), gap, interior, cut })
    {
      const Reference reference(layout, values, options);
      for (const bool fromReader : { false, true })
      {
        for (const int pieces : { 2, 3, 5, 8 })
        {
          vtkNew<PieceSource> source;
          source->SetImage(image);
          vtkNew<MessageCollector> messages;
          auto filter = MakeFilter(options, messages);
          if (fromReader)
          {
            filter->SetInputConnection(source->GetOutputPort());
          }
          else
          {
            filter->SetInputData(image);
          }
          Problems problems;
          std::vector<FaceKey> faces;
          for (int piece = 0; piece < pieces; ++piece)
          {
            auto output = UpdateWithThreads<vtkPolyData>(filter, messages, piece, pieces);
            EXPECT_TRUE(messages->Errors.empty());
            const auto pieceFaces = ReadFaces(output, layout, reference, values, options, problems);
            faces.insert(faces.end(), pieceFaces.begin(), pieceFaces.end());
          }
          CompareFaces(faces, reference, problems);
          EXPECT_TRUE(problems.Found.empty())
            << (cells ? "cells, " : "points, ") << pieces << " pieces"
            << (fromReader ? " from a reader: " : " of the whole image: ") << problems.Summary();
          if (fromReader)
          {
            // The reader really served pieces, each with the one ghost layer the filter asks for
            // (once: the several-thread run of a piece asks for the same extent again).
            ASSERT_EQ(source->ServedExtents.size(), static_cast<std::size_t>(pieces));
            for (int piece = 0; piece < pieces; ++piece)
            {
              EXPECT_EQ(source->ServedExtents[piece],
                paravoxel_test::PieceExtent(layout.Extent(), piece, pieces, 1));
            }
          }
        }
      }
    }
  }
}

TEST_F(ExplodedVoxels, ManyRowsOnManyThreads)
{
  // Enough rows (64 x 40) for many tasks of 128 rows and several progress chunks, so that
  // threads really share each pass; every face is still checked.
  Layout layout = Block(4, 64, 40);
  layout.Spacing = { { 0.5, 0.5, 0.5 } };
  const auto values = MakeArray("v", 1, RandomValues<short>(layout.NumberOfVoxels(), 3, 51));
  vtkNew<vtkPlane> plane;
  plane->SetOrigin(2.9, 15.1, 11.95);
  plane->SetNormal(0.0, 1.0, 1.0);
  Options cut;
  cut.Cut = plane;
  cut.CutValue = [](const Point& x) { return (x[1] - 15.1) + (x[2] - 11.95); };
  Options gap;
  gap.Gap = 0.2;
  Options interior;
  interior.KeepInteriorFaces = true;
  Options toward;
  toward.OnlyTowardViewPoint = true;
  toward.ViewPoint = { { -5.1, 40.3, 7.7 } };
  for (const Options& options : { Options(), gap, interior, cut, toward })
  {
    EXPECT_GT(CheckFaces(layout, values, options), 2000);
  }
  layout.Cells = true;
  CheckFaces(layout, values, Options());
}

TEST_F(ParaVoxelThreading, SelectsSTDThreadWithSeveralThreads)
{
  // What the plugin selects, and that the runs of these tests really use several threads.
  EXPECT_EQ(paravoxel_test::UseThreadedBackend(), "STDThread");
  EXPECT_STREQ(vtkSMPTools::GetBackend(), "STDThread");
  // STDThread never runs more threads than the machine has cores; any machine CI runs on has two
  // or more.
  int threads = 0;
  paravoxel_test::WithThreads(paravoxel_test::SeveralThreads,
    [&threads]() { threads = vtkParaVoxelThreading::GetNumberOfThreads(); });
  EXPECT_GT(threads, 1);
  EXPECT_LE(threads, paravoxel_test::SeveralThreads);
  paravoxel_test::WithThreads(
    1, [&threads]() { threads = vtkParaVoxelThreading::GetNumberOfThreads(); });
  EXPECT_EQ(threads, 1);
}
