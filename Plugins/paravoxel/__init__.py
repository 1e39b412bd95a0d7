"""ParaVoxel's VTK classes for (pv)python, without the GUI or the server manager.

    from paravoxel import vtkAnalyzeZipReader, vtkIntensityTransformFilter, vtkExplodedVoxelsFilter

Importing the package selects VTK's threaded SMP backend (see vtkParaVoxelThreading), so the
filters use every core; set VTK_SMP_BACKEND_IN_USE=Sequential to opt out and
VTK_SMP_MAX_THREADS=N to cap the thread count.

Submodules, imported on their own (`import paravoxel.figures`):
  images     numpy arrays <-> vtkImageData
  labels     colour a label atlas by its regions' names and colours (color_by_labels)
  reference  the tutorial's intensity curve in numpy, the reference of tests and benchmarks
  parallel   the MPI rank of a pvbatch --symmetric script
  figures    the seed tutorial's figures rendered with paraview.simple (Examples/render_figures.py)
  overlays   atlases and a t map over anatomy in world space (Examples/overlays.py)
  measure    timing and peak memory of a benchmark's methods, each in its own process
  volumes    the benchmarks' volumes: mricron-data's ch2better as Analyze zips
"""
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
