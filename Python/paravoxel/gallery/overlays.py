"""Overlays in world space: label atlases and a statistical map drawn as exploded voxels inside
translucent anatomy, each volume read by the Analyze Zip Reader in world space from one zip
archive, on its own grid (no resampling): the reader places every voxel where its affine says,
so a 2 mm LAS atlas lines up with a 1 mm RAS anatomy by itself.

    archive = write_overlay_archive("overlays.zip", "Examples/data/attention.zip")
    atlas_figure("atlas.png", archive)         # AICHA regions in the cut-open ch2 head
    left_right_figure("left.png", archive)     # AAL's Precentral_L, seen from above
    statistical_map_figure("tmap.png", archive)  # a t map over the structural volume

The archive holds mricron-data's ch2 (1 mm, RAS), AICHAmc (2 mm, LAS) and aal (1 mm, RAS) with
their label sidecars (.nii.txt, .nii.lut), the structural volume of the tutorial's archive
(attention.zip: SPM2 Analyze, x flipped as nibabel reads Analyze) and an SPM-style t map made
here on the grid of that archive's functional volumes (make_t_map). The figures' rows
(figure_table) are rendered by paravoxel.gallery.render (render_overlays, also in render_all's
gallery); Examples/render_overlays.py is the command line.

paraview.simple is imported inside the figures' functions: importing it connects a session, and
the archive is written without one.
"""
import io
import os
import tempfile
import zipfile

import numpy as np

from ..labels import color_by_labels
from .views import corner_text, legend, matplotlib_preset, place_camera, save, world_view

TEMPLATES = "/usr/share/mricron/templates"
# Members of the overlay archive (the mricron templates keep their names, so that the reader
# finds each atlas's sidecars, e.g. AICHAmc.nii.txt beside AICHAmc.nii.gz).
ANATOMY = "mni/ch2.nii.gz"
AICHA = "mni/AICHAmc.nii.gz"
AAL = "mni/aal.nii.gz"
STRUCTURAL = "attention/structural/nsM00587_0002.hdr"
T_MAP = "attention/stats/spmT_0001.hdr"
TEMPLATE_FILES = ["ch2.nii.gz", "AICHAmc.nii.gz", "AICHAmc.nii.txt", "AICHAmc.nii.lut",
                  "aal.nii.gz", "aal.nii.txt", "aal.nii.lut"]
# The tutorial's archive (attention.zip, the bundled stand-in or SPM's own) and the volume whose
# grid the t map takes.
ATTENTION_STRUCTURAL = "attention/structural/nsM00587_0002"
ATTENTION_FUNCTIONAL = "attention/functional/snffM00587_0004"

# The t map: a smoothed blob at V5/MT, the motion area of the tutorial's "attention to visual
# motion" experiment (world mm), thresholded as SPM's p < 0.001 uncorrected at many degrees of
# freedom (t > 3.1), on spatially smooth noise.
BLOB_CENTRE = (44.0, -72.0, 4.0)
BLOB_PEAK = 7.0
BLOB_SIGMA_MM = 8.0
T_THRESHOLD = 3.1
NOISE_SD = 0.5
NOISE_SMOOTHING_VOXELS = 2.0
NOISE_SEED = 15

# The AAL region picked out to tell left from right.
LEFT_REGION = "Precentral_L"
# The left/right view cuts the head away above this height (world mm): Precentral_L reaches from
# z = 15 to 82 mm, so its upper part stands out of the cut.
LEFT_VIEW_CUT = 45.0
# Where the cut-open views look from (unit vector from the brain toward the camera: left, front,
# above) and the corner of the block cut away toward that camera (world mm): the block x < -8,
# y > -18, z > 8 opens the left hemisphere down to the thalamus and the insula.
OPEN_VIEW = (-0.62, 0.55, 0.56)
CUT_CORNER = (-8.0, -18.0, 8.0)

ZIP_DATE = (2026, 12, 1, 0, 0, 0)


def _read_member(archive, member):
    with zipfile.ZipFile(archive) as z:
        return z.read(member)


