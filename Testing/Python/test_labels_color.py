"""paravoxel.labels.color_by_labels: after Show, one call colours a label atlas by its regions.
The lookup table is categorical, its annotations are (label, name) and its indexed colours the
.lut's, exactly as the sidecars (parsed here in Python) say, for AAL (names and colours), brodmann
(a .lut alone: labels annotated with their numbers) and only the labels present in the volume
(nibabel's numpy.unique); a rendered slice shows the regions' colours (not one colour); a
source without label data is refused with a clear message."""
import os
import shutil
import tempfile
import zipfile

import nibabel as nib
import numpy as np
from paraview import simple
from vtkmodules.util.numpy_support import vtk_to_numpy

from paravoxel.labels import color_by_labels
from paravoxel_testing import (fail, load_plugin, parse_mricron_labels, parse_mricron_lut,
                               read_png)

TEMPLATES = "/usr/share/mricron/templates"


def sidecar(name):
    with open(os.path.join(TEMPLATES, name), "rb") as f:
        return f.read()


def check_lut(lut, what, labels, names, colors):
    if not lut.InterpretValuesAsCategories:
        fail("%s: the lookup table is not categorical" % what)
    annotations = list(lut.Annotations)
    expected = []
    for k in labels:
        expected += [str(k), names.get(k, str(k))]
    if annotations != expected:
        fail("%s: annotations %s..., expected %s..." % (what, annotations[:6], expected[:6]))
    indexed = np.array(list(lut.IndexedColors)).reshape(-1, 3)
    if indexed.shape != (len(labels), 3) or not np.allclose(indexed, colors[labels], atol=1e-6):
        fail("%s: indexed colours differ from the .lut" % what)
    print("%s: %d regions annotated with their names and .lut colours" % (what, len(labels)))


load_plugin()
work = tempfile.mkdtemp(prefix="paravoxel_label_colors_")
try:
    archive = os.path.join(work, "atlases.zip")
    with zipfile.ZipFile(archive, "w") as zf:
        for name in ("aal.nii.gz", "aal.nii.txt", "aal.nii.lut", "brodmann.nii.gz",
                     "brodmann.nii.lut", "ch2.nii.gz"):
            zf.write(os.path.join(TEMPLATES, name), name)
    aal_names = parse_mricron_labels(sidecar("aal.nii.txt"))
    aal_colors = parse_mricron_lut(sidecar("aal.nii.lut")) / 255.0

    view = simple.CreateView("RenderView")
    view.ViewSize = [400, 400]
    view.OrientationAxesVisibility = 0
    reader = simple.AnalyzeZipReader(FileName=archive, Volume="aal.nii.gz")
    display = simple.Show(reader, view)
    display.Representation = "Slice"
    display.SliceMode = "XY Plane"
    display.Slice = 80
    lut = color_by_labels(display, view=view)
    check_lut(lut, "aal", sorted(aal_names), aal_names, aal_colors)
    if display.ColorArrayName[1] != "Intensity":
        fail("the display is coloured by %s" % display.ColorArrayName)

    # The slice shows the regions in their own colours.
    simple.ResetCamera(view)
    view.CameraPosition = [0, 0, 1000]
    view.CameraFocalPoint = [0, 0, 0]
    view.CameraViewUp = [0, 1, 0]
    simple.ResetCamera(view)
    display.SetScalarBarVisibility(view, False)
    # Unlit, so that each pixel has its region's colour exactly.
    display.Ambient = 1.0
    display.Diffuse = 0.0
    screenshot = os.path.join(work, "aal.png")
    simple.SaveScreenshot(screenshot, view, ImageResolution=[400, 400])
    image = read_png(screenshot)
    pixels = vtk_to_numpy(image.GetPointData().GetScalars())[:, :3]
    shown = {tuple(p) for p in pixels}
    region_colors = {tuple(int(round(c * 255)) for c in aal_colors[k]) for k in aal_names}
    regions_shown = len(shown & region_colors)
    # AAL's .lut has 43 distinct colours for 116 regions (pairs share one); slice 80 shows 21.
    if regions_shown < 15:
        fail("the slice shows %d region colours (of %d colours in all)" % (regions_shown, len(shown)))
    print("the rendered slice shows %d regions' colours" % regions_shown)

    # Only the labels the volume holds.
    present = set(np.unique(np.asarray(nib.load(os.path.join(TEMPLATES, "aal.nii.gz")).dataobj)).tolist())
    lut = color_by_labels(display, view=view, only_present=True)
    check_lut(lut, "aal, present only", sorted(set(aal_names) & present), aal_names, aal_colors)

    # A .lut alone: every label of the table, annotated with its number; then the present ones.
    reader.Volume = "brodmann.nii.gz"
    brodmann_colors = parse_mricron_lut(sidecar("brodmann.nii.lut")) / 255.0
    lut = color_by_labels(display, view=view)
    check_lut(lut, "brodmann", list(range(256)), {}, brodmann_colors)
    present = set(np.unique(np.asarray(nib.load(os.path.join(TEMPLATES, "brodmann.nii.gz")).dataobj)).tolist())
    lut = color_by_labels(display, view=view, only_present=True)
    check_lut(lut, "brodmann, present only", sorted(present), {}, brodmann_colors)
    if len(present) < 10:
        fail("brodmann holds %d labels" % len(present))

    # Downstream of a filter (field data passed on), on cell data.
    reader.Volume = "aal.nii.gz"
    voxels = simple.ExplodedVoxels(Input=reader)
    voxel_display = simple.Show(voxels, view)
    lut = color_by_labels(voxel_display, view=view)
    check_lut(lut, "Exploded Voxels of aal", sorted(aal_names), aal_names, aal_colors)
    if voxel_display.ColorArrayName[0] != "CELLS":
        fail("Exploded Voxels should be coloured by cells: %s" % voxel_display.ColorArrayName)

    # The GUI's macro: the active source's display, in the active view.
    simple.Hide(voxels, view)
    simple.SetActiveView(view)
    simple.SetActiveSource(reader)
    display.ColorArrayName = ["POINTS", ""]
    macro = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Plugins",
                         "macros", "ColorByLabels.py")
    with open(macro) as f:
        exec(compile(f.read(), macro, "exec"), {})
    if display.ColorArrayName[1] != "Intensity":
        fail("the macro did not colour the active display: %s" % display.ColorArrayName)
    check_lut(simple.GetColorTransferFunction("Intensity"), "macro ColorByLabels",
              sorted(aal_names), aal_names, aal_colors)

    # No label data: a clear refusal.
    reader.Volume = "ch2.nii.gz"
    try:
        color_by_labels(display, view=view)
        fail("ch2 has no labels: color_by_labels should refuse it")
    except ValueError as error:
        message = str(error)
    if "has no LabelNames or LabelColors field data" not in message:
        fail("unexpected message: %s" % message)
    print("a volume without sidecars is refused: %s" % message)
finally:
    shutil.rmtree(work, ignore_errors=True)
