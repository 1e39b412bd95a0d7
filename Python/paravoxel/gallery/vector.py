"""Vector stills of render views: the visible polygons of a view drawn as PDF and SVG paths by
matplotlib, projected, shaded and sorted as VTK renders them. VTK's GL2PS exporter cannot do it
(under OpenGL2 it rasterizes every 3D prop); Exploded Voxels' output, flat quads of
axis-aligned boxes, can be drawn exactly by a painter's algorithm:

- every visible surface representation's polydata is fetched to the client, with its colours as
  on screen (the scalars through the display's colour map, opacity mapping included, or the
  scalars themselves with Map Scalars off, or the display's solid colour) and its opacity;
- each face is projected by the camera's composite projection at the page's aspect, shaded flat
  with the renderer's lights as VTK's OpenGL2 shaders do (ambient + diffuse + specular, normals
  turned toward the camera: two-sided lighting), culled where the display culls back faces, and
  left out where it is fully transparent (so translucent figures keep the back faces that show
  through);
- faces are drawn back to front by the distance from the eye to their centres (the largest
  first): for boxes of one grid that do not intersect, this is the order in which they hide
  each other; coincident faces keep their order in the data.

The 2D parts (ParaView's axes grid, texts, legends) are not geometry of the scene: they are
overlaid as ParaView renders them, a raster of the view with the geometry hidden (mostly
transparent), on top of the vector faces.

Scenes of more than MAX_FACES faces (polygons in the displayed data, transparent ones
included) are not drawn as vectors (faces() returns None and says why): a PDF of a million
paths is tens of megabytes and slow to open, larger than the 300 dpi raster of the same figure.
"""
import numpy as np

# Faces (polygons of the displayed data) above which a view is saved as a raster instead:
# fig11_full_50 has about 200 k (an 8 MB PDF), a full-resolution brain millions.
MAX_FACES = 300000
SURFACES = ("Surface", "Surface With Edges")
# The outline of an opaque face in its own colour, in points (0.6 of a 300 dpi pixel): enough
# to close the anti-aliasing seams poppler and cairo leave between neighbouring faces.
SEAM_WIDTH_PT = 0.15


class Faces:
    """The visible faces of a view, projected onto a page of `page_size` points and sorted back
    to front: polygons (a list of n x 2 arrays, points from the page's lower left corner), their
    RGBA fill colours (N x 4 floats), and for each face its edge colour (RGBA, or None) and
    edge width in points."""

    def __init__(self, polygons, colours, edge_colours, edge_widths):
        self.polygons, self.colours = polygons, colours
        self.edge_colours, self.edge_widths = edge_colours, edge_widths

    def __len__(self):
        return len(self.polygons)


def _surface_representations(view):
    """The view's visible representations drawn as geometry (not text, not legends)."""
    return [rep for rep in view.Representations
            if rep.GetProperty("Representation") is not None and rep.Visibility]


def hide_geometry(view):
    """Makes the view's geometry invisible (for a screenshot of its 2D parts) by its opacity,
    not its visibility: the axes grid is drawn around the visible props' bounds. Returns the
    representations and their opacities, for show_geometry()."""
    hidden = [(rep, rep.Opacity) for rep in _surface_representations(view)]
    for rep, _ in hidden:
        rep.Opacity = 0.0
    return hidden


def show_geometry(hidden):
    """Undoes hide_geometry()."""
    for rep, opacity in hidden:
        rep.Opacity = opacity


def _polygons(polydata):
    """(point indices of each polygon: an N x n array if all have n points, else a list),
    refusing data that has other cells than polygons (a vector still would leave them out)."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    others = (polydata.GetNumberOfVerts() + polydata.GetNumberOfLines()
              + polydata.GetNumberOfStrips())
    if others:
        raise ValueError("has %d vertices, lines or strips" % others)
    polys = polydata.GetPolys()
    offsets = vtk_to_numpy(polys.GetOffsetsArray()).astype(np.int64)
    connectivity = vtk_to_numpy(polys.GetConnectivityArray()).astype(np.int64)
    sizes = np.diff(offsets)
    if len(sizes) and (sizes == sizes[0]).all():
        return connectivity.reshape(-1, sizes[0])
    return [connectivity[a:b] for a, b in zip(offsets[:-1], offsets[1:])]


def _face_colours(rep, polydata, cells):
    """RGBA (0..1) of each face of `rep` as the display colours it, before lighting."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    association, name = rep.ColorArrayName
    count = len(cells)
    if not name:
        rgb = np.tile(np.asarray(rep.DiffuseColor, float), (count, 1))
        return np.hstack([rgb, np.full((count, 1), float(rep.Opacity))])
    data = polydata.GetPointData() if association == "POINTS" else polydata.GetCellData()
    array = data.GetArray(name)
    if not rep.MapScalars and array.GetDataType() == 3 and array.GetNumberOfComponents() in (3, 4):
        # Map Scalars off: unsigned char colours are shown as they are.
        rgba = vtk_to_numpy(array).astype(float) / 255.0
        if rgba.shape[1] == 3:
            rgba = np.hstack([rgba, np.ones((len(rgba), 1))])
    else:
        # The colour map's client-side object maps as the display does (its opacity function
        # too, when opacity mapping is on).
        mapped = rep.LookupTable.GetClientSideObject().MapScalars(array, 1, -1)
        rgba = vtk_to_numpy(mapped).astype(float) / 255.0
    if association == "POINTS":
        # The mean of the face's corners (Exploded Voxels' boxes carry one value at all eight).
        rgba = (np.array([rgba[c].mean(axis=0) for c in cells]) if isinstance(cells, list)
                else rgba[cells].mean(axis=1))
    rgba = rgba.copy()
    rgba[:, 3] *= float(rep.Opacity)
    return rgba


