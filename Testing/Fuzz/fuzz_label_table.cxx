// libFuzzer target: the label sidecar parsers (mricron .txt, FreeSurfer colour table, TSV,
// ITK-SNAP, FSLeyes, and the .lut from the input's first 768 bytes) on arbitrary bytes. Besides the
// sanitizers, it checks what the reader relies on: labels stay within 0..MaximumLabel, and a parse
// gives at most one warning a line (capped, with a summary line).
#include "LabelTable.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using paravoxel::LabelTable;
  std::vector<std::string> warnings;
  LabelTable table = LabelTable::ParseText(data, size, warnings);
  LabelTable lut;
  std::string error;
  if (size >= LabelTable::LutBytes && LabelTable::ParseLut(data, LabelTable::LutBytes, lut, error))
  {
    table.AddColorsFrom(lut);
  }
  // LF, CR and CRLF end lines: counting LFs and CRs bounds the number of lines from above.
  const std::size_t lines = static_cast<std::size_t>(std::count(data, data + size, '\n') +
                              std::count(data, data + size, '\r')) +
    1;
  if (table.GetNumberOfLabels() > LabelTable::MaximumLabel + 1 ||
    table.GetNames().size() != table.GetNumberOfLabels() || warnings.size() > 21 ||
    warnings.size() > lines + 1)
  {
    std::abort();
  }
  for (std::size_t label = 0; label < table.GetNumberOfLabels(); ++label)
  {
    table.GetColor(label);
  }
  return 0;
}
