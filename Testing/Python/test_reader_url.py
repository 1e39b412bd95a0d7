"""http:// archives: downloaded into memory once per URL, read like the file; HTTP errors,
refused connections, stalled servers, bodies cut short and oversized downloads each end in a
clear error, never a hang. The server (archive_http_server.py) is started here, on 127.0.0.1
only, and stops with the test; it and every request it serves are bounded in time."""
import os
import socket
import subprocess
import urllib.request

import numpy as np

import paravoxel
from paravoxel.images import image_to_numpy
from paravoxel_testing import data_path, fail, read_archive

server = subprocess.Popen(
    ["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "archive_http_server.py"),
     data_path("mixed_members.zip")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
port = int(server.stdout.readline())
base = "http://127.0.0.1:%d/" % port


def served():
    with urllib.request.urlopen(base + "count", timeout=5) as answer:
        return int(answer.read())


try:
    reader, catcher, _ = read_archive(base + "good.zip")
    if catcher.errors:
        fail("download: %s" % catcher.errors)
    local = paravoxel.vtkAnalyzeZipReader()
    local.SetFileName(data_path("mixed_members.zip"))
    local.Update()
    if not np.array_equal(image_to_numpy(reader.GetOutput()), image_to_numpy(local.GetOutput())):
        fail("the downloaded archive reads differently from the file")
    # Another pipeline update (a new Volume value) must not download again.
    reader.SetVolume("attention/structural/nsM00587_0002.hdr")
    reader.Update()
    reader.Modified()
    reader.Update()
    if served() != 1:
        fail("the archive was downloaded %d times, expected once" % served())

    cases = [
        ("missing.zip", {}, "HTTP 404"),
        ("short.zip", {}, "cut the download short"),
        ("stall.zip", {"DownloadTimeout": 1.5}, "timed out"),
        ("good.zip", {"MaximumDownloadMegabytes": 0.05}, "larger than MaximumDownloadMegabytes"),
    ]
    for name, settings, expected in cases:
        reader, catcher, seconds = read_archive(base + name, **settings)
        message = " ".join(catcher.errors)
        if expected not in message or (base + name) not in message:
            fail("%s: expected %r in an error naming the URL, got %r" % (name, expected, message))
        if reader.GetOutput().GetNumberOfPoints():
            fail("%s: the output should be empty" % name)
        if seconds > 10:
            fail("%s: took %.1f s, the limits should end it sooner" % (name, seconds))
        print("%-12s %.2f s  %s" % (name, seconds, message.strip().splitlines()[-1][:150]))

    # Nothing listens on this port: a refused connection.
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    closed = probe.getsockname()[1]
    probe.close()
    reader, catcher, _ = read_archive("http://127.0.0.1:%d/x.zip" % closed, ConnectTimeout=2)
    if not catcher.errors or "127.0.0.1" not in catcher.errors[0]:
        fail("refused connection: %s" % catcher.errors)
    print("all network faults end in clear errors")
finally:
    server.stdin.close()
    server.wait(timeout=30)
