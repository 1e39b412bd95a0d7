"""Hostile and quirky input, each case as a new user met it: archives and headers that used to
read silently wrong, abort, or take minutes now read as nibabel reads them or end in a clear
error within limits. Archives are made here, in a temporary folder, by zipfile and nibabel."""
import gzip
import io
import os
import resource
import struct
import subprocess
import tempfile
import time
import zipfile
import zlib

import nibabel as nib
import numpy as np
import scipy.io
from vtkmodules.util.numpy_support import vtk_to_numpy

from paravoxel.images import image_to_numpy
from paravoxel_testing import data_path, fail, read_archive

DATE = (2017, 12, 10, 0, 0, 0)
folder = tempfile.mkdtemp(prefix="paravoxel_hostile_")


def archive(name, members, compression=zipfile.ZIP_DEFLATED):
    path = os.path.join(folder, name)
    with zipfile.ZipFile(path, "w") as zf:
        for member, data in members.items():
            info = zipfile.ZipInfo(member, DATE)
            info.compress_type = compression
            zf.writestr(info, data)
    return path


def files(img, name):
    """The member bytes nibabel writes for `img` as `name` (.hdr/.img pair or .nii)."""
    tmp = tempfile.mkdtemp(dir=folder)
    img.to_filename(os.path.join(tmp, name))
    return {entry: open(os.path.join(tmp, entry), "rb").read()
            for entry in sorted(os.listdir(tmp)) if not entry.endswith(".mat")}


def expect_error(label, path, words, **settings):
    reader, catcher, seconds = read_archive(path, **settings)
    message = " ".join(catcher.errors)
    if words not in message or reader.GetOutput().GetNumberOfPoints():
        fail("%s: expected %r and no voxels, got %r" % (label, words, message))
    print("%-28s %5.2f s  %s" % (label, seconds, message.strip().splitlines()[-1][-140:]))
    return message


rng = np.random.default_rng(5)
volume = rng.integers(0, 200, size=(6, 5, 4)).astype(np.int16)

# A header declaring more bytes than fit in 64 bits once MaximumVoxels is lifted: refused by
# name, not wrapped round to a small size.
hdr = bytearray(files(nib.Nifti1Pair(volume, np.eye(4)), "v.hdr")["v.hdr"])
struct.pack_into("<8h", hdr, 40, 5, 32767, 32767, 32767, 32767, 4, 1, 1)
struct.pack_into("<h", hdr, 70, 64)  # float64
struct.pack_into("<h", hdr, 72, 64)
expect_error("size past 2^64", archive("wrap.zip", {"v.hdr": bytes(hdr), "v.img": b"x" * 100}),
             "more than 2^64", MaximumVoxels=2**63 - 1, MaximumMemberMegabytes=1e9)

# 10^7 one-voxel volumes in a 4D header, as a time series: refused before any step is made.
one = nib.Nifti1Image(np.zeros((1, 1, 1, 1), np.uint8), np.eye(4))
one.header.set_data_shape((1, 1, 1, 10_000, 1_000))
nii = bytearray(one.header.binaryblock) + bytes(4) + bytes(10_000_000)
path = archive("many_steps.zip", {"many.nii.gz": gzip.compress(bytes(nii))})
expect_error("10^7 time steps", path, "raise MaximumTimeSteps", TimeSeries=True)

# A tiny archive whose directory claims a scaled 2 GiB int16 volume, as its header declares:
# refused from the sizes alone, before memory is touched.
pair = files(nib.Nifti1Pair(volume, np.eye(4)), "v.hdr")
hdr = bytearray(pair["v.hdr"])
struct.pack_into("<4h", hdr, 40, 3, 1024, 1024, 1024)
struct.pack_into("<ff", hdr, 112, 2.0, 0.0)
pair["v.hdr"] = bytes(hdr)
raw = bytearray(open(archive("liar.zip", pair), "rb").read())
claimed = 2**31
for position in [i for i in range(len(raw)) if raw[i:i + 4] in (b"PK\x01\x02", b"PK\x03\x04")]:
    central = raw[position:position + 4] == b"PK\x01\x02"
    name_at, length_at, size_at = (46, 28, 24) if central else (30, 26, 22)
    name_length = struct.unpack_from("<H", raw, position + length_at)[0]
    if raw[position + name_at:position + name_at + name_length] == b"v.img":
        struct.pack_into("<I", raw, position + size_at, claimed)
