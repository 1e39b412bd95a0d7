#!/usr/bin/env python3
"""Writes ParaVoxel's test archives into the folder given as argument.

Real images only: the mricron-data templates (ch2, aal) and the test images python3-nibabel
ships, written as Analyze 7.5 / SPM2 / NIfTI-1 files by nibabel (an independent writer) and
zipped with Python's zipfile, both stored and deflated. Plus malformed archives, each listed in
manifest.json with the words its error must contain.

Run with Debian's python3 (python3-nibabel, python3-numpy, mricron-data).
"""
import gzip
import io
import json
import os
import shutil
import struct
import sys
import zipfile

import nibabel as nib
import numpy as np

MRICRON = "/usr/share/mricron/templates"
NIBABEL_DATA = os.path.join(os.path.dirname(nib.__file__), "tests", "data")
DATE = (2017, 12, 10, 0, 0, 0)  # fixed timestamps: identical bytes on every run


def ch2_small():
    """ch2 (a real T1 MRI, 181x217x181 uint8) at half resolution: 91x109x91."""
    img = nib.load(os.path.join(MRICRON, "ch2.nii.gz"))
    data = np.asarray(img.dataobj)[::2, ::2, ::2]
    affine = img.affine.copy()
    affine[:3, :3] *= 2
    return np.ascontiguousarray(data), affine


def serialize(img, name):
    """The member files nibabel writes for `img` under `name`, as {member: bytes}."""
    tmp = os.path.join(OUT, "_tmp")
    os.makedirs(tmp, exist_ok=True)
    path = os.path.join(tmp, os.path.basename(name))
    img.to_filename(path)
    members = {}
    folder = os.path.dirname(name)
    for entry in sorted(os.listdir(tmp)):
        if entry.endswith(".mat"):
            continue  # SPM's sidecar; read by a later feature, kept out of the value fixtures
        with open(os.path.join(tmp, entry), "rb") as f:
            members[os.path.join(folder, entry) if folder else entry] = f.read()
    shutil.rmtree(tmp)
    return members


def write_zip(archive, members, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(os.path.join(OUT, archive), "w") as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)


def typed(data, dtype):
    """The ch2 values in `dtype`, spread over the type's range where it helps find mistakes
    (sign handling, high bytes)."""
    d = data.astype(np.float64)
    kind = np.dtype(dtype)
    if kind.kind == "f":
        return (d * 3.25 - 100.0).astype(dtype)
    if kind.kind == "i":
        scale = {1: 1, 2: 200, 4: 8_000_000, 8: 30_000_000_000}[kind.itemsize]
        return ((d - 128.0) * scale / (1 if kind.itemsize == 1 else 1)).astype(dtype)
    scale = {1: 1, 2: 250, 4: 16_000_000, 8: 60_000_000_000}[kind.itemsize]
    return (d * scale).astype(dtype)


def analyze_header(img_class, dtype, endian):
    header = img_class.header_class(endianness=endian)
    header.set_data_dtype(dtype)
    return header


