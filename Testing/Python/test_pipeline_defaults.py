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

# The thresholds know the data (#17): built step by step, as the GUI does (each stage has run
# before the next is made), their sliders span the array's range; Lower Threshold stays 0 (every
# positive value) and Upper Threshold is the array's maximum, so the output is the same as with
# the one-line pipeline, whose thresholds keep their XML defaults.
reader = simple.AnalyzeZipReader(FileName=archive)
reader.UpdatePipeline()
transform = simple.IntensityTransform(Input=reader)
transform.UpdatePipeline()
stepwise = simple.ExplodedVoxels(Input=transform)
low, high = transform.GetDataInformation().GetPointDataInformation().GetArrayInformation(
    "Transformed").GetComponentRange(0)
for name in ("LowerThreshold", "UpperThreshold"):
    domain = stepwise.GetProperty(name).FindDomain("vtkSMArrayRangeDomain")
    if (domain.GetMinimum(0), domain.GetMaximum(0)) != (low, high):
        fail("%s's slider spans %s, the data %s" % (
            name, (domain.GetMinimum(0), domain.GetMaximum(0)), (low, high)))
if stepwise.LowerThreshold != 0 or stepwise.UpperThreshold != high:
    fail("thresholds %s, %s: expected 0 and the data's maximum %s" % (
        stepwise.LowerThreshold, stepwise.UpperThreshold, high))
if voxels.LowerThreshold != 0 or voxels.UpperThreshold < 1e308:
    fail("the one-line pipeline's thresholds should keep 0 and no upper limit, got %s, %s" % (
        voxels.LowerThreshold, voxels.UpperThreshold))
stepwise.UpdatePipeline()
if stepwise.GetDataInformation().GetNumberOfCells() != output.GetNumberOfCells():
    fail("the step-by-step pipeline gave %d faces, the one-line one %d" % (
        stepwise.GetDataInformation().GetNumberOfCells(), output.GetNumberOfCells()))
print("thresholds: 0 and %g on a slider over [%g, %g]" % (high, low, high))
