/**
 * @class   AnalyzeVoxelConverter
 * @brief   Turns stored Analyze/NIfTI voxel bytes into VTK array values in the output's order:
 *          byte order, scaling (value * slope + intercept, in the header's output type) and the
 *          axes reordered as an AnalyzeOrientation says (permuted, flipped).
 *
 * Every operation runs with vtkSMPTools over rows of output voxels.
 */
#ifndef paravoxel_AnalyzeVoxelConverter_h
#define paravoxel_AnalyzeVoxelConverter_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)

#include <cstdint>

class vtkDataArray;

namespace paravoxel
{
class AnalyzeHeader;
class AnalyzeOrientation;
class PARAVOXELREADERS_EXPORT AnalyzeVoxelConverter
{
public:
  /**
   * Convert the output voxels of `outputExtent` (inclusive bounds of the output grid) into `out`
   * (already sized for the extent, of the header's GetOutputScalarType()) from `raw`, which
   * holds the stored bytes of whole slices sourceBox[4]..sourceBox[5]; `sourceBox` is the box of
   * stored voxels the extent comes from (AnalyzeOrientation::ComputeSourceBox).
   */
  static void ConvertExtent(const AnalyzeHeader& header, const AnalyzeOrientation& orientation,
    const std::uint8_t* raw, const int sourceBox[6], const int outputExtent[6], vtkDataArray* out);

  /**
   * Reorder in place `values`, which hold the stored voxels of a box of `boxDimensions` in stored
   * order, into output order, for an orientation that keeps the axis order
   * (AnalyzeOrientation::KeepsAxisOrder) and flips some axes: every row is swapped with its
   * mirror row in one pass, reversed when x is flipped.
   */
  static void FlipInPlace(
    const AnalyzeOrientation& orientation, const int boxDimensions[3], vtkDataArray* values);

  /** Swap the byte order of every value of `out` in place when the file's order differs. */
  static void FixByteOrder(const AnalyzeHeader& header, vtkDataArray* out);
};

} // namespace paravoxel

#endif
