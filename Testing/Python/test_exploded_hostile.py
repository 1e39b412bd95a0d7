"""Hostile input to the newer surfaces (atlases, regions, label sidecars), each case as a new user
meets it: a fresh pvpython under `ulimit -v 8 GiB` and a 60 s timeout, going through
paraview.simple. Each ends in a correct result or a clear error, and never in a signal: volumes
written by nibabel, sidecars written here."""
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
import zipfile

import nibabel as nib
import numpy as np

from paravoxel_testing import PLUGIN, fail

folder = tempfile.mkdtemp(prefix="paravoxel_hostile_regions_")
LIMIT = 8 << 30


def zipped(name, volume, sidecar=None, dtype=None):
    """A zip holding `volume` as name.nii.gz (nibabel, identity affine) and name.nii.txt."""
    image = nib.Nifti1Image(volume, np.eye(4), dtype=dtype)
    path = os.path.join(folder, name + ".zip")
    nii = os.path.join(folder, name + ".nii.gz")
    nib.save(image, nii)
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(nii, name + ".nii.gz")
        if sidecar is not None:
            zf.writestr(name + ".nii.txt", sidecar)
    return path


def run(case, body):
    """Runs `body` after loading the plugin in a fresh pvpython limited as above: (status,
    stdout, stderr)."""
    script = os.path.join(folder, case.replace(" ", "_") + ".py")
    with open(script, "w") as out:
        out.write("import sys\nimport numpy as np\nfrom paraview import simple\n"
                  "from vtkmodules.util.numpy_support import vtk_to_numpy\n"
                  "simple.LoadPlugin(%r, remote=False)\n" % PLUGIN + textwrap.dedent(body))

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))

    run = subprocess.run([os.environ.get("PARAVOXEL_PVPYTHON", "pvpython"),
                          "--force-offscreen-rendering", script],
                         capture_output=True, text=True, timeout=60, preexec_fn=limit)
    return run.returncode, run.stdout, run.stderr


def expect(case, body, output=(), errors=()):
    status, out, err = run(case, body)
    last = (err.strip().splitlines() or [""])[-1]
    print("%-40s exit %3d  %s" % (case, status, (out.strip().splitlines() or [""])[-1][:90]))
    if status != 0:
        fail("%s: exit status %d\n%s" % (case, status, err[-3000:]))
    for words in output:
        if words not in out:
            fail("%s: %r not in the output:\n%s\n%s" % (case, words, out[-2000:], last))
    for words in errors:
        if words not in err:
            fail("%s: no error saying %r:\n%s" % (case, words, err[-2000:]))


# An update that allocates 1.5 G connectivity entries beyond the address-space limit: all
# distinct labels, every face kept.
expect("400^3 distinct labels, interior faces", """
    from vtkmodules.vtkCommonDataModel import vtkImageData
    from vtkmodules.util.numpy_support import numpy_to_vtk
    image = vtkImageData()
    image.SetDimensions(400, 400, 400)
    labels = numpy_to_vtk(np.arange(1, 400**3 + 1, dtype=np.int32), deep=1)
    labels.SetName("label")
    image.GetPointData().SetScalars(labels)
    source = simple.TrivialProducer()
    source.GetClientSideObject().SetOutput(image)
    voxels = simple.ExplodedVoxels(Input=source, KeepInteriorFaces=1)
    voxels.UpdatePipeline()
    print("cells", voxels.GetDataInformation().GetNumberOfCells())
    """, output=["cells 0"], errors=["Out of memory for the faces of the 64000000 voxels of 'label'",
                                     "ulimit -v"])

