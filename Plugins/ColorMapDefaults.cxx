#include "ColorMapDefaults.h"

#include "vtkPVVersion.h"
#include "vtkSMSettings.h"

namespace paravoxel
{
void ColorMapDefaults::Register()
{
  // Below every collection ParaView loads (the user's and the site's settings files).
  constexpr double lowestPriority = 0.0;
  // ParaView 6.1 renamed the matplotlib presets: "Viridis (matplotlib)" is "Viridis" there.
#if PARAVIEW_VERSION_NUMBER >= PARAVIEW_VERSION_CHECK(6, 1, 0)
  vtkSMSettings::GetInstance()->AddCollectionFromString(R"json({"standard_presets": {
      "Intensity": "Viridis",
      "Transformed": "Viridis"}})json",
    lowestPriority);
#else
  vtkSMSettings::GetInstance()->AddCollectionFromString(R"json({"standard_presets": {
      "Intensity": "Viridis (matplotlib)",
      "Transformed": "Viridis (matplotlib)"}})json",
    lowestPriority);
#endif
}
} // namespace paravoxel