liar = os.path.join(folder, "liar.zip")
open(liar, "wb").write(bytes(raw))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
expect_error("directory claims 2 GiB", liar, "more than deflate can hold")
if resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak > 64 * 1024:
    fail("refusing the 2 GiB claim raised peak memory by %d KiB" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak))

# Memory that cannot be had is an error naming the size, never an abort: a .nii.gz declaring a
# 4 GiB float32 volume (plausible for its 4.2 MB of compressed bytes), read with the address space
# capped at 3 GiB.
header = nib.Nifti1Header()
header.set_data_dtype(np.float32)
header.set_data_shape((1024, 1024, 1024))
header["vox_offset"] = 352
# A gzip stream that starts with the header (what the index reads), then 4.2 MB of noise.
deflater = zlib.compressobj(wbits=31)
nii_gz = deflater.compress(bytes(header.binaryblock) + bytes(4)) + deflater.flush(zlib.Z_FULL_FLUSH)
nii_gz += rng.integers(0, 255, 4_200_000, dtype=np.uint8).tobytes()
path = archive("four_gib.zip", {"big.nii.gz": nii_gz}, zipfile.ZIP_STORED)
probe = ("import paravoxel\nr = paravoxel.vtkAnalyzeZipReader()\nr.SetFileName(%r)\nr.Update()\n"
         "print('points', r.GetOutput().GetNumberOfPoints())" % path)
capped = subprocess.run(
    ["/usr/bin/python3", "-c", probe], capture_output=True, text=True, timeout=120,
    preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30)))
if capped.returncode != 0 or "points 0" not in capped.stdout or "cannot allocate 4294967648 bytes" not in capped.stderr:
    fail("4 GiB under a 3 GiB cap: exit %d, %s %s" % (capped.returncode, capped.stdout, capped.stderr[-500:]))
print("%-28s        %s" % ("4 GiB under a 3 GiB cap", capped.stderr.strip().splitlines()[-1][-120:]))

# Label sidecars as mricron, ITK-SNAP and FSLeyes users have them: a .txt saved on classic Mac OS
# (CR alone ends its lines), an ITK-SNAP label description, an FSLeyes text .lut.
atlas = np.array([[[0, 1], [2, 3]], [[3, 2], [1, 0]]], np.uint8)
atlas_nii = files(nib.Nifti1Image(atlas, np.eye(4)), "atlas.nii")["atlas.nii"]
sidecars = {
    "classic Mac .txt": ("atlas.nii.txt", b"1 One\r2 Two\r\r3 Three\r", None),
    "ITK-SNAP .txt": ("atlas.txt", b'# ITK-SnAP Label Description File\n0 0 0 0 0 0 0 "Clear Label"\n'
                      b'1 255 0 0 1 1 1 "One"\n2 0 255 0 1 1 1 "Two"\n3 0 0 255 0.5 1 1 "Three"\n', (0, 0, 255)),
    "FSLeyes .lut": ("atlas.lut", b"1 1 0 0 One\n2 0 1 0 Two\n3 0.00000 0.00000 1.00000 Three\n", (0, 0, 255)),
}
for label, (sidecar, text, color3) in sidecars.items():
    reader, catcher, _ = read_archive(archive("sidecar.zip", {"atlas.nii": atlas_nii, sidecar: text}))
    fields = reader.GetOutput().GetFieldData()
    names = fields.GetAbstractArray("LabelNames")
    got = [names.GetValue(k) for k in range(1, 4)] if names and names.GetNumberOfValues() >= 4 else None
    if catcher.errors or catcher.warnings or got != ["One", "Two", "Three"]:
        fail("%s: names %s, messages %s %s" % (label, got, catcher.errors, catcher.warnings))
    colors = fields.GetArray("LabelColors")
    if color3 and (not colors or tuple(colors.GetTuple3(3)) != color3):
        fail("%s: colour of label 3 %s" % (label, colors.GetTuple3(3) if colors else None))
    print("%-28s        names %s" % (label, got))

