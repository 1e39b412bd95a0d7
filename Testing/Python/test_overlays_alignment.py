"""The overlays of paravoxel.gallery.overlays line up in world space, without resampling: the archive
write_overlay_archive makes (ch2 1 mm RAS, AICHAmc 2 mm LAS, aal 1 mm RAS, the tutorial's
structural volume and a t map on its functional grid) read by the Analyze Zip Reader in world
space, checked against nibabel.

- Neither volume is resampled: each output has its file's dimensions and voxel sizes.
- AICHA regions whose two hemispheres are unequal (a left-right flip would move their centroid by
  more than a voxel): the centroid of each one's exploded voxels' faces (Exploded Voxels, Regions)
  equals nibabel's world centroid of its voxels within half a voxel, and lies on brain tissue of
  ch2 as ParaVoxel reads it (grey or white matter, not background or CSF).
- Every AICHA voxel's centre lies on ch2's head in world space; read in voxel order instead
  (WorldSpace off: the LAS atlas unflipped, at x = 90 ... 270 mm), most do not: the check can fail.
- AAL's Precentral_L lies at x < 0 and Precentral_R at x > 0.
- The t map has the functional volume's grid (nibabel affine), and the t-weighted centroid of
  its exploded voxels is the blob's centre as placed (BLOB_CENTRE), within half a voxel, and
  nibabel's t-weighted centroid within 1e-3 mm; it lies on the structural volume's head.
"""
import gzip
import io
import os
import tempfile
import zipfile

import nibabel as nib
import numpy as np
from vtkmodules.util.numpy_support import vtk_to_numpy

import paravoxel
from paravoxel.gallery import overlays
from paravoxel.images import image_to_numpy
from paravoxel_testing import ErrorCatcher, fail, read_archive

ATTENTION = os.path.join(os.environ["PARAVOXEL_SOURCE_DIR"], "Examples", "data", "attention.zip")
# AICHA regions whose centroid is 15 to 29 mm off the midline (bilateral labels, unequal sides).
AICHA_REGIONS = ["S_Sup_Temporal-1", "S_Postcentral-3", "G_SupraMarginal-7",
                 "G_Temporal_Pole_Mid-2", "G_Frontal_Mid-5"]
BRAIN_TISSUE = 50  # ch2 T1: background 0, CSF up to about 40, grey matter 60-80, white over 100
HEAD = 20

folder = tempfile.mkdtemp(prefix="paravoxel-overlays-")
archive = overlays.write_overlay_archive(os.path.join(folder, "overlays.zip"), ATTENTION)
with zipfile.ZipFile(archive) as z:
    members = {name: z.read(name) for name in z.namelist()}


def nibabel_image(member):
    """nibabel's image of an archive member (NIfTI .nii.gz, or an Analyze .hdr with its .img)."""
    if member.endswith(".nii.gz"):
        return nib.Nifti1Image.from_bytes(gzip.decompress(members[member]))
    header = nib.Spm2AnalyzeHeader.from_fileobj(io.BytesIO(members[member]))
    data = np.asarray(header.data_from_fileobj(io.BytesIO(members[member[:-4] + ".img"])))
    return nib.Spm2AnalyzeImage(data, header.get_best_affine(), header)


def read_world(member, world=1):
    reader, catcher, _ = read_archive(archive, Volume=member, WorldSpace=world)
    if catcher.errors or catcher.warnings:
        fail("%s: %s" % (member, catcher.errors + catcher.warnings))
    return reader.GetOutput()


def world_points(image, ijk):
    """World positions of voxel indices `ijk` (n x 3) of a vtkImageData: origin + direction @
    (index x spacing), as TransformIndexToPhysicalPoint."""
    direction = np.array([image.GetDirectionMatrix().GetElement(r, c) for r in range(3)
                          for c in range(3)]).reshape(3, 3)
    return (direction @ (np.asarray(ijk) * image.GetSpacing()).T).T + image.GetOrigin()


