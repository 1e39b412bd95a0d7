"""World space (the reader's default): for every volume of world.zip (RAS, LAS, permuted axes,
oblique 10 and 20 degrees, Analyze 7.5, SPM99 with a .mat sidecar, NIfTI with only a qform, only
an sform, both disagreeing; NIfTI-2 single, gzipped and pair) every output voxel's world position (vtkImageData's index to physical
transform, direction matrix included) is nibabel's img.affine @ (i, j, k, 1) for exactly one
stored voxel (within 1e-4 mm), and its value that voxel's img.dataobj[i, j, k] (exactly).
Volumes without rotation get the identity direction; VoxelToWorld maps output index to world;
FileOrientation is nibabel's aff2axcodes. Then real atlases: every AICHA region (stored LAS) has
the world centroid nibabel gives it, within half a voxel, inside the ch2 brain (RAS) read from the
same zip; every AAL region named *_L lies at x < 0 and every *_R at x > 0, as shipped (RAS) and
as a LAS copy made by nibabel. WorldSpace off gives the stored voxel order back; an unusable affine (zero or NaN scale, singular)
gives a warning and voxel order; a time series has one grid. NIfTI-2 (single, gzipped, pair, plain file)
equals nibabel voxel for voxel and affine for affine."""
import gzip
import io
import json
import os
import tempfile
import zipfile

import nibabel as nib
import numpy as np
from nibabel.fileholders import FileHolder
from vtkmodules.util.numpy_support import vtk_to_numpy

import paravoxel
from paravoxel.images import image_to_numpy
from paravoxel_testing import ErrorCatcher, data_path, fail

MRICRON = "/usr/share/mricron/templates"


def nibabel_image(members, name, image_class):
    """`name` of `members` as nibabel's `image_class` reads it (a .mat sidecar included)."""
    cls = getattr(nib, image_class)
    if name.endswith((".nii", ".nii.gz")):
        raw = members[name]
        return cls.from_bytes(gzip.decompress(raw) if name.endswith(".gz") else raw)
    stem = name[:-4]
    file_map = {"header": FileHolder(fileobj=io.BytesIO(members[stem + ".hdr"])),
                "image": FileHolder(fileobj=io.BytesIO(members[stem + ".img"]))}
    if image_class == "Spm99AnalyzeImage":
        file_map["mat"] = FileHolder(fileobj=io.BytesIO(members[stem + ".mat"]))
    return cls.from_file_map(file_map)


def read(file_name, volume, world_space=True):
    reader = paravoxel.vtkAnalyzeZipReader()
    catcher = ErrorCatcher(reader)
    reader.SetFileName(file_name)
    reader.SetVolume(volume)
    reader.SetWorldSpace(world_space)
    reader.Update()
    if catcher.errors or catcher.warnings:
        fail("%s: unexpected messages %s %s" % (volume, catcher.errors, catcher.warnings))
    return reader, reader.GetOutput()


def world_points(image):
    """The world position of every point of `image`, [i, j, k, xyz], from its index to physical
    matrix; a sample is checked against vtkImageData.TransformIndexToPhysicalPoint itself."""
    dims = image.GetDimensions()
    matrix = np.array([[image.GetIndexToPhysicalMatrix().GetElement(r, c) for c in range(4)]
                       for r in range(4)])
    e = image.GetExtent()
    index = np.stack(np.meshgrid(np.arange(e[0], e[1] + 1), np.arange(e[2], e[3] + 1),
                                 np.arange(e[4], e[5] + 1), indexing="ij"), axis=-1).astype(float)
    points = index @ matrix[:3, :3].T + matrix[:3, 3]
    rng = np.random.default_rng(0)
    for i, j, k in list(rng.integers(0, dims, size=(200, 3))) + [(0, 0, 0), np.array(dims) - 1]:
        p = [0.0, 0.0, 0.0]
        image.TransformIndexToPhysicalPoint(int(i) + e[0], int(j) + e[2], int(k) + e[4], p)
        if not np.allclose(p, points[i, j, k], atol=1e-9):
            fail("TransformIndexToPhysicalPoint %s disagrees with the index to physical matrix" % p)
    return points


