"""The figures of the seed tutorial ("Displaying 3D images in Python") rendered with ParaVoxel's
reader and filters and ParaView's own views (paraview.simple, in pvbatch): each figure a function
that draws into a PNG, and tables of rows (name, caption, the seed tutorial's code, draw,
arguments) that paravoxel.gallery.render renders into one folder with an index.html gallery
(Examples/render_figures.py is its command line).
"""
import os
import shutil

import numpy as np
from paraview import servermanager, simple
from paraview.simple import (
    ColorBy, CreateView, Delete, ExtractSubset, GetAnimationScene, GetColorTransferFunction,
    GetOpacityTransferFunction, Histogram, PythonAnimationCue, SaveAnimation, SetActiveView, Show,
    TrivialProducer)
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonDataModel import vtkImageData

from ..images import numpy_to_image
from .views import matplotlib_camera, matplotlib_preset, render_view, save

# The tutorial's warm-up pattern, indexed [x][y][z].
SEED_PATTERN = np.array([[[1, 0, 1], [0, 0, 1], [0, 1, 0]],
                         [[0, 1, 1], [1, 0, 0], [1, 0, 1]],
                         [[1, 1, 0], [1, 1, 1], [0, 0, 0]]])
MATPLOTLIB_BLUE = (0x1F / 255.0, 0x77 / 255.0, 0xB4 / 255.0)
# The solid 3x3x3 block's colours: translucent blue, the middle voxel opaque red.
BLOCK_COLOURS = np.zeros((3, 3, 3, 4), dtype=np.uint8)
BLOCK_COLOURS[...] = (0x1F, 0x77, 0xB4, 0x30)
BLOCK_COLOURS[1, 1, 1] = (0xFF, 0x00, 0x00, 0xFF)


def slice_figure(path, reader):
    """Figure 1: the horizontal slice arr[:, :, 5] with a colour bar (matplotlib's imshow)."""
    view = CreateView("RenderView")
    view.ViewSize = [800, 700]
    view.OrientationAxesVisibility = 0
    display = Show(reader, view)
    display.SetRepresentationType("Slice")
    display.SliceMode = "XY Plane"
    display.Slice = 5
    display.ColorArrayName = ["POINTS", "Intensity"]
    lut = GetColorTransferFunction("Intensity")
    lut.ApplyPreset(matplotlib_preset("Viridis"), True)
    display.SetScalarBarVisibility(view, True)
    # imshow puts the first index down and the second to the right: look down -z with -x up.
    view.CameraPosition = [0, 0, 1]
    view.CameraFocalPoint = [0, 0, 0]
    view.CameraViewUp = [-1, 0, 0]
    view.ResetCamera()
    save(view, path, (800, 700))


def histogram_figure(path, source, array, title):
    """Figures 2 and 3: a 50-bin histogram of the voxel values in a bar chart view, each bar
    coloured by viridis at its bin's position, as the tutorial's show_histogram does."""
    histogram = Histogram(Input=source)
    histogram.SelectInputArray = ["POINTS", array]
    histogram.BinCount = 50
    view = CreateView("XYBarChartView")
    view.ViewSize = [800, 500]
    view.ChartTitle = title
    view.LeftAxisTitle = "voxels"
    view.BottomAxisTitle = array
    # ParaView 6 made the axis titles smaller (14 points, before 18): one size on every version.
    view.LeftAxisTitleFontSize = 18
    view.BottomAxisTitleFontSize = 18
    view.ShowLegend = 0  # one legend swatch cannot stand for bars of every colour
    display = Show(histogram, view)
    display.SeriesVisibility = ["bin_values"]
    # The tutorial normalizes the bin centres to [0, 1] for viridis: the same map over the range
    # of the Histogram filter's bin_extents (the bin centres).
    lut = GetColorTransferFunction(array + " histogram bins")
    lut.ApplyPreset(matplotlib_preset("Viridis"), True)
    lut.RescaleTransferFunction(
        *servermanager.Fetch(histogram).GetColumnByName("bin_extents").GetRange())
    # ParaView 5.11's bar chart representation colours the bars of a histogram's bin_values
    # series by bin_extents through a lookup table, re-applied to the plot at every render (the
    # Histogram View uses it); the XYBarChartView proxy exposes no property for it, so set it on
    # the representation's VTK object, which lives where the chart is drawn.
    chart = display.GetClientSideObject()
    chart.SetUseColorMapping("bin_values", True)
    chart.SetLookupTable("bin_values", lut.GetClientSideObject())
    save(view, path, (800, 500))
    Delete(histogram)


