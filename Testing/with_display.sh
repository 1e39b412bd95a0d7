#!/usr/bin/env bash
# Runs a command that needs an X display (pvbatch, paraview): on the display already set (as
# scripts/test.sh provides one Xvfb for the whole test run), else under its own Xvfb.
if [ -n "${DISPLAY:-}" ] && xdpyinfo > /dev/null 2>&1; then
  exec "$@"
fi
exec xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" "$@"
