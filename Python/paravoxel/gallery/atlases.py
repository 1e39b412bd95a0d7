"""Label atlases as exploded voxels, rendered with paraview.simple in pvbatch: mricron-data's AAL
atlas pulled apart region by region, and chosen regions inside the translucent ch2 anatomy, both
in world space, read from the overlay archive of overlays.write_overlay_archive (which keeps the
templates' names, so that the reader finds the atlas's .txt and .lut). paravoxel.gallery.render
renders them with the overlays; Examples/render_atlases.py renders them alone.
"""
from paraview import simple
from paraview.simple import Delete, Show

from ..labels import color_by_labels
from .overlays import AAL, ANATOMY
from .views import corner_text, legend, matplotlib_camera, render_view, save

# Both hippocampi and the left precentral gyrus: left and right at a glance.
CHOSEN_REGIONS = ["Hippocampus_L", "Hippocampus_R", "Precentral_L"]
# A few regions of the legend of the exploded atlas (the whole table has 116).
LEGEND_REGIONS = ["Precentral_L", "Frontal_Sup_R", "Hippocampus_L", "Occipital_Mid_R",
                  "Cerebelum_Crus1_L", "Temporal_Mid_R"]


def legend_of(view, lut, regions, title="AAL regions"):
    """A colour legend listing only `regions` of the categorical lookup table `lut` (the whole
    table of an atlas would not fit): its own table with those annotations and colours, shown as
    a legend while `lut` keeps colouring every region."""
    annotations = list(lut.Annotations)
    colors = list(lut.IndexedColors)
    legend_lut = simple.GetColorTransferFunction(title)
    legend_lut.InterpretValuesAsCategories = 1
    legend_lut.AnnotationsInitialized = 1
    kept_annotations, kept_colors = [], []
    for n, (value, name) in enumerate(zip(annotations[0::2], annotations[1::2])):
        if name in regions:
            kept_annotations += [value, name]
            kept_colors += colors[3 * n:3 * n + 3]
    legend_lut.Annotations = kept_annotations
    legend_lut.IndexedColors = kept_colors
    legend(legend_lut, view, title, "Upper Right Corner").Visibility = 1


def side_labels(view, left="subject's left", right="subject's right"):
    """Words in the lower corners of `view`, for a camera that puts the subject's left on the
    image's left: a reader checks left and right against them."""
    for text, location in ((left, "Lower Left Corner"), (right, "Lower Right Corner")):
        corner_text(view, text, location, 20)


def exploded_atlas_figure(path, archive, explosion=0.6):
    """Every AAL region as exploded voxels in its own colour, pulled apart by `explosion` x (its
    centroid - the brain's), seen from the front left."""
    atlas = simple.AnalyzeZipReader(FileName=archive, Volume=AAL)
    voxels = simple.ExplodedVoxels(Input=atlas, RegionExplosion=explosion)
    view = render_view(size=(900, 700))
    view.OrientationAxesVisibility = 1
    display = Show(voxels, view)
    lut = color_by_labels(display, view=view, array="Intensity", show_legend=False)
    legend_of(view, lut, LEGEND_REGIONS)
    # From the front left and a little above (the subject's left is the image's right).
    matplotlib_camera(view, 20, 235, voxels.GetDataInformation().GetBounds())
    save(view, path, size=(900, 700))
    for proxy in (voxels, atlas):
        Delete(proxy)


def regions_in_anatomy_figure(path, archive, regions=CHOSEN_REGIONS):
    """`regions` of AAL as opaque voxels in their own colours inside the translucent ch2
    anatomy (its outer faces only), both read in world space from one zip: the labels land on the
    anatomy without resampling either. Seen from above and behind, left on the left."""
    anatomy = simple.AnalyzeZipReader(FileName=archive, Volume=ANATOMY)
    atlas = simple.AnalyzeZipReader(FileName=archive, Volume=AAL)
    head = simple.ExplodedVoxels(Input=anatomy, LowerThreshold=60)
    chosen = simple.ExplodedVoxels(Input=atlas)
    chosen.Regions = list(regions)
    view = render_view(size=(900, 700))
    view.OrientationAxesVisibility = 1
    head_display = Show(head, view)
    simple.ColorBy(head_display, None)
    head_display.AmbientColor = head_display.DiffuseColor = [0.75, 0.75, 0.75]
    head_display.Opacity = 0.12
    chosen_display = Show(chosen, view)
    lut = color_by_labels(chosen_display, view=view, array="Intensity", show_legend=False)
    legend_of(view, lut, list(regions))
    # From behind and above: the subject's left is the image's left.
    matplotlib_camera(view, 60, 270, head.GetDataInformation().GetBounds())
    side_labels(view)
    save(view, path, size=(900, 700))
    for proxy in (chosen, head, atlas, anatomy):
        Delete(proxy)


def atlas_figures(archive):
    """The gallery's rows (name, caption, seed tutorial equivalent, function, arguments), as
    figures.CUBE_FIGURES, for `archive`, an overlay archive (overlays.write_overlay_archive)."""
    return [
        ("fig12_atlas_exploded",
         "The AAL atlas (116 regions, 181 x 217 x 181, world space) as exploded voxels: Region "
         "Explosion 0.6, each region in the colour of its .lut, names from its .txt",
         "(no matplotlib equivalent)",
         exploded_atlas_figure, dict(archive=archive)),
        ("fig13_regions_in_anatomy",
         "Both hippocampi and the left precentral gyrus (AAL, picked by name with Regions) inside "
         "the translucent ch2 anatomy, read from one zip in world space; seen from above, the "
         "subject's left on the image's left (+x points right)",
         "(no matplotlib equivalent)",
         regions_in_anatomy_figure, dict(archive=archive)),
    ]
