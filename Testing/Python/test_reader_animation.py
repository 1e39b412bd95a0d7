"""pvbatch plays a 12-volume functional series: SaveAnimation writes one frame per time step,
and each frame shows its own volume (the series' values grow with time, so the frames differ)."""
import glob
import json
import os
import tempfile

from paraview import simple
from paraview.simple import (ColorBy, CreateView, GetAnimationScene, GetColorTransferFunction,
                             GetTimeKeeper, Render, SaveAnimation, Show)
from vtkmodules.util.numpy_support import vtk_to_numpy

from paravoxel_testing import data_path, fail, load_plugin, read_png

load_plugin()
with open(data_path("manifest.json")) as f:
    series = json.load(f)["series"]

reader = simple.AnalyzeZipReader(FileName=data_path(series["archive"]), Volume=series["volume"],
                                 TimeSeries=1)
reader.UpdatePipelineInformation()
scene = GetAnimationScene()
scene.UpdateAnimationUsingDataTimeSteps()
steps = len(GetTimeKeeper().TimestepValues)
if steps != len(series["steps"]):
    fail("the animation has %d time steps, expected %d" % (steps, len(series["steps"])))

view = CreateView("RenderView")
view.ViewSize = [200, 200]
display = Show(reader, view)
display.SetRepresentationType("Slice")
ColorBy(display, ("POINTS", "Intensity"))
lut = GetColorTransferFunction("Intensity")
lut.AutomaticRescaleRangeMode = "Never"
lut.RescaleTransferFunction(0.0, 2000.0)
view.ResetCamera()
Render(view)

with tempfile.TemporaryDirectory() as folder:
    SaveAnimation(os.path.join(folder, "frame.png"), view, ImageResolution=[200, 200],
                  FrameWindow=[0, steps - 1])
    frames = sorted(glob.glob(os.path.join(folder, "frame*.png")))
    if len(frames) != steps:
        fail("SaveAnimation wrote %d frames, expected %d" % (len(frames), steps))
    means = []
    for frame in frames:
        means.append(float(vtk_to_numpy(read_png(frame).GetPointData().GetScalars()).mean()))
    if len(set(round(m, 3) for m in means)) != steps:
        fail("frames should differ from step to step: mean pixel values %s" % means)
print("pvbatch saved %d frames, one per volume of the series" % steps)
