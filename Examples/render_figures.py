"""Renders the figures of the seed tutorial ("Displaying 3D images in Python") with ParaVoxel's
reader and filters and ParaView's own views, into one folder with an index.html gallery.

    xvfb-run -a pvbatch Examples/render_figures.py [--archive PATH_OR_URL] [--out FOLDER]
        [--volume MEMBER] [--size N] [--no-full-resolution] [--orbit FRAMES] [--no-overlays]

scripts/render.sh builds ParaVoxel and runs this with the bundled archive. It needs the build's
paravoxel-python folder on PYTHONPATH (the gallery is paravoxel.gallery) and finds the plugin
through $PARAVOXEL_PLUGIN or --plugin: `source build/paravoxel-env.sh` sets both. The overlay
figures (paravoxel.gallery.overlays and .atlases, also Examples/render_overlays.py) need
mricron-data's templates and use the bundled archive whatever --archive says.
"""
import argparse
import os
import time

from paravoxel.gallery.render import render_all

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLED = os.path.join(HERE, "data", "attention.zip")


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
    parser.add_argument("--plugin", default=os.environ.get("PARAVOXEL_PLUGIN", ""),
                        help="path of ParaVoxel.so (default: $PARAVOXEL_PLUGIN)")
    return parser.parse_args()


def main():
    args = parse_arguments()
    start = time.perf_counter()
    gallery = render_all(args.plugin, args.archive, args.out, args.volume, args.size,
                         args.full_resolution, args.orbit,
                         overlays_from=BUNDLED if args.overlays else None)
    print("%d figures in %.1f s -> %s" % (len(gallery.entries), time.perf_counter() - start,
                                           os.path.join(args.out, "index.html")))


if __name__ == "__main__":
    main()
