"""Timing and peak memory of a benchmark's methods, each run in its own process so that its peak
memory (max RSS) is its own."""
import argparse
import json
import os
import statistics
import subprocess

# The interpreters the benchmarks start, as the build's paravoxel-env.sh names them.
PVPYTHON = os.environ.get("PARAVOXEL_PVPYTHON", "pvpython")
PVBATCH = os.environ.get("PARAVOXEL_PVBATCH", "pvbatch")
MPIEXEC = os.environ.get("PARAVOXEL_MPIEXEC", "mpiexec")
# The pipeline's stages, as the scaling and MPI benchmarks time them one by one, and their names.
STAGES = ("reader", "transform", "voxels")
STAGE_NAMES = {"reader": "Analyze Zip Reader", "transform": "Intensity Transform",
               "voxels": "Exploded Voxels (culled)"}


def runs_parser(default_runs=5, runs_help=None):
    """The argument parser of a benchmark, with the --runs option they all have: timed runs of
    each method, after a warm-up."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=default_runs,
                        help=runs_help or "timed runs of each method (default %d)" % default_runs)
    return parser


def summary(times):
    """Median, min and max of timed runs: the figures every ParaVoxel benchmark reports."""
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def run_with_peak_rss(command, stdout=subprocess.PIPE):
    """Runs `command` in its own process under GNU time; returns (its standard output, its peak
    memory in MiB)."""
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, check=True, stdout=stdout,
                            stderr=subprocess.PIPE, text=True)
    return result.stdout, int(result.stderr.strip().splitlines()[-1]) / 1024.0


def json_of_process(command, environment=None):
    """Runs `command` in its own process, with `environment` added to this one's, and returns the
    JSON object it prints on its last line."""
    result = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True,
                            env=dict(os.environ, **(environment or {})))
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_method(name, script, arguments, environment=None):
    """Runs `script` (pvpython -c, with `arguments`), which times one method and prints a JSON
    object whose "times" are its timed runs; returns that object with their summary and `name`."""
    figures = json_of_process([PVPYTHON, "-c", script] + [str(a) for a in arguments], environment)
    figures.update(summary(figures["times"]), name=name)
    return figures


def user_level_pipeline(archive):
    """The README's pvpython pipeline, as a user runs it: Analyze Zip Reader -> Intensity Transform
    -> Exploded Voxels made through paraview.simple (the plugin loaded) and UpdatePipeline() of the
    last; returns its number of faces (on this rank), the proxies deleted."""
    from paraview import simple
    reader = simple.AnalyzeZipReader(FileName=archive)
    transform = simple.IntensityTransform(Input=reader)
    voxels = simple.ExplodedVoxels(Input=transform)
    simple.UpdatePipeline(proxy=voxels)
    faces = voxels.GetDataInformation().GetNumberOfCells()
    for proxy in (voxels, transform, reader):
        simple.Delete(proxy)
    return faces

