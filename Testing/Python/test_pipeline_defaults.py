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
# before the next is made), their sliders span the array's range, and they keep their defaults
# (0: every positive value; no upper limit), so that choosing another array later leaves no voxel
# out; the output is the same as the one-line pipeline's.
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
for proxy in (stepwise, voxels):
    if proxy.LowerThreshold != 0 or proxy.UpperThreshold < 1e308:
        fail("thresholds %s, %s: expected 0 and no upper limit" % (
            proxy.LowerThreshold, proxy.UpperThreshold))
# Another array with larger values than the one the filter was made with: every voxel of it,
# as an Exploded Voxels made on it from the start gives.
stepwise.Scalars = ["POINTS", "Intensity"]
stepwise.UpdatePipeline()
direct = simple.ExplodedVoxels(Input=reader)
direct.Scalars = ["POINTS", "Intensity"]
direct.UpdatePipeline()
faces = stepwise.GetDataInformation().GetNumberOfCells()
if faces == 0 or faces != direct.GetDataInformation().GetNumberOfCells():
    fail("after choosing Intensity, %d faces; made on Intensity, %d" % (
        faces, direct.GetDataInformation().GetNumberOfCells()))
print("thresholds: 0 and no upper limit, sliders over [%g, %g]" % (low, high))
