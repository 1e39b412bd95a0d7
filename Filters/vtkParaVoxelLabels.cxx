#include "vtkParaVoxelLabels.h"

#include "vtkInformation.h"
#include "vtkInformationStringVectorKey.h"
#include "vtkStreamingDemandDrivenPipeline.h"

namespace
{
/**
 * A string vector key that the pipeline carries downstream with the meta-data, as VTK's
 * vtkInformationDataObjectMetaDataKey does: ParaView puts a vtkPVPostFilter between a reader and
 * each filter, and Intensity Transform may stand there too, yet Exploded Voxels must list the
 * region names before any data is read.
 */
class LabelNamesKey : public vtkInformationStringVectorKey
{
public:
  LabelNamesKey(const char* name, const char* location)
    : vtkInformationStringVectorKey(name, location) // which registers it, to be freed at exit
  {
  }

  void CopyDefaultInformation(
    vtkInformation* request, vtkInformation* fromInfo, vtkInformation* toInfo) override
  {
    if (request->Has(vtkStreamingDemandDrivenPipeline::REQUEST_INFORMATION()))
    {
      // ShallowCopy sets the values one by one: a longer list of earlier names would remain.
      toInfo->Remove(this);
      this->ShallowCopy(fromInfo, toInfo);
    }
  }
};
} // namespace

vtkInformationStringVectorKey* vtkParaVoxelLabels::LABEL_NAMES()
{
  static vtkInformationStringVectorKey* key =
    new LabelNamesKey("LABEL_NAMES", "vtkParaVoxelLabels");
  return key;
}
