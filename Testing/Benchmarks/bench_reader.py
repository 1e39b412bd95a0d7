"""Benchmark of the Analyze Zip Reader on large real volumes (not a test: prints figures).

Three members, each zipped by Python's zipfile:
  - ch2better: the 301 x 370 x 316 uint8 brain of mricron-data (ch2better.nii.gz, 35 M voxels)
    written by nibabel as an Analyze pair, deflated;
  - 512^3: ch2better zoomed to 512^3 (nearest neighbour, 134 M voxels), the same way;
  - ch2better.nii.gz: the NIfTI-1 file gzipped, stored in the zip (as archives of .nii.gz are).
(The Analyze pairs have nibabel's default Analyze affine, x flipped: in world space, the
reader's default, their rows are reversed.)
Measured side by side in one run, median of --runs runs after a warm-up (plus min and max),
each in its own process so that peak memory (max RSS) is the method's own:
  - unzip -p archive member > /dev/null (for the .nii.gz: piped through gzip -dc): the
    inflate bound, without any check of the result (unzip -p does not compare CRCs);
  - nibabel reading the same member from memory (zipfile + from_file_map);
  - ParaVoxel's vtkAnalyzeZipReader (VTK level, pvpython), which checks every byte against the
    archive's CRC-32 (and the gzip trailers) before handing the volume out;
  - for ch2better, VTK's vtkNIFTIImageReader (which reads Analyze 7.5 pairs too), after `unzip`
    extracts the pair to a fresh folder on disk: the route without ParaVoxel. Its time includes
    the extraction; the extraction and the read are also reported apart.

World space against voxel order: ch2better as a NIfTI-1 pair (deflated) stored RAS as shipped,
and a LAS copy (data and affine flipped by nibabel), each read by ParaVoxel with WorldSpace on
and off, median of --runs runs taken in turns; world space may cost at most 10% more than voxel
order. `--world-space-only` runs this table alone.

Run with Debian's python3 and the `paravoxel` package on PYTHONPATH (the build's
paravoxel-env.sh sets it):
    source build/paravoxel-env.sh; /usr/bin/python3 Testing/Benchmarks/bench_reader.py
"""
import os
import statistics
import subprocess
import tempfile
import time
import zipfile

import support_path  # noqa: F401  (Testing/Python, the package `support`, on the path)
from support.measure import PVPYTHON, run_with_peak_rss, runs_parser, summary
from support.volumes import CH2BETTER, MEMBER, make_archive

GZ_MEMBER = "attention/structural/ch2better.nii.gz"

READ_PARAVOXEL = """
import sys, time
import paravoxel
reader = paravoxel.vtkAnalyzeZipReader()
reader.SetFileName(sys.argv[1])
if len(sys.argv) > 3:
    reader.SetWorldSpace(int(sys.argv[3]))
start = time.perf_counter()
reader.Update()
assert reader.GetOutput().GetNumberOfPoints() == int(sys.argv[2])
print(time.perf_counter() - start)
"""

