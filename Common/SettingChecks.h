/**
 * @class   SettingChecks
 * @brief   The one way ParaVoxel's readers and filters check the values set on their properties.
 *
 * Properties set from Python are not held to their XML domains, so each algorithm checks its
 * settings before it runs, with the same bounds as its XML domains, and refuses a value outside
 * them with an error that names the property and says what it accepts ("Gap must be in [0, 0.9]:
 * it is 5."), instead of clamping it in silence or letting a NaN or an infinity reach the
 * output. Checks are chained; the first failing one gives the message.
 */
#ifndef paravoxel_SettingChecks_h
#define paravoxel_SettingChecks_h

#include "ParaVoxelCommonModule.h" // for export macro

#include <initializer_list>
#include <string>

namespace paravoxel
{
class PARAVOXELCOMMON_EXPORT SettingChecks
{
public:
  /** `value` is a number (not NaN) in [`minimum`, `maximum`] (which may be infinite). */
  SettingChecks& InRange(const char* name, double value, double minimum, double maximum);

  /** Each of `values` is a number in [`minimum`, `maximum`]. */
  SettingChecks& AllInRange(
    const char* name, const double* values, int count, double minimum, double maximum);

  /** `value` is one of `accepted`. */
  SettingChecks& OneOf(
    const char* name, long long value, std::initializer_list<long long> accepted);

  /** Each of `values` is finite. */
  SettingChecks& Finite(const char* name, const double* values, int count);

  /** The first failed check's message, or "" when every check passed. */
  const std::string& GetProblem() const { return this->Problem; }

private:
  std::string Problem;
};
} // namespace paravoxel

#endif
