"""Exploded Voxels runs its passes with vtkSMPTools on every core (the STDThread backend, which
the `paravoxel` package and the plugin select), and its output does not depend on the number of
threads: a run on the Sequential backend, in a separate process, gives the same points, quads and
cell data, value for value, with shared corners (Gap 0) and with separate boxes. Progress rises
to 1 in several steps, and an abort stops the filter with an empty output."""
import os
import subprocess
import sys
import tempfile

import numpy as np
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkIOXML import vtkXMLPolyDataReader, vtkXMLPolyDataWriter

import paravoxel
from paravoxel.images import numpy_to_image
from paravoxel_testing import fail

CASES = {"shared_corners": dict(Gap=0.0), "separate_boxes": dict(Gap=0.2),
         "interior_faces": dict(KeepInteriorFaces=True)}


def explode(settings, progress=None):
    values = np.random.default_rng(3).random((40, 64, 48)).astype(np.float32)
    voxels = paravoxel.vtkExplodedVoxelsFilter()
    voxels.SetInputData(numpy_to_image(values, "v"))
    voxels.SetLowerThreshold(0.4)
    for name, value in settings.items():
        getattr(voxels, "Set" + name)(value)
    if progress is not None:
        voxels.AddObserver("ProgressEvent", lambda obj, event: progress.append(obj.GetProgress()))
    voxels.Update()
    return voxels.GetOutput()


def arrays(polydata):
    polys = polydata.GetPolys()
    return {"points": vtk_to_numpy(polydata.GetPoints().GetData()),
            "connectivity": vtk_to_numpy(polys.GetConnectivityArray()),
            "offsets": vtk_to_numpy(polys.GetOffsetsArray()),
            "v": vtk_to_numpy(polydata.GetCellData().GetArray("v")),
            "VoxelIndex": vtk_to_numpy(polydata.GetCellData().GetArray("VoxelIndex"))}


if len(sys.argv) == 3 and sys.argv[1] == "--write":
    # The Sequential run: write each case's output for the parent process.
    for case, settings in CASES.items():
        writer = vtkXMLPolyDataWriter()
        writer.SetInputData(explode(settings))
        writer.SetCompressorTypeToNone()
        writer.SetFileName(os.path.join(sys.argv[2], case + ".vtp"))
        writer.Write()
    sys.exit(0)

threads = paravoxel.vtkParaVoxelThreading.GetNumberOfThreads()
if (os.cpu_count() or 1) >= 2 and threads < 2:
    fail("vtkSMPTools runs %d thread(s) on %d cores" % (threads, os.cpu_count()))

with tempfile.TemporaryDirectory() as folder:
    subprocess.run(["pvpython", "--force-offscreen-rendering", os.path.abspath(__file__),
                    "--write", folder], check=True,
                   env=dict(os.environ, VTK_SMP_BACKEND_IN_USE="Sequential"))
    for case, settings in CASES.items():
        progress = []
        threaded = arrays(explode(settings, progress))
        reader = vtkXMLPolyDataReader()
        reader.SetFileName(os.path.join(folder, case + ".vtp"))
        reader.Update()
        sequential = arrays(reader.GetOutput())
        if not len(threaded["offsets"]) > 1000:
            fail("%s: too few faces (%d) to exercise the threads" % (case, len(threaded["offsets"])))
        for name in threaded:
            if not np.array_equal(threaded[name], sequential[name]):
                fail("%s: %s differ between %d threads and one" % (case, name, threads))
        if len(progress) < 5 or progress != sorted(progress) or progress[-1] != 1.0:
            fail("%s: progress should rise to 1 in several steps, got %s" % (case, progress))
# An abort requested from a progress observer stops the filter between chunks of rows: empty
# output, no crash; once the flag is cleared, the next update runs in full.
aborting = paravoxel.vtkExplodedVoxelsFilter()
aborting.SetInputData(numpy_to_image(np.random.default_rng(3).random((40, 64, 48)), "v"))
aborting.AddObserver("ProgressEvent", lambda obj, event: obj.SetAbortExecute(1))
aborting.Update()
if aborting.GetOutput().GetNumberOfCells() or aborting.GetOutput().GetNumberOfPoints():
    fail("an aborted run should leave an empty output")
aborting.RemoveAllObservers()
aborting.SetAbortExecute(0)
aborting.Modified()
aborting.Update()
if aborting.GetOutput().GetNumberOfCells() == 0:
    fail("the run after an abort should make faces")
print("exploded voxels: %d threads give the same output as one; abort works" % threads)
