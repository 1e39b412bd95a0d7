#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from the test fixtures (Testing/Data/make_fixtures.py):
    make_corpus.py FIXTURES_DIR CORPUS_DIR
header: every .hdr member and the first 352 bytes of every .nii; spm_mat: every .mat member;
label_table: every .txt and .lut member, and a FreeSurfer colour table and a TSV (LABEL_SEEDS);
zip_member and reader: every fixture archive shrunk to a few kilobytes (below), plus the small
malformed archives as they are; filters: a few hand-made images and settings (filter_seeds).

The fixtures are real volumes of up to 10 MB. A fuzzer that mutates inputs of that size spends
its time inflating and converting voxels, not exploring the parsers (a few hundred executions a
second). So each archive is rewritten with the same member names, formats, datatypes, byte
orders, compression and sidecars, but every volume cut down to at most 4 x 4 x 4 voxels and 2
time steps: its header's dimensions patched, its voxel bytes truncated to match."""
import gzip
import os
import struct
import sys
import zipfile
import zlib

SMALL_ARCHIVE = 64 << 10  # archives at most this size are seeds as they are
MAX_EDGE, MAX_STEPS = 4, 2
NIFTI_HEADER = 348


# The text formats the fixtures' mricron sidecars do not show.
LABEL_SEEDS = {
    "freesurfer.txt": b"#$Id: FreeSurferColorLUT.txt\n#No. Label Name: R G B A\n"
                      b"0   Unknown 0 0 0 0\n17  Left-Hippocampus 220 216  20 0\n"
                      b"1000 ctx-lh-unknown 25 5 25\n",
    "table.tsv": b"index\tname\tcolor\r\n1\tLeft hippocampus\t#ff8000\r\n2\tG\xe9nou\r\n",
}


def put(corpus, target, name, blob):
    with open(os.path.join(corpus, target, name.replace("/", "_")), "wb") as f:
        f.write(blob)


def header_endian(header):
    """'<' or '>' from sizeof_hdr (348), as the reader decides it; None if neither."""
    for endian in "<>":
        if len(header) >= NIFTI_HEADER and struct.unpack(endian + "i", header[:4])[0] == NIFTI_HEADER:
            return endian
    return None


def shrink_header(header):
    """The header with its dimensions cut down, and the number of voxel bytes it now declares."""
    endian = header_endian(header)
    if endian is None:
        return header, 0
    dims = list(struct.unpack(endian + "8h", header[40:56]))
    limits = [None, MAX_EDGE, MAX_EDGE, MAX_EDGE, MAX_STEPS, 1, 1, 1]
    for axis in range(1, 8):
        dims[axis] = max(1, min(dims[axis], limits[axis]))
    bitpix = struct.unpack(endian + "h", header[72:74])[0]
    voxels = 1
    for axis in range(1, max(1, min(dims[0], 7)) + 1):
        voxels *= dims[axis]
    patched = header[:40] + struct.pack(endian + "8h", *dims) + header[56:]
    return patched, max(0, voxels * bitpix // 8)


def gunzip(data):
    """The inflated bytes of a gzip member; a corrupt one (a malformed fixture) as it is."""
    try:
        return gzip.decompress(data)
    except (EOFError, OSError, zlib.error):
        return data


def shrink_member(name, data):
    """A member with its volume cut down; other members (.mat, text) unchanged."""
    compressed = name.endswith(".gz")
    if compressed:
        data = gunzip(data)
    stem = name[:-3] if compressed else name
    if stem.endswith(".nii"):
        header, nbytes = shrink_header(data[:NIFTI_HEADER])
        vox_offset = int(struct.unpack(header_endian(header) + "f", header[108:112])[0]) \
            if header_endian(header) else NIFTI_HEADER
        data = header + data[NIFTI_HEADER:vox_offset] + data[vox_offset:vox_offset + nbytes]
    elif stem.endswith(".hdr"):
        data = shrink_header(data)[0]
    return gzip.compress(data, mtime=0) if compressed else data


def shrink_archive(path):
    """The archive rewritten with every volume cut down, as bytes; None if it does not open."""
    try:
        source = zipfile.ZipFile(path)
        members = [(info, source.read(info)) for info in source.infolist()]
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError):
        return None  # a malformed fixture: a seed as it is if small enough
    headers = {}
    for info, data in members:
        if info.filename.endswith((".hdr", ".hdr.gz")):
            raw = gunzip(data) if info.filename.endswith(".gz") else data
            headers[info.filename.rsplit(".hdr", 1)[0]] = shrink_header(raw)[1]
    out_path = path + ".seed"
    with zipfile.ZipFile(out_path, "w") as out:
        for info, data in members:
            name = info.filename
            stem = name.rsplit(".img", 1)[0]
            if name.endswith((".img", ".img.gz")) and stem in headers:
                raw = gunzip(data) if name.endswith(".gz") else data
                raw = raw[:headers[stem]]
                data = gzip.compress(raw, mtime=0) if name.endswith(".gz") else raw
            else:
                data = shrink_member(name, data)
            out.writestr(info, data, compress_type=info.compress_type)
    with open(out_path, "rb") as f:
        blob = f.read()
    os.remove(out_path)
    return blob


