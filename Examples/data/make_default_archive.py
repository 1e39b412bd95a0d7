#!/usr/bin/env python3
"""Makes Examples/data/attention.zip, ParaVoxel's bundled default archive.

The seed tutorial reads SPM's "Attention to Visual Motion" archive (attention/structural/*.hdr|img,
attention/functional/*), which cannot be downloaded here. This stand-in keeps its layout and
shapes with real brain data that Debian ships: the ch2 T1 MRI of mricron-data, resampled to the
tutorial's structural shape (157 x 189 x 68, int16, SPM2 Analyze with an origin field) and, for
the functional series, twelve 64 x 64 x 32 volumes (3 mm, TR 3.22 s) of the same brain with a
slow signal change in the occipital lobe. Every file is written by nibabel and zipped by
Python's zipfile with fixed timestamps, so the archive is the same on every run.

Run with Debian's python3 (python3-nibabel, python3-numpy, mricron-data):
    /usr/bin/python3 Examples/data/make_default_archive.py Examples/data/attention.zip
"""
import os
import sys
import tempfile
import zipfile

import nibabel as nib
import numpy as np

CH2 = "/usr/share/mricron/templates/ch2.nii.gz"
DATE = (2017, 12, 10, 0, 0, 0)


def resample(volume, shape):
    """Trilinear resampling of `volume` onto `shape`, corner to corner (separable, in numpy)."""
    out = volume.astype(np.float64)
    for axis, size in enumerate(shape):
        n = out.shape[axis]
        x = np.linspace(0.0, n - 1.0, size)
        lo = np.clip(np.floor(x).astype(int), 0, n - 1)
        hi = np.clip(lo + 1, 0, n - 1)
        w = (x - lo).reshape([-1 if a == axis else 1 for a in range(3)])
        out = np.take(out, lo, axis=axis) * (1 - w) + np.take(out, hi, axis=axis) * w
    return out


def spm_image(data, zooms, origin, tr=None):
    header = nib.Spm2AnalyzeHeader()
    header.set_data_dtype(np.int16)
    if tr is None:
        img = nib.Spm2AnalyzeImage(data, None, header)
        img.header.set_zooms(zooms)
    else:
        img = nib.Spm2AnalyzeImage(data[..., np.newaxis], None, header)
        img.header.set_zooms(tuple(zooms) + (tr,))
    img.header.set_slope_inter(1.0)
    img.header["origin"][:3] = origin
    img.header["descrip"] = b"ParaVoxel stand-in from mricron ch2"
    return img


def members_of(img, name, folder):
    """{member: bytes} of the .hdr/.img (and SPM .mat) nibabel writes for `img`."""
    with tempfile.TemporaryDirectory() as tmp:
        img.to_filename(os.path.join(tmp, name + ".hdr"))
        return {folder + "/" + entry: open(os.path.join(tmp, entry), "rb").read()
                for entry in sorted(os.listdir(tmp)) if not entry.endswith(".mat")}


def main(path):
    ch2 = np.asarray(nib.load(CH2).dataobj).astype(np.float64)  # 181 x 217 x 181, 1 mm
    members = {"attention/README.txt": (
        b"ParaVoxel's stand-in for SPM's 'Attention to Visual Motion' archive, made from the\n"
        b"ch2 template of mricron-data by Examples/data/make_default_archive.py.\n")}

    # Structural: the tutorial's shape; voxel sizes chosen to cover ch2's field of view.
    shape = (157, 189, 68)
    zooms = (181.0 / 157, 217.0 / 189, 181.0 / 68)
    structural = np.round(resample(ch2, shape) * 8.0).astype(np.int16)  # T1-like range 0..2040
    # SPM's origin field: the 1-based voxel of ch2's anterior commissure, at (90, 126, 72) in 1 mm.
    origin = [int(round(90 / zooms[0])) + 1, int(round(126 / zooms[1])) + 1, int(round(72 / zooms[2])) + 1]
    members.update(members_of(spm_image(structural, zooms, origin), "nsM00587_0002", "attention/structural"))

    # Functional: 12 EPI-like volumes, 3 mm, with a slow signal change near the occipital pole.
    fshape = (64, 64, 32)
    base = resample(ch2, fshape) * 4.0
    i, j, k = np.meshgrid(*[np.linspace(0, 1, n) for n in fshape], indexing="ij")
    blob = np.exp(-(((i - 0.5) / 0.18) ** 2 + ((j - 0.12) / 0.12) ** 2 + ((k - 0.45) / 0.2) ** 2))
    fzooms = (181.0 / 64, 217.0 / 64, 181.0 / 32)
    forigin = [int(round(90 / fzooms[0])) + 1, int(round(126 / fzooms[1])) + 1, int(round(72 / fzooms[2])) + 1]
    for t in range(12):
        signal = base * (1.0 + 0.08 * np.sin(2 * np.pi * t / 6.0) * blob)
        volume = np.round(signal).astype(np.int16)
        name = "snffM00587_%04d" % (t + 4)
        members.update(members_of(spm_image(volume, fzooms, forigin, tr=3.22), name, "attention/functional"))

    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    print("wrote %s (%d members, %d bytes)" % (path, len(members), os.path.getsize(path)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "attention.zip"))
