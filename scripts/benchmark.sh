#!/usr/bin/env bash
# Builds ParaVoxel and runs its benchmarks side by side on this machine, writing BENCHMARKS.md and
# the plots in Testing/Benchmarks/plots/:
#   the reader against unzip -p, nibabel and VTK's vtkNIFTIImageReader; Intensity Transform
#   against numpy and ParaView's Python Calculator; Exploded Voxels against VTK's Threshold +
#   Extract Surface; the tutorial's full view end to end against the tutorial's own matplotlib
#   route; paraview.simple against the VTK-level classes; the pipeline's scaling from 64^3 to
#   512^3 voxels and 1 vs 2 threads; 1024^3 voxels in one process and on two MPI ranks;
#   mpiexec --bind-to none -n 1 vs -n 2 at 512^3.
#   scripts/benchmark.sh [--runs N] [--seed-runs N] [--no-build]
#     --runs: timed runs of each method (default 5); --seed-runs: of the slow matplotlib route
#     (default 3); --no-build: use the existing build folder (./build or $BUILD_DIR) as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
export BUILD_DIR=${BUILD_DIR:-build}
runs=5
seed_runs=3
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --seed-runs) seed_runs=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: $0 [--runs N] [--seed-runs N] [--no-build]" >&2; exit 2 ;;
  esac
done
if [ "$build" = 1 ]; then
  bash scripts/build.sh > build.log 2>&1 || { tail -50 build.log; exit 1; }
fi
source "$BUILD_DIR/paravoxel-env.sh"
out=BENCHMARKS.md
# Written to a temporary file first, so that a failed run leaves the last BENCHMARKS.md intact.
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
  echo "# ParaVoxel benchmarks"
  echo
  echo "Measured by \`scripts/benchmark.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores,"
  echo "$(free -g | awk '/Mem:/ {print $2}') GiB, $(lscpu | sed -n 's/^Model name: *//p')."
  echo "Every comparison is measured side by side in the same run; each method in its own process."
  echo "Load average at the start (other work shares the machine): $(cut -d' ' -f1-3 /proc/loadavg)."
  for bench in bench_reader bench_intensity_transform bench_exploded_voxels; do
    echo
    echo "## ${bench#bench_}"
    /usr/bin/python3 "Testing/Benchmarks/$bench.py" --runs "$runs" | sed -n '/^$/,$p'
  done
  echo
  echo "## end to end"
  paravoxel_xvfb_run /usr/bin/python3 Testing/Benchmarks/bench_end_to_end.py \
    --runs "$runs" --seed-runs "$seed_runs" | sed -n '/^$/,$p'
  echo
  echo "## user level against VTK level"
  /usr/bin/python3 Testing/Benchmarks/bench_user_level.py --runs "$runs" | sed -n '/^$/,$p'
  echo
  echo "## the GUI's wait"
  /usr/bin/python3 Testing/Benchmarks/bench_gui.py --runs 3 | sed -n '/^$/,$p'
  echo
  echo "## scaling and threads"
  /usr/bin/python3 Testing/Benchmarks/bench_scaling.py --runs "$runs" | sed -n '/^$/,$p'
  echo
  echo "## one G voxels"
  paravoxel_xvfb_run /usr/bin/python3 Testing/Benchmarks/bench_gigavoxel.py --runs 3 \
    | sed -n '/^$/,$p'
  echo
  echo "## MPI"
  paravoxel_xvfb_run /usr/bin/python3 Testing/Benchmarks/bench_mpi.py --runs "$runs" \
    | sed -n '/^$/,$p'
} > "$tmp"
cp "$tmp" "$out"
cat "$out"