def valid_fixtures(manifest):
    data, affine = ch2_small()

    # Analyze 7.5 (SPM2 flavour) in every Analyze datatype and both byte orders, deflated.
    members = {}
    for dtype in ["u1", "i2", "i4", "f4", "f8"]:
        for endian in ["<", ">"]:
            header = analyze_header(nib.Spm2AnalyzeImage, dtype, endian)
            img = nib.Spm2AnalyzeImage(typed(data, dtype), affine, header)
            # Unscaled: nibabel would otherwise pick a scale factor for the integer types.
            img.header.set_slope_inter(1.0)
            img._affine = affine
            members.update(serialize(img, "analyze/ch2_%s_%s.hdr" % (dtype, "le" if endian == "<" else "be")))
    # uint16 (512) is in the Analyze datatype list the reader accepts, but nibabel writes it only
    # in NIfTI; a NIfTI-1 pair with its magic cleared is the Analyze file. The test reads the
    # reference values through the same bytes with the magic restored.
    header = nib.Nifti1Header(endianness=">")
    header.set_data_dtype("u2")
    pair = serialize(nib.Nifti1Pair(typed(data, "u2"), affine, header), "analyze/ch2_u2_be.hdr")
    blob = bytearray(pair["analyze/ch2_u2_be.hdr"])
    blob[344:348] = bytes(4)
    blob[252:256] = bytes(4)  # qform/sform codes overlap SPM's origin field; leave it empty
    pair["analyze/ch2_u2_be.hdr"] = bytes(blob)
    members.update(pair)
    write_zip("analyze_types.zip", members)
    manifest["valid"].append({"archive": "analyze_types.zip",
                              "volumes": [m for m in members if m.endswith(".hdr")],
                              "values_as_nifti_pair": ["analyze/ch2_u2_be.hdr"]})

    # The same in a stored (uncompressed) archive, one datatype per byte order.
    stored = {k: v for k, v in members.items() if "ch2_i2_" in k}
    write_zip("analyze_stored.zip", stored, zipfile.ZIP_STORED)
    manifest["valid"].append({"archive": "analyze_stored.zip", "volumes": [m for m in stored if m.endswith(".hdr")]})

    # SPM scale factor (funused1) and SPM2 intercept: float32 output.
    members = {}
    header = analyze_header(nib.Spm2AnalyzeImage, "i2", "<")
    img = nib.Spm2AnalyzeImage(typed(data, "i2"), affine, header)
    img.header.set_slope_inter(0.25)
    members.update(serialize(img, "spm/scaled_slope.hdr"))
    # An SPM origin field away from the centre.
    header = analyze_header(nib.Spm2AnalyzeImage, "u1", ">")
    img = nib.Spm2AnalyzeImage(data, None, header)
    img.header.set_slope_inter(1.0)
    img.header["origin"][:3] = [40, 60, 30]
    img.header.set_zooms((2.0, 2.0, 2.0))
    members.update(serialize(img, "spm/origin_field.hdr"))
    write_zip("spm_scaled.zip", members)
    manifest["valid"].append({"archive": "spm_scaled.zip", "volumes": [m for m in members if m.endswith(".hdr")]})

    # NIfTI-1: every datatype in single files, pairs, gzip members, scl_slope/scl_inter, RGB24.
    members = {}
    for dtype in ["u1", "i1", "i2", "u2", "i4", "u4", "i8", "u8", "f4", "f8"]:
        endian = ">" if dtype in ("i2", "u4", "f8") else "<"
        header = nib.Nifti1Header(endianness=endian)
        header.set_data_dtype(dtype)
        img = nib.Nifti1Image(typed(data, dtype), affine, header)
        img.header.set_slope_inter(1.0, 0.0)
        members.update(serialize(img, "nifti/ch2_%s.nii" % dtype))
    header = nib.Nifti1Header()
    header.set_data_dtype("i2")
    img = nib.Nifti1Image(typed(data, "i2"), affine, header)
    img.header.set_slope_inter(0.5, -12.0)
    members.update(serialize(img, "nifti/scaled.nii"))
    img = nib.Nifti1Pair(typed(data, "f4"), affine)
    members.update(serialize(img, "nifti/pair_f4.hdr"))
    rgb = np.zeros(data.shape, dtype=[("R", "u1"), ("G", "u1"), ("B", "u1")])
    rgb["R"], rgb["G"], rgb["B"] = data, 255 - data, data // 2
    members.update(serialize(nib.Nifti1Image(rgb, affine), "nifti/rgb.nii"))
    # A rotated qform (no sform): the affine comes from the quaternion.
    img = nib.Nifti1Image(data, None)
    rotation = np.array([[0.0, -1, 0], [1, 0, 0], [0, 0, 1]])
    qaffine = np.eye(4)
    qaffine[:3, :3] = rotation * [2, 2, 2.5]
    qaffine[:3, 3] = [10, -20, 30]
    img.set_qform(qaffine, code=1)
    img.set_sform(None, code=0)
    members.update(serialize(img, "nifti/qform_rotated.nii"))
    gz = serialize(nib.Nifti1Image(typed(data, "i2"), affine), "nifti/compressed.nii.gz")
    members.update(gz)
    write_zip("nifti_types.zip", members)
    manifest["valid"].append({"archive": "nifti_types.zip",
                              "volumes": [m for m in members if m.endswith((".nii", ".hdr", ".nii.gz"))]})

    # nibabel's own test images, byte for byte, and two mricron atlases.
    members = {}
    for name in ["anatomical.nii", "example4d.nii.gz", "standard.nii.gz", "functional.nii"]:
        with open(os.path.join(NIBABEL_DATA, name), "rb") as f:
            members["nibabel/" + name] = f.read()
    for name in ["aal.nii.gz", "ch2bet.nii.gz"]:
        with open(os.path.join(MRICRON, name), "rb") as f:
            members["mricron/" + name] = f.read()
    write_zip("real_images.zip", members, zipfile.ZIP_STORED)
    manifest["valid"].append({"archive": "real_images.zip", "volumes": list(members)})

    # A label atlas with its mricron sidecars (region names, colour table) beside it: the
    # fuzzers' seeds reach the sidecar parsing through it (reader.labels zips its own).
    members = {}
    for name in ["aal.nii.gz", "aal.nii.txt", "aal.nii.lut"]:
        with open(os.path.join(MRICRON, name), "rb") as f:
            members["atlas/" + name] = f.read()
    write_zip("labels.zip", members)
    manifest["valid"].append({"archive": "labels.zip", "volumes": ["atlas/aal.nii.gz"]})
    # For the GUI test of atlas colouring: the anatomy on the atlas's grid, in its own archive,
    # whose `Intensity` must keep its own colour map beside the atlas's.
    with open(os.path.join(MRICRON, "ch2.nii.gz"), "rb") as f:
        write_zip("gui_anatomy.zip", {"anatomy/ch2.nii.gz": f.read()})
    manifest["valid"].append({"archive": "gui_anatomy.zip", "volumes": ["anatomy/ch2.nii.gz"]})

    # An archive in the tutorial's layout with members that are not images, to be skipped.
    members = {"attention/README.txt": b"Attention to Visual Motion (stand-in)\n",
               "attention/structural/junk.hdr": b"this is not a header" * 30}
    header = analyze_header(nib.Spm2AnalyzeImage, "i2", "<")
    img = nib.Spm2AnalyzeImage(typed(data, "i2"), affine, header)
    img.header.set_slope_inter(1.0)
    members.update(serialize(img, "attention/structural/nsM00587_0002.hdr"))
    members["attention/structural/nsM00587_0002.mat"] = b"MATLAB 5.0 MAT-file placeholder"
    write_zip("mixed_members.zip", members)
    manifest["valid"].append({"archive": "mixed_members.zip",
                              "volumes": ["attention/structural/nsM00587_0002.hdr"]})

    # Plain files on disk, read without any archive.
    plain = os.path.join(OUT, "plain")
    os.makedirs(plain, exist_ok=True)
    for name, blob in serialize(img, "ch2_i2.hdr").items():
        with open(os.path.join(plain, name), "wb") as f:
            f.write(blob)
    with open(os.path.join(plain, "ch2_u1.nii.gz"), "wb") as f:
        f.write(gzip.compress(serialize(nib.Nifti1Image(data, affine), "x.nii")["x.nii"], mtime=0))
    manifest["plain"] = ["plain/ch2_i2.hdr", "plain/ch2_i2.img", "plain/ch2_u1.nii.gz"]


