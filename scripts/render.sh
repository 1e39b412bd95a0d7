#!/usr/bin/env bash
# Installs what is missing, builds, and renders the tutorial's figures with ParaVoxel into a
# folder with an index.html gallery, and the GUI walk-through's screenshots (docs/user/figures.md)
# into its screenshots/.
#   scripts/render.sh [--archive PATH_OR_URL] [--out FOLDER] [--size N] [--no-full-resolution]
#                     [--orbit FRAMES] [--no-overlays]
# Defaults: the bundled Examples/data/attention.zip, into ./out. Builds into ./build (or
# $BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
export BUILD_DIR=${BUILD_DIR:-build}
bash scripts/build.sh > build.log 2>&1 || { tail -50 build.log; exit 1; }
source "$BUILD_DIR/paravoxel-env.sh"
paravoxel_xvfb_run "$PARAVOXEL_PVBATCH" Examples/render_figures.py "$@"
out=out
previous=
for arg in "$@"; do
  if [ "$previous" = --out ]; then out=$arg; fi
  previous=$arg
done
bash scripts/screenshots.sh "$out/screenshots"
