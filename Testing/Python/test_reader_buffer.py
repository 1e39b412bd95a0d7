"""An archive handed over as a bytes object (no file on disk) reads exactly like the file; a
buffer that is not a zip gives a clear error; clearing the buffer falls back to FileName."""
import numpy as np

import paravoxel
from paravoxel.images import image_to_numpy
from paravoxel_testing import ErrorCatcher, data_path, fail

path = data_path("nifti_types.zip")
with open(path, "rb") as f:
    blob = f.read()

from_file = paravoxel.vtkAnalyzeZipReader()
from_file.SetFileName(path)
from_file.SetVolume("nifti/scaled.nii")
from_file.Update()

from_memory = paravoxel.vtkAnalyzeZipReader()
catcher = ErrorCatcher(from_memory)
from_memory.SetArchiveBuffer(blob, len(blob))
del blob  # the reader keeps its own copy
from_memory.SetVolume("nifti/scaled.nii")
from_memory.Update()
if catcher.errors:
    fail("reading from memory: %s" % catcher.errors)
a, b = image_to_numpy(from_memory.GetOutput()), image_to_numpy(from_file.GetOutput())
if a.dtype != b.dtype or not np.array_equal(a, b):
    fail("the buffer's volume differs from the file's")
names = [from_memory.GetAvailableVolumes().GetValue(i)
         for i in range(from_memory.GetAvailableVolumes().GetNumberOfValues())]
if "nifti/rgb.nii" not in names:
    fail("AvailableVolumes from memory: %s" % names)

junk = b"this is not a zip archive" * 10
from_memory.SetArchiveBuffer(junk, len(junk))
from_memory.Update()
if not any("archive in memory" in e and "not a readable zip archive" in e for e in catcher.errors):
    fail("a junk buffer should give a clear error, got %s" % catcher.errors)
if from_memory.GetOutput().GetNumberOfPoints():
    fail("a junk buffer should give an empty output")

# Clearing the buffer reads FileName again.
catcher.errors.clear()
from_memory.SetArchiveBuffer(None, 0)
from_memory.SetFileName(path)
from_memory.Update()
if catcher.errors or not np.array_equal(image_to_numpy(from_memory.GetOutput()), b):
    fail("after clearing the buffer the file should be read: %s" % catcher.errors)
print("archive read from a bytes object equals the file read")