def make_t_map(header, centre=BLOB_CENTRE):
    """An SPM-style t map (nibabel Spm2AnalyzeImage, float32) on the grid of `header` (the
    Spm2AnalyzeHeader of a functional volume: its shape, voxel sizes and origin, so the same
    affine): a Gaussian blob of peak BLOB_PEAK and BLOB_SIGMA_MM about `centre` (world mm),
    evaluated in world coordinates, plus smooth noise (white noise of a fixed seed smoothed by
    scipy, NOISE_SD), every value at or below T_THRESHOLD set to 0 as SPM's thresholded maps."""
    import nibabel as nib
    from scipy import ndimage

    shape = tuple(int(n) for n in header.get_data_shape()[:3])
    affine = header.get_best_affine()
    index = np.indices(shape).reshape(3, -1)
    world = affine[:3, :3] @ index + affine[:3, 3:]
    squared = ((world - np.reshape(centre, (3, 1))) ** 2).sum(axis=0).reshape(shape)
    blob = BLOB_PEAK * np.exp(-squared / (2.0 * BLOB_SIGMA_MM ** 2))
    noise = ndimage.gaussian_filter(np.random.default_rng(NOISE_SEED).normal(size=shape),
                                    NOISE_SMOOTHING_VOXELS)
    t = blob + noise * (NOISE_SD / noise.std())
    t[t <= T_THRESHOLD] = 0.0
    out = header.copy()
    out.set_data_shape(shape)
    out.set_zooms(header.get_zooms()[:3])
    out.set_data_dtype(np.float32)
    out.set_slope_inter(1.0)
    out["descrip"] = b"SPM{T} ParaVoxel synthetic, t > %.1f" % T_THRESHOLD
    image = nib.Spm2AnalyzeImage(t.astype(np.float32), None, out)
    image.header["origin"][:3] = header["origin"][:3]
    return image


def _analyze_members(image, member):
    """{member .hdr: bytes, member .img: bytes} of an Analyze image (no .mat: the header's origin
    gives the affine, as in the tutorial's archive)."""
    stem = member[:-len(".hdr")]
    with tempfile.TemporaryDirectory() as folder:
        image.to_filename(os.path.join(folder, "volume.hdr"))
        return {stem + ext: open(os.path.join(folder, "volume" + ext), "rb").read()
                for ext in (".hdr", ".img")}


def write_overlay_archive(path, attention, templates=TEMPLATES):
    """Writes the overlay archive to `path` (see the module's documentation) from the mricron
    templates in `templates` and the tutorial's archive `attention` (its structural volume, and
    its functional grid for the t map); returns `path`. The same inputs give the same bytes."""
    import nibabel as nib

    sources = [os.path.join(templates, name) for name in TEMPLATE_FILES]
    missing = [path for path in sources + [attention] if not os.path.exists(path)]
    if missing:
        raise FileNotFoundError("The overlays need %s (Debian's mricron-data package holds the "
                                "templates)" % ", ".join(missing))
    members = {}
    for name, source in zip(TEMPLATE_FILES, sources):
        with open(source, "rb") as f:
            members["mni/" + name] = f.read()
    for ext in (".hdr", ".img"):
        members[STRUCTURAL[:-len(".hdr")] + ext] = _read_member(attention,
                                                                ATTENTION_STRUCTURAL + ext)
    header = nib.Spm2AnalyzeHeader.from_fileobj(
        io.BytesIO(_read_member(attention, ATTENTION_FUNCTIONAL + ".hdr")))
    members.update(_analyze_members(make_t_map(header), T_MAP))
    with zipfile.ZipFile(path, "w") as z:
        for member, data in members.items():
            info = zipfile.ZipInfo(member, ZIP_DATE)
            # gzip members are compressed already.
            info.compress_type = zipfile.ZIP_STORED if member.endswith(".gz") else \
                zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return path


# --- Figures (paraview.simple, in pvbatch or pvpython with the plugin loaded) ---------------


def read_world(archive, member):
    """The Analyze Zip Reader of `member` in world space (the default, set here explicitly)."""
    from paraview import simple
    reader = simple.AnalyzeZipReader(FileName=archive, Volume=member, WorldSpace=1)
    simple.UpdatePipeline(proxy=reader)
    return reader


def _anatomy(reader, view, camera, opacity, cut=None):
    """The translucent anatomy: the exploded voxels of `reader`'s head (every voxel above 0, the
    masked background of these templates; only the outer faces, those toward the camera) in
    greys by intensity (a colour map of its own, since the overlays' arrays are called Intensity
    too), optionally with the block `cut` ((corner, lengths)) removed, so that its faces show the
    anatomy's cross-sections."""
    from paraview import simple
    high = reader.PointData["Intensity"].GetRange()[1]
    voxels = simple.ExplodedVoxels(Input=reader, LowerThreshold=0, UpperThreshold=high,
                                   OnlyFacesTowardViewPoint=1, ViewPoint=camera)
    voxels.Scalars = ["POINTS", "Intensity"]
    if cut:
        _cut_block(voxels, *cut)
    display = simple.Show(voxels, view)
    simple.ColorBy(display, ("CELLS", "Intensity"), separate=True)
    greys = simple.GetColorTransferFunction("Intensity", display, separate=True)
    greys.ApplyPreset("Grayscale", True)
    greys.RescaleTransferFunction(0.0, 0.75 * high)  # white matter near white
    display.SetScalarBarVisibility(view, False)
    display.Opacity = opacity
    display.Ambient, display.Diffuse = 0.3, 0.7
    return voxels, display


