/**
 * @class   ColorMapDefaults
 * @brief   Gives ParaVoxel's intensity arrays a sequential colour map from the first display on.
 *
 * ParaView makes one colour map per array name, the first time something is coloured by it,
 * and starts it from the preset named in the setting `.standard_presets.<array name>` when
 * there is one (vtkSMTransferFunctionManager::GetColorTransferFunction). The reader's `Intensity`
 * and the Intensity Transform's `Transformed` are magnitudes, for which the tutorial uses
 * viridis; ParaView's default (Cool to Warm) is a diverging map meant for values around a
 * midpoint. The plugin adds those two settings as a collection of the lowest priority, so a
 * user's or a site's own `standard_presets`, and any preset chosen later, still win.
 */
#ifndef ColorMapDefaults_h
#define ColorMapDefaults_h

namespace paravoxel
{
class ColorMapDefaults
{
public:
  /** The plugin's initializer: adds the settings collection. */
  static void Register();
};
} // namespace paravoxel

#endif
