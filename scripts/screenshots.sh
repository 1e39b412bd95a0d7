#!/usr/bin/env bash
# Takes the screenshots of the GUI walk-through (docs/user/figures.md) from the running ParaView,
# with the plugin from the build: plays scripts/gui_walkthrough.xml.in under Xvfb and captures the whole
# screen (xwd) at each step, cropped to the window, as PNGs (netpbm).
#   scripts/screenshots.sh [OUT_FOLDER]     (default: Examples/screenshots)
# Needs a build (scripts/build.sh); scripts/render.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-Examples/screenshots}")
source "${BUILD_DIR:-build}/paravoxel-env.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/steps"
sed -e "s#@ARCHIVE@#$PWD/Examples/data/attention.zip#" \
    -e "s#@ANY_PNG@#$PWD/Testing/Baseline/TestOpenZipInGUI.png#" \
    -e "s#@NO_BASELINE@#$work/no-baseline#" scripts/gui_walkthrough.xml.in > "$work/walkthrough.xml"

# Inside the X server: says where the display is, then runs the GUI on a fixed-size window,
# with settings of its own (no plugin or layout remembered from other ParaView sessions).
cat > "$work/gui.sh" <<GUI
echo "\$DISPLAY \$XAUTHORITY" > "$work/display"
export XDG_CONFIG_HOME="$work/config"
exec paraview --dr "--plugin-search-paths=$(dirname "$PARAVOXEL_PLUGIN")" --plugins=ParaVoxel \
  "--test-directory=$work/steps" "--test-script=$work/walkthrough.xml" --exit \
  -geometry 1500x950+0+0
GUI

# A step's PNG appearing in the test directory is the signal to capture the screen.
capture_steps() {
  while true; do
    for step in "$work"/steps/*.png; do
      [ -e "$step" ] && [ ! -e "$step.taken" ] || continue
      read -r display xauthority < "$work/display"
      XAUTHORITY=$xauthority xwd -root -silent -display "$display" \
        | xwdtopnm 2>/dev/null | pnmcrop -black 2>/dev/null | pnmtopng > "$out/$(basename "$step")"
      touch "$step.taken"
    done
    sleep 0.1
  done
}
capture_steps &
watcher=$!
status=0
xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" bash "$work/gui.sh" > "$work/paraview.log" 2>&1 \
  || status=$?
kill "$watcher"
expected=$(grep -c "<pqcompareimage" scripts/gui_walkthrough.xml.in)
taken=$(ls "$work"/steps/*.taken 2>/dev/null | wc -l)
if [ "$status" -ne 0 ] || [ "$taken" -ne "$expected" ]; then
  tail -30 "$work/paraview.log"
  echo "screenshots: paraview exited with $status, $taken of $expected steps captured" >&2
  exit 1
fi
echo "screenshots: $taken steps in $out"
