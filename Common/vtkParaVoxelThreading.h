/**
 * @class   vtkParaVoxelThreading
 * @brief   Makes ParaVoxel's vtkSMPTools loops run on every core.
 *
 * Debian builds VTK with the STDThread SMP backend compiled in but the Sequential backend
 * selected by default, so vtkSMPTools::For would run on one core. UseThreadedBackend()
 * switches to STDThread unless the user chose a backend explicitly through the
 * VTK_SMP_BACKEND_IN_USE environment variable. The thread count follows VTK_SMP_MAX_THREADS
 * (default: all cores). The ParaVoxel plugin calls it when it is loaded; the `paravoxel`
 * Python package calls it when it is imported.
 */
#ifndef vtkParaVoxelThreading_h
#define vtkParaVoxelThreading_h

#include "ParaVoxelCommonModule.h" // for export macro
#include "vtkObject.h"

class PARAVOXELCOMMON_EXPORT vtkParaVoxelThreading : public vtkObject
{
public:
  // Static members only, reached through the class (from Python too): no New(), no instances.
  vtkAbstractTypeMacro(vtkParaVoxelThreading, vtkObject);

  /**
   * Select the STDThread backend unless VTK_SMP_BACKEND_IN_USE is set. Returns the name of the
   * backend in use afterwards.
   */
  static const char* UseThreadedBackend();

  /**
   * Number of threads vtkSMPTools will use with the backend in use.
   */
  static int GetNumberOfThreads();
};

#endif
