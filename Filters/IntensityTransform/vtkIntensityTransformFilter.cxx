#include "vtkIntensityTransformFilter.h"

#include "DefaultScalars.h"
#include "HugePageMemory.h"
#include "ImagePieces.h"
#include "IntensityTransformBlock.h"
#include "IntensityTransformCurve.h"
#include "IntensityTransformFixedPointSum.h"
#include "IntensityTransformStatistics.h"
#include "SettingChecks.h"
#include "vtkParaVoxelArrayRanges.h"

#include "vtkCellData.h"
#include "vtkDataArray.h"
#include "vtkDataObject.h"
#include "vtkDataSetAttributes.h"
#include "vtkFloatArray.h"
#include "vtkImageData.h"
#include "vtkInformation.h"
#include "vtkInformationVector.h"
#include "vtkMultiProcessController.h"
#include "vtkNew.h"
#include "vtkObjectFactory.h"
#include "vtkPointData.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

vtkStandardNewMacro(vtkIntensityTransformFilter);
vtkCxxSetObjectMacro(vtkIntensityTransformFilter, Controller, vtkMultiProcessController);

namespace
{
/**
 * The float32 result array, added to the output as its active scalars; null, with an error of
 * `filter`, when its memory cannot be had (the filter still takes part in the collective passes).
 */
vtkFloatArray* AddResultArray(vtkAlgorithm* filter, vtkImageData* output, int association,
  vtkDataArray* scalars, const char* name)
{
  vtkNew<vtkFloatArray> result;
  result->SetName(name);
  if (!paravoxel::HugePageMemory::SetNumberOfTuples(result, scalars->GetNumberOfTuples()))
  {
    vtkErrorWithObjectMacro(filter,
      "Out of memory for the result of the "
        << scalars->GetNumberOfTuples() << " values of '"
        << (scalars->GetName() ? scalars->GetName() : "")
        << "': " << paravoxel::HugePageMemory::DescribeLastFailure() << ". The output has no '"
        << name << "' array.");
    return nullptr;
  }
  vtkDataSetAttributes* attributes = association == vtkDataObject::FIELD_ASSOCIATION_CELLS
    ? static_cast<vtkDataSetAttributes*>(output->GetCellData())
    : static_cast<vtkDataSetAttributes*>(output->GetPointData());
  // SetScalars() would replace the input's scalars; the input array stays alongside.
  attributes->AddArray(result);
  attributes->SetActiveScalars(name);
  return result;
}
} // namespace

//------------------------------------------------------------------------------
vtkIntensityTransformFilter::vtkIntensityTransformFilter()
{
  this->SetResultArrayName("Transformed");
  this->SetController(vtkMultiProcessController::GetGlobalController());
  // By default, the active scalars of the points, else of the cells.
  this->SetInputArrayToProcess(
    0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS_THEN_CELLS, vtkDataSetAttributes::SCALARS);
}

vtkIntensityTransformFilter::~vtkIntensityTransformFilter()
{
  this->SetResultArrayName(nullptr);
  this->SetController(nullptr);
}

int vtkIntensityTransformFilter::FillInputPortInformation(int, vtkInformation* info)
{
  info->Set(vtkAlgorithm::INPUT_REQUIRED_DATA_TYPE(), "vtkImageData");
  return 1;
}

