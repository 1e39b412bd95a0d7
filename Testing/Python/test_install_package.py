"""The Debian package installs ParaVoxel like software: `cpack -G DEB` makes
paravoxel_<version>_amd64.deb, lintian finds no error in it, and with its files and nothing
else (no LoadPlugin, no PV_PLUGIN_PATH, no PYTHONPATH):
  - pvpython runs AnalyzeZipReader -> IntensityTransform -> ExplodedVoxels by name, and the
    reader's VTK object is a vtkAnalyzeZipReader;
  - pvbatch renders the full view of a brain (not a blank image);
  - python3 imports paravoxel and paravoxel.gallery through the package's .pth file, whose
    Python modules are those of Python/paravoxel, no more (the test helpers are not shipped);
  - the ParaView GUI lists Macros > ColorByLabels (the package's usr/bin/Macros beside it) and
    running it colours the atlas by its regions (Testing/GUI/TestColorByLabelsMacroInGUI.xml).
The package is unpacked into a scratch root holding copies of pvpython, pvbatch and paraview,
which load plugins from the `plugins` folder (and the GUI macros from the `Macros` folder) beside
themselves as /usr/bin/pvpython does with the installed package. When the test runs as root on
a machine without the package, it is also installed with dpkg, used from /usr/bin as a user
would, and purged: nothing of it may be left behind."""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

from paravoxel_testing import data_path, fail

BUILD = os.path.dirname(os.environ["PARAVOXEL_ENV"])
CLEAN = {name: value for name, value in os.environ.items()
         if name not in ("PYTHONPATH", "PV_PLUGIN_PATH", "PV_PLUGIN_CONFIG_FILE", "PV_MACRO_PATH",
                         "XDG_CONFIG_HOME")}
MACRO_TEST = os.path.join(BUILD, "Testing", "GUI", "TestColorByLabelsMacroInGUI.xml")

PIPELINE = r"""
import sys
from paraview.simple import *
reader = AnalyzeZipReader(FileName=sys.argv[1])
voxels = ExplodedVoxels(Input=IntensityTransform(Input=reader))
voxels.UpdatePipeline()
print("RESULT", type(reader.GetClientSideObject()).__name__,
      voxels.GetDataInformation().GetNumberOfCells())
if len(sys.argv) > 2:
    view = CreateView("RenderView", ViewSize=[400, 400])
    Show(voxels, view)
    ResetCamera(view)
    SaveScreenshot(sys.argv[2], view, ImageResolution=[400, 400])
"""


