"""numpy arrays <-> vtkImageData, both indexed [i, j, k] (plus a trailing component axis when an
array has several), like nibabel's dataobj; VTK stores i fastest."""
import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonDataModel import vtkImageData


def _swap_i_and_k(values):
    """[i, j, k] (plus components) <-> VTK's layout, k slowest and i fastest: the same swap both
    ways."""
    return values.transpose((2, 1, 0) + ((3,) if values.ndim == 4 else ()))


def numpy_to_image(values, name="Intensity", spacing=(1, 1, 1), origin=(0, 0, 0), cell=False):
    """A vtkImageData whose point (or cell) array `name` holds `values`; `values` may also be a
    dict {name: array} of arrays of one shape, the first the active scalars. The inverse of
    image_to_numpy."""
    arrays = values if isinstance(values, dict) else {name: values}
    image = vtkImageData()
    shape = np.shape(next(iter(arrays.values())))[:3]
    image.SetDimensions(*[n + 1 if cell else n for n in shape])
    image.SetSpacing(*spacing)
    image.SetOrigin(*origin)
    attributes = image.GetCellData() if cell else image.GetPointData()
    for index, (array_name, array_values) in enumerate(arrays.items()):
        array_values = np.asarray(array_values)
        components = array_values.shape[3] if array_values.ndim == 4 else 1
        flat = _swap_i_and_k(array_values)
        flat = flat.reshape(-1, components) if components > 1 else flat.ravel()
        flat = np.ascontiguousarray(flat)
        array = numpy_to_vtk(flat, deep=1)
        array.SetName(array_name)
        if index == 0:
            attributes.SetScalars(array)
        else:
            attributes.AddArray(array)
    return image


def image_to_numpy(image, name=None, cell=False):
    """Array `name` (default: the active scalars) of a vtkImageData's points (or cells) as a numpy
    array indexed [i, j, k]; raises AssertionError when the image has no such array."""
    attributes = image.GetCellData() if cell else image.GetPointData()
    array = attributes.GetArray(name) if name else attributes.GetScalars()
    if array is None:
        raise AssertionError("no array %r in the image" % (name,))
    dims = list(image.GetDimensions())
    if cell:
        dims = [max(d - 1, 1) for d in dims]
    components = array.GetNumberOfComponents()
    values = vtk_to_numpy(array).reshape(dims[::-1] + ([components] if components > 1 else []))
    return _swap_i_and_k(values)
