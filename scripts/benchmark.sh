#!/usr/bin/env bash
# Builds ParaVoxel and runs its benchmarks side by side on this machine, writing BENCHMARKS.md:
#   the reader against unzip -p and nibabel; Intensity Transform against numpy and ParaView's
#   Python Calculator; Exploded Voxels against VTK's Threshold + Extract Surface; the tutorial's
#   full view end to end against the tutorial's own matplotlib route.
#   scripts/benchmark.sh [--runs N]      (default 5; the slow matplotlib route runs 3 times)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
if [ "${1:-}" = "--runs" ]; then runs=$2; fi
bash scripts/build.sh > build.log 2>&1 || { tail -50 build.log; exit 1; }
export PYTHONPATH="$PWD/build/lib/paravoxel-python${PYTHONPATH:+:$PYTHONPATH}"
export PARAVOXEL_PLUGIN="$PWD/build/lib/paraview-5.11/plugins/ParaVoxel/ParaVoxel.so"
out=BENCHMARKS.md
{
  echo "# ParaVoxel benchmarks"
  echo
  echo "Measured by \`scripts/benchmark.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores,"
  echo "$(free -g | awk '/Mem:/ {print $2}') GiB, $(lscpu | sed -n 's/^Model name: *//p')."
  echo "Every comparison is measured side by side in the same run; each method in its own process."
  for bench in bench_reader bench_intensity_transform bench_exploded_voxels; do
    echo
    echo "## ${bench#bench_}"
    /usr/bin/python3 "Testing/Benchmarks/$bench.py" --runs "$runs" | sed -n '/^$/,$p'
  done
  echo
  echo "## end to end"
  xvfb-run -a -s "-screen 0 1280x1024x24" /usr/bin/python3 Testing/Benchmarks/bench_end_to_end.py \
    --runs "$runs" --seed-runs 3 | sed -n '/^$/,$p'
} > "$out"
cat "$out"
