"""The wait a GUI user sees when applying Exploded Voxels, against the filter's own time (not a
test: prints figures).

ParaView's GUI (Debian's paraview, the build's plugin) under Xvfb plays recorded events: open the
archive, Apply, Intensity Transform, Apply, Exploded Voxels, Apply. The wait is the wall time of
that last Apply, from the click to the rendered view (the player plays the next event only once
the GUI is idle again); two marker events around it write files whose times are taken. The
filter's own time is ParaView's pipeline log of the same process ("update pipeline" of
ExplodedVoxels1: the filter alone, its inputs being up to date). Each run is a new GUI; median of
--runs runs (min-max), on ch2better (301 x 370 x 316) and on ch2better resampled to 512^3.

    source build/paravoxel-env.sh; /usr/bin/python3 Testing/Benchmarks/bench_gui.py
"""
import os
import re
import subprocess
import tempfile

import support_path  # noqa: F401  (Testing/Python, the package `support`, on the path)
from support.measure import runs_parser, summary
from support.volumes import make_archive, make_volume

EVENTS = """<?xml version="1.0" ?>
<pqevents>
  <pqevent object="pqClientMainWindow/MainControlsToolbar/actionOpenData" command="activate" arguments="" />
  <pqevent object="pqClientMainWindow/FileOpenDialog" command="filesSelected" arguments="{archive}" />
  <pqevent object="pqClientMainWindow/propertiesDock/propertiesPanel/Accept" command="activate" arguments="" />
  <pqevent object="pqClientMainWindow/menubar" command="activate" arguments="menuFilters" />
  <pqevent object="pqClientMainWindow/menubar/menuFilters/Alphabetical" command="activate" arguments="IntensityTransform" />
  <pqevent object="pqClientMainWindow/propertiesDock/propertiesPanel/Accept" command="activate" arguments="" />
  <pqevent object="pqClientMainWindow/menubar" command="activate" arguments="menuFilters" />
  <pqevent object="pqClientMainWindow/menubar/menuFilters/Alphabetical" command="activate" arguments="ExplodedVoxels" />
  <pqcompareimage image="{any_png}" baseline="{folder}/none/before.png" />
  <pqevent object="pqClientMainWindow/propertiesDock/propertiesPanel/Accept" command="activate" arguments="" />
  <pqcompareimage image="{any_png}" baseline="{folder}/none/after.png" />
</pqevents>
"""
FILTER_TIME = re.compile(r"\} ([0-9.]+) s: ExplodedVoxels1: update pipeline")


def one_run(archive, folder):
    """(wait, filter time) of one GUI session, seconds."""
    steps = os.path.join(folder, "steps")
    os.makedirs(steps, exist_ok=True)
    for name in os.listdir(steps):
        os.remove(os.path.join(steps, name))
    events = os.path.join(folder, "events.xml")
    any_png = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "Baseline",
                           "TestOpenZipInGUI.png")
    with open(events, "w") as stream:
        stream.write(EVENTS.format(archive=archive, any_png=any_png, folder=folder))
    plugin_folder = os.path.dirname(os.environ["PARAVOXEL_PLUGIN"])
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", os.environ.get("PARAVOXEL_XVFB_SCREEN", "-screen 0 1920x1080x24"),
         "paraview", "--dr", "--plugin-search-paths=" + plugin_folder, "--plugins=ParaVoxel",
         "--test-directory=" + steps, "--test-script=" + events, "--exit"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, PARAVIEW_LOG_PIPELINE_VERBOSITY="INFO",
                 XDG_CONFIG_HOME=os.path.join(folder, "config")))
    marks = [os.path.getmtime(os.path.join(steps, name)) for name in ("before.png", "after.png")]
    filter_times = [float(t) for t in FILTER_TIME.findall(result.stdout)]
    if not filter_times:
        raise RuntimeError("no Exploded Voxels timing in ParaView's log:\n" + result.stdout[-3000:])
    return marks[1] - marks[0], max(filter_times)


def main():
    args = runs_parser(default_runs=3).parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, archive in (("ch2better 301 x 370 x 316", make_archive(folder)[0]),
                               ("512^3", make_volume(folder, 512))):
            runs = [one_run(archive, folder) for _ in range(args.runs)]
            rows.append((label, summary([w for w, _ in runs]), summary([f for _, f in runs]),
                         summary([w / f for w, f in runs])))
    print("\nParaView GUI, Exploded Voxels applied on Intensity Transform, median of %d GUI "
          "sessions (min-max), seconds:\n" % args.runs)
    print("| volume | Apply to rendered view | the filter itself | wait / filter |")
    print("| --- | --- | --- | --- |")
    for label, wait, alone, ratio in rows:
        print("| %s | %.2f (%.2f-%.2f) | %.2f (%.2f-%.2f) | %.2fx (%.2f-%.2f) |" % (
            label, wait["median"], wait["min"], wait["max"], alone["median"], alone["min"],
            alone["max"], ratio["median"], ratio["min"], ratio["max"]))


if __name__ == "__main__":
    main()
