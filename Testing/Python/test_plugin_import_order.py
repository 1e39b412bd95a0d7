"""Loading the plugin makes ParaVoxel's VTK classes known to Python before any proxy is wrapped:
whether `paravoxel` is imported before LoadPlugin, after the first proxy, or never, a reader
proxy's VTK object is a vtkAnalyzeZipReader with all its methods (SetArchiveBuffer,
GetCurrentVolume), in pvpython and in Debian's python3 (the Jupyter route), and sys.stdout and
sys.stderr stay the interpreter's own (a notebook's output stays in it). Each order runs in a
fresh process; where the script does not import the package itself, without it on PYTHONPATH:
the plugin finds it beside itself."""
import os
import subprocess

from paravoxel_testing import PLUGIN, data_path, fail

SCRIPT = r"""
import sys
streams = (sys.stdout, sys.stderr)
{before}
from paraview.simple import LoadPlugin
LoadPlugin({plugin!r}, remote=False)
from paraview.simple import AnalyzeZipReader
reader = AnalyzeZipReader(FileName={archive!r})
{after}
vtk_object = reader.GetClientSideObject()
reader.UpdatePipeline()
print("RESULT", type(vtk_object).__name__, hasattr(vtk_object, "SetArchiveBuffer"),
      vtk_object.GetCurrentVolume(), (sys.stdout, sys.stderr) == streams)
"""

ORDERS = {
    "never imported": ("", ""),
    "imported before LoadPlugin": ("import paravoxel", ""),
    "imported after the first proxy": ("", "import paravoxel"),
}
without_path = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
archive = data_path("analyze_types.zip")
for interpreter in (os.environ["PARAVOXEL_PVPYTHON"], "/usr/bin/python3"):
    for order, (before, after) in ORDERS.items():
        script = SCRIPT.format(before=before, after=after, plugin=PLUGIN, archive=archive)
        run = subprocess.run([interpreter, "-c", script], env=os.environ if before else without_path, capture_output=True,
                             text=True, timeout=300)
        result = [line for line in run.stdout.splitlines() if line.startswith("RESULT")]
        what = "%s, paravoxel %s" % (os.path.basename(interpreter), order)
        if run.returncode != 0 or not result:
            fail("%s: exit %d\n%s%s" % (what, run.returncode, run.stdout, run.stderr))
        words = result[0].split()
        if words[1] != "vtkAnalyzeZipReader" or words[2] != "True" or not words[3].endswith(".hdr"):
            fail("%s: the proxy's VTK object is %s" % (what, " ".join(words[1:])))
        if words[4] != "True":
            fail("%s: loading the plugin replaced sys.stdout or sys.stderr" % what)
        print("ok:", what)
