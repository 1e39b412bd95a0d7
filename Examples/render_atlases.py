"""Renders mricron-data's AAL atlas as exploded voxels: every region pulled apart in its own
colour, and both hippocampi with the left precentral gyrus inside the translucent ch2 anatomy
(paravoxel.gallery.atlases), both read in world space from the overlay archive this script
makes (paravoxel.gallery.overlays: the mricron templates and the tutorial's archive).

    source build/paravoxel-env.sh
    paravoxel_xvfb_run pvbatch Examples/render_atlases.py [--out FOLDER] [--archive attention.zip]

Needs Debian's mricron-data (/usr/share/mricron/templates). scripts/render.sh renders the same
figures into the tutorial's gallery.
"""
import argparse
import os
import tempfile
import time

from paraview.simple import LoadPlugin

from paravoxel.gallery.atlases import atlas_figures
from paravoxel.gallery.overlays import write_overlay_archive

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="out", help="folder for the PNGs (default: out)")
    parser.add_argument("--archive", default=os.path.join(HERE, "data", "attention.zip"),
                        help="the tutorial's archive, for the overlay archive (default: bundled)")
    parser.add_argument("--plugin", default=os.environ.get("PARAVOXEL_PLUGIN", ""),
                        help="path of ParaVoxel.so (default: $PARAVOXEL_PLUGIN)")
    args = parser.parse_args()
    LoadPlugin(args.plugin, remote=False)
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        archive = write_overlay_archive(os.path.join(folder, "overlays.zip"), args.archive)
        for name, caption, _, draw, arguments in atlas_figures(archive):
            start = time.perf_counter()
            path = os.path.join(args.out, name + ".png")
            draw(path, **arguments)
            print("%s (%.1f s): %s" % (path, time.perf_counter() - start, caption))


if __name__ == "__main__":
    main()
