// What fuzz_filters' checks share (FuzzComparison.h).
#include "FuzzComparison.h"

#include "vtkDataObject.h"
#include "vtkDataSetAttributes.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

namespace paravoxel_fuzz
{
[[noreturn]] void Fail(const std::string& what)
{
  std::fprintf(stderr, "fuzz_filters: DIFFERENCE: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

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

std::string Describe(const double x[3])
{
  std::ostringstream text;
  text.precision(17);
  text << "(" << x[0] << ", " << x[1] << ", " << x[2] << ")";
  return text.str();
}

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
}
