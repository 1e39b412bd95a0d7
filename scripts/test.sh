#!/usr/bin/env bash
# Installs what is missing, builds, and runs every ParaVoxel test: C++ (GoogleTest, valgrind),
# pvpython, pvbatch, MPI, the ParaView GUI under Xvfb, the fuzzers; then the C++ tests again in
# an AddressSanitizer + UndefinedBehaviorSanitizer build (build-asan), and the filters' C++ tests
# in a ThreadSanitizer build (build-tsan).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
# One X server for every test that renders (pvbatch, the ParaView GUI). -noreset: by default Xvfb
# resets when its last client leaves, and a pvbatch that reconnects in that moment (it opens the
# display twice) aborts with "bad X server connection".
(cd "${BUILD_DIR:-build}" && xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" ctest --output-on-failure --timeout 900)
BUILD_DIR=build-asan bash scripts/build.sh -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPARAVOXEL_SANITIZE=address,undefined
(cd build-asan && ctest --output-on-failure --timeout 900 -L cxx)
# ThreadSanitizer on the filters' multi-threaded passes: only the filter tests are built (the
# reader runs on one thread), so `-L cxx` finds only them. Debian's VTK is not instrumented: a
# race inside VTK itself would go unseen, but ParaVoxel's loops that VTK's threads run are checked;
# no report is suppressed.
BUILD_DIR=build-tsan BUILD_TARGET=ParaVoxelFilterTests bash scripts/build.sh \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARAVOXEL_SANITIZE=thread
(cd build-tsan && ctest --output-on-failure --timeout 900 -L cxx)
