"""End to end, zip archive to PNG of the tutorial's full view (figure 11), side by side in one
run: the seed tutorial's own route (nibabel from memory + numpy transform + skimage resize +
matplotlib `voxels`, Debian's python3-matplotlib / python3-skimage) against ParaVoxel in pvbatch
(reader + Intensity Transform + Resample To Image + Exploded Voxels, translucent, opacity =
value).

Two figures per route, because pvbatch's own start-up (MPI-free with --no-mpi, plus `import
paraview.simple`: about 2.5 s here) is as long as ParaVoxel's whole figure:
  - cold: a fresh process, from its launch to the first PNG written (imports and start-up
    included), median over --runs processes (the seed: one process);
  - in session: each further figure the same process renders, from opening the archive to the
    PNG written, with every proxy made anew (the seed: --seed-runs figures; ParaVoxel: one more
    figure in each of the --runs processes): what a batch job pays per archive.
Peak memory is each process's max RSS (GNU time).

    source build/paravoxel-env.sh
    paravoxel_xvfb_run /usr/bin/python3 Testing/Benchmarks/bench_end_to_end.py \\
        [--runs 5] [--seed-runs 3] [--sizes 20,50]
(the `paravoxel` package on PYTHONPATH, PARAVOXEL_PLUGIN set, one X server for the whole run:
pvbatch needs a display)
"""
import os
import statistics
import tempfile
import time

import support_path  # noqa: F401  (Testing/Python, the package `support`, on the path)
from support.measure import PVBATCH, run_with_peak_rss, runs_parser, summary

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
ARCHIVE = os.path.join(SOURCE, "Examples", "data", "attention.zip")

SEED = r'''
import io, sys, time, zipfile
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import cm
from nibabel import FileHolder
from nibabel.analyze import AnalyzeImage
from skimage.transform import resize

archive, size, out, figures = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])

def figure():
  zf = zipfile.ZipFile(io.BytesIO(open(archive, "rb").read()))
  header = io.BytesIO(zf.open("attention/structural/nsM00587_0002.hdr").read())
  image = io.BytesIO(zf.open("attention/structural/nsM00587_0002.img").read())
  img = AnalyzeImage.from_file_map({"header": FileHolder(fileobj=header), "image": FileHolder(fileobj=image)})
  arr = np.asarray(img.dataobj).astype(np.float64)

  def normalize(arr):
      arr_min = np.min(arr)
      return (arr - arr_min) / (np.max(arr) - arr_min)

  def scale_by(arr, fac):
      mean = np.mean(arr)
      return (arr - mean) * fac + mean

  transformed = np.clip(scale_by(np.clip(normalize(arr) - 0.1, 0, 1) ** 0.4, 2) - 0.1, 0, 1)
  resized = resize(transformed, (size, size, size), mode="constant", anti_aliasing=False)

  def explode(data):
      shape_arr = np.array(data.shape)
      size = shape_arr[:3] * 2 - 1
      exploded = np.zeros(np.concatenate([size, shape_arr[3:]]), dtype=data.dtype)
      exploded[::2, ::2, ::2] = data
      return exploded

  def expand_coordinates(indices):
      x, y, z = indices
      x[1::2, :, :] += 1
      y[:, 1::2, :] += 1
      z[:, :, 1::2] += 1
      return x, y, z

  cube = normalize(resized[:, ::-1, :])
  facecolors = cm.viridis(cube)
  facecolors[:, :, :, -1] = cube
  facecolors = explode(facecolors)
  filled = facecolors[:, :, :, -1] != 0
  x, y, z = expand_coordinates(np.indices(np.array(filled.shape) + 1))
  fig = plt.figure(figsize=(30 / 2.54, 30 / 2.54))
  ax = fig.add_subplot(projection="3d")
  ax.view_init(30, 320)
  ax.set_xlim(right=size * 2)
  ax.set_ylim(top=size * 2)
  ax.set_zlim(top=size * 2)
  ax.voxels(x, y, z, filled, facecolors=facecolors)
  fig.savefig(out)
  plt.close(fig)

for _ in range(figures):
    started = time.perf_counter()
    figure()
    print("figure", time.perf_counter() - started, time.time(), flush=True)
'''

