"""Exploded Voxels through its pvpython proxy: exactly the expected faces (checked one by one
against numpy, not only counted) on the tutorial's 3x3x3 pattern, a solid block (54 culled, 162
with interior faces), a single voxel (6) and random volumes (also keeping only the faces toward
a view point); exact bounds with spacing, origin
and Gap; quads with outward normals, shared corners, 32-bit connectivity; the carried array
intact for every scalar type and for RGBA, also at the corners of separate boxes; cell data; empty selections and errors."""
import numpy as np
from paraview import simple
from paraview import servermanager
from paraview.simple import Delete, TrivialProducer
from vtkmodules.util.numpy_support import vtk_to_numpy

import paravoxel

from paravoxel.images import numpy_to_image
from paravoxel_testing import (ErrorCatcher, exploded_voxel_faces, expected_voxel_faces, fail,
                               load_plugin)

load_plugin()

SEED = np.array([[[1, 0, 1], [0, 0, 1], [0, 1, 0]],
                 [[0, 1, 1], [1, 0, 0], [1, 0, 1]],
                 [[1, 1, 0], [1, 1, 1], [0, 0, 0]]], dtype=np.uint8)


def explode(values, spacing=(1, 1, 1), origin=(0, 0, 0), cell=False, **properties):
    """Run the ExplodedVoxels proxy on `values` ([i, j, k] numpy); returns (output, errors)."""
    source = TrivialProducer()
    source.GetClientSideObject().SetOutput(
        numpy_to_image(values, "v", spacing, origin, cell))
    source.UpdatePipeline()
    voxels = simple.ExplodedVoxels(Input=source)
    voxels.Scalars = ["CELLS" if cell else "POINTS", "v"]
    for name, value in properties.items():
        setattr(voxels, name, value)
    errors = ErrorCatcher(voxels.GetClientSideObject())
    voxels.UpdatePipeline()
    output = servermanager.Fetch(voxels)
    Delete(voxels)
    Delete(source)
    return output, errors.errors


def toward(faces, view_point, spacing, origin, cell, half):
    """The faces (i, j, k, side) whose outer side looks toward `view_point`: the point lies
    beyond the face's plane, half a (shrunk) box from the voxel's centre."""
    kept = set()
    for i, j, k, side in faces:
        axis, positive = side // 2, side % 2
        centre = origin[axis] + ((i, j, k)[axis] + (0.5 if cell else 0.0)) * spacing[axis]
        along = (view_point[axis] - centre) / spacing[axis]
        if (along > half) if positive else (along < -half):
            kept.add((i, j, k, side))
    return kept


def check(case, values, filled, spacing=(1, 1, 1), origin=(0, 0, 0), cell=False, Gap=0.0,
          KeepInteriorFaces=0, view_point=None, **properties):
    """Explode `values` and compare with the numpy reference for the boolean volume `filled`
    (only the faces toward `view_point` when given)."""
    if view_point is not None:
        properties.update(OnlyFacesTowardViewPoint=1, ViewPoint=view_point)
    output, errors = explode(values, spacing, origin, cell, Gap=Gap,
                             KeepInteriorFaces=KeepInteriorFaces, **properties)
    if errors:
        fail("%s: unexpected errors %s" % (case, errors))
    expected = expected_voxel_faces(filled, KeepInteriorFaces)
    if view_point is not None:
        half = 0.5 * (1.0 - (max(Gap, 0.01) if KeepInteriorFaces else Gap))
        expected = toward(expected, view_point, spacing, origin, cell, half)
    faces = exploded_voxel_faces(output, spacing, origin, cell)
    if output.GetNumberOfCells() != len(faces) or faces != expected:
        fail("%s: %d faces (%d distinct), expected %d; %d missing, %d extra" % (
            case, output.GetNumberOfCells(), len(faces), len(expected),
            len(expected - faces), len(faces - expected)))
    if not expected:
        return output
    if output.GetPolys().IsStorage64Bit():
        fail("%s: connectivity should be 32-bit" % case)

    # Bounds: the outermost boxes, shrunk by the gap (at least the inset with interior faces).
    gap = max(Gap, 0.01) if KeepInteriorFaces else Gap
    half = 0.5 * (1.0 - gap)
    indices = np.argwhere(filled)
    centre_shift = 0.5 if cell else 0.0
    low = np.asarray(origin) + (indices.min(axis=0) + centre_shift - half) * spacing
    high = np.asarray(origin) + (indices.max(axis=0) + centre_shift + half) * spacing
    expected_bounds = np.column_stack([low, high]).ravel()
    if not np.allclose(output.GetBounds(), expected_bounds, rtol=0, atol=1e-5):
        fail("%s: bounds %s, expected %s" % (case, output.GetBounds(), expected_bounds))

    # Corners are stored once: no two points at the same place.
    points = vtk_to_numpy(output.GetPoints().GetData())
    if len(np.unique(points, axis=0)) != len(points):
        fail("%s: duplicated points" % case)

    # Every face carries its voxel's value(s), in the input's type, under the input's name.
    carried = output.GetCellData().GetArray("v")
    index = vtk_to_numpy(output.GetCellData().GetArray("VoxelIndex"))
    values = np.asarray(values)
    reference = values[index[:, 0], index[:, 1], index[:, 2]]
    got = vtk_to_numpy(carried).reshape(reference.shape)
    if got.dtype != values.dtype or not np.array_equal(got, reference):
        fail("%s: carried values differ from the voxels' values" % case)
    if output.GetCellData().GetScalars() is None or \
            output.GetCellData().GetScalars().GetName() != "v":
        fail("%s: the carried array should be the active cell scalars" % case)

    # Separate boxes (a gap, or interior faces kept) own their corners: each corner carries its
    # box's value(s) as point data too. Shared corners belong to several voxels: no point data.
    corner_values = output.GetPointData().GetArray("v")
    if Gap > 0 or KeepInteriorFaces:
        quads = vtk_to_numpy(output.GetPolys().GetConnectivityArray()).reshape(-1, 4)
        at_corners = vtk_to_numpy(corner_values).reshape((len(points),) + reference.shape[1:]) \
            if corner_values is not None else None
        if at_corners is None or at_corners.dtype != values.dtype or \
                output.GetPointData().GetScalars().GetName() != "v" or \
                not all(np.array_equal(at_corners[quads[:, n]], reference) for n in range(4)):
            fail("%s: the corners of each box should carry its voxel's value(s)" % case)
    elif corner_values is not None:
        fail("%s: shared corners should carry no voxel values" % case)
    return output


