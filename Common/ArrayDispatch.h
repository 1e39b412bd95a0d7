/**
 * @class   ArrayDispatch
 * @brief   Runs a worker on a data array with the array's concrete type.
 *
 * vtkArrayDispatch gives the worker the concrete array for the common value types, so that its
 * loops are typed and inlined; any other array (an implicit or mapped array, say) still works,
 * through the generic vtkDataArray API. The worker's operator() is a template over the array
 * type, taking the array first, then `args`. IsIntegerType tells the integer value types apart.
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

  /** Whether values of VTK type `dataType` are integers. */
  static bool IsIntegerType(int dataType)
  {
    switch (dataType)
    {
      case VTK_CHAR:
      case VTK_SIGNED_CHAR:
      case VTK_UNSIGNED_CHAR:
      case VTK_SHORT:
      case VTK_UNSIGNED_SHORT:
      case VTK_INT:
      case VTK_UNSIGNED_INT:
      case VTK_LONG:
      case VTK_UNSIGNED_LONG:
      case VTK_LONG_LONG:
      case VTK_UNSIGNED_LONG_LONG:
      case VTK_ID_TYPE:
        return true;
      default:
        return false;
    }
  }
};

} // namespace paravoxel

#endif
