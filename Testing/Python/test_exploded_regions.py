"""Exploded Voxels on a real atlas: AAL (181 x 217 x 181, 116 regions) read by the Analyze Zip
Reader, with the names of mricron's aal.nii.txt attached as field data LabelNames (as a reader of
label sidecars gives them). Checked against numpy: Regions (names and numbers) fill exactly the
voxels numpy.isin selects; every face carries its voxel's region name; with RegionExplosion,
every face of every region lies on its voxel's box moved by exactly RegionExplosion x (the
region's centroid - the centroid of all filled voxels), so each region's faces move by that, and
the faces are exactly those between a filled voxel and the border, an empty voxel or another
region. Then the proxy: the Regions list the GUI shows and Regions set from Python."""
import numpy as np
from paraview import simple
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkCommonDataModel import vtkPlane

from paravoxel_testing import (AAL, data_path, aal_label_names, attach_label_names, exploded_labels,
                               expected_region_faces, fail, image_labels, load_plugin,
                               names_step, read_archive, region_faces, region_offsets)

names = aal_label_names()
reader, _, _ = read_archive(AAL)
image = reader.GetOutput()
attach_label_names(image, names)
labels = image_labels(image)
origin, spacing = image.GetOrigin(), image.GetSpacing()
if labels.shape != (181, 217, 181) or labels.max() != 116:
    fail("AAL read as %s with labels up to %d" % (labels.shape, labels.max()))


def explode(**settings):
    voxels, messages = exploded_labels(image, **settings)
    if messages.errors or messages.warnings:
        fail("%s: %s" % (settings, messages.errors + messages.warnings))
    return voxels.GetOutput()


def check_names(output, case):
    """Each face's label (its value in the carried label array) is its voxel's, the names travel
    once (field data LabelNames equal to the sidecar's) and no string is stored per face."""
    index = vtk_to_numpy(output.GetCellData().GetArray("VoxelIndex"))
    made = vtk_to_numpy(output.GetCellData().GetScalars())
    expected = labels[index[:, 0], index[:, 1], index[:, 2]]
    wrong = np.flatnonzero(made != expected)
    if len(wrong):
        fail("%s: %d faces wrongly labelled, face %d has %d, its voxel %d" % (
            case, len(wrong), wrong[0], made[wrong[0]], expected[wrong[0]]))
    field = output.GetFieldData().GetAbstractArray("LabelNames")
    if field is None or [field.GetValue(k) for k in range(field.GetNumberOfValues())] != list(names):
        fail("%s: the output's LabelNames are not the atlas's names" % case)
    cell_data = output.GetCellData()
    per_face = [cell_data.GetAbstractArray(n).GetName() for n in range(cell_data.GetNumberOfArrays())
                if cell_data.GetAbstractArray(n).IsA("vtkStringArray")]
    if per_face:
        fail("%s: a string per face in %s" % (case, per_face))


# Regions: names (Hippocampus_L/R, Precentral_L) and a number (Vermis_10 is 116); all six faces of
# each filled voxel, so the voxels are VoxelIndex's.
selection = ["Hippocampus_L", "Hippocampus_R", "Precentral_L", "116"]
numbers = [names.index("Hippocampus_L"), names.index("Hippocampus_R"), 1, 116]
output = explode(Regions=selection, KeepInteriorFaces=1)
index = vtk_to_numpy(output.GetCellData().GetArray("VoxelIndex"))
made, counts = np.unique(index, axis=0, return_counts=True)
expected = np.argwhere(np.isin(labels, numbers))
if not np.array_equal(made, expected) or np.any(counts != 6):
    fail("Regions %s: %d voxels made, numpy.isin selects %d" % (selection, len(made),
                                                                  len(expected)))
check_names(output, "Regions")
print("Regions %s: %d voxels, exactly numpy.isin's; names right" % (selection, len(made)))

