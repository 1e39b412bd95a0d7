"""paravoxel.web.export_gltf: the GLB and .gltf of the AICHA atlas (opaque, one mesh per region)
and of the 50^3 full view (translucent, viridis with opacity mapping) pass the Khronos validator
with no error and no warning; read back with numpy, every triangle lies on a face of the voxel its
mesh says, each atlas mesh is named by the region of its voxels and holds every region shown,
every corner's colour is ParaView's colour map (and opacity mapping) at that voxel, converted to
linear as glTF wants, translucent meshes blend, and the file states its millimetres."""
import os

import numpy as np
from paraview import servermanager, simple
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy

import paravoxel.web
from paravoxel_testing import fail
from web_testing import (aicha_view, full_view_50, read_glb, run_checks, srgb_to_linear,
                         triangle_voxels, validate)


def check_units(gltf, what):
    root = gltf["nodes"][gltf["scenes"][0]["nodes"][0]]
    if root.get("scale") != [0.001] * 3 or gltf["asset"]["extras"].get("lengthUnit") != "mm":
        fail("%s: the root node does not scale millimetres to metres, or the asset does not "
             "say mm: %s %s" % (what, root, gltf["asset"]))
    if "KHR_mesh_quantization" not in gltf.get("extensionsRequired", []):
        fail("%s: positions are not quantized" % what)
    if not gltf.get("cameras"):
        fail("%s: no camera" % what)


def check_colors(what, colors, expected):
    """`colors` (m x 3 x 4 stored) against `expected` (m x 4 sRGB RGBA of ParaView's map)."""
    linear = srgb_to_linear(expected[:, :3])
    difference = np.abs(colors[:, :, :3].astype(float) - linear[:, None, :]).max()
    alpha = np.abs(colors[:, :, 3].astype(float) - expected[:, None, 3]).max()
    if difference > 1 or alpha > 1:
        fail("%s: vertex colours differ from ParaView's colour map by %g (alpha %g)"
             % (what, difference, alpha))


def check_atlas(folder):
    view, voxels, reader = aicha_view()
    glb = paravoxel.web.export_gltf(view, os.path.join(folder, "aicha.glb"))
    gltf_path = paravoxel.web.export_gltf(view, os.path.join(folder, "aicha.gltf"))
    validate(glb, gltf_path)
    gltf, meshes = read_glb(glb)
    check_units(gltf, "AICHA")
    image = servermanager.Fetch(reader)
    labels = vtk_to_numpy(image.GetPointData().GetArray("Intensity")).astype(np.int64)
    names_array = image.GetFieldData().GetAbstractArray("LabelNames")
    names = [names_array.GetValue(k) for k in range(names_array.GetNumberOfValues())]
    faces = servermanager.Fetch(voxels)
    carried = faces.GetCellData().GetArray("Intensity") or faces.GetPointData().GetArray(
        "Intensity")
    shown = np.unique(vtk_to_numpy(carried).astype(np.int64))
    expected_names = sorted(names[label] for label in shown)
    if sorted(meshes) != expected_names:
        fail("AICHA: meshes %s..., expected the %d regions shown %s..."
             % (sorted(meshes)[:4], len(expected_names), expected_names[:4]))
    lut = simple.GetDisplayProperties(voxels, view).LookupTable.GetClientSideObject()
    spacing = min(image.GetSpacing())
    for name, (positions, triangles, colors) in meshes.items():
        voxel_labels = labels[triangle_voxels(image, positions, triangles, 0.25 * spacing)]
        wrong = [names[label] for label in voxel_labels if names[label] != name]
        if wrong:
            fail("AICHA: mesh %s holds %d triangles of other regions (%s)"
                 % (name, len(wrong), wrong[0]))
        expected = vtk_to_numpy(lut.MapScalars(numpy_to_vtk(voxel_labels.astype(np.float64)),
                                               1, 0)).reshape(-1, 4)
        check_colors("AICHA " + name, colors, expected)
    # (A list, not any(): pvbatch's script namespace has numpy's any, true of any generator.)
    if [m for m in gltf["materials"] if m.get("alphaMode", "OPAQUE") != "OPAQUE"]:
        fail("AICHA: an opaque atlas with translucent materials: %s" % gltf["materials"])
    print("AICHA: %d region meshes named and coloured as ParaView shows them, %d bytes"
          % (len(meshes), os.path.getsize(glb)))
    simple.Delete(view)


def check_full_view(folder):
    view, voxels = full_view_50()
    glb = paravoxel.web.export_gltf(view, os.path.join(folder, "full50.glb"))
    validate(glb)
    gltf, meshes = read_glb(glb)
    check_units(gltf, "50^3")
    if len(meshes) != 1:
        fail("50^3: %d meshes, expected one" % len(meshes))
    positions, triangles, colors = next(iter(meshes.values()))
    faces = voxels.GetDataInformation().GetNumberOfCells()
    if len(triangles) != 2 * faces:
        fail("50^3: %d triangles for %d faces" % (len(triangles), faces))
    image = servermanager.Fetch(voxels.Input)
    values = image.GetPointData().GetArray("Transformed")
    spacing = min(image.GetSpacing())
    ids = triangle_voxels(image, positions, triangles, 0.25 * spacing)
    lut = simple.GetDisplayProperties(voxels, view).LookupTable.GetClientSideObject()
    voxel_values = vtk_to_numpy(values)[ids]
    expected = vtk_to_numpy(lut.MapScalars(numpy_to_vtk(voxel_values.astype(np.float64)),
                                           1, 0)).reshape(-1, 4)
    check_colors("50^3", colors, expected)
    if not (expected[:, 3] < 255).any() or gltf["materials"][0].get("alphaMode") != "BLEND":
        fail("50^3: translucent voxels without alphaMode BLEND: %s" % gltf["materials"])
    print("50^3: %d triangles coloured and translucent as ParaView shows them, %d bytes"
          % (len(triangles), os.path.getsize(glb)))
    simple.Delete(view)


if __name__ == "__main__":
    run_checks(check_atlas, check_full_view)
