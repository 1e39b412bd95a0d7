"""A paravoxel.web.scene.Scene as glTF 2.0: binary (GLB) or JSON with its buffer inside (.gltf),
one file either way, numpy only.

- One node and mesh per Scene mesh, named by it (an atlas: one per region, by the region's name),
  under a root node "ParaVoxel (mm)" whose scale 0.001 turns the world millimetres the meshes
  hold into glTF's metres; `asset.extras` says so.
- Positions quantized to 16-bit integers over the scene's bounds (KHR_mesh_quantization, the
  node's scale and translation undo it: under 0.004 mm for a 250 mm head), one colour per
  vertex (COLOR_0, 8-bit RGBA; glTF's colours are linear, so the screen's sRGB colours are
  converted), no normals (glTF viewers then shade each triangle flat, as a voxel face is), 16-bit
  indices where a mesh has fewer than 65,536 vertices.
- A vertex is shared between triangles only where both position and colour agree: a voxel's
  corners serve its faces, never a neighbour of another colour.
- Materials: white, not metallic, fully rough (the vertex colours are the colour), `alphaMode`
  BLEND where any vertex of the mesh is translucent, double-sided unless the display culls back
  faces; mesh extras carry the display's ambient and diffuse coefficients (paravoxel.web.page
  lights with them).
- The view's camera as the scene's camera (perspective, or orthographic for a parallel
  projection), its focal point in its extras.
"""
import base64
import json
import math
import struct

import numpy as np

from .scene import camera_frame

MILLIMETRE = 0.001
ROOT_NAME = "ParaVoxel (mm)"
_ARRAY_BUFFER, _ELEMENT_ARRAY_BUFFER = 34962, 34963
_BYTE_UNSIGNED, _SHORT, _SHORT_UNSIGNED, _INT_UNSIGNED = 5121, 5122, 5123, 5125
_QUANTIZATION = "KHR_mesh_quantization"


def srgb_to_linear(values):
    """sRGB 8-bit values to linear 8-bit values (the sRGB transfer function)."""
    c = np.asarray(values, np.float64) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return np.round(255.0 * linear).astype(np.uint8)


def linear_to_srgb(values):
    """Linear 8-bit values to sRGB 8-bit values (the inverse of srgb_to_linear, to within the
    8-bit rounding of the darkest shades)."""
    c = np.asarray(values, np.float64) / 255.0
    srgb = np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1.0 / 2.4) - 0.055)
    return np.round(255.0 * srgb).astype(np.uint8)


_SRGB_TO_LINEAR = srgb_to_linear(np.arange(256))


class _Binary:
    """The buffer being written and its views and accessors."""

    def __init__(self):
        self.chunks = []
        self.length = 0
        self.views = []
        self.accessors = []

    def add(self, array, target, stride=None):
        data = np.ascontiguousarray(array).tobytes()
        view = {"buffer": 0, "byteOffset": self.length, "byteLength": len(data), "target": target}
        if stride:
            view["byteStride"] = stride
        self.chunks.append(data)
        self.length += len(data)
        padding = (-self.length) % 4
        if padding:
            self.chunks.append(b"\0" * padding)
            self.length += padding
        self.views.append(view)
        return len(self.views) - 1

    def accessor(self, view, component_type, count, kind, normalized=False, bounds=None):
        accessor = {"bufferView": view, "componentType": component_type, "count": int(count),
                    "type": kind}
        if normalized:
            accessor["normalized"] = True
        if bounds is not None:
            accessor["min"], accessor["max"] = bounds
        self.accessors.append(accessor)
        return len(self.accessors) - 1

    def bytes(self):
        return b"".join(self.chunks)


def _quantization(meshes):
    """(centre, step) mapping the scene's bounds onto 16-bit integers (|q| <= 32767)."""
    used = [mesh.points[np.unique(mesh.triangles)] for mesh in meshes if len(mesh.triangles)]
    low = np.min([p.min(axis=0) for p in used], axis=0).astype(np.float64)
    high = np.max([p.max(axis=0) for p in used], axis=0).astype(np.float64)
    centre = 0.5 * (low + high)
    step = max(float(np.max(high - low)) / 65534.0, 1e-9)
    return centre, step