# A transform code NIfTI does not define (sform_code 99): nibabel's loader reads it as 0, with a
# warning, and places the voxels by the qform; so does the reader, naming the code.
img = nib.Nifti1Image(volume, np.diag([2.0, 3.0, 4.0, 1.0]))
img.set_sform(np.array([[0, -2, 0, 10], [3, 0, 0, 20], [0, 0, 4, 30], [0, 0, 0, 1.0]]), 2)
img.set_qform(np.diag([2.0, 3.0, 4.0, 1.0]) + np.array([[0, 0, 0, -7.0]] + [[0] * 4] * 3), 1)
nii = bytearray(files(img, "s.nii")["s.nii"])
struct.pack_into("<h", nii, 254, 99)
expected = nib.Nifti1Image.from_bytes(bytes(nii)).affine
reader, catcher, _ = read_archive(archive("sform99.zip", {"s.nii": bytes(nii)}), WorldSpace=False)
matrix = vtk_to_numpy(reader.GetOutput().GetFieldData().GetArray("VoxelToWorld")).reshape(4, 4)
if catcher.errors or not np.allclose(matrix, expected) or not any("sform_code is 99" in w for w in catcher.warnings):
    fail("sform_code 99: %s, nibabel %s, messages %s %s" % (matrix.tolist(), expected.tolist(), catcher.errors, catcher.warnings))
print("%-28s        %s" % ("sform_code 99", catcher.warnings[0][-100:]))

# A qform quaternion with b^2 + c^2 + d^2 > 1 is no rotation: nibabel refuses the header; the
# reader warns and reads in voxel order, as for any affine that cannot place the voxels.
img = nib.Nifti1Image(volume, np.diag([2.0, 3.0, 4.0, 1.0]))
img.set_sform(None, 0)
img.set_qform(np.diag([2.0, 3.0, 4.0, 1.0]), 1)
nii = bytearray(files(img, "q.nii")["q.nii"])
struct.pack_into("<fff", nii, 256, 0.8, 0.7, 0.1)
try:
    nib.Nifti1Image.from_bytes(bytes(nii)).affine
    fail("nibabel should refuse a quaternion with b^2 + c^2 + d^2 = 1.14")
except ValueError:
    pass
reader, catcher, _ = read_archive(archive("quaternion.zip", {"q.nii": bytes(nii)}))
output = reader.GetOutput()
warned = [w for w in catcher.warnings if "b^2 + c^2 + d^2 = 1.14" in w and "voxel order" in w]
if catcher.errors or not warned or output.GetSpacing() != (2.0, 3.0, 4.0) or reader.GetFileOrientation():
    fail("qform quaternion over 1: spacing %s, orientation %r, messages %s %s"
         % (output.GetSpacing(), reader.GetFileOrientation(), catcher.errors, catcher.warnings))
if not np.array_equal(image_to_numpy(output), volume):
    fail("qform quaternion over 1: the voxels are not in stored order")
print("%-28s        %s" % ("qform quaternion over 1", warned[0][-100:]))

# An SPM .mat holding a logical matrix is no affine: refused like other non-numeric classes,
# with the header's affine used instead.
analyze = files(nib.AnalyzeImage(volume, np.diag([2.0, 3.0, 4.0, 1.0])), "m.hdr")
mat = io.BytesIO()
scipy.io.savemat(mat, {"mat": np.eye(4, dtype=bool)})
reader, catcher, _ = read_archive(archive("logical_mat.zip", analyze), WorldSpace=False)
header_affine = vtk_to_numpy(reader.GetOutput().GetFieldData().GetArray("VoxelToWorld")).reshape(4, 4)
reader, catcher, _ = read_archive(archive("logical_mat.zip", dict(analyze, **{"m.mat": mat.getvalue()})), WorldSpace=False)
matrix = vtk_to_numpy(reader.GetOutput().GetFieldData().GetArray("VoxelToWorld")).reshape(4, 4)
if catcher.errors or not np.allclose(matrix, header_affine) or not any(
        "cannot use the SPM matrix file 'm.mat' (it holds no 4x4 matrix" in w for w in catcher.warnings):
    fail("logical .mat: %s, header %s, messages %s %s" % (matrix.tolist(), header_affine.tolist(), catcher.errors, catcher.warnings))
print("%-28s        %s" % ("logical SPM .mat", catcher.warnings[0][-100:]))

