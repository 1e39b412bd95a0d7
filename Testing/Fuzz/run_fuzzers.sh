#!/usr/bin/env bash
# Builds ParaVoxel's libFuzzer targets with clang (into $FUZZ_BUILD, default $BUILD_DIR/fuzz,
# BUILD_DIR defaulting to build; with that build's compiler launcher, from its paravoxel-env.sh or
# $PARAVOXEL_ENV) and runs each for SECONDS (default 30), from seed corpora made from the test
# fixtures.
#   Testing/Fuzz/run_fuzzers.sh FIXTURES_DIR [SECONDS] [TARGET...]
# FUZZ_RUNS=N stops each target after N executions instead (SECONDS still caps the time).
# FUZZ_JOBS=N runs N worker processes per target (libFuzzer's fork mode, one shared corpus);
# the executions reported are all workers' together, and a timeout or OOM still ends the run.
# Exits non-zero on the first crash, leak, timeout or sanitizer report; the failing input is
# kept as $FUZZ_BUILD/crash-<target>-*. Prints each target's executions.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$1
seconds=${2:-30}
shift $(( $# > 1 ? 2 : 1 ))
targets=("$@")
runs=()
if [ -n "${FUZZ_RUNS:-}" ]; then runs=(-runs="$FUZZ_RUNS"); fi
jobs=()
if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then jobs=(-fork="$FUZZ_JOBS" -ignore_timeouts=0 -ignore_ooms=0); fi
# A smaller quarantine and shorter allocation stacks than ASan's defaults: most of an execution
# was spent faulting in fresh pages and recording stacks. Use-after-free is still caught for the
# last 32 MB freed, and reports still show 8 frames.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=32:malloc_context_size=8}
[ ${#targets[@]} -gt 0 ] || targets=(header spm_mat label_table zip_member reader filters)
source "${PARAVOXEL_ENV:-${BUILD_DIR:-$here/../../build}/paravoxel-env.sh}"
build=${FUZZ_BUILD:-$PARAVOXEL_BUILD_DIR/fuzz}
launcher=()
if [ -n "$PARAVOXEL_COMPILER_LAUNCHER" ]; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER="$PARAVOXEL_COMPILER_LAUNCHER")
fi
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" > "$build.configure.log"
cmake --build "$build" > "$build.build.log"
/usr/bin/python3 "$here/make_corpus.py" "$fixtures" "$build/seeds" > /dev/null
for target in "${targets[@]}"; do
  mkdir -p "$build/corpus/$target"
  log="$build/$target.log"
  # The findings kept as regressions replay first, in name order (fuzz_filters reuses its filters
  # from one input to the next, so an order can matter).
  regressions=("$here/../Data/Regressions/$target"/*)
  if [ -e "${regressions[0]}" ] && ! "$build/fuzz_$target" "${regressions[@]}" > "$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz_$target: a regression input FAILED"
    exit 1
  fi
  # Inputs stay under 64 KiB: larger ones only add inflating and voxel copying, not parser paths.
  # fuzz_filters reads at most about 7 KB (12^3 voxels of 4 components) and has no magic values;
  # its filters live from one input to the next, so the memory of an input is not all freed
  # after it: only the exit checks for leaks.
  options=(-max_len=65536 -dict="$here/analyze.dict")
  if [ "$target" = filters ]; then options=(-max_len=8192 -detect_leaks=0 -entropic_scale_per_exec_time=1); fi
  started=$SECONDS
  # New inputs go into corpus/<target> (kept between runs); the seeds are read only.
  if ! "$build/fuzz_$target" -max_total_time="$seconds" "${runs[@]}" "${jobs[@]}" "${options[@]}" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$build/crash-$target-" -print_final_stats=1 \
       "$build/corpus/$target" "$build/seeds/$target" > "$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz_$target: FAILED (input kept as $build/crash-$target-*)"
    exit 1
  fi
  if [ ${#jobs[@]} -gt 0 ]; then
    # Fork mode's parent prints running totals as "#<executions>: cov: ..."; the last one counts.
    execs=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1 | sed -E 's/^#([0-9]+):.*/\1/')
  else
    execs=$(grep -m1 "stat::number_of_executed_units" "$log" | awk '{print $2}')
  fi
  echo "fuzz_$target: ${execs} executions in $((SECONDS - started)) s, no crash, leak or timeout"
done
