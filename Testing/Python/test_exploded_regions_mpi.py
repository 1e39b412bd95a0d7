"""Under mpiexec (pvbatch --symmetric), Exploded Voxels' regions run distributed: the Analyze Zip
Reader gives each rank a piece of the AAL atlas (with the names of aal.nii.txt as LabelNames),
the regions' centroids are added up over the ranks, and together the ranks make exactly the faces
of a serial run, each at the same place (every region moved by the same offset), with the same
labels."""
import numpy as np
from paraview import simple
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkDoubleArray

from paravoxel.parallel import mpi_ranks
from paravoxel_testing import (AAL, aal_label_names, attach_label_names, exploded_labels, fail,
                               image_labels, load_plugin, names_step, read_archive)

load_plugin()
controller, rank, ranks = mpi_ranks(minimum=2)
names = aal_label_names()

serial_reader, _, _ = read_archive(AAL)
serial_image = serial_reader.GetOutput()
attach_label_names(serial_image, names)
labels = image_labels(serial_image)


def face_rows(polydata):
    """Each face as (i, j, k, x, y, z of its centre, its label), sorted."""
    if polydata.GetNumberOfCells() == 0:
        return np.zeros((0, 7))
    quads = vtk_to_numpy(polydata.GetPolys().GetConnectivityArray()).reshape(-1, 4)
    points = vtk_to_numpy(polydata.GetPoints().GetData()).astype(np.float64)
    index = vtk_to_numpy(polydata.GetCellData().GetArray("VoxelIndex")).astype(np.float64)
    made = vtk_to_numpy(polydata.GetCellData().GetScalars())
    label = labels[tuple(index.astype(np.int64).T)]
    if not np.array_equal(made, label):
        fail("rank %d: faces whose label is not their voxel's" % rank)
    rows = np.column_stack([index, points[quads].mean(axis=1), label])
    return rows[np.lexsort(rows.T[::-1])]


def gather(rows):
    send = numpy_to_vtk(np.ascontiguousarray(rows).ravel(), deep=1)
    received = vtkDoubleArray()
    controller.AllGatherV(send, received)
    everyone = vtk_to_numpy(received).reshape(-1, 7)
    return everyone[np.lexsort(everyone.T[::-1])]


atlas = names_step(simple.AnalyzeZipReader(FileName=AAL, Volume="aal.nii.gz"), names)
for case, settings in [
        ("explosion 0.6", dict(RegionExplosion=0.6)),
        ("explosion 1.2 of four regions, gap, interior faces",
         dict(RegionExplosion=1.2, Gap=0.2, KeepInteriorFaces=1,
              Regions=["Hippocampus_L", "Hippocampus_R", "Precentral_L", "116"]))]:
    voxels = simple.ExplodedVoxels(Input=atlas, Scalars=["POINTS", "Intensity"], **settings)
    simple.UpdatePipeline(proxy=voxels)
    algorithm = voxels.GetClientSideObject()
    piece = algorithm.GetInputDataObject(0, 0)
    if piece.GetNumberOfPoints() >= serial_image.GetNumberOfPoints():
        fail("%s: rank %d got the whole image %s instead of a piece" % (case, rank,
                                                                        piece.GetExtent()))
    faces = gather(face_rows(algorithm.GetOutputDataObject(0)))

    serial, _ = exploded_labels(serial_image, **settings)
    expected = face_rows(serial.GetOutput())
    if len(expected) == 0:
        fail("%s: the serial run makes no face; the case tests nothing" % case)
    if faces.shape != expected.shape or not np.array_equal(faces[:, :3], expected[:, :3]) or \
            not np.allclose(faces[:, 3:], expected[:, 3:], rtol=0, atol=1e-5):
        fail("%s: %d ranks make %d faces, serial %d, or not at the same places" % (
            case, ranks, len(faces), len(expected)))
    if rank == 0:
        print("%s: %d ranks, %d faces, the serial faces at the serial places" % (case, ranks,
                                                                                len(faces)))
    simple.Delete(voxels)
