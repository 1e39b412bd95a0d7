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

# The thresholds know the data: built step by step, as the GUI does (each stage has run
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

# Colour maps by default: the reader's Intensity and the transform's Transformed start from
# viridis (the plugin's lowest-priority settings); other arrays keep ParaView's default; a
# site's or user's own standard_presets setting wins over the plugin's.
from paraview import servermanager as sm  # noqa: E402

view = simple.GetActiveViewOrCreate("RenderView")


def first_colors(array):
    return [round(v, 4) for v in simple.GetColorTransferFunction(array).RGBPoints[1:4]]


viridis_start = [0.267, 0.0049, 0.3294]
display = simple.Show(stepwise, view)
simple.ColorBy(display, ("CELLS", "Transformed"))
for array in ("Intensity", "Transformed"):
    if first_colors(array) != viridis_start:
        fail("the %s colour map starts at %s, not viridis' %s" % (
            array, first_colors(array), viridis_start))
if first_colors("SomethingElse") == viridis_start:
    fail("an array ParaVoxel does not make got viridis too")
# As a site's settings file would (added, not Set: a Set would be saved to the user's file).
site_priority = 0.5
sm.vtkSMSettings.GetInstance().AddCollectionFromString(
    '{"standard_presets": {"Intensity": "Grayscale"}}', site_priority)
simple.ResetSession()
load_plugin()
if first_colors("Intensity") != [0.0, 0.0, 0.0]:
    fail("a site's preset for Intensity lost to the plugin's: starts at %s" % first_colors("Intensity"))
print("colour maps: Intensity and Transformed viridis, site settings first")
