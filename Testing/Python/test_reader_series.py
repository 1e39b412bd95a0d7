"""Functional series as time steps: with TimeSeries on, a 3D volume's like-shaped siblings in its
folder become time steps in natural order at index x TR, each step reads its own member (values
equal nibabel's), stepping back and forth (through the cache) stays right; a 4D file gives one
step per volume. Every step is in world space on one grid: its values are nibabel's
as_closest_canonical of the step. In pvpython, UpdatePipeline(time=...) and the animation scene step through them."""
import io
import json
import zipfile

import nibabel as nib
import numpy as np
from nibabel.fileholders import FileHolder
from paraview import simple
from paraview import servermanager
from paraview.simple import GetAnimationScene, UpdatePipeline
from vtkmodules.vtkCommonExecutionModel import vtkStreamingDemandDrivenPipeline as SDDP

import paravoxel
from paravoxel.images import image_to_numpy
from paravoxel_testing import ErrorCatcher, data_path, fail, load_plugin

with open(data_path("manifest.json")) as f:
    series = json.load(f)["series"]
archive = data_path(series["archive"])
with zipfile.ZipFile(archive) as zf:
    members = {n: zf.read(n) for n in zf.namelist()}


def nibabel_values(header_member):
    stem = header_member[:-4]
    file_map = {"header": FileHolder(fileobj=io.BytesIO(members[stem + ".hdr"])),
                "image": FileHolder(fileobj=io.BytesIO(members[stem + ".img"])),
                "mat": FileHolder(filename="/nonexistent/no-sidecar.mat")}
    # World space (the reader's default): the stored axes reordered toward R, A, S.
    data = np.asarray(nib.as_closest_canonical(nib.Spm2AnalyzeImage.from_file_map(file_map)).dataobj)
    return data[..., 0] if data.ndim == 4 else data


reader = paravoxel.vtkAnalyzeZipReader()
catcher = ErrorCatcher(reader)
reader.SetFileName(archive)
reader.SetVolume(series["volume"])
reader.TimeSeriesOn()
reader.UpdateInformation()
info = reader.GetOutputInformation(0)
times = [info.Get(SDDP.TIME_STEPS(), i) for i in range(info.Length(SDDP.TIME_STEPS()))]
steps = series["steps"]
if not np.allclose(times, [i * series["tr"] for i in range(len(steps))], atol=1e-5):
    fail("time steps %s, expected %d steps of TR %s" % (times, len(steps), series["tr"]))

# Forward, backward and again: every step must read its own member, cached or not.
for index in list(range(len(steps))) + list(range(len(steps) - 1, -1, -3)) + [5, 6, 5]:
    reader.UpdateTimeStep(times[index])
    if reader.GetCurrentVolume() != steps[index]:
        fail("time %.2f read %s, expected %s" % (times[index], reader.GetCurrentVolume(), steps[index]))
    if not np.array_equal(image_to_numpy(reader.GetOutput()), nibabel_values(steps[index])):
        fail("time step %d (%s) differs from nibabel" % (index, steps[index]))
if catcher.errors:
    fail("unexpected errors %s" % catcher.errors)
print("%d 3D volumes as time steps in natural order" % len(steps))

# A real 4D file (nibabel's functional.nii, 20 volumes, TR 2 s): one step per volume.
four_d = paravoxel.vtkAnalyzeZipReader()
four_d.SetFileName(data_path("real_images.zip"))
four_d.SetVolume("nibabel/functional.nii")
four_d.TimeSeriesOn()
four_d.UpdateInformation()
info = four_d.GetOutputInformation(0)
n = info.Length(SDDP.TIME_STEPS())
with zipfile.ZipFile(data_path("real_images.zip")) as zf:
    reference = np.asarray(nib.as_closest_canonical(
        nib.Nifti1Image.from_bytes(zf.read("nibabel/functional.nii"))).dataobj)
if n != reference.shape[3] or abs(info.Get(SDDP.TIME_STEPS(), 1) - 2.0) > 1e-6:
    fail("4D file: %d steps (expected %d at 2 s)" % (n, reference.shape[3]))
for t in (0, 7, 19, 3):
    four_d.UpdateTimeStep(2.0 * t)
    # functional.nii is scaled (scl_slope): float32 output against nibabel's float64.
    if not np.allclose(image_to_numpy(four_d.GetOutput()), reference[..., t], rtol=1e-6, atol=1e-3):
        fail("4D file: volume %d differs from nibabel" % t)
print("4D file: %d volumes as time steps" % n)

# The proxy: pvpython's time-aware pipeline and animation scene.
load_plugin()
proxy = simple.AnalyzeZipReader(FileName=archive, Volume=series["volume"], TimeSeries=1)
proxy.UpdatePipelineInformation()
if len(proxy.TimestepValues) != len(steps):
    fail("the proxy exposes %d time steps" % len(proxy.TimestepValues))
UpdatePipeline(time=times[9], proxy=proxy)
if not np.array_equal(image_to_numpy(servermanager.Fetch(proxy)), nibabel_values(steps[9])):
    fail("UpdatePipeline(time=...) did not read step 9")
scene = GetAnimationScene()
scene.UpdateAnimationUsingDataTimeSteps()
if len(scene.TimeKeeper.TimestepValues) != len(steps):
    fail("the animation scene sees %d steps" % len(scene.TimeKeeper.TimestepValues))
print("pvpython: UpdatePipeline(time=...) and the animation scene see the series")
