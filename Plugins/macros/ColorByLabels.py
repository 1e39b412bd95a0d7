"""ParaView macro: colour the active source's display by its atlas regions (the LabelNames and
LabelColors field data the Analyze Zip Reader reads from a volume's .txt / .lut sidecars), with
a colour legend of the region names. Add it with Macros > Import new macro...; the `paravoxel`
Python package must be importable (source build/paravoxel-env.sh before starting paraview)."""
from paraview.simple import GetActiveSource, GetActiveViewOrCreate, GetDisplayProperties, Render

from paravoxel.labels import color_by_labels

view = GetActiveViewOrCreate("RenderView")
source = GetActiveSource()
color_by_labels(GetDisplayProperties(source, view), source, view=view)
Render(view)
