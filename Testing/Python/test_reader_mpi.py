"""Under mpiexec (pvbatch --symmetric), each rank reads only its own piece of the volume, and
the pieces equal the serial read value for value and together cover the whole volume. In world
space (the default) too, where a piece of the output grid comes from a flipped or permuted box of
stored voxels: Analyze (x flipped), axes permuted and flipped, oblique with two axes flipped."""
import numpy as np
from paraview import simple
from paraview.simple import UpdatePipeline
from vtkmodules.vtkCommonCore import vtkIntArray

import paravoxel
from paravoxel.images import image_to_numpy
from paravoxel.parallel import mpi_ranks
from paravoxel_testing import data_path, fail, load_plugin

load_plugin()
controller, rank, ranks = mpi_ranks(minimum=2)

# A byte-swapped int16 volume (direct path + swap), a scaled one (converter path) and RGB24.
CASES = [("analyze_types.zip", "analyze/ch2_i2_be.hdr"),
         ("spm_scaled.zip", "spm/scaled_slope.hdr"),
         ("nifti_types.zip", "nifti/rgb.nii"),
         ("nifti_types.zip", "nifti/compressed.nii.gz"),
         ("world.zip", "world/permuted.nii"),
         ("world.zip", "world/oblique20.nii.gz"),
         ("world.zip", "world/las.nii.gz")]

for archive, volume in CASES:
    reader = simple.AnalyzeZipReader(FileName=data_path(archive), Volume=volume)
    UpdatePipeline(proxy=reader)
    piece = reader.GetClientSideObject().GetOutputDataObject(0)
    extent = piece.GetExtent()

    serial = paravoxel.vtkAnalyzeZipReader()
    serial.SetFileName(data_path(archive))
    serial.SetVolume(volume)
    serial.Update()
    whole = image_to_numpy(serial.GetOutput())
    dims = serial.GetOutput().GetDimensions()

    local = image_to_numpy(piece)
    expected = whole[extent[0]:extent[1] + 1, extent[2]:extent[3] + 1, extent[4]:extent[5] + 1]
    if piece.GetNumberOfPoints() >= whole.shape[0] * whole.shape[1] * whole.shape[2]:
        fail("rank %d read the whole of %s instead of a piece" % (rank, volume))
    if local.dtype != expected.dtype or not np.array_equal(local, expected):
        fail("rank %d: piece %s of %s differs from the serial read" % (rank, extent, volume))
    if not np.allclose(piece.GetOrigin(), serial.GetOutput().GetOrigin()):
        fail("rank %d: origin differs" % rank)
    if not (np.allclose(piece.GetSpacing(), serial.GetOutput().GetSpacing()) and
            np.allclose([piece.GetDirectionMatrix().GetElement(r, c) for r in range(3) for c in range(3)],
                        [serial.GetOutput().GetDirectionMatrix().GetElement(r, c)
                         for r in range(3) for c in range(3)])):
        fail("rank %d: spacing or direction of %s differs" % (rank, volume))

    # Together the pieces cover every point.
    mine = vtkIntArray()
    mine.SetNumberOfComponents(6)
    mine.InsertNextTuple(extent)
    everyone = vtkIntArray()
    controller.AllGather(mine, everyone)
    covered = np.zeros(dims[::-1], dtype=bool)
    for r in range(ranks):
        e = [int(v) for v in everyone.GetTuple(r)]
        covered[e[4]:e[5] + 1, e[2]:e[3] + 1, e[0]:e[1] + 1] = True
    if not covered.all():
        fail("the pieces of %s leave %d points uncovered" % (volume, int((~covered).sum())))
    if rank == 0:
        print("%s: %d ranks, pieces equal the serial read" % (volume, ranks))
