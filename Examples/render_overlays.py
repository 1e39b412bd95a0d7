"""Overlays in world space: label atlases and an SPM-style statistical map drawn as exploded
voxels inside translucent anatomy, every volume read from one zip on its own grid, so that they
line up without resampling.

    xvfb-run -a pvbatch Examples/render_overlays.py [--out FOLDER] [--attention ZIP]
        [--templates DIR]

Writes one zip into a temporary folder: mricron-data's ch2 (1 mm, stored RAS), AICHAmc (2 mm,
stored LAS) and aal (1 mm, RAS) with their label sidecars, the structural volume of the tutorial's
archive (default: the bundled Examples/data/attention.zip) and a t map made with nibabel and scipy
on that archive's functional grid (a smoothed blob at V5/MT, thresholded at t > 3.1). Then renders,
each volume read by the Analyze Zip Reader in world space:
  overlay_atlas.png  the AICHA regions in their colours inside the translucent ch2 head, cut open
  overlay_left.png   AAL's Precentral_L from above, labelled left and right (neurological view)
  overlay_tmap.png   the t map coloured by t over the structural volume
and an index.html with captions and timings, then the atlas figures of paravoxel.gallery.atlases.
The figures are paravoxel.gallery.overlays (the gallery of Examples/render_figures.py has them
too). Run after `source build/paravoxel-env.sh`, which puts the package on PYTHONPATH and names
the plugin ($PARAVOXEL_PLUGIN, or --plugin).
"""
import argparse
import os
import time

from paraview.simple import LoadPlugin

from paravoxel.gallery.overlays import TEMPLATES
from paravoxel.gallery.render import Gallery, render_overlays

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="out-overlays", help="folder for the PNGs and index.html")
    parser.add_argument("--plugin", default=os.environ.get("PARAVOXEL_PLUGIN", ""),
                        help="path of ParaVoxel.so (default: $PARAVOXEL_PLUGIN)")
    parser.add_argument("--attention", default=os.path.join(HERE, "data", "attention.zip"),
                        help="the tutorial's archive: its structural volume, and its functional "
                             "grid for the t map (default: the bundled one)")
    parser.add_argument("--templates", default=TEMPLATES,
                        help="folder of mricron-data's templates (default %s)" % TEMPLATES)
    return parser.parse_args()


def main():
    start = time.perf_counter()
    args = parse_arguments()
    LoadPlugin(args.plugin, remote=False)
    gallery = Gallery(args.out)
    render_overlays(gallery, args.attention, args.templates)
    gallery.write_index("mricron-data's templates (%s) and %s" % (args.templates, args.attention),
                        "Overlays in world space, rendered by ParaVoxel")
    print("%d figures in %.1f s -> %s" % (len(gallery.entries), time.perf_counter() - start,
                                           os.path.join(args.out, "index.html")))


if __name__ == "__main__":
    main()
