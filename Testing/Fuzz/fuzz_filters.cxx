// libFuzzer target, differential: the Exploded Voxels and Intensity Transform filters on a random
// small image (1 to 12 points per axis, every scalar type with NaN and infinities, 1 to 4
// components, point or cell data, spacing of either sign, origin, rotations and reflections),
// with random settings, each compared with a plain evaluation of what its header documents.
// Any difference aborts with a description of it. Given files instead of a corpus directory
// (`fuzz_filters FILE...`), it replays them: the regression inputs of Testing/Data/Regressions.
//
// The input is read front to back (zeros once it runs out): the settings in the order of
// ReadCase(), then the values, one selector byte (and raw bytes) per component of every tuple.
// Testing/Fuzz/make_corpus.py writes seeds in this layout.
#include "vtkExplodedVoxelsFilter.h"
#include "vtkIntensityTransformFilter.h"

#include "vtkBox.h"
#include "vtkCellArray.h"
#include "vtkCellArrayIterator.h"
#include "vtkCellData.h"
#include "vtkDataArray.h"
#include "vtkDoubleArray.h"
#include "vtkImageData.h"
#include "vtkImplicitFunction.h"
#include "vtkNew.h"
#include "vtkObject.h"
#include "vtkPlane.h"
#include "vtkPointData.h"
#include "vtkPolyData.h"
#include "vtkSMPTools.h"
#include "vtkSmartPointer.h"
#include "vtkSphere.h"
#include "vtkTransform.h"
#include "vtkTrivialProducer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <numeric>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace
{
[[noreturn]] void Fail(const std::string& what)
{
  std::fprintf(stderr, "fuzz_filters: DIFFERENCE: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

/** Fails with the text `describe()` makes (only then: most checks run per face or value). */
template <typename Describe>
void Require(bool condition, Describe&& describe)
{
  if (!condition)
  {
    Fail(describe());
  }
}

/** The fuzzer's bytes, front to back; zeros once they run out. */
class ByteReader
{
public:
  ByteReader(const std::uint8_t* data, std::size_t size)
    : Data(data)
    , Size(size)
  {
  }

  std::uint8_t Byte() { return this->Position < this->Size ? this->Data[this->Position++] : 0; }

  template <typename T>
  T Raw()
  {
    std::uint8_t bytes[sizeof(T)];
    for (std::uint8_t& byte : bytes)
    {
      byte = this->Byte();
    }
    T value;
    std::memcpy(&value, bytes, sizeof(T));
    return value;
  }

  double SignedByte(double unit) { return static_cast<std::int8_t>(this->Byte()) * unit; }

private:
  const std::uint8_t* Data;
  std::size_t Size;
  std::size_t Position = 0;
};

constexpr int ScalarTypes[] = { VTK_CHAR, VTK_SIGNED_CHAR, VTK_UNSIGNED_CHAR, VTK_SHORT,
  VTK_UNSIGNED_SHORT, VTK_INT, VTK_UNSIGNED_INT, VTK_LONG, VTK_UNSIGNED_LONG, VTK_LONG_LONG,
  VTK_UNSIGNED_LONG_LONG, VTK_FLOAT, VTK_DOUBLE };

/**
 * One value: mostly small integers (ties, and thresholds that hit values exactly), else raw
 * bytes or the type's extremes (NaN, infinities, denormals for floating point types).
 */
template <typename T>
T MakeValue(ByteReader& reader)
{
  using Limits = std::numeric_limits<T>;
  const std::uint8_t selector = reader.Byte();
  if (selector < 192)
  {
    return static_cast<T>(static_cast<int>(selector) - 64);
  }
  if (selector < 224)
  {
    return reader.Raw<T>();
  }
  const int extreme = selector % 8;
  if (extreme == 0)
  {
    return Limits::max();
  }
  if (extreme == 1)
  {
    return Limits::lowest();
  }
  if constexpr (std::is_floating_point<T>::value)
  {
    const T specials[] = { Limits::quiet_NaN(), Limits::infinity(), -Limits::infinity(),
      Limits::denorm_min(), static_cast<T>(-0.0), Limits::epsilon() };
    return specials[extreme - 2];
  }
  else
  {
    const T specials[] = { static_cast<T>(Limits::max() - 1), static_cast<T>(Limits::lowest() + 1),
      static_cast<T>(Limits::max() / 2), T(1), T(2), static_cast<T>(Limits::lowest() / 2) };
    return specials[extreme - 2];
  }
}

template <typename T>
void FillValues(T* values, vtkIdType count, ByteReader& reader)
{
  for (vtkIdType n = 0; n < count; ++n)
  {
    values[n] = MakeValue<T>(reader);
  }
}

/**
 * A threshold or range bound: a constant, or the compared quantity of a voxel of the image (so
 * that bounds equal to values, the boundary cases, are common).
 */
struct BoundSpec
{
  bool FromVoxel = false;
  unsigned int Voxel = 0;
  double Value = 0.0;
};

BoundSpec ReadBound(ByteReader& reader)
{
  static const double constants[] = { 0.0, -std::numeric_limits<double>::infinity(),
    std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN(), 0.5, -0.5,
    1.0, -1.0, 10.0, 100.0, 1e300, -1e300, -65.0, 128.0, 1e-300 };
  constexpr int numberOfConstants = sizeof(constants) / sizeof(constants[0]);
  BoundSpec bound;
  const std::uint8_t selector = reader.Byte();
  if (selector % 2 == 0)
  {
    bound.FromVoxel = true;
    bound.Voxel = reader.Raw<std::uint16_t>();
  }
  else if ((selector / 2) % (numberOfConstants + 1) == numberOfConstants)
  {
    bound.Value = reader.Raw<double>();
  }
  else
  {
    bound.Value = constants[(selector / 2) % (numberOfConstants + 1)];
  }
  return bound;
}

/** Origin, spacing and direction of the image. */
struct Geometry
{
  /**
   * Dyadic spacing, origin, cut and view point with a signed permutation as direction: every
   * position and function value is exact, so exact ties (a voxel centre on the cut plane, a
   * view point in a face's plane) are decided the same way by the filter and the reference.
   */
  bool Exact = true;
  double Origin[3] = { 0, 0, 0 };
  double Spacing[3] = { 1, 1, 1 };
  double Direction[9] = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };

  /** Parameters of cuts and view points, in the same kind of numbers as the geometry. */
  double ReadParameter(ByteReader& reader) const
  {
    return this->Exact ? reader.SignedByte(0.25) : reader.Raw<std::int16_t>() / 256.0;
  }
};

Geometry ReadGeometry(ByteReader& reader, bool exact)
{
  Geometry geometry;
  geometry.Exact = exact;
  if (exact)
  {
    static const double magnitudes[] = { 1, 0.5, 2, 0.25, 4, 0.75, 1.5, 3 };
    for (double& spacing : geometry.Spacing)
    {
      const std::uint8_t byte = reader.Byte();
      spacing = magnitudes[byte % 8] * (byte & 8 ? -1.0 : 1.0);
    }
    for (double& origin : geometry.Origin)
    {
      origin = reader.SignedByte(0.25);
    }
    static const int permutations[6][3] = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 },
      { 2, 0, 1 }, { 2, 1, 0 } };
    const std::uint8_t byte = reader.Byte();
    const int* permutation = permutations[byte % 6];
    std::fill(geometry.Direction, geometry.Direction + 9, 0.0);
    for (int column = 0; column < 3; ++column)
    {
      geometry.Direction[3 * permutation[column] + column] = ((byte / 6) >> column) & 1 ? -1 : 1;
    }
    return geometry;
  }
  for (double& spacing : geometry.Spacing)
  {
    // Magnitudes 2^-6 to 2^6: boxes stay far larger than float32's rounding of the corners.
    const std::uint16_t bits = reader.Raw<std::uint16_t>();
    spacing = std::exp2(-6.0 + 12.0 * (bits >> 1) / 32767.0) * (bits & 1 ? -1.0 : 1.0);
  }
  for (double& origin : geometry.Origin)
  {
    origin = reader.Raw<std::int16_t>() / 256.0;
  }
  // A rotation from a quaternion, then perhaps a reflection of one axis.
  double q[4];
  double norm = 0.0;
  for (double& component : q)
  {
    component = reader.SignedByte(1.0);
    norm += component * component;
  }
  const std::uint8_t flip = reader.Byte() % 4;
  if (norm > 0.0)
  {
    norm = std::sqrt(norm);
    const double w = q[0] / norm, x = q[1] / norm, y = q[2] / norm, z = q[3] / norm;
    const double rotation[9] = { 1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
      2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w), 2 * (x * z - y * w),
      2 * (y * z + x * w), 1 - 2 * (x * x + y * y) };
    std::copy(rotation, rotation + 9, geometry.Direction);
  }
  if (flip > 0)
  {
    for (int row = 0; row < 3; ++row)
    {
      geometry.Direction[3 * row + flip - 1] *= -1.0;
    }
  }
  return geometry;
}

