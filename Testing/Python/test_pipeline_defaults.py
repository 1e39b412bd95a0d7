"""The whole pipeline in one line, every property at its default, as a newcomer writes it:
ExplodedVoxels(Input=IntensityTransform(Input=AnalyzeZipReader(...))). The filters are created
before anything has executed, so their Scalars selections are empty: they must use the active
scalars (the reader's Intensity, then the transform's result), not fail."""
import os

from paraview import simple
from paraview import servermanager
from vtkmodules.util.numpy_support import vtk_to_numpy

from paravoxel_testing import ErrorCatcher, fail, load_plugin

load_plugin()
archive = os.path.join(os.environ["PARAVOXEL_SOURCE_DIR"], "Examples", "data", "attention.zip")
voxels = simple.ExplodedVoxels(
    Input=simple.IntensityTransform(Input=simple.AnalyzeZipReader(FileName=archive)))
catchers = [ErrorCatcher(proxy.GetClientSideObject())
            for proxy in (voxels, voxels.Input)]
voxels.UpdatePipeline()
errors = [e for c in catchers for e in c.errors]
if errors:
    fail("the default pipeline reports errors: %s" % errors)
output = servermanager.Fetch(voxels)
transformed = output.GetCellData().GetArray("Transformed")
if output.GetNumberOfCells() == 0 or transformed is None:
    fail("the default pipeline made %d faces, carrying %s" % (output.GetNumberOfCells(), transformed))
values = vtk_to_numpy(transformed)
if values.min() <= 0 or values.max() > 1:
    fail("faces should carry transformed values in (0, 1], got [%g, %g]" % (values.min(), values.max()))
print("default pipeline: %d faces coloured by Transformed" % output.GetNumberOfCells())
