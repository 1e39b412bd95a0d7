/**
 * @class   AnalyzeDataTypes
 * @brief   The datatype codes of Analyze 7.5 and NIfTI headers: the ones read, with their VTK
 *          scalar type and sizes, and the names of those refused.
 *
 * Analyze 7.5's datatypes plus the NIfTI-1 integer extensions are read. Complex, 128-bit and
 * RGBA types have no VTK scalar counterpart here and are refused, by name.
 */
#ifndef paravoxel_AnalyzeDataTypes_h
#define paravoxel_AnalyzeDataTypes_h

#include <string>

namespace paravoxel
{
class AnalyzeDataTypes
{
public:
  /** A datatype that is read. */
  struct Type
  {
    int Code;
    int VTKType;
    int ComponentSize;
    int Components;
  };

  /** The datatype of header code `code`, or null when it is not read. */
  static const Type* Find(int code);

  /** The name of a refused datatype code ("complex64", ...; "unknown" for any other). */
  static std::string NameOfRefused(int code);
};
} // namespace paravoxel

#endif
