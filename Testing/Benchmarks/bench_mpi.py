"""MPI benchmark of ParaVoxel's pipeline at 512^3 voxels (not a test: prints figures).

The 512^3 brain of bench_scaling.py (ch2better resampled, 134 M uint8 voxels, a deflated
Analyze zip) through Analyze Zip Reader -> Intensity Transform -> Exploded Voxels (culled, the
defaults) in paraview.simple with the plugin, under `mpiexec --bind-to none -n 1` and `-n 2` (pvbatch
--symmetric: every rank runs the script; the reader reads each rank's slab, the filters reduce
their statistics and share ghost voxels). `--bind-to none` for every rank count: OpenMPI binds a
single rank to one core by default, which would leave `-n 1` half the machine. Each rank count: a warm-up, then
--runs runs, each building the pipeline anew and timing between barriers (so that a time is
that of the slowest rank):
  - the whole pipeline through paraview.simple's UpdatePipeline, what a pvbatch script pays:
    ParaView also gathers the data information (array ranges, bounds) of each stage's output;
  - the whole pipeline at VTK level: the `paravoxel` classes made anew and the last updated for
    the rank's piece (UpdatePiece), side by side with the above;
  - then the filters' own work, stage by stage: the proxies' VTK objects updated again, each
    rank its piece (UpdatePiece, with the ghost layer Exploded Voxels asks of the stages before).
The median wall time is reported with min and max, the speed-up of 2 ranks over 1, and each
rank's peak memory (its own max RSS, printed by the rank). Each rank runs its filters on all
cores (vtkSMPTools' STDThread backend, as the plugin sets it up), so 2 ranks on 2 cores share
them; 2 ranks are also measured with one thread each (VTK_SMP_MAX_THREADS=1).

Run with Debian's python3 and the `paravoxel` package on PYTHONPATH, PARAVOXEL_PLUGIN set to the
plugin (the build's paravoxel-env.sh sets both), under an X server (pvbatch):
    source build/paravoxel-env.sh
    paravoxel_xvfb_run /usr/bin/python3 Testing/Benchmarks/bench_mpi.py
A quick check: ... bench_mpi.py --size 128 --runs 1
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import support_path  # noqa: F401  (Testing/Python, the package `support`, on the path)
from support.measure import MPIEXEC, PVBATCH, STAGES, STAGE_NAMES, runs_parser, summary
from support.volumes import make_volume

# Runs on every rank (pvbatch --symmetric); each rank writes FOLDER/rankR.json with its
# times (rank 0's are the pipeline's: barriers close each step), its faces and its peak RSS.
PIPELINE = r"""
import json, os, resource, sys, time
from paraview import simple
from paraview.simple import Delete, LoadPlugin, UpdatePipeline

from paravoxel.parallel import mpi_ranks

LoadPlugin(os.environ["PARAVOXEL_PLUGIN"], remote=False)
controller, rank, ranks = mpi_ranks()
archive, runs, figures_folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def timed(step):
    controller.Barrier()
    start = time.perf_counter()
    step()
    controller.Barrier()
    return time.perf_counter() - start


def vtk_pipeline():
    import paravoxel
    paravoxel.exploded_voxels_pipeline(archive)[2].UpdatePiece(rank, ranks, 0)


def run():
    # A new pipeline each run, so that every stage executes again.
    reader = simple.AnalyzeZipReader(FileName=archive)
    transform = simple.IntensityTransform(Input=reader)
    voxels = simple.ExplodedVoxels(Input=transform, Scalars=["POINTS", "Transformed"])
    proxies = (reader, transform, voxels)
    # What a pvbatch script pays: ParaView also gathers the data information (array ranges,
    # bounds) of every stage's output for the domains of the proxies downstream.
    times = {"paraview": timed(lambda: UpdatePipeline(proxy=voxels))}
    times["vtk"] = timed(vtk_pipeline)
    # The filters' own work: the same VTK objects, stage by stage, each rank its piece with the
    # one ghost layer Exploded Voxels asks of the stages before it (so they are not re-run).
    algorithms = [proxy.GetClientSideObject() for proxy in proxies]
    algorithms[0].Modified()
    for name, algorithm, ghosts in zip(("reader", "transform", "voxels"), algorithms, (1, 1, 0)):
        times[name] = timed(lambda: algorithm.UpdatePiece(rank, ranks, ghosts))
    faces = algorithms[2].GetOutputDataObject(0).GetNumberOfCells()
    for proxy in reversed(proxies):
        Delete(proxy)
    return times, faces


