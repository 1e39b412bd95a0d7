// fuzz_filters' input decoding (FuzzInput.h): the settings, the geometry and the values of an
// image from the fuzzer's bytes.
#include "FuzzInput.h"

#include "vtkCellData.h"
#include "vtkDoubleArray.h"
#include "vtkIntensityTransformFilter.h"
#include "vtkNew.h"
#include "vtkPointData.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

namespace paravoxel_fuzz
{
namespace
{
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
  c.ThresholdComponent = reader.Byte() % 8 - 2;
  const std::uint8_t gap = reader.Byte();
  // Exact: multiples of 1/8, beyond 0.9 an error; else any fraction.
  c.Gap = exact ? (gap % 10) / 8.0 : gap / 255.0 * 0.95;
  // One input in 16: a Region Explosion the filter must refuse.
  static const double explosions[] = { std::numeric_limits<double>::quiet_NaN(),
    std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(), 1e308,
    -100.5, 101.0 };
  c.RegionExplosion = gap >= 240 ? explosions[(gap - 240) % 6] : 0.0;
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
}
