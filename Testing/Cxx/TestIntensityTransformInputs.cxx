// Intensity Transform on the inputs it must refuse or handle apart: errors (missing array, field
// data, no scalars, several components, NaN curve parameters) giving an empty output, cell data
// and flat images, and pieces through one process (statistics from the values each piece
// owns). Outputs are checked against the reference of IntensityTransformReference.h, with one
// thread and with several.
#include "IntensityTransformReference.h"

#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace
{
// The filter tests' shared fixture and helpers (FilterTestHelpers.h), and the Intensity
// Transform settings, reference and checks (IntensityTransformReference.h).
using namespace paravoxel_test;
using namespace paravoxel_test::intensity_transform;
using IntensityTransform = FilterTest;
}

TEST_F(IntensityTransform, ErrorsGiveAnEmptyOutput)
{
  const Layout layout = Block(4, 5, 6);
  const auto grey = MakeArray("grey", 1, BrainLike<float>(layout.NumberOfVoxels(), 101));
  auto image = MakeImage(layout, grey);
  image->GetPointData()->AddArray(
    MakeArray("rgb", 3, std::vector<double>(3 * layout.NumberOfVoxels(), 1.0)));
  std::vector<InputError> errors = CommonInputErrors(image, layout.NumberOfVoxels());
  errors.push_back({ image, vtkDataObject::FIELD_ASSOCIATION_POINTS, "rgb", "3 components" });
  for (const InputError& error : errors)
  {
    vtkNew<MessageCollector> messages;
    ExpectOneError<vtkImageData>(MakeFilter(Settings(), messages), messages, error);
  }
  // No name for the result.
  Settings unnamed;
  unnamed.ResultName = "";
  vtkNew<MessageCollector> messages;
  ExpectOneError<vtkImageData>(MakeFilter(unnamed, messages), messages,
    { image, vtkDataObject::FIELD_ASSOCIATION_POINTS, "grey", "ResultArrayName" });
}

TEST_F(IntensityTransform, NaNCurveParametersAreErrors)
{
  const Layout layout = Block(4, 5, 6);
  const auto grey = MakeArray("grey", 1, BrainLike<short>(layout.NumberOfVoxels(), 102));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::pair<const char*, void (*)(Settings&, double)> cases[] = {
    { "Floor", [](Settings& s, double v) { s.Floor = v; } },
    { "Gamma", [](Settings& s, double v) { s.Gamma = v; } },
    { "Contrast", [](Settings& s, double v) { s.Contrast = v; } },
    { "Offset", [](Settings& s, double v) { s.Offset = v; } },
  };
  for (const auto& nanCase : cases)
  {
    Settings settings;
    nanCase.second(settings, nan);
    vtkNew<MessageCollector> messages;
    auto filter = MakeFilter(settings, messages);
    filter->SetInputData(MakeImage(layout, grey));
    auto output = UpdateWithThreads<vtkImageData>(filter, messages);
    ASSERT_EQ(messages->Errors.size(), 1u) << nanCase.first;
    EXPECT_NE(
      messages->Errors[0].find(std::string(nanCase.first) + " must be finite"), std::string::npos)
      << messages->Errors[0];
    EXPECT_EQ(output->GetNumberOfPoints(), 0) << nanCase.first;
  }
}

TEST_F(IntensityTransform, SettingsOutsideTheirDomainAreErrors)
{
  const Layout layout = Block(4, 5, 6);
  const auto grey = MakeArray("grey", 1, BrainLike<short>(layout.NumberOfVoxels(), 102));
  const std::pair<const char*, void (*)(Settings&)> cases[] = {
    { "NormalizationMode must be one of", [](Settings& s) { s.Mode = 3; } },
    { "CustomRange must be finite",
      [](Settings& s)
      {
        s.Mode = vtkIntensityTransformFilter::CUSTOM_RANGE;
        s.Custom = { { 0.0, std::numeric_limits<double>::infinity() } };
      } },
    { "PercentileRange must be numbers in [0, 100]",
      [](Settings& s)
      {
        s.Mode = vtkIntensityTransformFilter::PERCENTILE_RANGE;
        s.Percentiles = { { -5.0, 150.0 } };
      } },
    { "Gamma must be a number in [0,", [](Settings& s) { s.Gamma = -0.5; } },
    { "Contrast must be finite",
      [](Settings& s) { s.Contrast = -std::numeric_limits<double>::infinity(); } },
  };
  for (const auto& errorCase : cases)
  {
    Settings settings;
    errorCase.second(settings);
    vtkNew<MessageCollector> messages;
    auto filter = MakeFilter(settings, messages);
    filter->SetInputData(MakeImage(layout, grey));
    auto output = UpdateWithThreads<vtkImageData>(filter, messages);
    ASSERT_EQ(messages->Errors.size(), 1u) << errorCase.first;
    EXPECT_NE(messages->Errors[0].find(errorCase.first), std::string::npos) << messages->Errors[0];
    EXPECT_EQ(output->GetNumberOfPoints(), 0) << errorCase.first;
  }
}

