"""What a render view shows, gathered for the web: the triangles of its visible surfaces with
the colours the display gives them on screen, split into one mesh per atlas region, and the
view's camera, lights and background (paravoxel.web.gltf writes it as glTF, paravoxel.web.page
as a web page).

Colours are the display's own: its colour map's client-side object (ParaView's
vtkDiscretizableColorTransferFunction) maps the coloured array with `MapScalars`, which applies
the opacity mapping too, and the display's Opacity multiplies the alpha; a display without an
array takes its Diffuse Color, one with Map Scalars off and 8-bit colours shows them as they are.
Point colours stay on their corners, cell colours go to every corner of the cell.

A display coloured by a label array whose source carries the reader's `LabelNames` field data
(an atlas, e.g. Exploded Voxels of one) is split into a mesh per label, named by the region.
"""

import collections

import numpy as np

from ..labels import NAMES_ARRAY

# vtkScalarsToColors's colour modes and VTK's unsigned char type.
_MAP_SCALARS = 1
_VTK_UNSIGNED_CHAR = 3


# Triangles (m x 3 corner indices into `points`, float32 world mm) with a colour per corner
# (`corner_colors`, m x 3 x 4 uint8 RGBA as on screen), named `name`, lit with the display's
# `ambient` and `diffuse` coefficients; `double_sided` unless the display culls back faces;
# `region` when it is one region of an atlas.
Mesh = collections.namedtuple("Mesh", "name points triangles corner_colors ambient diffuse "
                                      "double_sided region")

# A colour legend: `title`; `categories` [(name, (r, g, b) 0..1)] for a categorical map, or
# `stops` (n x 3 uint8 colours evenly spaced over `value_range`) for a continuous one.
Legend = collections.namedtuple("Legend", "title categories stops value_range")


class Scene:
    """The meshes, legends, camera, lights, background and size of a render view."""

    def __init__(self):
        self.meshes = []
        self.legends = []
        self.camera = {}
        self.lights = []
        self.background = (1.0, 1.0, 1.0)
        self.size = (700, 700)


def _text(proxy, name):
    """The value of a proxy's string (enumeration) property as a plain str."""
    return proxy.SMProxy.GetProperty(name).GetElement(0)


def _triangles(poly):
    """(corner point ids m x 3, cell of each triangle) of the polygons of `poly`, each polygon
    fanned from its first corner (a voxel face: two triangles)."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    cells = poly.GetPolys()
    offsets = vtk_to_numpy(cells.GetOffsetsArray()).astype(np.int64)
    connectivity = vtk_to_numpy(cells.GetConnectivityArray()).astype(np.int64)
    counts = np.maximum(np.diff(offsets) - 2, 0)
    cell_of = np.repeat(np.arange(len(counts)), counts)
    first = offsets[:-1][cell_of]
    fan = np.arange(len(cell_of)) - np.repeat(np.cumsum(counts) - counts, counts) + 1
    corners = np.stack([connectivity[first], connectivity[first + fan],
                        connectivity[first + fan + 1]], axis=1)
    # The polygons come after any vertices and lines in the cell ids.
    cell_of += poly.GetNumberOfVerts() + poly.GetNumberOfLines()
    return corners, cell_of


def _colored_array(display, poly):
    """(array, True for point data) the display colours by in `poly`, or (None, None)."""
    association, name = (list(display.ColorArrayName) + ["", ""])[:2]
    if not name:
        return None, None
    on_points = association == "POINTS"
    data = poly.GetPointData() if on_points else poly.GetCellData()
    return data.GetAbstractArray(name), on_points


def _colors(display, array):
    """RGBA uint8 per tuple of `array` as the display shows them (see the module's docstring)."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    direct = (not display.MapScalars and array.GetDataType() == _VTK_UNSIGNED_CHAR
              and array.GetNumberOfComponents() in (3, 4))
    if direct:
        colors = vtk_to_numpy(array).reshape(-1, array.GetNumberOfComponents())
        if colors.shape[1] == 3:
            colors = np.concatenate([colors, np.full((len(colors), 1), 255, np.uint8)], axis=1)
        return colors.copy()
    lut = display.LookupTable
    component = -1
    if array.GetNumberOfComponents() == 1:
        component = 0
    elif _text(lut, "VectorMode") == "Component":
        component = int(lut.VectorComponent)
    mapped = lut.GetClientSideObject().MapScalars(array, _MAP_SCALARS, component)
    return vtk_to_numpy(mapped).reshape(-1, 4).copy()


