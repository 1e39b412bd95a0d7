"""The orbit of paravoxel.gallery.figures (SaveAnimation driven by a Python animation cue), on
the bundled archive resampled to 20^3 for speed: every frame written, none blank, all distinct;
the first frame is the still of figure 11 (same camera), and the half-turn frame shows the brain
from the other side (far from the first)."""
import os
import tempfile

from paraview import simple
from paraview.simple import ResampleToImage
from vtkmodules.util.numpy_support import vtk_to_numpy

from paravoxel.gallery.figures import brain_figure, orbit
from paravoxel_testing import fail, image_error, load_plugin, read_png

SOURCE = os.environ["PARAVOXEL_SOURCE_DIR"]
FRAMES = 8


load_plugin()
reader = simple.AnalyzeZipReader(FileName=os.path.join(SOURCE, "Examples", "data", "attention.zip"),
                                 WorldSpace=0)  # the tutorial's voxel order, as the figures
transformed = simple.IntensityTransform(Input=reader)
volume = ResampleToImage(Input=transformed, SamplingDimensions=[20, 20, 20])
out = tempfile.mkdtemp(prefix="paravoxel-orbit-")
frames = orbit(out, volume, "Transformed", FRAMES)
still = os.path.join(out, "still.png")
brain_figure(still, volume, "Transformed", flip_y=True)

written = sorted(name for name in os.listdir(out) if name.startswith("orbit."))
if written != [os.path.basename(frame) for frame in frames]:
    fail("expected frames %s, found %s" % ([os.path.basename(f) for f in frames], written))
contents = set()
for frame in frames:
    pixels = vtk_to_numpy(read_png(frame).GetPointData().GetScalars())
    drawn = (pixels[:, :3] < 200).any(axis=1).mean()  # not the white background
    if drawn < 0.05:
        fail("%s is (nearly) blank: %.3f of its pixels drawn" % (frame, drawn))
    contents.add(pixels.tobytes())
if len(contents) != FRAMES:
    fail("only %d distinct frames of %d" % (len(contents), FRAMES))
start, half_turn = image_error(frames[0], still), image_error(frames[FRAMES // 2], still)
print("first frame vs still: %.1f; half-turn frame vs still: %.1f" % (start, half_turn))
if start > 15.0:
    fail("the orbit should start at figure 11's camera (error %.1f): %s" % (start, frames[0]))
if half_turn < 10 * max(start, 15.0):
    fail("the half-turn frame should look unlike the first (error %.1f)" % half_turn)
print("orbit: %d distinct frames, starting at figure 11's view" % FRAMES)
