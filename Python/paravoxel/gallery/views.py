"""The views of the gallery's figures (figures, overlays, atlases), in one place: white render
views, cameras that frame given bounds, colour legends and corner text in dark grey, and the
screenshot that ends a figure (saved as stills says: the figure's own PNG, or print-ready
stills).

paraview.simple is imported inside each function: importing it connects a session, and the
overlay archive (overlays.write_overlay_archive) is made without one.
"""
import math

from . import stills

# Where matplotlib's voxels() lights its faces from: LightSource(azdeg=225, altdeg=19.4712), fixed
# in the data's frame; the unit vector toward the light.
MATPLOTLIB_LIGHT = (-math.cos(math.radians(19.4712)) * math.sqrt(0.5),
                    -math.cos(math.radians(19.4712)) * math.sqrt(0.5),
                    math.sin(math.radians(19.4712)))
DARK_GREY = [0.1, 0.1, 0.1]


def _white_view(size):
    from paraview import simple
    view = simple.CreateView("RenderView")
    view.ViewSize = list(size)
    view.Background = [1, 1, 1]
    view.UseColorPaletteForBackground = 0
    return view


def render_view(size=(700, 700), axes_grid=False):
    """A white render view lit like matplotlib's voxels (see figures.shade_like_matplotlib), no
    orientation axes; with `axes_grid`, ParaView's axes grid titled x, y, z."""
    from paraview import simple
    view = _white_view(size)
    view.OrientationAxesVisibility = 0
    # One light fixed in the scene where matplotlib has its light, instead of ParaView's light
    # kit: the kit's five lights make the faces darker than matplotlib's, and lighting them costs
    # a third of a full-resolution brain's rendering in software (llvmpipe).
    view.UseLight = 0
    light = simple.AddLight(view=view)
    light.Coords = "Scene"
    light.Type = "Directional"
    light.FocalPoint = [0.0, 0.0, 0.0]
    light.Position = list(MATPLOTLIB_LIGHT)
    if axes_grid:
        view.AxesGrid.Visibility = 1
        view.AxesGrid.XTitle, view.AxesGrid.YTitle, view.AxesGrid.ZTitle = "x", "y", "z"
        for name in ("XTitleColor", "YTitleColor", "ZTitleColor", "XLabelColor", "YLabelColor",
                     "ZLabelColor", "GridColor"):
            setattr(view.AxesGrid, name, [0.2, 0.2, 0.2])
    return view


def world_view(size):
    """A white render view with ParaView's light kit and dark orientation axes, for anatomy in
    world space (the overlays)."""
    view = _white_view(size)
    view.OrientationAxesVisibility = 1
    view.OrientationAxesLabelColor = DARK_GREY
    # One blended pass for the translucent anatomy: depth peeling costs about a second per peel
    # in software rendering, and the anatomy's faces are faint enough for any order.
    view.DepthPeeling = 0
    return view


def place_camera(view, direction, bounds, up=(0, 0, 1), zoom=1.0):
    """Looks at the centre of `bounds` from `direction` (toward the camera, any length), `up` up,
    at the distance that fits `bounds` in the view, then zooms by `zoom`; returns the camera
    position."""
    focal = [0.5 * (bounds[2 * a] + bounds[2 * a + 1]) for a in range(3)]
    norm = math.sqrt(sum(c * c for c in direction))
    view.CameraFocalPoint = focal
    view.CameraPosition = [focal[a] + direction[a] / norm for a in range(3)]
    view.CameraViewUp = list(up)
    view.ResetCamera(*[float(b) for b in bounds])
    if zoom != 1.0:
        view.GetActiveCamera().Zoom(zoom)
    return list(view.GetActiveCamera().GetPosition())


def matplotlib_camera(view, elevation, azimuth, bounds):
    """Place the camera as matplotlib's view_init(elevation, azimuth): z up, azimuth measured
    from +x in the x-y plane, looking at the centre of `bounds` (what is shown), at the distance
    that fits them in the view; returns the camera position."""
    e, a = math.radians(elevation), math.radians(azimuth)
    direction = [math.cos(e) * math.cos(a), math.cos(e) * math.sin(a), math.sin(e)]
    return place_camera(view, direction, bounds)


def legend(lut, view, title, location="Lower Right Corner"):
    """The colour legend (scalar bar) of `lut` in `view`: `title`, no component title, dark text,
    at `location`; returns it."""
    from paraview import simple
    bar = simple.GetScalarBar(lut, view)
    bar.Title, bar.ComponentTitle = title, ""
    bar.TitleColor = bar.LabelColor = DARK_GREY
    bar.WindowLocation = location
    return bar


def corner_text(view, text, location, size):
    """`text` in dark grey at `location`, one of the view's corners, in font size `size`."""
    from paraview import simple
    display = simple.Show(simple.Text(Text=text), view)
    display.WindowLocation = location
    display.Color = DARK_GREY
    display.FontSize = size
    return display


def save(view, path, size=(700, 700)):
    """Saves `view`, a figure designed at `size` pixels, to `path` (PNG) and deletes it; within
    stills.printing(still), as `still` says (print size, transparency, PDF and SVG)."""
    from paraview import simple
    # SaveScreenshot (in stills) renders the view itself: a Render() before it would draw every
    # frame twice (seconds for a whole brain of translucent cubes in software rendering).
    stills.current().save(view, path, size)
    simple.Delete(view)


def matplotlib_preset(name):
    """ParaView's preset of matplotlib's map `name` ("Viridis", "Plasma"): "<name> (matplotlib)"
    up to ParaView 6.0, plain "<name>" from 6.1 on (whichever this ParaView has)."""
    from paraview import servermanager
    old = "%s (matplotlib)" % name
    return old if servermanager.vtkSMTransferFunctionPresets.GetInstance().HasPreset(old) else name
