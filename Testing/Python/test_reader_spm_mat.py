"""In voxel order (WorldSpace off), SPM .mat sidecars (MATLAB 4 from nibabel, MATLAB 5 from scipy, compressed or not) give the
voxel-to-world affine and origin exactly as nibabel's Spm2AnalyzeImage reads them; a corrupt
sidecar gives a warning and the header's affine."""
import io
import json
import zipfile

import nibabel as nib
import numpy as np
from nibabel.fileholders import FileHolder
from vtkmodules.util.numpy_support import vtk_to_numpy

from paravoxel_testing import data_path, fail, read_archive


def nibabel_affine(members, stem, with_mat=True):
    file_map = {"header": FileHolder(fileobj=io.BytesIO(members[stem + ".hdr"])),
                "image": FileHolder(fileobj=io.BytesIO(members[stem + ".img"])),
                "mat": (FileHolder(fileobj=io.BytesIO(members[stem + ".mat"])) if with_mat
                        else FileHolder(filename="/nonexistent/no-sidecar.mat"))}
    return nib.Spm2AnalyzeImage.from_file_map(file_map).affine


def read(archive, volume):
    # Voxel order: voxel (i, j, k) is nibabel's dataobj[i, j, k].
    reader, catcher, _ = read_archive(data_path(archive), WorldSpace=False, Volume=volume)
    output = reader.GetOutput()
    matrix = vtk_to_numpy(output.GetFieldData().GetArray("VoxelToWorld")).reshape(4, 4)
    return output, matrix, catcher


with open(data_path("manifest.json")) as f:
    entry = json.load(f)["spm_mat"]
archive = entry["archive"]
with zipfile.ZipFile(data_path(archive)) as zf:
    members = {n: zf.read(n) for n in zf.namelist()}
written = np.array(entry["affine"])

for volume in entry["volumes"]:
    stem = volume[:-4]
    expected = nibabel_affine(members, stem)
    if not np.allclose(expected, written, atol=1e-6):
        fail("fixture %s: nibabel reads %s, the fixture wrote %s" % (volume, expected, written))
    output, matrix, catcher = read(archive, volume)
    if catcher.errors or catcher.warnings:
        fail("%s: unexpected messages %s %s" % (volume, catcher.errors, catcher.warnings))
    if not np.allclose(matrix, expected, atol=1e-6):
        fail("%s: VoxelToWorld\n%s\nnibabel\n%s" % (volume, matrix, expected))
    if not np.allclose(output.GetOrigin(), expected[:3, 3], atol=1e-6):
        fail("%s: origin %s, nibabel %s" % (volume, output.GetOrigin(), expected[:3, 3]))
    print("%s: affine from the .mat sidecar equals nibabel's" % volume)

output, matrix, catcher = read(archive, entry["corrupt"])
if not any("cannot use the SPM matrix file" in w for w in catcher.warnings):
    fail("a corrupt .mat should give a warning, got %s" % catcher.warnings)
if catcher.errors:
    fail("a corrupt .mat is not an error: %s" % catcher.errors)
header_only = nibabel_affine(members, entry["corrupt"][:-4], with_mat=False)
if not np.allclose(matrix, header_only, atol=1e-6):
    fail("with a corrupt .mat the header's affine should be used:\n%s\n%s" % (matrix, header_only))
print("corrupt sidecar: warning and the header's affine")