# RegionExplosion, every region, with and without Regions, a gap, a cut.
filled = labels > 0
for case, settings, selected, cut in [
        ("explosion 0.6", dict(RegionExplosion=0.6), filled, None),
        ("explosion 1.0, gap 0.3", dict(RegionExplosion=1.0, Gap=0.3), filled, None),
        ("explosion 0.6 of the selection", dict(RegionExplosion=0.6, Regions=selection),
         np.isin(labels, numbers), None),
        ("explosion 0.6, a plane cut", dict(RegionExplosion=0.6), filled,
         ((0.0, -20.0, 10.0), (0.3, 1.0, -0.5)))]:
    if cut:
        plane = vtkPlane()
        plane.SetOrigin(cut[0])
        plane.SetNormal(cut[1])
        settings = dict(settings, CutFunction=plane)
    output = explode(**settings)
    offsets = region_offsets(labels, selected, spacing, settings["RegionExplosion"])
    faces = region_faces(output, labels, origin, spacing, offsets,
                         half=0.5 * (1.0 - settings.get("Gap", 0.0)))
    remaining = selected
    if cut:
        i, j, k = np.indices(labels.shape)
        centres = [origin[a] + spacing[a] * index for a, index in enumerate((i, j, k))]
        remaining = selected & (sum((c - o) * n for c, o, n in zip(centres, *cut)) > 0)
    expected = expected_region_faces(labels, remaining)
    if not np.array_equal(faces, expected):
        fail("%s: %d faces, numpy expects %d (%d in common)" % (
            case, len(faces), len(expected), len(np.intersect1d(faces, expected))))
    check_names(output, case)
    print("%s: %d faces, each on its box moved by its region's offset (%d regions, the largest "
          "move %.2f mm); names right" % (case, len(faces), np.count_nonzero(
              np.abs(offsets).sum(axis=1)), np.abs(offsets).max()))

# The proxy: the regions the GUI lists, and Regions from Python (names and numbers).
load_plugin()
atlas = names_step(simple.AnalyzeZipReader(FileName=AAL, Volume="aal.nii.gz"), names)
simple.UpdatePipeline(proxy=atlas)
voxels = simple.ExplodedVoxels(Input=atlas, Scalars=["POINTS", "Intensity"])
voxels.UpdatePipelineInformation()
available = voxels.Regions.Available
if available != [name for name in names if name]:
    fail("the GUI's list of regions is %s..., expected the %d names of aal.nii.txt" % (
        available[:3], len(names) - 1))
# Straight after the reader, before anything is read, the list comes from the names the reader
# announces with its information (its label sidecars), as the GUI shows it.
labelled = simple.AnalyzeZipReader(FileName=data_path("labels.zip"))
fresh = simple.ExplodedVoxels(Input=labelled)
fresh.UpdatePipelineInformation()
if fresh.Regions.Available != [name for name in names if name]:
    fail("before any data is read, the list of regions is %s..., expected aal.nii.txt's names"
         % (fresh.Regions.Available[:3],))
# The reader moved to an archive whose volumes have no sidecars: the list empties, past
# ParaView's post filter.
labelled.FileName = data_path("real_images.zip")
fresh.UpdatePipelineInformation()
if fresh.Regions.Available:
    fail("after choosing a volume without sidecars the list still shows %s..."
         % (fresh.Regions.Available[:3],))
voxels.Regions = selection
voxels.KeepInteriorFaces = 1
simple.UpdatePipeline(proxy=voxels)
output = voxels.GetClientSideObject().GetOutputDataObject(0)
index = vtk_to_numpy(output.GetCellData().GetArray("VoxelIndex"))
if not np.array_equal(np.unique(index, axis=0), np.argwhere(np.isin(labels, numbers))):
    fail("Regions set from Python on the proxy: not numpy.isin's voxels")
if voxels.Regions[:] != selection:
    fail("the proxy's Regions read back as %s" % voxels.Regions[:])
print("proxy: %d regions listed; Regions from Python select numpy.isin's voxels" % len(available))