def series_fixtures(manifest):
    """A functional series: twelve 3D volumes named f_4 ... f_15 (natural order differs from
    the lexical one) stored in shuffled archive order, TR 3.22 s, each volume's values offset by
    its index; plus look-alikes that must stay out of the series (other folder, other shape)."""
    data, affine = ch2_small()
    base = data.astype(np.int16) * 4
    members = {}
    names = []
    for t in range(12):
        header = nib.Spm2AnalyzeHeader()
        header.set_data_dtype(np.int16)
        img = nib.Spm2AnalyzeImage((base + 100 * t)[..., np.newaxis], None, header)
        img.header.set_zooms((2.0, 2.0, 2.0, 3.22))
        img.header.set_slope_inter(1.0)
        name = "func/f_%d.hdr" % (t + 4)
        names.append(name)
        members.update(serialize(img, name))
    other = nib.Spm2AnalyzeImage(base[:50], None)
    other.header.set_slope_inter(1.0)
    members.update(serialize(other, "func/other_shape.hdr"))
    elsewhere = nib.Spm2AnalyzeImage(base, None)
    elsewhere.header.set_slope_inter(1.0)
    members.update(serialize(elsewhere, "anat/f_1.hdr"))
    order = sorted(members, key=lambda m: (hash_name(m), m))
    write_zip("series.zip", {m: members[m] for m in order})
    manifest["series"] = {"archive": "series.zip", "volume": "func/f_7.hdr", "steps": names,
                          "tr": 3.22, "offset_per_step": 100}


