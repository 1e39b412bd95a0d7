#include "vtkExplodedVoxelsFilter.h"

#include "vtkParaVoxelArraySelection.h"
#include "vtkParaVoxelPieces.h"

#include "ExplodedVoxelsCut.h"
#include "ExplodedVoxelsGrid.h"
#include "ExplodedVoxelsMesher.h"
#include "vtkDataArray.h"
#include "vtkDataObject.h"
#include "vtkDataSetAttributes.h"
#include "vtkImageData.h"
#include "vtkImplicitFunction.h"
#include "vtkInformation.h"
#include "vtkInformationIntegerRequestKey.h"
#include "vtkInformationVector.h"
#include "vtkNew.h"
#include "vtkObjectFactory.h"
#include "vtkPolyData.h"
#include "vtkStreamingDemandDrivenPipeline.h"

#include <algorithm>
#include <limits>
#include <string>

vtkStandardNewMacro(vtkExplodedVoxelsFilter);
vtkCxxSetObjectMacro(vtkExplodedVoxelsFilter, CutFunction, vtkImplicitFunction);

vtkExplodedVoxelsFilter::vtkExplodedVoxelsFilter()
  : LowerThreshold(0.0)
  , UpperThreshold(std::numeric_limits<double>::infinity())
{
  // By default, the active scalars of the points, else of the cells.
  this->SetInputArrayToProcess(
    0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS_THEN_CELLS, vtkDataSetAttributes::SCALARS);
}

vtkExplodedVoxelsFilter::~vtkExplodedVoxelsFilter()
{
  this->SetCutFunction(nullptr);
}

vtkMTimeType vtkExplodedVoxelsFilter::GetMTime()
{
  vtkMTimeType time = this->Superclass::GetMTime();
  if (this->CutFunction)
  {
    time = std::max(time, this->CutFunction->GetMTime());
  }
  return time;
}

int vtkExplodedVoxelsFilter::FillInputPortInformation(int, vtkInformation* info)
{
  info->Set(vtkAlgorithm::INPUT_REQUIRED_DATA_TYPE(), "vtkImageData");
  return 1;
}

int vtkExplodedVoxelsFilter::RequestUpdateExtent(
  vtkInformation*, vtkInformationVector** inputVector, vtkInformationVector* outputVector)
{
  vtkInformation* inInfo = inputVector[0]->GetInformationObject(0);
  vtkInformation* outInfo = outputVector->GetInformationObject(0);
  const int pieces = outInfo->Get(vtkStreamingDemandDrivenPipeline::UPDATE_NUMBER_OF_PIECES());
  const int ghostLevels =
    outInfo->Get(vtkStreamingDemandDrivenPipeline::UPDATE_NUMBER_OF_GHOST_LEVELS());
  // A piece needs the layer of voxels just beyond its border to know which faces it hides.
  inInfo->Set(vtkStreamingDemandDrivenPipeline::UPDATE_NUMBER_OF_GHOST_LEVELS(),
    ghostLevels + (pieces > 1 ? 1 : 0));
  return 1;
}

int vtkExplodedVoxelsFilter::RequestData(
  vtkInformation*, vtkInformationVector** inputVector, vtkInformationVector* outputVector)
{
  vtkImageData* input = vtkImageData::GetData(inputVector[0]);
  vtkPolyData* output = vtkPolyData::GetData(outputVector);
  if (!input || input->GetNumberOfPoints() == 0)
  {
    return 1;
  }

  int association = vtkDataObject::FIELD_ASSOCIATION_POINTS;
  vtkDataArray* scalars = this->GetInputArrayToProcess(0, inputVector, association);
  if (!scalars)
  {
    scalars = vtkParaVoxelArraySelection::ActiveScalarsWhenUnnamed(
      this->GetInputArrayInformation(0), input, association);
  }
  if (!scalars)
  {
    vtkInformation* selection = this->GetInputArrayInformation(0);
    vtkErrorMacro("The input has no "
      << (selection->Has(vtkDataObject::FIELD_NAME())
             ? std::string("array named '") + selection->Get(vtkDataObject::FIELD_NAME()) + "'"
             : std::string("scalars"))
      << " to make voxels from.");
    return 1;
  }
  if (association != vtkDataObject::FIELD_ASSOCIATION_POINTS &&
    association != vtkDataObject::FIELD_ASSOCIATION_CELLS)
  {
    vtkErrorMacro("Array '" << (scalars->GetName() ? scalars->GetName() : "")
                            << "' is neither point data nor cell data: voxels need one of them.");
    return 1;
  }
  if (this->ThresholdComponent >= scalars->GetNumberOfComponents())
  {
    vtkErrorMacro("ThresholdComponent " << this->ThresholdComponent << " does not exist: array '"
                                        << (scalars->GetName() ? scalars->GetName() : "")
                                        << "' has " << scalars->GetNumberOfComponents()
                                        << " component(s).");
    return 1;
  }

  // The piece this process owns, whatever extent the input holds.
  int wholeExtent[6];
  int pieceExtent[6];
  vtkParaVoxelPieces::ComputeOwnerPiece(outputVector->GetInformationObject(0),
    inputVector[0]->GetInformationObject(0), input->GetExtent(), wholeExtent, pieceExtent);

  paravoxel::ExplodedVoxelsGrid grid;
  grid.Initialize(
    input, association == vtkDataObject::FIELD_ASSOCIATION_CELLS, wholeExtent, pieceExtent);

  paravoxel::ExplodedVoxelsMesher::Settings settings;
  settings.LowerThreshold = this->LowerThreshold;
  settings.UpperThreshold = this->UpperThreshold;
  settings.ThresholdComponent = this->ThresholdComponent;
  settings.Gap = this->KeepInteriorFaces ? std::max(this->Gap, InteriorFaceInset) : this->Gap;
  settings.KeepInteriorFaces = this->KeepInteriorFaces;
  settings.OnlyFacesTowardViewPoint = this->OnlyFacesTowardViewPoint;
  std::copy(this->ViewPoint, this->ViewPoint + 3, settings.ViewPoint);

  paravoxel::ExplodedVoxelsMesher mesher(grid,
    [this](double fraction)
    {
      this->UpdateProgress(fraction);
      return !this->GetAbortExecute();
    });
  const paravoxel::ExplodedVoxelsCut cut(this->CutFunction, this->InvertCut);
  if (!mesher.Execute(settings, scalars, cut, output))
  {
    output->Initialize();
  }
  return 1;
}

void vtkExplodedVoxelsFilter::PrintSelf(ostream& os, vtkIndent indent)
{
  this->Superclass::PrintSelf(os, indent);
  os << indent << "LowerThreshold: " << this->LowerThreshold << "\n";
  os << indent << "UpperThreshold: " << this->UpperThreshold << "\n";
  os << indent << "ThresholdComponent: " << this->ThresholdComponent << "\n";
  os << indent << "Gap: " << this->Gap << "\n";
  os << indent << "KeepInteriorFaces: " << (this->KeepInteriorFaces ? "On" : "Off") << "\n";
  os << indent << "CutFunction: " << this->CutFunction << "\n";
  os << indent << "InvertCut: " << (this->InvertCut ? "On" : "Off") << "\n";
  os << indent << "OnlyFacesTowardViewPoint: " << (this->OnlyFacesTowardViewPoint ? "On" : "Off")
     << "\n";
  os << indent << "ViewPoint: " << this->ViewPoint[0] << " " << this->ViewPoint[1] << " "
     << this->ViewPoint[2] << "\n";
}
