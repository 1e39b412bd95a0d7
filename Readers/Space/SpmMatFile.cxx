#include "SpmMatFile.h"

#include "ByteOrder.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <vector>

namespace paravoxel
{
namespace
{
// A named real matrix found in the file, in MATLAB's column-major order.
struct Matrix
{
  std::vector<double> Values;
  std::vector<std::int64_t> Dims;
};
using Matrices = std::map<std::string, Matrix>;

// Values and numbers must stay small: a 4x4 affine is all we need, so anything larger than this
// is not an SPM sidecar and is refused instead of allocated.
constexpr std::uint64_t MaximumValues = 4096;

class Cursor
{
public:
  Cursor(const std::uint8_t* bytes, std::size_t size, bool swap)
    : Bytes(bytes)
    , Size(size)
    , Swap(swap)
  {
  }

  template <typename T>
  bool Get(std::size_t offset, T& value) const
  {
    if (offset > this->Size || this->Size - offset < sizeof(T))
    {
      return false;
    }
    value = ByteOrder::Load<T>(this->Bytes + offset, this->Swap);
    return true;
  }

  const std::uint8_t* Bytes;
  std::size_t Size;
  bool Swap;
};

// Converts `count` values of MATLAB numeric class `type` at `offset` to doubles.
bool ReadNumbers(
  const Cursor& in, std::size_t offset, int type, std::uint64_t count, std::vector<double>& out)
{
  if (count > MaximumValues)
  {
    return false;
  }
  out.resize(static_cast<std::size_t>(count));
  for (std::uint64_t i = 0; i < count; ++i)
  {
    bool ok = false;
    double v = 0;
    switch (type)
    {
#define PARAVOXEL_MAT_NUMBER(code, T)                                                              \
  case code:                                                                                       \
  {                                                                                                \
    T x;                                                                                           \
    ok = in.Get(offset + i * sizeof(T), x);                                                        \
    v = static_cast<double>(x);                                                                    \
    break;                                                                                         \
  }
      PARAVOXEL_MAT_NUMBER(1, std::int8_t)
      PARAVOXEL_MAT_NUMBER(2, std::uint8_t)
      PARAVOXEL_MAT_NUMBER(3, std::int16_t)
      PARAVOXEL_MAT_NUMBER(4, std::uint16_t)
      PARAVOXEL_MAT_NUMBER(5, std::int32_t)
      PARAVOXEL_MAT_NUMBER(6, std::uint32_t)
      PARAVOXEL_MAT_NUMBER(7, float)
      PARAVOXEL_MAT_NUMBER(9, double)
      PARAVOXEL_MAT_NUMBER(12, std::int64_t)
      PARAVOXEL_MAT_NUMBER(13, std::uint64_t)
#undef PARAVOXEL_MAT_NUMBER
      default:
        return false;
    }
    if (!ok)
    {
      return false;
    }
    out[static_cast<std::size_t>(i)] = v;
  }
  return true;
}

std::size_t SizeOfType(int type)
{
  switch (type)
  {
    case 1:
    case 2:
      return 1;
    case 3:
    case 4:
      return 2;
    case 5:
    case 6:
    case 7:
      return 4;
    case 9:
    case 12:
    case 13:
      return 8;
    default:
      return 0;
  }
}

// MATLAB 4: a sequence of matrices, each a 20-byte header, a name and the data.
bool ParseVersion4(const std::uint8_t* bytes, std::size_t size, Matrices& found)
{
  static const int classOfPrecision[] = { 9, 7, 5, 3, 4, 2 }; // double, single, int32...
  std::size_t offset = 0;
  while (offset + 20 <= size)
  {
    // MOPT's thousands digit is the byte order (0 little, 1 big endian); read the header in the
    // order in which MOPT makes sense.
    bool bigEndian = false;
    std::int32_t mopt;
    if (!Cursor(bytes, size, false).Get(offset, mopt) || mopt < 0 || mopt >= 1000)
    {
      bigEndian = true;
      if (!Cursor(bytes, size, true).Get(offset, mopt) || mopt < 1000 || mopt >= 2000)
      {
        return false;
      }
    }
    const Cursor in(bytes, size, bigEndian);
    std::int32_t rows, cols, imag, nameLength;
    if (!in.Get(offset + 4, rows) || !in.Get(offset + 8, cols) || !in.Get(offset + 12, imag) ||
      !in.Get(offset + 16, nameLength))
    {
      return false;
    }
    const int precision = (mopt / 10) % 10;
    const int kind = mopt % 10;
    if (kind != 0 || precision > 5 || rows < 0 || cols < 0 || nameLength <= 0 || nameLength > 64)
    {
      return false;
    }
    const int type = classOfPrecision[precision];
    const std::uint64_t count = static_cast<std::uint64_t>(rows) * static_cast<std::uint64_t>(cols);
    offset += 20;
    if (static_cast<std::size_t>(nameLength) > size - offset)
    {
      return false;
    }
    const char* name = reinterpret_cast<const char*>(bytes + offset);
    Matrix matrix;
    matrix.Dims = { rows, cols };
    offset += static_cast<std::size_t>(nameLength);
    if (!ReadNumbers(in, offset, type, count, matrix.Values))
    {
      return false;
    }
    offset += static_cast<std::size_t>(count * SizeOfType(type) * (imag ? 2 : 1));
    const std::size_t nameEnd = strnlen(name, static_cast<std::size_t>(nameLength));
    found[std::string(name, nameEnd)] = std::move(matrix);
  }
  return !found.empty();
}

bool ParseVersion5Elements(
  const Cursor& in, std::size_t begin, std::size_t end, Matrices& found, int depth);

// One miMATRIX element: flags, dimensions, name, real part.
bool ParseVersion5Matrix(const Cursor& in, std::size_t begin, std::size_t end, Matrices& found)
{
  Matrix matrix;
  std::string name;
  int field = 0;
  std::size_t offset = begin;
  while (offset + 8 <= end && field < 4)
  {
    std::uint32_t type, bytes;
    std::size_t data, next;
    std::uint32_t first;
    if (!in.Get(offset, first))
    {
      return false;
    }
    if ((first >> 16) != 0)
    {
      // Small data element: size in the upper 16 bits, data in the next 4 bytes.
      type = first & 0xFFFF;
      bytes = first >> 16;
      data = offset + 4;
      next = offset + 8;
    }
    else
    {
      type = first;
      if (!in.Get(offset + 4, bytes))
      {
        return false;
      }
      data = offset + 8;
      next = data + ((static_cast<std::size_t>(bytes) + 7) & ~std::size_t(7));
    }
    if (data + bytes > end)
    {
      return false;
    }
    const std::size_t width = SizeOfType(static_cast<int>(type));
    if (field == 0)
    {
      std::uint32_t flags;
      if (!in.Get(data, flags) || (flags & 0x0800) != 0)
      {
        return false; // complex matrices are not affines
      }
      const int arrayClass = static_cast<int>(flags & 0xFF);
      // A logical array is stored with a numeric class (uint8) and this flag: true and false are
      // no affine either.
      constexpr std::uint32_t logicalFlag = 0x0200;
      if (arrayClass < 6 || arrayClass > 15 || (flags & logicalFlag) != 0)
      {
        return true; // cells, structs, chars, logicals: not a numeric matrix, skip it
      }
    }
    else if (field == 1)
    {
      std::vector<double> dims;
      if (width == 0 || !ReadNumbers(in, data, static_cast<int>(type), bytes / width, dims))
      {
        return false;
      }
      for (double d : dims)
      {
        if (!(d >= 0 && d <= static_cast<double>(MaximumValues)))
        {
          return false; // not a dimension a sidecar affine can have
        }
        matrix.Dims.push_back(static_cast<std::int64_t>(d));
      }
    }
    else if (field == 2)
    {
      name.assign(reinterpret_cast<const char*>(in.Bytes + data), bytes);
    }
    else if (field == 3)
    {
      if (width == 0 ||
        !ReadNumbers(in, data, static_cast<int>(type), bytes / width, matrix.Values))
      {
        return false;
      }
    }
    ++field;
    offset = next;
  }
  if (field == 4)
  {
    found[name] = std::move(matrix);
  }
  return true;
}

bool ParseVersion5Elements(
  const Cursor& in, std::size_t begin, std::size_t end, Matrices& found, int depth)
{
  std::size_t offset = begin;
  while (offset + 8 <= end)
  {
    std::uint32_t type, bytes;
    if (!in.Get(offset, type) || !in.Get(offset + 4, bytes))
    {
      return false;
    }
    const std::size_t data = offset + 8;
    if (bytes > end - data)
    {
      return false;
    }
    if (type == 14) // miMATRIX
    {
      if (!ParseVersion5Matrix(in, data, data + bytes, found))
      {
        return false;
      }
    }
    else if (type == 15 && depth == 0) // miCOMPRESSED: a zlib stream of further elements
    {
      // An affine file is tiny; refuse anything that inflates past a few megabytes.
      std::vector<std::uint8_t> inflated(std::size_t(1) << 16);
      z_stream z{};
      if (inflateInit(&z) != Z_OK)
      {
        return false;
      }
      z.next_in = const_cast<Bytef*>(in.Bytes + data);
      z.avail_in = bytes;
      int status = Z_OK;
      while (status == Z_OK)
      {
        if (z.total_out == inflated.size())
        {
          if (inflated.size() >= (std::size_t(4) << 20))
          {
            break;
          }
          inflated.resize(inflated.size() * 2);
        }
        z.next_out = inflated.data() + z.total_out;
        z.avail_out = static_cast<uInt>(inflated.size() - z.total_out);
        status = inflate(&z, Z_NO_FLUSH);
      }
      const std::size_t produced = z.total_out;
      inflateEnd(&z);
      if (status != Z_STREAM_END)
      {
        return false;
      }
      const Cursor inner(inflated.data(), produced, in.Swap);
      if (!ParseVersion5Elements(inner, 0, produced, found, depth + 1))
      {
        return false;
      }
    }
    offset = data + ((static_cast<std::size_t>(bytes) + 7) & ~std::size_t(7));
    if (type == 15)
    {
      offset = data + bytes; // compressed elements are not padded
    }
  }
  return true;
}

bool ParseVersion5(const std::uint8_t* bytes, std::size_t size, Matrices& found)
{
  if (size < 128)
  {
    return false;
  }
  // The endian indicator is the 16-bit value ('M' << 8) | 'I' in the writer's byte order.
  std::uint16_t indicator;
  std::memcpy(&indicator, bytes + 126, sizeof(indicator));
  if (indicator != 0x4D49 && indicator != 0x494D)
  {
    return false;
  }
  const bool swap = indicator == 0x494D;
  const Cursor in(bytes, size, swap);
  return ParseVersion5Elements(in, 128, size, found, 0);
}

// The first 4x4 of a 4x4 or 4x4xN matrix, row-major.
bool FirstAffine(const Matrix& matrix, std::array<double, 16>& affine)
{
  if (matrix.Dims.size() < 2 || matrix.Dims[0] != 4 || matrix.Dims[1] != 4 ||
    matrix.Values.size() < 16)
  {
    return false;
  }
  for (int row = 0; row < 4; ++row)
  {
    for (int col = 0; col < 4; ++col)
    {
      affine[4 * row + col] = matrix.Values[4 * col + row];
    }
  }
  return std::all_of(affine.begin(), affine.end(), [](double v) { return std::isfinite(v); });
}
}

bool SpmMatFile::Read(
  const std::uint8_t* bytes, std::size_t size, std::array<double, 16>& affine, std::string& error)
{
  Matrices found;
  const bool version5 = size >= 128 && std::memcmp(bytes, "MATLAB 5.0", 10) == 0;
  if (!(version5 ? ParseVersion5(bytes, size, found) : ParseVersion4(bytes, size, found)))
  {
    error = "not a readable MATLAB 4 or 5 file";
    return false;
  }
  std::array<double, 16> m;
  if (found.count("mat") && FirstAffine(found["mat"], m))
  {
    // `mat` already includes any flip.
  }
  else if (found.count("M") && FirstAffine(found["M"], m))
  {
    // `M` does not: SPM's Analyze convention is radiological (x flipped).
    for (int col = 0; col < 4; ++col)
    {
      m[col] = -m[col];
    }
  }
  else
  {
    error = "it holds no 4x4 matrix named \"mat\" or \"M\"";
    return false;
  }
  // MATLAB's first voxel is (1,1,1): move the translation to 0-based indices.
  affine = m;
  for (int row = 0; row < 3; ++row)
  {
    affine[4 * row + 3] = m[4 * row + 3] + m[4 * row] + m[4 * row + 1] + m[4 * row + 2];
  }
  return true;
}
} // namespace paravoxel
