"""ParaVoxel's VTK classes for (pv)python, without the GUI or the server manager.

    from paravoxel import vtkAnalyzeZipReader, vtkIntensityTransformFilter, vtkExplodedVoxelsFilter

Importing the package selects VTK's threaded SMP backend (see vtkParaVoxelThreading), so the
filters use every core; set VTK_SMP_BACKEND_IN_USE=Sequential to opt out and
VTK_SMP_MAX_THREADS=N to cap the thread count.

The package's modules are the .py files of its folders, which the build installs as they are:
the runtime library beside this file, and the figure gallery, paravoxel.gallery (paraview.simple,
nibabel, scipy), which imports the runtime library and never the other way round. Each is
imported on its own (`import paravoxel.labels`); modules() lists them with their summaries.
"""
import ast
import os
import pkgutil

from .ParaVoxelCommon import *  # noqa: F401,F403
from .ParaVoxelReaders import *  # noqa: F401,F403
from .ParaVoxelFilters import *  # noqa: F401,F403

vtkParaVoxelThreading.UseThreadedBackend()  # noqa: F405


def exploded_voxels_pipeline(file_name):
    """The tutorial's pipeline at VTK level, every property at its default: Analyze Zip Reader
    of `file_name` -> Intensity Transform -> Exploded Voxels (coloured by the transform's result).
    Returns the three algorithms, connected and not yet updated."""
    reader = vtkAnalyzeZipReader()  # noqa: F405
    reader.SetFileName(file_name)
    transform = vtkIntensityTransformFilter()  # noqa: F405
    transform.SetInputConnection(reader.GetOutputPort())
    voxels = vtkExplodedVoxelsFilter()  # noqa: F405
    voxels.SetInputConnection(transform.GetOutputPort())
    return reader, transform, voxels


def modules():
    """[(name, summary)] of every module of the package, sub-packages' too, found in its folders
    (pkgutil) and summarized by the first sentence of their docstrings, read without importing
    them (the gallery's would connect a ParaView session): what the documentation lists."""
    found = []

    def walk(folder, prefix):
        for module in pkgutil.iter_modules([folder]):
            path = os.path.join(folder, module.name)
            source = os.path.join(path, "__init__.py") if module.ispkg else path + ".py"
            summary = "ParaVoxel's VTK classes, wrapped from C++"
            if os.path.exists(source):
                with open(source, encoding="utf-8") as f:
                    docstring = ast.get_docstring(ast.parse(f.read())) or ""
                summary = " ".join(docstring.split("\n\n")[0].split()).split(". ")[0]
            found.append((prefix + module.name, summary))
            if module.ispkg:
                walk(path, prefix + module.name + ".")

    walk(os.path.dirname(os.path.abspath(__file__)), __name__ + ".")
    return found
