#include "LabelNameEncoding.h"

#include <algorithm>

namespace paravoxel
{
namespace
{
// Length of the valid UTF-8 sequence at `text[i]`, or 0 when there is none.
std::size_t Utf8SequenceLength(const std::string& text, std::size_t i)
{
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80)
  {
    return 1;
  }
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF)
  {
    length = 2;
  }
  else if (lead >= 0xE0 && lead <= 0xEF)
  {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
    high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
  }
  else if (lead >= 0xF0 && lead <= 0xF4)
  {
    length = 4;
    low = lead == 0xF0 ? 0x90 : 0x80;  // no overlong forms
    high = lead == 0xF4 ? 0x8F : 0xBF; // nothing past U+10FFFF
  }
  else
  {
    return 0;
  }
  if (i + length > text.size() || byte(i + 1) < low || byte(i + 1) > high)
  {
    return 0;
  }
  for (std::size_t k = 2; k < length; ++k)
  {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
    {
      return 0;
    }
  }
  return length;
}

}

bool LabelNameEncoding::IsUtf8(const std::string& text)
{
  for (std::size_t i = 0; i < text.size();)
  {
    const std::size_t length = Utf8SequenceLength(text, i);
    if (length == 0)
    {
      return false;
    }
    i += length;
  }
  return true;
}

std::string LabelNameEncoding::Latin1ToUtf8(const std::string& text)
{
  std::string utf8;
  for (unsigned char c : text)
  {
    if (c < 0x80)
    {
      utf8 += static_cast<char>(c);
    }
    else
    {
      utf8 += static_cast<char>(0xC0 | (c >> 6));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return utf8;
}
std::string LabelNameEncoding::MakeCarriable(const std::string& name, std::string& problem)
{
  problem.clear();
  std::string text = name;
  if (!IsUtf8(text))
  {
    text = Latin1ToUtf8(text);
    problem = "is not UTF-8; it is read as Latin-1";
  }
  const auto control = [](unsigned char c) { return c < 0x20 || c == 0x7F; };
  if (std::any_of(text.begin(), text.end(), control))
  {
    std::string visible;
    for (const char c : text)
    {
      visible +=
        control(static_cast<unsigned char>(c)) ? std::string("\xEF\xBF\xBD") : std::string(1, c);
    }
    text = std::move(visible);
    problem += std::string(problem.empty() ? "" : ", and ") +
      "holds control characters (a NUL byte, say), which no property or list can carry; each is "
      "read as U+FFFD";
  }
  return text;
}
} // namespace paravoxel
