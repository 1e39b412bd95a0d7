/**
 * @class   vtkParaVoxelLabels
 * @brief   What ParaVoxel calls the names and colours of a label atlas's regions, shared by the
 *          reader that makes them and the filters and scripts that use them.
 *
 * A label volume holds a region number (label) in each voxel. When its sidecars name or colour
 * the regions, vtkAnalyzeZipReader's output carries them as field data:
 *
 * - `LabelNames` (GetNamesArrayName()): vtkStringArray, one value per label: value k is the name
 *   of label k, "" where label k has none. Only when the sidecars name at least one region.
 * - `LabelColors` (GetColorsArrayName()): vtkUnsignedCharArray of 3 components (R, G, B), one
 *   tuple per label: tuple k is the colour of label k, black where it has none. Only when the
 *   sidecars give at least one colour.
 *
 * - `NamedRegions` (GetNamedRegionsArrayName()): vtkIntArray of one value, the number of labels
 *   with a name (0 for colours alone), so that ParaView's Information panel, which lists field
 *   data arrays with their ranges, shows it. With either array above.
 *
 * When both are there they have the same length: the largest label named or coloured, plus one.
 *
 * Before any data is produced, the reader's RequestInformation puts the same names on its
 * output port's information under LABEL_NAMES() (entry k = name of label k, "" where none; a
 * single "" when no region is named), so that the RequestInformation of a filter
 * downstream (the pipeline copies it with the other meta-data at every information request, past
 * ParaView's vtkPVPostFilter and any filter) can list region names before any data is read
 * (`inInfo->Get(vtkParaVoxelLabels::LABEL_NAMES(), k)`,
 * `inInfo->Length(vtkParaVoxelLabels::LABEL_NAMES())`).
 * LABEL_COLORS() travels the same way with the colours: R, G, B (0 to 255) of label k at entries
 * 3k to 3k + 2, black where label k has none; a single -1 when no region is coloured.
 *
 * GetAnnotations() turns the two keys into what ParaView's categorical colour maps take (the
 * `Annotations` and `IndexedColors` of a lookup table), so that the reader and Exploded Voxels
 * can hand them to the GUI through information properties, in client-server mode too.
 */
#ifndef vtkParaVoxelLabels_h
#define vtkParaVoxelLabels_h

#include "ParaVoxelCommonModule.h" // for export macro
#include "vtkObject.h"

class vtkDoubleArray;
class vtkInformation;
class vtkInformationIntegerVectorKey;
class vtkInformationStringVectorKey;
class vtkStringArray;

class PARAVOXELCOMMON_EXPORT vtkParaVoxelLabels : public vtkObject
{
public:
  // Static members only, reached through the class (from Python too): no New(), no instances.
  vtkAbstractTypeMacro(vtkParaVoxelLabels, vtkObject);

  /** Names of the labels on the reader's output port information (see the class doc). */
  static vtkInformationStringVectorKey* LABEL_NAMES();

  /** Colours of the labels on the reader's output port information (see the class doc). */
  static vtkInformationIntegerVectorKey* LABEL_COLORS();

  /**
   * The regions that LABEL_NAMES() and LABEL_COLORS() in `info` describe, as a categorical colour
   * map takes them: `annotations` gets (label, name) pairs, `indexedColors` R, G, B in [0, 1] per
   * pair. The regions are the named labels, or when none is named every coloured label; a
   * region without a name is annotated with its number, one without a colour is black (as
   * paravoxel.labels.label_table and color_by_labels do). Both arrays end empty when `info`
   * has neither key or they describe no region.
   */
  static void GetAnnotations(
    vtkInformation* info, vtkStringArray* annotations, vtkDoubleArray* indexedColors);

  /** "LabelNames": the field data array of the names. */
  static const char* GetNamesArrayName() { return "LabelNames"; }

  /** "LabelColors": the field data array of the colours. */
  static const char* GetColorsArrayName() { return "LabelColors"; }

  /** "NamedRegions": the field data array of the number of named labels. */
  static const char* GetNamedRegionsArrayName() { return "NamedRegions"; }
};

#endif
