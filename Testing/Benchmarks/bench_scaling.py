"""Scaling benchmark of ParaVoxel's pipeline from 64^3 to 512^3 voxels (not a test: prints figures).

The 301 x 370 x 316 uint8 brain of mricron-data (ch2better) is resampled (scipy.ndimage.zoom,
trilinear, order=1) to 64^3, 128^3, 256^3, 384^3 and 512^3 voxels (512^3 is 134 M voxels), each
written by nibabel as an Analyze pair zipped deflated (uint8, as the source), once per run of this
script in a temporary folder. For each size, in its own pvpython process:
  - the Analyze Zip Reader (vtkAnalyzeZipReader);
  - the Intensity Transform filter on its output (the tutorial's curve, its defaults);
  - Exploded Voxels on the transformed values, voxels > 0, Gap 0, interior faces culled (the
    defaults);
each timed alone (the stage before it is up to date): a warm-up of the whole pipeline, then
--runs timed runs of each stage (the median is reported with min and max), on all cores. Peak
memory is the max RSS the kernel reports for the process after the warm-up of each stage, so
it is the pipeline's peak up to that stage (the reader's output stays in memory for the
filters, as in ParaView). The cost's growth is the slope of log(time) against log(voxels)
(numpy.polyfit), over all sizes and over the three largest (where fixed costs, a few ms, no
longer weigh); the goal is an exponent <= 1.1. The log-log plots go to --plots.

Then one SMP table: the same stages at --smp-size on one thread and on two
(VTK_SMP_MAX_THREADS=1 and 2 with the STDThread backend the `paravoxel` package selects).

Run with Debian's python3 and the `paravoxel` package on PYTHONPATH (the build's
paravoxel-env.sh sets it; about 10 minutes):
    source build/paravoxel-env.sh; /usr/bin/python3 Testing/Benchmarks/bench_scaling.py
A quick check: ... bench_scaling.py --sizes 64,128 --runs 1 --smp-size 64
"""
import os
import sys
import tempfile

import numpy as np

import support_path  # noqa: F401  (Testing/Python, the package `support`, on the path)
from support.measure import (PVPYTHON, STAGES, STAGE_NAMES, json_of_process, runs_parser,
                               summary)
from support.volumes import make_volume

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(os.path.dirname(HERE))

# Runs the pipeline in this process; prints a JSON line with each stage's times, the peak RSS
# after each stage's warm-up, the RSS before reading, and the output sizes.
PIPELINE = r"""
import json, resource, sys, time
import paravoxel
from vtkmodules.vtkCommonCore import vtkSMPTools
from vtkmodules.vtkCommonDataModel import vtkDataObject

archive, runs = sys.argv[1], int(sys.argv[2])


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


before = peak_mib()
reader, transform, voxels = paravoxel.exploded_voxels_pipeline(archive)
voxels.SetInputArrayToProcess(0, 0, 0, vtkDataObject.FIELD_ASSOCIATION_POINTS,
                              transform.GetResultArrayName())
stages = {"reader": reader, "transform": transform, "voxels": voxels}
# Warm-up of the whole pipeline, stage by stage, so that each peak is the pipeline's own up to
# that stage (a timed re-run may briefly hold the old output next to the new one).
peaks = {}
for name, algorithm in stages.items():
    algorithm.Update()
    peaks[name] = peak_mib()
times = {}
for name, algorithm in stages.items():
    times[name] = []
    for _ in range(runs):
        algorithm.Modified()  # this stage only: the ones before it stay up to date
        start = time.perf_counter()
        algorithm.Update()
        times[name].append(time.perf_counter() - start)
output = voxels.GetOutput()
print(json.dumps({"times": times, "peaks": peaks, "before": before,
                  "dims": reader.GetOutput().GetDimensions(), "faces": output.GetNumberOfCells(),
                  "threads": vtkSMPTools.GetEstimatedNumberOfThreads()}))
"""

def measure(archive, runs, environment=None):
    figures = json_of_process([PVPYTHON, "-c", PIPELINE, archive, str(runs)], environment)
    figures["summary"] = {stage: summary(figures["times"][stage]) for stage in STAGES}
    figures["summary"]["total"] = {key: sum(figures["summary"][s][key] for s in STAGES)
                                   for key in ("median", "min", "max")}
    return figures


def exponent(voxels, values):
    """Slope of log(values) against log(voxels), formatted: 1 is linear growth."""
    if len(voxels) < 2:
        return "n/a"  # a quick run with one size has no slope
    return "%.2f" % np.polyfit(np.log(voxels), np.log(values), 1)[0]