# Hand-checkable cases.
single = np.ones((1, 1, 1), dtype=np.uint8)
solid = np.ones((3, 3, 3), dtype=np.uint8)
for case, values in [("single voxel", single), ("solid block", solid), ("seed pattern", SEED)]:
    for keep in (0, 1):
        for gap in (0.0, 0.3):
            output = check("%s keep=%d gap=%g" % (case, keep, gap), values, values != 0,
                           Gap=gap, KeepInteriorFaces=keep)
            count = output.GetNumberOfCells()
            if case == "single voxel" and count != 6:
                fail("a single voxel gives %d faces, not 6" % count)
            if case == "solid block" and count != (162 if keep else 54):
                fail("the solid block gives %d faces with KeepInteriorFaces=%d" % (count, keep))
            if case == "seed pattern" and keep and count != 6 * 14:
                fail("the seed pattern gives %d faces with interior faces, not 84" % count)
# Shared corners with Gap 0: the solid block's surface has the 4x4x4 lattice corners but the 8
# inside it.
output, _ = explode(solid)
if output.GetNumberOfPoints() != 56:
    fail("the solid block has %d points, expected 56 shared corners" % output.GetNumberOfPoints())

# Random volumes, with spacing, origin and gap; point and cell data.
rng = np.random.default_rng(5)
for trial, (shape, density) in enumerate([((7, 6, 5), 0.3), ((12, 10, 9), 0.6), ((20, 3, 1), 0.5),
                                          ((1, 16, 11), 0.5)]):
    values = (rng.random(shape) * 100).astype(np.float32)
    filled = values > 100 * (1 - density)
    spacing, origin = (0.5, 2.0, 1.5), (-3.0, 4.0, 10.0)
    for cell in (False, True):
        for keep, gap in [(0, 0.0), (0, 0.25), (1, 0.0), (1, 0.6)]:
            check("random %d cell=%s keep=%d gap=%g" % (trial, cell, keep, gap), values, filled,
                  spacing, origin, cell, Gap=gap, KeepInteriorFaces=keep,
                  LowerThreshold=100 * (1 - density))
            # Only the faces toward a camera, outside the volume and inside it.
            for view_point in [(20.0, -7.0, 30.0), (-1.2, 9.0, 12.5)]:
                check("random %d cell=%s keep=%d gap=%g toward %s" % (
                    trial, cell, keep, gap, view_point), values, filled, spacing, origin, cell,
                    Gap=gap, KeepInteriorFaces=keep, view_point=view_point,
                    LowerThreshold=100 * (1 - density))

# Every scalar type, with negative values and both thresholds.
for dtype in [np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32, np.int64, np.uint64,
              np.float32, np.float64]:
    signed = np.issubdtype(dtype, np.signedinteger) or np.issubdtype(dtype, np.floating)
    values = rng.integers(-5 if signed else 0, 6, size=(6, 5, 4)).astype(dtype)
    low, high = (-2, 3) if signed else (1, 4)
    check("type %s" % np.dtype(dtype).name, values, (values > low) & (values <= high),
          LowerThreshold=low, UpperThreshold=high)

