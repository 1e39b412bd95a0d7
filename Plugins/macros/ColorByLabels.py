"""ParaView macro: colour the active source's display by its atlas regions (the LabelNames and
LabelColors field data the Analyze Zip Reader reads from a volume's .txt / .lut sidecars), with
a colour legend of the region names. Installed with ParaVoxel it is in the Macros menu (the link
<prefix>/bin/Macros); from the build tree, source build/paravoxel-env.sh before starting paraview
(PV_MACRO_PATH names this folder, PYTHONPATH the `paravoxel` package)."""
from paraview.simple import GetActiveSource, GetActiveViewOrCreate, GetDisplayProperties, Render

from paravoxel.labels import color_by_labels

view = GetActiveViewOrCreate("RenderView")
source = GetActiveSource()
color_by_labels(GetDisplayProperties(source, view), source, view=view)
Render(view)
