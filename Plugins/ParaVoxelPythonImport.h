/**
 * @class   ParaVoxelPythonImport
 * @brief   Makes ParaVoxel's VTK classes known to Python as soon as the plugin is loaded.
 *
 * VTK's Python wrapping gives an object the Python class of the nearest class it knows, and
 * keeps that choice for the class name. Without this, a proxy made before `import paravoxel`
 * (`AnalyzeZipReader(...)` right after `LoadPlugin`) hands out its VTK object as a plain
 * vtkImageAlgorithm, without SetArchiveBuffer or GetCurrentVolume, and importing paravoxel later
 * does not change it. So the plugin imports the `paravoxel` package itself: at once when Python
 * runs (pvpython, pvbatch, python3 and Jupyter with paraview.simple), or when the GUI starts its
 * Python later. The package is looked for on Python's path, then beside the plugin (the build
 * tree and the installed tree both keep it at `<libdir>/paravoxel-python`).
 */
#ifndef ParaVoxelPythonImport_h
#define ParaVoxelPythonImport_h

namespace paravoxel
{
class ParaVoxelPythonImport
{
public:
  /** The plugin's initializer: import now, or when Python starts. */
  static void ImportWhenPythonRuns();
};
} // namespace paravoxel

#endif
