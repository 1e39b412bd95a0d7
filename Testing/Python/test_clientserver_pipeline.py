"""Client-server: pvpython connected to `mpiexec -n 2 pvserver` (on 127.0.0.1, started and
stopped here) with the plugin loaded on both sides runs AnalyzeZipReader -> IntensityTransform ->
ExplodedVoxels (KeepInteriorFaces on and off) and gives the built-in session's result:
  - the same number of faces, gathered from both server ranks (the server really has 2);
  - the same image (VTK's image difference), rendered on the server;
  - remote rendering: the view finds the server able to render and renders there, and no face
    was delivered to the client's representation. The same check sees every face delivered in the
    built-in session, and in client-server for a small output under ParaView's default remote
    render threshold (20 MB), which ParaView ships to the client by design;
  - an http:// archive (archive_http_server.py, 127.0.0.1), downloaded by the server, gives the
    same faces as the file.
The built-in session runs first in this process, then the same process connects to the server."""
import os
import subprocess
import tempfile
import time

from paraview import simple
from paraview import servermanager
from paraview.simple import (Connect, ColorBy, CreateView, Disconnect, LoadPlugin, Render,
                             ResetCamera, SaveScreenshot, Show)

from paravoxel_testing import PLUGIN, fail, image_error, pvserver

ARCHIVE = os.path.join(os.environ["PARAVOXEL_SOURCE_DIR"], "Examples", "data", "attention.zip")
# A 64^3 functional volume of the tutorial's archive: the render stays within seconds.
VOLUME = "attention/functional/snffM00587_0004.hdr"
SIZE = [400, 400]
OUTPUT = tempfile.mkdtemp(prefix="paravoxel_clientserver_")


def delivered_faces(view, display):
    """The faces of `display` that reached this process for rendering (none when the server renders)."""
    delivery = view.GetClientSideObject().GetDeliveryManager()
    piece = delivery.GetDeliveredPiece(display.GetClientSideObject().GetActiveRepresentation(), False, 0)
    return piece.GetNumberOfCells() if piece else 0


def show(voxels, threshold):
    """A view of `voxels` with the given remote render threshold (MB), rendered."""
    view = CreateView("RenderView")
    view.ViewSize = SIZE
    view.OrientationAxesVisibility = 0
    view.RemoteRenderThreshold = threshold
    display = Show(voxels, view)
    ColorBy(display, ("CELLS", "Transformed"))
    view.CameraPosition = [-300, -250, 200]
    view.CameraViewUp = [0, 0, 1]
    ResetCamera(view)
    Render(view)
    return view, display


def run_session(name, file_name=ARCHIVE):
    """Face counts (KeepInteriorFaces off, on); the image of the boundary faces rendered with a
    remote render threshold of 0 (remote rendering whenever the server can render), and where
    that was rendered; where the same faces (a few MB) were rendered with ParaView's default
    threshold of 20 MB (on the client: the check below must see them delivered)."""
    start = time.perf_counter()
    reader = simple.AnalyzeZipReader(FileName=file_name, Volume=VOLUME)
    transform = simple.IntensityTransform(Input=reader)
    voxels = [simple.ExplodedVoxels(Input=transform, KeepInteriorFaces=keep) for keep in (0, 1)]
    counts = []
    for output in voxels:
        output.UpdatePipeline()
        counts.append(output.GetDataInformation().GetNumberOfCells())
    print("%s: faces counted after %.1f s" % (name, time.perf_counter() - start))
    if name == "url":
        return counts, None, None
    view, display = show(voxels[0], threshold=0)
    image = os.path.join(OUTPUT, name + ".png")
    SaveScreenshot(image, view, ImageResolution=SIZE)
    small_view, small_display = show(voxels[0], threshold=20)
    rendering = {
        "available": view.GetClientSideObject().GetRemoteRenderingAvailable(),
        "remote": view.GetClientSideObject().GetUseDistributedRenderingForRender(),
        "client_faces": delivered_faces(view, display),
        "remote_small": small_view.GetClientSideObject().GetUseDistributedRenderingForRender(),
        "client_faces_small": delivered_faces(small_view, small_display),
    }
    print("%s: rendered after %.1f s" % (name, time.perf_counter() - start))
    return counts, image, rendering


LoadPlugin(PLUGIN, remote=False)
builtin_counts, builtin_image, builtin_rendering = run_session("builtin")
if builtin_counts[0] == 0 or builtin_counts[1] <= builtin_counts[0]:
    fail("the built-in session's face counts look wrong: %s" % builtin_counts)
# The check of remote rendering below is only sound if delivered_faces() sees the faces whenever
# this process renders them itself.
expected = dict(available=True, remote=False, client_faces=builtin_counts[0], remote_small=False,
                client_faces_small=builtin_counts[0])
if builtin_rendering != expected:
    fail("the built-in session renders %s, expected %s" % (builtin_rendering, expected))
Disconnect()

http_server = subprocess.Popen(
    ["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "archive_http_server.py"),
     ARCHIVE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
try:
    http_port = int(http_server.stdout.readline())
    with pvserver(ranks=2) as port:
        Connect("127.0.0.1", port)
        partitions = servermanager.ActiveConnection.GetNumberOfDataPartitions()
        if partitions != 2:
            fail("the server should have 2 ranks, it has %d" % partitions)
        # Both sides: the server runs the filters, the client needs the proxies' definitions (and
        # the plugin loaded in the built-in session was unloaded with it).
        LoadPlugin(PLUGIN, remote=True)
        LoadPlugin(PLUGIN, remote=False)
        counts, image, rendering = run_session("server")
        url_counts, _, _ = run_session("url", "http://127.0.0.1:%d/good.zip" % http_port)
        # Disconnect() alone leaves the connection open while Python references the session:
        # closed here, pvserver exits.
        session = servermanager.ActiveConnection.Session
        Disconnect()
        session.CloseSession()
        del session
finally:
    http_server.stdin.close()
    http_server.wait(10)

print("faces (interior faces off, on): built-in %s, server %s, server from a URL %s"
      % (builtin_counts, counts, url_counts))
if counts != builtin_counts:
    fail("pvserver made %s faces, the built-in session %s" % (counts, builtin_counts))
if url_counts != builtin_counts:
    fail("pvserver made %s faces from the URL, the built-in session %s from the file"
         % (url_counts, builtin_counts))
print("rendering: built-in %s, server %s" % (builtin_rendering, rendering))
if not rendering["available"]:
    fail("the client found pvserver unable to render (no display?): geometry would be shipped")
if not rendering["remote"]:
    fail("the view rendered on the client, not on the server")
if rendering["client_faces"] != 0:
    fail("%d faces were shipped to the client" % rendering["client_faces"])
if rendering["remote_small"] or rendering["client_faces_small"] != counts[0]:
    fail("below the default threshold the %d faces should be shipped to the client and rendered there: %s"
         % (counts[0], rendering))
error = image_error(image, builtin_image)
print("image error server vs built-in: %g (%s, %s)" % (error, image, builtin_image))
if error > 1:
    fail("the server's image differs from the built-in session's: error %g" % error)
