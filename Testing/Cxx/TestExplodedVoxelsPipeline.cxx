// Exploded Voxels in its pipeline: the array it selects, errors and abort (an empty output),
// pieces as under MPI (each face made once, from the whole image or from a reader's pieces with
// ghost layers), many rows on many threads, and the threading backend the plugin selects. Faces
// are matched against the reference of ExplodedVoxelsReference.h.
#include "ExplodedVoxelsReference.h"

#include "vtkCallbackCommand.h"
#include "vtkCommand.h"
#include "vtkPlane.h"
#include "vtkSphere.h"

namespace
{
// The filter tests' shared fixture and helpers (FilterTestHelpers.h), and the Exploded Voxels
// options, reference and checks (ExplodedVoxelsReference.h).
using namespace paravoxel_test;
using namespace paravoxel_test::exploded_voxels;
using ExplodedVoxels = FilterTest;
using ParaVoxelThreading = FilterTest;
}

TEST_F(ExplodedVoxels, ArraySelection)
{
  // Point and cell arrays on one image: the default takes the point scalars, a name picks either,
  // an empty name the active scalars (points first).
  Layout points = Block(4, 4, 3);
  Layout cells = points;
  cells.Cells = true;
  cells.Voxels = { { 3, 3, 2 } };
  const auto pointValues = MakeArray("p", 1, RandomValues<int>(points.NumberOfVoxels(), 2, 1));
  const auto cellValues = MakeArray("c", 1, RandomValues<int>(cells.NumberOfVoxels(), 2, 2));
  auto image = MakeImage(points, pointValues);
  image->GetCellData()->SetScalars(cellValues);
  const Reference pointFaces(points, pointValues, Options());
  const Reference cellFaces(cells, cellValues, Options());

  struct Selection
  {
    int Association;
    const char* Name;
    bool Cells;
  };
  const Selection selections[] = { { -1, nullptr, false },
    { vtkDataObject::FIELD_ASSOCIATION_CELLS, "c", true },
    { vtkDataObject::FIELD_ASSOCIATION_POINTS, "p", false },
    { vtkDataObject::FIELD_ASSOCIATION_POINTS, "", false } };
  for (const Selection& selection : selections)
  {
    vtkNew<MessageCollector> messages;
    auto filter = MakeFilter(Options(), messages);
    filter->SetInputData(image);
    if (selection.Name)
    {
      filter->SetInputArrayToProcess(0, 0, 0, selection.Association, selection.Name);
    }
    auto output = UpdateWithThreads<vtkPolyData>(filter, messages);
    EXPECT_TRUE(messages->Errors.empty());
    Problems problems;
    const Layout& layout = selection.Cells ? cells : points;
    const Reference& reference = selection.Cells ? cellFaces : pointFaces;
    CompareFaces(ReadFaces(output, layout, reference, selection.Cells ? cellValues : pointValues,
                   Options(), problems),
      reference, problems);
    EXPECT_TRUE(problems.Found.empty())
      << (selection.Name ? selection.Name : "default") << ": " << problems.Summary();
  }

  // Only cell scalars: the default falls back to them.
  auto cellImage = MakeImage(cells, cellValues);
  vtkNew<MessageCollector> messages;
  auto filter = MakeFilter(Options(), messages);
  filter->SetInputData(cellImage);
  auto output = UpdateWithThreads<vtkPolyData>(filter, messages);
  Problems problems;
  CompareFaces(
    ReadFaces(output, cells, cellFaces, cellValues, Options(), problems), cellFaces, problems);
  EXPECT_TRUE(problems.Found.empty()) << problems.Summary();
}

TEST_F(ExplodedVoxels, ErrorsGiveAnEmptyOutput)
{
  const Layout layout = Block(3, 3, 3);
  const auto rgb = MakeArray("rgb", 3, std::vector<float>(81, 1.0f));
  auto image = MakeImage(layout, rgb);
  for (const InputError& error : CommonInputErrors(image, 27))
  {
    vtkNew<MessageCollector> messages;
    ExpectOneError<vtkPolyData>(MakeFilter(Options(), messages), messages, error);
  }
  // A component the array does not have.
  Options component;
  component.Component = 3;
  vtkNew<MessageCollector> messages;
  ExpectOneError<vtkPolyData>(MakeFilter(component, messages), messages,
    { image, vtkDataObject::FIELD_ASSOCIATION_POINTS, "rgb", "ThresholdComponent 3" });
}

TEST_F(ExplodedVoxels, AbortGivesAnEmptyOutput)
{
  const Layout layout = Block(4, 4, 4);
  const auto values = MakeArray("v", 1, std::vector<int>(64, 1));
  vtkNew<MessageCollector> messages;
  auto filter = MakeFilter(Options(), messages);
  filter->SetInputData(MakeImage(layout, values));
  // The first progress report asks to abort.
  vtkNew<vtkCallbackCommand> abort;
  abort->SetCallback([](vtkObject* caller, unsigned long, void*, void*)
    { static_cast<vtkAlgorithm*>(caller)->SetAbortExecute(1); });
  const unsigned long observer = filter->AddObserver(vtkCommand::ProgressEvent, abort);
  auto output = UpdateWithThreads<vtkPolyData>(filter, messages);
  EXPECT_EQ(output->GetNumberOfCells(), 0);
  EXPECT_EQ(output->GetNumberOfPoints(), 0);
  // VTK 9.2's executive leaves the flag set: whoever aborts clears it before the next update.
  filter->RemoveObserver(observer);
  filter->SetAbortExecute(0);
  output = UpdateWithThreads<vtkPolyData>(filter, messages);
  EXPECT_EQ(output->GetNumberOfCells(), 96);
}

