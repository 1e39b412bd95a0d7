/**
 * @class   AnalyzeOrientation
 * @brief   Where the output grid of a volume lies: the order in which its stored voxels are
 *          written (axes permuted and flipped) and the output's extent, spacing, origin and
 *          direction matrix.
 *
 * In world space the stored axes are reordered as nibabel's `io_orientation` and
 * `as_closest_canonical` do: each output axis runs toward R, A or S (x, y, z), so that for an
 * image whose affine has no rotation the direction matrix is exactly the identity; an oblique
 * rotation (or shear) that remains goes into the direction matrix. Output index o then maps to
 * world as the affine maps the source voxel it came from: origin + direction * (spacing * o).
 * In voxel order nothing is reordered: spacing |pixdim|, origin the affine's translation, no
 * direction, as ParaVoxel always read volumes before world space.
 *
 * A plain value class (no VTK pipeline), so that it can be tested on its own.
 */
#ifndef paravoxel_AnalyzeOrientation_h
#define paravoxel_AnalyzeOrientation_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests use this class)

#include <array>
#include <cstdint>
#include <string>

namespace paravoxel
{
class PARAVOXELREADERS_EXPORT AnalyzeOrientation
{
public:
  using Affine = std::array<double, 16>; // row-major 4x4, voxel index to world (mm)
  using Dimensions = std::array<std::int64_t, 3>;

  /**
   * World space for a volume of `dimensions` voxels whose voxel-to-world affine is `affine`.
   * Returns false, with `problem` saying why, when the affine cannot place the voxels (a value
   * not finite, a zero column, or a singular matrix); the orientation is then voxel order with
   * `spacing` (and an origin of 0 along an axis whose translation is not finite).
   */
  bool ComputeWorldSpace(const Affine& affine, const Dimensions& dimensions,
    const std::array<double, 3>& spacing, std::string& problem);

  /** Voxel order: the stored grid with `spacing`, origin the affine's translation. */
  void ComputeVoxelOrder(
    const Affine& affine, const Dimensions& dimensions, const std::array<double, 3>& spacing);

  /**
   * The direction each stored axis runs toward, as nibabel's `aff2axcodes` says it: "RAS",
   * "LAS", "LIP"... (x toward R or L, y toward A or P, z toward S or I). Empty when the affine
   * cannot place the voxels.
   */
  static std::string AxisCodes(const Affine& affine);

  /** Whether the output is in world space (false in voxel order and after a fallback). */
  bool IsWorldSpace() const { return this->WorldSpace; }
  /** Whether output voxels are the stored voxels in their stored order. */
  bool IsStoredOrder() const;
  /** Whether the stored axes are kept in their order (only flipped, if anything). */
  bool KeepsAxisOrder() const;

  /** The stored axis output axis `axis` runs along, and whether it runs backwards along it. */
  int GetSourceAxis(int axis) const { return this->SourceAxis[axis]; }
  bool IsFlipped(int axis) const { return this->Flipped[axis]; }

  /** Voxel counts of the output grid along its axes. */
  const Dimensions& GetOutputDimensions() const { return this->OutputDimensions; }
  const std::array<double, 3>& GetSpacing() const { return this->Spacing; }
  const std::array<double, 3>& GetOrigin() const { return this->Origin; }
  /** Row-major 3x3: column a is the world direction of output axis a. */
  const std::array<double, 9>& GetDirection() const { return this->Direction; }
  /** Output index to world (row-major 4x4); in voxel order the file's affine itself. */
  const Affine& GetOutputVoxelToWorld() const { return this->OutputVoxelToWorld; }

  /**
   * The box of stored voxels (inclusive bounds along the stored axes i, j, k) that the output
   * voxels of `outputExtent` come from.
   */
  void ComputeSourceBox(const int outputExtent[6], int sourceBox[6]) const;

private:
  void Reorder(const Affine& affine, const Dimensions& dimensions);

  bool WorldSpace = false;
  std::array<int, 3> SourceAxis{ { 0, 1, 2 } };
  std::array<bool, 3> Flipped{ { false, false, false } };
  Dimensions StoredDimensions{ { 0, 0, 0 } };
  Dimensions OutputDimensions{ { 0, 0, 0 } };
  std::array<double, 3> Spacing{ { 1, 1, 1 } };
  std::array<double, 3> Origin{ { 0, 0, 0 } };
  std::array<double, 9> Direction{ { 1, 0, 0, 0, 1, 0, 0, 0, 1 } };
  Affine OutputVoxelToWorld{};
};

} // namespace paravoxel

#endif