def _label_names(poly):
    names = poly.GetFieldData().GetAbstractArray(NAMES_ARRAY)
    if names is None:
        return None
    return [names.GetValue(k) for k in range(names.GetNumberOfValues())]


def _region_name(label, names, annotations):
    if 0 <= label < len(names) and names[label]:
        return names[label]
    return annotations.get(label, "label %d" % label)


def _display_meshes(display, name, poly):
    """The Mesh(es) of one display of `poly` (one per region for an atlas, see the module)."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    corners, cell_of = _triangles(poly)
    points = vtk_to_numpy(poly.GetPoints().GetData()).astype(np.float32)
    array, on_points = _colored_array(display, poly)
    if array is None:
        color = [int(round(255 * c)) for c in display.DiffuseColor] + [255]
        corner_colors = np.empty((len(corners), 3, 4), np.uint8)
        corner_colors[...] = color
    else:
        colors = _colors(display, array)
        corner_colors = colors[corners] if on_points else np.repeat(
            colors[cell_of][:, None, :], 3, axis=1)
    if display.Opacity < 1.0:
        alpha = corner_colors[..., 3].astype(np.float64) * float(display.Opacity)
        corner_colors[..., 3] = np.round(alpha).astype(np.uint8)
    shading = dict(ambient=float(display.Ambient), diffuse=float(display.Diffuse),
                   double_sided=_text(display, "BackfaceRepresentation") != "Cull Backface")
    names = _label_names(poly)
    lut = display.LookupTable
    categorical = (array is not None and names is not None and lut is not None
                   and lut.InterpretValuesAsCategories)
    if not categorical:
        return [Mesh(name, points, corners, corner_colors, region=False, **shading)]
    values = vtk_to_numpy(array)
    labels = (values[corners[:, 0]] if on_points else values[cell_of]).astype(np.int64)
    annotations = dict(zip((int(float(v)) for v in lut.Annotations[0::2]), lut.Annotations[1::2]))
    meshes = []
    for label in np.unique(labels):
        chosen = labels == label
        meshes.append(Mesh(_region_name(int(label), names, annotations), points,
                           corners[chosen], corner_colors[chosen], region=True, **shading))
    return meshes


def _legend(display, array_name):
    """The colour legend of a display coloured through its colour map, or None."""
    lut = display.LookupTable
    if lut is None or not array_name:
        return None
    title = array_name
    if lut.InterpretValuesAsCategories:
        indexed = list(lut.IndexedColors)
        annotations = list(lut.Annotations)
        categories = [(annotations[2 * k + 1], tuple(indexed[3 * k:3 * k + 3]))
                      for k in range(min(len(annotations) // 2, len(indexed) // 3))]
        return Legend(title, categories, None, None)
    low, high = lut.RGBPoints[0], lut.RGBPoints[-4]
    from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
    values = numpy_to_vtk(np.linspace(low, high, 64), deep=1)
    mapped = lut.GetClientSideObject().MapScalars(values, _MAP_SCALARS, 0)
    stops = vtk_to_numpy(mapped).reshape(-1, 4)[:, :3].copy()
    return Legend(title, [], stops, (low, high))


def _camera(view):
    camera = view.GetActiveCamera()
    position = np.array(camera.GetPosition())
    focal = np.array(camera.GetFocalPoint())
    return {
        "position": position.tolist(),
        "focal_point": focal.tolist(),
        "view_up": list(camera.GetViewUp()),
        "view_angle": camera.GetViewAngle(),
        "clipping_range": list(camera.GetClippingRange()),
        "parallel": bool(camera.GetParallelProjection()),
        "parallel_scale": camera.GetParallelScale(),
    }


def camera_frame(camera):
    """(right, up, backward) unit vectors of `camera` (the dict of _camera): the axes of a
    camera that looks down its -z with +y up, as glTF and three.js place one."""
    position = np.array(camera["position"], float)
    forward = np.array(camera["focal_point"], float) - position
    forward /= np.linalg.norm(forward)
    right = np.cross(forward, np.array(camera["view_up"], float))
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    return right, up, -forward


def _lights(view, camera):
    """The lights that are on: colour x intensity, and the direction the light shines in, in the
    camera's frame when it follows the camera (the light kit, the headlight), else in world."""
    renderer = view.GetRenderer()
    lights = renderer.GetLights()
    lights.InitTraversal()
    frame = np.array(camera_frame(camera))
    result = []
    for _ in range(lights.GetNumberOfItems()):
        light = lights.GetNextItem()
        if not light.GetSwitch() or light.GetIntensity() <= 0.0:
            continue
        direction = (np.array(light.GetTransformedFocalPoint())
                     - np.array(light.GetTransformedPosition()))
        norm = np.linalg.norm(direction)
        if norm == 0.0:
            continue
        direction /= norm
        follows = not light.LightTypeIsSceneLight()
        if follows:
            direction = frame @ direction
        color = [light.GetIntensity() * c for c in light.GetDiffuseColor()]
        result.append({"color": color, "direction": direction.tolist(),
                       "follows_camera": follows})
    return result


