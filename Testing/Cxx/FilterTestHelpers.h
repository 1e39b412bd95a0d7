// What the Exploded Voxels and Intensity Transform tests share: the plugin's threading set-up and
// runs with one and several threads, images built from plain values (with the test's own idea of
// their geometry), a source that serves pieces with ghost layers as readers do under MPI, the
// capture of errors and warnings (MessageCollector.h), and bit-exact comparison of outputs.
#ifndef FilterTestHelpers_h
#define FilterTestHelpers_h

#include "MessageCollector.h"
#include "vtkParaVoxelThreading.h"

#include "vtkAOSDataArrayTemplate.h"
#include "vtkAlgorithm.h"
#include "vtkCellArray.h"
#include "vtkCellData.h"
#include "vtkDataArray.h"
#include "vtkDataObject.h"
#include "vtkDataSetAttributes.h"
#include "vtkExtentTranslator.h"
#include "vtkFieldData.h"
#include "vtkFloatArray.h"
#include "vtkImageAlgorithm.h"
#include "vtkImageData.h"
#include "vtkInformation.h"
#include "vtkInformationVector.h"
#include "vtkMatrix3x3.h"
#include "vtkNew.h"
#include "vtkPointData.h"
#include "vtkPoints.h"
#include "vtkPolyData.h"
#include "vtkSMPTools.h"
#include "vtkSmartPointer.h"
#include "vtkStreamingDemandDrivenPipeline.h"
#include "vtkStringArray.h"
#include "vtkTypeTraits.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

namespace paravoxel_test
{
/**
 * The thread count of the multi-threaded runs: STDThread caps it at the number of cores (two on
 * the project's machines), so every core runs tasks of each loop and per-thread partial results
 * are combined from several threads.
 */
constexpr int SeveralThreads = 4;

/**
 * Selects the SMP backend the way the plugin does when it loads (STDThread, unless
 * VTK_SMP_BACKEND_IN_USE says otherwise).
 */
inline std::string UseThreadedBackend()
{
  return vtkParaVoxelThreading::UseThreadedBackend();
}

/** Runs `body` with vtkSMPTools limited to `threads` threads of the STDThread backend. */
template <typename Body>
void WithThreads(int threads, Body&& body)
{
  vtkSMPTools::LocalScope(vtkSMPTools::Config{ threads, "STDThread", false }, body);
}

/** Fixture of every filter test: the plugin's backend for the whole suite. */
class FilterTest : public ::testing::Test
{
protected:
  static void SetUpTestSuite() { UseThreadedBackend(); }
};

/**
 * A new filter of the kind `Settings::Filter`, set up by `settings.ApplyTo(filter)` (each test's
 * settings know their filter's properties), its messages collected.
 */
template <typename Settings>
vtkSmartPointer<typename Settings::Filter> MakeFilter(
  const Settings& settings, MessageCollector* messages)
{
  auto filter = vtkSmartPointer<typename Settings::Filter>::New();
  settings.ApplyTo(filter);
  messages->Observe(filter);
  return filter;
}

/** Every value type the filters dispatch on. */
using ScalarTypes = ::testing::Types<char, signed char, unsigned char, short, unsigned short, int,
  unsigned int, long, unsigned long, long long, unsigned long long, float, double>;

/** An array of VTK's own class for T (vtkCharArray, vtkLongArray...) holding `values`. */
template <typename T>
vtkSmartPointer<vtkDataArray> MakeArray(
  const char* name, int components, const std::vector<T>& values)
{
  auto array = vtk::TakeSmartPointer(vtkDataArray::CreateDataArray(vtkTypeTraits<T>::VTKTypeID()));
  array->SetName(name);
  array->SetNumberOfComponents(components);
  array->SetNumberOfTuples(static_cast<vtkIdType>(values.size()) / components);
  std::copy(
    values.begin(), values.end(), vtkAOSDataArrayTemplate<T>::FastDownCast(array)->GetPointer(0));
  return array;
}

/**
 * An image as the tests see it, independently of vtkImageData's own index-to-world transform:
 * voxel (I, J, K) (structured point or cell index, from First) has its centre at
 * Origin + Direction * (Spacing * (I, J, K) + half a voxel for cells).
 */
struct Layout
{
  std::array<int, 3> Voxels = { { 3, 3, 3 } };
  /** Structured index of the first voxel: the image's extent starts there. */
  std::array<int, 3> First = { { 0, 0, 0 } };
  /** Voxels are cells (one more point per axis) rather than points. */
  bool Cells = false;
  /**
   * Cell data only: the axis has a single layer of points (a 2D image), and its one layer of
   * cells sits on them.
   */
  std::array<bool, 3> Flat = { { false, false, false } };
  std::array<double, 3> Origin = { { 0.0, 0.0, 0.0 } };
  std::array<double, 3> Spacing = { { 1.0, 1.0, 1.0 } };
  /** Row-major, as vtkImageData::SetDirectionMatrix takes it. */
  std::array<double, 9> Direction = { { 1, 0, 0, 0, 1, 0, 0, 0, 1 } };

