#include "ExplodedVoxelsLabelKeys.h"

#include "ArrayDispatch.h"

#include "vtkDataArray.h"
#include "vtkDataArrayRange.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace paravoxel
{
namespace
{
// Doubles up to 2^53 in magnitude are exact integers: a cached range there needs no pass.
constexpr double ExactDoubles = 9007199254740992.0;

struct KeyRange
{
  template <typename ArrayT>
  void operator()(
    ArrayT* labels, const ExplodedVoxelsLabelKeys& keys, long long& first, long long& last) const
  {
    for (const auto value : vtk::DataArrayValueRange<1>(labels))
    {
      const long long key = keys(value);
      first = std::min(first, key);
      last = std::max(last, key);
    }
  }
};
} // namespace

ExplodedVoxelsLabelKeys::ExplodedVoxelsLabelKeys(int dataType)
  : Unsigned64(dataType == VTK_UNSIGNED_LONG_LONG ||
      (dataType == VTK_UNSIGNED_LONG && sizeof(unsigned long) == 8))
{
}

long long ExplodedVoxelsLabelKeys::OfIndex(vtkIdType index) const
{
  return this->Unsigned64 ? (*this)(static_cast<unsigned long long>(index))
                          : static_cast<long long>(index);
}

bool ExplodedVoxelsLabelKeys::Parse(const std::string& text, long long& key) const
{
  if (text.empty() || std::isspace(static_cast<unsigned char>(text[0])))
  {
    return false;
  }
  char* end = nullptr;
  errno = 0;
  if (this->Unsigned64)
  {
    if (text[0] == '-')
    {
      return false;
    }
    const unsigned long long label = std::strtoull(text.c_str(), &end, 10);
    key = (*this)(label);
  }
  else
  {
    key = std::strtoll(text.c_str(), &end, 10);
  }
  return errno == 0 && end == text.c_str() + text.size();
}

std::string ExplodedVoxelsLabelKeys::ToString(long long key) const
{
  return this->Unsigned64 ? std::to_string(static_cast<unsigned long long>(key) ^ SignBit)
                          : std::to_string(key);
}

long long ExplodedVoxelsLabelKeys::KeyOfDouble(double label) const
{
  if (this->Unsigned64)
  {
    const double clamped = std::max(0.0, std::min(18446744073709549568.0, label));
    return (*this)(static_cast<unsigned long long>(clamped));
  }
  const double limit = 9223372036854774784.0;
  return static_cast<long long>(std::max(-limit, std::min(limit, label)));
}

void ExplodedVoxelsLabelKeys::Range(vtkDataArray* labels, long long& first, long long& last) const
{
  first = std::numeric_limits<long long>::max();
  last = std::numeric_limits<long long>::min();
  if (labels->GetNumberOfTuples() == 0)
  {
    return;
  }
  double range[2];
  labels->GetRange(range, 0);
  if (std::fabs(range[0]) <= ExactDoubles && std::fabs(range[1]) <= ExactDoubles)
  {
    first = this->KeyOfDouble(range[0]);
    last = this->KeyOfDouble(range[1]);
    return;
  }
  ArrayDispatch::Execute(labels, KeyRange{}, *this, first, last);
}
} // namespace paravoxel