def _back_to_front(mesh, camera):
    """`mesh`, its triangles ordered from the farthest to the nearest along the camera's view
    direction where it is translucent: a viewer that blends them in order (three.js, most glTF
    viewers) then composites them as ParaView's depth peeling does, seen from this camera."""
    if (mesh.corner_colors[..., 3] == 255).all():
        return mesh
    _, _, backward = camera_frame(camera)
    depth = mesh.points[mesh.triangles].mean(axis=1) @ backward
    order = np.argsort(depth, kind="stable")
    return mesh._replace(triangles=mesh.triangles[order], corner_colors=mesh.corner_colors[order])


def gather(view):
    """The Scene of `view` (a render view proxy) as it is drawn now: every visible surface of
    polygonal data (Exploded Voxels, and any other), with its colours; the legends of their
    colour maps (one per array name); camera, lights, background."""
    from paraview import servermanager, simple
    view.StillRender()
    scene = Scene()
    names = {proxy: name for (name, _), proxy in simple.GetSources().items()}
    legend_maps = []
    for display in view.Representations:
        if (display.GetProperty("Visibility") is None or not display.Visibility
                or display.GetProperty("Input") is None
                or display.GetProperty("Representation") is None
                or not _text(display, "Representation").startswith("Surface")):
            continue
        source = display.Input
        poly = servermanager.Fetch(source)
        if not poly.IsA("vtkPolyData") or poly.GetNumberOfPolys() == 0:
            continue
        scene.meshes += _display_meshes(display, names.get(source, "surface"), poly)
        # Every colour map gets its legend, shown in ParaView or not: a page has room for it.
        array_name = (list(display.ColorArrayName) + ["", ""])[1]
        lut = display.LookupTable
        if display.MapScalars and lut is not None and lut not in legend_maps:
            legend_maps.append(lut)
            legend = _legend(display, array_name)
            if legend is not None:
                scene.legends.append(legend)
    if not scene.meshes:
        raise ValueError("The view shows no surface of polygonal data (Exploded Voxels) to "
                         "export")
    scene.camera = _camera(view)
    scene.meshes = [_back_to_front(mesh, scene.camera) for mesh in scene.meshes]
    scene.lights = _lights(view, scene.camera)
    scene.background = tuple(view.GetRenderer().GetBackground())
    scene.size = tuple(int(n) for n in view.ViewSize)
    return scene

