"""paravoxel.web.export_html in a real browser: the pages of the 50^3 full view (translucent) and
of the AICHA atlas, opened from file:// in Debian's chromium (headless, SwiftShader's WebGL),
show after their first frame the image pvbatch renders of the same view (depth peeling on, as
the GUI draws), within the thresholds below; moving the pointer over two regions of the atlas
(found with ParaView's own cell picker, away from their borders) shows their names, which the
colour legend lists too (the 50^3 view's legend is Transformed's ramp); no request leaves the page
and the console has no error.

Thresholds: the mean absolute difference of the RGB channels (0..255) at most 3, and at most 2%
of the pixels differing by more than 32 in some channel. The two renderers rasterize edges and
round colours differently (SwiftShader against llvmpipe, glTF's 8-bit linear colours): measured
0.8 and 0.3% for the 50^3 view, 0.6 and 0.5% for AICHA. A wrong camera, colour map, lighting or
blending is far above them: the same 50^3 page against pvbatch's one-pass blending (no depth
peeling) gives 8.0 and 19%, and without ParaView's lights 7.0 and 13%."""
import os

import numpy as np
from paraview import servermanager, simple
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkRenderingCore import vtkCellPicker

import paravoxel.web
from paravoxel_testing import fail, read_png
from web_testing import aicha_view, full_view_50, node, run_checks

MEAN_LIMIT = 3.0
OFF_LIMIT = 0.02
OFF_LEVEL = 32


def pixels(path):
    image = read_png(path)
    width, height, _ = image.GetDimensions()
    values = vtk_to_numpy(image.GetPointData().GetScalars())
    return values.reshape(height, width, -1)[:, :, :3].astype(np.float64)


def compare(what, page_png, reference_png):
    page, reference = pixels(page_png), pixels(reference_png)
    if page.shape != reference.shape:
        fail("%s: the page's screenshot is %s, pvbatch's %s" % (what, page.shape, reference.shape))
    difference = np.abs(page - reference)
    mean = difference.mean()
    off = (difference.max(axis=2) > OFF_LEVEL).mean()
    print("%s: mean difference %.2f, %.2f%% of pixels off by more than %d"
          % (what, mean, 100 * off, OFF_LEVEL))
    if mean > MEAN_LIMIT or off > OFF_LIMIT:
        fail("%s: the page differs from pvbatch's image (mean %.2f > %g or %.2f%% > %g%%)"
             % (what, mean, MEAN_LIMIT, 100 * off, 100 * OFF_LIMIT))


def browse(what, page, size, reference, points=()):
    """Opens `page` in chromium at `size`, compares its first frame with `reference` and
    returns (the colour legend's text, the names shown at `points`, pixels from the top left)."""
    screenshot = page[:-5] + "_browser.png"
    result = node("web_browse.cjs", page, size[0], size[1], screenshot,
                  *["%d,%d" % point for point in points])[0]
    if result["elsewhere"]:
        fail("%s: the page asked for %s" % (what, result["elsewhere"]))
    if result["errors"]:
        fail("%s: console errors %s" % (what, result["errors"]))
    print("%s: first frame after %.0f ms, %d bytes" % (what, result["firstFrameMs"],
                                                        os.path.getsize(page)))
    compare(what, screenshot, reference)
    return result["legend"], result["names"]


def labelled_points(view, voxels, count=2, step=40, margin=4):
    """`count` pixels (x, y from the top left) where ParaView's cell picker finds regions of
    different labels, the same region `margin` pixels around each; with their regions' names."""
    renderer = view.GetRenderer()
    width, height = (int(n) for n in view.ViewSize)
    faces = servermanager.Fetch(voxels)
    names_array = faces.GetFieldData().GetAbstractArray("LabelNames")
    picker = vtkCellPicker()

    def label_at(x, y):
        # The picker counts rows from the bottom.
        if not picker.Pick(x, height - 1 - y, 0, renderer):
            return None
        data = picker.GetDataSet()
        cells = data.GetCellData().GetArray("Intensity")
        if cells is not None:
            return int(cells.GetTuple1(picker.GetCellId()))
        return int(data.GetPointData().GetArray("Intensity").GetTuple1(picker.GetPointId()))

    found = []
    for y in range(height // 4, 3 * height // 4, step):
        for x in range(width // 4, 3 * width // 4, step):
            label = label_at(x, y)
            if label is None or label in [f[2] for f in found]:
                continue
            around = [label_at(x + dx, y + dy) for dx in (-margin, margin)
                      for dy in (-margin, margin)]
            if around == [label] * 4:
                found.append((x, y, label))
            if len(found) == count:
                return [((x, y), names_array.GetValue(label)) for x, y, label in found]
    fail("ParaView's picker found no %d regions to hover" % count)


def check_full_view(folder):
    view, _ = full_view_50(depth_peeling=True)
    size = tuple(int(n) for n in view.ViewSize)
    reference = os.path.join(folder, "full50_pvbatch.png")
    simple.SaveScreenshot(reference, view, ImageResolution=list(size))
    page = paravoxel.web.export_html(view, os.path.join(folder, "full50.html"))
    legend, _ = browse("50^3", page, size, reference)
    if not legend.startswith("Transformed"):
        fail("50^3: the legend says %r, not the colour map of Transformed" % legend[:80])
    simple.Delete(view)


def check_atlas(folder):
    view, voxels, _ = aicha_view()
    size = tuple(int(n) for n in view.ViewSize)
    reference = os.path.join(folder, "aicha_pvbatch.png")
    simple.SaveScreenshot(reference, view, ImageResolution=list(size))
    points = labelled_points(view, voxels)
    page = paravoxel.web.export_html(view, os.path.join(folder, "aicha.html"))
    legend, shown = browse("AICHA", page, size, reference, [point for point, _ in points])
    expected = [name for _, name in points]
    unlisted = [name for name in expected if name not in legend.split("\n")]
    if unlisted:
        fail("AICHA: the legend does not list %s" % unlisted)
    if shown != expected:
        fail("AICHA: the page names %s under the pointer, ParaView's picker %s"
             % (shown, expected))
    print("AICHA: under the pointer %s, as ParaView picks" % shown)
    simple.Delete(view)


if __name__ == "__main__":
    run_checks(check_full_view, check_atlas)
