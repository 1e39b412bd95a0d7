#!/usr/bin/env bash
# Installs what is missing, builds, and runs every ParaVoxel test (C++, pvpython, pvbatch, MPI,
# ParaView GUI under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure --timeout 900
