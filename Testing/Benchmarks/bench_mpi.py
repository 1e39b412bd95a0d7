"""MPI benchmark of ParaVoxel's pipeline at 512^3 voxels (not a test: prints figures).

The 512^3 brain of bench_scaling.py (ch2better resampled, 134 M uint8 voxels, a deflated
Analyze zip) through Analyze Zip Reader -> Intensity Transform -> Exploded Voxels (culled, the
defaults) in paraview.simple with the plugin, under `mpiexec -n 1` and `mpiexec -n 2`
(pvbatch --symmetric: every rank runs the script; the reader reads each rank's slab, the
filters reduce their statistics and share ghost voxels). Each rank count: a warm-up, then
--runs runs, each building the pipeline anew and updating it stage by stage between barriers,
so that a stage's time is that of its slowest rank; the median wall time is reported with min
and max, the speed-up of 2 ranks over 1, and each rank's peak memory (its own max RSS, printed
by the rank). Each rank runs its filters on all cores (vtkSMPTools' STDThread backend, as the
plugin sets it up), so 2 ranks on 2 cores share them.

Run with Debian's python3 and the `paravoxel` package on PYTHONPATH, PARAVOXEL_PLUGIN set to the
plugin (scripts/benchmark.sh does both), under an X server (pvbatch):
    xvfb-run -a /usr/bin/python3 Testing/Benchmarks/bench_mpi.py
A quick check: ... bench_mpi.py --size 128 --runs 1
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

from bench_reader import summary
from bench_scaling import STAGE_NAMES, STAGES, make_volume

# Runs on every rank (pvbatch --symmetric); each rank prints one line "rank R: {JSON}" with its
# stage times (rank 0's are the pipeline's: barriers close each stage), its faces and its peak RSS.
PIPELINE = r"""
import json, os, resource, sys, time
from paraview.simple import Delete, LoadPlugin, UpdatePipeline
from vtkmodules.vtkParallelCore import vtkMultiProcessController

LoadPlugin(os.environ["PARAVOXEL_PLUGIN"], remote=False, ns=globals())
controller = vtkMultiProcessController.GetGlobalController()
rank, ranks = controller.GetLocalProcessId(), controller.GetNumberOfProcesses()
archive, runs = sys.argv[1], int(sys.argv[2])


def pipeline():
    reader = AnalyzeZipReader(FileName=archive)  # noqa: F821 (defined by LoadPlugin)
    transform = IntensityTransform(Input=reader)  # noqa: F821
    voxels = ExplodedVoxels(Input=transform, Scalars=["POINTS", "Transformed"])  # noqa: F821
    return {"reader": reader, "transform": transform, "voxels": voxels}


def run():
    # A new pipeline each run (so that every stage executes again), its stages timed one by one.
    stages = pipeline()
    times = {}
    for name, proxy in stages.items():
        controller.Barrier()
        start = time.perf_counter()
        UpdatePipeline(proxy=proxy)
        controller.Barrier()
        times[name] = time.perf_counter() - start
    faces = stages["voxels"].GetClientSideObject().GetOutputDataObject(0).GetNumberOfCells()
    for proxy in reversed(list(stages.values())):
        Delete(proxy)
    return times, faces


times, faces = run()  # warm-up
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
all_times = [run()[0] for _ in range(runs)]
print("rank %d: %s" % (rank, json.dumps({
    "ranks": ranks, "faces": faces, "peak": peak,
    "times": {name: [t[name] for t in all_times] for name in times}})), flush=True)
"""


def measure(archive, ranks, runs, script):
    command = ["mpiexec", "-n", str(ranks), "pvbatch", "--symmetric", script, archive, str(runs)]
    if os.geteuid() == 0:
        command[1:1] = ["--allow-run-as-root", "--oversubscribe"]
    result = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    per_rank = {}
    for line in result.stdout.splitlines():
        if line.startswith("rank ") and ": {" in line:
            label, figures = line.split(": ", 1)
            per_rank[int(label.split()[1])] = json.loads(figures)
    assert sorted(per_rank) == list(range(ranks)), result.stdout
    # Barriers close every stage, so rank 0's times are the pipeline's.
    times = per_rank[0]["times"]
    totals = [sum(run) for run in zip(*(times[s] for s in STAGES))]
    figures = {stage: summary(times[stage]) for stage in STAGES}
    figures["total"] = summary(totals)
    return {"summary": figures, "ranks": [per_rank[r] for r in range(ranks)]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=512, help="edge length of the cubic volume")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = make_volume(folder, args.size)
        script = os.path.join(folder, "pipeline.py")
        with open(script, "w") as out:
            out.write(PIPELINE)
        results = {}
        for ranks in (1, 2):
            print("mpiexec -n %d ..." % ranks, file=sys.stderr, flush=True)
            results[ranks] = measure(archive, ranks, args.runs, script)
    one, two = results[1], results[2]
    print("\nch2better resampled to %d^3 (%.0f M uint8 voxels, deflated Analyze zip), pvbatch "
          "--symmetric under mpiexec, median of %d runs after a warm-up (min-max), each rank on "
          "all %d cores:\n" % (args.size, args.size ** 3 / 1e6, args.runs, os.cpu_count()))
    print("| stage | -n 1 s | -n 2 s | speed-up |")
    print("| --- | --- | --- | --- |")
    for stage in STAGES + ("total",):
        a, b = one["summary"][stage], two["summary"][stage]
        print("| %s | %.3f (%.3f-%.3f) | %.3f (%.3f-%.3f) | %.2fx |" % (
            STAGE_NAMES.get(stage, "whole pipeline"), a["median"], a["min"], a["max"],
            b["median"], b["min"], b["max"], a["median"] / b["median"]))
    print("\n| ranks | rank | faces | peak RSS MiB |")
    print("| --- | --- | --- | --- |")
    for ranks, result in results.items():
        for rank, figures in enumerate(result["ranks"]):
            print("| %d | %d | %d | %.0f |" % (ranks, rank, figures["faces"], figures["peak"]))
    print("\nWhole pipeline: %.2fx faster on 2 ranks; peak RSS per rank %.0f MiB on 1 rank, "
          "%s MiB on 2 (together %.0f)." % (
              one["summary"]["total"]["median"] / two["summary"]["total"]["median"],
              one["ranks"][0]["peak"], " and ".join("%.0f" % r["peak"] for r in two["ranks"]),
              sum(r["peak"] for r in two["ranks"])))


if __name__ == "__main__":
    main()
