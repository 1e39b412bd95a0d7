"""Nothing read unverified: archives damaged after they were written, in ways that keep every
stream decodable to the right size (a stored member, a deflated member, a pair's header, a gzip
member's data, its CRC-32 and its ISIZE trailer), end in an error that names the checksum and
give no voxels, whether read from a file, a bytes buffer or an http:// URL; in a time series
only the damaged step fails, and no step is cached unverified."""
import json
import os
import subprocess

import numpy as np

import paravoxel
from paravoxel.images import image_to_numpy
from paravoxel_testing import ErrorCatcher, data_path, fail

with open(data_path("manifest.json")) as f:
    corrupt = json.load(f)["corrupt"]
if len(corrupt) < 7:
    fail("expected the damaged fixtures, found %d" % len(corrupt))

server = subprocess.Popen(
    ["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "archive_http_server.py"),
     data_path("mixed_members.zip")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
base = "http://127.0.0.1:%d/data/" % int(server.stdout.readline())


def read(source, setup):
    reader = paravoxel.vtkAnalyzeZipReader()
    catcher = ErrorCatcher(reader)
    setup(reader, source)
    reader.Update()
    return reader.GetOutput(), catcher


def from_buffer(reader, name):
    with open(data_path(name), "rb") as f:
        blob = f.read()
    reader.SetArchiveBuffer(blob, len(blob))


try:
    routes = [("file", lambda r, name: r.SetFileName(data_path(name))),
              ("buffer", from_buffer),
              ("url", lambda r, name: r.SetFileName(base + name))]
    for entry in corrupt:
        for route, setup in routes:
            if route != "file" and not entry["archive"].endswith(".zip"):
                continue  # a plain .nii.gz is read from disk only
            output, catcher = read(entry["archive"], setup)
            message = " ".join(catcher.errors)
            if entry["error"] not in message:
                fail("%s (%s): expected %r in the error, got %r" % (entry["archive"], route, entry["error"], message))
            if route != "buffer" and entry["archive"] not in message:
                fail("%s (%s): the error does not name the archive: %s" % (entry["archive"], route, message))
            if output.GetNumberOfPoints() != 0:
                fail("%s (%s): %d voxels handed out" % (entry["archive"], route, output.GetNumberOfPoints()))
        print("%-24s %s" % (entry["archive"], message.strip().splitlines()[-1][-150:]))

    # A series with one damaged step: that step is an error, the others read; stepping back to a
    # good step after the failure gives the same values as before.
    reader = paravoxel.vtkAnalyzeZipReader()
    catcher = ErrorCatcher(reader)
    reader.SetFileName(data_path("damaged_step_series.zip"))
    reader.SetTimeSeries(True)
    reader.UpdateInformation()
    values = {}
    for t in (0, 1, 2, 0, 1):
        catcher.errors.clear()
        reader.UpdateTimeStep(float(t))
        output = reader.GetOutput()
        if t == 1:
            if "CRC-32 mismatch" not in " ".join(catcher.errors) or output.GetNumberOfPoints():
                fail("series step 1: expected a CRC error and no voxels, got %s" % catcher.errors)
            continue
        if catcher.errors:
            fail("series step %d: %s" % (t, catcher.errors))
        got = image_to_numpy(output)
        if t in values and not np.array_equal(values[t], got):
            fail("series step %d reads differently the second time" % t)
        values[t] = got
    if np.array_equal(values[0], values[2]):
        fail("series steps 0 and 2 should differ")
    print("damaged_step_series.zip: the damaged step fails, the others read")
finally:
    server.stdin.close()
    server.wait(timeout=30)
print("every damaged archive ends in a checksum error, from file, buffer and URL")