def hash_name(name):
    """A fixed pseudo-random order (Python's hash() is salted per process)."""
    return sum((i + 1) * ord(c) for i, c in enumerate(name)) % 97


def spm_mat_fixtures(manifest):
    """Analyze pairs with SPM .mat sidecars: nibabel's (MATLAB 4, `M` and `mat`), MATLAB 5 files
    written by scipy (`M` only; `mat` zlib-compressed) and a corrupt one."""
    import scipy.io
    data, _ = ch2_small()
    rotation = np.array([[0.0, -1, 0], [1, 0, 0], [0, 0, 1]])
    affine = np.eye(4)
    affine[:3, :3] = rotation * 2.0
    affine[:3, 3] = [30, -40, -50]
    members = {}
    img = nib.Spm2AnalyzeImage(data, affine)
    img.header.set_slope_inter(1.0)
    tmp = os.path.join(OUT, "_tmp_mat")
    os.makedirs(tmp, exist_ok=True)
    img.to_filename(os.path.join(tmp, "v4.hdr"))
    for ext in ("hdr", "img", "mat"):
        members["mat/nibabel_v4." + ext] = open(os.path.join(tmp, "v4." + ext), "rb").read()
    shutil.rmtree(tmp)
    plain = serialize(img, "x.hdr")
    one_based = affine @ np.array([[1, 0, 0, -1], [0, 1, 0, -1], [0, 0, 1, -1], [0, 0, 0, 1.0]])
    for name, content, options in [("scipy_v5_M", {"M": np.diag([-1, 1, 1, 1]) @ one_based}, {}),
                                   ("scipy_v5z_mat", {"mat": one_based}, {"do_compression": True})]:
        blob = io.BytesIO()
        scipy.io.savemat(blob, content, format="5", **options)
        members["mat/%s.hdr" % name] = plain["x.hdr"]
        members["mat/%s.img" % name] = plain["x.img"]
        members["mat/%s.mat" % name] = blob.getvalue()
    members["mat/corrupt.hdr"] = plain["x.hdr"]
    members["mat/corrupt.img"] = plain["x.img"]
    members["mat/corrupt.mat"] = b"MATLAB 5.0 MAT-file, but nothing else" + bytes(100)
    write_zip("spm_mat.zip", members)
    manifest["spm_mat"] = {"archive": "spm_mat.zip",
                           "volumes": ["mat/nibabel_v4.hdr", "mat/scipy_v5_M.hdr",
                                       "mat/scipy_v5z_mat.hdr"],
                           "corrupt": "mat/corrupt.hdr", "affine": affine.tolist()}


def rotation(degrees):
    """A 4x4 rotation by `degrees` about an axis leaning out of every coordinate plane."""
    axis = np.array([1.0, 2.0, 3.0]) / np.sqrt(14.0)
    t = np.radians(degrees)
    cross = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    result = np.eye(4)
    result[:3, :3] = np.eye(3) + np.sin(t) * cross + (1 - np.cos(t)) * cross @ cross
    return result


