#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from the test fixtures (Testing/Data/make_fixtures.py):
    make_corpus.py FIXTURES_DIR CORPUS_DIR
header: every .hdr member and the first 352 bytes of every .nii; spm_mat: every .mat member;
zip_member and reader: every fixture archive shrunk to a few kilobytes (below), plus the small
malformed archives as they are.

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


def main():
    fixtures, corpus = sys.argv[1], sys.argv[2]
    for target in ("header", "spm_mat", "zip_member", "reader"):
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
    print("seed corpora in", corpus)


if __name__ == "__main__":
    main()