def producer_of(image):
    """A TrivialProducer proxy serving the vtkImageData `image`."""
    producer = TrivialProducer()
    producer.GetClientSideObject().SetOutput(image)
    return producer


def shade_like_matplotlib(display):
    """matplotlib scales a face's colour by 0.65 + 0.35 cos(angle to the light); with VTK's
    ambient + diffuse * max(0, cos), these two coefficients give the faces turned toward the light
    and away from it (cos = +-2/3 for the sides) matplotlib's shades, the tops a little darker."""
    display.Ambient = 0.42
    display.Diffuse = 0.7


def cubes_figure(path, filled, colour, opacity, edges, interior, gap=0.0, colours=None):
    """Figures 4 to 8: the tutorial's warm-up cubes. `colours` (RGBA uint8 per voxel) are shown
    as they are, with Map Scalars off, like matplotlib's per-voxel facecolors."""
    arrays = {"filled": filled.astype(np.uint8)}
    if colours is not None:
        arrays["colour"] = colours
    producer = producer_of(numpy_to_image(arrays))
    voxels = simple.ExplodedVoxels(Input=producer, KeepInteriorFaces=int(interior), Gap=gap)
    voxels.Scalars = ["POINTS", "filled"]
    view = render_view(axes_grid=True)
    display = Show(voxels, view)
    display.SetRepresentationType("Surface With Edges" if edges else "Surface")
    display.EdgeColor = [0.5, 0.5, 0.5]
    if colours is not None:
        # Colour every voxel from its own RGBA value.
        voxels_with_colour = simple.ExplodedVoxels(Input=producer,
                                                   KeepInteriorFaces=int(interior), Gap=gap)
        voxels_with_colour.Scalars = ["POINTS", "colour"]
        Delete(display)
        display = Show(voxels_with_colour, view)
        display.SetRepresentationType("Surface With Edges" if edges else "Surface")
        display.EdgeColor = [0.5, 0.5, 0.5]
        ColorBy(display, ("CELLS", "colour"))
        display.MapScalars = 0
    else:
        ColorBy(display, None)
        display.AmbientColor = display.DiffuseColor = list(colour)
        display.Opacity = opacity
    shade_like_matplotlib(display)
    matplotlib_camera(view, 30, -60, voxels.GetDataInformation().GetBounds())
    save(view, path)


def brain_figure(path, volume, array, voi=None, flip_y=False, diagonal_cut=False, azimuth=320):
    """Figures 9 to 11: every voxel a cube, viridis with opacity = value (opacity mapping for
    surfaces), all faces kept so inner voxels show through, as in the tutorial."""
    view, _ = brain_view(volume, array, voi, flip_y, diagonal_cut, azimuth, still=True)
    save(view, path)


def box_bounds(image):
    """World bounds of the boxes Exploded Voxels makes of a point-data vtkImageData (half a voxel
    beyond its points): what the camera must frame."""
    bounds = list(image.GetBounds())
    for axis in range(3):
        half = 0.5 * abs(image.GetSpacing()[axis])
        bounds[2 * axis] -= half
        bounds[2 * axis + 1] += half
    return bounds


def mirrored_in_y(image):
    """The tutorial's [:, ::-1, :]: a producer of `image` (a vtkImageData) with the values of
    every point array in reverse y order. The voxels keep their places (and the axes their
    labels), as in matplotlib. Reversing 2 M values costs milliseconds; mirroring the cubes made
    of them instead (a Transform of 8 M points) costs half a second."""
    mirrored = vtkImageData()
    mirrored.CopyStructure(image)
    nx, ny, nz = image.GetDimensions()
    point_data = image.GetPointData()
    for index in range(point_data.GetNumberOfArrays()):
        values = vtk_to_numpy(point_data.GetArray(index))
        flipped = values.reshape((nz, ny, nx, -1))[:, ::-1].reshape(values.shape)
        array = numpy_to_vtk(np.ascontiguousarray(flipped), deep=True)
        array.SetName(point_data.GetArrayName(index))
        mirrored.GetPointData().AddArray(array)
    return producer_of(mirrored)