/** Everything one input decides. */
struct Case
{
  // The image.
  int Dimensions[3];
  int Extent[6];
  int ScalarType;
  int Components;
  bool CellData;
  int Selection; // 0 default, 1 name and association, 2 name, points then cells, 3 empty name
  bool Distractor;
  int Threads; // 0: the Sequential backend, else STDThread with that many threads
  Geometry Frame;

  // Exploded Voxels.
  BoundSpec Lower;
  BoundSpec Upper;
  int ThresholdComponent;
  double Gap;
  bool KeepInteriorFaces;
  int CutKind; // 0 none, 1 plane, 2 sphere, 3 box
  double Cut[6];
  int CutTransform; // 0 none, 1 translation, 2 rotation and translation
  double Translation[3];
  double RotationAngle;
  bool InvertCut;
  bool OnlyFacesTowardViewPoint;
  double ViewPoint[3];

  // Intensity Transform.
  double Floor;
  double Gamma;
  double Contrast;
  double Offset;
  int NormalizationMode;
  BoundSpec Custom[2];
  double Percentiles[2];
  std::string ResultArrayName;
};

double ReadPercentile(ByteReader& reader)
{
  const std::uint8_t byte = reader.Byte();
  if (byte <= 200)
  {
    return byte / 2.0;
  }
  static const double specials[] = { -1.0, 101.0, 1e-9, 100.0 - 1e-9, 33.333333333333336,
    std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity() };
  constexpr int numberOfSpecials = sizeof(specials) / sizeof(specials[0]);
  const int pick = (byte - 201) % (numberOfSpecials + 1);
  return pick < numberOfSpecials ? specials[pick] : reader.Raw<double>();
}

