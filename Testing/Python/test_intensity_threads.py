"""Intensity Transform runs on every core and its result does not depend on the thread count:
- loading the plugin in pvpython selects vtkSMPTools' STDThread backend with one thread per core;
- a run on the Sequential backend (VTK_SMP_BACKEND_IN_USE=Sequential, in a separate process)
  gives bit for bit the threaded result, on float64 data (radix selection, fixed-point mean) and
  int16 data (value histogram), with Data and Percentiles ranges;
- progress rises to 1 in several steps."""
import os
import subprocess
import sys
import tempfile

import numpy as np

CASES = {
    "float64 data": (np.float64, {}),
    "float64 percentiles": (np.float64, dict(NormalizationMode=2, PercentileRange=(2, 98))),
    "int16 data": (np.int16, {}),
    "int16 percentiles": (np.int16, dict(NormalizationMode=2, PercentileRange=(2, 98))),
}


def transform(dtype, settings, progress=None):
    import paravoxel
    from paravoxel.images import image_to_numpy, numpy_to_image
    values = np.random.default_rng(8).gamma(2.0, 300.0, (80, 90, 70)).astype(dtype)
    algorithm = paravoxel.vtkIntensityTransformFilter()
    algorithm.SetInputData(numpy_to_image(values, "v"))
    for name, value in settings.items():
        getattr(algorithm, "Set" + name)(*np.atleast_1d(value))
    if progress is not None:
        algorithm.AddObserver("ProgressEvent",
                              lambda obj, event: progress.append(obj.GetProgress()))
    algorithm.Update()
    return image_to_numpy(algorithm.GetOutput(), "Transformed")


if len(sys.argv) == 3 and sys.argv[1] == "--write":
    # The Sequential run: save each case's result for the parent process.
    for number, (dtype, settings) in enumerate(CASES.values()):
        np.save(os.path.join(sys.argv[2], "%d.npy" % number), transform(dtype, settings))
    sys.exit(0)

from vtkmodules.vtkCommonCore import vtkSMPTools  # noqa: E402

from paravoxel_testing import fail, load_plugin  # noqa: E402

load_plugin()
cores = os.cpu_count() or 1
if vtkSMPTools.GetBackend() != "STDThread" or \
        (cores >= 2 and vtkSMPTools.GetEstimatedNumberOfThreads() < 2):
    fail("after loading the plugin, vtkSMPTools runs the %s backend with %d thread(s) on %d cores"
         % (vtkSMPTools.GetBackend(), vtkSMPTools.GetEstimatedNumberOfThreads(), cores))

with tempfile.TemporaryDirectory() as folder:
    subprocess.run(["pvpython", "--force-offscreen-rendering", os.path.abspath(__file__),
                    "--write", folder], check=True,
                   env=dict(os.environ, VTK_SMP_BACKEND_IN_USE="Sequential"))
    for number, (case, (dtype, settings)) in enumerate(CASES.items()):
        threaded = transform(dtype, settings)
        sequential = np.load(os.path.join(folder, "%d.npy" % number))
        if not np.array_equal(threaded, sequential):
            fail("%s: %d threads and one thread differ by up to %g" % (
                case, vtkSMPTools.GetEstimatedNumberOfThreads(),
                np.abs(threaded - sequential).max()))
print("%d threads give the one-thread result" % vtkSMPTools.GetEstimatedNumberOfThreads())

progress = []
transform(np.float64, CASES["float64 percentiles"][1], progress)
if len(progress) < 4 or progress[-1] != 1.0 or progress != sorted(progress):
    fail("progress %s does not rise to 1 in steps" % progress)
