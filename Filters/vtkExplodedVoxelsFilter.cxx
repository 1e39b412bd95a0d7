#include "vtkExplodedVoxelsFilter.h"

#include "DefaultScalars.h"
#include "ImagePieces.h"

#include "ArrayDispatch.h"
#include "ExplodedVoxelsCut.h"
#include "ExplodedVoxelsGrid.h"
#include "ExplodedVoxelsMesher.h"
#include "ExplodedVoxelsRegions.h"
#include "vtkDataArray.h"
#include "vtkDataObject.h"
#include "vtkDataSetAttributes.h"
#include "vtkDoubleArray.h"
#include "vtkFieldData.h"
#include "vtkImageData.h"
#include "vtkImplicitFunction.h"
#include "vtkInformation.h"
#include "vtkInformationIntegerRequestKey.h"
#include "vtkInformationStringVectorKey.h"
#include "vtkInformationVector.h"
#include "vtkMultiProcessController.h"
#include "vtkNew.h"
#include "vtkObjectFactory.h"
#include "vtkParaVoxelLabels.h"
#include "vtkPolyData.h"
#include "vtkStreamingDemandDrivenPipeline.h"
#include "vtkStringArray.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <unordered_map>

vtkStandardNewMacro(vtkExplodedVoxelsFilter);
vtkCxxSetObjectMacro(vtkExplodedVoxelsFilter, CutFunction, vtkImplicitFunction);
vtkCxxSetObjectMacro(vtkExplodedVoxelsFilter, Controller, vtkMultiProcessController);

namespace
{
// The label names of an image: its field data LabelNames, if it is a string array.
vtkStringArray* FindLabelNames(vtkDataObject* image)
{
  return image && image->GetFieldData()
    ? vtkStringArray::SafeDownCast(
        image->GetFieldData()->GetAbstractArray(vtkParaVoxelLabels::GetNamesArrayName()))
    : nullptr;
}

// `text` as a whole decimal integer, if it is one.
bool ParseLabel(const std::string& text, long long& label)
{
  if (text.empty())
  {
    return false;
  }
  char* end = nullptr;
  errno = 0;
  label = std::strtoll(text.c_str(), &end, 10);
  return errno == 0 && end == text.c_str() + text.size();
}
}

vtkExplodedVoxelsFilter::vtkExplodedVoxelsFilter()
  : LowerThreshold(0.0)
  , UpperThreshold(std::numeric_limits<double>::infinity())
{
  // By default, the active scalars of the points, else of the cells.
  this->SetInputArrayToProcess(
    0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS_THEN_CELLS, vtkDataSetAttributes::SCALARS);
  this->SetController(vtkMultiProcessController::GetGlobalController());
}

vtkExplodedVoxelsFilter::~vtkExplodedVoxelsFilter()
{
  this->SetCutFunction(nullptr);
  this->SetController(nullptr);
}

void vtkExplodedVoxelsFilter::AddRegion(const char* region)
{
  this->SetRegionStatus(region, 1);
}

void vtkExplodedVoxelsFilter::RemoveAllRegions()
{
  if (!this->Regions.empty())
  {
    this->Regions.clear();
    this->UpdateListedRegions();
    this->Modified();
  }
}

void vtkExplodedVoxelsFilter::UpdateListedRegions()
{
  // The selections that are no name of the list are listed too: ParaView 6.1.1 resets the Regions
  // property to this list (RegionInfo) whenever the list changes (vtkSMArraySelectionDomain
  // copies its information property on DomainModified), so a region chosen by its number, say
  // "116" from Python, that the list did not hold was dropped on the client before any process
  // saw it: fewer faces, without a word.
  this->ListedRegions = this->AvailableRegions;
  for (const std::string& region : this->Regions)
  {
    if (std::find(this->ListedRegions.begin(), this->ListedRegions.end(), region) ==
      this->ListedRegions.end())
    {
      this->ListedRegions.push_back(region);
    }
  }
}

const char* vtkExplodedVoxelsFilter::GetRegion(int index) const
{
  return index >= 0 && index < this->GetNumberOfRegions() ? this->Regions[index].c_str() : nullptr;
}

void vtkExplodedVoxelsFilter::SetRegionStatus(const char* region, int status)
{
  if (!region)
  {
    return;
  }
  const auto found = std::find(this->Regions.begin(), this->Regions.end(), region);
  if (status && found == this->Regions.end())
  {
    this->Regions.emplace_back(region);
    this->UpdateListedRegions();
    this->Modified();
  }
  else if (!status && found != this->Regions.end())
  {
    this->Regions.erase(found);
    this->UpdateListedRegions();
    this->Modified();
  }
}

