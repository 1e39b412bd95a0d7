#include "SettingChecks.h"

#include <cmath>
#include <sstream>

namespace paravoxel
{
namespace
{
// The values as the user set them, e.g. "(1, nan, 3)" or "5".
std::string Written(const double* values, int count)
{
  std::ostringstream text;
  text.precision(15);
  text << (count > 1 ? "(" : "");
  for (int n = 0; n < count; ++n)
  {
    text << (n ? ", " : "") << values[n];
  }
  text << (count > 1 ? ")" : "");
  return text.str();
}
} // namespace

SettingChecks& SettingChecks::InRange(
  const char* name, double value, double minimum, double maximum)
{
  return this->AllInRange(name, &value, 1, minimum, maximum);
}

SettingChecks& SettingChecks::AllInRange(
  const char* name, const double* values, int count, double minimum, double maximum)
{
  for (int n = 0; n < count && this->Problem.empty(); ++n)
  {
    if (!(values[n] >= minimum && values[n] <= maximum))
    {
      std::ostringstream text;
      text.precision(15);
      text << name << " must be " << (count > 1 ? "numbers" : "a number") << " in [" << minimum
           << ", " << maximum << "]: " << (count > 1 ? "they are " : "it is ")
           << Written(values, count) << ".";
      this->Problem = text.str();
    }
  }
  return *this;
}

SettingChecks& SettingChecks::OneOf(
  const char* name, long long value, std::initializer_list<long long> accepted)
{
  if (this->Problem.empty())
  {
    bool found = false;
    std::ostringstream list;
    for (const long long candidate : accepted)
    {
      found = found || candidate == value;
      list << (list.tellp() > 0 ? ", " : "") << candidate;
    }
    if (!found)
    {
      this->Problem = std::string(name) + " must be one of " + list.str() + ": it is " +
        std::to_string(value) + ".";
    }
  }
  return *this;
}

SettingChecks& SettingChecks::Finite(const char* name, const double* values, int count)
{
  for (int n = 0; n < count && this->Problem.empty(); ++n)
  {
    if (!std::isfinite(values[n]))
    {
      this->Problem = std::string(name) +
        " must be finite: " + (count > 1 ? "they are " : "it is ") + Written(values, count) + ".";
    }
  }
  return *this;
}
} // namespace paravoxel
