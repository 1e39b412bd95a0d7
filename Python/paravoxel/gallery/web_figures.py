"""The gallery's web figures (paravoxel.web): the 50^3 full view and the AICHA atlas as pages that
turn with the mouse, offline, beside their PNGs in out/index.html (paravoxel.gallery.render links
them).

Each page is exported from a view drawn for it: its camera and colours are the PNG's, and it
holds the faces toward that camera (as the still does), so it shows the figure from near its
first angle; turned far round, the far sides are open.
"""
from paraview import simple

from .. import web
from ..labels import color_by_labels
from .figures import brain_view
from .overlays import AICHA, OPEN_VIEW, read_world
from .views import place_camera, world_view

# The AICHA regions move apart from the atlas's centre by this fraction of their distance to it.
ATLAS_EXPLOSION = 0.3


def full_view_page(path, volume):
    """Figure 11 (the full view, Transformed, viridis with opacity mapping) of `volume` as a web
    page."""
    view, _ = brain_view(volume, "Transformed", flip_y=True, still=True)
    view.AxesGrid.Visibility = 0
    web.export_html(view, path, title="Full view (ParaVoxel)")
    simple.Delete(view)


def atlas_page(path, archive, size=(900, 800)):
    """The AICHA atlas of `archive` (paravoxel.gallery.overlays' archive) exploded by region, in
    its regions' colours, as a web page that names the region under the pointer."""
    reader = read_world(archive, AICHA)
    view = world_view(size)
    camera = place_camera(view, OPEN_VIEW, reader.GetDataInformation().GetBounds(), zoom=1.1)
    regions = simple.ExplodedVoxels(Input=reader, OnlyFacesTowardViewPoint=1, ViewPoint=camera,
                                    RegionExplosion=ATLAS_EXPLOSION)
    regions.Scalars = ["POINTS", "Intensity"]
    display = simple.Show(regions, view)
    display.UseSeparateColorMap = 1
    color_by_labels(display, view=view, show_legend=False)
    display.Ambient, display.Diffuse = 0.35, 0.7
    web.export_html(view, path, title="AICHA atlas (ParaVoxel)")
    simple.Delete(view)
    simple.Delete(regions)
    simple.Delete(reader)
