"""Range caches: every array the reader and the filters make (Exploded Voxels' points too) carries
its ranges (per component, finite, L2 norm) when the pipeline hands it out, so ParaView's data
information reads them instead of computing them; and the cached ranges equal a computation in
numpy exactly, for every scalar type, with NaN and infinities, one to four components. The
reference is numpy's, not VTK's: VTK 9.6's own L2-norm range of an int32 array overflows (a NaN
minimum for int32 x 3), which the cache keeps ParaView from showing."""
import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonCore import VTK_DOUBLE_MAX, VTK_DOUBLE_MIN, vtkDataArray

import paravoxel
from paravoxel_testing import data_path, fail

CACHE_KEYS = (vtkDataArray.PER_COMPONENT(), vtkDataArray.PER_FINITE_COMPONENT())


def ranges(array):
    """Every range vtkPVArrayInformation asks for: per component and (components > 1) the norm."""
    components = array.GetNumberOfComponents()
    wanted = list(range(components)) + ([-1] if components > 1 else [])
    return [(c, array.GetRange(c), array.GetFiniteRange(c)) for c in wanted]


def extremes(values):
    """(min, max) of values without NaN, as VTK reports them; VTK's empty range if none."""
    values = values[~np.isnan(values)]
    if values.size == 0:
        return (VTK_DOUBLE_MAX, VTK_DOUBLE_MIN)
    return (float(values.min()), float(values.max()))


def reference_ranges(array):
    """ranges(array) computed in numpy from the array's values: components widened to double, the
    norm the square root of their sum of squares in double, a tuple with a NaN left out."""
    values = vtk_to_numpy(array).reshape(array.GetNumberOfTuples(), -1).astype(np.float64)
    columns = [(c, values[:, c]) for c in range(values.shape[1])]
    if values.shape[1] > 1:
        columns.append((-1, np.sqrt(np.sum(values * values, axis=1))))
    return [(c, extremes(column), extremes(column[np.isfinite(column)])) for c, column in columns]


def check_cached(label, array):
    if array.GetNumberOfTuples() == 0:
        return
    info = array.GetInformation()
    if not all(info.Has(key) for key in CACHE_KEYS):
        fail("%s: array '%s' has no cached ranges" % (label, array.GetName()))
    if array.GetNumberOfComponents() > 1 and not info.Has(vtkDataArray.L2_NORM_RANGE()):
        fail("%s: array '%s' has no cached norm range" % (label, array.GetName()))
    if ranges(array) != reference_ranges(array):
        fail("%s: array '%s' cached %s, numpy computes %s"
             % (label, array.GetName(), ranges(array), reference_ranges(array)))


# The helper itself, against VTK's computation.
rng = np.random.default_rng(3)
for dtype in (np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32, np.int64, np.uint64,
              np.float32, np.float64):
    for components in (1, 2, 3, 4):
        info = np.iinfo(dtype) if np.dtype(dtype).kind in "iu" else None
        if info:
            values = rng.integers(info.min, info.max, size=(1000, components), dtype=dtype, endpoint=True)
        else:
            values = (rng.standard_normal((1000, components)) * 1e3).astype(dtype)
            values[rng.integers(0, 1000, 20), rng.integers(0, components, 20)] = np.nan
            values[rng.integers(0, 1000, 5), 0] = np.inf
            values[rng.integers(0, 1000, 5), components - 1] = -np.inf
        array = numpy_to_vtk(values, deep=True)
        array.SetName("%s x %d" % (np.dtype(dtype).name, components))
        paravoxel.vtkParaVoxelArrayRanges.Cache(array)
        check_cached("helper", array)
all_nan = numpy_to_vtk(np.full((10, 1), np.nan), deep=True)
paravoxel.vtkParaVoxelArrayRanges.Cache(all_nan)
check_cached("helper, all NaN", all_nan)

# Reader -> Intensity Transform -> Exploded Voxels: every array handed out is cached.
for archive, volume in (("nifti_types.zip", "nifti/rgb.nii"), ("spm_scaled.zip", "spm/scaled_slope.hdr"),
                        ("analyze_types.zip", "analyze/ch2_f4_be.hdr"),
                        # integers: the transform's results come from a table of the values that occur
                        ("analyze_types.zip", "analyze/ch2_u1_le.hdr"),
                        ("analyze_types.zip", "analyze/ch2_i2_be.hdr")):
    reader = paravoxel.vtkAnalyzeZipReader()
    reader.SetFileName(data_path(archive))
    reader.SetVolume(volume)
    transform = paravoxel.vtkIntensityTransformFilter()
    transform.SetInputConnection(reader.GetOutputPort())
    rgb = volume.endswith("rgb.nii")  # three components: Exploded Voxels straight on the reader
    for keep_interior in (0, 1):
        voxels = paravoxel.vtkExplodedVoxelsFilter()
        voxels.SetInputConnection((reader if rgb else transform).GetOutputPort())
        voxels.SetKeepInteriorFaces(keep_interior)
        voxels.Update()
        label = "%s, KeepInteriorFaces %d" % (volume, keep_interior)
        check_cached(label + ", reader", reader.GetOutput().GetPointData().GetArray("Intensity"))
        if not rgb:
            check_cached(label + ", transform", transform.GetOutput().GetPointData().GetArray("Transformed"))
        output = voxels.GetOutput()
        if output.GetNumberOfCells() == 0:
            fail("%s: no faces" % label)
        check_cached(label + ", exploded voxels' points", output.GetPoints().GetData())
        for data in (output.GetCellData(), output.GetPointData()):
            for i in range(data.GetNumberOfArrays()):
                check_cached(label + ", exploded voxels", data.GetArray(i))
print("every array carries its ranges, equal to numpy's computation")