def brain_view(volume, array, voi=None, flip_y=False, diagonal_cut=False, azimuth=320,
               still=False):
    """The render view of figures 9 to 11, ready to render; returns (view, display). A `still`
    view makes only the faces toward its camera (half the geometry); its camera must not move."""
    source = ExtractSubset(Input=volume, VOI=voi) if voi else volume
    # The image itself (not its data information, which tells of the last extent any consumer
    # asked for, e.g. a subset of it).
    image = servermanager.Fetch(source)
    if flip_y:
        source = mirrored_in_y(image)
    voxels = simple.ExplodedVoxels(Input=source, KeepInteriorFaces=1)
    voxels.Scalars = ["POINTS", array]
    if diagonal_cut:
        # The tutorial zeroes cube[x, y, z] for z >= x - y + 5 (voxel indices): cut away the
        # voxels behind the plane x - y - z = -4.5, written in world coordinates.
        origin, spacing = image.GetOrigin(), image.GetSpacing()
        normal_index = (1.0, -1.0, -1.0)
        point_index = (0.0, 0.0, 4.5)
        voxels.CutFunction = "Plane"
        voxels.CutFunction.Normal = [normal_index[i] / spacing[i] for i in range(3)]
        voxels.CutFunction.Origin = [origin[i] + point_index[i] * spacing[i] for i in range(3)]
    view = render_view(axes_grid=True)
    # Depth peeling costs about a second per peel in software rendering (llvmpipe): one blended
    # pass, ten times faster, but through many translucent layers not the exact picture
    # (docs/user/figures.md; print stills peel). The GUI keeps ParaView's default depth peeling.
    view.DepthPeeling = 0
    camera = matplotlib_camera(view, 30, azimuth, box_bounds(image))
    if still:
        # Only the faces a camera there sees the outer side of: the others would be culled.
        voxels.OnlyFacesTowardViewPoint = 1
        voxels.ViewPoint = camera
    display = Show(voxels, view)
    if not still:
        display.BackfaceRepresentation = "Cull Backface"  # the faces away from the moving camera
    shade_like_matplotlib(display)
    # The boxes stand apart (interior faces kept), so their corners carry the voxel values:
    # colouring by points is the same picture as by cells, and much faster to render.
    ColorBy(display, ("POINTS", array))
    lut = GetColorTransferFunction(array)
    lut.ApplyPreset(matplotlib_preset("Viridis"), True)
    lut.EnableOpacityMapping = 1
    values = voxels.GetDataInformation().GetPointDataInformation().GetArrayInformation(array)
    low, high = values.GetComponentRange(0) if values else (0.0, 1.0)
    lut.RescaleTransferFunction(low, high)
    opacity = GetOpacityTransferFunction(array)
    opacity.Points = [low, 0.0, 0.5, 0.0, high, 1.0, 0.5, 0.0]
    display.SetScalarBarVisibility(view, False)
    return view, display


# The animation cue of orbit(): at animation time t in [0, 1], the camera of the active view
# turned by t full turns about the vertical axis through its focal point, at its elevation.
ORBIT_CUE = """
import math
from paraview.simple import GetActiveView

def start_cue(self):
    view = GetActiveView()
    self.focal = list(view.CameraFocalPoint)
    self.position = list(view.CameraPosition)

def tick(self):
    view = GetActiveView()
    f, p = self.focal, self.position
    angle = 2 * math.pi * self.GetAnimationTime()
    c, s = math.cos(angle), math.sin(angle)
    dx, dy = p[0] - f[0], p[1] - f[1]
    view.CameraPosition = [f[0] + c * dx - s * dy, f[1] + s * dx + c * dy, p[2]]
    view.CameraFocalPoint = f
    view.CameraViewUp = [0, 0, 1]

def end_cue(self):
    pass
"""


def orbit(folder, volume, array, frames):
    """Save `frames` frames circling the full view (figure 11's camera first) with
    SaveAnimation, as folder/orbit.0000.png...; returns their paths. The camera is driven by a
    Python animation cue on the scene, one frame per 360/frames degrees."""
    view, _ = brain_view(volume, array, flip_y=True)
    SetActiveView(view)
    cue = PythonAnimationCue()
    cue.Script = ORBIT_CUE
    scene = GetAnimationScene()
    scene.Cues.append(cue)
    scene.PlayMode = "Sequence"
    scene.StartTime, scene.EndTime = 0.0, 1.0
    scene.NumberOfFrames = frames + 1  # the last frame, t = 1, would repeat the first
    os.makedirs(folder, exist_ok=True)
    SaveAnimation(os.path.join(folder, "orbit.png"), view, ImageResolution=[700, 700],
                  FrameWindow=[0, frames - 1])
    scene.Cues.remove(cue)
    Delete(cue)
    Delete(view)
    return [os.path.join(folder, "orbit.%04d.png" % i) for i in range(frames)]


