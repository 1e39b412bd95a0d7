#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from the test fixtures (Testing/Data/make_fixtures.py):
    make_corpus.py FIXTURES_DIR CORPUS_DIR
header: every .hdr member and the first 352 bytes of every .nii; spm_mat: every .mat member;
zip_member and reader: the small archives themselves (under 1 MiB, to keep runs fast)."""
import gzip
import os
import sys
import zipfile

fixtures, corpus = sys.argv[1], sys.argv[2]
for target in ("header", "spm_mat", "zip_member", "reader"):
    os.makedirs(os.path.join(corpus, target), exist_ok=True)


def put(target, name, blob):
    with open(os.path.join(corpus, target, name.replace("/", "_")), "wb") as f:
        f.write(blob)


for archive in sorted(os.listdir(fixtures)):
    path = os.path.join(fixtures, archive)
    if not archive.endswith(".zip"):
        continue
    if os.path.getsize(path) < (1 << 20):
        blob = open(path, "rb").read()
        put("zip_member", archive, blob)
        put("reader", archive, blob)
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
            put("header", archive + "_" + name, data[:352])
        elif name.endswith(".mat"):
            put("spm_mat", archive + "_" + name, data)
print("seed corpora in", corpus)
