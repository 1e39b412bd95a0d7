"""Benchmark of the Exploded Voxels filter (not a test: prints figures).

1. The 301 x 370 x 316 uint8 brain of mricron-data (ch2better, 35 M voxels) as an Analyze member
   of a zip (the archive of bench_reader.py), read by the Analyze Zip Reader, voxels > 0:
   - VTK's route in ParaView today: Threshold (one hexahedron per voxel: the image as cell data)
     + Extract Surface (vtkDataSetSurfaceFilter), the outer faces;
   - ParaVoxel's vtkExplodedVoxelsFilter, Gap 0, interior faces culled: the same faces, on all
     cores (vtkSMPTools' STDThread backend, as in ParaView) and on one (Sequential backend).
2. KeepInteriorFaces on the seed-sized 157 x 189 x 68 volume: the structural image of the
   bundled Examples/data/attention.zip, read by the Analyze Zip Reader and passed through the
   Intensity Transform filter (the tutorial's curve, its defaults), voxels > 0, Gap 0.1.
3. The AAL atlas of mricron-data (181 x 217 x 181 uint8, 116 regions), full resolution, every
   region, Gap 0: plain (labels as numbers), with the names of aal.nii.txt as LabelNames (the
   Region array of names per face), and exploded (RegionExplosion 0.6, names too): the goal is
   the exploded view in at most 1.5x the time of the same volume without explosion.

Each method runs in its own pvpython process (so that its peak memory, the max RSS the kernel
reports, is its own, reader included): a warm-up, then --runs timed runs of the filters alone
(the image is read once, before); the median is reported with min and max.

Run with Debian's python3 and the `paravoxel` package on PYTHONPATH (the build's
paravoxel-env.sh sets it):
    source build/paravoxel-env.sh; /usr/bin/python3 Testing/Benchmarks/bench_exploded_voxels.py
"""
import os
import tempfile

import support_path  # noqa: F401  (Testing/Python, the package `support`, on the path)
from support.measure import measure_method, runs_parser
from support.volumes import make_archive

AAL = "/usr/share/mricron/templates/aal.nii.gz"
ATTENTION = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Examples", "data",
                         "attention.zip")

# Runs one method in this process; prints a JSON line with the times, the output size and the
# peak RSS.
METHOD = r"""
import json, resource, sys, time
import paravoxel
from vtkmodules.vtkCommonDataModel import vtkDataObject, vtkImageData
from vtkmodules.vtkFiltersCore import vtkThreshold
from vtkmodules.vtkFiltersGeometry import vtkDataSetSurfaceFilter

method, source, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
POINTS = vtkDataObject.FIELD_ASSOCIATION_POINTS
CELLS = vtkDataObject.FIELD_ASSOCIATION_CELLS

reader = paravoxel.vtkAnalyzeZipReader()
reader.SetFileName(source)
reader.Update()
image = reader.GetOutput()
array = "Intensity"
if method in ("atlas-names", "atlas-exploded"):
    from vtkmodules.vtkCommonCore import vtkStringArray
    names = vtkStringArray()
    names.SetName("LabelNames")
    with open(source.replace(".gz", "") + ".txt") as sidecar:
        for fields in (line.split() for line in sidecar):
            if len(fields) < 2:
                continue
            label, name = fields[:2]
            while names.GetNumberOfValues() <= int(label):
                names.InsertNextValue("")
            names.SetValue(int(label), name)
    image.GetFieldData().AddArray(names)
if method == "interior":
    transform = paravoxel.vtkIntensityTransformFilter()
    transform.SetInputData(image)
    transform.Update()
    image = transform.GetOutput()
    array = transform.GetResultArrayName()

if method == "threshold":
    # One hexahedron per voxel: the same values as cell data of a grid shifted by half a voxel.
    cells = vtkImageData()
    cells.SetDimensions(*[d + 1 for d in image.GetDimensions()])
    cells.SetSpacing(image.GetSpacing())
    cells.SetOrigin(*[o - 0.5 * s for o, s in zip(image.GetOrigin(), image.GetSpacing())])
    cells.GetCellData().SetScalars(image.GetPointData().GetArray(array))
    def run():
        threshold = vtkThreshold()
        threshold.SetInputData(cells)
        threshold.SetInputArrayToProcess(0, 0, 0, CELLS, array)
        threshold.SetThresholdFunction(vtkThreshold.THRESHOLD_UPPER)
        threshold.SetUpperThreshold(0.5)
        surface = vtkDataSetSurfaceFilter()
        surface.SetInputConnection(threshold.GetOutputPort())
        surface.Update()
        return surface.GetOutput()
else:
    def run():
        voxels = paravoxel.vtkExplodedVoxelsFilter()
        voxels.SetInputData(image)
        voxels.SetInputArrayToProcess(0, 0, 0, POINTS, array)
        if method == "interior":
            voxels.SetKeepInteriorFaces(True)
            voxels.SetGap(0.1)
        if method == "atlas-exploded":
            voxels.SetRegionExplosion(0.6)
        voxels.Update()
        return voxels.GetOutput()

output = run()  # warm-up
faces, points = output.GetNumberOfCells(), output.GetNumberOfPoints()
del output
times = []
for _ in range(runs):
    start = time.perf_counter()
    output = run()
    times.append(time.perf_counter() - start)
    del output
print(json.dumps({"times": times, "faces": faces, "points": points,
                  "dims": image.GetDimensions(),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}))
"""


