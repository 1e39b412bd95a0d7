"""The gallery's one folder: every figure of figures, overlays and atlases rendered into PNGs with
an index.html of captions and timings. This module is the one that imports all three, so that
imports run one way: views <- figures, overlays <- atlases <- render (atlases reads the overlay
archive of overlays), and the web pages of web_figures.

    gallery = render_all(plugin, "Examples/data/attention.zip", "out",
                         overlays_from="Examples/data/attention.zip")

Examples/render_figures.py, Examples/render_overlays.py and Examples/render_atlases.py are its
command lines.
"""
import html
import os
import tempfile
import time

from paraview import servermanager, simple
from paraview.simple import LoadPlugin, ResampleToImage, UpdatePipeline

from . import atlases, figures, overlays, stills, web_figures


class Gallery:
    """Collects rendered figures with their captions and timings; writes index.html."""

    def __init__(self, folder, only=()):
        self.folder = folder
        self.entries = []
        self.pages = {}
        self.only = tuple(only)
        os.makedirs(folder, exist_ok=True)

    def chosen(self, name):
        """Whether figure `name` is to be made: every figure, or with `only` (name prefixes) the
        figures named so."""
        return not self.only or name.startswith(self.only)

    def render(self, name, caption, seed, draw, **arguments):
        """Times `draw(path, **arguments)`, which renders the figure into path, and records it;
        with `only` (name prefixes), only the figures named so."""
        if not self.chosen(name):
            return
        path = os.path.join(self.folder, name + ".png")
        start = time.perf_counter()
        draw(path, **arguments)
        seconds = time.perf_counter() - start
        self.entries.append((name, caption, seed, seconds))
        print("%-28s %6.2f s  %s" % (name, seconds, caption))

    def render_table(self, table):
        """Renders each row (name, caption, seed, draw, arguments) of a table of figures."""
        for name, caption, seed, draw, arguments in table:
            self.render(name, caption, seed, draw, **arguments)

    def add_page(self, name, make, **arguments):
        """Writes figure `name`'s web page, name.html, with `make(path, **arguments)`, linked
        beside its PNG; skipped with a note where the build has no three.js (npm), and with
        `only` unless named so."""
        if not self.chosen(name):
            return
        path = os.path.join(self.folder, name + ".html")
        start = time.perf_counter()
        try:
            make(path, **arguments)
        except FileNotFoundError as missing:
            print("%-28s no web page: %s" % (name, missing))
            return
        self.pages[name] = time.perf_counter() - start
        print("%-28s %6.2f s  web page, %.1f MB" % (name, self.pages[name],
                                                   os.path.getsize(path) / 1e6))

    def write_index(self, source, title="The seed tutorial's figures, rendered by ParaVoxel"):
        rows = []
        for name, caption, seed, seconds in self.entries:
            # Figures beyond the tutorial (the overlays) have no seed code.
            seed = "Seed tutorial: <code>%s</code> &middot; " % html.escape(seed) if seed else ""
            if name in self.pages:
                seed = "<a href='%s.html'>turn it in 3D (web page)</a> &middot; " % name + seed
            rows.append(
                "<figure><img src='%s.png' alt='%s'><figcaption><b>%s</b><br>%s<br>"
                "<small>%srendered in %.2f s</small></figcaption></figure>"
                % (name, html.escape(caption), html.escape(name), html.escape(caption), seed,
                   seconds))
        with open(os.path.join(self.folder, "index.html"), "w") as f:
            f.write("<!doctype html><meta charset='utf-8'><title>ParaVoxel figures</title>"
                    "<style>body{font-family:sans-serif;margin:2em}figure{display:inline-block;"
                    "width:420px;margin:1em;vertical-align:top}"
                    "img{width:100%%;border:1px solid #ccc}"
                    "</style><h1>%s</h1><p>Source: %s</p>%s"
                    % (html.escape(title), html.escape(source), "\n".join(rows)))


def render_overlays(gallery, attention, templates=overlays.TEMPLATES):
    """Renders the overlay figures (overlays) and the atlas figures (atlases) into `gallery` (a
    Gallery) from an overlay archive written to a temporary folder (and removed) from `attention`
    (the tutorial's archive) and the mricron templates."""
    with tempfile.TemporaryDirectory(prefix="paravoxel-overlays-") as folder:
        archive = overlays.write_overlay_archive(os.path.join(folder, "overlays.zip"), attention,
                                                 templates)
        gallery.render_table(overlays.figure_table(archive))
        # The label atlas figures read the same archive's AAL and ch2.
        gallery.render_table(atlases.atlas_figures(archive))
        gallery.add_page("overlay_atlas", web_figures.atlas_page, archive=archive)


def render_all(plugin, archive, out, volume="", size=50, full_resolution=False, orbit_frames=0,
               overlays_from=None, still=stills.SCREEN, only=()):
    """Loads the plugin (ParaVoxel.so) and renders every figure of `archive` (its `volume`, else
    the first readable one) into `out`, the 3D figures of the volume resampled to size^3 and, with
    full_resolution, at the volume's own resolution, plus an orbit of `orbit_frames` frames into
    out/orbit, and with `overlays_from` (the tutorial's archive, e.g. the bundled attention.zip)
    the overlay and atlas figures (render_overlays); each saved as `still` says (stills.Still:
    print size, transparency, formats); with `only` (name prefixes), only the figures named so.
    Returns the Gallery (figures, captions, timings)."""
    with stills.printing(still):
        return _render_all(plugin, archive, out, volume, size, full_resolution, orbit_frames,
                           overlays_from, only)


def _render_all(plugin, archive, out, volume, size, full_resolution, orbit_frames, overlays_from,
                only):
    LoadPlugin(plugin, remote=False)
    gallery = Gallery(out, only)
    # The tutorial's arrays are in voxel order (arr[:, ::-1, :] flips the stored j axis).
    reader = simple.AnalyzeZipReader(FileName=archive, WorldSpace=0)
    if volume:
        reader.Volume = volume
    UpdatePipeline(proxy=reader)
    transformed = simple.IntensityTransform(Input=reader)
    gallery.render_table(figures.volume_figures(reader, transformed))
    gallery.render_table(figures.CUBE_FIGURES)

    resized = ResampleToImage(Input=transformed, SamplingDimensions=[size, size, size])
    resolutions = [("%d" % size, resized, (size, size, size))]
    if full_resolution:
        resolutions.append(("full", transformed, servermanager.Fetch(reader).GetDimensions()))
    for label, source, dimensions in resolutions:
        gallery.render_table(figures.brain_figures(label, source, dimensions))
    gallery.add_page("fig11_full_%d" % size, web_figures.full_view_page, volume=resized)
    if full_resolution and orbit_frames:
        gallery.render(
            "orbit_full", "Orbit of the full view at full resolution: %d frames saved with "
            "SaveAnimation (orbit/orbit.NNNN.png)" % orbit_frames,
            "(matplotlib would take hours)", figures.orbit_figure,
            folder=os.path.join(out, "orbit"), volume=transformed, frames=orbit_frames)
    if overlays_from:
        render_overlays(gallery, overlays_from)
    gallery.write_index(archive)
    return gallery
