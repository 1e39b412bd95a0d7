"""Shared helpers of ParaVoxel's Python tests (pvpython / pvbatch). Helpers that scripts other
than tests use too are the `paravoxel` package's: paravoxel.images (numpy <-> vtkImageData),
paravoxel.parallel (MPI ranks). Helpers the tests share with the benchmarks are the package
`support` beside this file: support.reference (the intensity curve in numpy), support.measure
and support.volumes (the benchmarks' timing and volumes)."""
import contextlib
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import numpy as np

DATA = os.environ.get("PARAVOXEL_TEST_DATA", "")
PLUGIN = os.environ.get("PARAVOXEL_PLUGIN", "")


def data_path(*parts):
    return os.path.join(DATA, *parts)


def read_png(path):
    """The vtkImageData of a PNG file."""
    from vtkmodules.vtkIOImage import vtkPNGReader
    reader = vtkPNGReader()
    reader.SetFileName(path)
    reader.Update()
    return reader.GetOutput()


def image_error(path, reference, pixel_threshold=None):
    """VTK's thresholded error between two PNG files (vtkImageDifference, as vtkTesting uses it);
    pixel_threshold: how far two pixels' colours may differ before they count (default VTK's)."""
    from vtkmodules.vtkImagingCore import vtkImageDifference
    difference = vtkImageDifference()
    if pixel_threshold is not None:
        difference.SetThreshold(pixel_threshold)
    difference.SetInputData(read_png(path))
    difference.SetImageData(read_png(reference))
    difference.Update()
    return difference.GetThresholdedError()


def baseline_path(folder, name):
    """The baseline image `name`.png in folder, or in its paraview-<major>.<minor> subfolder when
    this ParaView draws the picture differently (fonts, chart styles) and has one of its own."""
    from paraview.servermanager import vtkSMProxyManager
    version = "paraview-%d.%d" % (vtkSMProxyManager.GetVersionMajor(),
                                  vtkSMProxyManager.GetVersionMinor())
    own = os.path.join(folder, version, name + ".png")
    return own if os.path.exists(own) else os.path.join(folder, name + ".png")


def parse_mricron_labels(data):
    """{index: name} of mricron's label .txt bytes (`index name [code]` lines, whitespace or TAB
    separated), parsed independently of the reader."""
    names = {}
    for line in data.decode("utf-8").splitlines():
        fields = line.split()
        if fields:
            names[int(fields[0])] = fields[1]
    return names


def parse_mricron_lut(data):
    """The 256 x 3 uint8 colours of mricron's .lut bytes (256 reds, 256 greens, 256 blues)."""
    assert len(data) == 768
    return np.frombuffer(data, np.uint8).reshape(3, 256).T


def load_plugin():
    """Load the ParaVoxel plugin: its proxies (AnalyzeZipReader, IntensityTransform,
    ExplodedVoxels) become functions of paraview.simple."""
    from paraview.simple import LoadPlugin
    LoadPlugin(PLUGIN, remote=False)


class ErrorCatcher:
    """Collects the error and warning messages a VTK object emits (and keeps them off stderr)."""

    def __init__(self, vtk_object):
        from vtkmodules.util.misc import calldata_type
        from vtkmodules.util.vtkConstants import VTK_STRING
        self.errors = []
        self.warnings = []

        # VTK passes the message as call data only when the callback declares its type.
        @calldata_type(VTK_STRING)
        def on_error(obj, event, message):
            self.errors.append(message)

        @calldata_type(VTK_STRING)
        def on_warning(obj, event, message):
            self.warnings.append(message)

        self._callbacks = (on_error, on_warning)
        vtk_object.AddObserver("ErrorEvent", on_error)
        vtk_object.AddObserver("WarningEvent", on_warning)


def read_archive(file_name, **settings):
    """A vtkAnalyzeZipReader of `file_name` with settings (SetX(value) for X=value) updated once:
    (reader, its ErrorCatcher, the seconds the update took)."""
    import time
    import paravoxel
    reader = paravoxel.vtkAnalyzeZipReader()
    catcher = ErrorCatcher(reader)
    reader.SetFileName(file_name)
    for name, value in settings.items():
        getattr(reader, "Set" + name)(value)
    started = time.perf_counter()
    reader.Update()
    return reader, catcher, time.perf_counter() - started


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def listening_addresses(port):
    """The local addresses of the TCP sockets listening on `port` (/proc/net/tcp and tcp6)."""
    addresses = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):  # no IPv6 in this kernel
            continue
        with open(table) as f:
            next(f)
            for line in f:
                fields = line.split()
                address, hex_port = fields[1].split(":")
                if fields[3] == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    # The kernel prints each 32-bit word of the address in host (little-endian) order.
                    raw = b"".join(bytes.fromhex(address[i:i + 8])[::-1] for i in range(0, len(address), 8))
                    addresses.append(ipaddress.ip_address(raw))
    return addresses


