#include "pqLabelAtlasColorBehavior.h"

#include "pqApplicationCore.h"
#include "pqDataRepresentation.h"
#include "pqServerManagerModel.h"
#include "vtkSMPVRepresentationProxy.h"
#include "vtkSMProperty.h"
#include "vtkSMPropertyHelper.h"
#include "vtkSMProxy.h"
#include "vtkSMSessionProxyManager.h"

#include <string>

namespace
{
/** The array holding the label numbers in `source`'s output. */
std::string LabelArrayName(vtkSMProxy* source)
{
  if (source->GetProperty("SelectInputScalars"))
  {
    // Exploded Voxels carries its Scalars to the output under their own name.
    const char* name =
      vtkSMPropertyHelper(source, "SelectInputScalars").GetInputArrayNameToProcess();
    return name ? name : "";
  }
  return "Intensity";
}
} // namespace

pqLabelAtlasColorBehavior::pqLabelAtlasColorBehavior(QObject* parent)
  : QObject(parent)
{
}

pqLabelAtlasColorBehavior::~pqLabelAtlasColorBehavior() = default;

void pqLabelAtlasColorBehavior::startup()
{
  pqServerManagerModel* model = pqApplicationCore::instance()->getServerManagerModel();
  QObject::connect(
    model, &pqServerManagerModel::representationAdded, this, &pqLabelAtlasColorBehavior::watch);
}

void pqLabelAtlasColorBehavior::shutdown()
{
  pqServerManagerModel* model = pqApplicationCore::instance()->getServerManagerModel();
  QObject::disconnect(model, nullptr, this, nullptr);
}

void pqLabelAtlasColorBehavior::watch(pqRepresentation* representation)
{
  auto* display = qobject_cast<pqDataRepresentation*>(representation);
  if (!display || !display->getProxy()->GetProperty("UseSeparateColorMap"))
  {
    return;
  }
  QObject::connect(display, &pqDataRepresentation::colorArrayNameModified, this,
    [this, display]() { this->colorByLabels(display, Moment::ArrayChosen); });
  QObject::connect(display, &pqDataRepresentation::colorTransferFunctionModified, this,
    [this, display]() { this->colorByLabels(display, Moment::MapChosen); });
  // A filter's display may already colour by the array of its input's display (ParaView's
  // inheritance), through the shared map.
  this->colorByLabels(display, Moment::Shown);
}

void pqLabelAtlasColorBehavior::colorByLabels(pqDataRepresentation* display, Moment moment)
{
  vtkSMProxy* proxy = display->getProxy();
  // From the property: a display just registered has no pqPipelineSource input yet.
  vtkSMProxy* source = vtkSMPropertyHelper(proxy, "Input", true).GetAsProxy();
  vtkSMProperty* annotations = source ? source->GetProperty("LabelAnnotations") : nullptr;
  vtkSMProperty* indexedColors = source ? source->GetProperty("LabelIndexedColors") : nullptr;
  if (!annotations || !indexedColors)
  {
    return;
  }
  // Filled on the server when the pipeline information was last updated.
  source->UpdatePropertyInformation(annotations);
  source->UpdatePropertyInformation(indexedColors);
  if (vtkSMPropertyHelper(annotations).GetNumberOfElements() == 0)
  {
    return;
  }
  vtkSMPropertyHelper colorArray(proxy, "ColorArrayName");
  const char* arrayName = colorArray.GetInputArrayNameToProcess();
  if (!arrayName || LabelArrayName(source) != arrayName)
  {
    return;
  }

  vtkSMPropertyHelper separate(proxy, "UseSeparateColorMap");
  if (separate.GetAsInt() == 0)
  {
    if (moment == Moment::MapChosen)
    {
      return; // the user's choice (or ParaView's, when it sets the map before Shown)
    }
    separate.Set(1);
    proxy->UpdateVTKObjects();
  }
  vtkSMProxy* lut = vtkSMPropertyHelper(proxy, "LookupTable", true).GetAsProxy();
  const char* lutName =
    lut ? proxy->GetSessionProxyManager()->GetProxyName("lookup_tables", lut) : nullptr;
  // ParaView names a display's own map "Separate_<id>_<array>"; never touch a shared one.
  if (!lutName || std::string(lutName).rfind("Separate_", 0) != 0)
  {
    if (moment != Moment::ArrayChosen) // then ParaView chooses the map next, by itself
    {
      // Choose the display's own map now: none is chosen yet, or the shared one (a filter's
      // display inherits its input display's colouring; ParaView's own set-up of a new display
      // takes the shared map whatever UseSeparateColorMap says). MapChosen follows.
      // The member function, in every ParaView from 5.11 on (the static helper taking the proxy
      // is gone in 5.13).
      if (auto* representation = vtkSMPVRepresentationProxy::SafeDownCast(proxy))
      {
        representation->SetScalarColoring(arrayName, colorArray.GetInputArrayAssociation());
      }
    }
    return;
  }
  if (vtkSMPropertyHelper(lut, "AnnotationsInitialized").GetAsInt() != 0)
  {
    return; // made (and maybe edited by the user) before
  }
  // Annotations first: turning IndexedLookup on with none makes the Color Map Editor generate
  // its own, or ask the user in a dialog.
  lut->GetProperty("Annotations")->Copy(annotations);
  lut->GetProperty("IndexedColors")->Copy(indexedColors);
  vtkSMPropertyHelper(lut, "AnnotationsInitialized").Set(1);
  vtkSMPropertyHelper(lut, "IndexedLookup").Set(1);
  // Values that are no region (the background of most atlases) in black, as color_by_labels.
  const double black[3] = { 0.0, 0.0, 0.0 };
  vtkSMPropertyHelper(lut, "NanColor").Set(black, 3);
  lut->UpdateVTKObjects();
}
