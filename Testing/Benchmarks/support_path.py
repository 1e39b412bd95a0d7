"""Puts Testing/Python, the folder of the test support package `support` (support.measure,
support.volumes, support.reference), on this benchmark's module path and on the PYTHONPATH of the
processes it starts, whose scripts import it too. Every benchmark imports this first."""
import os
import sys

FOLDER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Python")
if FOLDER not in sys.path:
    sys.path.insert(0, FOLDER)
os.environ["PYTHONPATH"] = os.pathsep.join(
    [FOLDER] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
