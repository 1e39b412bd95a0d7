"""Renders the figures of the seed tutorial ("Displaying 3D images in Python") with ParaVoxel's
reader and filters and ParaView's own views, into one folder with an index.html gallery.

    xvfb-run -a pvbatch Examples/render_figures.py [--archive PATH_OR_URL] [--out FOLDER]
        [--volume MEMBER] [--size N] [--no-full-resolution] [--orbit FRAMES] [--no-overlays]
        [--only NAME] [--width-mm MM --dpi DPI] [--transparent] [--format png,pdf,svg]

scripts/render.sh builds ParaVoxel and runs this with the bundled archive. It needs the build's
paravoxel-python folder on PYTHONPATH (the gallery is paravoxel.gallery) and finds the plugin
through $PARAVOXEL_PLUGIN or --plugin: `source build/paravoxel-env.sh` sets both. The overlay
figures (paravoxel.gallery.overlays and .atlases, also Examples/render_overlays.py) need
mricron-data's templates and use the bundled archive whatever --archive says.

Print-ready stills (paravoxel.gallery.stills): --width-mm 180 --dpi 300 saves each figure 2126
px wide (its height by its aspect ratio), fonts and lines scaled to match, 300 dpi in the PNG;
--transparent leaves the background transparent; --format png,pdf adds a PDF of each (vector
for the histograms, the print raster for the 3D views), svg an SVG of the histograms. The PNG
is always written: index.html shows it.
"""
import argparse
import os
import time

from paravoxel.gallery.render import render_all
from paravoxel.gallery.stills import FORMATS, Still

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLED = os.path.join(HERE, "data", "attention.zip")


def formats(text):
    """The formats of --format: the PNG first (the gallery shows it), then the others asked."""
    asked = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in asked if name not in FORMATS]
    if unknown:
        raise argparse.ArgumentTypeError("unknown format %s (one of %s)"
                                         % (", ".join(unknown), ", ".join(FORMATS)))
    return ["png"] + [name for name in FORMATS[1:] if name in asked]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", default=BUNDLED,
                        help="zip archive, its http(s) URL, or a .hdr/.nii file to render; "
                             "default: the bundled one")
    parser.add_argument("--volume", default="",
                        help="archive member to render (default: the first readable volume)")
    parser.add_argument("--out", default="out", help="folder for the PNGs and index.html")
    parser.add_argument("--size", type=int, default=50,
                        help="edge of the resampled cube, as the tutorial's IMG_DIM (default 50)")
    parser.add_argument("--full-resolution", action=argparse.BooleanOptionalAction, default=True,
                        help="also render the 3D figures at the volume's full resolution "
                             "(default; --no-full-resolution renders only the resampled cube)")
    parser.add_argument("--orbit", type=int, default=36, metavar="FRAMES",
                        help="frames of the orbit around the full view at full resolution, saved "
                             "with SaveAnimation into <out>/orbit/ (default 36; 0: none)")
    parser.add_argument("--overlays", action=argparse.BooleanOptionalAction, default=True,
                        help="also render the overlay figures in world space: atlases in the ch2 "
                             "head, a t map over the bundled archive's structural volume "
                             "(default; --no-overlays skips them)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="render only the figures whose names start with NAME (e.g. "
                             "fig11_full_50; repeatable; default: all)")
    parser.add_argument("--width-mm", type=float,
                        help="print width of every figure in millimetres (with --dpi)")
    parser.add_argument("--dpi", type=float, help="print resolution in dots per inch (with "
                        "--width-mm; default: the figures' own pixel sizes)")
    parser.add_argument("--transparent", action="store_true",
                        help="transparent background (PNG alpha; the 3D views' PDFs too)")
    parser.add_argument("--format", default="png", type=formats, metavar="png,pdf,svg",
                        help="formats to write beside the PNG, comma-separated (default png)")
    parser.add_argument("--plugin", default=os.environ.get("PARAVOXEL_PLUGIN", ""),
                        help="path of ParaVoxel.so (default: $PARAVOXEL_PLUGIN)")
    args = parser.parse_args()
    if (args.width_mm is None) != (args.dpi is None):
        parser.error("--width-mm and --dpi go together")
    return args


def main():
    args = parse_arguments()
    start = time.perf_counter()
    gallery = render_all(args.plugin, args.archive, args.out, args.volume, args.size,
                         args.full_resolution, args.orbit,
                         overlays_from=BUNDLED if args.overlays else None,
                         still=Still(args.width_mm, args.dpi, args.transparent, args.format),
                         only=args.only)
    print("%d figures in %.1f s -> %s" % (len(gallery.entries), time.perf_counter() - start,
                                           os.path.join(args.out, "index.html")))


if __name__ == "__main__":
    main()