# RGBA: the magnitude, or one chosen component, decides; all four components are carried.
rgba = rng.integers(0, 256, size=(5, 4, 6, 4)).astype(np.uint8)
magnitude = np.sqrt((rgba.astype(np.float64) ** 2).sum(axis=3))
check("rgba magnitude", rgba, magnitude > 250, LowerThreshold=250)
check("rgba alpha", rgba, rgba[..., 3] > 128, LowerThreshold=128, ThresholdComponent=3)

# Nothing selected: an empty output and no error.
output = check("empty selection", SEED, np.zeros(SEED.shape, dtype=bool), LowerThreshold=1)
if output.GetNumberOfCells() or output.GetNumberOfPoints():
    fail("an empty selection should give an empty output")

# Direction matrices (world space gives oblique images a rotation): a reflection (x and y
# swapped, left-handed axes), an oblique rotation with z flipped, and a small tilt. Boxes follow
# the image axes: every corner of every face lies on its voxel's box, in the image's own index
# frame (numpy), the faces are exactly the seed's, quads face out of their voxel, and the bounds
# are those of the boxes in world coordinates.
c20, s20 = np.cos(np.radians(20)), np.sin(np.radians(20))
c10, s10 = np.cos(np.radians(10)), np.sin(np.radians(10))
DIRECTIONS = {
    "reflected": (0, 1, 0, 1, 0, 0, 0, 0, 1),
    "oblique, z flipped": (c20, -s20, 0, s20, c20, 0, 0, 0, -1),
    "tilted": (1, 0, 0, 0, c10, -s10, 0, s10, c10),
}
offsets = np.array(np.meshgrid([-0.5, 0.5], [-0.5, 0.5], [-0.5, 0.5])).T.reshape(-1, 3)
for what, direction in DIRECTIONS.items():
    image = numpy_to_image(SEED, "v", spacing=(1.0, 2.0, 0.5), origin=(3.0, -1.0, 2.0))
    image.SetDirectionMatrix(*direction)

    def physical(index):
        position = [0.0, 0.0, 0.0]
        image.TransformContinuousIndexToPhysicalPoint([float(v) for v in index], position)
        return position

    def index_of(point):
        index = [0.0, 0.0, 0.0]
        image.TransformPhysicalPointToContinuousIndex([float(v) for v in point], index)
        return index

    direct = paravoxel.vtkExplodedVoxelsFilter()
    direct.SetInputData(image)
    direct.Update()
    result = direct.GetOutput()
    quads = vtk_to_numpy(result.GetPolys().GetConnectivityArray()).reshape(-1, 4)
    corners = vtk_to_numpy(result.GetPoints().GetData()).astype(np.float64)[quads]
    voxels = vtk_to_numpy(result.GetCellData().GetArray("VoxelIndex"))
    centres = np.array([physical(index) for index in voxels.tolist()])
    normals = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 1])
    if result.GetNumberOfCells() != len(expected_voxel_faces(SEED != 0)) or \
            np.any(np.einsum("ij,ij->i", normals, corners.mean(axis=1) - centres) <= 0):
        fail("%s direction matrix: quads should be the seed's faces, facing out of their voxels"
             % what)
    corner_indices = np.array([index_of(p) for p in corners.reshape(-1, 3)]).reshape(-1, 4, 3)
    if not np.allclose(np.abs(corner_indices - voxels[:, None, :]), 0.5, atol=1e-5):
        fail("%s direction matrix: face corners off their voxels' boxes" % what)
    box_corners = np.array([physical(index + offset)
                            for index in np.argwhere(SEED != 0) for offset in offsets])
    expected_bounds = np.column_stack([box_corners.min(axis=0), box_corners.max(axis=0)]).ravel()
    if not np.allclose(result.GetBounds(), expected_bounds, atol=1e-5):
        fail("%s direction matrix: bounds %s, expected %s" % (what, result.GetBounds(),
                                                              expected_bounds))

# Errors: a clear message and an empty output.
output, errors = explode(SEED, ThresholdComponent=2)
if not errors or "ThresholdComponent 2" not in errors[0] or output.GetNumberOfCells():
    fail("a missing component should give an error and an empty output, got %s" % errors)
output, errors = explode(SEED, Scalars=["POINTS", "missing"])
if not errors or "missing" not in errors[0] or output.GetNumberOfCells():
    fail("a missing array should give an error and an empty output, got %s" % errors)
print("exploded voxels: exact faces, bounds and values on every case")