def _vertices(mesh, centre, step):
    """(quantized positions n x 4 int16 (the fourth pads to 4 bytes), linear RGBA n x 4 uint8,
    triangles m x 3) with the corners that share point and colour merged."""
    rgba = mesh.corner_colors.reshape(-1, 4)
    packed = rgba.astype(np.uint64) @ np.array([1 << 24, 1 << 16, 1 << 8, 1], np.uint64)
    keys = (mesh.triangles.reshape(-1).astype(np.uint64) << np.uint64(32)) | packed
    unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    point_ids = (unique >> np.uint64(32)).astype(np.int64)
    quantized = np.zeros((len(unique), 4), np.int16)
    quantized[:, :3] = np.round((mesh.points[point_ids] - centre) / step)
    colors = rgba[first].copy()
    colors[:, :3] = _SRGB_TO_LINEAR[colors[:, :3]]
    return quantized, colors, inverse.reshape(-1, 3)


def _material(materials, translucent, double_sided):
    key = (translucent, double_sided)
    if key not in materials:
        material = {"name": ("translucent" if translucent else "opaque")
                    + (", double-sided" if double_sided else ""),
                    "pbrMetallicRoughness": {"baseColorFactor": [1.0, 1.0, 1.0, 1.0],
                                             "metallicFactor": 0.0, "roughnessFactor": 1.0},
                    "alphaMode": "BLEND" if translucent else "OPAQUE"}
        if double_sided:
            material["doubleSided"] = True
        materials[key] = (len(materials), material)
    return materials[key][0]


def _camera(scene):
    """(camera, its node) of the view, in metres."""
    view = scene.camera
    right, up, backward = camera_frame(view)
    rotation = np.column_stack([right, up, backward])
    near, far = (max(c * MILLIMETRE, 1e-6) for c in view["clipping_range"])
    if view["parallel"]:
        half_height = view["parallel_scale"] * MILLIMETRE
        width, height = scene.size
        camera = {"type": "orthographic", "orthographic": {
            "xmag": half_height * width / height, "ymag": half_height, "znear": near,
            "zfar": max(far, near * 1.001)}}
    else:
        width, height = scene.size
        camera = {"type": "perspective", "perspective": {
            "yfov": math.radians(view["view_angle"]), "aspectRatio": width / height,
            "znear": near, "zfar": max(far, near * 1.001)}}
    camera["name"] = "ParaView camera"
    camera["extras"] = {"focalPoint": [c * MILLIMETRE for c in view["focal_point"]]}
    node = {"name": "ParaView camera", "camera": 0,
            "translation": [c * MILLIMETRE for c in view["position"]],
            "rotation": _quaternion(rotation)}
    return camera, node


def _quaternion(matrix):
    """Unit quaternion [x, y, z, w] of a rotation matrix."""
    m = matrix
    trace = m[0, 0] + m[1, 1] + m[2, 2]
    if trace > 0:
        s = 2.0 * math.sqrt(trace + 1.0)
        q = [(m[2, 1] - m[1, 2]) / s, (m[0, 2] - m[2, 0]) / s, (m[1, 0] - m[0, 1]) / s, 0.25 * s]
    elif m[0, 0] > m[1, 1] and m[0, 0] > m[2, 2]:
        s = 2.0 * math.sqrt(1.0 + m[0, 0] - m[1, 1] - m[2, 2])
        q = [0.25 * s, (m[0, 1] + m[1, 0]) / s, (m[0, 2] + m[2, 0]) / s, (m[2, 1] - m[1, 2]) / s]
    elif m[1, 1] > m[2, 2]:
        s = 2.0 * math.sqrt(1.0 + m[1, 1] - m[0, 0] - m[2, 2])
        q = [(m[0, 1] + m[1, 0]) / s, 0.25 * s, (m[1, 2] + m[2, 1]) / s, (m[0, 2] - m[2, 0]) / s]
    else:
        s = 2.0 * math.sqrt(1.0 + m[2, 2] - m[0, 0] - m[1, 1])
        q = [(m[0, 2] + m[2, 0]) / s, (m[1, 2] + m[2, 1]) / s, 0.25 * s, (m[1, 0] - m[0, 1]) / s]
    norm = math.sqrt(sum(c * c for c in q))
    return [float(c / norm) for c in q]


