"""Runs inside the ParaView GUI (paraview --script, under Xvfb): Exploded Voxels with Cut Function
= Plane shows ParaView's interactive plane widget in the render view (its red handles appear when
the widget is shown and go when it is hidden), and moving the plane through the widget's
properties (what dragging it does) re-executes the filter and removes other voxels."""
import os
import tempfile

from paraview import simple
from paraview import servermanager
from paraview.simple import (GetActiveViewOrCreate, HideInteractiveWidgets, Render, ResetCamera,
                             SaveScreenshot, SetActiveSource, Show, ShowInteractiveWidgets,
                             Wavelet)
from vtkmodules.util.numpy_support import vtk_to_numpy

from paravoxel_testing import fail, load_plugin, read_png

load_plugin()

wavelet = Wavelet()
wavelet.UpdatePipeline()
voxels = simple.ExplodedVoxels(Input=wavelet, LowerThreshold=120, Gap=0.2)
voxels.CutFunction = "Plane"
voxels.CutFunction.Origin = [0, 0, 0]
voxels.CutFunction.Normal = [1, -1, -1]
SetActiveSource(voxels)
display = Show(voxels)
display.ColorArrayName = ["POINTS", ""]  # plain white boxes: any red on screen is the widget
display.DiffuseColor = [1, 1, 1]
view = GetActiveViewOrCreate("RenderView")
view.OrientationAxesVisibility = 0
view.CameraPosition = [60, 40, 50]
view.CameraFocalPoint = [0, 0, 0]
ResetCamera()


def red_pixels():
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "view.png")
        Render()
        SaveScreenshot(path, view, ImageResolution=[600, 450])
        image = read_png(path)
    rgb = vtk_to_numpy(image.GetPointData().GetScalars()).astype(int)
    return int(((rgb[:, 0] > 200) & (rgb[:, 1] < 60) & (rgb[:, 2] < 60)).sum())


ShowInteractiveWidgets(proxy=voxels.CutFunction)
shown = red_pixels()
HideInteractiveWidgets(proxy=voxels.CutFunction)
hidden = red_pixels()
if shown < 500 or hidden > shown // 10:
    fail("the plane widget is not drawn: %d red pixels shown, %d hidden" % (shown, hidden))

before = servermanager.Fetch(voxels).GetNumberOfCells()
voxels.CutFunction.Origin = [5, 0, 0]
Render()
after = servermanager.Fetch(voxels).GetNumberOfCells()
if after == before:
    fail("moving the plane did not change the voxels (%d faces)" % before)
print("exploded voxels: the cut widget is drawn (%d red pixels) and moving it re-cuts "
      "(%d -> %d faces)" % (shown, before, after))
