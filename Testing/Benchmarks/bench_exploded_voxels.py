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

Each method runs in its own pvpython process (so that its peak memory, the max RSS the kernel
reports, is its own, reader included): a warm-up, then --runs timed runs of the filters alone
(the image is read once, before); the median is reported with min and max.

Run with Debian's python3 and the `paravoxel` package on PYTHONPATH (the build's
paravoxel-env.sh sets it):
    source build/paravoxel-env.sh; /usr/bin/python3 Testing/Benchmarks/bench_exploded_voxels.py
"""
import os
import tempfile

from paravoxel.measure import measure_method, runs_parser
from paravoxel.volumes import make_archive

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
    args = parser.parse_args()
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
