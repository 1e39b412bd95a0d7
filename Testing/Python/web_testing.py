"""What the web tests (test_web_gltf.py, test_web_page.py) share: the two views they export (the
AICHA atlas and the 50^3 full view), a GLB read back with numpy, and the node scripts (the Khronos
validator, the browser) run from the build's node_modules."""
import json
import os
import struct
import subprocess
import tempfile

import numpy as np
from paraview import simple

from paravoxel_testing import fail, load_plugin

AICHA = "/usr/share/mricron/templates/AICHAmc.nii.gz"
ATTENTION = os.path.join(os.environ.get("PARAVOXEL_SOURCE_DIR", ""), "Examples", "data",
                         "attention.zip")
HERE = os.path.dirname(os.path.abspath(__file__))
# Where the AICHA view looks from (toward the camera: left, front, above).
AICHA_VIEW_DIRECTION = (-0.62, 0.55, 0.56)


def aicha_view(size=(900, 800)):
    """(view, Exploded Voxels proxy, reader) of the AICHA atlas read in world space with its
    sidecars, opaque, coloured by its regions, the faces toward the camera, no orientation axes."""
    from paravoxel.gallery.views import place_camera, world_view
    from paravoxel.labels import color_by_labels
    view = world_view(size)
    view.OrientationAxesVisibility = 0
    reader = simple.AnalyzeZipReader(FileName=AICHA, WorldSpace=1)
    simple.UpdatePipeline(proxy=reader)
    camera = place_camera(view, AICHA_VIEW_DIRECTION, reader.GetDataInformation().GetBounds(),
                          zoom=1.1)
    voxels = simple.ExplodedVoxels(Input=reader, OnlyFacesTowardViewPoint=1, ViewPoint=camera)
    voxels.Scalars = ["POINTS", "Intensity"]
    display = simple.Show(voxels, view)
    color_by_labels(display, view=view, show_legend=False)
    display.Ambient, display.Diffuse = 0.35, 0.7
    return view, voxels, reader


def full_view_50(depth_peeling=False):
    """(view, Exploded Voxels proxy) of the tutorial's full view at 50^3 (figure 11: translucent,
    viridis with opacity mapping), without the axes grid; with `depth_peeling`, drawn as the
    GUI draws it (the gallery's pvbatch figures blend in one pass instead)."""
    from paravoxel.gallery import figures
    reader = simple.AnalyzeZipReader(FileName=ATTENTION, WorldSpace=0)
    resized = simple.ResampleToImage(Input=simple.IntensityTransform(Input=reader),
                                     SamplingDimensions=[50, 50, 50])
    view, display = figures.brain_view(resized, "Transformed", flip_y=True, still=True)
    view.AxesGrid.Visibility = 0
    view.DepthPeeling = int(depth_peeling)
    return view, display.Input


def read_glb(path):
    """(glTF JSON, {mesh name: (positions in world mm, n x 3, triangles m x 3, RGBA m x 3 x 4 of
    each corner as stored)}) of a GLB, read here with numpy from the specification."""
    with open(path, "rb") as f:
        data = f.read()
    magic, version, length = struct.unpack("<III", data[:12])
    if magic != 0x46546C67 or version != 2 or length != len(data):
        fail("%s is no GLB 2 file of its own length" % path)
    json_length = struct.unpack("<I", data[12:16])[0]
    gltf = json.loads(data[20:20 + json_length])
    binary = data[20 + json_length + 8:]
    types = {5121: np.uint8, 5122: np.int16, 5123: np.uint16, 5125: np.uint32}
    sizes = {"SCALAR": 1, "VEC3": 3, "VEC4": 4}

    def accessor(index):
        a = gltf["accessors"][index]
        view = gltf["bufferViews"][a["bufferView"]]
        dtype = np.dtype(types[a["componentType"]])
        slot = view.get("byteStride", sizes[a["type"]] * dtype.itemsize) // dtype.itemsize
        values = np.frombuffer(binary, dtype, a["count"] * slot,
                               view.get("byteOffset", 0) + a.get("byteOffset", 0))
        return values.reshape(a["count"], slot)[:, :sizes[a["type"]]]

    root = gltf["nodes"][gltf["scenes"][gltf["scene"]]["nodes"][0]]
    meshes = {}
    for child in root["children"]:
        node = gltf["nodes"][child]
        primitive = gltf["meshes"][node["mesh"]]["primitives"][0]
        positions = (accessor(primitive["attributes"]["POSITION"]) * np.array(node["scale"])
                     + np.array(node["translation"]))
        triangles = accessor(primitive["indices"]).reshape(-1, 3).astype(np.int64)
        colors = accessor(primitive["attributes"]["COLOR_0"])[triangles]
        meshes[gltf["meshes"][node["mesh"]]["name"]] = (positions, triangles, colors)
    return gltf, meshes


def srgb_to_linear(rgb):
    """sRGB 0..255 to linear 0..255 (rounded), the transfer function of the sRGB standard."""
    c = np.asarray(rgb, np.float64) / 255.0
    return np.round(255.0 * np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4))


def triangle_voxels(image, positions, triangles, inward):
    """The point id of `image` (one point per voxel) each triangle belongs to: its centroid moved
    `inward` mm against its normal (the faces point outwards), to the nearest voxel centre."""
    corners = positions[triangles]
    normals = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    normals /= np.linalg.norm(normals, axis=1)[:, None]
    inside = corners.mean(axis=1) - inward * normals
    return np.array([image.FindPoint(p) for p in inside])


def node(script, *args):
    """The JSON lines a node script of this folder prints, parsed."""
    command = [os.environ["PARAVOXEL_NODE"], os.path.join(HERE, script)] + [str(a) for a in args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        fail("%s failed: %s %s" % (script, result.stdout, result.stderr))
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def validate(*paths):
    """Fails unless the Khronos validator finds no error and no warning in each file."""
    for report in node("web_validate.cjs", *paths):
        if report["errors"] or report["warnings"]:
            fail("glTF validator: %s" % json.dumps(report))
        print("validator: %s: 0 errors, 0 warnings (%d infos, %d hints)"
              % (os.path.basename(report["file"]), report["infos"], report["hints"]))


def run_checks(*checks):
    """Loads the plugin and runs each check(folder) with one temporary folder for their files."""
    load_plugin()
    with tempfile.TemporaryDirectory(prefix="paravoxel-web-") as folder:
        for check in checks:
            check(folder)
    print("ok")
