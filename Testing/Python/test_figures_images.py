"""Image regression test of every figure of the tutorial (paravoxel.gallery.figures, at 50^3
and at full resolution) and of the overlay and atlas figures (paravoxel.gallery.overlays,
.atlases): each rendered PNG is compared with its baseline in Testing/Baseline/figures (or, where
this ParaView draws a figure differently, in its paraview-<major>.<minor> subfolder) by VTK's
image difference, so a change that breaks a picture fails.
To accept new pictures after an intended change, copy the PNGs this test prints into the
baseline folder and look at them first."""
import os
import tempfile

import numpy as np

from paravoxel.gallery.render import render_all
from vtkmodules.util.numpy_support import vtk_to_numpy

from paravoxel_testing import PLUGIN, baseline_path, fail, image_error, read_png

SOURCE = os.environ["PARAVOXEL_SOURCE_DIR"]

BASELINES = os.path.join(SOURCE, "Testing", "Baseline", "figures")
THRESHOLD = 15.0  # VTK's thresholded error, as vtkTesting uses it
# Pixels whose colours differ by more than this count as different. vtkImageDifference's default
# (105) let a change of shading on every face (lighting) pass with an error of 0.
PIXEL_THRESHOLD = 20


out = os.environ.get("PARAVOXEL_FIGURES_OUT") or tempfile.mkdtemp(prefix="paravoxel-figures-")
ATTENTION = os.path.join(SOURCE, "Examples", "data", "attention.zip")
gallery = render_all(PLUGIN, ATTENTION, out, size=50, full_resolution=True,
                     overlays_from=ATTENTION)
failures = []
for name, caption, seed, seconds in gallery.entries:
    baseline = baseline_path(BASELINES, name)
    image = os.path.join(out, name + ".png")
    if not os.path.exists(baseline):
        failures.append("%s: no baseline %s (rendered: %s)" % (name, baseline, image))
        continue
    error = image_error(image, baseline, PIXEL_THRESHOLD)
    print("%-24s error %6.2f  (%s)" % (name, error, image))
    if error > THRESHOLD:
        failures.append("%s: image differs from the baseline (error %.1f > %.1f): %s"
                        % (name, error, THRESHOLD, image))
# The left/right figure, seen from above in the neurological convention: Precentral_L (the red
# pixels) on the image's left, whatever the baseline holds.
left = read_png(os.path.join(out, "overlay_left.png"))
width, height, _ = left.GetDimensions()
pixels = vtk_to_numpy(left.GetPointData().GetScalars()).reshape(height, width, -1).astype(int)
red = (pixels[..., 0] > 150) & (pixels[..., 1] < 60) & (pixels[..., 2] < 60)
columns = np.nonzero(red)[1]
if len(columns) < 1000 or columns.max() >= width / 2:
    failures.append("overlay_left: %d red pixels, columns %s, should all be left of the middle"
                    % (len(columns), (columns.min(), columns.max()) if len(columns) else ()))
else:
    print("overlay_left: %d red pixels (Precentral_L), columns %d-%d of %d: the image's left"
          % (len(columns), columns.min(), columns.max(), width))
if len(gallery.entries) != 19:
    failures.append("expected 19 figures, rendered %d" % len(gallery.entries))
if failures:
    fail("\n".join(failures))
print("all %d figures match their baselines" % len(gallery.entries))
