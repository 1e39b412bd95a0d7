"""One G voxels (not a test: prints figures).

ch2better zoomed to 1024^3 by nearest neighbour (1,073,741,824 uint8 voxels, an Analyze pair
deflated in a zip) through Analyze Zip Reader -> Intensity Transform -> Exploded Voxels (culled,
the defaults), three ways, each in processes of its own:
  - VTK level: the `paravoxel` classes, Update() of the last, in one pvpython process;
  - paraview.simple: the three proxies made and UpdatePipeline() of the last, in one pvpython
    process, as the README's example does;
  - the same script under `mpiexec --bind-to none -n 2 pvbatch --symmetric`: each rank reads and
    meshes its slab.
Each process builds the pipeline anew --runs times and deletes it after each run. The first run
of a process is reported on its own ("first run"): it is what a user who opens the volume in a
fresh session waits, and it pays for faulting in fresh memory (about 8 GiB; on a virtual machine,
memory the host has not backed yet can cost about a second per GiB to touch). The
later runs ("again") reuse memory the process has touched before. Peak RSS is each rank's own.

Run with Debian's python3, the `paravoxel` package on PYTHONPATH and PARAVOXEL_PLUGIN set (the
build's paravoxel-env.sh sets both), under an X server (pvbatch):
    source build/paravoxel-env.sh
    paravoxel_xvfb_run /usr/bin/python3 Testing/Benchmarks/bench_gigavoxel.py
"""
import json
import os
import subprocess
import tempfile

import support_path  # noqa: F401  (Testing/Python, the package `support`, on the path)
from support.measure import MPIEXEC, PVBATCH, PVPYTHON, runs_parser, summary
from support.volumes import make_archive

# Runs in every process (and on every rank); prints one JSON line per rank.
PIPELINE = r"""
import json, os, resource, sys, time
route, archive, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
from paravoxel.parallel import mpi_ranks
if route == "paraview":
    from paraview.simple import LoadPlugin
    from support.measure import user_level_pipeline
    LoadPlugin(os.environ["PARAVOXEL_PLUGIN"], remote=False)
import paravoxel
controller, rank, ranks = mpi_ranks()


def vtk_level():
    voxels = paravoxel.exploded_voxels_pipeline(archive)[2]
    voxels.UpdatePiece(rank, ranks, 0)
    return voxels.GetOutput().GetNumberOfCells()


run = (lambda: user_level_pipeline(archive)) if route == "paraview" else vtk_level
times = []
for _ in range(runs):
    controller.Barrier()
    start = time.perf_counter()
    faces = run()
    controller.Barrier()
    times.append(time.perf_counter() - start)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print(json.dumps({"rank": rank, "times": times, "faces": faces, "peak": peak}), flush=True)
"""


def measure(route, archive, runs, ranks=None):
    """Per rank: the figures its process printed."""
    with tempfile.NamedTemporaryFile("w", suffix=".py") as script:
        script.write(PIPELINE)
        script.flush()
        if ranks:
            command = [MPIEXEC, "--bind-to", "none", "-n", str(ranks), PVBATCH, "--symmetric",
                       script.name]
            if os.geteuid() == 0:
                command[1:1] = ["--allow-run-as-root", "--oversubscribe"]
        else:
            command = [PVPYTHON, script.name]
        result = subprocess.run(command + [route, archive, str(runs)], check=True,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return sorted(lines, key=lambda figures: figures["rank"])


def main():
    parser = runs_parser(default_runs=3, runs_help="runs in each process, the first included "
                         "(default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive, voxels = make_archive(folder, 1024)
        for ext in (".hdr", ".img"):  # the zip holds them; a gigabyte less on disk
            os.remove(archive[:-4] + ext)
        routes = (("VTK level, pvpython", "vtk", None),
                  ("paraview.simple, pvpython", "paraview", None),
                  ("paraview.simple, mpiexec -n 2", "paraview", 2))
        rows = [(label, measure(route, archive, args.runs, ranks)) for label, route, ranks in routes]
    print("\nch2better zoomed to 1024^3 by nearest neighbour (%d uint8 voxels, deflated Analyze zip), "
          "reader -> Intensity Transform -> Exploded Voxels (culled); each route in fresh "
          "processes, %d runs each, seconds (the pipeline rebuilt every run; `again`: median "
          "of the later runs, min-max); mpiexec with --bind-to none:\n" % (voxels, args.runs))
    print("| route | rank | faces | first run s | again s | peak RSS MiB |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, per_rank in rows:
        for figures in per_rank:
            again = summary(figures["times"][1:] or figures["times"])
            print("| %s | %d | %d | %.2f | %.2f (%.2f-%.2f) | %.0f |"
                  % (label, figures["rank"], figures["faces"], figures["times"][0],
                     again["median"], again["min"], again["max"], figures["peak"]))


if __name__ == "__main__":
    main()
