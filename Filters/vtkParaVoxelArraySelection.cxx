#include "vtkParaVoxelArraySelection.h"

#include "vtkCellData.h"
#include "vtkDataArray.h"
#include "vtkDataObject.h"
#include "vtkDataSet.h"
#include "vtkInformation.h"
#include "vtkObjectFactory.h"
#include "vtkPointData.h"

vtkStandardNewMacro(vtkParaVoxelArraySelection);

vtkDataArray* vtkParaVoxelArraySelection::ActiveScalarsWhenUnnamed(
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