def measure(name, method, source, runs, environment=None):
    return measure_method(name, METHOD, [method, source, runs], environment)


def report(title, results):
    reference = results[0]
    print("\n%s\n" % title)
    print("| method | voxels | faces | points | median s | min s | max s | speed-up | peak RSS MiB |"
          " RSS ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print("| %s | %s | %d | %d | %.3f | %.3f | %.3f | %.1fx | %.0f | %.2f |" % (
            r["name"], "x".join(map(str, r["dims"])), r["faces"], r["points"], r["median"],
            r["min"], r["max"], reference["median"] / r["median"], r["rss"],
            r["rss"] / reference["rss"]))


def main():
    parser = runs_parser()
    parser.add_argument("--atlas-only", action="store_true",
                        help="only the atlas methods (3.)")
    args = parser.parse_args()
    atlas = [measure("Exploded Voxels, AAL, labels as numbers", "atlas", AAL, args.runs),
             measure("same, with LabelNames (Region names per face)", "atlas-names", AAL,
                     args.runs),
             measure("same, RegionExplosion 0.6 (names too)", "atlas-exploded", AAL, args.runs)]
    report("AAL atlas, 181x217x181 uint8, 116 regions, Gap 0, median of %d runs after a warm-up "
           "(speed-up: against the first line):" % args.runs, atlas)
    print("\nExploded / plain: %.2fx; exploded / with names: %.2fx (goal: at most 1.5x)" % (
        atlas[2]["median"] / atlas[0]["median"], atlas[2]["median"] / atlas[1]["median"]))
    if args.atlas_only:
        return
    with tempfile.TemporaryDirectory() as folder:
        archive = make_archive(folder)[0]
        brain = [measure("VTK Threshold + Extract Surface", "threshold", archive, args.runs),
                 measure("ParaVoxel Exploded Voxels (Gap 0, culled)", "culled", archive,
                         args.runs),
                 measure("ParaVoxel Exploded Voxels (Gap 0, culled), one thread", "culled",
                         archive, args.runs, {"VTK_SMP_BACKEND_IN_USE": "Sequential"})]
    interior = [measure("ParaVoxel Exploded Voxels (KeepInteriorFaces, Gap 0.1) after the "
                        "Intensity Transform", "interior", ATTENTION, args.runs)]
    report("ch2better, 301x370x316 uint8 from an Analyze zip, voxels > 0, median of %d runs after "
           "a warm-up:" % args.runs, brain)
    report("Seed-sized attention structural volume with interior faces, median of %d runs after a "
           "warm-up:" % args.runs, interior)


if __name__ == "__main__":
    main()