def plot(sizes, voxels, results, folder):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker
    os.makedirs(folder, exist_ok=True)
    paths = []
    series = [(STAGE_NAMES[s], [r["summary"][s]["median"] for r in results]) for s in STAGES]
    series.append(("whole pipeline", [r["summary"]["total"]["median"] for r in results]))
    # Memory above what pvpython holds before reading (~240 MiB of libraries), so that the
    # growth with voxels shows and can be read against the slope-1 guide.
    memory = [("up to the %s" % STAGE_NAMES[s],
               [r["peaks"][s] - r["before"] for r in results]) for s in STAGES]
    for name, title, ylabel, lines in (
            ("scaling_time.png", "Time per stage (median)", "seconds", series),
            ("scaling_memory.png",
             "Peak memory of the pipeline up to each stage, above pvpython's own %.0f MiB"
             % results[0]["before"], "MiB (peak RSS rise)", memory)):
        figure, axes = plt.subplots(figsize=(8, 5), dpi=100)
        for label, values in lines:
            axes.loglog(voxels, values, "o-", label=label)
        # A slope-1 guide through the last point of the first line: linear growth.
        top = lines[-1][1][-1]
        axes.loglog(voxels, [top * v / voxels[-1] for v in voxels], "k:", label="linear (slope 1)")
        axes.set_xticks(voxels)
        axes.set_xticklabels(["%d\u00b3\n%.1f M" % (s, v / 1e6) for s, v in zip(sizes, voxels)])
        axes.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        axes.set_xlabel("voxels (ch2better resampled)")
        axes.set_ylabel(ylabel)
        axes.set_title(title)
        axes.grid(True, which="both", alpha=0.3)
        axes.legend(fontsize="small")
        figure.tight_layout()
        path = os.path.join(folder, name)
        figure.savefig(path, dpi=100)
        plt.close(figure)
        paths.append(path)
    return paths


def main():
    parser = runs_parser()
    parser.add_argument("--sizes", default="64,128,256,384,512",
                        help="edge lengths of the cubic volumes, comma-separated")
    parser.add_argument("--smp-size", type=int, default=512,
                        help="edge length of the volume of the 1 vs 2 threads table")
    parser.add_argument("--plots", default=os.path.join(HERE, "plots"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    voxels = [s ** 3 for s in sizes]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            print("%d^3 ..." % size, file=sys.stderr, flush=True)
            results.append(measure(make_volume(folder, size), args.runs))
        print("SMP at %d^3 ..." % args.smp_size, file=sys.stderr, flush=True)
        archive = make_volume(folder, args.smp_size)
        threads = [measure(archive, args.runs, {"VTK_SMP_MAX_THREADS": str(n)}) for n in (1, 2)]
    paths = plot(sizes, voxels, results, args.plots)

    print("\nch2better resampled to N^3 uint8 voxels (deflated Analyze zip), pipeline Analyze Zip "
          "Reader -> Intensity Transform -> Exploded Voxels (culled), all cores (%d threads), "
          "median of %d runs after a warm-up; seconds (min-max), peak RSS MiB of the process "
          "after each stage (before reading: %.0f MiB):\n" % (
              results[0]["threads"], args.runs, results[0]["before"]))
    print("| N^3 | voxels | faces | reader s | Intensity Transform s | Exploded Voxels s | "
          "total s | ns / voxel | peak RSS reader | + transform | + voxels |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for size, count, r in zip(sizes, voxels, results):
        cells = ["%.3f (%.3f-%.3f)" % (r["summary"][s]["median"], r["summary"][s]["min"],
                                       r["summary"][s]["max"]) for s in STAGES + ("total",)]
        print("| %d^3 | %.1f M | %d | %s | %.1f | %.0f | %.0f | %.0f |" % (
            size, count / 1e6, r["faces"], " | ".join(cells),
            r["summary"]["total"]["median"] / count * 1e9,
            r["peaks"]["reader"], r["peaks"]["transform"], r["peaks"]["voxels"]))

    print("\nFitted exponents of log(time) and log(peak RSS rise above the RSS before reading) "
          "against log(voxels) (numpy.polyfit; 1 is linear, the goal is <= 1.1):\n")
    large = slice(-3, None) if len(sizes) > 3 else slice(None)
    print("| stage | time, all sizes | time, %s | memory rise, all sizes |"
          % ", ".join("%d^3" % s for s in sizes[large]))
    print("| --- | --- | --- | --- |")
    for stage in STAGES + ("total",):
        medians = [r["summary"][stage]["median"] for r in results]
        rises = [r["peaks"]["voxels" if stage == "total" else stage] - r["before"]
                 for r in results]
        print("| %s | %s | %s | %s |" % (
            STAGE_NAMES.get(stage, "whole pipeline"), exponent(voxels, medians),
            exponent(voxels[large], medians[large]), exponent(voxels, rises)))
    print()
    for path in paths:
        print("![%s](%s)" % (os.path.basename(path), os.path.relpath(path, REPOSITORY)))

    print("\nThreads (SMP, STDThread backend): the same pipeline at %d^3, VTK_SMP_MAX_THREADS=1 "
          "vs 2, %d cores, median of %d runs after a warm-up:\n" % (
              args.smp_size, os.cpu_count(), args.runs))
    print("| stage | 1 thread s | 2 threads s | speed-up |")
    print("| --- | --- | --- | --- |")
    for stage in STAGES + ("total",):
        one, two = (t["summary"][stage]["median"] for t in threads)
        print("| %s | %.3f | %.3f | %.2fx |" % (STAGE_NAMES.get(stage, "whole pipeline"),
                                                one, two, one / two))


if __name__ == "__main__":
    main()
