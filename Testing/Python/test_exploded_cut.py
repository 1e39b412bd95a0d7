"""Exploded Voxels cut-aways through the pvpython proxy: Plane, Box and Sphere (ParaView's
interactive implicit functions, as in the GUI) remove whole voxels, exactly those whose centre
is on the cut side (numpy reference, including the tutorial's diagonal cut z >= x - y + 5 whose
boundary voxels lie exactly on the plane), InvertCut removes the others, the faces around the
removed voxels are made, and None cuts nothing. The cut functions carry the panel widgets that
give the GUI its 3D plane, box and sphere."""
import numpy as np
from paraview import simple
from paraview import servermanager
from paraview.simple import TrivialProducer

from paravoxel.images import numpy_to_image
from paravoxel_testing import exploded_voxel_faces, expected_voxel_faces, fail, load_plugin

load_plugin()

rng = np.random.default_rng(11)
shape = (12, 11, 10)
values = rng.integers(1, 256, size=shape).astype(np.uint8)
values[rng.random(shape) < 0.15] = 0
filled = values > 0
spacing, origin = (0.5, 1.0, 2.0), (1.0, 2.0, 3.0)
i, j, k = np.indices(shape)
x, y, z = (origin[a] + spacing[a] * idx for a, idx in enumerate((i, j, k)))

source = TrivialProducer()
source.GetClientSideObject().SetOutput(numpy_to_image(values, "v", spacing, origin))
source.UpdatePipeline()
voxels = simple.ExplodedVoxels(Input=source)

available = list(voxels.GetProperty("CutFunction").Available)
if available != ["None", "Plane", "Box", "Sphere"]:
    fail("the Cut Function choices are %s" % available)


def check(case, removed, invert):
    voxels.InvertCut = invert
    voxels.UpdatePipeline()
    kept = filled & (removed if invert else ~removed)
    faces = exploded_voxel_faces(servermanager.Fetch(voxels), spacing, origin)
    expected = expected_voxel_faces(kept)
    if faces != expected:
        fail("%s (InvertCut=%d): %d faces, expected %d; %d missing, %d extra" % (
            case, invert, len(faces), len(expected), len(expected - faces),
            len(faces - expected)))
    return len(faces)


# The tutorial's diagonal cut, in index units: normal (1, -1, -1) through index (0, 0, 5) removes
# z >= x - y + 5; the voxels with z == x - y + 5 sit exactly on the plane and go too.
voxels.CutFunction = "Plane"
voxels.CutFunction.Origin = [origin[0], origin[1], origin[2] + 5 * spacing[2]]
voxels.CutFunction.Normal = [1 / spacing[0], -1 / spacing[1], -1 / spacing[2]]
diagonal = k >= i - j + 5
if not (filled & (k == i - j + 5)).any():
    fail("the test volume should have filled voxels on the cutting plane")
for invert in (0, 1):
    check("diagonal plane", diagonal, invert)

# A corner block removed with the box widget's function (a vtkPVBox, whose transform the filter
# applies itself).
voxels.CutFunction = "Box"
voxels.CutFunction.UseReferenceBounds = 0
voxels.CutFunction.Position = [x[6, 0, 0] - 0.25, y[0, 5, 0] - 0.5, z[0, 0, 4] - 1.0]
voxels.CutFunction.Rotation = [0, 0, 0]
voxels.CutFunction.Length = [100, 100, 100]
corner = (i >= 6) & (j >= 5) & (k >= 4)
for invert in (0, 1):
    check("corner box", corner, invert)

# A sphere (radius^2 = 9.61 never equals a squared distance between centres here).
voxels.CutFunction = "Sphere"
centre = (x[6, 0, 0], y[0, 5, 0], z[0, 0, 5])
voxels.CutFunction.Center = list(centre)
voxels.CutFunction.Radius = 3.1
ball = (x - centre[0]) ** 2 + (y - centre[1]) ** 2 + (z - centre[2]) ** 2 <= 3.1 ** 2
for invert in (0, 1):
    check("sphere", ball, invert)

# Moving the widget re-executes the filter (the function's modification time counts).
before = check("sphere", ball, 0)
voxels.CutFunction.Radius = 2.1
smaller = (x - centre[0]) ** 2 + (y - centre[1]) ** 2 + (z - centre[2]) ** 2 <= 2.1 ** 2
if check("smaller sphere", smaller, 0) == before:
    fail("changing the sphere did not change the output")

voxels.CutFunction = "None"
check("no cut", np.zeros(shape, dtype=bool), 0)

# The GUI shows a draggable 3D widget for each function: ParaView builds it from the panel widget
# of the function's property group.
expected_widgets = {"Plane": "InteractivePlane", "Box": "InteractiveBox",
                    "Sphere": "InteractiveSphere"}
for name, widget in expected_widgets.items():
    voxels.CutFunction = name
    function = voxels.CutFunction.SMProxy
    groups = [function.GetPropertyGroup(g).GetPanelWidget()
              for g in range(function.GetNumberOfPropertyGroups())]
    if widget not in groups:
        fail("the %s cut function has no %s widget (groups: %s)" % (name, widget, groups))
    linked = voxels.CutFunction.GetProperty("Input").GetData()
    if linked is None or linked.SMProxy != source.SMProxy:
        fail("the %s widget is not placed on the filter's input" % name)
print("exploded voxels: plane, box and sphere cuts are voxel-exact")
