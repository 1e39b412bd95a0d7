#!/usr/bin/env bash
# Runs a command that needs an X display (pvbatch, paraview): on the display already set (as
# scripts/test.sh provides one Xvfb for the whole test run), else under its own Xvfb, with the
# screen of the build's paravoxel-env.sh ($PARAVOXEL_ENV, set by ctest).
if [ -n "${DISPLAY:-}" ] && xdpyinfo > /dev/null 2>&1; then
  exec "$@"
fi
source "${PARAVOXEL_ENV:?must name the build folder paravoxel-env.sh}"
exec xvfb-run -a -s "$PARAVOXEL_XVFB_SCREEN" "$@"
