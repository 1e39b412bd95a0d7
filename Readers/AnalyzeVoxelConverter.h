/**
 * @class   AnalyzeVoxelConverter
 * @brief   Turns stored Analyze/NIfTI voxel bytes into VTK array values: byte order, scaling
 *          (value * slope + intercept, in the header's output type) and the copy of a
 *          sub-extent's rows.
 *
 * Both operations run with vtkSMPTools over rows of voxels.
 */
#ifndef paravoxel_AnalyzeVoxelConverter_h
#define paravoxel_AnalyzeVoxelConverter_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)

#include <cstdint>

class vtkDataArray;

namespace paravoxel
{
class AnalyzeHeader;
class PARAVOXELREADERS_EXPORT AnalyzeVoxelConverter
{
public:
  /**
   * Convert the voxels of `extent` (inclusive i/j/k bounds inside the volume's whole extent)
   * from `raw`, which holds the stored bytes of whole slices extent[4]..extent[5], into `out`
   * (already sized for the extent, of the header's GetOutputScalarType()).
   */
  static void ConvertExtent(
    const AnalyzeHeader& header, const std::uint8_t* raw, const int extent[6], vtkDataArray* out);

  /** Swap the byte order of every value of `out` in place when the file's order differs. */
  static void FixByteOrder(const AnalyzeHeader& header, vtkDataArray* out);
};

} // namespace paravoxel

#endif