# One volume of a member holding 3 x 10^8 one-voxel volumes (300 MB inflated, 300 KB in the
# archive): the member is verified as it streams by and only the volume is kept, so memory does
# not grow with the member (it held all 300 MB before). A wrong CRC-32 is still an error.
def many_volumes_archive(path, gzipped):
    header = nib.Nifti1Header()
    header.set_data_dtype(np.uint8)
    header.set_data_shape((1, 1, 1, 30000, 10000))
    header["vox_offset"] = 352
    chunks = [bytes(header.binaryblock) + bytes(4) + bytes([42, 7])]
    chunks += [bytes(1 << 24)] * 17 + [bytes(300_000_000 - 2 - 17 * (1 << 24))]
    info = zipfile.ZipInfo("many.nii.gz" if gzipped else "many.nii", DATE)
    info.compress_type = zipfile.ZIP_STORED if gzipped else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", compresslevel=1) as zf, zf.open(info, "w", force_zip64=True) as f:
        deflater = zlib.compressobj(1, zlib.DEFLATED, 31)
        for chunk in chunks:
            f.write(deflater.compress(chunk) if gzipped else chunk)
        if gzipped:
            f.write(deflater.flush())
    return zipfile.ZipFile(path).getinfo(info.filename).CRC


def read_in_subprocess(path):
    # The peak is measured from the update on: writing 5 to clear_refs resets VmHWM (the peak
    # resident size), which imports may have raised far above what stays resident.
    probe = ("import paravoxel\nr = paravoxel.vtkAnalyzeZipReader()\nr.SetFileName(%r)\n"
             "def kib(field): return int([l for l in open('/proc/self/status') if l.startswith(field)][0].split()[1])\n"
             "open('/proc/self/clear_refs', 'w').write('5')\nbefore = kib('VmRSS')\nr.Update()\n"
             "rise = (kib('VmHWM') - before) // 1024\n"
             "o = r.GetOutput()\nvalue = o.GetPointData().GetArray(0).GetTuple1(0) if o.GetNumberOfPoints() else None\n"
             "print('points', o.GetNumberOfPoints(), 'value', value, 'rise', rise)" % path)
    run = subprocess.run(["/usr/bin/python3", "-c", probe], capture_output=True, text=True, timeout=300)
    return run.returncode, run.stdout.strip(), run.stderr


for gzipped in (False, True):
    path = os.path.join(folder, "many_volumes_%d.zip" % gzipped)
    crc = many_volumes_archive(path, gzipped)
    status, out, err = read_in_subprocess(path)
    print("%-28s        %s" % ("3e8 volumes, gzip %s" % gzipped, out))
    if status != 0 or not out.startswith("points 1 value 42.0 ") or int(out.split()[-1]) > 64:
        fail("one volume of a 300 MB member (gzip %s): exit %d, %s %s" % (gzipped, status, out, err[-300:]))
    raw = open(path, "rb").read().replace(struct.pack("<I", crc), struct.pack("<I", crc ^ 1))
    open(path, "wb").write(raw)
    status, out, err = read_in_subprocess(path)
    if status != 0 or not out.startswith("points 0 ") or "CRC" not in err or "many.nii" not in err:
        fail("a 300 MB member with a wrong CRC-32 (gzip %s): exit %d, %s %s" % (gzipped, status, out, err[-300:]))
    print("%-28s        %s" % ("  ... with a wrong CRC-32", err.strip().splitlines()[-1][-120:]))

# n+1 magic in a .hdr/.img pair: the voxels are at vox_offset as stored (nibabel reads so).
img = nib.Nifti1Pair(volume, np.eye(4))
pair = files(img, "q.hdr")
hdr = bytearray(pair["q.hdr"])
hdr[344:348] = b"n+1\0"
reader, catcher, _ = read_archive(archive("nplus1_pair.zip", {"q.hdr": bytes(hdr), "q.img": pair["q.img"]}))
if catcher.errors or not np.array_equal(image_to_numpy(reader.GetOutput()), volume):
    fail("n+1 pair: %s" % catcher.errors)

# V.hdr pairs with V.IMG (same case) before v.img.
other = (volume + 1000).astype(np.int16)
upper = files(nib.Nifti1Pair(volume, np.eye(4)), "V.hdr")
members = {"v.img": files(nib.Nifti1Pair(other, np.eye(4)), "v.hdr")["v.img"],
           "V.hdr": upper["V.hdr"], "V.IMG": upper["V.img"]}