READ_NIBABEL = """
import gzip, io, sys, time, zipfile
import numpy as np
from nibabel.analyze import AnalyzeImage
from nibabel.nifti1 import Nifti1Image
from nibabel.fileholders import FileHolder
start = time.perf_counter()
zf = zipfile.ZipFile(sys.argv[1])
if sys.argv[2].endswith(".gz"):
    image = io.BytesIO(gzip.decompress(zf.read(sys.argv[2])))
    img = Nifti1Image.from_file_map({"header": FileHolder(fileobj=image), "image": FileHolder(fileobj=image)})
else:
    header = io.BytesIO(zf.open(sys.argv[2][:-4] + ".hdr").read())
    image = io.BytesIO(zf.open(sys.argv[2]).read())
    img = AnalyzeImage.from_file_map({"header": FileHolder(fileobj=header), "image": FileHolder(fileobj=image)})
arr = np.asarray(img.dataobj)
assert arr.size == int(sys.argv[3])
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


def make_gzip_archive(folder):
    """ch2better.nii.gz as Debian ships it, stored in a zip."""
    path = os.path.join(folder, "ch2better_gz.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.write(CH2BETTER, GZ_MEMBER)
    return path, 301 * 370 * 316


def make_nifti_pair(folder, las):
    """ch2better as a NIfTI-1 pair in a deflated zip, as shipped (RAS) or flipped to LAS."""
    import nibabel as nib
    source = nib.load(CH2BETTER)
    if las:
        source = source.as_reoriented([[0, -1], [1, 1], [2, 1]])
    stem = os.path.join(folder, "ch2better_%s" % ("las" if las else "ras"))
    nib.Nifti1Pair(source.dataobj, source.affine).to_filename(stem + ".hdr")
    path = stem + "_pair.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for ext in (".hdr", ".img"):
            zf.write(stem + ext, MEMBER[:-4] + ext)
    return path, 301 * 370 * 316


def world_space_table(folder, runs):
    """Voxel order against world space on the RAS and LAS NIfTI pairs. The four methods take
    turns run by run (after one warm-up round), so that a machine whose load drifts burdens each
    alike."""
    methods = []
    for las in (False, True):
        archive, voxels = make_nifti_pair(folder, las)
        for world in (0, 1):
            methods.append(("%s, %s" % ("LAS copy" if las else "RAS as shipped",
                                        "world space" if world else "voxel order"),
                            [PVPYTHON, "-c", READ_PARAVOXEL, archive, str(voxels), str(world)]))
    times = [[] for _ in methods]
    for round_index in range(runs + 1):
        for index, (_, command) in enumerate(methods):
            seconds = run(command, True)
            if round_index > 0:
                times[index].append(seconds)
    return [dict(summary(t), name=name, rss=run_with_peak_rss(command, subprocess.DEVNULL)[1])
            for (name, command), t in zip(methods, times)]


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


def measure(name, command, timed_inside, runs, parts=None):
    run(command, timed_inside)  # warm-up (page cache, libraries)
    times = [run(command, timed_inside, parts) for _ in range(runs)]
    # Peak memory (max RSS) of one more run.
    return dict(summary(times), name=name, rss=run_with_peak_rss(command, subprocess.DEVNULL)[1])


def print_world_space_table(world):
    """The table of world_space_table's figures, each world space run against its voxel order."""
    print("\nWorld space against voxel order, ch2better NIfTI-1 pair, deflated (ParaVoxel):\n")
    print("| file, output | median s | min s | max s | vs voxel order | peak RSS MiB |")
    print("| --- | --- | --- | --- | --- | --- |")
    for index, r in enumerate(world):
        voxel_order = world[index - index % 2]["median"]
        print("| %s | %.3f | %.3f | %.3f | %+.1f%% | %.0f |" % (
            r["name"], r["median"], r["min"], r["max"], 100 * (r["median"] / voxel_order - 1), r["rss"]))


def main():
    parser = runs_parser(7)
    parser.add_argument("--world-space-only", action="store_true",
                        help="only the table of world space against voxel order")
    args = parser.parse_args()
    if args.world_space_only:
        with tempfile.TemporaryDirectory() as folder:
            print_world_space_table(world_space_table(folder, args.runs))
        return
    parts = []  # extraction and read seconds of vtkNIFTIImageReader's runs
    tables = []
    with tempfile.TemporaryDirectory() as folder:
        cases = [("ch2better, 301 x 370 x 316 uint8 Analyze pair, deflated", make_archive(folder), MEMBER),
                 ("512^3 uint8 Analyze pair (ch2better zoomed), deflated", make_archive(folder, 512), MEMBER),
                 ("ch2better.nii.gz stored in the zip", make_gzip_archive(folder), GZ_MEMBER)]
        for title, (archive, voxels), member in cases:
            unzip = "unzip -p '%s' '%s'" % (archive, member)
            if member.endswith(".gz"):
                unzip += " | gzip -dc"
            results = [
                measure("unzip -p (inflate bound, nothing verified)",
                        ["sh", "-c", unzip + " > /dev/null"], False, args.runs),
                measure("nibabel from memory (zipfile + from_file_map)",
                        ["/usr/bin/python3", "-c", READ_NIBABEL, archive, member, str(voxels)], True, args.runs),
                measure("ParaVoxel vtkAnalyzeZipReader, every byte CRC-checked",
                        [PVPYTHON, "-c", READ_PARAVOXEL, archive, str(voxels)], True, args.runs),
            ]
            if "ch2better, " in title:
                results.append(measure("VTK vtkNIFTIImageReader after unzip to disk (extraction + read)",
                                       [PVPYTHON, "-c", READ_NIFTI, archive, MEMBER], True,
                                       args.runs, parts))
            tables.append((title, results))
        world = world_space_table(folder, args.runs)
    print("\nReading a volume from a zip archive, median of %d runs:" % args.runs)
    for title, results in tables:
        bound = results[0]["median"]
        print("\n%s:\n" % title)
        print("| method | median s | min s | max s | vs unzip -p | peak RSS MiB |")
        print("| --- | --- | --- | --- | --- | --- |")
        for r in results:
            print("| %s | %.3f | %.3f | %.3f | %.2fx | %.0f |"
                  % (r["name"], r["median"], r["min"], r["max"], r["median"] / bound, r["rss"]))

    print_world_space_table(world)

    extraction, read = (statistics.median(p) for p in zip(*parts))
    print("\nvtkNIFTIImageReader's route for ch2better, medians: unzip to disk %.3f s, then the read "
          "%.3f s." % (extraction, read))


if __name__ == "__main__":
    main()