def values_at(image, values, points):
    """`values` (the image's array, [i, j, k]) at the voxels nearest to world `points`; 0 outside
    the image (an axis-aligned grid, as these are in world space)."""
    index = np.round((points - image.GetOrigin()) / image.GetSpacing()).astype(int)
    inside = np.all((index >= 0) & (index < values.shape), axis=1)
    out = np.zeros(len(points), values.dtype)
    out[inside] = values[tuple(index[inside].T)]
    return out


def exploded(image, **settings):
    """Exploded Voxels of `image` with every face kept (so that the faces' centroid is the
    voxels'): (face centres, the faces' Intensity)."""
    voxels = paravoxel.vtkExplodedVoxelsFilter()
    messages = ErrorCatcher(voxels)
    voxels.SetInputData(image)
    voxels.SetKeepInteriorFaces(1)
    for region in settings.pop("Regions", []):
        voxels.AddRegion(region)
    for name, value in settings.items():
        getattr(voxels, "Set" + name)(value)
    voxels.Update()
    if messages.errors or messages.warnings:
        fail("Exploded Voxels %s: %s" % (settings, messages.errors + messages.warnings))
    output = voxels.GetOutput()
    points = vtk_to_numpy(output.GetPoints().GetData()).astype(np.float64)
    quads = vtk_to_numpy(output.GetPolys().GetConnectivityArray()).reshape(-1, 4)
    return points[quads].mean(axis=1), vtk_to_numpy(output.GetCellData().GetArray("Intensity"))


def identity_direction(image, what):
    matrix = image.GetDirectionMatrix()
    if any(matrix.GetElement(r, c) != (r == c) for r in range(3) for c in range(3)):
        fail("%s: the direction matrix should be the identity" % what)


# Each volume on its own grid: the file's dimensions and voxel sizes.
anatomy = read_world(overlays.ANATOMY)
atlas = read_world(overlays.AICHA)
for image, member, spacing in [(anatomy, overlays.ANATOMY, (1, 1, 1)),
                               (atlas, overlays.AICHA, (2, 2, 2))]:
    reference = nibabel_image(member)
    if image.GetDimensions() != reference.shape or image.GetSpacing() != spacing:
        fail("%s: %s voxels of %s mm, its file has %s of %s mm" % (
            member, image.GetDimensions(), image.GetSpacing(), reference.shape, spacing))
    identity_direction(image, member)
print("ch2 181 x 217 x 181 at 1 mm, AICHA 91 x 109 x 91 at 2 mm: neither resampled")
ch2 = image_to_numpy(anatomy, "Intensity")

# AICHA regions: centroids against nibabel's, on ch2's brain tissue.
aicha = nibabel_image(overlays.AICHA)
aicha_labels = np.asarray(aicha.dataobj)
names = {int(line.split()[0]): line.split()[1]
         for line in members["mni/AICHAmc.nii.txt"].decode().splitlines() if line.strip()}
numbers = {name: number for number, name in names.items()}
for region in AICHA_REGIONS:
    ijk = np.argwhere(aicha_labels == numbers[region])
    expected = (nib.affines.apply_affine(aicha.affine, ijk)).mean(axis=0)
    if abs(expected[0]) < 2.0:  # its mirror image would be within a voxel: no test of left/right
        fail("%s: its centroid x = %.1f mm is too near the midline" % (region, expected[0]))
    centres, _ = exploded(atlas, Regions=[region])
    centroid = centres.mean(axis=0)
    if np.any(np.abs(centroid - expected) > 1.0):  # half of AICHA's 2 mm voxel
        fail("%s: ParaVoxel's centroid %s, nibabel's %s" % (region, centroid, expected))
    tissue = values_at(anatomy, ch2, centroid[None])[0]
    if tissue <= BRAIN_TISSUE:
        fail("%s: its centroid %s lies where ch2 is %d, not brain tissue" % (
            region, centroid.round(1), tissue))
    print("AICHA %-22s centroid %s mm (nibabel's within %.1e mm), on ch2 tissue %d" % (
        region, centroid.round(1), np.abs(centroid - expected).max(), tissue))

