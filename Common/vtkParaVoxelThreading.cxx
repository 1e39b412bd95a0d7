#include "vtkParaVoxelThreading.h"

#include "vtkSMPTools.h"

#include <cstdlib>
#include <cstring>

const char* vtkParaVoxelThreading::UseThreadedBackend()
{
  const char* requested = std::getenv("VTK_SMP_BACKEND_IN_USE");
  if (!requested || !*requested)
  {
    vtkSMPTools::SetBackend("STDThread");
    // vtkSMPTools reads VTK_SMP_MAX_THREADS only when it initializes the backend; do it now so
    // that the choice holds for every later loop.
    const char* maxThreads = std::getenv("VTK_SMP_MAX_THREADS");
    vtkSMPTools::Initialize(maxThreads ? std::atoi(maxThreads) : 0);
  }
  return vtkSMPTools::GetBackend();
}

int vtkParaVoxelThreading::GetNumberOfThreads()
{
  return vtkSMPTools::GetEstimatedNumberOfThreads();
}
