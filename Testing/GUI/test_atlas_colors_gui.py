"""Runs inside the ParaView GUI (paraview --script, under Xvfb): the plugin colours displays of a
label atlas by its regions without being asked, through a colour map of their own, and leaves the
shared `Intensity` colour map of an anatomy alone. The atlas (AAL with its mricron sidecars) is
shown first, switched from Outline to Slice (ParaView then picks the colour array and map), then
Exploded Voxels on it (whose display inherits the reader display's colouring); the anatomy (ch2)
comes last. Turning the atlas slice's separate colour map off then sticks. Expected regions and
colours are parsed from the sidecars here, not by the reader."""
import zipfile

from paraview import simple

from paravoxel_testing import data_path, fail, load_plugin, parse_mricron_labels, parse_mricron_lut

load_plugin()

view = simple.GetActiveViewOrCreate("RenderView")
with zipfile.ZipFile(data_path("labels.zip")) as archive:
    names = parse_mricron_labels(archive.read("atlas/aal.nii.txt"))
    lut_colors = parse_mricron_lut(archive.read("atlas/aal.nii.lut"))
expected_annotations = []
expected_colors = []
for label in sorted(names):
    expected_annotations += [str(label), names[label]]
    expected_colors += [float(c) / 255 for c in lut_colors[label]]

atlas = simple.AnalyzeZipReader(FileName=data_path("labels.zip"))
atlas_slice = simple.Show(atlas, view)
atlas_slice.SetRepresentationType("Slice")
voxels = simple.ExplodedVoxels(Input=atlas)
atlas_voxels = simple.Show(voxels, view)
anatomy = simple.AnalyzeZipReader(FileName=data_path("gui_anatomy.zip"))
anatomy_slice = simple.Show(anatomy, view)
anatomy_slice.SetRepresentationType("Slice")
simple.Render(view)

shared = simple.GetColorTransferFunction("Intensity")
for name, display in (("atlas slice", atlas_slice), ("Exploded Voxels", atlas_voxels)):
    lut = display.LookupTable
    if display.ColorArrayName[1] != "Intensity" or lut is None:
        fail("the %s is not coloured by Intensity: %s" % (name, display.ColorArrayName))
    if not display.UseSeparateColorMap or lut == shared:
        fail("the %s uses the shared Intensity colour map" % name)
    if lut.InterpretValuesAsCategories != 1:
        fail("the %s's colour map is not categorical" % name)
    if list(lut.Annotations) != expected_annotations:
        fail("the %s's annotations are not the sidecar's regions: %s..." % (
            name, list(lut.Annotations)[:6]))
    colors = list(lut.IndexedColors)
    if len(colors) != len(expected_colors) or max(
            abs(a - b) for a, b in zip(colors, expected_colors)) > 1e-6:
        fail("the %s's indexed colours are not the .lut's: %s..." % (name, colors[:6]))

if anatomy_slice.LookupTable != shared or anatomy_slice.UseSeparateColorMap:
    fail("the anatomy does not use the shared Intensity colour map")
if shared.InterpretValuesAsCategories or list(shared.Annotations):
    fail("the shared Intensity colour map was made categorical: %s" % list(shared.Annotations)[:6])
anatomy_range = anatomy.PointData["Intensity"].GetRange()
points = list(shared.RGBPoints)
if (points[0], points[-4]) != tuple(anatomy_range):
    fail("the shared Intensity colour map spans %s, not the anatomy's %s" % (
        (points[0], points[-4]), anatomy_range))
# A user who turns Use Separate Color Map off (what the toolbar button does) keeps the shared map,
# which stays as it is.
atlas_slice.UseSeparateColorMap = 0
simple.ColorBy(atlas_slice, ("POINTS", "Intensity"))
simple.Render(view)
if atlas_slice.UseSeparateColorMap or atlas_slice.LookupTable != shared:
    fail("turning the atlas slice's separate colour map off did not stick")
if shared.InterpretValuesAsCategories or list(shared.Annotations):
    fail("the shared Intensity colour map was made categorical after the user's choice")
print("atlas colours: %d regions on the atlas's own categorical maps, the anatomy's Intensity map "
      "spans %s" % (len(expected_annotations) // 2, anatomy_range))
