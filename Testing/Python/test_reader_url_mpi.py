"""Under mpiexec (pvbatch --symmetric), an http:// archive is downloaded once, by rank 0, and its
bytes broadcast to the other ranks: the server sees one request, and every rank's piece equals
the file's; a server error reaches every rank as the same error. The server (rank 0 starts it,
127.0.0.1 only) stops with the test."""
import os
import subprocess
import urllib.request

import numpy as np
from vtkmodules.vtkCommonCore import vtkIntArray

import paravoxel
from paravoxel.images import image_to_numpy
from paravoxel.parallel import mpi_ranks
from paravoxel_testing import ErrorCatcher, data_path, fail

controller, rank, ranks = mpi_ranks(minimum=2)

server = None
port = vtkIntArray()
port.SetNumberOfValues(1)
if rank == 0:
    server = subprocess.Popen(
        ["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "archive_http_server.py"),
         data_path("mixed_members.zip")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    port.SetValue(0, int(server.stdout.readline()))
controller.Broadcast(port, 0)
base = "http://127.0.0.1:%d/" % port.GetValue(0)
try:
    reader = paravoxel.vtkAnalyzeZipReader()
    catcher = ErrorCatcher(reader)
    reader.SetFileName(base + "good.zip")
    reader.UpdatePiece(rank, ranks, 1)
    if catcher.errors:
        fail("rank %d: %s" % (rank, catcher.errors))
    serial = paravoxel.vtkAnalyzeZipReader()
    serial.SetFileName(data_path("mixed_members.zip"))
    serial.Update()
    e = reader.GetOutput().GetExtent()
    whole = image_to_numpy(serial.GetOutput())
    if not np.array_equal(image_to_numpy(reader.GetOutput(), "Intensity"),
                          whole[e[0]:e[1] + 1, e[2]:e[3] + 1, e[4]:e[5] + 1]):
        fail("rank %d: the downloaded piece differs from the file's" % rank)

    missing = paravoxel.vtkAnalyzeZipReader()
    missing_errors = ErrorCatcher(missing)
    missing.SetFileName(base + "missing.zip")
    missing.UpdatePiece(rank, ranks, 0)
    if "HTTP 404" not in " ".join(missing_errors.errors) or missing.GetOutput().GetNumberOfPoints():
        fail("rank %d: a 404 should be an error here too, got %s" % (rank, missing_errors.errors))
    controller.Barrier()
    if rank == 0:
        with urllib.request.urlopen(base + "count", timeout=5) as answer:
            served = int(answer.read())
        if served != 1:
            fail("%d ranks made the server send the archive %d times, expected once" % (ranks, served))
        print("%d ranks, one download: every piece equals the file's" % ranks)
finally:
    if server:
        server.stdin.close()
        server.wait(timeout=30)
