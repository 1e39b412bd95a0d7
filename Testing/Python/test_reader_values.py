"""Every volume of every valid fixture archive, read in voxel order (WorldSpace off; world space
is test_reader_world.py) by the Analyze Zip Reader (VTK level,
`paravoxel` package), equals nibabel's reading of the same member bytes: voxel values, type,
spacing, origin and the voxel-to-world affine."""
import gzip
import io
import json
import zipfile

import nibabel as nib
import numpy as np
from nibabel.fileholders import FileHolder

import paravoxel
from paravoxel.images import image_to_numpy
from paravoxel_testing import data_path, fail, read_archive


def nibabel_image(members, name, as_nifti_pair=False):
    """nibabel's image for volume `name`, from the member bytes alone (no .mat sidecar)."""
    def read(member):
        blob = members[member]
        return gzip.decompress(blob) if member.lower().endswith(".gz") else blob

    lower = name.lower()
    if lower.endswith((".nii", ".nii.gz")):
        return nib.Nifti1Image.from_file_map({"image": FileHolder(fileobj=io.BytesIO(read(name)))})
    stem = name[: -len(".hdr.gz")] if lower.endswith(".hdr.gz") else name[: -len(".hdr")]
    image_member = next(m for m in members if m.lower() in (stem.lower() + ".img", stem.lower() + ".img.gz"))
    header = bytearray(read(name))
    if as_nifti_pair:
        header[344:348] = b"ni1\0"
    magic = bytes(header[344:348])
    klass = nib.Nifti1Pair if magic == b"ni1\0" else nib.Spm2AnalyzeImage
    file_map = {"header": FileHolder(fileobj=io.BytesIO(bytes(header))),
                "image": FileHolder(fileobj=io.BytesIO(read(image_member)))}
    if klass is nib.Spm2AnalyzeImage:
        # No sidecar: nibabel then uses the header's own affine, as the reader does.
        file_map["mat"] = FileHolder(filename="/nonexistent/no-sidecar.mat")
    return klass.from_file_map(file_map)


def check_volume(archive, name, members, values_only):
    # Voxel order: voxel (i, j, k) is nibabel's dataobj[i, j, k].
    reader, catcher, _ = read_archive(data_path(archive), WorldSpace=False, Volume=name)
    if catcher.errors:
        fail("%s / %s: unexpected errors %s" % (archive, name, catcher.errors))
    output = reader.GetOutput()
    reference = nibabel_image(members, name, values_only)
    expected = np.asarray(reference.dataobj)
    if expected.ndim > 3:
        expected = expected[..., 0]  # the reader returns the first volume of a 4D file
    while expected.ndim < 3:
        expected = expected[..., np.newaxis]
    actual = image_to_numpy(output, "Intensity")
    if expected.dtype.names:  # RGB24: a structured dtype in nibabel
        expected = np.stack([expected[c] for c in expected.dtype.names], axis=-1)
    if actual.shape != expected.shape:
        fail("%s / %s: shape %s, nibabel %s" % (archive, name, actual.shape, expected.shape))
    # A loaded image keeps its scaling in the array proxy, not the header.
    scaled = (float(reference.dataobj.slope), float(reference.dataobj.inter)) != (1.0, 0.0)
    if scaled:
        if actual.dtype != np.float32:
            fail("%s / %s: scaled data should be float32, got %s" % (archive, name, actual.dtype))
        if not np.allclose(actual, expected.astype(np.float64), rtol=1e-6, atol=1e-6):
            fail("%s / %s: scaled values differ from nibabel" % (archive, name))
    else:
        if actual.dtype != expected.dtype.newbyteorder("="):
            fail("%s / %s: type %s, nibabel %s" % (archive, name, actual.dtype, expected.dtype))
        if not np.array_equal(actual, expected):
            fail("%s / %s: %d voxels differ from nibabel"
                 % (archive, name, int(np.count_nonzero(actual != expected))))
    if values_only:
        return
    affine = reference.affine
    zooms = np.abs(np.asarray(reference.header.get_zooms()[:3], dtype=np.float64))
    if not np.allclose(output.GetSpacing(), zooms, rtol=1e-6):
        fail("%s / %s: spacing %s, nibabel zooms %s" % (archive, name, output.GetSpacing(), zooms))
    if not np.allclose(output.GetOrigin(), affine[:3, 3], atol=1e-4):
        fail("%s / %s: origin %s, nibabel affine %s" % (archive, name, output.GetOrigin(), affine[:3, 3]))
    from vtkmodules.util.numpy_support import vtk_to_numpy
    matrix = vtk_to_numpy(output.GetFieldData().GetArray("VoxelToWorld")).reshape(4, 4)
    if not np.allclose(matrix, affine, atol=1e-4):
        fail("%s / %s: VoxelToWorld\n%s\nnibabel\n%s" % (archive, name, matrix, affine))


def main():
    with open(data_path("manifest.json")) as f:
        manifest = json.load(f)
    checked = 0
    for entry in manifest["valid"]:
        archive = entry["archive"]
        with zipfile.ZipFile(data_path(archive)) as zf:
            members = {n: zf.read(n) for n in zf.namelist()}
        reader = paravoxel.vtkAnalyzeZipReader()
        reader.SetFileName(data_path(archive))
        reader.UpdateInformation()
        available = reader.GetAvailableVolumes()
        listed = [available.GetValue(i) for i in range(available.GetNumberOfValues())]
        if listed != entry["volumes"]:
            fail("%s: AvailableVolumes %s, expected %s" % (archive, listed, entry["volumes"]))
        for name in listed:
            check_volume(archive, name, members, name in entry.get("values_as_nifti_pair", []))
            checked += 1
    print("checked %d volumes against nibabel" % checked)


main()
