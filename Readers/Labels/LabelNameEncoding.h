/**
 * @class   LabelNameEncoding
 * @brief   Makes region names of any bytes into UTF-8 names that every property and list can
 *          carry whole.
 *
 * Atlas sidecars written by older tools hold names in Latin-1 (the usual 8-bit encoding of their
 * time); ParaView shows strings as UTF-8. A name is valid UTF-8 only with no overlong forms, no
 * surrogates and nothing past U+10FFFF, as the standard says. A control character (a NUL above
 * all) would cut a name short in string properties, information keys and the GUI's region list,
 * so that the name shown could not select its region: each is read as U+FFFD, the replacement
 * character.
 */
#ifndef paravoxel_LabelNameEncoding_h
#define paravoxel_LabelNameEncoding_h

#include <string>

namespace paravoxel
{
class LabelNameEncoding
{
public:
  /** Whether `text` is valid UTF-8. */
  static bool IsUtf8(const std::string& text);

  /** `text` read as Latin-1 (each byte a code point), in UTF-8. */
  static std::string Latin1ToUtf8(const std::string& text);

  /**
   * `name` made whole and UTF-8: read as Latin-1 when it is not UTF-8, each control character
   * (bytes below 0x20, and 0x7F) as U+FFFD. `problem` says what was changed ("" when nothing).
   */
  static std::string MakeCarriable(const std::string& name, std::string& problem);
};

} // namespace paravoxel

#endif
