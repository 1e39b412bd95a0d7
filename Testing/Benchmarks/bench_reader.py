"""Benchmark of the Analyze Zip Reader on a large real volume (not a test: prints figures).

The 301 x 370 x 316 uint8 brain of mricron-data (ch2better.nii.gz, 35 M voxels) is written by
nibabel as an Analyze pair and zipped (deflated). Measured side by side in one run, median of
--runs runs after a warm-up (plus min and max), each in its own process so that peak memory
(max RSS) is the method's own:
  - unzip -p archive member > /dev/null: the inflate bound;
  - nibabel reading the same member from memory (zipfile + AnalyzeImage.from_file_map);
  - ParaVoxel's vtkAnalyzeZipReader (VTK level, pvpython);
  - VTK's vtkNIFTIImageReader (which reads Analyze 7.5 pairs too), after `unzip` extracts the
    pair to a fresh folder on disk: the route without ParaVoxel. Its time includes the
    extraction; the extraction and the read are also reported apart.

Run with Debian's python3 and the `paravoxel` package on PYTHONPATH:
    PYTHONPATH=build/lib/paravoxel-python /usr/bin/python3 Testing/Benchmarks/bench_reader.py
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time
import zipfile

CH2BETTER = "/usr/share/mricron/templates/ch2better.nii.gz"
MEMBER = "attention/structural/ch2better.img"

READ_PARAVOXEL = """
import sys, time
import paravoxel
reader = paravoxel.vtkAnalyzeZipReader()
reader.SetFileName(sys.argv[1])
start = time.perf_counter()
reader.Update()
assert reader.GetOutput().GetNumberOfPoints() == 301 * 370 * 316
print(time.perf_counter() - start)
"""

READ_NIBABEL = """
import io, sys, time, zipfile
import numpy as np
from nibabel.analyze import AnalyzeImage
from nibabel.fileholders import FileHolder
start = time.perf_counter()
zf = zipfile.ZipFile(sys.argv[1])
header = io.BytesIO(zf.open(sys.argv[2][:-4] + ".hdr").read())
image = io.BytesIO(zf.open(sys.argv[2]).read())
img = AnalyzeImage.from_file_map({"header": FileHolder(fileobj=header), "image": FileHolder(fileobj=image)})
arr = np.asarray(img.dataobj)
assert arr.size == 301 * 370 * 316
print(time.perf_counter() - start)
"""

# Extracts the pair with unzip (what a user without ParaVoxel does first), then reads it with
# VTK's NIfTI reader; prints "extraction read" and, last, the total.
READ_NIFTI = """
import os, subprocess, sys, tempfile, time
from vtkmodules.vtkIOImage import vtkNIFTIImageReader
with tempfile.TemporaryDirectory() as folder:
    start = time.perf_counter()
    subprocess.run(["unzip", "-q", "-o", sys.argv[1], sys.argv[2][:-4] + ".hdr", sys.argv[2],
                    "-d", folder], check=True)
    extracted = time.perf_counter()
    reader = vtkNIFTIImageReader()
    reader.SetFileName(os.path.join(folder, sys.argv[2][:-4] + ".hdr"))
    reader.Update()
    assert reader.GetOutput().GetNumberOfPoints() == 301 * 370 * 316
    done = time.perf_counter()
print(extracted - start, done - extracted)
print(done - start)
"""


def make_archive(folder):
    import nibabel as nib
    import numpy as np
    source = nib.load(CH2BETTER)
    img = nib.AnalyzeImage(np.asarray(source.dataobj), source.affine)
    img.to_filename(os.path.join(folder, "ch2better.hdr"))
    path = os.path.join(folder, "ch2better.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for ext in (".hdr", ".img"):
            zf.write(os.path.join(folder, "ch2better" + ext), MEMBER[:-4] + ext)
    return path


def run(command, timed_inside, parts=None):
    """Seconds of one run of `command` in its own process: as the process reports them when
    `timed_inside` (so interpreter start-up is left out), else the whole process. A process
    that times parts of its work prints them on the line before its total; they are appended
    to `parts` when given."""
    start = time.perf_counter()
    result = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    if timed_inside:
        lines = result.stdout.strip().splitlines()
        if parts is not None:
            parts.append([float(x) for x in lines[-2].split()])
        return float(lines[-1])
    return time.perf_counter() - start


def summary(times):
    """Median, min and max of timed runs: the figures every ParaVoxel benchmark reports."""
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def peak_rss(command):
    """Peak memory (max RSS, MiB) of one run of `command` in its own process, by GNU time."""
    probe = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(probe.stderr.strip().splitlines()[-1]) / 1024.0


def measure(name, command, timed_inside, runs, parts=None):
    run(command, timed_inside)  # warm-up (page cache, libraries)
    times = [run(command, timed_inside, parts) for _ in range(runs)]
    return dict(summary(times), name=name, rss=peak_rss(command))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    parts = []  # extraction and read seconds of vtkNIFTIImageReader's runs
    with tempfile.TemporaryDirectory() as folder:
        archive = make_archive(folder)
        results = [
            measure("unzip -p member > /dev/null (inflate bound)",
                    ["sh", "-c", "unzip -p '%s' '%s' > /dev/null" % (archive, MEMBER)], False, args.runs),
            measure("nibabel from memory (zipfile + AnalyzeImage)",
                    ["/usr/bin/python3", "-c", READ_NIBABEL, archive, MEMBER], True, args.runs),
            measure("ParaVoxel vtkAnalyzeZipReader",
                    ["pvpython", "-c", READ_PARAVOXEL, archive], True, args.runs),
            measure("VTK vtkNIFTIImageReader after unzip to disk (extraction + read)",
                    ["pvpython", "-c", READ_NIFTI, archive, MEMBER], True, args.runs, parts),
        ]
    bound = results[0]["median"]
    print("\nReading a 301x370x316 uint8 Analyze member (35.2 M voxels, deflated) from a zip, "
          "median of %d runs:\n" % args.runs)
    print("| method | median s | min s | max s | vs unzip -p | peak RSS MiB |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        print("| %s | %.3f | %.3f | %.3f | %.2fx | %.0f |"
              % (r["name"], r["median"], r["min"], r["max"], r["median"] / bound, r["rss"]))

    extraction, read = (statistics.median(p) for p in zip(*parts))
    print("\nvtkNIFTIImageReader's route, medians: unzip to disk %.3f s, then the read %.3f s "
          "(the read alone is %.2fx unzip -p)." % (extraction, read, read / bound))


if __name__ == "__main__":
    main()
