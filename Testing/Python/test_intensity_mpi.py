"""Under mpiexec (pvbatch --symmetric), Intensity Transform runs distributed: each rank's input is
a strict piece of the image, and the statistics (minimum, maximum, percentiles, mean(g)) are
global, each shared boundary point counted once, so every rank's result equals the serial result
at the same voxels bit for bit (no seams at piece boundaries), and the serial result matches
numpy's formula. Cases: the Wavelet's float32 point data (radix selection and fixed-point mean)
and its cell data, with Data and Percentiles ranges, and a real int16 brain read in pieces by the
Analyze Zip Reader (value histogram); an image too small to split, where ranks with empty pieces
still join the reductions. pvbatch uses the threaded SMP backend."""
import numpy as np
from paraview import simple
from paraview.simple import PointDatatoCellData, UpdatePipeline, Wavelet
from vtkmodules.vtkCommonCore import vtkSMPTools

import paravoxel
from paravoxel.images import image_to_numpy
from paravoxel.parallel import mpi_ranks
from support.reference import intensity_transform_reference
from paravoxel_testing import data_path, fail, load_plugin, serial_wavelet

load_plugin()
controller, rank, ranks = mpi_ranks(minimum=2)
# pvbatch, like pvpython, runs the filter's loops on every core once the plugin is loaded.
if vtkSMPTools.GetBackend() != "STDThread":
    fail("pvbatch runs vtkSMPTools' %s backend after loading the plugin" % vtkSMPTools.GetBackend())

WHOLE = [-12, 12, -10, 11, -8, 9]
BRAIN = ("analyze_types.zip", "analyze/ch2_i2_le.hdr")


def wavelet_reference(cell):
    return serial_wavelet(WHOLE, cell)


def serial_brain(cell):
    reader = paravoxel.vtkAnalyzeZipReader()
    reader.SetFileName(data_path(BRAIN[0]))
    reader.SetVolume(BRAIN[1])
    return reader


def wavelet(cell, whole=WHOLE):
    source = Wavelet(WholeExtent=whole)
    return PointDatatoCellData(Input=source) if cell else source


def brain(cell):
    return simple.AnalyzeZipReader(FileName=data_path(BRAIN[0]), Volume=BRAIN[1])


def check(case, make_source, make_serial, array, cell, strict=True, **settings):
    source = make_source(cell)
    UpdatePipeline(proxy=source)
    properties = {}
    if "PercentileRange" in settings:
        properties = dict(NormalizationMode="Percentiles",
                          PercentileRange=list(settings["PercentileRange"]))
    transform = simple.IntensityTransform(Input=source,
                                          Scalars=["CELLS" if cell else "POINTS", array],
                                          **properties)
    UpdatePipeline(proxy=transform)
    algorithm = transform.GetClientSideObject()
    piece = algorithm.GetInputDataObject(0, 0)
    local = algorithm.GetOutputDataObject(0)

    serial_source = make_serial(cell)
    serial = paravoxel.vtkIntensityTransformFilter()
    serial.SetInputConnection(serial_source.GetOutputPort())
    serial.SetInputArrayToProcess(0, 0, 0, 1 if cell else 0, array)
    if "PercentileRange" in settings:
        serial.SetNormalizationMode(serial.PERCENTILE_RANGE)
        serial.SetPercentileRange(*settings["PercentileRange"])
    serial.Update()
    whole = serial.GetOutput()

    if local.GetNumberOfPoints() == 0:
        # More ranks than the image can be split into: this rank only took part in the
        # reductions.
        print("%s: rank %d of %d has an empty piece" % (case, rank, ranks))
        return
    if strict and piece.GetNumberOfPoints() >= whole.GetNumberOfPoints():
        fail("%s: rank %d got the whole image %s instead of a piece" % (case, rank,
                                                                        piece.GetExtent()))
    expected = image_to_numpy(whole, "Transformed", cell=cell)
    reference = intensity_transform_reference(
        image_to_numpy(whole, array, cell=cell), percentiles=settings.get("PercentileRange"))
    if np.abs(expected - reference).max() > 1e-6 or np.all(expected == 0):
        fail("%s: the serial result does not match numpy" % case)

    extent, whole_extent = local.GetExtent(), whole.GetExtent()
    cells = 1 if cell else 0
    box = tuple(slice(extent[2 * a] - whole_extent[2 * a],
                      extent[2 * a + 1] - whole_extent[2 * a] + 1 - cells
                      if extent[2 * a + 1] > extent[2 * a] or not cell else 1)
                for a in range(3))
    result = image_to_numpy(local, "Transformed", cell=cell)
    if result.shape != expected[box].shape or not np.array_equal(result, expected[box]):
        difference = np.abs(result - expected[box]).max() if result.shape == expected[box].shape \
            else "shape %s vs %s" % (result.shape, expected[box].shape)
        fail("%s: rank %d, piece %s differs from the serial result (%s)" % (
            case, rank, extent, difference))
    print("%s: rank %d of %d, piece %s of %s equals the serial result" % (
        case, rank, ranks, extent, whole_extent))


check("wavelet", wavelet, wavelet_reference, "RTData", False)
check("wavelet percentiles", wavelet, wavelet_reference, "RTData", False, PercentileRange=(2, 95))
check("wavelet cells", wavelet, wavelet_reference, "RTData", True)
check("wavelet cells percentiles", wavelet, wavelet_reference, "RTData", True,
      PercentileRange=(10, 90))
check("brain", brain, serial_brain, "Intensity", False)
check("brain percentiles", brain, serial_brain, "Intensity", False, PercentileRange=(1, 99))
# A 2 x 2 image, one cell: it cannot be split, the other ranks get empty pieces and must still
# join every reduction (no hang), and the rank with the image gets the serial result.
TINY = [0, 1, 0, 1, 0, 0]
check("tiny wavelet percentiles", lambda cell: wavelet(cell, TINY),
      lambda cell: serial_wavelet(TINY, cell), "RTData", False, strict=False,
      PercentileRange=(5, 95))