def check_against_nibabel(label, image, img):
    """Every output voxel is one stored voxel of `img`: same world position, same value."""
    affine = img.affine
    expected = np.asarray(img.dataobj)
    expected = expected[..., 0] if expected.ndim > 3 else expected
    points = world_points(image)
    # The stored voxel each output point falls on, by nibabel's inverse affine.
    source = np.linalg.solve(affine, np.concatenate(
        [points.reshape(-1, 3).T, np.ones((1, points[..., 0].size))]))[:3].T
    stored = np.rint(source).astype(int)
    if (stored < 0).any() or (stored >= np.array(expected.shape)).any():
        fail("%s: output points fall outside the stored volume" % label)
    at_stored = np.concatenate([stored, np.ones((len(stored), 1))], axis=1) @ affine[:3].T
    error = np.abs(at_stored - points.reshape(-1, 3)).max()
    if error > 1e-4:
        fail("%s: world positions differ from nibabel's affine by %g mm" % (label, error))
    flat = np.ravel_multi_index(stored.T, expected.shape)
    if len(np.unique(flat)) != expected.size or len(flat) != expected.size:
        fail("%s: output voxels are not the stored voxels, each once" % label)
    actual = image_to_numpy(image, "Intensity").reshape(-1)
    values = expected[tuple(stored.T)]
    if actual.dtype != values.dtype and not np.issubdtype(values.dtype, np.floating):
        fail("%s: type %s, nibabel %s" % (label, actual.dtype, values.dtype))
    if not np.array_equal(actual, values.astype(actual.dtype)):
        fail("%s: %d values differ from nibabel's" % (label, int((actual != values).sum())))
    return error


def check_world_volumes():
    with open(data_path("manifest.json")) as f:
        world = json.load(f)["world"]
    archive = data_path(world["archive"])
    with zipfile.ZipFile(archive) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    for entry in world["volumes"]:
        name = entry["volume"]
        img = nibabel_image(members, name, entry["class"])
        reader, image = read(archive, name)
        label = "%s (%s)" % (name, "".join(nib.aff2axcodes(img.affine)))
        error = check_against_nibabel(label, image, img)
        direction = np.array([[image.GetDirectionMatrix().GetElement(r, c) for c in range(3)]
                              for r in range(3)])
        codes = "".join(nib.aff2axcodes(img.affine))
        if reader.GetFileOrientation() != codes:
            fail("%s: FileOrientation %r, nibabel %r" % (name, reader.GetFileOrientation(), codes))
        if reader.GetOutputOrder() != "world (RAS)":
            fail("%s: OutputOrder %r" % (name, reader.GetOutputOrder()))
        rotation = img.affine[:3, :3] / np.linalg.norm(img.affine[:3, :3], axis=0)
        if np.count_nonzero(np.abs(rotation) > 1e-9) == 3 and not np.array_equal(direction, np.eye(3)):
            fail("%s: no rotation, but direction\n%s" % (name, direction))
        if np.count_nonzero(np.abs(rotation) > 1e-9) > 3 and np.allclose(direction, np.eye(3)):
            fail("%s: oblique, but the direction is the identity" % name)
        if (np.diag(direction) <= 0).any():
            fail("%s: output axes do not run toward R, A, S:\n%s" % (name, direction))
        field = vtk_to_numpy(image.GetFieldData().GetArray("VoxelToWorld")).reshape(4, 4)
        index_to_physical = np.array([[image.GetIndexToPhysicalMatrix().GetElement(r, c)
                                       for c in range(4)] for r in range(4)])
        if not np.allclose(field, index_to_physical, atol=1e-9):
            fail("%s: VoxelToWorld\n%s\nis not the output grid's\n%s" % (name, field, index_to_physical))
        print("%-24s %s: %d voxels equal nibabel's, positions within %.1e mm" % (
            name, codes, image.GetNumberOfPoints(), error))
    # Voxel order: the stored voxels in the stored order, as before world space.
    img = nibabel_image(members, "world/permuted.nii", "Nifti1Image")
    reader, image = read(archive, "world/permuted.nii", world_space=False)
    if not np.array_equal(image_to_numpy(image, "Intensity"), np.asarray(img.dataobj)):
        fail("WorldSpace off: values are not nibabel's dataobj in stored order")
    if reader.GetOutputOrder() != "voxel order" or image.GetDirectionMatrix().IsIdentity() != 1:
        fail("WorldSpace off: %r, direction not the identity" % reader.GetOutputOrder())


