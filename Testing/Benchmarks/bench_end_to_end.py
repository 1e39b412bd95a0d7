"""End to end, zip archive to PNG of the tutorial's full view (figure 11), side by side in one
run: the seed tutorial's own route (nibabel from memory + numpy transform + skimage resize +
matplotlib `voxels`, Debian's python3-matplotlib / python3-skimage) against ParaVoxel in pvbatch
(reader + Intensity Transform + Resample To Image + Exploded Voxels, translucent, opacity =
value), each run a fresh process, median of --runs runs (plus min and max) after a warm-up.

    PYTHONPATH=build/lib/paravoxel-python PARAVOXEL_PLUGIN=$PWD/build/lib/paraview-5.11/plugins/ParaVoxel/ParaVoxel.so \\
        xvfb-run -a -s "-screen 0 1280x1024x24" /usr/bin/python3 Testing/Benchmarks/bench_end_to_end.py \\
        [--runs 5] [--seed-runs 3]
(one X server for the whole run: pvbatch needs a display)
"""
import argparse
import os
import subprocess
import tempfile
import time

from bench_reader import peak_rss, summary

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
ARCHIVE = os.path.join(SOURCE, "Examples", "data", "attention.zip")

SEED = r'''
import io, sys, zipfile
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import cm
from nibabel import FileHolder
from nibabel.analyze import AnalyzeImage
from skimage.transform import resize

archive, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
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
'''

PARAVOXEL = r'''
import os, sys
sys.path.insert(0, os.path.join(sys.argv[1], "Examples"))
import render_figures as rf
from paraview.simple import ResampleToImage
archive, size, out = sys.argv[2], sys.argv[3], sys.argv[4]
rf.load_plugin(os.environ["PARAVOXEL_PLUGIN"])
reader = rf.AnalyzeZipReader(FileName=archive)
volume = rf.IntensityTransform(Input=reader)
if size != "full":
    volume = ResampleToImage(Input=volume, SamplingDimensions=[int(size)] * 3)
rf.brain_figure(out, volume, "Transformed", flip_y=True)
'''


def timed(command):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(name, command, runs):
    timed(command)  # warm-up
    times = [timed(command) for _ in range(runs)]
    return dict(summary(times), name=name, runs=runs, rss=peak_rss(command))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed-runs", type=int, default=3, help="runs of the (slow) seed route")
    parser.add_argument("--sizes", default="20,50")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as out:
        script = os.path.join(out, "paravoxel_full_view.py")
        with open(script, "w") as f:
            f.write(PARAVOXEL)
        pvbatch = ["pvbatch", script]  # the display is the one this benchmark runs under
        for size in args.sizes.split(","):
            results.append(measure("seed route (matplotlib voxels), %s^3" % size,
                                   ["/usr/bin/python3", "-c", SEED, ARCHIVE, size, os.path.join(out, "s.png")],
                                   args.seed_runs))
            results.append(measure("ParaVoxel (pvbatch), %s^3" % size,
                                   pvbatch + [SOURCE, ARCHIVE, size, os.path.join(out, "p.png")],
                                   args.runs))
        results.append(measure("ParaVoxel (pvbatch), full resolution 157x189x68",
                               pvbatch + [SOURCE, ARCHIVE, "full", os.path.join(out, "f.png")],
                               args.runs))
    seed = {r["name"].split(", ")[1]: r["median"] for r in results if r["name"].startswith("seed")}
    print("\nFull view (figure 11), zip to PNG, each run a fresh process:\n")
    print("| route | runs | median s | min s | max s | seed at 50^3 / this | peak RSS MiB |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        ratio = seed.get("50^3", float("nan")) / r["median"]
        print("| %s | %d | %.2f | %.2f | %.2f | %.1fx | %.0f |"
              % (r["name"], r["runs"], r["median"], r["min"], r["max"], ratio, r["rss"]))


if __name__ == "__main__":
    main()
