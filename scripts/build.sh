#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages) and builds ParaVoxel into ./build (or $BUILD_DIR),
# with ccache when it is installed (see CMakeLists.txt). The configure step writes
# $BUILD_DIR/paravoxel-env.sh, which the other scripts source. Incremental: an existing build
# folder is reused. BUILD_TARGET="name..." builds only those targets and what they need.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
targets=()
read -r -a targets <<< "${BUILD_TARGET:-}"
cmake --build "$BUILD_DIR" -j "$(nproc)" ${targets[@]+--target "${targets[@]}"}