def check_nifti2():
    """NIfTI-2 files nibabel wrote (Nifti2Image, Nifti2Pair; zipped, gzipped, plain on disk)
    equal nibabel voxel for voxel in voxel order, and their affine (double precision) is
    nibabel's; in world space they were checked with the other orientations above."""
    with open(data_path("manifest.json")) as f:
        world = json.load(f)["world"]
    archive = data_path(world["archive"])
    with zipfile.ZipFile(archive) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    sources = [(archive, e["volume"], nibabel_image(members, e["volume"], e["class"]))
               for e in world["volumes"] if e["class"].startswith("Nifti2")]
    plain = data_path(world["nifti2_plain"])
    sources.append((plain, "", nib.load(plain)))
    for file_name, volume, img in sources:
        label = volume or os.path.basename(file_name)
        reader, image = read(file_name, volume, world_space=False)
        expected = np.asarray(img.dataobj)
        actual = image_to_numpy(image, "Intensity")
        if actual.shape != expected.shape or not np.array_equal(actual, expected.astype(actual.dtype)):
            fail("NIfTI-2 %s: values differ from nibabel's" % label)
        matrix = vtk_to_numpy(image.GetFieldData().GetArray("VoxelToWorld")).reshape(4, 4)
        if np.abs(matrix - img.affine).max() > 1e-12 * np.abs(img.affine).max():
            fail("NIfTI-2 %s: VoxelToWorld\n%s\nnibabel\n%s" % (label, matrix, img.affine))
        _, world_image = read(file_name, volume)
        check_against_nibabel("NIfTI-2 " + label, world_image, img)
        print("NIfTI-2 %s (%s): %d voxels and the affine equal nibabel's" % (
            label, type(img).__name__, expected.size))


def check_unusable_affines():
    """An affine that cannot place voxels gives a warning naming the volume and saying it is
    read in voxel order, which it then is."""
    folder = tempfile.mkdtemp()
    data = np.arange(4 * 5 * 6, dtype=np.int16).reshape(4, 5, 6)
    for name, affine, words in (("zero_scale.nii", np.diag([2.0, 0.0, 2.0, 1.0]), "no length"),
                                ("nan_scale.nii", np.diag([2.0, np.nan, 2.0, 1.0]), "not finite"),
                                ("singular.nii", np.array([[1.0, 2, 0, 0], [1, 2, 0, 0], [0, 0, 1, 0],
                                                           [0, 0, 0, 1]]), "singular")):
        img = nib.Nifti1Image(data, None)
        img.header.set_sform(affine, code=2)
        img.header.set_qform(None, code=0)
        path = os.path.join(folder, name)
        img.to_filename(path)
        reader = paravoxel.vtkAnalyzeZipReader()
        catcher = ErrorCatcher(reader)
        reader.SetFileName(path)
        reader.Update()
        warnings = " ".join(catcher.warnings)
        if catcher.errors or name not in warnings or words not in warnings or "voxel order" not in warnings:
            fail("%s: expected a warning naming it, '%s' and voxel order; got %s %s"
                 % (name, words, catcher.errors, catcher.warnings))
        if reader.GetOutputOrder() != "voxel order" or \
                not np.array_equal(image_to_numpy(reader.GetOutput()), data):
            fail("%s: not read in voxel order after the warning" % name)
        if not np.isfinite(reader.GetOutput().GetOrigin()).all():
            fail("%s: origin %s" % (name, reader.GetOutput().GetOrigin()))
    print("unusable affines (zero scale, NaN, singular): warned, read in voxel order")


def check_series_geometry():
    """A series in world space has the selected volume's grid in every step; a step whose own
    affine differs gets a warning naming it. Steps stored LAS, x flipped like the first."""
    folder = tempfile.mkdtemp()
    data = np.arange(4 * 5 * 6, dtype=np.int16).reshape(4, 5, 6)
    affine = np.diag([-2.0, 2.0, 2.0, 1.0])
    for t in range(3):
        moved = affine.copy()
        moved[0, 3] = 5.0 if t == 1 else 0.0
        nib.Nifti1Image(data + t, moved).to_filename(os.path.join(folder, "v_%d.nii" % t))
    reader = paravoxel.vtkAnalyzeZipReader()
    catcher = ErrorCatcher(reader)
    reader.SetFileName(os.path.join(folder, "v_0.nii"))
    reader.TimeSeriesOn()
    reader.UpdateInformation()
    grids = []
    for t in range(3):
        reader.UpdateTimeStep(float(t))
        image = reader.GetOutput()
        grids.append((image.GetExtent(), image.GetOrigin(), image.GetSpacing()))
        expected = np.asarray(nib.as_closest_canonical(nib.Nifti1Image(data + t, affine)).dataobj)
        if not np.array_equal(image_to_numpy(image), expected):
            fail("series step %d: values not in world order" % t)
    if grids.count(grids[0]) != 3:
        fail("series steps on different grids: %s" % grids)
    if len(catcher.warnings) != 1 or "v_1.nii" not in catcher.warnings[0]:
        fail("series: expected one warning naming v_1.nii, got %s" % catcher.warnings)
    print("series: every step on the first step's grid; the moved step named in a warning")


