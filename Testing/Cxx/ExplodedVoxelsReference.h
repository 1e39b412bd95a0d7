// The Exploded Voxels tests' reference and checks: the options a test asks for (applied to the
// filter in the panel's order), the faces a reference written here expects for them (faces
// between a filled voxel and an empty one or the border, or all six, after thresholds and cut;
// corners from the test's own index-to-world arithmetic), and the check of an output against it:
// every quad matched by its four corner positions, facing outwards, running around its face,
// carrying its voxel's tuple and VoxelIndex. CheckFaces runs a case with one thread and with
// several (the outputs must be the same bit for bit).
#ifndef ExplodedVoxelsReference_h
#define ExplodedVoxelsReference_h

#include "FilterTestHelpers.h"

#include "vtkExplodedVoxelsFilter.h"

#include "vtkIdList.h"
#include "vtkImplicitFunction.h"
#include "vtkIntArray.h"

#include <cmath>
#include <functional>
#include <initializer_list>
#include <limits>
#include <random>
#include <set>
#include <sstream>

// Apart from the Intensity Transform tests' reference (IntensityTransformReference.h): the same
// names would stand for other things.
namespace paravoxel_test
{
namespace exploded_voxels
{
using Point = std::array<double, 3>;

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

inline double Distance(const Point& a, const Point& b)
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
inline bool SameTuple(vtkDataArray* first, vtkIdType a, vtkDataArray* second, vtkIdType b)
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
inline std::vector<FaceKey> ReadFaces(vtkPolyData* output, const Layout& layout,
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
inline void CompareFaces(std::vector<FaceKey> faces, const Reference& reference, Problems& problems)
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
inline vtkIdType CheckFaces(const Layout& layout, vtkDataArray* values, const Options& options)
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
}
}

#endif