def run(command, what):
    result = subprocess.run(command, env=CLEAN, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        fail("%s: exit %d\n%s%s" % (what, result.returncode, result.stdout, result.stderr))
    return result.stdout


def check_pipeline(pvpython, pvbatch, folder, where):
    archive = data_path("analyze_types.zip")
    script = os.path.join(folder, "pipeline.py")
    with open(script, "w") as f:
        f.write(PIPELINE)
    words = [line.split() for line in run([pvpython, script, archive], where + " pvpython")
             .splitlines() if line.startswith("RESULT")]
    if not words or words[0][1] != "vtkAnalyzeZipReader" or int(words[0][2]) <= 0:
        fail("%s: pvpython's pipeline gave %s" % (where, words))
    picture = os.path.join(folder, "full_view.png")
    run([pvbatch, "--force-offscreen-rendering", script, archive, picture], where + " pvbatch")
    # A rendered brain has many colours; a blank view one or two.
    from vtkmodules.vtkIOImage import vtkPNGReader
    from vtkmodules.util.numpy_support import vtk_to_numpy
    reader = vtkPNGReader()
    reader.SetFileName(picture)
    reader.Update()
    pixels = vtk_to_numpy(reader.GetOutput().GetPointData().GetScalars())
    if len({tuple(p) for p in pixels[:, :3].tolist()}) < 50:
        fail("%s: pvbatch's full view is nearly blank" % where)
    print("ok:", where)


def check_macro(paraview, folder, where):
    """The GUI's recorded events: Macros > ColorByLabels must be listed and colour the atlas. HOME
    is an empty folder, so that no macro the user imported (~/.config/ParaView/Macros) counts."""
    home = os.path.join(folder, "home-" + where.replace(" ", "-"))
    os.makedirs(home)
    env = dict(CLEAN, HOME=home)
    result = subprocess.run([paraview, "--dr", "--test-script=" + MACRO_TEST, "--exit"], env=env,
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        fail("%s: paraview's Macros > ColorByLabels failed (exit %d)\n%s" % (
            where, result.returncode, result.stderr[-3000:]))
    print("ok: %s: Macros > ColorByLabels" % where)


scratch = tempfile.mkdtemp(prefix="paravoxel-package-")
try:
    run(["cpack", "-G", "DEB", "-B", scratch, "--config", os.path.join(BUILD, "CPackConfig.cmake")],
        "cpack")
    packages = glob.glob(os.path.join(scratch, "paravoxel_*_amd64.deb"))
    if len(packages) != 1:
        fail("cpack made %s" % os.listdir(scratch))
    package = packages[0]
    lintian = subprocess.run(["lintian", package], capture_output=True, text=True)
    errors = [line for line in lintian.stdout.splitlines() if line.startswith("E:")]
    if errors:
        fail("lintian reports errors:\n" + "\n".join(errors))

    # The scratch root: the package's files beside copies of ParaView's executables.
    root = os.path.join(scratch, "root")
    run(["dpkg-deb", "-x", package, root], "dpkg-deb -x")
    for name in ("pvpython", "pvbatch", "paraview"):
        shutil.copy(os.path.realpath(shutil.which(name)), os.path.join(root, "usr", "bin", name))
    check_pipeline(os.path.join(root, "usr/bin/pvpython"), os.path.join(root, "usr/bin/pvbatch"),
                   scratch, "unpacked package")
    check_macro(os.path.join(root, "usr/bin/paraview"), scratch, "unpacked package")
    with open(os.path.join(root, "usr/lib/python3/dist-packages/paravoxel.pth")) as f:
        folder = f.read().strip()
    probe = ("import sys; sys.path.append(%r); import paravoxel, paravoxel.gallery.overlays; "
             "print(paravoxel.__file__)" % (root + folder))
    if not run(["/usr/bin/python3", "-c", probe], "python3").strip().startswith(root + folder):
        fail("python3 did not import paravoxel from the folder the .pth names (%s)" % folder)
    shipped_modules, source_modules = [
        sorted(os.path.relpath(os.path.join(where, name), top) for where, _, names in os.walk(top)
               for name in names if name.endswith(".py"))
        for top in (root + folder, os.path.join(os.environ["PARAVOXEL_SOURCE_DIR"], "Python"))]
    if shipped_modules != source_modules:
        fail("the package's Python modules %s are not Python/paravoxel's %s"
             % (shipped_modules, source_modules))

    installed = subprocess.run(["dpkg", "-s", "paravoxel"], capture_output=True).returncode == 0
    if (os.geteuid() == 0 and not installed and not os.path.lexists("/usr/bin/plugins")
            and not os.path.lexists("/usr/bin/Macros")):
        shipped = [os.path.join(folder, name)[len(root):] for folder, folders, names in os.walk(root)
                   for name in names + [f for f in folders if os.path.islink(os.path.join(folder, f))]]
        shipped = [path for path in shipped
                   if not path.endswith(("/pvpython", "/pvbatch", "/paraview"))]
        run(["dpkg", "-i", package], "dpkg -i")
        try:
            check_pipeline("pvpython", "pvbatch", scratch, "installed package")
            check_macro("paraview", scratch, "installed package")
            run(["/usr/bin/python3", "-c", "import paravoxel, paravoxel.gallery.overlays"],
                "python3 import paravoxel")
        finally:
            run(["dpkg", "--purge", "paravoxel"], "dpkg --purge")
        left = [path for path in shipped + ["/usr/lib/paraview-5.11", "/usr/lib/paravoxel-python",
                                            "/usr/share/doc/paravoxel"] if os.path.lexists(path)]
        if left:
            fail("removing the package left %s" % left)
        print("ok: installed, used and purged")
    else:
        print("skipped installing on this machine: not root, or ParaVoxel, /usr/bin/plugins or "
              "/usr/bin/Macros is already there")
finally:
    shutil.rmtree(scratch, ignore_errors=True)
