#include "DefaultScalars.h"

#include "vtkCellData.h"
#include "vtkDataArray.h"
#include "vtkDataObject.h"
#include "vtkDataSet.h"
#include "vtkInformation.h"
#include "vtkPointData.h"

vtkDataArray* paravoxel::DefaultScalars::ActiveScalarsWhenUnnamed(
  vtkInformation* selection, vtkDataSet* input, int& association)
{
  if (!selection || !input || !selection->Has(vtkDataObject::FIELD_NAME()) ||
    *selection->Get(vtkDataObject::FIELD_NAME()))
  {
    return nullptr;
  }
  if (vtkDataArray* scalars = input->GetPointData()->GetScalars())
  {
    association = vtkDataObject::FIELD_ASSOCIATION_POINTS;
    return scalars;
  }
  association = vtkDataObject::FIELD_ASSOCIATION_CELLS;
  return input->GetCellData()->GetScalars();
}

std::string paravoxel::DefaultScalars::DescribeSelection(vtkInformation* selection)
{
  return selection && selection->Has(vtkDataObject::FIELD_NAME())
    ? std::string("array named '") + selection->Get(vtkDataObject::FIELD_NAME()) + "'"
    : std::string("scalars");
}
