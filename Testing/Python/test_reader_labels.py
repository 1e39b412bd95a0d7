"""Label sidecars on real atlases: for every mricron-data atlas with sidecars (aal, AICHAmc,
JHU-WhiteMatter-labels-1mm/-2mm with .txt and .lut; brodmann with a .lut alone), zipped here,
the reader's LabelNames and LabelColors field data, its LABEL_NAMES output information and
NamedRegions equal the sidecars as parsed here, independently, in Python. Also: sidecars named
after the stem (aal.txt), a plain file on disk with its sidecars beside it, an archive in a
buffer, switching to a volume without sidecars, and broken sidecars, which warn (naming the
sidecar and the line) and leave the volume read (each label's voxel count as nibabel's)."""
import io
import os
import shutil
import tempfile
import zipfile

import nibabel as nib
import numpy as np
from vtkmodules.util.numpy_support import vtk_to_numpy

import paravoxel
from paravoxel.images import image_to_numpy
from paravoxel_testing import (ErrorCatcher, fail, load_plugin, parse_mricron_labels,
                               parse_mricron_lut)

TEMPLATES = "/usr/share/mricron/templates"
ATLASES = ["aal", "AICHAmc", "JHU-WhiteMatter-labels-1mm", "JHU-WhiteMatter-labels-2mm",
           "brodmann"]


def expected_arrays(names, lut):
    """What the reader should give: names up to the largest named label; with names, the .lut's
    colours for those labels, without names all 256."""
    count = (max(names) + 1) if names else 256
    name_list = [names.get(k, "") for k in range(count)] if names else None
    colors = lut[:count] if lut is not None else None
    return name_list, colors


def sidecars(stem):
    found = {}
    for extension in (".txt", ".lut"):
        path = os.path.join(TEMPLATES, stem + ".nii" + extension)
        if os.path.exists(path):
            with open(path, "rb") as f:
                found[extension] = f.read()
    return found


def label_arrays(output):
    field = output.GetFieldData()
    names_array = field.GetAbstractArray("LabelNames")
    colors_array = field.GetArray("LabelColors")
    names = ([names_array.GetValue(k) for k in range(names_array.GetNumberOfValues())]
             if names_array else None)
    colors = vtk_to_numpy(colors_array) if colors_array else None
    return names, colors


def information_names(reader):
    info = reader.GetOutputInformation(0)
    key = paravoxel.vtkParaVoxelLabels.LABEL_NAMES()
    if not info.Has(key):
        return None
    return [info.Get(key, k) for k in range(info.Length(key))]


def check(reader, catcher, what, names, colors, volume_reference=None):
    if catcher.errors:
        fail("%s: errors %s" % (what, catcher.errors))
    got_names, got_colors = label_arrays(reader.GetOutput())
    if got_names != names:
        fail("%s: LabelNames %s..., expected %s..." % (what, (got_names or [])[:5], (names or [])[:5]))
    if (got_colors is None) != (colors is None) or (
            colors is not None and (got_colors.shape != colors.shape or
                                    not np.array_equal(got_colors, colors))):
        fail("%s: LabelColors differ from the .lut" % what)
    if information_names(reader) != names:
        fail("%s: LABEL_NAMES on the output information %s" % (what, information_names(reader)))
    named = sum(1 for n in (names or []) if n)
    if reader.GetNumberOfNamedRegions() != named:
        fail("%s: NumberOfNamedRegions %d, expected %d" % (what, reader.GetNumberOfNamedRegions(), named))
    named_array = reader.GetOutput().GetFieldData().GetArray("NamedRegions")
    if (named_array is None) != (names is None and colors is None) or (
            named_array is not None and named_array.GetValue(0) != named):
        fail("%s: field data NamedRegions %s, expected %d" % (
            what, named_array and named_array.GetValue(0), named))
    if names is not None and colors is not None and len(names) != len(colors):
        fail("%s: LabelNames and LabelColors differ in length" % what)
    if volume_reference is not None:
        # Each label's voxel count, whatever the order the output grid stores the voxels in
        # (reader.values checks the order).
        voxels = image_to_numpy(reader.GetOutput())
        got = np.unique(voxels, return_counts=True)
        expected = np.unique(volume_reference, return_counts=True)
        if voxels.size != volume_reference.size or not all(
                np.array_equal(a, b) for a, b in zip(got, expected)):
            fail("%s: the volume's labels differ from nibabel's" % what)


