"""Shared helpers of ParaVoxel's Python tests (pvpython / pvbatch)."""
import os
import sys

import numpy as np

DATA = os.environ.get("PARAVOXEL_TEST_DATA", "")
PLUGIN = os.environ.get("PARAVOXEL_PLUGIN", "")


def data_path(*parts):
    return os.path.join(DATA, *parts)


def load_plugin(namespace):
    """Load the ParaVoxel plugin into a paraview.simple namespace (pass globals())."""
    from paraview.simple import LoadPlugin
    LoadPlugin(PLUGIN, remote=False, ns=namespace)


def image_to_numpy(image, name=None, cell=False):
    """Array `name` (default: active scalars) of a vtkImageData as a numpy array indexed [i, j, k]
    (plus a trailing component axis when it has several), like nibabel's dataobj."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    attributes = image.GetCellData() if cell else image.GetPointData()
    array = attributes.GetArray(name) if name else attributes.GetScalars()
    if array is None:
        raise AssertionError("no array %r in the image" % (name,))
    dims = list(image.GetDimensions())
    if cell:
        dims = [max(d - 1, 1) for d in dims]
    values = vtk_to_numpy(array)
    components = array.GetNumberOfComponents()
    shape = dims[::-1] + ([components] if components > 1 else [])
    values = values.reshape(shape)
    return values.transpose((2, 1, 0) + ((3,) if components > 1 else ()))


class ErrorCatcher:
    """Collects the error and warning messages a VTK object emits (and keeps them off stderr)."""

    def __init__(self, vtk_object):
        from vtkmodules.util.misc import calldata_type
        from vtkmodules.util.vtkConstants import VTK_STRING
        self.errors = []
        self.warnings = []

        # VTK passes the message as call data only when the callback declares its type.
        @calldata_type(VTK_STRING)
        def on_error(obj, event, message):
            self.errors.append(message)

        @calldata_type(VTK_STRING)
        def on_warning(obj, event, message):
            self.warnings.append(message)

        self._callbacks = (on_error, on_warning)
        vtk_object.AddObserver("ErrorEvent", on_error)
        vtk_object.AddObserver("WarningEvent", on_warning)


def fail(message):
    print("FAIL:", message)
    sys.exit(1)
