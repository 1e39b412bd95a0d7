// What fuzz_filters' checks share: failing with a description of the difference (which aborts,
// so that libFuzzer keeps the input), comparison of tuples and points, and the filters' array
// selection as an input asks for it.
#ifndef FuzzComparison_h
#define FuzzComparison_h

#include "FuzzInput.h"

#include "vtkAlgorithm.h"
#include "vtkDataArray.h"

#include <string>

namespace paravoxel_fuzz
{
/** Prints `what` as a difference and aborts. */
[[noreturn]] void Fail(const std::string& what);

/** Fails with the text `describe()` makes (only then: most checks run per face or value). */
template <typename Describe>
void Require(bool condition, Describe&& describe)
{
  if (!condition)
  {
    Fail(describe());
  }
}

/** Same type, same bytes (or NaN in both) for every component. */
bool SameTuple(vtkDataArray* a, vtkIdType ta, vtkDataArray* b, vtkIdType tb);

/** The dot product of two vectors. */
inline double Dot(const double a[3], const double b[3])
{
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** A point as text, with every digit a double has. */
std::string Describe(const double x[3]);

/**
 * The filters' array selection, as the case says: the default (active scalars of the points,
 * else of the cells), by name and association, by name (points, then cells), or an empty name.
 */
void SelectArray(vtkAlgorithm* filter, const Case& c, const char* name);
}

#endif