  vtkIdType NumberOfVoxels() const
  {
    return static_cast<vtkIdType>(this->Voxels[0]) * this->Voxels[1] * this->Voxels[2];
  }
  /** Position of voxel (I, J, K) in the value array (x fastest). */
  vtkIdType TupleId(int I, int J, int K) const
  {
    return (I - this->First[0]) +
      this->Voxels[0] *
      ((J - this->First[1]) + static_cast<vtkIdType>(this->Voxels[1]) * (K - this->First[2]));
  }
  /** Continuous structured index of the centre of voxel index `index` along `axis`. */
  double CentreIndex(int axis, int index) const
  {
    return index + (this->Cells && !this->Flat[axis] ? 0.5 : 0.0);
  }
  /** World position of continuous structured index `index`. */
  std::array<double, 3> Position(const std::array<double, 3>& index) const
  {
    std::array<double, 3> x = this->Origin;
    for (int row = 0; row < 3; ++row)
    {
      for (int column = 0; column < 3; ++column)
      {
        x[row] += this->Direction[3 * row + column] * this->Spacing[column] * index[column];
      }
    }
    return x;
  }
  /** The image's point extent. */
  std::array<int, 6> Extent() const
  {
    std::array<int, 6> extent;
    for (int axis = 0; axis < 3; ++axis)
    {
      extent[2 * axis] = this->First[axis];
      const int points =
        this->Cells && !this->Flat[axis] ? this->Voxels[axis] + 1 : this->Voxels[axis];
      extent[2 * axis + 1] = this->First[axis] + points - 1;
    }
    return extent;
  }
};

/** A block of nx x ny x nz voxels with the defaults: spacing 1, origin 0, extent from 0. */
inline Layout Block(int nx, int ny, int nz)
{
  Layout layout;
  layout.Voxels = { { nx, ny, nz } };
  return layout;
}

/** A block of `voxels` with `spacing`, at `origin`, its extent from `first`. */
inline Layout Block(const std::array<int, 3>& voxels, const std::array<double, 3>& spacing,
  const std::array<double, 3>& origin, const std::array<int, 3>& first)
{
  Layout layout;
  layout.Voxels = voxels;
  layout.Spacing = spacing;
  layout.Origin = origin;
  layout.First = first;
  return layout;
}

/** The image of `layout` with `values` (one tuple per voxel) as its active point or cell scalars.
 */
inline vtkSmartPointer<vtkImageData> MakeImage(const Layout& layout, vtkDataArray* values)
{
  auto image = vtkSmartPointer<vtkImageData>::New();
  image->SetExtent(layout.Extent().data());
  image->SetOrigin(layout.Origin.data());
  image->SetSpacing(layout.Spacing.data());
  image->SetDirectionMatrix(layout.Direction.data());
  vtkDataSetAttributes* attributes = layout.Cells
    ? static_cast<vtkDataSetAttributes*>(image->GetCellData())
    : static_cast<vtkDataSetAttributes*>(image->GetPointData());
  EXPECT_EQ(values->GetNumberOfTuples(),
    layout.Cells ? image->GetNumberOfCells() : image->GetNumberOfPoints());
  attributes->SetScalars(values);
  return image;
}

/**
 * Piece `piece` of `pieces` of `whole` with `ghostLevels` layers around it, split as the pipeline
 * splits structured data (blocks).
 */
inline std::array<int, 6> PieceExtent(
  const std::array<int, 6>& whole, int piece, int pieces, int ghostLevels)
{
  std::array<int, 6> wholeCopy = whole;
  std::array<int, 6> extent;
  vtkNew<vtkExtentTranslator> translator;
  translator->PieceToExtentThreadSafe(piece, pieces, ghostLevels, wholeCopy.data(), extent.data(),
    vtkExtentTranslator::BLOCK_MODE, 0);
  return extent;
}

/**
 * Serves pieces of a whole image as a reader does under MPI: the update extent the pipeline asks
 * for (a piece plus its ghost layers) cut from the whole image, with a vtkGhostType array that
 * marks the ghost layers.
 */
class PieceSource : public vtkImageAlgorithm
{
public:
  static PieceSource* New()
  {
    auto* source = new PieceSource;
    source->InitializeObjectBase();
    return source;
  }
  vtkTypeMacro(PieceSource, vtkImageAlgorithm);