const char* vtkExplodedVoxelsFilter::GetRegionArrayName(int index) const
{
  return index >= 0 && index < this->GetNumberOfRegionArrays() ? this->ListedRegions[index].c_str()
                                                               : nullptr;
}

int vtkExplodedVoxelsFilter::GetRegionArrayStatus(const char* region) const
{
  return region &&
      std::find(this->Regions.begin(), this->Regions.end(), region) != this->Regions.end()
    ? 1
    : 0;
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

vtkStringArray* vtkExplodedVoxelsFilter::GetLabelAnnotations()
{
  return this->LabelAnnotations;
}

vtkDoubleArray* vtkExplodedVoxelsFilter::GetLabelIndexedColors()
{
  return this->LabelIndexedColors;
}

int vtkExplodedVoxelsFilter::RequestInformation(
  vtkInformation*, vtkInformationVector** inputVector, vtkInformationVector*)
{
  // The GUI's list of regions: the names the reader announces on its output information before
  // any data is read (vtkParaVoxelLabels::LABEL_NAMES), else, behind other filters, which do not
  // pass that key on, the names in the field data the input holds now.
  this->AvailableRegions.clear();
  vtkInformation* inInfo = inputVector[0]->GetInformationObject(0);
  std::vector<std::string> names;
  if (inInfo && inInfo->Has(vtkParaVoxelLabels::LABEL_NAMES()))
  {
    for (int label = 0; label < inInfo->Length(vtkParaVoxelLabels::LABEL_NAMES()); ++label)
    {
      names.emplace_back(inInfo->Get(vtkParaVoxelLabels::LABEL_NAMES(), label));
    }
  }
  else if (vtkStringArray* held =
             FindLabelNames(inInfo ? inInfo->Get(vtkDataObject::DATA_OBJECT()) : nullptr))
  {
    for (vtkIdType label = 0; label < held->GetNumberOfValues(); ++label)
    {
      names.push_back(held->GetValue(label));
    }
  }
  // The colour map the GUI gives the output's displays: from the reader's keys only, as names
  // found in field data alone come without their colours.
  vtkParaVoxelLabels::GetAnnotations(inInfo, this->LabelAnnotations, this->LabelIndexedColors);
  for (const std::string& name : names)
  {
    if (!name.empty() &&
      std::find(this->AvailableRegions.begin(), this->AvailableRegions.end(), name) ==
        this->AvailableRegions.end())
    {
      this->AvailableRegions.push_back(name);
    }
  }
  this->UpdateListedRegions();
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

  // The regions' centroids are added up over the processes when the pipeline runs one piece per
  // process: then every process takes part in those reductions, whatever its piece holds.
  const int pieces =
    paravoxel::ImagePieces::GetNumberOfPieces(outputVector->GetInformationObject(0));
  paravoxel::ExplodedVoxelsRegions::Request regionRequest;
  regionRequest.Explosion = this->RegionExplosion;
  regionRequest.Controller =
    (this->Controller && pieces > 1 && this->Controller->GetNumberOfProcesses() == pieces)
    ? this->Controller
    : nullptr;
  paravoxel::ExplodedVoxelsGrid grid;
  paravoxel::ExplodedVoxelsRegions regions(grid);
  const auto endWithoutVoxels = [&]()
  {
    if (regionRequest.Explosion != 0.0 && regionRequest.Controller)
    {
      std::string error;
      if (regions.Initialize(regionRequest, 1, 0, error))
      {
        regions.ComputeOffsets();
      }
    }
    return 1;
  };

  if (!input || input->GetNumberOfPoints() == 0)
  {
    return endWithoutVoxels();
  }

  int association = vtkDataObject::FIELD_ASSOCIATION_POINTS;
  vtkDataArray* scalars = this->GetInputArrayToProcess(0, inputVector, association);
  if (!scalars)
  {
    scalars = paravoxel::DefaultScalars::ActiveScalarsWhenUnnamed(
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
    return endWithoutVoxels();
  }
  if (association != vtkDataObject::FIELD_ASSOCIATION_POINTS &&
    association != vtkDataObject::FIELD_ASSOCIATION_CELLS)
  {
    vtkErrorMacro("Array '" << (scalars->GetName() ? scalars->GetName() : "")
                            << "' is neither point data nor cell data: voxels need one of them.");
    return endWithoutVoxels();
  }
  if (this->ThresholdComponent >= scalars->GetNumberOfComponents())
  {
    vtkErrorMacro("ThresholdComponent " << this->ThresholdComponent << " does not exist: array '"
                                        << (scalars->GetName() ? scalars->GetName() : "")
                                        << "' has " << scalars->GetNumberOfComponents()
                                        << " component(s).");
    return endWithoutVoxels();
  }

  // Regions: labels are the values of one-component integer arrays.
  const bool labels = scalars->GetNumberOfComponents() == 1 &&
    paravoxel::ArrayDispatch::IsIntegerType(scalars->GetDataType());
  if (!labels && (!this->Regions.empty() || this->RegionExplosion != 0.0))
  {
    vtkErrorMacro("Regions and RegionExplosion need a one-component integer array of labels: '"
      << (scalars->GetName() ? scalars->GetName() : "") << "' is " << scalars->GetDataTypeAsString()
      << " with " << scalars->GetNumberOfComponents() << " component(s).");
    return endWithoutVoxels();
  }
  vtkStringArray* labelNames = labels ? FindLabelNames(input) : nullptr;
  regionRequest.Names = labelNames;
  regionRequest.SelectAll = this->Regions.empty();
  if (!this->Regions.empty())
  {
    // Names first (every label of that name), then numbers.
    std::unordered_map<std::string, std::vector<long long>> labelsByName;
    for (vtkIdType label = 0; labelNames && label < labelNames->GetNumberOfValues(); ++label)
    {
      labelsByName[labelNames->GetValue(label)].push_back(label);
    }
    std::string unknown;
    for (const std::string& region : this->Regions)
    {
      const auto named = labelsByName.find(region);
      long long label;
      if (!region.empty() && named != labelsByName.end())
      {
        regionRequest.SelectedLabels.insert(
          regionRequest.SelectedLabels.end(), named->second.begin(), named->second.end());
      }
      else if (ParseLabel(region, label))
      {
        regionRequest.SelectedLabels.push_back(label);
      }
      else
      {
        unknown += (unknown.empty() ? "'" : ", '") + region + "'";
      }
    }
    if (!unknown.empty())
    {
      vtkWarningMacro(
        "Regions " << unknown << " are neither label numbers nor names in the "
                   << (labelNames ? "input's LabelNames" : "input (it has no LabelNames)")
                   << ": they select no voxels.");
    }
  }

  // The piece this process owns, whatever extent the input holds.
  int wholeExtent[6];
  int pieceExtent[6];
  paravoxel::ImagePieces::ComputeOwnerPiece(outputVector->GetInformationObject(0),
    inputVector[0]->GetInformationObject(0), input->GetExtent(), wholeExtent, pieceExtent);

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
  // The tables of the regions span the labels the array holds (on every process, when regions
  // move).
  double range[2] = { 1.0, 0.0 };
  if (labels && scalars->GetNumberOfTuples() > 0)
  {
    scalars->GetRange(range, 0);
  }
  // Labels beyond +-2^63 (uint64 arrays) are clamped just inside long long, where the cast is
  // defined; a span that wide is refused by Initialize anyway.
  const auto asLabel = [](double value)
  {
    const double limit = 9.2e18;
    return static_cast<long long>(std::max(-limit, std::min(limit, value)));
  };
  std::string regionError;
  if (!regions.Initialize(
        regionRequest, asLabel(std::floor(range[0])), asLabel(std::ceil(range[1])), regionError))
  {
    vtkErrorMacro(<< regionError);
    return 1;
  }

  const paravoxel::ExplodedVoxelsCut cut(this->CutFunction, this->InvertCut);
  if (!mesher.Execute(settings, scalars, cut, regions, output))
  {
    output->Initialize();
    if (!this->GetAbortExecute())
    {
      vtkErrorMacro(<< "Out of memory for the faces of " << grid.GetNumberOfVoxels()
                    << " voxels: the output is empty.");
    }
    return 1;
  }
  // The atlas's names and colours travel with its faces, for colouring by region.
  for (const char* name :
    { vtkParaVoxelLabels::GetNamesArrayName(), vtkParaVoxelLabels::GetColorsArrayName() })
  {
    if (vtkAbstractArray* array = input->GetFieldData()->GetAbstractArray(name))
    {
      output->GetFieldData()->AddArray(array);
    }
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
  os << indent << "Regions:";
  for (const std::string& region : this->Regions)
  {
    os << " '" << region << "'";
  }
  os << "\n";
  os << indent << "RegionExplosion: " << this->RegionExplosion << "\n";
  os << indent << "Controller: " << this->Controller << "\n";
}