times, faces = run()  # warm-up
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
all_times = [run()[0] for _ in range(runs)]
# A file per rank: lines that ranks print at the same time can interleave in mpiexec's output.
with open(os.path.join(figures_folder, "rank%d.json" % rank), "w") as f:
    json.dump({"ranks": ranks, "faces": faces, "peak": peak,
               "times": {name: [t[name] for t in all_times] for name in times}}, f)
"""


def measure(archive, ranks, runs, script, environment=None):
    figures_folder = tempfile.mkdtemp()
    command = [MPIEXEC, "--bind-to", "none", "-n", str(ranks), PVBATCH, "--symmetric", script,
               archive, str(runs), figures_folder]
    if os.geteuid() == 0:
        command[1:1] = ["--allow-run-as-root", "--oversubscribe"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, **(environment or {})))
    per_rank = {}
    for rank in range(ranks):
        with open(os.path.join(figures_folder, "rank%d.json" % rank)) as f:
            per_rank[rank] = json.load(f)
    shutil.rmtree(figures_folder)
    # Barriers close every step, so rank 0's times are the pipeline's.
    times = per_rank[0]["times"]
    totals = [sum(run) for run in zip(*(times[s] for s in STAGES))]
    figures = {step: summary(times[step]) for step in STAGES + ("paraview", "vtk")}
    figures["total"] = summary(totals)
    return {"summary": figures, "ranks": [per_rank[r] for r in range(ranks)]}


def main():
    parser = runs_parser()
    parser.add_argument("--size", type=int, default=512, help="edge length of the cubic volume")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = make_volume(folder, args.size)
        script = os.path.join(folder, "pipeline.py")
        with open(script, "w") as out:
            out.write(PIPELINE)
        # 2 ranks with all cores each (the default) and with one thread each, so that the two
        # ranks do not compete for the cores with each other's threads.
        configurations = (("-n 1", 1, None), ("-n 2", 2, None),
                          ("-n 2, 1 thread per rank", 2, {"VTK_SMP_MAX_THREADS": "1"}))
        results = {}
        for label, ranks, environment in configurations:
            print("mpiexec %s ..." % label, file=sys.stderr, flush=True)
            results[label] = measure(archive, ranks, args.runs, script, environment)
    one = results["-n 1"]
    print("\nch2better resampled to %d^3 (%.0f M uint8 voxels, deflated Analyze zip), pvbatch "
          "--symmetric under mpiexec --bind-to none, median of %d runs after a warm-up (min-max), seconds; each "
          "rank on all %d cores unless stated:\n" % (
              args.size, args.size ** 3 / 1e6, args.runs, os.cpu_count()))
    print("| step | %s |" % " | ".join("%s s | speed-up" % label if label != "-n 1" else label + " s"
                                      for label in results))
    print("| --- |%s" % (" --- |" * (2 * len(results) - 1)))
    names = dict(STAGE_NAMES, total="the three filters (VTK level, stage by stage, sum)",
                 vtk="whole pipeline, VTK level (UpdatePiece of the last)",
                 paraview="whole pipeline, paraview.simple UpdatePipeline")
    for step in STAGES + ("total", "vtk", "paraview"):
        cells = []
        for label, result in results.items():
            r = result["summary"][step]
            cells.append("%.3f (%.3f-%.3f)" % (r["median"], r["min"], r["max"]))
            if label != "-n 1":
                cells.append("%.2fx" % (one["summary"][step]["median"] / r["median"]))
        print("| %s | %s |" % (names[step], " | ".join(cells)))
    print("\n| mpiexec | rank | faces | peak RSS MiB |")
    print("| --- | --- | --- | --- |")
    for label, result in results.items():
        for rank, figures in enumerate(result["ranks"]):
            print("| %s | %d | %d | %.0f |" % (label, rank, figures["faces"], figures["peak"]))
    two = results["-n 2"]
    print("\nSpeed-up of 2 ranks over 1: the filters %.2fx (%.2fx with one thread per rank), "
          "the VTK-level pipeline %.2fx, paraview.simple's UpdatePipeline %.2fx; peak RSS per rank %.0f MiB on 1 rank, %s MiB on "
          "2 (together %.0f)." % (
              one["summary"]["total"]["median"] / two["summary"]["total"]["median"],
              one["summary"]["total"]["median"]
              / results["-n 2, 1 thread per rank"]["summary"]["total"]["median"],
              one["summary"]["vtk"]["median"] / two["summary"]["vtk"]["median"],
              one["summary"]["paraview"]["median"] / two["summary"]["paraview"]["median"],
              one["ranks"][0]["peak"], " and ".join("%.0f" % r["peak"] for r in two["ranks"]),
              sum(r["peak"] for r in two["ranks"])))


if __name__ == "__main__":
    main()
