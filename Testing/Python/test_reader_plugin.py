"""The ParaVoxel plugin registers the Analyze Zip Reader proxy in pvpython: its AvailableVolumes
list feeds the Volume drop-down, File > Open (the reader factory) picks it for .zip, .hdr and
.nii.gz files, and its output equals the VTK-level reader's. Progress is reported while a large
member is inflated. The Information panel's FileOrientation and OutputOrder say how the file is
stored and how it is read, and follow WorldSpace."""
import numpy as np
from paraview import simple
from paraview import servermanager
from paraview.simple import OpenDataFile

import paravoxel
from paravoxel.images import image_to_numpy
from paravoxel_testing import data_path, fail, load_plugin

load_plugin()

archive = data_path("analyze_types.zip")
reader = simple.AnalyzeZipReader(FileName=archive)
reader.UpdatePipelineInformation()
available = list(reader.GetProperty("AvailableVolumes"))
domain = list(reader.GetProperty("Volume").GetAvailable())
if not available or available != domain:
    fail("AvailableVolumes %s and the Volume domain %s differ" % (available, domain))
if reader.Volume != available[0]:
    fail("the default Volume should be the first readable one, got %r" % reader.Volume)

volume = "analyze/ch2_i4_be.hdr"
reader.Volume = volume
reader.UpdatePipeline()
proxy_output = servermanager.Fetch(reader)

direct = paravoxel.vtkAnalyzeZipReader()
direct.SetFileName(archive)
direct.SetVolume(volume)
progress = []
direct.AddObserver("ProgressEvent", lambda obj, event: progress.append(obj.GetProgress()))
direct.Update()
if not np.array_equal(image_to_numpy(proxy_output), image_to_numpy(direct.GetOutput())):
    fail("the proxy's output differs from the VTK-level reader's")
if proxy_output.GetPointData().GetScalars().GetName() != "Intensity":
    fail("the output array should be named Intensity")
if len(progress) < 3 or progress != sorted(progress) or progress[-1] != 1.0:
    fail("progress should rise to 1 in several steps, got %s" % progress)

factory = servermanager.vtkSMProxyManager.GetProxyManager().GetReaderFactory()
for name in ["mixed_members.zip", "plain/ch2_i2.hdr", "plain/ch2_i2.img", "plain/ch2_u1.nii.gz"]:
    path = data_path(name)
    if not factory.CanReadFile(path, servermanager.ActiveConnection.Session):
        fail("the reader factory does not offer a reader for %s" % name)
    opened = OpenDataFile(path)
    if opened is None or opened.GetXMLName() != "AnalyzeZipReader":
        fail("File > Open picks %s for %s" % (opened and opened.GetXMLName(), name))
    opened.UpdatePipeline()
    dims = servermanager.Fetch(opened).GetDimensions()
    if dims != (91, 109, 91):
        fail("%s read through File > Open has dimensions %s" % (name, dims))
# What the Information panel shows: the file's orientation code and the output's order.
world = simple.AnalyzeZipReader(FileName=data_path("world.zip"), Volume="world/permuted.nii")
world.UpdatePipelineInformation()
shown = (world.GetProperty("FileOrientation").GetElement(0), world.GetProperty("OutputOrder").GetElement(0))
if shown != ("PIR", "world (RAS)") or world.WorldSpace != 1:
    fail("Information of permuted.nii (WorldSpace %s): %s" % (world.WorldSpace, shown))
world.WorldSpace = 0
world.UpdatePipelineInformation()
shown = (world.GetProperty("FileOrientation").GetElement(0), world.GetProperty("OutputOrder").GetElement(0))
if shown != ("PIR", "voxel order"):
    fail("Information of permuted.nii with WorldSpace off: %s" % (shown,))
world.Volume = "world/las.nii.gz"
world.UpdatePipelineInformation()
if world.GetProperty("FileOrientation").GetElement(0) != "LAS":
    fail("FileOrientation of las.nii.gz: %r" % world.GetProperty("FileOrientation").GetElement(0))
print("plugin reader proxy OK; %d progress steps; Information: orientation and order" % len(progress))
