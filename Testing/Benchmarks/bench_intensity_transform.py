"""Benchmark of the Intensity Transform filter (not a test: prints figures).

The 301 x 370 x 316 uint8 brain of mricron-data (ch2better, 35 M voxels) as an Analyze member of
a zip (the archive of bench_reader.py), read once by the Analyze Zip Reader, then the tutorial's
curve with its default parameters computed by:
- vtkIntensityTransformFilter on all cores (STDThread, as the plugin sets it up), on one thread
  (VTK_SMP_MAX_THREADS=1), and with the Percentiles (1, 99) range;
- numpy, the seed formula in float64 on the reader's array (support.reference, the tests'
  reference too);
- ParaView's Python Calculator with an expression of the same formula (float64 result: the
  calculator of ParaView 5.11 keeps the expression's type).

Each method runs in its own pvpython process (so that its peak memory is its own): a warm-up,
then --runs timed runs of the computation alone (the volume is read before); the median is
reported with min and max, the speed-up over numpy, the peak RSS of the process after its
warm-up run and its rise above the RSS after reading, and the largest difference to the numpy
result. CPU / wall (process CPU time over wall time of the timed runs) shows how many cores
the method kept busy; other processes competing for the cores lower it. The float32 copy of the volume measures the compute-bound path (the uint8 path spends
most of its time allocating and first touching the 140 MB float32 result).

Run with Debian's python3, the `paravoxel` package on PYTHONPATH and PARAVOXEL_PLUGIN set (the
build's paravoxel-env.sh sets both):
    source build/paravoxel-env.sh; /usr/bin/python3 Testing/Benchmarks/bench_intensity_transform.py
"""
import os
import tempfile

import support_path  # noqa: F401  (Testing/Python, the package `support`, on the path)
from support.measure import measure_method, runs_parser
from support.volumes import make_archive

# Runs one method in this process; prints a JSON line with the times, the peak RSS, the RSS
# after reading and the largest difference to numpy's float64 seed formula.
METHOD = r"""
import json, resource, sys, time
import numpy as np
from vtkmodules.util.numpy_support import vtk_to_numpy

from support.reference import intensity_transform_reference

method, archive, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])


def current_rss_mib():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2.0**20


if method == "calculator":
    import os
    from paraview import simple
    from paraview.simple import Delete, LoadPlugin, PythonCalculator, UpdatePipeline
    LoadPlugin(os.environ["PARAVOXEL_PLUGIN"], remote=False)
    reader = simple.AnalyzeZipReader(FileName=archive)
    UpdatePipeline(proxy=reader)
    image = reader.GetClientSideObject().GetOutputDataObject(0)
    expression = ("np.clip(((g := np.clip((Intensity - min(Intensity)) / (max(Intensity) - "
                  "min(Intensity)) - 0.1, 0, 1) ** 0.4) - (m := mean(g))) * 2 + m - 0.1, 0, 1)")

    calculators = []

    def run():
        # A new calculator each run (the previous one deleted), so that it executes again.
        while calculators:
            Delete(calculators.pop())
        calculator = PythonCalculator(Input=reader, Expression=expression, ArrayName="Transformed")
        calculators.append(calculator)
        UpdatePipeline(proxy=calculator)
        output = calculator.GetClientSideObject().GetOutputDataObject(0)
        return vtk_to_numpy(output.GetPointData().GetArray("Transformed"))
else:
    import paravoxel
    reader = paravoxel.vtkAnalyzeZipReader()
    reader.SetFileName(archive)
    reader.Update()
    image = reader.GetOutput()
    if method == "numpy":
        def run():
            return intensity_transform_reference(
                vtk_to_numpy(image.GetPointData().GetArray("Intensity")))
    else:
        transform = paravoxel.vtkIntensityTransformFilter()
        transform.SetInputData(image)
        if method == "float32":
            # The same volume as float32: the compute-bound path (pow per voxel, radix selection,
            # fixed-point mean) instead of the value histogram and lookup table of integers.
            from vtkmodules.vtkCommonDataModel import vtkImageData
            from vtkmodules.util.numpy_support import numpy_to_vtk
            as_float = vtkImageData()
            as_float.CopyStructure(image)
            values = numpy_to_vtk(vtk_to_numpy(
                image.GetPointData().GetArray("Intensity")).astype(np.float32), deep=1)
            values.SetName("Intensity")
            as_float.GetPointData().SetScalars(values)
            transform.SetInputData(as_float)
        if method == "percentiles":
            transform.SetNormalizationMode(transform.PERCENTILE_RANGE)

        def run():
            transform.Modified()
            transform.Update()
            return vtk_to_numpy(transform.GetOutput().GetPointData().GetArray("Transformed"))

intensity = vtk_to_numpy(image.GetPointData().GetArray("Intensity"))
after_read = current_rss_mib()
result = run()  # warm-up
# The peak so far is the method's own (the reference below needs more memory).
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
reference = intensity_transform_reference(
    intensity, percentiles=[1, 99] if method == "percentiles" else None)
difference = float(np.abs(result.astype(np.float64) - reference).max())
del result, reference
times = []
cpu_times = []
for _ in range(runs):
    usage = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    result = run()
    times.append(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu_times.append(after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime)
    del result
print(json.dumps({"times": times, "cpu_times": cpu_times, "difference": difference, "dims": image.GetDimensions(),
                  "rss": peak,
                  "after_read": after_read}))
"""


def measure(name, method, archive, runs, environment=None):
    figures = measure_method(name, METHOD, [method, archive, runs], environment)
    figures["cores_busy"] = sum(figures["cpu_times"]) / sum(figures["times"])
    return figures


def main():
    parser = runs_parser()
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = make_archive(folder)[0]
        results = [
            measure("numpy, the seed formula (float64)", "numpy", archive, args.runs),
            measure("ParaView Python Calculator, same formula", "calculator", archive, args.runs),
            measure("ParaVoxel Intensity Transform, all cores", "filter", archive, args.runs),
            measure("ParaVoxel Intensity Transform, one thread", "filter", archive, args.runs,
                    {"VTK_SMP_MAX_THREADS": "1"}),
            measure("ParaVoxel Intensity Transform, Percentiles 1-99, all cores", "percentiles",
                    archive, args.runs),
            measure("ParaVoxel Intensity Transform, float32 copy, all cores", "float32", archive,
                    args.runs),
            measure("ParaVoxel Intensity Transform, float32 copy, one thread", "float32", archive,
                    args.runs, {"VTK_SMP_MAX_THREADS": "1"}),
        ]
    numpy_median = results[0]["median"]
    calculator_median = results[1]["median"]
    print("\nch2better, %s uint8 (%d cores), median of %d runs after a warm-up:\n" % (
        "x".join(map(str, results[0]["dims"])), os.cpu_count(), args.runs))
    print("| method | median s | min s | max s | vs numpy | vs Python Calculator | CPU / wall |"
          " peak RSS MiB | RSS rise MiB | max abs diff to numpy |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print("| %s | %.3f | %.3f | %.3f | %.1fx | %.1fx | %.2f | %.0f | %.0f | %.1e |" % (
            r["name"], r["median"], r["min"], r["max"], numpy_median / r["median"],
            calculator_median / r["median"], r["cores_busy"], r["rss"], r["rss"] - r["after_read"],
            r["difference"]))
    for name, threaded, single in (("uint8", results[2], results[3]),
                                   ("float32 copy", results[5], results[6])):
        print("\nThreads, %s: one thread %.3f s, all cores %.3f s: %.2fx." % (
            name, single["median"], threaded["median"], single["median"] / threaded["median"]))


if __name__ == "__main__":
    main()
