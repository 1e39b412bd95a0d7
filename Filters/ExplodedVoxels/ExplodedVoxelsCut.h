/**
 * @class   ExplodedVoxelsCut
 * @brief   Decides, from many threads at once and without locks, whether the cut function of
 *          vtkExplodedVoxelsFilter removes the voxel centred at a point.
 *
 * vtkImplicitFunction::FunctionValue() passes each point through the function's transform, and
 * vtkAbstractTransform::TransformPoint() takes a mutex on every call: ParaView's box widget
 * function (vtkPVBox) has such a transform. Here the matrix of a homogeneous (e.g. linear)
 * transform is read once and applied directly, then EvaluateFunction() (which has no side
 * effects) runs on the transformed point. Other transforms fall back to FunctionValue().
 *
 * A voxel is removed when the function is <= 0 at its centre, or > 0 with Invert.
 */
#ifndef paravoxel_ExplodedVoxelsCut_h
#define paravoxel_ExplodedVoxelsCut_h

class vtkImplicitFunction;

namespace paravoxel
{
class ExplodedVoxelsCut
{
public:
  /** `function` may be nullptr: then nothing is removed. */
  ExplodedVoxelsCut(vtkImplicitFunction* function, bool invert);

  /** Whether any voxel can be removed at all. */
  bool IsActive() const { return this->Function != nullptr; }

  /** Whether the voxel centred at `center` is cut away. Thread-safe. */
  bool Removes(const double center[3]) const;

private:
  vtkImplicitFunction* Function;
  bool Invert;
  bool HasMatrix = false;
  bool NeedsFunctionValue = false;
  double Matrix[4][4];
};

} // namespace paravoxel

#endif
