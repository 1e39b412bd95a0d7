/**
 * @class   LabelTable
 * @brief   The names and colours of the regions of a label atlas, parsed from its sidecars.
 *
 * A label volume holds a region number in each voxel; sidecars beside it name the regions and
 * give their colours. ParseText() reads the text formats, detected per file from its first data
 * line (blank lines and lines starting with `#` are skipped everywhere):
 *
 * - plain TSV, when that line holds a TAB: `index<TAB>name[<TAB>#rrggbb]` (names may hold
 *   spaces; a first line `index<TAB>...` is a column header);
 * - ITK-SNAP label description, when that line holds a `"`: `index R G B A VIS MSH "name"`
 *   (components 0 to 255, A 0 to 1, VIS and MSH 0 or 1; only the colour and name are used);
 * - FSLeyes lookup table, when it has 5 or more whitespace-separated fields of which the 2nd to
 *   4th are numbers: `index r g b name` (components 0 to 1, the name the rest of the line);
 * - FreeSurfer colour table, when it has 5 or more whitespace-separated fields:
 *   `index name R G B [A]` (components 0 to 255; A is not used);
 * - mricron, otherwise: `index name [code]`, whitespace separated (the code is not used).
 *
 * Lines end with LF, CRLF or CR alone (files saved on classic Mac OS).
 *
 * ParseLut() reads mricron's `.lut`: exactly 768 bytes, 256 reds, 256 greens, 256 blues; entry k
 * is the colour of label k. IsTextLut() tells it from FSLeyes's `.lut`, which is text.
 *
 * Indices are decimal integers from 0 to MaximumLabel. A line that does not fit its format
 * (missing fields, a non-number, an index over MaximumLabel, a colour component over 255, an
 * index seen before) is skipped with a warning naming its line; the first line of an index wins.
 * A name that is not valid UTF-8 is decoded as Latin-1 (the usual encoding of older atlas
 * files) and kept, with a warning.
 */
#ifndef paravoxel_LabelTable_h
#define paravoxel_LabelTable_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests use this class)

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace paravoxel
{
class PARAVOXELREADERS_EXPORT LabelTable
{
public:
  using Color = std::array<std::uint8_t, 3>;

  /** The largest label index a sidecar may give (labels fit 16 bits). */
  static constexpr int MaximumLabel = 65535;
  /** The size of a mricron `.lut`. */
  static constexpr std::size_t LutBytes = 768;

  /**
   * Parse a text sidecar (format detected as the class documentation says). Every problem is
   * appended to `warnings` as "line N: what is wrong". Returns the table of what could be read.
   */
  static LabelTable ParseText(
    const std::uint8_t* bytes, std::size_t size, std::vector<std::string>& warnings);

  /**
   * Parse a mricron `.lut`. Returns false with `error` set (and an empty table) when it is not
   * exactly LutBytes long.
   */
  static bool ParseLut(
    const std::uint8_t* bytes, std::size_t size, LabelTable& table, std::string& error);

  /**
   * Whether a `.lut` is text (an FSLeyes lookup table, for ParseText()) rather than mricron's
   * binary palette: it is not empty and has no control byte but TAB, LF and CR. A palette has
   * some (its components below 32, such as the black of label 0).
   */
  static bool IsTextLut(const std::uint8_t* bytes, std::size_t size);

  /**
   * Complete this table's colours with `colors` (a `.lut`): labels that have no colour of their
   * own take theirs. Without names here, every label of `colors` is taken; with names, only the
   * labels up to the largest named or coloured one (the rest of a 256-entry palette names no
   * region).
   */
  void AddColorsFrom(const LabelTable& colors);

  /** Largest label with a name or a colour, plus one (0 for an empty table). */
  std::size_t GetNumberOfLabels() const;

  /** The number of labels with a non-empty name. */
  std::size_t GetNumberOfNamedLabels() const;

  bool HasNames() const { return this->GetNumberOfNamedLabels() > 0; }
  bool HasColors() const;

  /** Name of `label` ("" when it has none). */
  std::string GetName(std::size_t label) const;

  /** Colour of `label`, black when it has none; `known` says whether it has one. */
  Color GetColor(std::size_t label, bool* known = nullptr) const;

  /** Names of labels 0 to GetNumberOfLabels() - 1, "" where there is none. */
  std::vector<std::string> GetNames() const;

private:
  void SetName(std::size_t label, std::string name);
  void SetColor(std::size_t label, const Color& color);

  std::vector<std::string> Names; // by label; "" for none
  std::vector<Color> Colors;      // by label
  std::vector<bool> Colored;      // by label: whether Colors holds a colour
};

} // namespace paravoxel

#endif