def centroids(labels, points):
    """{label: world centroid} of every positive label of `labels` [i, j, k], `points` [i, j, k, 3]."""
    flat = labels.reshape(-1).astype(np.int64)
    count = np.bincount(flat)
    sums = np.stack([np.bincount(flat, weights=points.reshape(-1, 3)[:, a]) for a in range(3)], 1)
    return {int(label): sums[label] / count[label] for label in np.nonzero(count)[0] if label > 0}


def check_atlases():
    folder = tempfile.mkdtemp()
    archive = os.path.join(folder, "atlases.zip")
    aal = nib.load(os.path.join(MRICRON, "aal.nii.gz"))
    # Data and affine flipped along i: the same brain, stored LAS. (Not aal.slicer[::-1]: nibabel
    # 5.0 keeps the translation of a reversed slice, which moves the brain.)
    las = aal.as_reoriented([[0, -1], [1, 1], [2, 1]])
    las_bytes = gzip.compress(las.to_bytes(), mtime=0)
    with zipfile.ZipFile(archive, "w") as zf:
        for name in ("AICHAmc.nii.gz", "ch2.nii.gz", "aal.nii.gz"):
            zf.write(os.path.join(MRICRON, name), "mni/" + name)
        zf.writestr("mni/aal_las.nii.gz", las_bytes)

    # AICHA (LAS, 2 mm) in world space: every region's centroid as nibabel places it.
    aicha = nib.load(os.path.join(MRICRON, "AICHAmc.nii.gz"))
    data = np.asarray(aicha.dataobj)
    index = np.stack(np.meshgrid(*[np.arange(n) for n in data.shape], indexing="ij"), -1)
    expected = centroids(data, index @ aicha.affine[:3, :3].T + aicha.affine[:3, 3])
    reader, image = read(archive, "mni/AICHAmc.nii.gz")
    if reader.GetFileOrientation() != "LAS":
        fail("AICHA: FileOrientation %r, expected LAS" % reader.GetFileOrientation())
    actual = centroids(image_to_numpy(image, "Intensity"), world_points(image))
    if sorted(actual) != sorted(expected):
        fail("AICHA: regions %d, nibabel %d" % (len(actual), len(expected)))
    worst = max(np.abs(actual[r] - expected[r]).max() for r in expected)
    if worst > 1.0:  # half a 2 mm voxel
        fail("AICHA: a region centroid is %.3f mm from nibabel's" % worst)
    _, brain = read(archive, "mni/ch2.nii.gz")
    bounds = np.array(brain.GetBounds()).reshape(3, 2)
    inside = all((bounds[:, 0] <= c).all() and (c <= bounds[:, 1]).all() for c in actual.values())
    if not inside:
        fail("AICHA regions lie outside the ch2 brain's bounds %s" % bounds.tolist())
    print("AICHA (LAS): %d region centroids within %.2g mm of nibabel's, inside ch2 (RAS)"
          % (len(actual), worst))

    # AAL: left regions at x < 0, right ones at x > 0, whichever way the atlas is stored.
    names = {}
    with open(os.path.join(MRICRON, "aal.nii.txt")) as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 2:
                names[int(fields[0])] = fields[1]
    for volume, orientation in (("mni/aal.nii.gz", "RAS"), ("mni/aal_las.nii.gz", "LAS")):
        reader, image = read(archive, volume)
        if reader.GetFileOrientation() != orientation:
            fail("%s: FileOrientation %r" % (volume, reader.GetFileOrientation()))
        points = world_points(image)
        labels = image_to_numpy(image, "Intensity")
        checked = 0
        for label, name in names.items():
            x = points[..., 0][labels == label]
            if not len(x):
                continue
            if name.endswith("_L") and not x.mean() < 0 or name.endswith("_R") and not x.mean() > 0:
                fail("%s: region %s has its centroid at x = %.1f" % (volume, name, x.mean()))
            checked += name.endswith(("_L", "_R"))
        if checked < 100:
            fail("%s: only %d regions checked" % (volume, checked))
        print("%s (%s): %d regions *_L at x < 0, *_R at x > 0" % (volume, orientation, checked))


check_world_volumes()
check_nifti2()
check_unusable_affines()
check_series_geometry()
check_atlases()