# fuzz_filters' input layout (ReadCase() in FuzzInput.cxx), field by field.
SCALAR_TYPES = ["char", "int8", "uint8", "int16", "uint16", "int32", "uint32", "long", "ulong",
                "int64", "uint64", "float32", "float64"]
NAN, INF, NEG_INF = 226, 227, 228  # value selectors of the floating point extremes
DATA, CUSTOM, PERCENTILES = 0, 24, 31  # normalization mode bytes


def filter_case(dims, scalar_type="uint8", components=1, cells=False, selection=0,
                distractor=False, keep_interior=False, invert_cut=False, toward_view=False,
                exact=True, threads=0, extent_start=(0, 0, 0), geometry=None,
                lower=1, upper=5, threshold_component=0, gap=0, cut=0, cut_parameters=None,
                cut_transform=0, translation=(0, 0, 0), angle=0, view_point=(0, 0, 0),
                floor=6, gamma=13, contrast=16, offset=6, mode=0, custom=(1, 13),
                percentiles=(2, 198), name=0, values=()):
    """One input. Bytes are as ReadCase() reads them: bounds are selector bytes (odd: a
    constant, 1 is 0 and 5 is +inf; even: a voxel's value, two index bytes follow), exact
    geometry and cut parameters are signed bytes in quarters, floor/offset in 1/64, gamma in
    1/32, contrast in 1/8, percentiles in halves; values are one selector byte each (v + 64
    for small integers)."""
    flags = (cells | selection << 1 | distractor << 3 | keep_interior << 4 | invert_cut << 5
             | toward_view << 6 | (not exact) << 7)
    out = bytes([flags, dims[0] - 1, dims[1] - 1, dims[2] - 1, SCALAR_TYPES.index(scalar_type),
                 components - 1, 63 + 64 * (threads - 2) if threads else 0])
    out += bytes(e + 3 for e in extent_start)
    out += geometry if geometry is not None else bytes([0, 0, 0, 0, 0, 0, 0])

    def bound(selector):
        return bytes([selector]) + (b"\0\0" if selector % 2 == 0 else b"")

    def parameters(numbers):
        if exact:
            return bytes(int(round(4 * n)) & 0xFF for n in numbers)
        return b"".join(struct.pack("<h", int(round(256 * n))) for n in numbers)

    out += bound(lower) + bound(upper) + bytes([threshold_component + 1, gap, cut])
    out += parameters(cut_parameters or (0,) * 6) + bytes([cut_transform])
    out += parameters(translation) + bytes([angle]) + parameters(view_point)
    out += bytes([floor & 0xFF, gamma, contrast & 0xFF, offset & 0xFF, mode])
    out += bound(custom[0]) + bound(custom[1]) + bytes(percentiles) + bytes([name])
    return out + bytes(values)


def ball(dims, inside=100 + 64, outside=64):
    """Value selectors of a ball in the middle of the image."""
    centre = [(d - 1) / 2 for d in dims]
    radius = max(1.0, min(dims) / 2.5)
    return [inside if sum((x - c) ** 2 for x, c in zip((i, j, k), centre)) <= radius ** 2
            else outside
            for k in range(dims[2]) for j in range(dims[1]) for i in range(dims[0])]