def _light_directions(view, centres):
    """For each switched-on light of the view's renderer: (unit vectors from each face centre
    toward it, N x 3 or 3, its colour times its intensity). Read after a render: camera lights
    (ParaView's light kit, the headlight) are placed there."""
    lights = []
    collection = view.GetRenderer().GetLights()
    collection.InitTraversal()
    for _ in range(collection.GetNumberOfItems()):
        light = collection.GetNextItem()
        if not light.GetSwitch():
            continue
        position = np.asarray(light.GetTransformedPosition(), float)
        if light.GetPositional():
            towards = position - centres
        else:
            towards = position - np.asarray(light.GetTransformedFocalPoint(), float)
        towards = towards / np.linalg.norm(towards, axis=-1, keepdims=True)
        lights.append((towards, np.asarray(light.GetDiffuseColor(), float) * light.GetIntensity()))
    return lights


def _shade(rep, view, colours, centres, normals, eye):
    """`colours` lit as VTK's OpenGL2 shaders light flat faces (scalar colours standing for both
    the ambient and the diffuse colour, as ParaView's default material mode does)."""
    to_eye = eye - centres
    to_eye /= np.linalg.norm(to_eye, axis=1, keepdims=True)
    diffuse = np.zeros((len(colours), 3))
    specular = np.zeros((len(colours), 3))
    for towards, colour in _light_directions(view, centres):
        cosine = np.clip((normals * towards).sum(axis=-1), 0, None)
        diffuse += cosine[:, None] * colour
        if rep.Specular:
            reflected = 2 * (normals * towards).sum(axis=-1, keepdims=True) * normals - towards
            power = np.clip((reflected * to_eye).sum(axis=1), 0, None) ** rep.SpecularPower
            specular += (power * (cosine > 0))[:, None] * colour
    solid = not rep.ColorArrayName[1]
    ambient = np.asarray(rep.AmbientColor, float) if solid else colours[:, :3]
    rgb = (rep.Ambient * ambient + rep.Diffuse * colours[:, :3] * diffuse
           + rep.Specular * np.asarray(rep.SpecularColor, float) * specular)
    return np.hstack([np.clip(rgb, 0, 1), colours[:, 3:]])


