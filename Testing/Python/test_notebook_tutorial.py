"""Examples/tutorial.ipynb, executed as a user would (`jupyter nbconvert --to notebook --execute`,
Debian's python3 kernel) with no DISPLAY, so that the notebook starts its own Xvfb: every code
cell ran without an error or a VTK error message, what the cells print is in the notebook (not
the terminal), every figure is shown inline and is not blank, the orbit is a 36-frame animation,
and the notebook's Xvfb is gone afterwards. The committed
notebook has no outputs and no execution counts, and executing it leaves it untouched.

Runs in Debian's python3 (nbformat, Pillow), not pvpython."""
import base64
import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile

import nbformat
from PIL import Image

from paravoxel_testing import fail

NOTEBOOK = os.path.join(os.environ["PARAVOXEL_SOURCE_DIR"], "Examples", "tutorial.ipynb")
JUPYTER = os.environ.get("PARAVOXEL_JUPYTER", "jupyter")
# slice, two histograms, five warm-up cubes, three brains at 50^3, the full view at full
# resolution, the orbit
FIGURES = 13
ORBIT_FRAMES = 36


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


source = nbformat.read(NOTEBOOK, as_version=4)
code_cells = [cell for cell in source.cells if cell.cell_type == "code"]
for index, cell in enumerate(code_cells):
    if cell.outputs or cell.execution_count is not None:
        fail("the committed notebook should have no outputs or execution counts: code cell %d "
             "has %d outputs, execution count %s (clear them: jupyter nbconvert "
             "--ClearOutputPreprocessor.enabled=True --to notebook --inplace)"
             % (index, len(cell.outputs), cell.execution_count))
before = digest(NOTEBOOK)

out = tempfile.mkdtemp(prefix="paravoxel-notebook-")
environment = dict(os.environ)
environment.pop("DISPLAY", None)  # the notebook must start an X server of its own
environment["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # ipykernel's debugger notes on stderr
run = subprocess.run(
    [JUPYTER, "nbconvert", "--to", "notebook", "--execute",
     "--ExecutePreprocessor.timeout=600", "--output-dir", out, "--output", "tutorial", NOTEBOOK],
    env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
print("executed notebook:", os.path.join(out, "tutorial.ipynb"))
if run.returncode:
    fail("jupyter nbconvert --execute failed (%d):\n%s" % (run.returncode, run.stdout[-6000:]))
# VTK's error and warning messages go to the kernel's stderr, which is nbconvert's.
messages = [line for line in run.stdout.splitlines() if re.search(r"\b(ERR|WARN)\|", line)]
if messages:
    fail("the notebook's kernel printed VTK errors or warnings:\n%s" % "\n".join(messages))
if digest(NOTEBOOK) != before:
    fail("executing the notebook changed the committed one")

executed = nbformat.read(os.path.join(out, "tutorial.ipynb"), as_version=4)
images = []
printed = ""
for index, cell in enumerate(c for c in executed.cells if c.cell_type == "code"):
    if not isinstance(cell.execution_count, int):
        fail("code cell %d did not run" % index)
    for output in cell.outputs:
        if output.output_type == "error":
            fail("code cell %d raised %s: %s" % (index, output.ename, output.evalue))
        if output.output_type == "stream":
            printed += output.text
        if "image/png" in output.get("data", {}):
            images.append((index, base64.b64decode(output.data["image/png"])))

# Printed before and after ParaView and the plugin are loaded, and at the end.
for line in ("(our own Xvfb, process", "identical to the bytes' volume: True", "fig11_full_full",
             "36 frames in", "stopped the Xvfb on"):
    if line not in printed:
        fail("the notebook's output should say %r; it printed:\n%s" % (line, printed))
display, pid = re.search(r"display :(\d+) \(our own Xvfb, process (\d+)\)", printed).groups()
try:
    with open("/proc/%s/cmdline" % pid, "rb") as f:
        still_running = b"Xvfb" in f.read()
except FileNotFoundError:
    still_running = False
if still_running:
    fail("the notebook's Xvfb (:%s, process %s) is still running after the notebook ended"
         % (display, pid))
if len(images) != FIGURES:
    fail("expected %d inline figures, found %d" % (FIGURES, len(images)))
for index, data in images:
    picture = Image.open(io.BytesIO(data))
    colours = len(set(picture.convert("RGB").getdata()))
    print("code cell %2d: %dx%d PNG, %5d colours, %d frames"
          % (index, picture.width, picture.height, colours, getattr(picture, "n_frames", 1)))
    # A blank or flat figure has a handful of colours; the simplest here (the opaque cubes:
    # three shades of blue, edges, the grid's labels, antialiased) has hundreds.
    if colours < 100:
        fail("code cell %d shows a (nearly) blank figure: %d colours" % (index, colours))
orbit = Image.open(io.BytesIO(images[-1][1]))
if getattr(orbit, "n_frames", 1) != ORBIT_FRAMES:
    fail("the orbit should be an animation of %d frames, has %d"
         % (ORBIT_FRAMES, getattr(orbit, "n_frames", 1)))
frames = set()
for frame in range(ORBIT_FRAMES):
    orbit.seek(frame)
    frames.add(orbit.convert("RGB").tobytes())
if len(frames) != ORBIT_FRAMES:
    fail("the orbit's frames should all differ: %d distinct of %d" % (len(frames), ORBIT_FRAMES))
shutil.rmtree(out)  # kept when a check fails, for a look at the executed notebook
print("notebook: every cell ran, %d figures shown, a %d-frame orbit; its Xvfb :%s stopped"
      % (len(images), ORBIT_FRAMES, display))
