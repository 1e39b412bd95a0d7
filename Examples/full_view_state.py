# ParaView Python state: the tutorial's full view (figure 11) of the bundled archive, at full
# resolution, ready to explore in the GUI:
#     paraview --state=Examples/full_view_state.py
# Every voxel is a cube coloured by viridis with opacity = value (Enable Opacity Mapping For
# Surfaces), all faces kept so inner voxels show through (depth peeling). Drag the Exploded
# Voxels' Cut Function widget to cut into the head.
# The plugin is loaded from $PARAVOXEL_PLUGIN, else from this checkout's build folder.
import math
import os

from paraview import servermanager, simple
from paraview.simple import (ColorBy, GetActiveViewOrCreate, GetColorTransferFunction,
                             GetOpacityTransferFunction, LoadPlugin, Render, Show)

here = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else os.getcwd()
plugin = os.environ.get("PARAVOXEL_PLUGIN") or os.path.join(
    here, "..", "build", "lib", "paraview-5.11", "plugins", "ParaVoxel", "ParaVoxel.so")
# The plugin's proxies become functions of paraview.simple.
LoadPlugin(plugin, remote=False)

reader = simple.AnalyzeZipReader(registrationName="attention.zip",
                                 FileName=os.path.join(here, "data", "attention.zip"),
                                 WorldSpace=0)  # the tutorial's voxel order
transformed = simple.IntensityTransform(registrationName="IntensityTransform", Input=reader)
voxels = simple.ExplodedVoxels(registrationName="ExplodedVoxels", Input=transformed,
                               KeepInteriorFaces=1)
voxels.Scalars = ["POINTS", "Transformed"]

view = GetActiveViewOrCreate("RenderView")
view.DepthPeeling = 1
display = Show(voxels, view)
ColorBy(display, ("CELLS", "Transformed"))
lut = GetColorTransferFunction("Transformed")
# ParaView 6.1 names matplotlib's map "Viridis", earlier ones "Viridis (matplotlib)".
presets = servermanager.vtkSMTransferFunctionPresets.GetInstance()
lut.ApplyPreset("Viridis (matplotlib)" if presets.HasPreset("Viridis (matplotlib)") else "Viridis",
                True)
lut.EnableOpacityMapping = 1
lut.RescaleTransferFunction(0.0, 1.0)
GetOpacityTransferFunction("Transformed").Points = [0.0, 0.0, 0.5, 0.0, 1.0, 1.0, 0.5, 0.0]
display.SetScalarBarVisibility(view, True)

# matplotlib's view_init(30, 320): elevation 30 degrees, azimuth 320 degrees, z up.
view.ResetCamera()
focal = list(view.CameraFocalPoint)
distance = math.dist(view.CameraPosition, focal)
e, a = math.radians(30), math.radians(320)
view.CameraPosition = [focal[0] + distance * math.cos(e) * math.cos(a),
                       focal[1] + distance * math.cos(e) * math.sin(a),
                       focal[2] + distance * math.sin(e)]
view.CameraViewUp = [0, 0, 1]
view.ResetCamera()
Render(view)