//------------------------------------------------------------------------------
// The passes over the data: PASS 1 the range of the values, PASS 2 their histogram (small
// integer spans), PASS 3 the percentiles (radix selection, without a histogram), PASS 4 g and
// mean(g), PASS 5 the result. Every statistic is reduced over the processes when the pipeline is
// split into one piece per process.
int vtkIntensityTransformFilter::RequestData(
  vtkInformation*, vtkInformationVector** inputVector, vtkInformationVector* outputVector)
{
  vtkImageData* input = vtkImageData::GetData(inputVector[0]);
  vtkImageData* output = vtkImageData::GetData(outputVector);
  vtkInformation* inInfo = inputVector[0]->GetInformationObject(0);
  vtkInformation* outInfo = outputVector->GetInformationObject(0);
  // vtkImageData::PrepareForNewData() keeps the active point scalars of an output across
  // executions (for image filters that reuse their memory): an error after a successful run left
  // the previous result array on an output of 0 points (found by fuzz_filters). Start from an
  // empty output, so that errors and empty inputs give one, as documented.
  output->Initialize();

  // The statistics are global when the pipeline is split into one piece per process.
  const int pieces = paravoxel::ImagePieces::GetNumberOfPieces(outInfo);
  vtkMultiProcessController* controller =
    (this->Controller && pieces > 1 && this->Controller->GetNumberOfProcesses() == pieces)
    ? this->Controller
    : nullptr;

  // Local checks. An error ends every process's execution (after one reduction), with an empty
  // output.
  paravoxel::IntensityTransformStatistics statistics(controller);
  vtkDataArray* scalars = nullptr;
  int association = vtkDataObject::FIELD_ASSOCIATION_POINTS;
  if (input && input->GetNumberOfPoints() > 0)
  {
    scalars = this->FindScalars(inputVector, input, association);
    if (!scalars)
    {
      statistics.AddFailure();
    }
  }

  // PASS 1: the range of the values of the piece this process owns, whatever extent the input
  // holds.
  paravoxel::IntensityTransformBlock block;
  if (scalars)
  {
    int wholeExtent[6];
    int pieceExtent[6];
    paravoxel::ImagePieces::ComputeOwnerPiece(
      outInfo, inInfo, input->GetExtent(), wholeExtent, pieceExtent);
    block = paravoxel::IntensityTransformBlock(
      input, association == vtkDataObject::FIELD_ASSOCIATION_CELLS, wholeExtent, pieceExtent);
    statistics.ComputeRange(scalars, block);
  }
  statistics.ReduceRange();
  this->UpdateProgress(0.2);
  if (statistics.HasFailures())
  {
    // Errors were reported where they happened.
    return 1;
  }
  if (!scalars && !controller)
  {
    // An empty input gives an empty output.
    return 1;
  }
  // From here on, a process with an empty piece (no scalars) only takes part in the reductions.
  if (scalars)
  {
    output->ShallowCopy(input);
  }

  // PASS 2: the exact histogram of small integer spans.
  const bool useHistogram = statistics.UsesHistogram();
  if (useHistogram)
  {
    statistics.ComputeHistogram(scalars, block);
    this->UpdateProgress(0.4);
  }

  // PASS 3 (percentiles only): the normalization range.
  double range[2] = { statistics.GetMinimum(), statistics.GetMaximum() };
  if (this->NormalizationMode == CUSTOM_RANGE)
  {
    std::copy(this->CustomRange, this->CustomRange + 2, range);
  }
  else if (this->NormalizationMode == PERCENTILE_RANGE && statistics.GetCount() > 0)
  {
    auto progress = [this](double fraction) { this->UpdateProgress(0.2 + 0.3 * fraction); };
    statistics.ComputePercentiles(scalars, block, this->PercentileRange, progress, range);
  }
  std::copy(range, range + 2, this->LastNormalizationRange);
  if (!this->HasCurve(scalars, statistics.GetCount()))
  {
    if (scalars)
    {
      vtkFloatArray* zeros =
        AddResultArray(this, output, association, scalars, this->ResultArrayName);
      if (zeros)
      {
        zeros->FillValue(0.0f);
        vtkParaVoxelArrayRanges::CacheKnownValues(zeros, { 0.0 });
      }
    }
    this->UpdateProgress(1.0);
    return 1;
  }

  paravoxel::IntensityTransformCurve curve(
    range, this->Floor, this->Gamma, this->Contrast, this->Offset);
  vtkFloatArray* result =
    scalars ? AddResultArray(this, output, association, scalars, this->ResultArrayName) : nullptr;
  if (useHistogram)
  {
    // PASS 4: mean(g) and the results from one evaluation of the curve per integer value.
    const std::vector<float> table = curve.TabulateHistogram(
      statistics.GetHistogram(), statistics.GetHistogramOffset(), statistics.GetCount());
    this->UpdateProgress(0.6);
    // PASS 5: the result of every value from the table.
    if (result)
    {
      curve.ApplyTable(scalars, statistics.GetHistogramOffset(), table, result->GetPointer(0));
      // ParaView asks for the result's ranges after every update. When this process alone
      // counted every value of the array (no ghosts, no other processes), the results that occur
      // are the table's entries of the values counted: no pass over the result needed.
      if (!controller &&
        block.GetNumberOfRows() * block.GetRowLength() == scalars->GetNumberOfTuples())
      {
        const std::vector<long long>& histogram = statistics.GetHistogram();
        std::vector<double> occurring;
        for (std::size_t bin = 0; bin < histogram.size(); ++bin)
        {
          if (histogram[bin] > 0)
          {
            occurring.push_back(table[bin]);
          }
        }
        vtkParaVoxelArrayRanges::CacheKnownValues(result, occurring);
      }
      else
      {
        vtkParaVoxelArrayRanges::Cache(result);
      }
    }
  }
  else
  {
    // PASS 4: g into the result array, and mean(g).
    paravoxel::IntensityTransformFixedPointSum sum;
    if (result)
    {
      sum = curve.LiftArray(scalars, block, result->GetPointer(0));
    }
    if (controller)
    {
      sum.AllReduce(controller);
    }
    curve.SetMean(sum, statistics.GetCount());
    this->UpdateProgress(0.6);
    // PASS 5: g stretched in place.
    if (result)
    {
      curve.StretchLifted(result);
    }
    // ParaView asks for the result's ranges after every update: one fast pass now instead.
    vtkParaVoxelArrayRanges::Cache(result);
  }
  this->UpdateProgress(1.0);
  return 1;
}