def _cut_block(voxels, corner, lengths):
    """Cut away the block from `corner` spanning `lengths` (world mm; negative lengths extend
    toward lower coordinates)."""
    start = [min(c, c + n) for c, n in zip(corner, lengths)]
    voxels.CutFunction = "Box"
    voxels.CutFunction.UseReferenceBounds = 0
    voxels.CutFunction.Position = start
    voxels.CutFunction.Rotation = [0, 0, 0]
    voxels.CutFunction.Length = [abs(n) for n in lengths]


def _label(view, text, position, colour=(0.1, 0.1, 0.1), size=28):
    """A text label that stays upright facing the camera at `position` (world mm)."""
    from paraview import simple
    source = simple.Text(Text=text)
    display = simple.Show(source, view)
    display.TextPropMode = "Billboard 3D Text"
    display.BillboardPosition = list(position)
    display.Color = list(colour)
    display.FontSize = size
    display.Bold = 1
    return display


def _sources():
    from paraview import simple
    return dict(simple.GetSources())


def _clean_up(before):
    """Deletes the pipeline proxies made since `before` (_sources() then), consumers first, and
    the shared Intensity colour map (color_by_labels made it categorical): the figures share a
    session with others. The view is gone already (views.save deletes it)."""
    from paraview import simple
    now = _sources()
    for key in sorted(set(now) - set(before), key=lambda key: int(key[1]), reverse=True):
        simple.Delete(now[key])
    simple.Delete(simple.GetColorTransferFunction("Intensity"))
    simple.Delete(simple.GetOpacityTransferFunction("Intensity"))


def _block_toward(corner, direction):
    """The block from `corner` (world mm) to beyond the head on the side `direction` points to
    along each axis: the cut that opens the volume toward a camera there."""
    return corner, tuple(300.0 if d > 0 else -300.0 for d in direction)


def atlas_figure(path, archive, size=(900, 800)):
    """The AICHA atlas (2 mm, stored LAS) as opaque exploded voxels in its regions' colours,
    inside the translucent ch2 head (1 mm, stored RAS), both cut open by one block: each read in
    world space from `archive`, neither resampled."""
    from paraview import simple

    before = _sources()
    anatomy_reader = read_world(archive, ANATOMY)
    atlas_reader = read_world(archive, AICHA)
    view = world_view(size)
    bounds = anatomy_reader.GetDataInformation().GetBounds()
    camera = place_camera(view, OPEN_VIEW, bounds, zoom=1.25)
    block = _block_toward(CUT_CORNER, OPEN_VIEW)
    _anatomy(anatomy_reader, view, camera, 0.18, block)
    regions = simple.ExplodedVoxels(Input=atlas_reader, OnlyFacesTowardViewPoint=1,
                                    ViewPoint=camera)
    regions.Scalars = ["POINTS", "Intensity"]
    _cut_block(regions, *block)
    display = simple.Show(regions, view)
    color_by_labels(display, view=view, show_legend=False)  # 192 regions: no legend
    display.Ambient, display.Diffuse = 0.35, 0.7
    save(view, path, size)
    _clean_up(before)