TEST_F(IntensityTransform, CellDataAndFlatImages)
{
  Layout cells = Block(9, 8, 7);
  cells.Cells = true;
  Layout flatCells = Block(12, 10, 1);
  flatCells.Cells = true;
  flatCells.Flat = { { false, false, true } };
  const Layout slice = Block(20, 30, 1);
  const Layout line = Block(1, 1, 40);
  const std::pair<Layout, vtkSmartPointer<vtkDataArray>> cases[] = {
    { cells, MakeArray("v", 1, BrainLike<double>(cells.NumberOfVoxels(), 111)) },
    { cells, MakeArray("v", 1, BrainLike<unsigned char>(cells.NumberOfVoxels(), 112)) },
    { flatCells, MakeArray("v", 1, BrainLike<float>(flatCells.NumberOfVoxels(), 113)) },
    { slice, MakeArray("v", 1, BrainLike<unsigned short>(slice.NumberOfVoxels(), 114)) },
    { line, MakeArray("v", 1, BrainLike<double>(line.NumberOfVoxels(), 115)) },
  };
  for (const auto& shaped : cases)
  {
    for (const Settings& settings : { Settings(), Percentiles(3.0, 91.0) })
    {
      auto filter = Check(shaped.first, shaped.second, settings,
        std::string(shaped.first.Cells ? "cells " : "points ") +
          shaped.second->GetDataTypeAsString());
      // The result goes with the input array, and the other attributes keep their scalars.
      auto* output = vtkImageData::SafeDownCast(filter->GetOutputDataObject(0));
      EXPECT_EQ(shaped.first.Cells ? output->GetPointData()->GetNumberOfArrays()
                                   : output->GetCellData()->GetNumberOfArrays(),
        0);
    }
  }

  // With point and cell arrays, a name picks the cell array.
  const Layout points = Block(10, 9, 8);
  auto image = MakeImage(points, MakeArray("p", 1, BrainLike<float>(points.NumberOfVoxels(), 116)));
  const auto cellValues = MakeArray("c", 1, BrainLike<float>(cells.NumberOfVoxels(), 117));
  image->GetCellData()->SetScalars(cellValues);
  vtkNew<MessageCollector> messages;
  auto filter = MakeFilter(Settings(), messages);
  filter->SetInputData(image);
  filter->SetInputArrayToProcess(0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_CELLS, "c");
  auto output = UpdateWithThreads<vtkImageData>(filter, messages);
  ExpectOutput(output, filter, messages, true, cellValues,
    Reference(AsDoubles(cellValues), Settings()), Settings(), "cell array by name");
  EXPECT_STREQ(output->GetPointData()->GetScalars()->GetName(), "p");
}

TEST_F(IntensityTransform, PiecesThroughOneProcessUseTheirOwnValues)
{
  // Without a controller of as many processes as pieces, each piece's statistics come from the
  // values it owns: its zero-ghost extent, less the upper layer of points it shares with the
  // next piece (cells are not shared). Ghost values get the piece's curve too.
  Layout layout = Block(10, 9, 8);
  layout.First = { { 3, -2, 0 } };
  for (const bool cells : { false, true })
  {
    layout.Cells = cells;
    const auto values = MakeArray("v", 1, BrainLike<float>(layout.NumberOfVoxels(), 121));
    const auto image = MakeImage(layout, values);
    const auto whole = layout.Extent();
    for (const Settings& settings : { Settings(), Percentiles(2.0, 98.0) })
    {
      for (const int pieces : { 2, 3, 4 })
      {
        vtkIdType ownedTotal = 0;
        for (int piece = 0; piece < pieces; ++piece)
        {
          vtkNew<PieceSource> source;
          source->SetImage(image);
          vtkNew<MessageCollector> messages;
          auto filter = MakeFilter(settings, messages);
          filter->SetInputConnection(source->GetOutputPort());
          auto output = UpdateWithThreads<vtkImageData>(filter, messages, piece, pieces, 1);

          const auto pieceExtent = paravoxel_test::PieceExtent(whole, piece, pieces, 0);
          const int* extent = output->GetExtent();
          vtkDataArray* pieceValues =
            (cells ? static_cast<vtkDataSetAttributes*>(output->GetCellData())
                   : static_cast<vtkDataSetAttributes*>(output->GetPointData()))
              ->GetArray("v");
          ASSERT_NE(pieceValues, nullptr);
          // Which of the piece's values it owns, voxel by voxel.
          std::vector<bool> owned;
          const int last[3] = { cells ? extent[1] - 1 : extent[1],
            cells ? extent[3] - 1 : extent[3], cells ? extent[5] - 1 : extent[5] };
          for (int k = extent[4]; k <= last[2]; ++k)
          {
            for (int j = extent[2]; j <= last[1]; ++j)
            {
              for (int i = extent[0]; i <= last[0]; ++i)
              {
                const int index[3] = { i, j, k };
                bool mine = true;
                for (int axis = 0; axis < 3; ++axis)
                {
                  const int end = cells || pieceExtent[2 * axis + 1] == whole[2 * axis + 1]
                    ? pieceExtent[2 * axis + 1] - (cells ? 1 : 0)
                    : pieceExtent[2 * axis + 1] - 1;
                  mine = mine && index[axis] >= pieceExtent[2 * axis] && index[axis] <= end;
                }
                owned.push_back(mine);
              }
            }
          }
          ASSERT_EQ(static_cast<vtkIdType>(owned.size()), pieceValues->GetNumberOfTuples());
          ownedTotal += std::count(owned.begin(), owned.end(), true);
          ExpectOutput(output, filter, messages, cells, pieceValues,
            Reference(AsDoubles(pieceValues), settings, owned), settings,
            std::to_string(pieces) + " pieces, piece " + std::to_string(piece));
        }
        // Each value of the image is owned by exactly one piece.
        EXPECT_EQ(ownedTotal, layout.NumberOfVoxels());
      }
    }
  }
}
