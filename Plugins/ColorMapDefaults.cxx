#include "ColorMapDefaults.h"

#include "vtkSMSettings.h"

namespace paravoxel
{
void ColorMapDefaults::Register()
{
  // Below every collection ParaView loads (the user's and the site's settings files).
  constexpr double lowestPriority = 0.0;
  vtkSMSettings::GetInstance()->AddCollectionFromString(R"json({"standard_presets": {
      "Intensity": "Viridis (matplotlib)",
      "Transformed": "Viridis (matplotlib)"}})json",
    lowestPriority);
}
} // namespace paravoxel