def faces(view, page_size, pixels_per_point):
    """The visible faces of the render `view` on a page of `page_size` points (Faces), or None,
    after printing why, when they cannot be drawn as vectors: geometry other than polygonal
    surfaces, or more than MAX_FACES faces. `pixels_per_point`: the print's pixels per point
    (display line widths are in print pixels)."""
    from paraview import servermanager
    from vtkmodules.util.numpy_support import vtk_to_numpy
    camera = view.GetActiveCamera()
    aspect = page_size[0] / float(page_size[1])
    projection = np.array([[camera.GetCompositeProjectionTransformMatrix(aspect, -1, 1)
                            .GetElement(i, j) for j in range(4)] for i in range(4)])
    eye = np.asarray(camera.GetPosition(), float)
    forward = np.asarray(camera.GetDirectionOfProjection(), float)
    representations = _surface_representations(view)
    # Counted on the server before anything is fetched: a full-resolution brain is millions.
    cells = sum(rep.Input.GetDataInformation().GetNumberOfCells() for rep in representations)
    if cells > MAX_FACES:
        print("not vector: %d faces, more than %d (a PDF of them would be larger than the "
              "300 dpi raster, and slow to open)" % (cells, MAX_FACES))
        return None
    parts = []
    for rep in representations:
        polydata = servermanager.Fetch(rep.Input)
        if not polydata.IsA("vtkPolyData") or rep.Representation not in SURFACES:
            print("not vector: %s is shown as %s, not a polygonal surface"
                  % (polydata.GetClassName(), rep.Representation))
            return None
        try:
            cells = _polygons(polydata)
        except ValueError as error:
            print("not vector: the polydata %s" % error)
            return None
        if not len(cells):
            continue
        points = vtk_to_numpy(polydata.GetPoints().GetData()).astype(float)
        corners = ([points[c] for c in cells] if isinstance(cells, list) else points[cells])
        centres = np.array([c.mean(axis=0) for c in corners]) if isinstance(cells, list) \
            else corners.mean(axis=1)
        first = np.array([[c[0], c[1], c[2]] for c in corners]) if isinstance(cells, list) \
            else corners[:, :3]
        normals = np.cross(first[:, 1] - first[:, 0], first[:, 2] - first[:, 1])
        normals /= np.linalg.norm(normals, axis=1, keepdims=True)
        towards_eye = ((eye - centres) * normals).sum(axis=1) > 0 if camera.GetParallelProjection() == 0 \
            else (normals * -forward).sum(axis=1) > 0
        colours = _face_colours(rep, polydata, cells)
        keep = colours[:, 3] > 0
        if rep.BackfaceRepresentation == "Cull Backface":
            keep &= towards_eye
        # Two-sided lighting: a face seen from behind is lit by its normal turned toward the eye.
        normals[~towards_eye] *= -1
        colours = _shade(rep, view, colours, centres, normals, eye)
        edges = rep.Representation == "Surface With Edges"
        index = np.flatnonzero(keep)
        parts.append((index, cells, points, colours, centres,
                      # Edges are drawn with the display's opacity, as VTK draws them.
                      (tuple(rep.EdgeColor) + (float(rep.Opacity),),
                       rep.LineWidth / pixels_per_point)
                      if edges else (None, 0.0)))
    polygons, colours, depths, edge_colours, edge_widths = [], [], [], [], []
    for index, cells, points, shaded, centres, (edge_colour, edge_width) in parts:
        if camera.GetParallelProjection():
            depths.append((centres[index] - eye) @ forward)
        else:
            depths.append(np.linalg.norm(centres[index] - eye, axis=1))
        homogeneous = np.hstack([points, np.ones((len(points), 1))]) @ projection.T
        # Hundredths of a point (a twelfth of a 300 dpi pixel): shorter numbers in the files.
        page = np.round((homogeneous[:, :2] / homogeneous[:, 3:] + 1) / 2
                        * np.asarray(page_size), 2)
        polygons.extend(page[cells[i]] for i in index)
        colours.append(shaded[index])
        edge_colours.extend([edge_colour] * len(index))
        edge_widths.extend([edge_width] * len(index))
    if not polygons:
        return Faces([], np.zeros((0, 4)), [], [])
    # Back to front; a stable sort keeps coincident faces in their data order.
    order = np.argsort(-np.concatenate(depths), kind="stable")
    return Faces([polygons[i] for i in order], np.concatenate(colours)[order],
                 [edge_colours[i] for i in order], [edge_widths[i] for i in order])


def write(path, drawn, page_size, background, underlay):
    """Writes the Faces `drawn` as a vector PDF or SVG (by `path`'s extension) of `page_size`
    points on `background` (RGBA, alpha 0 for none), over `underlay` (RGBA pixels, rows from
    the top, covering the page; None for none): the view's 2D parts."""
    import matplotlib
    matplotlib.use("agg")
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure
    figure = Figure(figsize=(page_size[0] / 72.0, page_size[1] / 72.0))
    if underlay is not None:
        # One image pixel per print pixel, placed exactly (imshow would round its extent to
        # whole points).
        figure.figimage(underlay, origin="upper")
    axes = figure.add_axes([0, 0, 1, 1])
    axes.set_axis_off()
    axes.patch.set_visible(False)
    axes.set_xlim(0, page_size[0])
    axes.set_ylim(0, page_size[1])
    if len(drawn):
        opaque = drawn.colours[:, 3] >= 1
        # Opaque faces are outlined in their own colour a hair wide, or the anti-aliased seams
        # between neighbours would let what is behind through; edges of "Surface With Edges"
        # are drawn in their colour and width.
        edge_colours = [edge if edge is not None else (tuple(fill) if solid else (0, 0, 0, 0))
                        for edge, fill, solid in zip(drawn.edge_colours, drawn.colours, opaque)]
        widths = [width if edge is not None else SEAM_WIDTH_PT
                  for edge, width in zip(drawn.edge_colours, drawn.edge_widths)]
        axes.add_collection(PolyCollection(drawn.polygons, facecolors=drawn.colours,
                                           edgecolors=edge_colours, linewidths=widths,
                                           joinstyle="round"))
    dpi = 72.0 * underlay.shape[1] / page_size[0] if underlay is not None else 72.0
    figure.savefig(path, dpi=dpi, facecolor=background, edgecolor="none")
