/**
 * @class   ArrayDispatch
 * @brief   Runs a worker on a data array with the array's concrete type.
 *
 * vtkArrayDispatch gives the worker the concrete array for the common value types, so that its
 * loops are typed and inlined; any other array (an implicit or mapped array, say) still works,
 * through the generic vtkDataArray API. The worker's operator() is a template over the array
 * type, taking the array first, then `args`.
 */
#ifndef paravoxel_ArrayDispatch_h
#define paravoxel_ArrayDispatch_h

#include "vtkArrayDispatch.h"

#include <utility>

namespace paravoxel
{
class ArrayDispatch
{
public:
  template <typename Worker, typename... Args>
  static void Execute(vtkDataArray* array, Worker&& worker, Args&&... args)
  {
    if (!vtkArrayDispatch::Dispatch::Execute(array, worker, std::forward<Args>(args)...))
    {
      worker(array, std::forward<Args>(args)...);
    }
  }
};

} // namespace paravoxel

#endif
