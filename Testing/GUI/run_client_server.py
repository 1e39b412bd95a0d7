"""Runs a GUI test against `mpiexec -n 2 pvserver`: starts the server with the plugin on a free
port of 127.0.0.1 (paravoxel_testing.pvserver), runs

    paraview --server-url=cs://127.0.0.1:PORT ARGS...

(ARGS: the paraview executable and its test arguments) and stops the server. The exit code is
paraview's: the recorded events and the baseline comparison. paraview is stopped after 150 s (a
normal run takes 25-50 s), the server after 200 s: a server that cannot render (no display) makes
the client open a modal "Display is not accessible on the server side. Remote rendering will be
disabled." message box, which blocks the events until then (tried). Where each frame was rendered
is printed from the client's rendering log.
"""
import os
import re
import subprocess
import sys
import tempfile

from paravoxel_testing import fail, pvserver

paraview, arguments = sys.argv[1], sys.argv[2:]
environment = dict(os.environ, PARAVIEW_LOG_RENDERING_VERBOSITY="INFO")
log_path = os.path.join(tempfile.mkdtemp(prefix="paravoxel_gui_"), "paraview.log")
with pvserver(ranks=2, plugins=True, timeout=200) as port, open(log_path, "w") as log:
    try:
        code = subprocess.run([paraview, "--server-url=cs://127.0.0.1:%d" % port] + arguments,
                              env=environment, stdin=subprocess.DEVNULL, stderr=log,
                              timeout=150).returncode
    except subprocess.TimeoutExpired:
        fail("paraview did not finish within 150 s: a modal dialog such as the server's missing "
             "display? (log: %s)" % log_path)
with open(log_path, errors="replace") as f:
    text = f.read()
# vtkPVRenderView logs "use_lod=0, use_distributed_rendering=1, ..." for each frame: 1 is remote
# rendering. With ParaView's default remote render threshold (20 MB) these voxels (about 10 MB)
# are shipped to the client and rendered there; pvpython's clientserver.pipeline test checks
# remote rendering itself.
frames = [int(value) for value in re.findall(r"use_distributed_rendering=(\d)", text)]
print("paraview: exit code %d, %d frames, %d rendered on the server (log: %s)"
      % (code, len(frames), sum(frames), log_path))
errors = [line for line in text.splitlines() if "ERR|" in line]
if errors:
    print("\n".join(errors[-20:]))
sys.exit(code)