# A 1 MiB region name on an atlas of thousands of faces: the name is stored once.
atlas = np.zeros((40, 40, 40), np.int16)
atlas[5:35, 5:20, 5:35] = 1
atlas[5:35, 20:35, 5:35] = 2
long_name = "L" * (1 << 20)
path = zipped("long_name", atlas, "1 %s\n2 Short\n" % long_name)
expect("1 MiB region name", """
    atlas = simple.AnalyzeZipReader(FileName=%r)
    voxels = simple.ExplodedVoxels(Input=atlas, Regions=[%r], RegionExplosion=0.5,
                                   KeepInteriorFaces=1)
    voxels.UpdatePipeline()
    data = simple.servermanager.Fetch(voxels)
    names = data.GetFieldData().GetAbstractArray("LabelNames")
    labels = vtk_to_numpy(data.GetCellData().GetScalars())
    print("cells", data.GetNumberOfCells(), "labels", sorted(set(labels.tolist())),
          "name length", len(names.GetValue(1)))
    """ % (path, long_name), output=["cells %d labels [1] name length %d" % (6 * 30 * 15 * 30,
                                                                           1 << 20)])

# Unsigned 64-bit labels far above 2^63, with names: plain Exploded Voxels makes every voxel;
# selecting one by number selects it alone; int64 labels near 2^60 by number too.
big = np.full((6, 5, 4), np.iinfo(np.uint64).max - 1, np.uint64)
big[::2] = np.iinfo(np.uint64).max
path = zipped("uint64", big, "1 One\n", dtype=np.uint64)
expect("uint64 labels near 2^64", """
    atlas = simple.AnalyzeZipReader(FileName=%r)
    plain = simple.ExplodedVoxels(Input=atlas, KeepInteriorFaces=1)
    plain.UpdatePipeline()
    picked = simple.ExplodedVoxels(Input=atlas, KeepInteriorFaces=1, Regions=["%d"])
    picked.UpdatePipeline()
    print("cells", plain.GetDataInformation().GetNumberOfCells(),
          picked.GetDataInformation().GetNumberOfCells())
    """ % (path, (1 << 64) - 2), output=["cells %d %d" % (6 * 120, 6 * 60)])
near = np.full((6, 5, 4), (1 << 60) + 300, np.int64)
near[::3] = (1 << 60) + 44
path = zipped("int64", near, "1 One\n", dtype=np.int64)
expect("int64 labels near 2^60 by number", """
    atlas = simple.AnalyzeZipReader(FileName=%r)
    picked = simple.ExplodedVoxels(Input=atlas, KeepInteriorFaces=1, Regions=["%d"])
    picked.UpdatePipeline()
    print("cells", picked.GetDataInformation().GetNumberOfCells())
    """ % (path, (1 << 60) + 44), output=["cells %d" % (6 * 2 * 5 * 4)])

# A name holding a NUL byte: read with U+FFFD in its place (with a warning), listed so, and
# selectable by that name.
path = zipped("nul_name", atlas, "1 Left\0Part\n2 Right\n")
expect("NUL in a region name", """
    atlas = simple.AnalyzeZipReader(FileName=%r)
    voxels = simple.ExplodedVoxels(Input=atlas, KeepInteriorFaces=1)
    listed = voxels.GetProperty("RegionInfo")[::2]
    voxels.Regions = ["Left\\ufffdPart"]
    voxels.UpdatePipeline()
    print("listed", listed, "cells", voxels.GetDataInformation().GetNumberOfCells())
    """ % path, output=["listed ['Left\ufffdPart', 'Right'] cells %d" % (6 * 30 * 15 * 30)],
       errors=["holds control characters"])

# Region Explosion that is not a finite number within its range: an error, no voxels, no
# non-finite point.
for value in ("float('nan')", "float('inf')", "-float('inf')", "1e308", "-1e308"):
    expect("RegionExplosion = %s" % value, """
        atlas = simple.AnalyzeZipReader(FileName=%r)
        voxels = simple.ExplodedVoxels(Input=atlas, RegionExplosion=%s)
        voxels.UpdatePipeline()
        print("cells", voxels.GetDataInformation().GetNumberOfCells())
        """ % (zipped("explode", atlas, "1 A\n2 B\n"), value),
           output=["cells 0"], errors=["RegionExplosion must be a number in [-100, 100]"])
print("every hostile case ends in a result or a clear error")
sys.exit(0)
