/**
 * @class   LabelNameEncoding
 * @brief   Tells UTF-8 region names from older ones and converts those from Latin-1.
 *
 * Atlas sidecars written by older tools hold names in Latin-1 (the usual 8-bit encoding of their
 * time); ParaView shows strings as UTF-8. A name is valid UTF-8 only with no overlong forms, no
 * surrogates and nothing past U+10FFFF, as the standard says.
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
};

} // namespace paravoxel

#endif
