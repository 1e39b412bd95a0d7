"""Under mpiexec (pvbatch --symmetric), Exploded Voxels runs distributed: each rank's input is a
strict piece of the image (plus the ghost layer the filter asks for), every voxel face is made by
exactly one rank, and together the ranks make exactly the faces of a serial run (same count, same
faces one by one, same bounds), with hidden faces culled across piece boundaries. Cases: the
Wavelet (point data, with and without interior faces and gaps), its cell data, a cut, and a real
brain read in pieces by the Analyze Zip Reader."""
import numpy as np
from paraview import simple
from paraview.simple import PointDatatoCellData, UpdatePipeline, Wavelet
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkDoubleArray
from vtkmodules.vtkCommonDataModel import vtkPlane

import paravoxel
from paravoxel.parallel import mpi_ranks
from paravoxel_testing import data_path, exploded_voxel_faces, fail, load_plugin, serial_wavelet

load_plugin()
controller, rank, ranks = mpi_ranks(minimum=2)

WHOLE = [-12, 12, -10, 11, -8, 9]


def serial_reader():
    reader = paravoxel.vtkAnalyzeZipReader()
    reader.SetFileName(data_path("analyze_types.zip"))
    reader.SetVolume("analyze/ch2_i2_le.hdr")
    return reader


def gather_faces(faces):
    """All ranks' faces, as an (n, 4) array on every rank."""
    local = np.array(sorted(faces), dtype=np.float64).reshape(-1, 4)
    send = numpy_to_vtk(local.ravel(), deep=1)
    received = vtkDoubleArray()
    controller.AllGatherV(send, received)
    return vtk_to_numpy(received).reshape(-1, 4).astype(np.int64)


def gather_bounds(bounds):
    send = numpy_to_vtk(np.array(bounds, dtype=np.float64), deep=1)
    received = vtkDoubleArray()
    controller.AllGather(send, received)
    everyone = vtk_to_numpy(received).reshape(ranks, 6)
    valid = everyone[everyone[:, 0] <= everyone[:, 1]]
    return np.ravel([valid[:, 0::2].min(axis=0), valid[:, 1::2].max(axis=0)], order="F")


def check(case, make_source, make_serial, array, cell, cut_plane=None, **properties):
    source = make_source()
    UpdatePipeline(proxy=source)
    voxels = simple.ExplodedVoxels(Input=source, Scalars=["CELLS" if cell else "POINTS", array],
                                   **properties)
    if cut_plane:
        voxels.CutFunction = "Plane"
        voxels.CutFunction.Origin, voxels.CutFunction.Normal = cut_plane
    UpdatePipeline(proxy=voxels)
    algorithm = voxels.GetClientSideObject()
    piece = algorithm.GetInputDataObject(0, 0)
    local = algorithm.GetOutputDataObject(0)

    serial_source = make_serial()
    serial = paravoxel.vtkExplodedVoxelsFilter()
    serial.SetInputConnection(serial_source.GetOutputPort())
    serial.SetInputArrayToProcess(0, 0, 0, 1 if cell else 0, array)
    for name, value in properties.items():
        getattr(serial, "Set" + name)(value)
    if cut_plane:
        plane = vtkPlane()
        plane.SetOrigin(cut_plane[0])
        plane.SetNormal(cut_plane[1])
        serial.SetCutFunction(plane)
    serial.Update()
    whole = serial_source.GetOutputDataObject(0)
    spacing, origin = whole.GetSpacing(), whole.GetOrigin()

    # A strict piece: fewer points than the whole image.
    if piece.GetNumberOfPoints() >= whole.GetNumberOfPoints():
        fail("%s: rank %d got the whole image %s instead of a piece" % (case, rank,
                                                                        piece.GetExtent()))
    faces = gather_faces(exploded_voxel_faces(local, spacing, origin, cell))
    expected = exploded_voxel_faces(serial.GetOutput(), spacing, origin, cell)
    if not expected:
        fail("%s: the serial run makes no face; the case tests nothing" % case)
    distinct = set(map(tuple, faces.tolist()))
    if len(faces) != serial.GetOutput().GetNumberOfCells() or len(distinct) != len(faces) or \
            distinct != expected:
        fail("%s: %d ranks make %d faces (%d distinct), serial %d; %d missing, %d extra" % (
            case, ranks, len(faces), len(distinct), len(expected), len(expected - distinct),
            len(distinct - expected)))
    bounds = gather_bounds(local.GetBounds())
    if not np.allclose(bounds, serial.GetOutput().GetBounds(), rtol=0, atol=1e-5):
        fail("%s: bounds %s, serial %s" % (case, bounds, serial.GetOutput().GetBounds()))
    if rank == 0:
        print("%s: %d ranks, %d faces, same as serial" % (case, ranks, len(faces)))


def wavelet():
    return Wavelet(WholeExtent=WHOLE)


def wavelet_cells():
    return PointDatatoCellData(Input=wavelet())


def brain():
    return simple.AnalyzeZipReader(FileName=data_path("analyze_types.zip"),
                                   Volume="analyze/ch2_i2_le.hdr")


check("wavelet culled", wavelet, lambda: serial_wavelet(WHOLE, False), "RTData", False, LowerThreshold=140)
check("wavelet interior faces, gap", wavelet, lambda: serial_wavelet(WHOLE, False), "RTData", False,
      LowerThreshold=140, KeepInteriorFaces=1, Gap=0.3)
check("wavelet cells", wavelet_cells, lambda: serial_wavelet(WHOLE, True), "RTData", True, LowerThreshold=150)
check("wavelet cut", wavelet, lambda: serial_wavelet(WHOLE, False), "RTData", False,
      cut_plane=([0.0, 0.0, 0.0], [1.0, -1.0, -1.0]), LowerThreshold=120)
check("brain", brain, serial_reader, "Intensity", False, LowerThreshold=0)
