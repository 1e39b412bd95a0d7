"""What users pay against what the filters cost (not a test: prints figures).

The pipeline Analyze Zip Reader -> Intensity Transform -> Exploded Voxels (defaults), on
ch2better (301 x 370 x 316 uint8, mricron-data) and on ch2better resampled to 512^3, two ways,
each in its own pvpython process, median of --runs runs after a warm-up (plus min and max):
  - VTK level: the `paravoxel` package's classes connected and Update() of the last;
  - user level: paraview.simple, the three proxies made and UpdatePipeline() of the last, as the
    README's pvpython example does (ParaView also gathers every stage's data information, and
    the domains of each proxy made on an input).
Both time from the first object made to the faces ready; the ratio is what ParaView's proxy
layer adds (goal: at most 1.25x).

Run with Debian's python3, the `paravoxel` package on PYTHONPATH and PARAVOXEL_PLUGIN set
(the build's paravoxel-env.sh sets both):
    source build/paravoxel-env.sh; /usr/bin/python3 Testing/Benchmarks/bench_user_level.py
"""
import subprocess
import tempfile

import support_path  # noqa: F401  (Testing/Python, the package `support`, on the path)
from support.measure import PVPYTHON, runs_parser, summary
from support.volumes import make_archive, make_volume

PIPELINE = r"""
import os, sys, time
route, archive, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
if route == "paraview":
    from paraview.simple import LoadPlugin
    from support.measure import user_level_pipeline
    # Makes AnalyzeZipReader, IntensityTransform and ExplodedVoxels functions of paraview.simple.
    LoadPlugin(os.environ["PARAVOXEL_PLUGIN"], remote=False)
import paravoxel


def vtk_level():
    voxels = paravoxel.exploded_voxels_pipeline(archive)[2]
    voxels.Update()
    return voxels.GetOutput().GetNumberOfCells()


run = (lambda: user_level_pipeline(archive)) if route == "paraview" else vtk_level
for i in range(runs + 1):  # the first is a warm-up
    start = time.perf_counter()
    faces = run()
    print(time.perf_counter() - start, faces, flush=True)
"""


def measure(route, archive, runs):
    result = subprocess.run([PVPYTHON, "-c", PIPELINE, route, archive, str(runs)], check=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = [line.split() for line in result.stdout.strip().splitlines()[-(runs + 1):]]
    return dict(summary([float(t) for t, _ in lines[1:]]), faces=int(lines[-1][1]))


def main():
    parser = runs_parser()
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, archive in (("ch2better 301 x 370 x 316", make_archive(folder)[0]),
                               ("512^3", make_volume(folder, 512))):
            vtk = measure("vtk", archive, args.runs)
            user = measure("paraview", archive, args.runs)
            rows.append((label, vtk, user))
    print("\nReader -> Intensity Transform -> Exploded Voxels, one pvpython process per route, "
          "median of %d runs after a warm-up (min-max), seconds:\n" % args.runs)
    print("| volume | faces | VTK level (Update) | paraview.simple (proxies + UpdatePipeline) | user / VTK |")
    print("| --- | --- | --- | --- | --- |")
    for label, vtk, user in rows:
        print("| %s | %d | %.3f (%.3f-%.3f) | %.3f (%.3f-%.3f) | %.2fx |" % (
            label, vtk["faces"], vtk["median"], vtk["min"], vtk["max"],
            user["median"], user["min"], user["max"], user["median"] / vtk["median"]))


if __name__ == "__main__":
    main()