def left_right_figure(path, archive, size=(800, 800)):
    """AAL's `LEFT_REGION` (Precentral_L) opaque red, standing out of the ch2 head cut away above
    z = `LEFT_VIEW_CUT` mm (translucent, its axial cross-section in greys), seen from above with
    the nose up, labelled "left" and "right" beside the head at x = -/+ 100 mm, with orientation
    axes: the subject's left is on the image's left (neurological convention)."""
    from paraview import simple

    before = _sources()
    anatomy_reader = read_world(archive, ANATOMY)
    atlas_reader = read_world(archive, AAL)
    view = world_view(size)
    bounds = anatomy_reader.GetDataInformation().GetBounds()
    camera = place_camera(view, (0, 0, 1), bounds, up=(0, 1, 0), zoom=1.1)
    anatomy, _ = _anatomy(anatomy_reader, view, camera, 0.45)
    anatomy.CutFunction = "Plane"
    anatomy.CutFunction.Origin = [0.0, 0.0, LEFT_VIEW_CUT]
    anatomy.CutFunction.Normal = [0.0, 0.0, -1.0]  # keeps the voxels below
    region = simple.ExplodedVoxels(Input=atlas_reader, Regions=[LEFT_REGION],
                                   OnlyFacesTowardViewPoint=1, ViewPoint=camera)
    region.Scalars = ["POINTS", "Intensity"]
    display = simple.Show(region, view)
    simple.ColorBy(display, None)
    display.AmbientColor = display.DiffuseColor = [0.85, 0.1, 0.1]
    display.Ambient, display.Diffuse = 0.35, 0.7
    corner_text(view, "red: AAL %s, seen from above, nose up" % LEFT_REGION, "Upper Left Corner",
                22)
    middle = 0.5 * (bounds[2] + bounds[3])
    _label(view, "left", (bounds[0] - 10.0, middle, bounds[5]))
    _label(view, "right", (bounds[1] + 10.0, middle, bounds[5]))
    save(view, path, size)
    _clean_up(before)


def statistical_map_figure(path, archive, size=(900, 800)):
    """The t map (t > 3.1, on the functional grid) as opaque exploded voxels coloured by t, over
    the translucent structural volume cut away above the blob's centre (its axial section in
    greys), both read in world space, seen from above, behind and to the right."""
    from paraview import simple

    before = _sources()
    structural_reader = read_world(archive, STRUCTURAL)
    t_reader = read_world(archive, T_MAP)
    view = world_view(size)
    bounds = structural_reader.GetDataInformation().GetBounds()
    camera = place_camera(view, (0.45, -0.55, 0.9), bounds, zoom=1.3)
    anatomy, _ = _anatomy(structural_reader, view, camera, 0.6)
    anatomy.CutFunction = "Plane"
    anatomy.CutFunction.Origin = list(BLOB_CENTRE)
    anatomy.CutFunction.Normal = [0.0, 0.0, -1.0]  # keeps the voxels below the blob's centre
    high = t_reader.PointData["Intensity"].GetRange()[1]
    blob = simple.ExplodedVoxels(Input=t_reader, LowerThreshold=T_THRESHOLD, UpperThreshold=high,
                                 OnlyFacesTowardViewPoint=1, ViewPoint=camera)
    blob.Scalars = ["POINTS", "Intensity"]
    display = simple.Show(blob, view)
    simple.ColorBy(display, ("CELLS", "Intensity"), separate=True)
    lut = simple.GetColorTransferFunction("Intensity", display, separate=True)
    lut.ApplyPreset(matplotlib_preset("Plasma"), True)
    lut.RescaleTransferFunction(T_THRESHOLD, high)
    display.SetScalarBarVisibility(view, True)
    legend(lut, view, "t")
    display.Ambient, display.Diffuse = 0.35, 0.7
    save(view, path, size)
    _clean_up(before)


def figure_table(archive):
    """The overlay figures of `archive` (write_overlay_archive's) as rows of a
    paravoxel.gallery.render.Gallery table: (name, caption, seed code (none: beyond the tutorial),
    draw, arguments)."""
    x, y, z = BLOB_CENTRE
    return [
        ("overlay_atlas",
         "The AICHA atlas (2 mm, stored LAS) as opaque exploded voxels in its regions' colours "
         "(color_by_labels), inside the translucent ch2 head (1 mm, stored RAS), both cut open "
         "by one block: read from one zip in world space, neither resampled",
         "", atlas_figure, dict(archive=archive)),
        ("overlay_left",
         "AAL's %s (red, picked with Regions) in the ch2 head cut away above z = %g mm, seen "
         "from above with the nose up: the neurological convention, the subject's left on the "
         "image's left, as the labels (at x = -/+ 100 mm) and the orientation axes show"
         % (LEFT_REGION, LEFT_VIEW_CUT),
         "", left_right_figure, dict(archive=archive)),
        ("overlay_tmap",
         "An SPM-style t map made on the tutorial archive's functional grid (64 x 64 x 32, "
         "2.8 x 3.4 x 5.7 mm): a Gaussian blob at (%g, %g, %g) mm (V5/MT) on smooth noise, "
         "t > %.1f, as exploded voxels coloured by t over the structural volume cut away above "
         "the blob's centre, seen from above, behind and to the right; both in world space"
         % (x, y, z, T_THRESHOLD),
         "", statistical_map_figure, dict(archive=archive)),
    ]