PARAVOXEL = r'''
import os, sys, time
from paraview import simple
from paraview.simple import Delete, GetSources, LoadPlugin, ResampleToImage
from paravoxel.gallery.figures import brain_figure
archive, size, out, figures = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
LoadPlugin(os.environ["PARAVOXEL_PLUGIN"], remote=False)
for _ in range(figures):
    started = time.perf_counter()
    reader = simple.AnalyzeZipReader(FileName=archive)
    volume = simple.IntensityTransform(Input=reader)
    if size != "full":
        volume = ResampleToImage(Input=volume, SamplingDimensions=[int(size)] * 3)
    brain_figure(out, volume, "Transformed", flip_y=True)
    print("figure", time.perf_counter() - started, time.time(), flush=True)
    for proxy in list(GetSources().values()):
        Delete(proxy)
'''


def figures_of_process(command):
    """Runs `command` (a process that renders figures and prints "figure SECONDS UNIX_TIME"
    after each) under GNU time; returns (cold seconds: launch to the first figure written,
    in-session seconds of the later figures, peak RSS MiB)."""
    launched = time.time()
    output, peak = run_with_peak_rss(command)
    figures = [line.split()[1:] for line in output.splitlines() if line.startswith("figure ")]
    cold = float(figures[0][1]) - launched
    return cold, [float(seconds) for seconds, _ in figures[1:]], peak


def measure(name, command, processes, figures_per_process):
    """Cold and in-session figures of `processes` processes, after one warm-up process (page
    cache, shader caches)."""
    figures_of_process(command + ["1"])
    cold, warm, rss = [], [], []
    for _ in range(processes):
        first, later, peak = figures_of_process(command + [str(figures_per_process)])
        cold.append(first)
        warm.extend(later)
        rss.append(peak)
    return {"name": name, "cold": cold, "warm": warm, "rss": max(rss)}


def main():
    parser = runs_parser(5, "ParaVoxel processes, each rendering two figures")
    parser.add_argument("--seed-runs", type=int, default=3,
                        help="in-session figures of the (slow) seed route, after its first")
    parser.add_argument("--sizes", default="20,50")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as out:
        script = os.path.join(out, "paravoxel_full_view.py")
        with open(script, "w") as f:
            f.write(PARAVOXEL)
        # --no-mpi: a serial batch job needs no MPI start-up (about a second here).
        pvbatch = [PVBATCH, "--no-mpi", script, ARCHIVE]
        for size in args.sizes.split(","):
            results.append(measure("seed route (matplotlib voxels), %s^3" % size,
                                   ["/usr/bin/python3", "-c", SEED, ARCHIVE, size,
                                    os.path.join(out, "s.png")], 1, 1 + args.seed_runs))
            results.append(measure("ParaVoxel (pvbatch), %s^3" % size,
                                   pvbatch + [size, os.path.join(out, "p.png")], args.runs, 2))
        results.append(measure("ParaVoxel (pvbatch), full resolution 157x189x68",
                               pvbatch + ["full", os.path.join(out, "f.png")], args.runs, 2))
    # The reference: the seed route at the largest size measured (the tutorial's 50^3 by default).
    seed = [r for r in results if r["name"].startswith("seed")][-1]
    reference = seed["name"].split(", ")[1]
    seed_cold, seed_warm = statistics.median(seed["cold"]), statistics.median(seed["warm"])
    print("\nFull view (figure 11), zip to PNG. Cold: a fresh process, launch to PNG (median of "
          "the processes); in session: a further figure in the same process, archive to PNG:\n")
    print("| route | cold s (processes) | in session: median s [min, max] (figures) | "
          "seed %s / this, cold | seed %s / this, in session | peak RSS MiB |"
          % (reference, reference))
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        warm = summary(r["warm"])
        cold = statistics.median(r["cold"])
        print("| %s | %.2f (%d) | %.2f [%.2f, %.2f] (%d) | %.1fx | %.1fx | %.0f |"
              % (r["name"], cold, len(r["cold"]), warm["median"], warm["min"], warm["max"],
                 len(r["warm"]), seed_cold / cold, seed_warm / warm["median"], r["rss"]))


if __name__ == "__main__":
    main()