Case ReadCase(ByteReader& reader)
{
  Case c;
  const std::uint8_t flags = reader.Byte();
  c.CellData = flags & 1;
  c.Selection = (flags >> 1) & 3;
  c.Distractor = flags & 8;
  c.KeepInteriorFaces = flags & 16;
  c.InvertCut = flags & 32;
  c.OnlyFacesTowardViewPoint = flags & 64;
  const bool exact = !(flags & 128);
  for (int axis = 0; axis < 3; ++axis)
  {
    // Mostly up to 6 (each input is cheaper, and small images have the same cases: flat axes,
    // borders, ties), up to 12 for one byte value in four (then rows can run on two threads).
    const std::uint8_t size = reader.Byte();
    c.Dimensions[axis] = 1 + size % (size < 192 ? 6 : 12);
  }
  const std::uint8_t type = reader.Byte();
  c.ScalarType = ScalarTypes[type % 13];
  const std::uint8_t components = reader.Byte();
  c.Components = 1 + components % 4;
  const std::uint8_t threads = reader.Byte();
  c.Threads = threads % 64 == 63 ? 2 + (threads / 64) % 2 : 0;
  for (int axis = 0; axis < 3; ++axis)
  {
    c.Extent[2 * axis] = reader.Byte() % 7 - 3;
    c.Extent[2 * axis + 1] = c.Extent[2 * axis] + c.Dimensions[axis] - 1;
  }
  c.Frame = ReadGeometry(reader, exact);

  c.Lower = ReadBound(reader);
  c.Upper = ReadBound(reader);
  c.ThresholdComponent = reader.Byte() % 6 - 1;
  const std::uint8_t gap = reader.Byte();
  // Exact: multiples of 1/8, the clamp to 0.9 beyond; else any fraction.
  c.Gap = exact ? (gap % 10) / 8.0 : gap / 255.0 * 0.95;
  c.CutKind = reader.Byte() % 4;
  for (double& parameter : c.Cut)
  {
    parameter = c.Frame.ReadParameter(reader);
  }
  c.CutTransform = reader.Byte() % (exact ? 2 : 3);
  for (double& translation : c.Translation)
  {
    translation = c.Frame.ReadParameter(reader);
  }
  c.RotationAngle = reader.Byte() * (360.0 / 256.0);
  for (double& coordinate : c.ViewPoint)
  {
    coordinate = c.Frame.ReadParameter(reader);
  }

  c.Floor = reader.SignedByte(1.0 / 64.0);
  c.Gamma = reader.Byte() / 32.0;
  c.Contrast = reader.SignedByte(1.0 / 8.0);
  c.Offset = reader.SignedByte(1.0 / 64.0);
  // Percentiles of floating point or wide integer values take a radix selection over 64 bits,
  // whose 2 MB of counts ASan maps fresh four times: 75 ms, 150 times an average input. They are
  // one input in 32, the custom range one in 4, the data range the others.
  const std::uint8_t mode = reader.Byte() % 32;
  c.NormalizationMode = mode == 31 ? vtkIntensityTransformFilter::PERCENTILE_RANGE
    : mode >= 24                   ? vtkIntensityTransformFilter::CUSTOM_RANGE
                                   : vtkIntensityTransformFilter::DATA_RANGE;
  c.Custom[0] = ReadBound(reader);
  c.Custom[1] = ReadBound(reader);
  c.Percentiles[0] = ReadPercentile(reader);
  c.Percentiles[1] = ReadPercentile(reader);
  static const char* const names[] = { "Transformed", "Result", "" };
  c.ResultArrayName = names[reader.Byte() % 3];
  return c;
}

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