def world_fixtures(manifest):
    """world.zip: ch2 (half resolution) in every orientation the reader places in world space,
    written by nibabel: RAS as stored, a LAS copy (data and affine flipped), axes permuted and
    flipped (int16, big-endian, scaled), oblique copies rotated 10 and 20 degrees, Analyze 7.5
    (nibabel's default affine), SPM99 with a .mat sidecar (oblique), NIfTI with only a qform,
    only an sform, and both disagreeing (the sform wins). Each listed with the nibabel class
    that reads it as the reference."""
    data, affine = ch2_small()
    ras = nib.Nifti1Image(data, affine)
    members = {}
    volumes = []

    def add(img, name, reader):
        members.update(serialize(img, name))
        volumes.append({"volume": name, "class": reader})

    add(ras, "world/ras.nii", "Nifti1Image")
    add(ras.as_reoriented([[0, -1], [1, 1], [2, 1]]), "world/las.nii.gz", "Nifti1Image")
    permuted = ras.as_reoriented(np.array([[2, 1], [0, -1], [1, -1]]))
    permuted = nib.Nifti1Image(np.asarray(permuted.dataobj).astype(">i2") * 3 - 100, permuted.affine)
    permuted.header.set_slope_inter(0.5, 7.0)
    add(permuted, "world/permuted.nii", "Nifti1Image")
    add(nib.Nifti1Image(data, rotation(10) @ affine), "world/oblique10.nii", "Nifti1Image")
    add(nib.Nifti1Image(data, rotation(20) @ np.diag([-1, 1, -1, 1]) @ affine),
        "world/oblique20.nii.gz", "Nifti1Image")
    analyze = nib.AnalyzeImage(data, affine)
    analyze.header.set_zooms((2.0, 2.0, 2.5))
    add(analyze, "world/analyze.hdr", "AnalyzeImage")
    qform_only = nib.Nifti1Image(data, None)
    qform_only.set_qform(rotation(15) @ np.diag([1, -1, 1, 1]) @ affine, code=1)
    qform_only.set_sform(None, code=0)
    add(qform_only, "world/qform_only.nii", "Nifti1Image")
    sform_only = nib.Nifti1Image(data, None)
    sform_only.set_sform(np.diag([-1, 1, 1, 1]) @ affine, code=2)
    sform_only.set_qform(None, code=0)
    add(sform_only, "world/sform_only.nii", "Nifti1Image")
    both = nib.Nifti1Image(data, None)
    both.set_qform(affine, code=1)
    both.set_sform(rotation(-20) @ affine[:, [1, 0, 2, 3]], code=4)
    add(both, "world/both_disagree.nii", "Nifti1Image")
    # SPM99 with an oblique, axis-swapping .mat sidecar (serialize() leaves sidecars out).
    tmp = os.path.join(OUT, "_tmp_world")
    os.makedirs(tmp, exist_ok=True)
    spm = nib.Spm99AnalyzeImage(data, rotation(10) @ affine[:, [0, 2, 1, 3]])
    spm.to_filename(os.path.join(tmp, "spm99.hdr"))
    for ext in ("hdr", "img", "mat"):
        with open(os.path.join(tmp, "spm99." + ext), "rb") as f:
            members["world/spm99." + ext] = f.read()
    shutil.rmtree(tmp)
    volumes.append({"volume": "world/spm99.hdr", "class": "Spm99AnalyzeImage"})
    # NIfTI-2 (540-byte header, 64-bit dims, double affines) as nibabel writes it: a single file
    # (float64, big-endian, oblique LAS with digits float32 would lose), gzipped, and a pair
    # (int16, scaled, axes permuted).
    fine = rotation(20) @ np.diag([-1, 1, 1, 1]) @ affine
    fine[:3, 3] += [0.123456789012, -1e-7, 3.3333333333333]
    n2 = nib.Nifti2Image(data.astype(">f8") / 7.0, fine)
    add(n2, "world/nifti2.nii", "Nifti2Image")
    add(n2, "world/nifti2.nii.gz", "Nifti2Image")
    pair = nib.Nifti2Pair(np.asarray(permuted.dataobj).astype("<i2"), permuted.affine)
    pair.header.set_slope_inter(0.25, -3.0)
    add(pair, "world/nifti2_pair.hdr", "Nifti2Pair")
    write_zip("world.zip", members)
    with open(os.path.join(OUT, "nifti2_plain.nii.gz"), "wb") as f:
        f.write(gzip.compress(n2.to_bytes(), mtime=0))
    # For the GUI test: ch2 stored LAS with the left hemisphere's outer part (x < -30 mm) at 255,
    # so that a view mirrored left to right cannot pass for the right one.
    las = ras.as_reoriented([[0, -1], [1, 1], [2, 1]])
    marked = np.asarray(las.dataobj).copy()
    x = las.affine[0, 0] * np.arange(marked.shape[0]) + las.affine[0, 3]
    marked[x < -30] = 255
    # (Zipped: ParaView offers its own NIfTI reader for a plain .nii.gz, and would ask which.)
    write_zip("gui_las.zip", {"las/ch2_left_marked.nii.gz":
                              gzip.compress(nib.Nifti1Image(marked, las.affine).to_bytes(), mtime=0)})
    manifest["world"] = {"archive": "world.zip", "volumes": volumes,
                         "nifti2_plain": "nifti2_plain.nii.gz", "gui_las": "gui_las.zip"}


