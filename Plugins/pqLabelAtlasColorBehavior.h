/**
 * @class   pqLabelAtlasColorBehavior
 * @brief   Colours the ParaView GUI's displays of a label atlas by its regions: a categorical
 *          colour map with the atlas's own colours and the region names as annotations, so the
 *          colour legend lists the names (what paravoxel.labels.color_by_labels does from
 *          Python), without the user asking.
 *
 * A display qualifies when its source (the Analyze Zip Reader, or Exploded Voxels on one) has
 * regions in its information properties LabelAnnotations / LabelIndexedColors (the reader fills
 * them from the volume's label sidecars, on the server, so client-server sessions work too) and
 * the display colours by the label array: the source's Scalars (SelectInputScalars) when it has
 * them, else the reader's `Intensity`.
 *
 * Anatomy and atlases both name their array `Intensity`, and ParaView shares one colour map per
 * array name, so the atlas display gets its own (UseSeparateColorMap): it never recolours another
 * volume's display. The display is switched to its own map when it is made (ParaView's set-up
 * may have handed it the shared map, unscaled yet) and when its colour array becomes the label
 * array (e.g. on switching from Outline to Slice, before ParaView picks the map), so the shared
 * `Intensity` map is neither made categorical nor rescaled to the labels. The display's own map
 * is then made categorical once; later edits in the Color Map Editor are kept, and a user who
 * turns Use Separate Color Map off keeps the shared map.
 *
 * GUI only (a plugin auto-start component): pvpython and pvbatch keep ParaView's plain colouring,
 * where color_by_labels() does this on request.
 */
#ifndef pqLabelAtlasColorBehavior_h
#define pqLabelAtlasColorBehavior_h

#include <QObject>

class pqDataRepresentation;
class pqRepresentation;

class pqLabelAtlasColorBehavior : public QObject
{
  Q_OBJECT

public:
  pqLabelAtlasColorBehavior(QObject* parent = nullptr);
  ~pqLabelAtlasColorBehavior() override;

  /** Called when the plugin is loaded: watches the displays made from then on. */
  void startup();
  void shutdown();

private Q_SLOTS:
  void watch(pqRepresentation* representation);

private:
  /** When colorByLabels is called. */
  enum class Moment
  {
    Shown,       // the display was just made (it may colour through the shared map already)
    ArrayChosen, // its colour array changed: ParaView chooses the colour map next
    MapChosen    // its colour map changed
  };

  /**
   * Gives `display` its own categorical colour map of the atlas's regions when it shows an
   * atlas coloured by the label array. Only a new display or a newly chosen colour array turns
   * UseSeparateColorMap on: a user who turns it off keeps the shared map.
   */
  void colorByLabels(pqDataRepresentation* display, Moment moment);

  Q_DISABLE_COPY(pqLabelAtlasColorBehavior)
};

#endif