  void SetImage(vtkImageData* image)
  {
    this->Image = image;
    this->Modified();
  }
  /** The update extents of the executions so far, to check that pieces really were served. */
  std::vector<std::array<int, 6>> ServedExtents;

protected:
  PieceSource() { this->SetNumberOfInputPorts(0); }

  int RequestInformation(
    vtkInformation*, vtkInformationVector**, vtkInformationVector* outputs) override
  {
    vtkInformation* info = outputs->GetInformationObject(0);
    info->Set(vtkStreamingDemandDrivenPipeline::WHOLE_EXTENT(), this->Image->GetExtent(), 6);
    info->Set(vtkDataObject::SPACING(), this->Image->GetSpacing(), 3);
    info->Set(vtkDataObject::ORIGIN(), this->Image->GetOrigin(), 3);
    info->Set(vtkDataObject::DIRECTION(), this->Image->GetDirectionMatrix()->GetData(), 9);
    info->Set(vtkAlgorithm::CAN_PRODUCE_SUB_EXTENT(), 1);
    return 1;
  }

  int RequestData(vtkInformation*, vtkInformationVector**, vtkInformationVector* outputs) override
  {
    vtkInformation* info = outputs->GetInformationObject(0);
    vtkImageData* output = vtkImageData::GetData(info);
    std::array<int, 6> extent;
    info->Get(vtkStreamingDemandDrivenPipeline::UPDATE_EXTENT(), extent.data());
    this->ServedExtents.push_back(extent);
    output->DeepCopy(this->Image);
    output->Crop(extent.data());
    // The zero-ghost piece, split as the pipeline splits it, is what is not a ghost.
    const int pieces = info->Get(vtkStreamingDemandDrivenPipeline::UPDATE_NUMBER_OF_PIECES());
    if (pieces > 1)
    {
      std::array<int, 6> whole;
      std::copy(this->Image->GetExtent(), this->Image->GetExtent() + 6, whole.begin());
      auto piece = PieceExtent(
        whole, info->Get(vtkStreamingDemandDrivenPipeline::UPDATE_PIECE_NUMBER()), pieces, 0);
      output->GenerateGhostArray(piece.data());
    }
    return 1;
  }

private:
  vtkSmartPointer<vtkImageData> Image;
};

/** Whether two arrays have the same name, type, shape and bytes. */
inline ::testing::AssertionResult SameArray(vtkAbstractArray* expected, vtkAbstractArray* actual)
{
  if (!expected || !actual)
  {
    return (!expected && !actual) ? ::testing::AssertionSuccess()
                                  : ::testing::AssertionFailure() << "one array is missing";
  }
  const std::string name = expected->GetName() ? expected->GetName() : "";
  if (name != (actual->GetName() ? actual->GetName() : "") ||
    expected->GetDataType() != actual->GetDataType() ||
    expected->GetNumberOfComponents() != actual->GetNumberOfComponents() ||
    expected->GetNumberOfTuples() != actual->GetNumberOfTuples())
  {
    return ::testing::AssertionFailure() << "array '" << name << "' differs in name, type or shape";
  }
  // Strings by value (their bytes are pointers to the text).
  auto* expectedStrings = vtkStringArray::SafeDownCast(expected);
  if (expectedStrings)
  {
    auto* actualStrings = vtkStringArray::SafeDownCast(actual);
    for (vtkIdType n = 0; n < expectedStrings->GetNumberOfValues(); ++n)
    {
      if (expectedStrings->GetValue(n) != actualStrings->GetValue(n))
      {
        return ::testing::AssertionFailure() << "array '" << name << "' differs in value " << n;
      }
    }
    return ::testing::AssertionSuccess();
  }
  const std::size_t bytes = static_cast<std::size_t>(expected->GetNumberOfValues()) *
    static_cast<std::size_t>(expected->GetDataTypeSize());
  if (bytes && std::memcmp(expected->GetVoidPointer(0), actual->GetVoidPointer(0), bytes) != 0)
  {
    return ::testing::AssertionFailure() << "array '" << name << "' differs in its values";
  }
  return ::testing::AssertionSuccess();
}

/** Whether two attribute sets hold the same arrays (in order) with the same active scalars. */
inline ::testing::AssertionResult SameAttributes(
  vtkDataSetAttributes* expected, vtkDataSetAttributes* actual)
{
  if (expected->GetNumberOfArrays() != actual->GetNumberOfArrays())
  {
    return ::testing::AssertionFailure()
      << expected->GetNumberOfArrays() << " arrays, not " << actual->GetNumberOfArrays();
  }
  for (int index = 0; index < expected->GetNumberOfArrays(); ++index)
  {
    auto same = SameArray(expected->GetAbstractArray(index), actual->GetAbstractArray(index));
    if (!same)
    {
      return same;
    }
  }
  if (expected->GetScalars() != nullptr && !SameArray(expected->GetScalars(), actual->GetScalars()))
  {
    return ::testing::AssertionFailure() << "the active scalars differ";
  }
  return ::testing::AssertionSuccess();
}

/**
 * Whether two outputs are bit for bit the same: points, polygons (for poly data), and point and
 * cell arrays.
 */
inline ::testing::AssertionResult SameOutput(vtkDataSet* expected, vtkDataSet* actual)
{
  auto* expectedPolys = vtkPolyData::SafeDownCast(expected);
  auto* actualPolys = vtkPolyData::SafeDownCast(actual);
  if (expectedPolys && actualPolys)
  {
    if ((expectedPolys->GetPoints() == nullptr) != (actualPolys->GetPoints() == nullptr))
    {
      return ::testing::AssertionFailure() << "only one output has points";
    }
    if (expectedPolys->GetPoints())
    {
      auto same =
        SameArray(expectedPolys->GetPoints()->GetData(), actualPolys->GetPoints()->GetData());
      if (!same)
      {
        return same << " (points)";
      }
    }
    auto sameConnectivity = SameArray(expectedPolys->GetPolys()->GetConnectivityArray(),
      actualPolys->GetPolys()->GetConnectivityArray());
    if (!sameConnectivity)
    {
      return sameConnectivity << " (polygons)";
    }
    auto sameOffsets = SameArray(
      expectedPolys->GetPolys()->GetOffsetsArray(), actualPolys->GetPolys()->GetOffsetsArray());
    if (!sameOffsets)
    {
      return sameOffsets << " (polygon offsets)";
    }
  }
  else if (expected->GetNumberOfPoints() != actual->GetNumberOfPoints())
  {
    return ::testing::AssertionFailure() << "the outputs differ in size";
  }
  auto samePoints = SameAttributes(expected->GetPointData(), actual->GetPointData());
  if (!samePoints)
  {
    return samePoints << " (point data)";
  }
  auto sameCells = SameAttributes(expected->GetCellData(), actual->GetCellData());
  if (!sameCells)
  {
    return sameCells << " (cell data)";
  }
  return ::testing::AssertionSuccess();
}

/**
 * Runs `algorithm` (already connected) with one thread and with several, for piece `piece` of
 * `pieces` with `ghostLevels`, checks that both give the same output bit for bit and the same
 * messages, and returns a copy of the several-thread output; `messages` holds that run's errors
 * and warnings.
 */
template <typename OutputT>
vtkSmartPointer<OutputT> UpdateWithThreads(vtkAlgorithm* algorithm, MessageCollector* messages,
  int piece = 0, int pieces = 1, int ghostLevels = 0)
{
  std::array<vtkSmartPointer<OutputT>, 2> outputs;
  std::array<std::vector<std::string>, 2> reported;
  const int threads[2] = { 1, SeveralThreads };
  for (int run = 0; run < 2; ++run)
  {
    messages->Clear();
    algorithm->Modified();
    WithThreads(threads[run], [&]() { algorithm->UpdatePiece(piece, pieces, ghostLevels); });
    outputs[run] = vtk::TakeSmartPointer(OutputT::New());
    outputs[run]->DeepCopy(OutputT::SafeDownCast(algorithm->GetOutputDataObject(0)));
    reported[run] = messages->Errors;
    reported[run].insert(reported[run].end(), messages->Warnings.begin(), messages->Warnings.end());
  }
  EXPECT_TRUE(SameOutput(outputs[0], outputs[1])) << "1 and " << SeveralThreads << " threads";
  EXPECT_EQ(reported[0], reported[1]) << "1 and " << SeveralThreads << " threads";
  return outputs[1];
}

/** An input a filter must refuse: one error holding `Words`, and an empty output. */
struct InputError
{
  vtkSmartPointer<vtkDataObject> Input;
  int Association;
  const char* Name; // the array to process; null: the input's scalars
  const char* Words;
};

/**
 * The input errors every filter reports alike, on `image`, which gains a field-data array
 * "field" (`count` ones): an array that is not there, an array that is neither point nor cell
 * data, and (a 3 x 3 x 3 image) no array at all.
 */
inline std::vector<InputError> CommonInputErrors(vtkImageData* image, vtkIdType count)
{
  vtkNew<vtkFloatArray> field;
  field->SetName("field");
  field->SetNumberOfTuples(count);
  field->FillValue(1.0f);
  image->GetFieldData()->AddArray(field);
  auto noScalars = vtkSmartPointer<vtkImageData>::New();
  noScalars->SetDimensions(3, 3, 3);
  return { { image, vtkDataObject::FIELD_ASSOCIATION_POINTS, "nothing", "array named 'nothing'" },
    { image, vtkDataObject::FIELD_ASSOCIATION_NONE, "field", "is neither point data nor cell" },
    { noScalars, -1, nullptr, "no scalars" } };
}

/**
 * Runs `filter` (with UpdateWithThreads) on an image without points: the output must be empty,
 * and nothing reported.
 */
template <typename OutputT>
void ExpectNothingFromNothing(vtkAlgorithm* filter, MessageCollector* messages)
{
  vtkNew<vtkImageData> nothing;
  filter->SetInputDataObject(nothing);
  auto output = UpdateWithThreads<OutputT>(filter, messages);
  EXPECT_EQ(output->GetNumberOfPoints(), 0);
  EXPECT_EQ(output->GetNumberOfCells(), 0);
  EXPECT_TRUE(messages->Errors.empty() && messages->Warnings.empty());
}

/**
 * Runs `filter` (with UpdateWithThreads) on `error.Input`, on the array `error.Name` of
 * `error.Association` when a name is given, and checks that it reports exactly one error,
 * containing `error.Words`, and gives an empty output.
 */
template <typename OutputT>
void ExpectOneError(vtkAlgorithm* filter, MessageCollector* messages, const InputError& error)
{
  filter->SetInputDataObject(error.Input);
  if (error.Name)
  {
    filter->SetInputArrayToProcess(0, 0, 0, error.Association, error.Name);
  }
  auto output = UpdateWithThreads<OutputT>(filter, messages);
  EXPECT_EQ(messages->Errors.size(), 1u) << error.Words;
  if (!messages->Errors.empty())
  {
    EXPECT_NE(messages->Errors[0].find(error.Words), std::string::npos) << messages->Errors[0];
  }
  EXPECT_EQ(output->GetNumberOfPoints(), 0) << error.Words;
  EXPECT_EQ(output->GetNumberOfCells(), 0) << error.Words;
}
}

#endif
