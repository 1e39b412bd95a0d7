"""gui.export_figure_check: the GLB that File > Export ParaVoxel Figure... wrote in
gui.TestExportFigureInGUI is a GLB 2 file with one mesh per region of the AAL atlas shown,
named by the region (names from aal.nii.txt, parsed here). The file is removed after the check,
so that the next run reads only what its own GUI test wrote."""
import json
import os
import struct
import sys

AAL_NAMES = "/usr/share/mricron/templates/aal.nii.txt"


def main(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as error:
        sys.exit("FAIL: the GUI wrote no figure: %s" % error)
    os.remove(path)
    magic, version, length = struct.unpack("<III", data[:12])
    if magic != 0x46546C67 or version != 2 or length != len(data):
        sys.exit("FAIL: %s is no GLB 2 file" % path)
    gltf = json.loads(data[20:20 + struct.unpack("<I", data[12:16])[0]])
    names = {mesh["name"] for mesh in gltf["meshes"]}
    with open(AAL_NAMES, encoding="latin-1") as f:
        regions = {line.split()[1] for line in f if len(line.split()) > 1}
    if len(names) < 100 or not names <= regions:
        sys.exit("FAIL: %d meshes, %s not AAL regions" % (len(names), sorted(names - regions)[:5]))
    print("%d meshes named by AAL's regions, e.g. %s" % (len(names), sorted(names)[:3]))


if __name__ == "__main__":
    main(sys.argv[1])
