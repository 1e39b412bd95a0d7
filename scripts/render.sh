#!/usr/bin/env bash
# Installs what is missing, builds, and renders the tutorial's figures with ParaVoxel into a
# folder with an index.html gallery, and the GUI walk-through's screenshots (docs/user/figures.md)
# into its screenshots/.
#   scripts/render.sh [--archive PATH_OR_URL] [--out FOLDER] [--size N] [--no-full-resolution]
#                     [--orbit FRAMES] [--no-overlays] [--only NAME]
#                     [--width-mm MM --dpi DPI] [--transparent] [--format png,pdf,svg]
# Defaults: the bundled Examples/data/attention.zip, into ./out. Builds into ./build (or
# $BUILD_DIR). Print-ready stills (docs/user/figures.md#print-ready-stills): --width-mm 180
# --dpi 300 renders every figure 2126 px wide with fonts and lines to match and 300 dpi in the
# PNG, --transparent on a transparent background, --format png,pdf adds a PDF (vector for the
# histograms and for 3D views of up to 300 k faces, else the print raster), svg an SVG. --only NAME
# renders the figures whose names start with NAME (repeatable), and no GUI screenshots:
#   scripts/render.sh --only fig11_full_50 --no-overlays --orbit 0 --no-full-resolution \
#                     --width-mm 180 --dpi 300 --transparent --format png,pdf
set -euo pipefail
cd "$(dirname "$0")/.."
export BUILD_DIR=${BUILD_DIR:-build}
bash scripts/build.sh > build.log 2>&1 || { tail -50 build.log; exit 1; }
source "$BUILD_DIR/paravoxel-env.sh"
paravoxel_xvfb_run "$PARAVOXEL_PVBATCH" Examples/render_figures.py "$@"
out=out
only=
previous=
for arg in "$@"; do
  if [ "$previous" = --out ]; then out=$arg; fi
  case "$arg" in --only | --only=*) only=yes ;; esac
  previous=$arg
done
if [ -z "$only" ]; then bash scripts/screenshots.sh "$out/screenshots"; fi
