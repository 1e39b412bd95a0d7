"""ParaVoxel's VTK classes for (pv)python, without the GUI or the server manager.

    from paravoxel import vtkAnalyzeZipReader, vtkIntensityTransformFilter, vtkExplodedVoxelsFilter

Importing the package selects VTK's threaded SMP backend (see vtkParaVoxelThreading), so the
filters use every core; set VTK_SMP_BACKEND_IN_USE=Sequential to opt out and
VTK_SMP_MAX_THREADS=N to cap the thread count.
"""
from .ParaVoxelReaders import *  # noqa: F401,F403
from .ParaVoxelFilters import *  # noqa: F401,F403

vtkParaVoxelThreading.UseThreadedBackend()  # noqa: F405