# Every AICHA voxel on ch2's head, in world space; in voxel order, not.
for world in (1, 0):
    image = read_world(overlays.AICHA, world)
    labels = image_to_numpy(image, "Intensity")
    centres = world_points(image, np.argwhere(labels > 0))
    on_head = np.mean(values_at(anatomy, ch2, centres) > HEAD)
    if world and on_head < 0.99:
        fail("in world space only %.1f%% of AICHA's voxels lie on ch2's head" % (100 * on_head))
    if not world and on_head > 0.5:
        fail("read in voxel order, %.1f%% of AICHA's voxels lie on ch2's head: the check above "
             "could not tell a misplaced atlas" % (100 * on_head))
    print("%s: %.1f%% of AICHA's labelled voxels lie on ch2's head" % (
        "world space" if world else "voxel order (the control)", 100 * on_head))

# AAL: left is left.
aal = read_world(overlays.AAL)
for region, side in (("Precentral_L", -1), ("Precentral_R", 1)):
    centres, _ = exploded(aal, Regions=[region])
    x = centres[:, 0]
    if len(x) == 0 or np.any(x * side <= 0):
        fail("%s: faces at x = %.1f ... %.1f mm" % (region, x.min(), x.max()))
    print("AAL %s: x = %.1f ... %.1f mm" % (region, x.min(), x.max()))

# The t map: the functional grid, the blob where it was placed.
t_reference = nibabel_image(overlays.T_MAP)
functional = nib.Spm2AnalyzeHeader.from_fileobj(io.BytesIO(zipfile.ZipFile(ATTENTION).read(
    overlays.ATTENTION_FUNCTIONAL + ".hdr")))
if t_reference.shape != functional.get_data_shape()[:3] or not np.array_equal(
        t_reference.affine, functional.get_best_affine()):
    fail("the t map's grid %s %s is not the functional volume's" % (t_reference.shape,
                                                                     t_reference.affine))
t_map = read_world(overlays.T_MAP)
centres, t = exploded(t_map, LowerThreshold=overlays.T_THRESHOLD)
centroid = (centres * t[:, None]).sum(axis=0) / t.sum()
t_values = np.asarray(t_reference.dataobj)
ijk = np.argwhere(t_values > overlays.T_THRESHOLD)
weights = t_values[tuple(ijk.T)]
expected = (nib.affines.apply_affine(t_reference.affine, ijk) * weights[:, None]).sum(0) / \
    weights.sum()
half_voxel = 0.5 * np.array(t_map.GetSpacing())
if len(t) != 6 * len(ijk) or np.abs(centroid - expected).max() > 1e-3:
    fail("t map: %d faces for %d voxels over t = %.1f, centroid %s, nibabel's %s" % (
        len(t), len(ijk), overlays.T_THRESHOLD, centroid, expected))
if np.any(np.abs(centroid - overlays.BLOB_CENTRE) > half_voxel):
    fail("t map: the blob's centroid %s mm, placed at %s (half a voxel: %s)" % (
        centroid.round(2), overlays.BLOB_CENTRE, half_voxel))
structural = read_world(overlays.STRUCTURAL)
head = values_at(structural, image_to_numpy(structural, "Intensity"), centroid[None])[0]
if head <= 8 * HEAD:  # the structural volume's values are ch2's times 8
    fail("t map: the blob's centroid %s lies off the structural volume's head (%d)" % (
        centroid.round(1), head))
print("t map: %d voxels over t = %.1f on the functional grid, centroid %s mm, placed at %s "
      "(half a voxel: %s), nibabel's within %.1e mm; on the structural's head (%d)" % (
          len(ijk), overlays.T_THRESHOLD, centroid.round(2), overlays.BLOB_CENTRE,
          half_voxel.round(2), np.abs(centroid - expected).max(), head))
