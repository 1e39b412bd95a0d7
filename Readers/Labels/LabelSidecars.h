/**
 * @class   LabelSidecars
 * @brief   Finds and reads the label sidecars of a volume: a text file naming its regions
 *          (`.txt`) and a colour table (`.lut`: mricron's binary palette or FSLeyes's text lookup
 *          table), beside it in its archive or folder; and hands what they say to the reader's
 *          output (see vtkParaVoxelLabels).
 *
 * For the volume `dir/aal.nii.gz` the sidecars are `dir/aal.nii.txt` and `dir/aal.nii.lut` (the
 * volume's name with a trailing `.gz` dropped), else `dir/aal.txt` and `dir/aal.lut` (its stem);
 * for a pair `v.hdr`/`v.img`, `v.hdr.txt`, `v.img.txt`, then `v.txt`. Names match in any case.
 * Sidecars are read like every member: whole, verified against the archive's CRC-32. The
 * formats are LabelTable's; a text `.lut` names regions too, but a `.txt`'s names win.
 *
 * A sidecar that cannot be used never stops the volume from being read: each problem is a
 * warning naming the sidecar (and the line), and the table keeps what could be read. Colours
 * given in the text (FreeSurfer, TSV) win over the `.lut`'s.
 */
#ifndef paravoxel_LabelSidecars_h
#define paravoxel_LabelSidecars_h

#include "AnalyzeVolumeIndex.h"     // for the volume and the member lookup
#include "LabelTable.h"             // for the table returned
#include "ParaVoxelReadersModule.h" // for export macro (unit tests use this class)

#include <string>
#include <vector>

class vtkFieldData;
class vtkInformation;

namespace paravoxel
{
class MemberStore;
class PARAVOXELREADERS_EXPORT LabelSidecars
{
public:
  /** Text sidecars larger than this are not label tables (FreeSurfer's own is 0.6 MB). */
  static constexpr std::uint64_t MaximumTextBytes = std::uint64_t(16) << 20;

  /**
   * The names `volume`'s sidecars with `extension` (".txt" or ".lut") may have, in order of
   * preference.
   */
  static std::vector<std::string> GetCandidateNames(
    const AnalyzeVolumeIndex::Volume& volume, const std::string& extension);

  /**
   * The names and colours the sidecars of `volume` give (an empty table without sidecars).
   * `warnings` receives one message per problem, naming the sidecar member: "label sidecar
   * 'aal.nii.txt', line 3: the index 'x' is not a whole number...; the line is skipped".
   */
  static LabelTable Read(MemberStore& store, const AnalyzeVolumeIndex& index,
    const AnalyzeVolumeIndex::Volume& volume, std::vector<std::string>& warnings);

  /**
   * Put `table`'s names under vtkParaVoxelLabels::LABEL_NAMES() in `outInfo` (an output port's
   * information), a single empty name when it names no region; and its colours under
   * vtkParaVoxelLabels::LABEL_COLORS(), a single -1 when it colours none.
   */
  static void SetInformation(const LabelTable& table, vtkInformation* outInfo);

  /**
   * Add the `LabelNames` and `LabelColors` arrays (those `table` has) and `NamedRegions` (when
   * it has either) to `fieldData`.
   */
  static void AddFieldData(const LabelTable& table, vtkFieldData* fieldData);
};

} // namespace paravoxel

#endif
