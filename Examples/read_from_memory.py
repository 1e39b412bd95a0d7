"""Reads an archive held in memory (a bytes object: a file's content, or a download) with the
VTK-level vtkAnalyzeZipReader, no file on disk, and hands the volume to ParaVoxel's filters and
ParaView's views, as the tutorial does with requests.get(url).content and BytesIO.

    pvpython Examples/read_from_memory.py [--archive PATH_OR_URL] [--out image.png]

Needs build/lib/paravoxel-python on PYTHONPATH and $PARAVOXEL_PLUGIN (or --plugin) pointing at
ParaVoxel.so, as `source build/paravoxel-env.sh` (and scripts/render.sh) sets them.
"""
import argparse
import os
import urllib.request

from paraview import simple
from paraview.simple import (ColorBy, CreateView, LoadPlugin, Render, SaveScreenshot, Show,
                             TrivialProducer)

import paravoxel

HERE = os.path.dirname(os.path.abspath(__file__))

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--archive", default=os.path.join(HERE, "data", "attention.zip"))
parser.add_argument("--out", default="from_memory.png")
parser.add_argument("--plugin", default=os.environ.get("PARAVOXEL_PLUGIN", ""))
args = parser.parse_args()

# The archive as bytes, like the tutorial's `requests.get(url).content`.
if args.archive.startswith(("http://", "https://")):
    with urllib.request.urlopen(args.archive, timeout=60) as answer:
        content = answer.read()
else:
    with open(args.archive, "rb") as f:
        content = f.read()

reader = paravoxel.vtkAnalyzeZipReader()
reader.SetArchiveBuffer(content, len(content))
reader.SetVolume("attention/structural/nsM00587_0002.hdr")
reader.Update()
volume = reader.GetOutput()
print("read %s from %d bytes in memory: %s voxels" % (reader.GetCurrentVolume(), len(content),
                                                       "x".join(map(str, volume.GetDimensions()))))

# Hand the VTK object to ParaView's pipeline, then to the ParaVoxel filters.
# The plugin's proxies become functions of paraview.simple.
LoadPlugin(args.plugin, remote=False)
producer = TrivialProducer()
producer.GetClientSideObject().SetOutput(volume)
transformed = simple.IntensityTransform(Input=producer)
voxels = simple.ExplodedVoxels(Input=transformed)
voxels.UpdatePipeline()

view = CreateView("RenderView")
display = Show(voxels, view)
ColorBy(display, ("CELLS", "Transformed"))
view.ResetCamera()
Render(view)
SaveScreenshot(args.out, view, ImageResolution=[600, 600])
print("wrote", args.out)
