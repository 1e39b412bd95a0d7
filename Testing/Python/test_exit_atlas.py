"""A script that reads an atlas with its sidecars, makes Exploded Voxels of it, asks ParaView for
its data information (as the Information panel and most scripts do) and ends with sys.exit(0)
exits with status 0, in pvpython and in pvbatch: batch jobs see no failure at exit. Each case
runs in a fresh process, as a user's script would: the AICHA atlas in a zip with its .txt/.lut
sidecars; read only; Exploded Voxels; with Regions and RegionExplosion."""
import os
import subprocess
import sys
import tempfile
import zipfile

from paravoxel_testing import PLUGIN, fail

TEMPLATES = "/usr/share/mricron/templates"
folder = tempfile.mkdtemp(prefix="paravoxel_exit_")
archive = os.path.join(folder, "aicha.zip")
with zipfile.ZipFile(archive, "w") as zf:
    for name in ("AICHAmc.nii.gz", "AICHAmc.nii.txt", "AICHAmc.nii.lut"):
        zf.write(os.path.join(TEMPLATES, name), name)

PIPELINES = {
    "read": "",
    "exploded": "voxels = simple.ExplodedVoxels(Input=atlas)\n",
    "regions": ("voxels = simple.ExplodedVoxels(Input=atlas, Regions=['G_Frontal_Sup-1',"
                " 'G_Frontal_Sup-2'], RegionExplosion=0.6, Gap=0.2)\n"),
}
SCRIPT = """import sys
from paraview import simple
simple.LoadPlugin({plugin!r}, remote=False)
atlas = simple.AnalyzeZipReader(FileName={archive!r})
{pipeline}last = simple.GetActiveSource()
last.UpdatePipeline()
info = last.GetDataInformation()
print("cells", info.GetNumberOfCells(), "arrays", last.CellData.keys(), flush=True)
sys.exit(0)
"""

pvpython = os.environ.get("PARAVOXEL_PVPYTHON", "pvpython")
pvbatch = os.environ.get("PARAVOXEL_PVBATCH", "pvbatch")
for case, pipeline in PIPELINES.items():
    script = os.path.join(folder, "exit_%s.py" % case)
    with open(script, "w") as out:
        out.write(SCRIPT.format(plugin=PLUGIN, archive=archive, pipeline=pipeline))
    for program in (pvpython, pvbatch):
        run = subprocess.run([program, "--force-offscreen-rendering", script],
                             capture_output=True, text=True, timeout=300)
        tool = os.path.basename(program)
        cells = [line for line in run.stdout.splitlines() if line.startswith("cells")]
        print("%-9s %-8s exit %4d  %s" % (case, tool, run.returncode, cells[:1]))
        if run.returncode != 0 or not cells:
            fail("%s in %s: exit status %d (a negative status is the signal)\n%s" % (
                case, tool, run.returncode, run.stderr[-2000:]))
        if case != "read" and cells[0].split()[1] == "0":
            fail("%s in %s: no cells\n%s" % (case, tool, run.stderr[-2000:]))
print("all exits clean")
sys.exit(0)