@contextlib.contextmanager
def pvserver(ranks=2, plugins=False, timeout=120):
    """Starts `mpiexec -n RANKS pvserver` on a free port of 127.0.0.1 and yields the port; the
    server is stopped on leaving, also on failure, and ends after `timeout` s whatever happens.

    It runs under this process's display (with_display.sh), as remote rendering needs one: without
    it pvserver cannot render and ParaView silently ships all geometry to the client. pvserver
    5.11 has no option for its listening address, so the loopback_bind.c library
    ($PARAVOXEL_LOOPBACK_BIND, preloaded) binds its port to loopback; fails unless the port then
    listens on loopback addresses only. MPI talks through shared memory (no TCP listeners of its
    own in the ranks). plugins: load ParaVoxel on the server at startup (else the client does)."""
    preload = os.environ.get("PARAVOXEL_LOOPBACK_BIND", "")
    if not os.path.isfile(preload):
        fail("PARAVOXEL_LOOPBACK_BIND (the loopback bind library) is not set or missing: %r" % preload)
    command = ["timeout", "--kill-after=5", str(timeout),
               os.environ.get("PARAVOXEL_MPIEXEC", "mpiexec"), "--allow-run-as-root", "--oversubscribe",
               "--bind-to", "none", "-n", str(ranks),
               # Line-buffered, so that "Accepting connection(s)" arrives when it is printed.
               "stdbuf", "--output=L", os.environ.get("PARAVOXEL_PVSERVER", "pvserver"), "--dr",
               "--force-offscreen-rendering"]
    if plugins:
        command += ["--plugin-search-paths=" + os.path.dirname(PLUGIN), "--plugins=ParaVoxel"]
    # A free port can be taken by someone else before pvserver binds it: then try another.
    for attempt in range(3):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        # pvpython is an MPI singleton: mpiexec refuses to start in its MPI environment.
        environment = {name: value for name, value in os.environ.items()
                       if not name.startswith(("OMPI_", "PMIX_", "ORTE_"))}
        # Idle ranks yield their core instead of spinning: on 2 busy cores that makes the test
        # about 33 s instead of 53 s.
        environment.update(PARAVOXEL_LOOPBACK_PORT=str(port), OMPI_MCA_btl="self,vader",
                           OMPI_MCA_mpi_yield_when_idle="1",
                           LD_PRELOAD=" ".join(filter(None, [preload, os.environ.get("LD_PRELOAD")])))
        # timeout(1) leads its own process group (mpiexec and the ranks): stopped as one below.
        server = subprocess.Popen(command + ["--server-port=%d" % port], env=environment,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        output = []
        listening = threading.Event()

        def drain(stream=server.stdout, output=output, listening=listening):
            # Read all of the server's output, so that it never blocks on a full pipe.
            for line in stream:
                output.append(line)
                if line.startswith("Accepting connection(s):"):
                    listening.set()

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        started = time.monotonic()
        while not listening.wait(0.2) and server.poll() is None and time.monotonic() - started < 60:
            pass
        if listening.is_set():
            break
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
            fail("pvserver did not listen within 60 s:\n" + "".join(output[-30:]))
        reader.join(5)
        if not any("Address already in use" in line for line in output) or attempt == 2:
            fail("pvserver did not start:\n" + "".join(output[-30:]))
    try:
        addresses = listening_addresses(port)
        if not addresses or not all(address.is_loopback for address in addresses):
            fail("pvserver should listen on loopback only, it listens on %s" % addresses)
        yield port
    except BaseException:
        print("pvserver's output:\n" + "".join(output[-30:]))
        raise
    finally:
        # pvserver exits when its client closes the session; else it is stopped here.
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


# Exploded Voxels faces are named (i, j, k, side), side 0..5 = -x, +x, -y, +y, -z, +z.
FACE_SIDES = [(-1, 0, 0), (1, 0, 0), (0, -1, 0), (0, 1, 0), (0, 0, -1), (0, 0, 1)]


def expected_voxel_faces(filled, keep_interior=False):
    """The faces Exploded Voxels should make for the boolean volume `filled` ([i, j, k]): all six of
    each filled voxel, or only those towards an empty voxel or the border."""
    padded = np.pad(filled, 1)
    n = filled.shape
    faces = set()
    for side, (di, dj, dk) in enumerate(FACE_SIDES):
        neighbour = padded[1 + di:1 + di + n[0], 1 + dj:1 + dj + n[1], 1 + dk:1 + dk + n[2]]
        shown = filled if keep_interior else filled & ~neighbour
        faces.update((int(i), int(j), int(k), side) for i, j, k in zip(*np.nonzero(shown)))
    return faces


def exploded_voxel_faces(polydata, spacing=(1, 1, 1), origin=(0, 0, 0), cell=False):
    """The faces of an Exploded Voxels output, as (i, j, k, side) from VoxelIndex and the position
    of each quad around its voxel's centre. Fails unless every cell is a quad whose normal points
    out of its voxel and every point is used exactly by the quads (no stray points)."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    if polydata.GetNumberOfCells() == 0:
        return set()
    polys = polydata.GetPolys()
    if polys.GetNumberOfCells() != polydata.GetNumberOfCells():
        fail("the output has cells other than polygons")
    if np.any(np.diff(vtk_to_numpy(polys.GetOffsetsArray())) != 4):
        fail("the output has polygons that are not quads")
    quads = vtk_to_numpy(polys.GetConnectivityArray()).reshape(-1, 4)
    points = vtk_to_numpy(polydata.GetPoints().GetData()).astype(np.float64)
    if len(np.unique(quads)) != len(points):
        fail("%d points but the quads use %d" % (len(points), len(np.unique(quads))))
    index = vtk_to_numpy(polydata.GetCellData().GetArray("VoxelIndex"))
    corners = points[quads]
    spacing = np.asarray(spacing, dtype=np.float64)
    voxel_centres = np.asarray(origin) + (index + (0.5 if cell else 0.0)) * spacing
    offset = (corners.mean(axis=1) - voxel_centres) / spacing
    axis = np.argmax(np.abs(offset), axis=1)
    positive = offset[np.arange(len(axis)), axis] > 0
    sides = 2 * axis + positive
    normals = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 1])
    if np.any(np.sign(normals[np.arange(len(axis)), axis]) != np.where(positive, 1, -1)):
        fail("some quads face into their voxel")
    return set(zip(*(index.T.tolist() + [sides.tolist()])))


def serial_wavelet(whole, cell=False):
    """VTK's Wavelet source over the extent `whole` (point data RTData), or its cell-data
    version: the serial reference the MPI tests compare ParaView's distributed Wavelet with."""
    from vtkmodules.vtkFiltersCore import vtkPointDataToCellData
    from vtkmodules.vtkImagingCore import vtkRTAnalyticSource
    source = vtkRTAnalyticSource()
    source.SetWholeExtent(*whole)
    if not cell:
        return source
    to_cells = vtkPointDataToCellData()
    to_cells.SetInputConnection(source.GetOutputPort())
    return to_cells


AAL = "/usr/share/mricron/templates/aal.nii.gz"


def aal_label_names():
    """The names of the AAL atlas's labels from mricron's aal.nii.txt (`index name code` lines):
    a list, entry k the name of label k ("" where none)."""
    names = {}
    with open(AAL.replace(".gz", "") + ".txt") as sidecar:
        for line in sidecar:
            fields = line.split()
            if len(fields) >= 2:
                names[int(fields[0])] = fields[1]
    return [names.get(label, "") for label in range(max(names) + 1)]


def attach_label_names(image, names):
    """Adds field data LabelNames (a vtkStringArray) holding `names` to `image`, as a reader of
    label sidecars does."""
    from vtkmodules.vtkCommonCore import vtkStringArray
    array = vtkStringArray()
    array.SetName("LabelNames")
    for name in names:
        array.InsertNextValue(name)
    image.GetFieldData().AddArray(array)


def image_labels(image, name="Intensity"):
    """The point array `name` of `image` as a numpy array indexed [i, j, k]."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    nx, ny, nz = image.GetDimensions()
    return vtk_to_numpy(image.GetPointData().GetArray(name)).reshape(nz, ny, nx).transpose(2, 1, 0)


def region_offsets(labels, filled, spacing, explosion):
    """Per label (an array indexed by label): RegionExplosion's offset of its boxes, explosion x
    (centroid of the label's filled voxels - centroid of all filled voxels), numpy's way."""
    i, j, k = np.nonzero(filled)
    values = labels[i, j, k].astype(np.int64)
    count = np.bincount(values, minlength=labels.max() + 1).astype(np.float64)
    offsets = np.zeros((len(count), 3))
    for axis, index in enumerate((i, j, k)):
        sums = np.bincount(values, weights=index.astype(np.float64), minlength=len(count))
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.where(count > 0, sums / count, 0.0)
        offsets[:, axis] = explosion * spacing[axis] * np.where(count > 0, means - index.mean(), 0.0)
    return offsets


def region_faces(polydata, labels, origin, spacing, offsets, half=0.5):
    """The faces of an Exploded Voxels output of point voxels as sorted int64 keys
    ((i * ny + j) * nz + k) * 6 + side, found from VoxelIndex and where each quad's centre lies
    around its voxel's centre moved by its region's offset; fails unless every quad is exactly
    `half` a voxel (half a box) from that centre along one axis."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    if polydata.GetNumberOfCells() == 0:
        return np.zeros(0, dtype=np.int64)
    quads = vtk_to_numpy(polydata.GetPolys().GetConnectivityArray()).reshape(-1, 4)
    points = vtk_to_numpy(polydata.GetPoints().GetData()).astype(np.float64)
    index = vtk_to_numpy(polydata.GetCellData().GetArray("VoxelIndex")).astype(np.int64)
    spacing = np.asarray(spacing, dtype=np.float64)
    face_labels = labels[index[:, 0], index[:, 1], index[:, 2]]
    moved = np.asarray(origin) + index * spacing + offsets[face_labels]
    step = (points[quads].mean(axis=1) - moved) / spacing
    axis = np.argmax(np.abs(step), axis=1)
    along = step[np.arange(len(axis)), axis]
    across = np.abs(step).sum(axis=1) - np.abs(along)
    bad = (np.abs(np.abs(along) - half) > 1e-4) | (across > 1e-4)
    if bad.any():
        first = np.flatnonzero(bad)[0]
        fail("%d faces are not on their voxel's box moved by its region's offset; the first, of "
             "voxel %s (label %d), is off by %s voxels" % (bad.sum(), index[first].tolist(),
                                                         face_labels[first], step[first]))
    nx, ny, nz = labels.shape
    side = 2 * axis + (along > 0)
    return np.sort(((index[:, 0] * ny + index[:, 1]) * nz + index[:, 2]) * 6 + side)


def expected_region_faces(labels, filled, explode=True):
    """The faces Exploded Voxels should make for the filled voxels of a label image, as
    region_faces' keys: the sides of each filled voxel towards the border, an empty voxel or (when
    regions move apart) a voxel of another label."""
    regions = np.where(filled, labels.astype(np.int64) + 1, 0)
    if not explode:
        regions = filled.astype(np.int64)
    padded = np.pad(regions, 1)
    nx, ny, nz = labels.shape
    keys = []
    centre = padded[1:-1, 1:-1, 1:-1]
    for axis in range(3):
        for positive in (0, 1):
            shift = [slice(1, -1)] * 3
            shift[axis] = slice(2, None) if positive else slice(0, -2)
            opened = filled & (padded[tuple(shift)] != centre)
            i, j, k = (index.astype(np.int64) for index in np.nonzero(opened))
            keys.append(((i * ny + j) * nz + k) * 6 + 2 * axis + positive)
    return np.sort(np.concatenate(keys))


def names_step(source, names):
    """A ProgrammableFilter proxy after `source` that passes its image on with field data
    LabelNames holding `names`, as a reader of label sidecars gives them (on every rank under
    MPI, whatever piece it runs on)."""
    from paraview import simple
    script = ("from paravoxel_testing import attach_label_names\n"
              "output = self.GetOutputDataObject(0)\n"
              "output.ShallowCopy(self.GetInputDataObject(0, 0))\n"
              "attach_label_names(output, %r)\n" % (list(names),))
    return simple.ProgrammableFilter(Input=source, OutputDataSetType="Same as Input",
                                     CopyArrays=0, Script=script)


def exploded_labels(image, **settings):
    """A vtkExplodedVoxelsFilter on `image` with settings as the proxy's properties (Regions: a list
    of names or numbers; the others Set<Name>(value)), updated: (the filter, its ErrorCatcher)."""
    import paravoxel
    voxels = paravoxel.vtkExplodedVoxelsFilter()
    messages = ErrorCatcher(voxels)
    voxels.SetInputData(image)
    for name, value in settings.items():
        if name == "Regions":
            for region in value:
                voxels.AddRegion(region)
        else:
            getattr(voxels, "Set" + name)(value)
    voxels.Update()
    return voxels, messages