# Figures 4 to 8, the warm-up cubes: (name, caption, the seed tutorial's code, draw, arguments).
CUBE_FIGURES = [
    ("fig04_cubes",
     "The warm-up pattern as opaque cubes with grey edges and axes grid (Exploded Voxels, "
     "Surface With Edges)",
     "ax.voxels(filled, edgecolors='gray')",
     cubes_figure, dict(filled=SEED_PATTERN, colour=MATPLOTLIB_BLUE, opacity=1.0, edges=True,
                        interior=False)),
    ("fig05_translucent", "The same, translucent (#1f77b430), every face kept",
     "ax.voxels(filled, facecolors='#1f77b430', edgecolors='gray')",
     cubes_figure, dict(filled=SEED_PATTERN, colour=MATPLOTLIB_BLUE, opacity=0x30 / 255.0,
                        edges=True, interior=True)),
    ("fig06_block", "A solid translucent 3x3x3 block: only the outer faces",
     "ax.voxels(np.ones((3, 3, 3)), facecolors='#1f77b430', edgecolors='gray')",
     cubes_figure, dict(filled=np.ones((3, 3, 3)), colour=MATPLOTLIB_BLUE, opacity=0x30 / 255.0,
                        edges=True, interior=False)),
    ("fig07_hidden_red",
     "The block with its middle voxel red (#ff0000ff, per-voxel RGBA, Map Scalars off): hidden, "
     "as in matplotlib",
     "colors[1,1,1] = '#ff0000ff'; ax.voxels(np.ones((3, 3, 3)), facecolors=colors)",
     cubes_figure, dict(filled=np.ones((3, 3, 3)), colour=None, opacity=None, edges=True,
                        interior=False, colours=BLOCK_COLOURS)),
    ("fig08_exploded", "Exploded (Gap 0.5, interior faces kept): the red voxel shows",
     "ax.voxels(x, y, z, explode(filled), facecolors=explode(colors))",
     cubes_figure, dict(filled=np.ones((3, 3, 3)), colour=None, opacity=None, edges=False,
                        interior=True, gap=0.5, colours=BLOCK_COLOURS)),
]


def volume_figures(reader, transformed):
    """Figures 1 to 3, of the archive's volume and its Intensity Transform: rows as in
    CUBE_FIGURES."""
    return [
        ("fig01_slice", "Horizontal slice k = 5 with a colour bar (Slice representation)",
         "plt.imshow(arr[:, :, 5]); plt.colorbar()",
         slice_figure, dict(reader=reader)),
        ("fig02_histogram",
         "Histogram of the raw voxel values (Histogram filter, bar chart view, bars coloured by "
         "viridis at their bin)",
         "show_histogram(arr)",
         histogram_figure, dict(source=reader, array="Intensity", title="Raw values")),
        ("fig03_histogram_transformed",
         "Histogram after the Intensity Transform (the tutorial's curve)",
         "show_histogram(transformed)",
         histogram_figure, dict(source=transformed, array="Transformed",
                                title="Transformed values")),
    ]


def brain_figures(label, source, dimensions):
    """Figures 9 to 11 of `source` (its Transformed array), whose volume has `dimensions`
    voxels, named by `label`: rows as in CUBE_FIGURES."""
    nx, ny, nz = dimensions
    # The tutorial's cut indices are for 50 voxels a side; scale them to this volume.
    cx, cz = int(round(35 * nx / 50.0)), int(round(25 * nz / 50.0))
    return [
        ("fig09_cut_%s" % label,
         "Cut view, %s voxels: cube[:35, ::-1, :25], azimuth 320" % label,
         "plot_cube(resized[:35, ::-1, :25])",
         brain_figure, dict(volume=source, array="Transformed",
                            voi=[0, cx - 1, 0, ny - 1, 0, cz - 1], flip_y=True)),
        ("fig10_diagonal_%s" % label,
         "Back view with the diagonal cut z >= x - y + 5, %s voxels, azimuth 200" % label,
         "cube[x, y, z] = 0 for z >= x - y + 5; plot_cube(cube, angle=200)",
         brain_figure, dict(volume=source, array="Transformed", diagonal_cut=True, azimuth=200)),
        ("fig11_full_%s" % label,
         "Full view, %s voxels: cube[:, ::-1, :], azimuth 320" % label,
         "plot_cube(resized[:, ::-1, :])",
         brain_figure, dict(volume=source, array="Transformed", flip_y=True)),
    ]


def orbit_figure(path, folder, volume, frames):
    """The orbit of the full view into `folder` (see orbit); its first frame is the figure."""
    shutil.copyfile(orbit(folder, volume, "Transformed", frames)[0], path)