reader, catcher, _ = read_archive(archive("case.zip", members))
reader.SetVolume("V.hdr")
reader.Update()
if catcher.errors or not np.array_equal(image_to_numpy(reader.GetOutput()), volume):
    fail("V.hdr should read V.IMG: %s" % catcher.errors)

# A TR of 1e-10 s: time 0 is the first volume, time TR the second.
series = nib.Nifti1Image(np.stack([volume, other], axis=-1), np.eye(4))
series.header.set_zooms((1, 1, 1, 1e-10))
reader, catcher, _ = read_archive(archive("tiny_tr.zip", files(series, "s.nii")), TimeSeries=True)
for t, expected in ((0.0, volume), (1e-10, other), (0.0, volume)):
    reader.UpdateTimeStep(t)
    if not np.array_equal(image_to_numpy(reader.GetOutput()), expected):
        fail("TR 1e-10: time %g gives the wrong volume" % t)

# NIfTI with a valid slope but a NaN or infinite intercept: nibabel refuses, so do we.
for inter in (float("nan"), float("inf")):
    img = nib.Nifti1Image(volume, np.eye(4))
    nii = bytearray(files(img, "n.nii")["n.nii"])
    struct.pack_into("<ff", nii, 112, 2.0, inter)
    expect_error("scl_inter %s" % inter, archive("inter.zip", {"n.nii": bytes(nii)}), "scl_inter")

# A slope of 3e38 on int16: float32 would overflow to inf; nibabel gives finite float64.
img = nib.Nifti1Image(volume, np.eye(4))
nii = bytearray(files(img, "big.nii")["big.nii"])
struct.pack_into("<ff", nii, 112, 3e38, 0.0)
path = archive("big_slope.zip", {"big.nii": bytes(nii)})
reader, catcher, _ = read_archive(path)
expected = np.asarray(nib.Nifti1Image.from_bytes(bytes(nii)).dataobj)
actual = image_to_numpy(reader.GetOutput())
if catcher.errors or actual.dtype != expected.dtype or not np.allclose(actual, expected, rtol=1e-6):
    fail("slope 3e38: %s %s, nibabel %s %s" % (actual.dtype, catcher.errors, expected.dtype, expected.max()))
if not np.isfinite(actual).all():
    fail("slope 3e38: infinite values")

# A subnormal voxel size becomes 1, with a warning (VTK cannot place voxels 1e-40 mm apart).
img = nib.Nifti1Image(volume, np.eye(4))
nii = bytearray(files(img, "tiny.nii")["tiny.nii"])
struct.pack_into("<f", nii, 80, 1e-40)
reader, catcher, _ = read_archive(archive("tiny_voxels.zip", {"tiny.nii": bytes(nii)}))
if reader.GetOutput().GetSpacing()[0] != 1.0 or not any("pixdim[1]" in w for w in catcher.warnings):
    fail("subnormal voxel size: spacing %s, warnings %s" % (reader.GetOutput().GetSpacing(), catcher.warnings))

# Two members with one name: ambiguous, said so (not libzip's "File already exists").
path = os.path.join(folder, "duplicates.zip")
with zipfile.ZipFile(path, "w") as zf:
    for data in (b"a", b"b"):
        zf.writestr(zipfile.ZipInfo("v.hdr", DATE), data)
expect_error("duplicate member names", path, "two members have the same name")



def libzip_decompresses(method):
    """Whether the libzip ParaVoxel links can decompress `method` (zip_compression_method_supported,
    libzip 1.7 and later)."""
    import ctypes
    import ctypes.util
    libzip = ctypes.CDLL(ctypes.util.find_library("zip") or "libzip.so.5")
    libzip.zip_compression_method_supported.argtypes = [ctypes.c_int32, ctypes.c_int]
    return bool(libzip.zip_compression_method_supported(method, 0))


# An LZMA member: Debian 12's libzip (1.7) cannot decompress it, and the method is named; Debian
# 13's and forky's (1.11, 1.12) can, and the volume is read.
pair = files(nib.Nifti1Pair(volume, np.eye(4)), "l.hdr")
lzma_archive = archive("lzma.zip", pair, zipfile.ZIP_LZMA)
if libzip_decompresses(14):  # ZIP_CM_LZMA
    reader, catcher, _ = read_archive(lzma_archive)
    if catcher.errors or not np.array_equal(image_to_numpy(reader.GetOutput()), volume):
        fail("LZMA member, which this libzip decompresses: %s" % catcher.errors)
    print("LZMA member: read (this libzip decompresses LZMA)")
