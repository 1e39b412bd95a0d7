#include "AnalyzeDataTypes.h"

#include "vtkType.h"

namespace paravoxel
{
namespace
{
constexpr AnalyzeDataTypes::Type Types[] = {
  { 2, VTK_UNSIGNED_CHAR, 1, 1 },
  { 4, VTK_SHORT, 2, 1 },
  { 8, VTK_INT, 4, 1 },
  { 16, VTK_FLOAT, 4, 1 },
  { 64, VTK_DOUBLE, 8, 1 },
  { 128, VTK_UNSIGNED_CHAR, 1, 3 },
  { 256, VTK_SIGNED_CHAR, 1, 1 },
  { 512, VTK_UNSIGNED_SHORT, 2, 1 },
  { 768, VTK_UNSIGNED_INT, 4, 1 },
  { 1024, VTK_LONG_LONG, 8, 1 },
  { 1280, VTK_UNSIGNED_LONG_LONG, 8, 1 },
};
} // namespace

const AnalyzeDataTypes::Type* AnalyzeDataTypes::Find(int code)
{
  for (const Type& type : Types)
  {
    if (type.Code == code)
    {
      return &type;
    }
  }
  return nullptr;
}

std::string AnalyzeDataTypes::NameOfRefused(int code)
{
  switch (code)
  {
    case 32:
      return "complex64";
    case 1792:
      return "complex128";
    case 2048:
      return "complex256";
    case 1536:
      return "float128";
    case 2304:
      return "RGBA32";
    default:
      return "unknown";
  }
}
} // namespace paravoxel
