#include "vtkParaVoxelLabels.h"

#include "vtkDoubleArray.h"
#include "vtkInformation.h"
#include "vtkInformationIntegerVectorKey.h"
#include "vtkInformationStringVectorKey.h"
#include "vtkStreamingDemandDrivenPipeline.h"
#include "vtkStringArray.h"

#include <string>
#include <vector>

namespace
{
/**
 * A vector key that the pipeline carries downstream with the meta-data, as VTK's
 * vtkInformationDataObjectMetaDataKey does: ParaView puts a vtkPVPostFilter between a reader and
 * each filter, and Intensity Transform may stand there too, yet Exploded Voxels must list the
 * region names, and the GUI colour them, before any data is read.
 */
template <class VectorKey>
class MetaDataVectorKey : public VectorKey
{
public:
  MetaDataVectorKey(const char* name, const char* location)
    : VectorKey(name, location) // which registers it, to be freed at exit
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
    new MetaDataVectorKey<vtkInformationStringVectorKey>("LABEL_NAMES", "vtkParaVoxelLabels");
  return key;
}

vtkInformationIntegerVectorKey* vtkParaVoxelLabels::LABEL_COLORS()
{
  static vtkInformationIntegerVectorKey* key =
    new MetaDataVectorKey<vtkInformationIntegerVectorKey>("LABEL_COLORS", "vtkParaVoxelLabels");
  return key;
}

void vtkParaVoxelLabels::GetAnnotations(
  vtkInformation* info, vtkStringArray* annotations, vtkDoubleArray* indexedColors)
{
  annotations->Initialize();
  indexedColors->Initialize();
  std::vector<std::string> names;
  std::vector<int> colors;
  if (info && info->Has(LABEL_NAMES()))
  {
    for (int label = 0; label < info->Length(LABEL_NAMES()); ++label)
    {
      names.emplace_back(info->Get(LABEL_NAMES(), label));
    }
  }
  if (info && info->Has(LABEL_COLORS()) && info->Length(LABEL_COLORS()) >= 3)
  {
    const int* values = info->Get(LABEL_COLORS());
    colors.assign(values, values + info->Length(LABEL_COLORS()) / 3 * 3);
  }
  std::vector<std::size_t> labels;
  for (std::size_t label = 0; label < names.size(); ++label)
  {
    if (!names[label].empty())
    {
      labels.push_back(label);
    }
  }
  if (labels.empty())
  {
    for (std::size_t label = 0; label < colors.size() / 3; ++label)
    {
      labels.push_back(label);
    }
  }
  for (const std::size_t label : labels)
  {
    const std::string number = std::to_string(label);
    annotations->InsertNextValue(number);
    annotations->InsertNextValue(
      label < names.size() && !names[label].empty() ? names[label] : number);
    for (std::size_t c = 0; c < 3; ++c)
    {
      indexedColors->InsertNextValue(
        3 * label + c < colors.size() ? colors[3 * label + c] / 255.0 : 0.0);
    }
  }
}
