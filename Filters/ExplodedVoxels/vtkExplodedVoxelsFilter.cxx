#include "vtkExplodedVoxelsFilter.h"

#include "DefaultScalars.h"
#include "ImagePieces.h"

#include "ArrayDispatch.h"
#include "ExplodedVoxelsCut.h"
#include "ExplodedVoxelsGrid.h"
#include "ExplodedVoxelsLabelKeys.h"
#include "ExplodedVoxelsMesher.h"
#include "ExplodedVoxelsRegions.h"
#include "HugePageMemory.h"
#include "SettingChecks.h"
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
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <unordered_map>

vtkStandardNewMacro(vtkExplodedVoxelsFilter);
vtkCxxSetObjectMacro(vtkExplodedVoxelsFilter, CutFunction, vtkImplicitFunction);
vtkCxxSetObjectMacro(vtkExplodedVoxelsFilter, Controller, vtkMultiProcessController);

namespace
{
// The keys of the labels `regions` names (every label of that name in `names`) or numbers;
// `unknown` lists, quoted, the regions that are neither.
std::vector<long long> SelectedLabels(const std::vector<std::string>& regions,
  const paravoxel::ExplodedVoxelsLabelKeys& keys, vtkStringArray* names, std::string& unknown)
{
  std::unordered_map<std::string, std::vector<long long>> labelsByName;
  for (vtkIdType label = 0; names && label < names->GetNumberOfValues(); ++label)
  {
    labelsByName[names->GetValue(label)].push_back(keys.OfIndex(label));
  }
  std::vector<long long> selected;
  for (const std::string& region : regions)
  {
    const auto named = labelsByName.find(region);
    long long label;
    if (!region.empty() && named != labelsByName.end())
    {
      selected.insert(selected.end(), named->second.begin(), named->second.end());
    }
    else if (keys.Parse(region, label))
    {
      selected.push_back(label);
    }
    else
    {
      unknown += (unknown.empty() ? "'" : ", '") + region + "'";
    }
  }
  return selected;
}

// The label names of an image: its field data LabelNames, if it is a string array.
vtkStringArray* FindLabelNames(vtkDataObject* image)
{
  return image && image->GetFieldData()
    ? vtkStringArray::SafeDownCast(
        image->GetFieldData()->GetAbstractArray(vtkParaVoxelLabels::GetNamesArrayName()))
    : nullptr;
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
  this->KeepSelectedAnnotations();
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

void vtkExplodedVoxelsFilter::KeepSelectedAnnotations()
{
  // With Regions, the legend lists the regions the output can hold, not every region of the atlas.
  if (this->Regions.empty())
  {
    return;
  }
  vtkNew<vtkStringArray> annotations;
  vtkNew<vtkDoubleArray> colors;
  for (vtkIdType pair = 0; 2 * pair + 1 < this->LabelAnnotations->GetNumberOfValues(); ++pair)
  {
    const std::string& label = this->LabelAnnotations->GetValue(2 * pair);
    const std::string& name = this->LabelAnnotations->GetValue(2 * pair + 1);
    auto namesPair = [&](const std::string& region) { return region == name || region == label; };
    if (std::any_of(this->Regions.begin(), this->Regions.end(), namesPair))
    {
      annotations->InsertNextValue(label);
      annotations->InsertNextValue(name);
      for (int c = 0; c < 3; ++c)
      {
        colors->InsertNextValue(this->LabelIndexedColors->GetValue(3 * pair + c));
      }
    }
  }
  this->LabelAnnotations->DeepCopy(annotations);
  this->LabelIndexedColors->DeepCopy(colors);
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

  // Step 1: the settings and the array of the voxels.
  if (!input || input->GetNumberOfPoints() == 0)
  {
    return endWithoutVoxels();
  }
  const std::string invalid = this->FindInvalidSetting(input);
  if (!invalid.empty())
  {
    vtkErrorMacro(<< invalid << " No voxels are made.");
    return endWithoutVoxels();
  }
  int association = vtkDataObject::FIELD_ASSOCIATION_POINTS;
  vtkDataArray* scalars = this->FindVoxelArray(inputVector, input, association);
  if (!scalars)
  {
    return endWithoutVoxels();
  }

  // Step 2: the piece this process owns, whatever extent the input holds.
  int wholeExtent[6];
  int pieceExtent[6];
  paravoxel::ImagePieces::ComputeOwnerPiece(outputVector->GetInformationObject(0),
    inputVector[0]->GetInformationObject(0), input->GetExtent(), wholeExtent, pieceExtent);
  grid.Initialize(
    input, association == vtkDataObject::FIELD_ASSOCIATION_CELLS, wholeExtent, pieceExtent);

  // Step 3: the regions asked for, and their tables over the grid's voxels and the span of labels
  // (on every process, when regions move; only a selection or an explosion needs them).
  const bool labels = scalars->GetNumberOfComponents() == 1 &&
    paravoxel::ArrayDispatch::IsIntegerType(scalars->GetDataType());
  const paravoxel::ExplodedVoxelsLabelKeys keys(scalars->GetDataType());
  regionRequest.LabelType = scalars->GetDataType();
  regionRequest.SelectAll = this->Regions.empty();
  if (!this->Regions.empty())
  {
    vtkStringArray* labelNames = labels ? FindLabelNames(input) : nullptr;
    std::string unknown;
    regionRequest.SelectedLabels = SelectedLabels(this->Regions, keys, labelNames, unknown);
    if (!unknown.empty())
    {
      vtkWarningMacro(
        "Regions " << unknown << " are neither label numbers nor names in the "
                   << (labelNames ? "input's LabelNames" : "input (it has no LabelNames)")
                   << ": they select no voxels.");
    }
  }
  long long firstLabel = 1;
  long long lastLabel = 0;
  if (labels && (!regionRequest.SelectAll || regionRequest.Explosion != 0.0))
  {
    keys.Range(scalars, firstLabel, lastLabel);
  }
  std::string regionError;
  if (!regions.Initialize(regionRequest, firstLabel, lastLabel, regionError))
  {
    vtkErrorMacro(<< regionError);
    return 1;
  }

  // Step 4: the faces (the mesher's passes).
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
  if (!mesher.Execute(settings, scalars, cut, regions, output))
  {
    output->Initialize();
    if (!this->GetAbortExecute())
    {
      vtkErrorMacro(<< "Out of memory for the faces of the " << grid.GetNumberOfVoxels()
                    << " voxels of '" << (scalars->GetName() ? scalars->GetName() : "")
                    << "': " << paravoxel::HugePageMemory::DescribeLastFailure()
                    << ". The output is empty.");
    }
    return 1;
  }

  // Step 5: the atlas's names and colours travel with its faces, for colouring by region.
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

vtkDataArray* vtkExplodedVoxelsFilter::FindVoxelArray(
  vtkInformationVector** inputVector, vtkImageData* input, int& association)
{
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
      << paravoxel::DefaultScalars::DescribeSelection(this->GetInputArrayInformation(0))
      << " to make voxels from.");
    return nullptr;
  }
  const char* name = scalars->GetName() ? scalars->GetName() : "";
  if (association != vtkDataObject::FIELD_ASSOCIATION_POINTS &&
    association != vtkDataObject::FIELD_ASSOCIATION_CELLS)
  {
    vtkErrorMacro(
      "Array '" << name << "' is neither point data nor cell data: voxels need one of them.");
    return nullptr;
  }
  if (this->ThresholdComponent >= scalars->GetNumberOfComponents())
  {
    vtkErrorMacro("ThresholdComponent " << this->ThresholdComponent << " does not exist: array '"
                                        << name << "' has " << scalars->GetNumberOfComponents()
                                        << " component(s).");
    return nullptr;
  }
  // Regions: labels are the values of one-component integer arrays.
  if ((!this->Regions.empty() || this->RegionExplosion != 0.0) &&
    (scalars->GetNumberOfComponents() != 1 ||
      !paravoxel::ArrayDispatch::IsIntegerType(scalars->GetDataType())))
  {
    vtkErrorMacro("Regions and RegionExplosion need a one-component integer array of labels: '"
      << name << "' is " << scalars->GetDataTypeAsString() << " with "
      << scalars->GetNumberOfComponents() << " component(s).");
    return nullptr;
  }
  return scalars;
}

std::string vtkExplodedVoxelsFilter::FindInvalidSetting(vtkImageData* input) const
{
  const double infinity = std::numeric_limits<double>::infinity();
  paravoxel::SettingChecks checks;
  checks.InRange("LowerThreshold", this->LowerThreshold, -infinity, infinity)
    .InRange("UpperThreshold", this->UpperThreshold, -infinity, infinity)
    .InRange("ThresholdComponent", this->ThresholdComponent, -1, VTK_INT_MAX)
    .InRange("Gap", this->Gap, 0.0, MaximumGap)
    .InRange(
      "RegionExplosion", this->RegionExplosion, -MaximumRegionExplosion, MaximumRegionExplosion)
    .Finite("ViewPoint", this->ViewPoint, 3);
  if (!checks.GetProblem().empty())
  {
    return checks.GetProblem();
  }
  if (this->CutFunction && std::isnan(this->CutFunction->FunctionValue(input->GetOrigin())))
  {
    return std::string("CutFunction (") + this->CutFunction->GetClassName() +
      ") must have numbers for parameters: it is NaN at the image's origin.";
  }
  // Every box, moved by at most MaximumRegionExplosion times the image's size, must have float
  // coordinates: the image may lie at most this far from the origin.
  const double largest = std::numeric_limits<float>::max() / (4.0 * MaximumRegionExplosion);
  double bounds[6];
  input->GetBounds(bounds);
  if (!std::all_of(bounds, bounds + 6, [&](double b) { return std::fabs(b) <= largest; }))
  {
    std::ostringstream why;
    why << "The input image's bounds must be finite and within +-" << largest
        << " for float coordinates: they are (" << bounds[0] << ", " << bounds[1] << ", "
        << bounds[2] << ", " << bounds[3] << ", " << bounds[4] << ", " << bounds[5]
        << "); check its origin, spacing and direction.";
    return why.str();
  }
  return std::string();
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