else:
    expect_error("LZMA member", lzma_archive, "LZMA")

# Special files and other schemes are refused by name, before anything is read.
fifo = os.path.join(folder, "pipe.zip")
os.mkfifo(fifo)
expect_error("FIFO", fifo, "FIFO")
os.mkdir(os.path.join(folder, "folder.zip"))
expect_error("folder", os.path.join(folder, "folder.zip"), "a folder")
os.symlink("/dev/zero", os.path.join(folder, "zero.zip"))
expect_error("symlink to /dev/zero", os.path.join(folder, "zero.zip"), "character device")
expect_error("ftp URL", "ftp://127.0.0.1/x.zip", "'ftp://' URLs are not supported")
expect_error("file URL", "file:///tmp/x.zip", "give the file's path")

# 100,000 header-only members: indexed in linear time, once per archive.
path = os.path.join(folder, "many.zip")
small_hdr = files(nib.Nifti1Pair(volume, np.eye(4)), "h.hdr")["h.hdr"]
with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
    for i in range(100_000):
        zf.writestr(zipfile.ZipInfo("d%03d/h%06d.hdr" % (i % 997, i), DATE), small_hdr)
reader, catcher, first = read_archive(path)
if "holds no readable" not in " ".join(catcher.errors):
    fail("100k headers without images: %s" % catcher.errors)
reader.SetMaximumVoxels(2**30)  # any property change: the index is kept
started = time.perf_counter()
reader.Update()
again = time.perf_counter() - started
print("100,000 members: indexed in %.2f s, %.3f s after a property change" % (first, again))
if first > 20 or again > first / 5:
    fail("indexing 100,000 members took %.2f s, then %.2f s" % (first, again))

# After a read, a new FileName whose archive lacks the chosen Volume starts at its first volume.
reader, catcher, _ = read_archive(data_path("mixed_members.zip"))
reader.SetVolume(reader.GetAvailableVolumes().GetValue(0))
reader.Update()
reader.SetFileName(data_path("nifti_types.zip"))
reader.Update()
if catcher.errors or reader.GetOutput().GetNumberOfPoints() == 0:
    fail("new FileName after a Volume: %s" % catcher.errors)
if not any("chosen for the previous archive" in w for w in catcher.warnings):
    fail("new FileName after a Volume: no warning %s" % catcher.warnings)
# ...but naming a missing member of the same archive is still an error.
reader.SetVolume("no/such.hdr")
reader.Update()
if not any("there is no member" in e for e in catcher.errors):
    fail("a missing member of the same archive must be an error: %s" % catcher.errors)

# URLs: an error status ends the transfer before its endless body; an endless body stops at the
# cap without holding more than it; a stalled server is given up on after StallTimeout; no
# message shows a password.
server = subprocess.Popen(
    ["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "archive_http_server.py"),
     data_path("mixed_members.zip")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
base = "http://127.0.0.1:%d/" % int(server.stdout.readline())
try:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    expect_error("endless body, 200", base + "endless.zip", "larger than MaximumDownloadMegabytes",
                 MaximumDownloadMegabytes=256)
    rise = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    print("endless body: peak memory rose by %.0f MiB for a 256 MiB cap" % rise)
    if rise > 256 * 1.1 + 32:
        fail("an endless body raised peak memory by %.0f MiB against a 256 MiB cap" % rise)
    expect_error("endless body, 404", base + "endless404.zip", "HTTP 404")
    _, _, seconds = read_archive(base + "stall.zip", StallTimeout=2)
    expect_error("stalled server", base + "stall.zip", "sent nothing for 2 s", StallTimeout=2)
    if seconds > 10:
        fail("a stalled server was waited on for %.1f s" % seconds)
    secret = base.replace("http://", "http://user:secret@") + "missing.zip"
    message = expect_error("password in URL", secret, "HTTP 404")
    if "secret" in message:
        fail("the password shows in the error: %s" % message)
finally:
    server.stdin.close()
    server.wait(timeout=30)
print("every hostile case reads as nibabel reads or ends in a clear error")