double Dot(const double a[3], const double b[3])
{
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** The value Exploded Voxels compares with its thresholds. */
double ComparedQuantity(vtkDataArray* values, vtkIdType tuple, int component)
{
  const int components = values->GetNumberOfComponents();
  if (components == 1 || component >= 0)
  {
    return values->GetComponent(tuple, std::max(component, 0));
  }
  double squares = 0.0;
  for (int c = 0; c < components; ++c)
  {
    const double x = values->GetComponent(tuple, c);
    squares += x * x;
  }
  return std::sqrt(squares);
}

double ResolveBound(const BoundSpec& bound, vtkDataArray* values, int component)
{
  if (!bound.FromVoxel)
  {
    return bound.Value;
  }
  const int valid = component < values->GetNumberOfComponents() ? component : 0;
  return ComparedQuantity(values, bound.Voxel % values->GetNumberOfTuples(), valid);
}

/** Same type, same bytes (or NaN in both) for every component. */
bool SameTuple(vtkDataArray* a, vtkIdType ta, vtkDataArray* b, vtkIdType tb)
{
  const int components = a->GetNumberOfComponents();
  const int size = a->GetDataTypeSize();
  if (std::memcmp(a->GetVoidPointer(ta * components), b->GetVoidPointer(tb * components),
        static_cast<std::size_t>(size) * components) == 0)
  {
    return true;
  }
  for (int c = 0; c < components; ++c)
  {
    const double x = a->GetComponent(ta, c);
    const double y = b->GetComponent(tb, c);
    if (!(x == y || (std::isnan(x) && std::isnan(y))))
    {
      return false;
    }
  }
  return true;
}

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

/**
 * The faces of the header's definition: the six faces of each filled voxel not cut away that
 * border an empty voxel, a cut-away one or the image's border (all six with KeepInteriorFaces),
 * of boxes shrunk by (1 - Gap), Gap at least InteriorFaceInset with KeepInteriorFaces, only
 * those whose outer side looks toward ViewPoint if asked. May drop the cut or the view point
 * test (in `c`) when a voxel centre or view point is so close to the cut's surface or a face's
 * plane that rounding could decide either way.
 */
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

std::string Describe(const double x[3])
{
  std::ostringstream text;
  text.precision(17);
  text << "(" << x[0] << ", " << x[1] << ", " << x[2] << ")";
  return text.str();
}

/**
 * The filters' array selection, as the case says: the default (active scalars of the points,
 * else of the cells), by name and association, by name (points, then cells), or an empty name.
 */
void SelectArray(vtkAlgorithm* filter, const Case& c, const char* name)
{
  const int association =
    c.CellData ? vtkDataObject::FIELD_ASSOCIATION_CELLS : vtkDataObject::FIELD_ASSOCIATION_POINTS;
  if (c.Selection == 1)
  {
    filter->SetInputArrayToProcess(0, 0, 0, association, name);
  }
  else if (c.Selection == 2)
  {
    filter->SetInputArrayToProcess(
      0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS_THEN_CELLS, name);
  }
  else if (c.Selection == 3)
  {
    filter->SetInputArrayToProcess(0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS, "");
  }
  else
  {
    filter->SetInputArrayToProcess(
      0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS_THEN_CELLS, vtkDataSetAttributes::SCALARS);
  }
}

/**
 * One filter of each kind for the whole run, set up anew for every input, as ParaView reuses
 * them: creating and garbage-collecting filters and their executives took most of the time.
 */
template <typename Filter>
Filter* Reused()
{
  static vtkNew<Filter> filter;
  return filter;
}

/** The port that gives `image` to the filters, by one producer for the whole run (same reason). */
vtkAlgorithmOutput* Source(vtkImageData* image)
{
  static vtkNew<vtkTrivialProducer> producer;
  producer->SetOutput(image);
  return producer->GetOutputPort();
}

void CheckExplodedVoxels(Case c, vtkImageData* image, vtkDataArray* values)
{
  vtkExplodedVoxelsFilter* filter = Reused<vtkExplodedVoxelsFilter>();
  const bool error = c.ThresholdComponent >= c.Components;
  // The gap the header promises: Gap clamped to [0, 0.9], at least InteriorFaceInset with
  // KeepInteriorFaces.
  filter->SetGap(c.Gap);
  double gap = filter->GetGap();
  if (c.KeepInteriorFaces)
  {
    gap = std::max(gap, vtkExplodedVoxelsFilter::InteriorFaceInset);
  }
  const Voxels voxels(c);
  const bool separate = gap > 0.0 || c.KeepInteriorFaces;
  const Boxes boxes{ voxels, 0.5 * (1.0 - gap), separate };
  std::vector<ExpectedFace> faces;
  if (!error)
  {
    faces = ExpectedFaces(c, values, voxels, boxes);
  }

  filter->SetInputConnection(Source(image));
  const char* name = values->GetName();
  SelectArray(filter, c, name);
  filter->SetLowerThreshold(ResolveBound(c.Lower, values, c.ThresholdComponent));
  filter->SetUpperThreshold(ResolveBound(c.Upper, values, c.ThresholdComponent));
  filter->SetThresholdComponent(c.ThresholdComponent);
  filter->SetKeepInteriorFaces(c.KeepInteriorFaces);
  vtkSmartPointer<vtkImplicitFunction> cut = MakeCut(c);
  filter->SetCutFunction(cut);
  filter->SetInvertCut(c.InvertCut);
  filter->SetOnlyFacesTowardViewPoint(c.OnlyFacesTowardViewPoint);
  filter->SetViewPoint(c.ViewPoint);
  filter->Update();
  vtkPolyData* output = filter->GetOutput();

  std::ostringstream where;
  where << "Exploded Voxels (" << faces.size() << " faces expected): ";
  const vtkIdType cells = output->GetNumberOfCells();
  if (error)
  {
    Require(output->GetNumberOfPoints() == 0 && cells == 0,
      [&] { return where.str() + "an invalid ThresholdComponent gave a non-empty output"; });
    return;
  }
  Require(output->GetNumberOfVerts() == 0 && output->GetNumberOfLines() == 0 &&
      output->GetNumberOfStrips() == 0,
    [&] { return where.str() + "cells other than polygons"; });
  Require(cells == static_cast<vtkIdType>(faces.size()),
    [&] { return where.str() + std::to_string(cells) + " faces made"; });
  if (cells == 0)
  {
    Require(output->GetNumberOfPoints() == 0, [&] { return where.str() + "points without faces"; });
    return;
  }
  vtkDataArray* voxelIndex = output->GetCellData()->GetArray("VoxelIndex");
  Require(voxelIndex && voxelIndex->GetDataType() == VTK_INT &&
      voxelIndex->GetNumberOfComponents() == 3 && voxelIndex->GetNumberOfTuples() == cells,
    [&] { return where.str() + "no VoxelIndex int array of 3 components per face"; });
  vtkDataArray* carried = output->GetCellData()->GetArray(name);
  Require(carried && carried == output->GetCellData()->GetScalars() &&
      carried->GetDataType() == values->GetDataType() &&
      carried->GetNumberOfComponents() == values->GetNumberOfComponents() &&
      carried->GetNumberOfTuples() == cells,
    [&]
    {
      return where.str() +
        "the values are not the active cell scalars, with their type and components";
    });
  vtkDataArray* cornerValues = nullptr;
  const vtkIdType points = output->GetNumberOfPoints();
  if (separate)
  {
    cornerValues = output->GetPointData()->GetArray(name);
    Require(cornerValues && cornerValues == output->GetPointData()->GetScalars() &&
        cornerValues->GetDataType() == values->GetDataType() &&
        cornerValues->GetNumberOfComponents() == values->GetNumberOfComponents() &&
        cornerValues->GetNumberOfTuples() == points,
      [&] { return where.str() + "separate boxes without the values as active point scalars"; });
  }

  // The faces are in voxel order: those of a voxel are faces[firstFace[v]] to the next voxel's.
  std::vector<std::size_t> firstFace(voxels.Number() + 1, 0);
  for (const ExpectedFace& face : faces)
  {
    ++firstFace[voxels.Tuple(face.Voxel) + 1];
  }
  std::partial_sum(firstFace.begin(), firstFace.end(), firstFace.begin());
  const double magnitude = voxels.Magnitude();
  std::vector<long long> keyOfPoint(points, -1);
  std::vector<vtkIdType> pointOfKey(boxes.NumberOfKeys(), -1);
  vtkIdType numberOfKeys = 0;
  auto iterator = vtk::TakeSmartPointer(output->GetPolys()->NewIterator());
  vtkIdType cell = 0;
  for (iterator->GoToFirstCell(); !iterator->IsDoneWithTraversal();
       iterator->GoToNextCell(), ++cell)
  {
    vtkIdType size;
    const vtkIdType* ids;
    iterator->GetCurrentCell(size, ids);
    Require(
      size == 4, [&] { return where.str() + "face " + std::to_string(cell) + ": not a quad"; });
    double corners[4][3];
    for (int n = 0; n < 4; ++n)
    {
      Require(ids[n] >= 0 && ids[n] < points,
        [&] { return where.str() + "face " + std::to_string(cell) + ": point id out of range"; });
      output->GetPoint(ids[n], corners[n]);
    }
    int ijk[3];
    for (int a = 0; a < 3; ++a)
    {
      ijk[a] = static_cast<int>(voxelIndex->GetComponent(cell, a)) - voxels.First[a];
    }
    Require(voxels.Inside(ijk),
      [&]
      { return where.str() + "face " + std::to_string(cell) + ": VoxelIndex outside the image"; });
    // Made only on failure: most faces pass.
    const auto face = [&]()
    {
      std::ostringstream text;
      text << where.str() << "face " << cell << " of voxel (" << ijk[0] + voxels.First[0] << ", "
           << ijk[1] + voxels.First[1] << ", " << ijk[2] + voxels.First[2] << "), corners "
           << Describe(corners[0]) << " " << Describe(corners[1]) << " " << Describe(corners[2])
           << " " << Describe(corners[3]) << ": ";
      return text.str();
    };

    // Which expected face of its voxel it is: the same corners, in a loop either way round. The
    // points are float32, the reference double: half an ulp of float, and some double rounding.
    ExpectedFace* match = nullptr;
    long long keys[4];
    int start = 0;
    int step = 1;
    const vtkIdType tuple = voxels.Tuple(ijk);
    for (std::size_t f = firstFace[tuple]; f < firstFace[tuple + 1] && !match; ++f)
    {
      ExpectedFace& expected = faces[f];
      double expectedCorners[4][3];
      boxes.Corners(expected, expectedCorners, keys);
      for (int s = 0; s < 4 && !match; ++s)
      {
        for (int direction : { 1, 3 })
        {
          bool same = true;
          for (int n = 0; n < 4 && same; ++n)
          {
            const double* e = expectedCorners[(s + direction * n) % 4];
            for (int a = 0; a < 3 && same; ++a)
            {
              same = std::abs(corners[n][a] - e[a]) <=
                std::ldexp(std::abs(e[a]), -24) * 1.001 + 1e-13 * magnitude;
            }
          }
          if (same && !expected.Made)
          {
            match = &expected;
            start = s;
            step = direction;
            break;
          }
        }
      }
    }
    if (!match)
    {
      std::ostringstream expected;
      for (std::size_t f = firstFace[tuple]; f < firstFace[tuple + 1]; ++f)
      {
        double expectedCorners[4][3];
        boxes.Corners(faces[f], expectedCorners, keys);
        expected << (faces[f].Made ? " [made]" : " [open]");
        for (const double* corner : expectedCorners)
        {
          expected << " " << Describe(corner);
        }
      }
      Fail(face() + "matches no expected face of its voxel; expected:" + expected.str());
    }
    match->Made = true;

    // Shared corners are shared points, and the other way round.
    for (int n = 0; n < 4; ++n)
    {
      const long long key = keys[(start + step * n) % 4];
      Require(keyOfPoint[ids[n]] == -1 || keyOfPoint[ids[n]] == key,
        [&] { return face() + "one point stands for two corners"; });
      keyOfPoint[ids[n]] = key;
      if (pointOfKey[key] == -1)
      {
        pointOfKey[key] = ids[n];
        ++numberOfKeys;
      }
      Require(pointOfKey[key] == ids[n],
        [&]
        {
          return face() +
            (separate ? "a corner of a box is two points"
                      : "a corner that neighbouring voxels share is two points");
        });
    }

    // Outward: the quad's (Newell) normal points away from its voxel's centre.
    double normal[3] = { 0, 0, 0 };
    double centroid[3] = { 0, 0, 0 };
    for (int n = 0; n < 4; ++n)
    {
      const double* p = corners[n];
      const double* q = corners[(n + 1) % 4];
      normal[0] += (p[1] - q[1]) * (p[2] + q[2]);
      normal[1] += (p[2] - q[2]) * (p[0] + q[0]);
      normal[2] += (p[0] - q[0]) * (p[1] + q[1]);
      for (int a = 0; a < 3; ++a)
      {
        centroid[a] += p[a] / 4.0;
      }
    }
    double centre[3];
    voxels.Centre(ijk, centre);
    const double outward[3] = { centroid[0] - centre[0], centroid[1] - centre[1],
      centroid[2] - centre[2] };
    Require(Dot(normal, outward) > 0.0, [&] { return face() + "faces inwards"; });

    Require(
      SameTuple(carried, cell, values, tuple), [&] { return face() + "carries other values"; });
    if (cornerValues)
    {
      for (int n = 0; n < 4; ++n)
      {
        Require(SameTuple(cornerValues, ids[n], values, tuple),
          [&] { return face() + "a corner carries other values"; });
      }
    }
  }
  Require(numberOfKeys == points,
    [&]
    {
      return where.str() + std::to_string(points) + " points for " + std::to_string(numberOfKeys) +
        " corners";
    });
}

/** numpy.percentile's default (linear) of sorted finite values, as numpy computes it. */
double Percentile(const std::vector<double>& sorted, double percentile)
{
  if (std::isnan(percentile))
  {
    // The header: a NaN percentile gives an empty range.
    return percentile;
  }
  const vtkIdType count = static_cast<vtkIdType>(sorted.size());
  const double position = percentile / 100.0 * static_cast<double>(count - 1);
  const vtkIdType below = std::min(static_cast<vtkIdType>(std::floor(position)), count - 1);
  const vtkIdType above = std::min(below + 1, count - 1);
  const double t = position - static_cast<double>(below);
  const double a = sorted[below];
  const double b = sorted[above];
  const double difference = b - a;
  return t >= 0.5 ? b - difference * (1.0 - t) : a + difference * t;
}

void CheckIntensityTransform(const Case& c, vtkImageData* image, vtkDataArray* values)
{
  vtkIntensityTransformFilter* filter = Reused<vtkIntensityTransformFilter>();
  filter->SetInputConnection(Source(image));
  const char* name = values->GetName();
  SelectArray(filter, c, name);
  filter->SetFloor(c.Floor);
  filter->SetGamma(c.Gamma);
  filter->SetContrast(c.Contrast);
  filter->SetOffset(c.Offset);
  filter->SetNormalizationMode(c.NormalizationMode);
  const double custom[2] = { ResolveBound(c.Custom[0], values, 0),
    ResolveBound(c.Custom[1], values, 0) };
  filter->SetCustomRange(custom[0], custom[1]);
  filter->SetPercentileRange(c.Percentiles[0], c.Percentiles[1]);
  filter->SetResultArrayName(c.ResultArrayName.c_str());
  filter->Update();
  vtkImageData* output = vtkImageData::SafeDownCast(filter->GetOutputDataObject(0));
  const std::string where = "Intensity Transform: ";
  vtkDataSetAttributes* attributes = c.CellData
    ? static_cast<vtkDataSetAttributes*>(output->GetCellData())
    : static_cast<vtkDataSetAttributes*>(output->GetPointData());

  if (c.Components != 1 || c.ResultArrayName.empty())
  {
    Require(output->GetNumberOfPoints() == 0 && !attributes->GetArray("Transformed") &&
        !attributes->GetArray("Result"),
      [&] {
        return where + "an error (several components or no result name) gave a non-empty output";
      });
    return;
  }
  vtkDataArray* result = attributes->GetArray(c.ResultArrayName.c_str());
  const vtkIdType count = values->GetNumberOfTuples();
  Require(result && result == attributes->GetScalars() && result->GetDataType() == VTK_FLOAT &&
      result->GetNumberOfComponents() == 1 && result->GetNumberOfTuples() == count,
    [&] {
      return where + "no float32 result array of one value per input value as the active scalars";
    });
  vtkDataArray* kept = attributes->GetArray(name);
  Require(kept && kept->GetNumberOfTuples() == count,
    [&] { return where + "the input array was not kept"; });
  for (vtkIdType tuple = 0; tuple < count; ++tuple)
  {
    Require(
      SameTuple(kept, tuple, values, tuple), [&] { return where + "the input array was changed"; });
  }

  // The header's curve in double, statistics over the finite values.
  std::vector<double> finite;
  for (vtkIdType tuple = 0; tuple < count; ++tuple)
  {
    const double v = values->GetComponent(tuple, 0);
    if (std::isfinite(v))
    {
      finite.push_back(v);
    }
  }
  std::sort(finite.begin(), finite.end());
  double low = 0.0;
  double high = 0.0;
  if (c.NormalizationMode == vtkIntensityTransformFilter::CUSTOM_RANGE)
  {
    low = custom[0];
    high = custom[1];
  }
  else if (!finite.empty() && c.NormalizationMode == vtkIntensityTransformFilter::DATA_RANGE)
  {
    low = finite.front();
    high = finite.back();
  }
  else if (!finite.empty())
  {
    // Percentiles outside [0, 100] are clamped (the filter's documented domain).
    low = Percentile(finite, std::min(std::max(c.Percentiles[0], 0.0), 100.0));
    high = Percentile(finite, std::min(std::max(c.Percentiles[1], 0.0), 100.0));
  }
  std::vector<double> expected(count, 0.0);
  const bool empty = finite.empty() || !(high > low) || !std::isfinite(high - low);
  if (!finite.empty() && c.NormalizationMode != vtkIntensityTransformFilter::CUSTOM_RANGE)
  {
    const double* range = filter->GetLastNormalizationRange();
    Require((range[0] == low || (std::isnan(range[0]) && std::isnan(low))) &&
        (range[1] == high || (std::isnan(range[1]) && std::isnan(high))),
      [&] { return where + "normalization range differs"; });
  }
  const double gamma = filter->GetGamma();
  if (!empty)
  {
    auto lift = [&](double v)
    {
      const double cut = std::min(std::max((v - low) / (high - low) - c.Floor, 0.0), 1.0);
      return std::pow(cut, gamma);
    };
    long double sum = 0.0L;
    for (double v : finite)
    {
      sum += lift(v);
    }
    const double mean = static_cast<double>(sum / static_cast<long double>(finite.size()));
    for (vtkIdType tuple = 0; tuple < count; ++tuple)
    {
      const double v = values->GetComponent(tuple, 0);
      if (std::isfinite(v))
      {
        const double stretched = (lift(v) - mean) * c.Contrast + mean - c.Offset;
        expected[tuple] = std::min(std::max(stretched, 0.0), 1.0);
      }
    }
  }
  // The filter may keep g as float32 (2^-24 x (Contrast + 1), its header), the result is
  // float32 (2^-24), and mean(g) is summed in another order (far below).
  const double tolerance =
    std::ldexp(std::abs(c.Contrast) + 2.0, -24) + 1e-12 * (1.0 + std::abs(1.0 - c.Contrast));
  for (vtkIdType tuple = 0; tuple < count; ++tuple)
  {
    const double got = result->GetComponent(tuple, 0);
    if (!(std::abs(got - expected[tuple]) <= tolerance))
    {
      std::ostringstream text;
      text.precision(17);
      text << where << "value " << tuple << " (" << values->GetComponent(tuple, 0) << ") gives "
           << got << ", expected " << expected[tuple] << " (range [" << low << ", " << high
           << "], tolerance " << tolerance << ")";
      Fail(text.str());
    }
  }
}

vtkSmartPointer<vtkImageData> MakeImage(const Case& c, ByteReader& reader, vtkDataArray*& values)
{
  auto image = vtkSmartPointer<vtkImageData>::New();
  image->SetExtent(const_cast<int*>(c.Extent));
  image->SetOrigin(c.Frame.Origin);
  image->SetSpacing(c.Frame.Spacing);
  image->SetDirectionMatrix(c.Frame.Direction);
  const vtkIdType tuples = c.CellData ? image->GetNumberOfCells() : image->GetNumberOfPoints();
  auto array = vtk::TakeSmartPointer(vtkDataArray::CreateDataArray(c.ScalarType));
  array->SetName("Values");
  array->SetNumberOfComponents(c.Components);
  array->SetNumberOfTuples(tuples);
  switch (c.ScalarType)
  {
    vtkTemplateMacro(
      FillValues(static_cast<VTK_TT*>(array->GetVoidPointer(0)), tuples * c.Components, reader));
  }
  vtkDataSetAttributes* attributes = c.CellData
    ? static_cast<vtkDataSetAttributes*>(image->GetCellData())
    : static_cast<vtkDataSetAttributes*>(image->GetPointData());
  attributes->SetScalars(array);
  if (c.Distractor)
  {
    // Another array beside it, not the active scalars: selection by name must not take it.
    vtkNew<vtkDoubleArray> other;
    other->SetName("Other");
    other->SetNumberOfTuples(tuples);
    other->FillValue(7.0);
    attributes->AddArray(other);
  }
  values = array;
  return image;
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
  // Errors and warnings are expected outcomes here, checked through the outputs.
  vtkObject::GlobalWarningDisplayOff();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  ByteReader reader(data, size);
  Case c = ReadCase(reader);
  vtkDataArray* values = nullptr;
  vtkSmartPointer<vtkImageData> image = MakeImage(c, reader, values);
  // VTK 9.2's STDThread backend starts a pool of threads for every parallel loop: about 25 thread
  // starts and their ASan mappings per input, 6 ms, several times an average input. One input
  // in 64 runs threaded, the others sequentially.
  const vtkSMPTools::Config config = c.Threads > 0
    ? vtkSMPTools::Config(c.Threads, "STDThread", false)
    : vtkSMPTools::Config(1, "Sequential", false);
  vtkSMPTools::LocalScope(config,
    [&]()
    {
      CheckExplodedVoxels(c, image, values);
      CheckIntensityTransform(c, image, values);
    });
  return 0;
}