def small_pair(shape=(4, 5, 6), dtype="u1"):
    img = nib.Spm2AnalyzeImage(np.arange(np.prod(shape), dtype=dtype).reshape(shape), np.eye(4))
    img.header.set_slope_inter(1.0)
    files = serialize(img, "v.hdr")
    return bytearray(files["v.hdr"]), files["v.img"]


def malformed_fixtures(manifest):
    bad = manifest["malformed"]

    def add(archive, error, volume=None, members=None, raw=None):
        if raw is not None:
            with open(os.path.join(OUT, archive), "wb") as f:
                f.write(raw)
        else:
            write_zip(archive, members)
        entry = {"archive": archive, "error": error}
        if volume:
            entry["volume"] = volume
        bad.append(entry)

    hdr, img = small_pair()
    add("bad_not_a_zip.zip", "not a readable zip archive", raw=b"Hello, I am a text file.\n" * 20)
    add("bad_empty.zip", "empty", raw=b"")
    good = io.BytesIO()
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("v.hdr", DATE), bytes(hdr))
        zf.writestr(zipfile.ZipInfo("v.img", DATE), img * 200)
    add("bad_truncated.zip", "not a readable zip archive", raw=good.getvalue()[: len(good.getvalue()) // 2])

    # A corrupt deflate stream: flip bytes in the middle of the .img member's compressed data.
    big = nib.Spm2AnalyzeImage(typed(ch2_small()[0], "i2"), np.eye(4))
    big.header.set_slope_inter(1.0)
    files = serialize(big, "v.hdr")
    blob = io.BytesIO()
    with zipfile.ZipFile(blob, "w") as zf:
        for name in ("v.hdr", "v.img"):
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name])
        offset = zf.getinfo("v.img").header_offset
    raw = bytearray(blob.getvalue())
    middle = offset + 30 + len("v.img") + 20000
    for i in range(middle, middle + 64):
        raw[i] ^= 0x5A
    add("bad_corrupt_deflate.zip", "v.img", raw=bytes(raw))

    add("bad_hdr_without_img.zip", "has no matching image", volume="v.hdr", members={"v.hdr": bytes(hdr)})
    add("bad_img_without_hdr.zip", "has no matching header", volume="v.img", members={"v.img": img})
    add("bad_no_volume.zip", "holds no readable Analyze/NIfTI volume",
        members={"README.txt": b"nothing here", "v.hdr": bytes(hdr)})
    add("bad_short_image.zip", "truncated", members={"v.hdr": bytes(hdr), "v.img": img[:50]})
    add("bad_short_header.zip", "shorter than the 348 bytes", volume="v.hdr",
        members={"v.hdr": bytes(hdr[:200]), "v.img": img})

    def patched(offset, fmt, value):
        h = bytearray(hdr)
        struct.pack_into(fmt, h, offset, value)
        return bytes(h)

    add("bad_unknown_datatype.zip", "datatype 32 (complex64) is not supported", volume="v.hdr",
        members={"v.hdr": patched(70, "<h", 32), "v.img": img})
    add("bad_datatype_9999.zip", "datatype 9999", volume="v.hdr",
        members={"v.hdr": patched(70, "<h", 9999), "v.img": img})
    h = bytearray(hdr)
    struct.pack_into("<hhh", h, 42, 32767, 32767, 32767)
    add("bad_absurd_dims.zip", "MaximumVoxels", members={"v.hdr": bytes(h), "v.img": img})
    add("bad_negative_dim.zip", "dim[2] is -5", volume="v.hdr",
        members={"v.hdr": patched(44, "<h", -5), "v.img": img})
    add("bad_sizeof_hdr.zip", "sizeof_hdr", volume="v.hdr",
        members={"v.hdr": patched(0, "<i", 1234), "v.img": img})
    n2 = bytearray(nib.Nifti2Image(np.zeros((4, 5, 6), "u1"), np.eye(4)).to_bytes())
    n2[4:12] = b"n+2\0\n\r\032\n"  # a text-mode transfer's damage
    add("bad_nifti2_magic.zip", "sizeof_hdr is 540", volume="v.nii", members={"v.nii": bytes(n2)})
    add("bad_nifti2_short.zip", "shorter than the 540 bytes", volume="v.hdr",
        members={"v.hdr": bytes(n2[:400]), "v.img": bytes(120)})
    # A zip bomb: the header declares 120 bytes, the member inflates to 256 MiB of zeros.
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("v.hdr", DATE), bytes(hdr))
        info = zipfile.ZipInfo("v.img", DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(256):
                member.write(chunk)
    add("bad_zip_bomb.zip", "far more than", raw=bomb.getvalue())
    # A .nii.gz whose gzip stream stops half way.
    nii = serialize(nib.Nifti1Image(ch2_small()[0], np.eye(4)), "x.nii")["x.nii"]
    add("bad_truncated_gzip.zip", "gzip", members={"x.nii.gz": gzip.compress(nii, mtime=0)[:20000]})

    # Suspicious but readable: NaN and zero voxel sizes become 1 with a warning.
    h = bytearray(hdr)
    struct.pack_into("<ff", h, 80, float("nan"), 0.0)
    write_zip("warn_bad_spacing.zip", {"v.hdr": bytes(h), "v.img": img})
    manifest["warnings"].append({"archive": "warn_bad_spacing.zip", "warning": "pixdim[1]",
                                 "spacing": [1.0, 1.0, 1.0]})


def member_data_offset(raw, info):
    """Where a member's stored (possibly compressed) bytes start in the archive `raw`."""
    fields = struct.unpack_from("<IHHHHHIIIHH", raw, info.header_offset)
    return info.header_offset + 30 + fields[9] + fields[10]


def corrupt_fixtures(manifest):
    """Archives whose bytes were damaged after they were written, in ways that keep every
    stream decodable to the right size, so only a checksum can tell: each must end in an error
    that names the checksum, never in voxels."""
    corrupt = manifest["corrupt"]
    rng = np.random.default_rng(13)
    # Random voxels do not compress: deflate keeps them in stored blocks, so damage inside one
    # still inflates to the right number of bytes (the case Python's zipfile calls "Bad CRC-32").
    noise = rng.integers(-2**31, 2**31 - 1, size=(70, 60, 50), dtype=np.int32)
    pair = serialize(nib.Nifti1Pair(noise, np.eye(4)), "v.hdr")

    def damaged(members, victim, compression, at, flip=None):
        blob = io.BytesIO()
        with zipfile.ZipFile(blob, "w") as zf:
            for name, data in members.items():
                info = zipfile.ZipInfo(name, DATE)
                info.compress_type = compression
                zf.writestr(info, data)
        raw = bytearray(blob.getvalue())
        with zipfile.ZipFile(io.BytesIO(bytes(raw))) as zf:
            info = zf.getinfo(victim)
        start = member_data_offset(raw, info) + at
        if flip is None:
            raw[start:start + 64] = bytes(64)
        else:
            raw[start] ^= flip
        if compression == zipfile.ZIP_DEFLATED:
            import zlib
            stream = bytes(raw[member_data_offset(raw, info):member_data_offset(raw, info) + info.compress_size])
            assert len(zlib.decompressobj(-15).decompress(stream)) == info.file_size
        return bytes(raw)

    def add(archive, raw, error):
        with open(os.path.join(OUT, archive), "wb") as f:
            f.write(raw)
        corrupt.append({"archive": archive, "error": error})

    add("bad_crc_deflated.zip", damaged(pair, "v.img", zipfile.ZIP_DEFLATED, 20000), "CRC-32 mismatch")
    add("bad_crc_stored.zip", damaged(pair, "v.img", zipfile.ZIP_STORED, 123456, flip=0x10),
        "CRC-32 mismatch")
    add("bad_crc_header.zip", damaged(pair, "v.hdr", zipfile.ZIP_STORED, 4, flip=0x01), "CRC-32 mismatch")
    nii = serialize(nib.Nifti1Image(noise, np.eye(4)), "x.nii")["x.nii"]
    gz = bytearray(gzip.compress(nii, mtime=0))
    data = bytearray(gz)
    data[30000:30064] = bytes(64)
    add("bad_gzip_data.zip", damaged({"x.nii.gz": bytes(data)}, "x.nii.gz", zipfile.ZIP_STORED, 0, flip=0),
        "gzip CRC-32 mismatch")
    trailer = bytearray(gz)
    trailer[-8] ^= 0x01
    add("bad_gzip_crc.zip", damaged({"x.nii.gz": bytes(trailer)}, "x.nii.gz", zipfile.ZIP_STORED, 0, flip=0),
        "gzip CRC-32 mismatch")
    size = bytearray(gz)
    size[-4] ^= 0x01
    add("bad_gzip_isize.zip", damaged({"x.nii.gz": bytes(size)}, "x.nii.gz", zipfile.ZIP_STORED, 0, flip=0),
        "ISIZE")
    # A series whose second step is damaged: steps 0 and 2 read, step 1 is an error.
    steps = {}
    for t in range(3):
        steps.update(serialize(nib.Nifti1Pair(noise[:, :, :10] + t, np.eye(4)), "s/vol_%d.hdr" % t))
    raw = damaged(steps, "s/vol_1.img", zipfile.ZIP_STORED, 5000, flip=0x80)
    with open(os.path.join(OUT, "damaged_step_series.zip"), "wb") as f:
        f.write(raw)
    with open(os.path.join(OUT, "bad_gzip_data.nii.gz"), "wb") as f:
        f.write(bytes(data))
    corrupt.append({"archive": "bad_gzip_data.nii.gz", "error": "gzip CRC-32 mismatch"})


def main():
    global OUT
    OUT = os.path.abspath(sys.argv[1])
    os.makedirs(OUT, exist_ok=True)
    manifest = {"valid": [], "malformed": [], "warnings": [], "corrupt": []}
    valid_fixtures(manifest)
    series_fixtures(manifest)
    spm_mat_fixtures(manifest)
    world_fixtures(manifest)
    malformed_fixtures(manifest)
    corrupt_fixtures(manifest)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print("wrote %d valid, %d malformed archives to %s"
          % (len(manifest["valid"]), len(manifest["malformed"]), OUT))


if __name__ == "__main__":
    main()
