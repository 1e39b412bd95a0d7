"""Renders the figures of the seed tutorial ("Displaying 3D images in Python") with ParaVoxel's
reader and filters and ParaView's own views, into one folder with an index.html gallery.

    xvfb-run -a pvbatch Examples/render_figures.py [--archive PATH] [--out FOLDER]
        [--volume MEMBER] [--size N] [--full-resolution]

scripts/render.sh builds ParaVoxel and runs this with the bundled archive. The plugin is found
through $PARAVOXEL_PLUGIN (set by scripts/render.sh) or --plugin.
"""
import argparse
import html
import os
import time

from paraview.simple import (
    CreateView, Delete, GetColorTransferFunction, GetDisplayProperties, Histogram, LoadPlugin,
    Render, SaveScreenshot, Show, UpdatePipeline)

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", default=os.path.join(HERE, "data", "attention.zip"),
                        help="zip archive (or .hdr/.nii file) to render; default: the bundled one")
    parser.add_argument("--volume", default="",
                        help="archive member to render (default: the first readable volume)")
    parser.add_argument("--out", default="out", help="folder for the PNGs and index.html")
    parser.add_argument("--size", type=int, default=50,
                        help="edge of the resampled cube, as the tutorial's IMG_DIM (default 50)")
    parser.add_argument("--full-resolution", action="store_true",
                        help="also render the 3D figures at the volume's full resolution")
    parser.add_argument("--plugin", default=os.environ.get("PARAVOXEL_PLUGIN", ""),
                        help="path of ParaVoxel.so (default: $PARAVOXEL_PLUGIN)")
    return parser.parse_args()


class Gallery:
    """Collects rendered figures with their captions and timings; writes index.html."""

    def __init__(self, folder):
        self.folder = folder
        self.entries = []
        os.makedirs(folder, exist_ok=True)

    def figure(self, name, caption, seed):
        """Decorator-like helper: times `render(path)` and records the figure."""
        def run(render):
            path = os.path.join(self.folder, name + ".png")
            start = time.perf_counter()
            render(path)
            seconds = time.perf_counter() - start
            self.entries.append((name, caption, seed, seconds))
            print("%-28s %6.2f s  %s" % (name, seconds, caption))
        return run

    def write_index(self, source):
        rows = []
        for name, caption, seed, seconds in self.entries:
            rows.append(
                "<figure><img src='%s.png' alt='%s'><figcaption><b>%s</b><br>%s<br>"
                "<small>Seed tutorial: <code>%s</code> &middot; rendered in %.2f s</small>"
                "</figcaption></figure>"
                % (name, html.escape(caption), html.escape(name), html.escape(caption),
                   html.escape(seed), seconds))
        with open(os.path.join(self.folder, "index.html"), "w") as f:
            f.write("<!doctype html><meta charset='utf-8'><title>ParaVoxel figures</title>"
                    "<style>body{font-family:sans-serif;margin:2em}figure{display:inline-block;"
                    "width:420px;margin:1em;vertical-align:top}img{width:100%%;border:1px solid #ccc}"
                    "</style><h1>The seed tutorial's figures, rendered by ParaVoxel</h1>"
                    "<p>Source: %s</p>%s" % (html.escape(source), "\n".join(rows)))


def slice_figure(reader, path):
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
    lut.ApplyPreset("Viridis (matplotlib)", True)
    display.SetScalarBarVisibility(view, True)
    # imshow puts the first index down and the second to the right: look down -z with -x up.
    view.CameraPosition = [0, 0, 1]
    view.CameraFocalPoint = [0, 0, 0]
    view.CameraViewUp = [-1, 0, 0]
    view.ResetCamera()
    Render(view)
    SaveScreenshot(path, view, ImageResolution=[800, 700])
    Delete(view)


def histogram_figure(source, array, path, title):
    """Figures 2 and 3: a 50-bin histogram of the voxel values in a bar chart view."""
    histogram = Histogram(Input=source)
    histogram.SelectInputArray = ["POINTS", array]
    histogram.BinCount = 50
    view = CreateView("XYBarChartView")
    view.ViewSize = [800, 500]
    view.ChartTitle = title
    view.LeftAxisTitle = "voxels"
    view.BottomAxisTitle = array
    display = Show(histogram, view)
    display.SeriesVisibility = ["bin_values"]
    display.SeriesColor = ["bin_values", "0.267", "0.005", "0.329"]
    Render(view)
    SaveScreenshot(path, view, ImageResolution=[800, 500])
    Delete(view)
    Delete(histogram)


def main():
    args = parse_arguments()
    LoadPlugin(args.plugin, remote=False, ns=globals())
    gallery = Gallery(args.out)
    total = time.perf_counter()

    reader = AnalyzeZipReader(FileName=args.archive)  # noqa: F821 (defined by the plugin)
    if args.volume:
        reader.Volume = args.volume
    UpdatePipeline(proxy=reader)

    gallery.figure("fig01_slice", "Horizontal slice k = 5 with a colour bar (Slice representation)",
                   "plt.imshow(arr[:, :, 5]); plt.colorbar()")(lambda p: slice_figure(reader, p))
    gallery.figure("fig02_histogram", "Histogram of the raw voxel values (Histogram filter, bar chart view)",
                   "show_histogram(arr)")(lambda p: histogram_figure(reader, "Intensity", p, "Raw values"))

    gallery.write_index(args.archive)
    print("%d figures in %.1f s -> %s" % (len(gallery.entries), time.perf_counter() - total,
                                           os.path.join(args.out, "index.html")))


if __name__ == "__main__":
    main()