def filter_seeds(corpus):
    """Images and settings that reach every branch the filters document, for fuzz_filters."""
    general = (struct.pack("<HHH", 40001, 30000, 35555) + struct.pack("<hhh", 300, -1000, 77)
               + bytes([90, 20, 236, 5, 2]))  # spacing, origin, quaternion, flip of y
    seeds = {
        # The tutorial: a ball of uint8 point data, solid blocks, the default curve.
        "ball_uint8": filter_case((8, 8, 8), values=ball((8, 8, 8))),
        # Cell data of float32 with NaN and infinities, exploded, interior faces, a plane cut.
        "cells_float_plane": filter_case(
            (7, 6, 5), "float32", cells=True, keep_interior=True, gap=2, cut=1,
            cut_parameters=(2.5, 2.5, 2, 1, 0.5, 0),
            values=[NAN if n % 17 == 0 else INF if n % 23 == 0 else 64 + n % 9
                    for n in range(6 * 5 * 4)], mode=PERCENTILES, percentiles=(10, 190)),
        # Three int16 components (the norm), rotated and reflected, inverted sphere cut, faces
        # toward a view point, selected by name beside another array.
        "vectors_rotated_sphere": filter_case(
            (6, 6, 6), "int16", components=3, selection=1, distractor=True, invert_cut=True,
            toward_view=True, exact=False, geometry=general, threshold_component=-1, cut=2,
            cut_parameters=(0.5, -4, 1, 3, 0, 0), view_point=(40, -30, 25),
            values=[64 + (n * 7) % 20 for n in range(6 * 6 * 6 * 3)]),
        # A flat image of doubles, percentiles, a box cut with a transform.
        "flat_double_box": filter_case(
            (12, 12, 1), "float64", selection=2, extent_start=(-2, 1, 3), cut=3,
            cut_parameters=(2, 2, -1, 4, 5, 2), cut_transform=1, translation=(0.5, 0, 0),
            geometry=bytes([9, 2, 5, 8, 248, 4, 17]), mode=PERCENTILES, percentiles=(0, 200),
            values=[64 + (i * j) % 50 for j in range(12) for i in range(12)]),
        # int64 extremes (no histogram), a custom range from the data, a threshold component.
        "int64_extremes": filter_case(
            (5, 4, 3), "int64", components=2, threshold_component=1, lower=0, mode=CUSTOM,
            custom=(0, 5), values=[[64, 224, 225, 230, 164][n % 5] for n in range(5 * 4 * 3 * 2)]),
        # Threaded, the largest image: two tasks of rows.
        "threaded_12": filter_case((12, 12, 12), threads=3, gap=1, selection=3,
                                   values=ball((12, 12, 12))),
        # A single voxel of each kind.
        "single_point": filter_case((1, 1, 1), "uint16", values=[70]),
        "single_cell": filter_case((2, 2, 2), "float32", cells=True, values=[0, 0, 0, 4]),
    }
    os.makedirs(os.path.join(corpus, "filters"), exist_ok=True)
    for name, blob in seeds.items():
        put(corpus, "filters", name, blob)


def main():
    fixtures, corpus = sys.argv[1], sys.argv[2]
    for target in ("header", "spm_mat", "label_table", "zip_member", "reader"):
        os.makedirs(os.path.join(corpus, target), exist_ok=True)
    for archive in sorted(os.listdir(fixtures)):
        path = os.path.join(fixtures, archive)
        if not archive.endswith(".zip"):
            continue
        if os.path.getsize(path) <= SMALL_ARCHIVE:
            blob = open(path, "rb").read()
            put(corpus, "zip_member", archive, blob)
            put(corpus, "reader", archive, blob)
        shrunk = shrink_archive(path)
        if shrunk is not None and len(shrunk) <= SMALL_ARCHIVE:
            put(corpus, "zip_member", "small_" + archive, shrunk)
            put(corpus, "reader", "small_" + archive, shrunk)
        try:
            zf = zipfile.ZipFile(path)
            names = zf.namelist()
        except (zipfile.BadZipFile, OSError):
            continue
        for name in names:
            try:
                data = zf.read(name) if not name.endswith((".img", ".img.gz")) else b""
            except Exception:  # malformed fixtures: corrupt members are fine to skip here
                continue
            if name.endswith(".gz"):
                try:
                    data = gzip.decompress(data)[:352]
                except Exception:
                    continue
            if name.endswith((".hdr", ".hdr.gz", ".nii", ".nii.gz")):
                put(corpus, "header", archive + "_" + name, data[:352])
            elif name.endswith(".mat"):
                put(corpus, "spm_mat", archive + "_" + name, data)
            elif name.endswith((".txt", ".lut")):
                put(corpus, "label_table", archive + "_" + name, data)
    for name, blob in LABEL_SEEDS.items():
        put(corpus, "label_table", name, blob)
    filter_seeds(corpus)
    print("seed corpora in", corpus)


if __name__ == "__main__":
    main()
