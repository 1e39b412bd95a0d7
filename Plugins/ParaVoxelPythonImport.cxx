#include "ParaVoxelPythonImport.h"

#include "vtkCallbackCommand.h"
#include "vtkCommand.h"
#include "vtkNew.h"
#include "vtkPythonInterpreter.h"

#include <dlfcn.h>

#include <string>

namespace paravoxel
{
namespace
{
/** `<libdir>/paravoxel-python`, from the plugin's own file `<libdir>/<plugin
 * subdir>/ParaVoxel/ParaVoxel.so`. */
std::string PackageFolderBesidePlugin()
{
  Dl_info info;
  if (!dladdr(reinterpret_cast<void*>(&ParaVoxelPythonImport::ImportWhenPythonRuns), &info) ||
    !info.dli_fname)
  {
    return std::string();
  }
  const std::string plugin = info.dli_fname;
  const std::string folder = plugin.substr(0, plugin.find_last_of('/') + 1);
  return folder + PARAVOXEL_PYTHON_FROM_PLUGIN;
}

void ImportPackage()
{
  // Python string literal of the folder: a raw string cannot end in a backslash or hold a quote,
  // neither of which an install path of ours has; anything else is left to Python's path.
  const std::string folder = PackageFolderBesidePlugin();
  const bool usable = folder.find_first_of("'\\\n") == std::string::npos;
  const std::string script = std::string("import sys\n"
                                         "try:\n"
                                         "    import paravoxel\n"
                                         "except ImportError:\n") +
    (usable ? "    sys.path.append(r'" + folder + "')\n    import paravoxel\n" : "    raise\n");
  vtkPythonInterpreter::RunSimpleString(script.c_str());
}
} // namespace

void ParaVoxelPythonImport::ImportWhenPythonRuns()
{
  if (vtkPythonInterpreter::IsInitialized())
  {
    // Python started by its own program (python3 importing paraview.simple, a Jupyter kernel)
    // has not met vtkPythonInterpreter yet: its first RunSimpleString would replace sys.stdout
    // and sys.stderr with VTK's capture helpers, and a notebook's output would go to the
    // terminal. The program's streams stay; pvpython's interpreter was set up before, unchanged.
    const bool redirect = vtkPythonInterpreter::GetRedirectOutput();
    vtkPythonInterpreter::SetRedirectOutput(false);
    ImportPackage();
    vtkPythonInterpreter::SetRedirectOutput(redirect);
    return;
  }
  // The GUI starts Python only when something needs it; its interpreters announce that with
  // EnterEvent. The watcher lives as long as the process.
  static vtkNew<vtkPythonInterpreter> watcher;
  static vtkNew<vtkCallbackCommand> onStart;
  onStart->SetCallback([](vtkObject*, unsigned long, void*, void*) { ImportPackage(); });
  watcher->AddObserver(vtkCommand::EnterEvent, onStart);
}
} // namespace paravoxel