def document(scene):
    """(glTF JSON as a dict, binary buffer bytes) of `scene`."""
    meshes = [mesh for mesh in scene.meshes if len(mesh.triangles)]
    centre, step = _quantization(meshes)
    binary = _Binary()
    materials = {}
    gltf_meshes, nodes = [], [None]
    for mesh in meshes:
        positions, colors, triangles = _vertices(mesh, centre, step)
        position_view = binary.add(positions, _ARRAY_BUFFER, stride=8)
        bounds = ([int(v) for v in positions[:, :3].min(axis=0)],
                  [int(v) for v in positions[:, :3].max(axis=0)])
        position = binary.accessor(position_view, _SHORT, len(positions), "VEC3", bounds=bounds)
        color = binary.accessor(binary.add(colors, _ARRAY_BUFFER), _BYTE_UNSIGNED, len(colors),
                                "VEC4", normalized=True)
        small = len(positions) < 65536
        indices = binary.accessor(
            binary.add(triangles.astype(np.uint16 if small else np.uint32),
                       _ELEMENT_ARRAY_BUFFER),
            _SHORT_UNSIGNED if small else _INT_UNSIGNED, triangles.size, "SCALAR")
        translucent = bool((colors[:, 3] < 255).any())
        gltf_meshes.append({
            "name": mesh.name,
            "primitives": [{"attributes": {"POSITION": position, "COLOR_0": color},
                            "indices": indices,
                            "material": _material(materials, translucent, mesh.double_sided)}],
            "extras": {"ambient": mesh.ambient, "diffuse": mesh.diffuse,
                       "region": mesh.region}})
        nodes.append({"name": mesh.name, "mesh": len(gltf_meshes) - 1,
                      "translation": [float(c) for c in centre], "scale": [step] * 3})
    nodes[0] = {"name": ROOT_NAME, "scale": [MILLIMETRE] * 3,
                "children": list(range(1, len(nodes)))}
    camera, camera_node = _camera(scene)
    nodes.append(camera_node)
    gltf = {
        "asset": {"version": "2.0", "generator": "ParaVoxel (paravoxel.web)",
                  "extras": {"lengthUnit": "mm",
                             "units": "The meshes' positions are world coordinates in "
                                      "millimetres; the root node '%s' scales them by 0.001 "
                                      "to glTF's metres." % ROOT_NAME,
                             "colors": "COLOR_0 holds the colours ParaView shows (colour map "
                                       "and opacity mapping), as linear values."}},
        "extensionsUsed": [_QUANTIZATION],
        "extensionsRequired": [_QUANTIZATION],
        "scene": 0,
        "scenes": [{"name": "ParaView view", "nodes": [0, len(nodes) - 1]}],
        "nodes": nodes,
        "meshes": gltf_meshes,
        "materials": [material for _, material in sorted(materials.values(),
                                                          key=lambda item: item[0])],
        "cameras": [camera],
        "accessors": binary.accessors,
        "bufferViews": binary.views,
        "buffers": [{"byteLength": binary.length}],
    }
    return gltf, binary.bytes()


def glb_bytes(scene):
    """The GLB file of `scene` as bytes."""
    gltf, data = document(scene)
    text = json.dumps(gltf, separators=(",", ":")).encode("utf-8")
    text += b" " * ((-len(text)) % 4)
    data += b"\0" * ((-len(data)) % 4)
    length = 12 + 8 + len(text) + 8 + len(data)
    return b"".join([struct.pack("<III", 0x46546C67, 2, length),
                     struct.pack("<II", len(text), 0x4E4F534A), text,
                     struct.pack("<II", len(data), 0x004E4942), data])


def gltf_text(scene):
    """The .gltf file of `scene`: JSON with its buffer inside as a base64 data URI."""
    gltf, data = document(scene)
    gltf["buffers"][0]["uri"] = ("data:application/octet-stream;base64,"
                                 + base64.b64encode(data).decode("ascii"))
    return json.dumps(gltf, separators=(",", ":"))


def write(scene, path):
    """Writes `scene` to `path`: GLB, or .gltf when the name ends so."""
    if path.lower().endswith(".gltf"):
        with open(path, "w", encoding="utf-8") as f:
            f.write(gltf_text(scene))
    else:
        with open(path, "wb") as f:
            f.write(glb_bytes(scene))