TEST_F(ExplodedVoxels, PiecesMakeEachFaceOnce)
{
  // Pieces as under MPI: each piece's faces, put together, are the whole image's faces, none
  // twice. The input is either the whole image (a source that cannot split) or, as from a
  // reader, the piece's extent plus one ghost layer with a vtkGhostType array.
  Layout layout = Block(9, 7, 6);
  layout.Spacing = { { 1.0, 0.5, 2.0 } };
  layout.First = { { -2, 3, 0 } };
  const auto random = RandomValues<float>(layout.NumberOfVoxels(), 2, 41);
  for (const bool cells : { false, true })
  {
    layout.Cells = cells;
    const auto values = MakeArray("v", 1, random);
    const auto image = MakeImage(layout, values);
    vtkNew<vtkSphere> sphere;
    sphere->SetCenter(0.5, 5.0, 6.0);
    sphere->SetRadius(3.1);
    Options cut;
    cut.Cut = sphere;
    cut.CutValue = [](const Point& x)
    {
      return (x[0] - 0.5) * (x[0] - 0.5) + (x[1] - 5.0) * (x[1] - 5.0) +
        (x[2] - 6.0) * (x[2] - 6.0) - 3.1 * 3.1;
    };
    Options gap;
    gap.Gap = 0.3;
    Options interior;
    interior.KeepInteriorFaces = true;
    for (const Options& options : { Options(), gap, interior, cut })
    {
      const Reference reference(layout, values, options);
      for (const bool fromReader : { false, true })
      {
        for (const int pieces : { 2, 3, 5, 8 })
        {
          vtkNew<PieceSource> source;
          source->SetImage(image);
          vtkNew<MessageCollector> messages;
          auto filter = MakeFilter(options, messages);
          if (fromReader)
          {
            filter->SetInputConnection(source->GetOutputPort());
          }
          else
          {
            filter->SetInputData(image);
          }
          Problems problems;
          std::vector<FaceKey> faces;
          for (int piece = 0; piece < pieces; ++piece)
          {
            auto output = UpdateWithThreads<vtkPolyData>(filter, messages, piece, pieces);
            EXPECT_TRUE(messages->Errors.empty());
            const auto pieceFaces = ReadFaces(output, layout, reference, values, options, problems);
            faces.insert(faces.end(), pieceFaces.begin(), pieceFaces.end());
          }
          CompareFaces(faces, reference, problems);
          EXPECT_TRUE(problems.Found.empty())
            << (cells ? "cells, " : "points, ") << pieces << " pieces"
            << (fromReader ? " from a reader: " : " of the whole image: ") << problems.Summary();
          if (fromReader)
          {
            // The reader really served pieces, each with the one ghost layer the filter asks for
            // (once: the several-thread run of a piece asks for the same extent again).
            ASSERT_EQ(source->ServedExtents.size(), static_cast<std::size_t>(pieces));
            for (int piece = 0; piece < pieces; ++piece)
            {
              EXPECT_EQ(source->ServedExtents[piece],
                paravoxel_test::PieceExtent(layout.Extent(), piece, pieces, 1));
            }
          }
        }
      }
    }
  }
}

TEST_F(ExplodedVoxels, ManyRowsOnManyThreads)
{
  // Enough rows (64 x 40) for many tasks of 128 rows and several progress chunks, so that
  // threads really share each pass; every face is still checked.
  Layout layout = Block(4, 64, 40);
  layout.Spacing = { { 0.5, 0.5, 0.5 } };
  const auto values = MakeArray("v", 1, RandomValues<short>(layout.NumberOfVoxels(), 3, 51));
  vtkNew<vtkPlane> plane;
  plane->SetOrigin(2.9, 15.1, 11.95);
  plane->SetNormal(0.0, 1.0, 1.0);
  Options cut;
  cut.Cut = plane;
  cut.CutValue = [](const Point& x) { return (x[1] - 15.1) + (x[2] - 11.95); };
  Options gap;
  gap.Gap = 0.2;
  Options interior;
  interior.KeepInteriorFaces = true;
  Options toward;
  toward.OnlyTowardViewPoint = true;
  toward.ViewPoint = { { -5.1, 40.3, 7.7 } };
  for (const Options& options : { Options(), gap, interior, cut, toward })
  {
    EXPECT_GT(CheckFaces(layout, values, options), 2000);
  }
  layout.Cells = true;
  CheckFaces(layout, values, Options());
}

TEST_F(ParaVoxelThreading, SelectsSTDThreadWithSeveralThreads)
{
  // What the plugin selects, and that the runs of these tests really use several threads.
  EXPECT_EQ(paravoxel_test::UseThreadedBackend(), "STDThread");
  EXPECT_STREQ(vtkSMPTools::GetBackend(), "STDThread");
  // STDThread never runs more threads than the machine has cores; any machine CI runs on has two
  // or more.
  int threads = 0;
  paravoxel_test::WithThreads(paravoxel_test::SeveralThreads,
    [&threads]() { threads = vtkParaVoxelThreading::GetNumberOfThreads(); });
  EXPECT_GT(threads, 1);
  EXPECT_LE(threads, paravoxel_test::SeveralThreads);
  paravoxel_test::WithThreads(
    1, [&threads]() { threads = vtkParaVoxelThreading::GetNumberOfThreads(); });
  EXPECT_EQ(threads, 1);
}