def read(volume, file_name=None, buffer=None):
    reader = paravoxel.vtkAnalyzeZipReader()
    catcher = ErrorCatcher(reader)
    if buffer is not None:
        reader.SetArchiveBuffer(buffer, len(buffer))
    else:
        reader.SetFileName(file_name)
    reader.SetVolume(volume)
    reader.Update()
    return reader, catcher


def nibabel_voxels(path):
    return np.asanyarray(nib.load(path).dataobj)


work = tempfile.mkdtemp(prefix="paravoxel_labels_")
try:
    # 1. Every atlas, in a folder of one archive (sidecars found beside their volume).
    archive = os.path.join(work, "atlases.zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for stem in ATLASES:
            zf.write(os.path.join(TEMPLATES, stem + ".nii.gz"), "atlases/%s.nii.gz" % stem)
            for extension, data in sidecars(stem).items():
                zf.writestr("atlases/%s.nii%s" % (stem, extension), data)
        zf.write(os.path.join(TEMPLATES, "ch2.nii.gz"), "atlases/ch2.nii.gz")
    references = {}
    for stem in ATLASES:
        found = sidecars(stem)
        names = parse_mricron_labels(found[".txt"]) if ".txt" in found else {}
        lut = parse_mricron_lut(found[".lut"]) if ".lut" in found else None
        references[stem] = expected_arrays(names, lut)
        reader, catcher = read("atlases/%s.nii.gz" % stem, file_name=archive)
        if catcher.warnings:
            fail("%s: unexpected warnings %s" % (stem, catcher.warnings))
        voxels = nibabel_voxels(os.path.join(TEMPLATES, stem + ".nii.gz"))
        check(reader, catcher, stem, *references[stem], volume_reference=voxels)
        # Every label of the volume is named (where the atlas names any).
        if names:
            unnamed = sorted(set(np.unique(voxels).tolist()) - set(names) - {0})
            if unnamed:
                fail("%s: labels %s of the volume have no name" % (stem, unnamed))
        print("%s: %s names, %s colours equal the sidecars" % (
            stem, len(names), "no" if lut is None else len(references[stem][1])))
    expected_counts = {"aal": 116, "AICHAmc": 192, "JHU-WhiteMatter-labels-1mm": 49,
                       "JHU-WhiteMatter-labels-2mm": 49, "brodmann": 0}
    for stem, count in expected_counts.items():
        names = references[stem][0] or []
        if sum(1 for n in names if n) != count:
            fail("%s: %d named regions, expected %d" % (stem, len(names), count))

    # 2. The same reader moved to a volume without sidecars: no label data, no LABEL_NAMES.
    reader, catcher = read("atlases/aal.nii.gz", file_name=archive)
    reader.SetVolume("atlases/ch2.nii.gz")
    reader.Update()
    check(reader, catcher, "ch2 after aal", None, None)
    print("a volume without sidecars carries no labels (after one with them)")

    # 3. Sidecars named after the stem (aal.txt, aal.lut), in an archive held in memory.
    aal = sidecars("aal")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        zf.write(os.path.join(TEMPLATES, "aal.nii.gz"), "aal.nii.gz")
        zf.writestr("aal.txt", aal[".txt"])
        zf.writestr("aal.lut", aal[".lut"])
    reader, catcher = read("aal.nii.gz", buffer=buffer.getvalue())
    check(reader, catcher, "buffer, aal.txt", *references["aal"])
    print("archive in a buffer, sidecars named after the stem: names and colours equal")

    # 4. A plain file on disk with its sidecars beside it.
    folder = os.path.join(work, "disk")
    os.makedirs(folder)
    for name in ("aal.nii.gz", "aal.nii.txt", "aal.nii.lut"):
        shutil.copy(os.path.join(TEMPLATES, name), folder)
    reader, catcher = read("", file_name=os.path.join(folder, "aal.nii.gz"))
    check(reader, catcher, "plain file", *references["aal"])
    print("plain file on disk: names and colours equal the sidecars beside it")

    # 5. Broken sidecars: each problem warns, naming the sidecar and its line; the volume is read.
    lines = aal[".txt"].decode().splitlines()
    broken = list(lines)
    broken[2] = "3"                                 # line 3: missing name
    broken[4] = "five Frontal_Sup_Orb_L 2111"      # line 5: index not a number
    broken[6] = "70000 Frontal_Mid_L 2201"         # line 7: index over 65535
    broken[8] = "1 Frontal_Mid_Orb_L 2211"         # line 9: label 1 again
    broken[10] = "11 Frontal_Inf_Oper_L 2301 x"     # line 11: too many fields
    text = ("\r\n".join(broken) + "\r\n").encode()
    text = text.replace(b"Rolandic_Oper_L", "Rolandic_Op\u00e9r_L".encode("latin-1"))  # line 17
    archive = os.path.join(work, "broken.zip")
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(os.path.join(TEMPLATES, "aal.nii.gz"), "aal.nii.gz")
        zf.writestr("aal.nii.txt", text)
        zf.writestr("aal.nii.lut", aal[".lut"][:700])
    reader, catcher = read("aal.nii.gz", file_name=archive)
    expected_warnings = [
        "label sidecar 'aal.nii.txt', line 3: the name is missing; the line is skipped",
        "label sidecar 'aal.nii.txt', line 5: the index 'five' is not a whole number from 0 to "
        "65535; the line is skipped",
        "label sidecar 'aal.nii.txt', line 7: the index 70000 is over 65535; the line is skipped",
        "label sidecar 'aal.nii.txt', line 9: label 1 is given again (first on line 1); the line "
        "is skipped",
        "label sidecar 'aal.nii.txt', line 11: 4 fields where mricron's format has 'index name "
        "[code]' (no spaces in names); the line is skipped",
        "label sidecar 'aal.nii.txt', line 17: the name of label 17 is not UTF-8; it is read as "
        "Latin-1: 'Rolandic_Op\u00e9r_L'",
        "label sidecar 'aal.nii.lut' cannot be used (it is 700 bytes, where a mricron colour "
        "table is 768 (256 reds, 256 greens, 256 blues)); its colours are left out",
    ]
    for expected in expected_warnings:
        if not any(("Reading archive '%s', volume 'aal.nii.gz': %s." % (archive, expected)) in w
                   for w in catcher.warnings):
            fail("broken sidecars: no warning '%s' in %s" % (expected, catcher.warnings))
    if len(catcher.warnings) != len(expected_warnings):
        fail("broken sidecars: %d warnings, expected %d: %s" % (
            len(catcher.warnings), len(expected_warnings), catcher.warnings))
    names = parse_mricron_labels(aal[".txt"])
    for index in (3, 5, 7, 9, 11):
        del names[index]
    names[17] = "Rolandic_Op\u00e9r_L"
    check(reader, catcher, "broken sidecars", expected_arrays(names, None)[0], None,
          volume_reference=nibabel_voxels(os.path.join(TEMPLATES, "aal.nii.gz")))
    # Reported once per volume, not on every update.
    count = len(catcher.warnings)
    reader.Modified()
    reader.Update()
    if len(catcher.warnings) != count:
        fail("broken sidecars: warnings repeated on the next update")
    print("broken sidecars: %d warnings naming the sidecar and line; the volume's labels equal "
          "nibabel's"
          % count)

    # 6. The server-manager proxy: NamedRegions after UpdatePipelineInformation (before any
    # data is read), the label arrays in the field data it reports.
    from paraview import simple
    load_plugin()
    proxy = simple.AnalyzeZipReader(FileName=os.path.join(work, "atlases.zip"),
                                    Volume="atlases/AICHAmc.nii.gz")
    proxy.UpdatePipelineInformation()
    if proxy.GetPropertyValue("NamedRegions") != 192:
        fail("NamedRegions: %s" % proxy.GetPropertyValue("NamedRegions"))
    proxy.UpdatePipeline()
    if "LabelNames" not in proxy.FieldData.keys() or "LabelColors" not in proxy.FieldData.keys():
        fail("the proxy's field data lacks the label arrays: %s" % list(proxy.FieldData.keys()))
    # What the Information panel's Data Arrays table shows: NamedRegions with its range.
    if tuple(proxy.FieldData["NamedRegions"].GetRange()) != (192, 192):
        fail("data information of NamedRegions: %s" % (proxy.FieldData["NamedRegions"].GetRange(),))
    proxy.Volume = "atlases/brodmann.nii.gz"
    proxy.UpdatePipelineInformation()
    if proxy.GetPropertyValue("NamedRegions") != 0:
        fail("NamedRegions for brodmann (colours only): %s" % proxy.GetPropertyValue("NamedRegions"))
    simple.Delete(proxy)
    print("proxy: NamedRegions 192 for AICHAmc, 0 for brodmann; the label arrays in its field data")
finally:
    shutil.rmtree(work, ignore_errors=True)