//------------------------------------------------------------------------------
vtkDataArray* vtkIntensityTransformFilter::FindScalars(
  vtkInformationVector** inputVector, vtkImageData* input, int& association)
{
  vtkDataArray* scalars = this->GetInputArrayToProcess(0, inputVector, association);
  vtkInformation* selection = this->GetInputArrayInformation(0);
  if (!scalars)
  {
    scalars = paravoxel::DefaultScalars::ActiveScalarsWhenUnnamed(selection, input, association);
  }
  if (!scalars)
  {
    vtkErrorMacro("The input has no " << paravoxel::DefaultScalars::DescribeSelection(selection)
                                      << " to transform.");
    return nullptr;
  }
  const char* name = scalars->GetName() ? scalars->GetName() : "";
  if (association != vtkDataObject::FIELD_ASSOCIATION_POINTS &&
    association != vtkDataObject::FIELD_ASSOCIATION_CELLS)
  {
    vtkErrorMacro("Array '" << name << "' is neither point data nor cell data.");
    return nullptr;
  }
  if (scalars->GetNumberOfComponents() != 1)
  {
    vtkErrorMacro("Array '" << name << "' has " << scalars->GetNumberOfComponents()
                            << " components: Intensity Transform needs a one-component array.");
    return nullptr;
  }
  if (!this->ResultArrayName || !*this->ResultArrayName)
  {
    vtkErrorMacro("ResultArrayName is empty: the result array needs a name.");
    return nullptr;
  }
  const std::string invalid = this->FindInvalidSetting();
  if (!invalid.empty())
  {
    vtkErrorMacro(<< invalid);
    return nullptr;
  }
  return scalars;
}

bool vtkIntensityTransformFilter::HasCurve(vtkDataArray* scalars, long long count)
{
  const double low = this->LastNormalizationRange[0];
  const double high = this->LastNormalizationRange[1];
  if (count > 0 && high > low && std::isfinite(high - low))
  {
    return true;
  }
  if (scalars)
  {
    const char* name = scalars->GetName() ? scalars->GetName() : "";
    if (count == 0)
    {
      vtkWarningMacro("Array '" << name << "' has no finite value: the result is 0 everywhere.");
    }
    else
    {
      vtkWarningMacro("The normalization range ["
        << low << ", " << high << "] of array '" << name << "' is empty"
        << (this->NormalizationMode == CUSTOM_RANGE ? "" : " (constant values?)")
        << ": the result is 0 everywhere.");
    }
  }
  return false;
}

//------------------------------------------------------------------------------
std::array<vtkIntensityTransformFilter::CurveParameter, 4>
vtkIntensityTransformFilter::GetCurveParameters() const
{
  return { { { "Floor", this->Floor }, { "Gamma", this->Gamma }, { "Contrast", this->Contrast },
    { "Offset", this->Offset } } };
}

//------------------------------------------------------------------------------
std::string vtkIntensityTransformFilter::FindInvalidSetting() const
{
  paravoxel::SettingChecks checks;
  checks
    .OneOf(
      "NormalizationMode", this->NormalizationMode, { DATA_RANGE, CUSTOM_RANGE, PERCENTILE_RANGE })
    .Finite("CustomRange", this->CustomRange, 2)
    .AllInRange("PercentileRange", this->PercentileRange, 2, 0.0, 100.0)
    .Finite("Floor", &this->Floor, 1)
    .Finite("Gamma", &this->Gamma, 1)
    .InRange("Gamma", this->Gamma, 0.0, std::numeric_limits<double>::infinity())
    .Finite("Contrast", &this->Contrast, 1)
    .Finite("Offset", &this->Offset, 1);
  return checks.GetProblem();
}

void vtkIntensityTransformFilter::PrintSelf(ostream& os, vtkIndent indent)
{
  this->Superclass::PrintSelf(os, indent);
  for (const CurveParameter& parameter : this->GetCurveParameters())
  {
    os << indent << parameter.Name << ": " << parameter.Value << "\n";
  }
  os << indent << "NormalizationMode: " << this->NormalizationMode << "\n";
  os << indent << "CustomRange: " << this->CustomRange[0] << ", " << this->CustomRange[1] << "\n";
  os << indent << "PercentileRange: " << this->PercentileRange[0] << ", "
     << this->PercentileRange[1] << "\n";
  os << indent << "ResultArrayName: " << (this->ResultArrayName ? this->ResultArrayName : "")
     << "\n";
  os << indent << "Controller: " << this->Controller << "\n";
  os << indent << "LastNormalizationRange: " << this->LastNormalizationRange[0] << ", "
     << this->LastNormalizationRange[1] << "\n";
}
