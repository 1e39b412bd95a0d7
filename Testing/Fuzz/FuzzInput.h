// fuzz_filters' input: the settings of one case and the image they describe, read from the
// fuzzer's bytes front to back (zeros once they run out): the settings in the order of
// ReadCase(), then the values, one selector byte (and raw bytes) per component of every tuple.
// Testing/Fuzz/make_corpus.py writes seeds in this layout.
#ifndef FuzzInput_h
#define FuzzInput_h

#include "vtkDataArray.h"
#include "vtkImageData.h"
#include "vtkSmartPointer.h"

#include <cstdint>
#include <cstring>
#include <string>

namespace paravoxel_fuzz
{
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
  int ThresholdComponent; // -2 (outside its domain) to 4
  double Gap;
  double RegionExplosion; // 0, or a value outside its domain (the reference moves no region)
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

/** The settings of one input (the first of its bytes). */
Case ReadCase(ByteReader& reader);

/**
 * The image of `c` with its values (the array "Values", the active point or cell scalars, read
 * from the rest of the bytes) and, if `c` asks, another array beside it; `values` is set to the
 * values' array.
 */
vtkSmartPointer<vtkImageData> MakeImage(const Case& c, ByteReader& reader, vtkDataArray*& values);

/** The value Exploded Voxels compares with its thresholds. */
double ComparedQuantity(vtkDataArray* values, vtkIdType tuple, int component);

/**
 * The value of `bound` on `values`: its constant, or the compared quantity (of `component`, the
 * first if the array has no such component) of the voxel it names.
 */
double ResolveBound(const BoundSpec& bound, vtkDataArray* values, int component);
}

#endif
