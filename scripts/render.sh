#!/usr/bin/env bash
# Installs what is missing, builds, and renders the tutorial's figures with ParaVoxel into a
# folder with an index.html gallery.
#   scripts/render.sh [--archive PATH_OR_URL] [--out FOLDER] [--size N] [--no-full-resolution]
# Defaults: the bundled Examples/data/attention.zip, into ./out.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh > build.log 2>&1 || { tail -50 build.log; exit 1; }
BUILD_DIR=${BUILD_DIR:-build}
export PYTHONPATH="$PWD/$BUILD_DIR/lib/paravoxel-python${PYTHONPATH:+:$PYTHONPATH}"
export PARAVOXEL_PLUGIN="$PWD/$BUILD_DIR/lib/paraview-5.11/plugins/ParaVoxel/ParaVoxel.so"
xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" pvbatch Examples/render_figures.py "$@"
