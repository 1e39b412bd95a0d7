#include "ExplodedVoxelsMesher.h"

#include "ArrayDispatch.h"
#include "ExplodedVoxelsCut.h"
#include "ExplodedVoxelsGrid.h"
#include "ExplodedVoxelsRegions.h"
#include "ExplodedVoxelsSeparateBoxes.h"
#include "ExplodedVoxelsSharedCorners.h"
#include "HugePageMemory.h"
#include "vtkCellArray.h"
#include "vtkCellData.h"
#include "vtkDataArrayRange.h"
#include "vtkFloatArray.h"
#include "vtkIntArray.h"
#include "vtkNew.h"
#include "vtkParaVoxelArrayRanges.h"
#include "vtkPointData.h"
#include "vtkPoints.h"
#include "vtkPolyData.h"
#include "vtkSmartPointer.h"
#include "vtkTypeInt32Array.h"
#include "vtkTypeInt64Array.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace paravoxel
{
namespace
{
using ProgressFunction = ExplodedVoxelsMesher::ProgressFunction;
using RowLoop = ExplodedVoxelsRowLoop;
using FaceBit = ExplodedVoxelsFaces::FaceBit;
using FaceLayout = ExplodedVoxelsFaces::Layout;

enum VoxelClass : std::uint8_t
{
  Empty = 0,
  FilledNeighbour = 1,
  FilledOwned = 2
};

// PASS 1, for each scalar array type: marks each voxel empty, filled and owned, or filled
// neighbour (a ghost, which only hides faces); for label images, notes each voxel's region and
// adds the owned filled voxels to their region's centroid sums.
struct ClassifyVoxels
{
  template <typename ArrayT>
  void operator()(ArrayT* scalars, const ExplodedVoxelsGrid& grid,
    const ExplodedVoxelsMesher::Settings& settings, const ExplodedVoxelsCut& cut,
    ExplodedVoxelsRegions& regions, std::uint8_t* classes, std::uint8_t* rowHasFilled,
    const ProgressFunction& progress, bool& completed) const
  {
    const auto values = vtk::DataArrayValueRange(scalars);
    const vtkIdType components = scalars->GetNumberOfComponents();
    const int component = settings.ThresholdComponent;
    const double lower = settings.LowerThreshold;
    const double upper = settings.UpperThreshold;
    const int* dims = grid.GetDimensions();
    const int* first = grid.GetFirstVoxel();
    std::int32_t* voxelRegions = regions.GetVoxelRegions();

    completed = RowLoop::Run(grid.GetNumberOfRows(), progress, 0.0, 0.3,
      [&](vtkIdType begin, vtkIdType end)
      {
        for (vtkIdType row = begin; row < end; ++row)
        {
          const int j = static_cast<int>(row % dims[1]);
          const int k = static_cast<int>(row / dims[1]);
          const vtkIdType firstValue = grid.GetTupleId(0, j, k) * components;
          std::uint8_t* rowClasses = classes + row * dims[0];

          // The threshold test first, in a loop kept free of other work (it sees every voxel):
          // valueOf(i) is the value tested for voxel i of the row.
          unsigned int filled = 0;
          auto markFilled = [&](auto valueOf)
          {
            for (int i = 0; i < dims[0]; ++i)
            {
              const double v = valueOf(i);
              rowClasses[i] = (lower < v && v <= upper) ? FilledOwned : Empty;
              filled |= rowClasses[i];
            }
          };
          if (components == 1)
          {
            // Contiguous values: the loop vectorises.
            markFilled([&](int i) { return static_cast<double>(values[firstValue + i]); });
          }
          else if (component >= 0)
          {
            markFilled([&](int i)
              { return static_cast<double>(values[firstValue + i * components + component]); });
          }
          else
          {
            markFilled(
              [&](int i)
              {
                double squares = 0.0;
                for (vtkIdType c = 0; c < components; ++c)
                {
                  const double x = static_cast<double>(values[firstValue + i * components + c]);
                  squares += x * x;
                }
                return std::sqrt(squares);
              });
          }
          const bool ownedRow = grid.IsOwnedRow(j, k);
          const int ownedBegin = ownedRow ? grid.GetOwnedBegin(0) : dims[0];
          const int ownedEnd = ownedRow ? grid.GetOwnedEnd(0) : dims[0];

          // Then the regions (labels are the values of one-component integer arrays, the filter
          // checked): unselected labels are empty; the centroids count the owned filled voxels
          // before the cut.
          if (filled && regions.IsActive())
          {
            filled = 0;
            std::int32_t* rowRegions = voxelRegions ? voxelRegions + row * dims[0] : nullptr;
            std::vector<long long>* sums =
              regions.IsExploding() && ownedRow ? &regions.GetThreadSums() : nullptr;
            for (int i = 0; i < dims[0]; ++i)
            {
              if (rowClasses[i] == Empty)
              {
                continue;
              }
              const std::int32_t region = regions.SelectedRegion(
                static_cast<vtk::GetAPIType<ArrayT>>(values[firstValue + i]));
              if (region < 0)
              {
                rowClasses[i] = Empty;
                continue;
              }
              filled = 1;
              if (rowRegions)
              {
                rowRegions[i] = region;
              }
              if (sums && i >= ownedBegin && i < ownedEnd)
              {
                const int index[3] = { first[0] + i, first[1] + j, first[2] + k };
                regions.AddToSums(*sums, region, index);
              }
            }
          }
          rowHasFilled[row] = filled != 0;

          // Then the cut and ownership, for the filled voxels only.
          if (!filled || (!cut.IsActive() && ownedBegin == 0 && ownedEnd == dims[0]))
          {
            continue;
          }
          for (int i = 0; i < dims[0]; ++i)
          {
            if (rowClasses[i] == Empty)
            {
              continue;
            }
            if (cut.IsActive())
            {
              double center[3];
              grid.GetPosition(i, j, k, center);
              if (cut.Removes(center))
              {
                rowClasses[i] = Empty;
                continue;
              }
            }
            if (i < ownedBegin || i >= ownedEnd)
            {
              rowClasses[i] = FilledNeighbour;
            }
          }
        }
      });
  }
};

// PASS 5, for each scalar array type: every face gets the tuple and the index of its voxel; with
// separate boxes (cornerValues not null), every corner of a box gets the tuple too.
struct CopyVoxelValues
{
  template <typename ArrayT>
  void operator()(ArrayT* scalars, vtkDataArray* carried, vtkDataArray* cornerValues,
    const ExplodedVoxelsGrid& grid, const ExplodedVoxelsFaces& faces, int* voxelIndex,
    const ProgressFunction& progress, bool& completed) const
  {
    const auto in = vtk::DataArrayTupleRange(scalars);
    // Both made by NewInstance of `scalars`: the same type.
    auto out = vtk::DataArrayTupleRange(static_cast<ArrayT*>(carried));
    auto cornerOut =
      vtk::DataArrayTupleRange(static_cast<ArrayT*>(cornerValues ? cornerValues : carried));
    const FaceLayout* layouts = ExplodedVoxelsFaces::GetLayouts();
    const int* dims = grid.GetDimensions();
    const int* first = grid.GetFirstVoxel();
    const std::uint8_t* faceMasks = faces.Masks.get();
    const vtkIdType* rowCornerStart = faces.RowBoxCornerStart.data();
    const int* firstFaces = faces.RowFirstFace.data();
    const int* endFaces = faces.RowEndFace.data();

    completed = faces.ForEachRowWithFaces(grid, progress, 0.9, 1.0,
      [&](vtkIdType row, int j, int k, vtkIdType face)
      {
        vtkIdType corner = cornerValues ? rowCornerStart[row] : 0;
        const std::uint8_t* masks = faceMasks + row * dims[0];
        for (int i = firstFaces[row]; i < endFaces[row]; ++i)
        {
          const FaceLayout& layout = layouts[masks[i]];
          if (layout.NumberOfFaces == 0)
          {
            continue;
          }
          const auto source = in[grid.GetTupleId(i, j, k)];
          const int index[3] = { first[0] + i, first[1] + j, first[2] + k };
          for (int f = 0; f < layout.NumberOfFaces; ++f)
          {
            out[face + f] = source;
            std::copy(index, index + 3, voxelIndex + 3 * (face + f));
          }
          face += layout.NumberOfFaces;
          if (cornerValues)
          {
            // The box's corners are consecutive points, in the order PASS 4 made them.
            for (int c = 0; c < layout.NumberOfCorners; ++c)
            {
              cornerOut[corner++] = source;
            }
          }
        }
      });
  }
};

// PASS 4 of either geometry (ExplodedVoxelsSeparateBoxes or ExplodedVoxelsSharedCorners,
// whose points are counted): allocates and fills `points` and `quads`. Returns false when an
// allocation failed (VTK reported it) or the progress function asked to abort.
template <typename Geometry>
bool MakeGeometry(
  Geometry& geometry, vtkIdType numberOfFaces, vtkPoints* points, vtkCellArray* quads)
{
  vtkNew<vtkFloatArray> coordinates;
  coordinates->SetNumberOfComponents(3);
  if (!HugePageMemory::SetNumberOfTuples(coordinates, geometry.GetNumberOfPoints()))
  {
    return false;
  }
  points->SetData(coordinates);
  const auto fill = [&](auto* connectivity)
  {
    const bool filled = HugePageMemory::SetNumberOfTuples(connectivity, 4 * numberOfFaces) &&
      geometry.FillGeometry(coordinates->GetPointer(0), connectivity->GetPointer(0));
    quads->SetData(4, connectivity);
    return filled;
  };
  // 32-bit connectivity when it fits (half the memory); point ids fit too, as there are at most
  // four points per quad.
  if (4 * numberOfFaces <= std::numeric_limits<vtkTypeInt32>::max())
  {
    return fill(vtkNew<vtkTypeInt32Array>().Get());
  }
  return fill(vtkNew<vtkTypeInt64Array>().Get());
}

// An empty array of the type, name and components of `scalars`, for its values on the output.
vtkSmartPointer<vtkDataArray> NewArrayLike(vtkDataArray* scalars)
{
  auto array = vtk::TakeSmartPointer(scalars->NewInstance());
  array->SetName(scalars->GetName());
  array->SetNumberOfComponents(scalars->GetNumberOfComponents());
  array->CopyComponentNames(scalars);
  return array;
}
}

ExplodedVoxelsMesher::ExplodedVoxelsMesher(
  const ExplodedVoxelsGrid& grid, ProgressFunction progress)
  : Grid(grid)
  , Progress(std::move(progress))
{
}

ExplodedVoxelsMesher::~ExplodedVoxelsMesher() = default;

bool ExplodedVoxelsMesher::Execute(const Settings& settings, vtkDataArray* scalars,
  const ExplodedVoxelsCut& cut, ExplodedVoxelsRegions& regions, vtkPolyData* output)
{
  // Boxes stand apart (each with its own corners) when shrunk, when all their faces are kept
  // (the filter then always shrinks them a little), or when regions move apart; otherwise
  // neighbours share corners.
  const bool separateBoxes =
    settings.Gap > 0.0 || settings.KeepInteriorFaces || regions.IsExploding();
  // PASS 1, the regions' offsets (collective under MPI, so every process computes them even when
  // it was asked to abort), then PASS 2.
  const bool classified = this->Classify(settings, separateBoxes, scalars, cut, regions);
  if (regions.IsExploding())
  {
    regions.ComputeOffsets();
  }
  if (!classified || !this->FindFaces(settings, separateBoxes, regions))
  {
    return false;
  }
  const vtkIdType numberOfFaces = this->Faces.RowFaceStart.back();
  vtkNew<vtkPoints> points;
  vtkNew<vtkCellArray> quads;
  if (separateBoxes)
  {
    const ExplodedVoxelsSeparateBoxes boxes(
      this->Grid, this->Faces, regions, 0.5 * (1.0 - settings.Gap), this->Progress);
    // PASS 4 (the boxes' corners were counted in PASS 2).
    if (!MakeGeometry(boxes, numberOfFaces, points, quads))
    {
      return false;
    }
  }
  else
  {
    // The corner marks of PASS 3 are freed once PASS 4 has used them, before the attributes.
    ExplodedVoxelsSharedCorners corners(
      this->Grid, this->Faces, std::move(this->Classes), this->Progress);
    // PASS 3, then PASS 4.
    if (!corners.MarkUsedCorners() || !MakeGeometry(corners, numberOfFaces, points, quads))
    {
      return false;
    }
  }

  const auto carried = NewArrayLike(scalars);
  bool allocated = HugePageMemory::SetNumberOfTuples(carried, numberOfFaces);
  // Separate boxes own their corners, so the voxel values are point data as well: renderers
  // colour by points without building per-cell colour textures (for a translucent whole brain,
  // millions of quads, about a third of the first frame's time and most of each later frame's).
  vtkSmartPointer<vtkDataArray> cornerValues;
  if (separateBoxes)
  {
    cornerValues = NewArrayLike(scalars);
    allocated =
      allocated && HugePageMemory::SetNumberOfTuples(cornerValues, points->GetNumberOfPoints());
  }
  vtkNew<vtkIntArray> voxelIndex;
  voxelIndex->SetName("VoxelIndex");
  voxelIndex->SetNumberOfComponents(3);
  allocated = allocated && HugePageMemory::SetNumberOfTuples(voxelIndex, numberOfFaces);
  // PASS 5.
  if (!allocated ||
    !this->CopyAttributes(scalars, carried, cornerValues, voxelIndex->GetPointer(0)))
  {
    return false;
  }
  this->Faces.Masks.reset();
  regions.ReleaseVoxelRegions();

  output->SetPoints(points);
  output->SetPolys(quads);
  output->GetCellData()->SetScalars(carried);
  output->GetCellData()->AddArray(voxelIndex);
  if (cornerValues)
  {
    output->GetPointData()->SetScalars(cornerValues);
  }
  // ParaView asks every array for its ranges after each update, the points' coordinates too
  // (vtkPVDataInformation, with the L2 norm): one fast pass each now.
  for (vtkDataArray* array : { carried.Get(), static_cast<vtkDataArray*>(voxelIndex),
         cornerValues.Get(), points->GetData() })
  {
    vtkParaVoxelArrayRanges::Cache(array);
  }
  return true;
}

// Runs PASS 1 (ClassifyVoxels) on the array's own value type.
bool ExplodedVoxelsMesher::Classify(const Settings& settings, bool separateBoxes,
  vtkDataArray* scalars, const ExplodedVoxelsCut& cut, ExplodedVoxelsRegions& regions)
{
  // With shared corners, the table is large enough to hold the corner marks of PASS 3 afterwards:
  // fresh memory is costly to touch at this size (and on virtual machines above all), and the
  // classes are done with by then.
  const vtkIdType voxels = this->Grid.GetNumberOfVoxels();
  this->Classes = HugePageMemory::AllocateArray<std::uint8_t>(separateBoxes
      ? voxels
      : std::max(voxels, ExplodedVoxelsSharedCorners::GetNumberOfCorners(this->Grid)));
  if (!this->Classes)
  {
    return false;
  }
  this->RowHasFilled.assign(this->Grid.GetNumberOfRows(), 0);
  bool completed = false;
  ArrayDispatch::Execute(scalars, ClassifyVoxels{}, this->Grid, settings, cut, regions,
    this->Classes.get(), this->RowHasFilled.data(), this->Progress, completed);
  return completed;
}

// PASS 2: the face masks of the voxels of each row, and the row's counts.
bool ExplodedVoxelsMesher::FindFaces(
  const Settings& settings, bool separateBoxes, const ExplodedVoxelsRegions& regions)
{
  const bool keepInteriorFaces = settings.KeepInteriorFaces;
  // A face looks toward the view point when the point is on the outer side of its plane: for the
  // +a face, (P - centre) . axis_a > halfSize |axis_a|^2 (axis_a: one voxel step along a).
  const double halfSize = 0.5 * (1.0 - settings.Gap);
  double facingLimit[3];
  for (int a = 0; a < 3; ++a)
  {
    const double* axis = this->Grid.GetAxis(a);
    facingLimit[a] = halfSize * (axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
  }
  const auto facesTowardViewPoint = [&](int i, int j, int k, vtkIdType voxel)
  {
    double centre[3];
    regions.GetBoxCentre(i, j, k, voxel, centre);
    std::uint8_t mask = 0;
    for (int a = 0; a < 3; ++a)
    {
      const double* axis = this->Grid.GetAxis(a);
      const double along = (settings.ViewPoint[0] - centre[0]) * axis[0] +
        (settings.ViewPoint[1] - centre[1]) * axis[1] +
        (settings.ViewPoint[2] - centre[2]) * axis[2];
      mask |= along > facingLimit[a] ? (FaceBit::XPlus << (2 * a)) : 0;
      mask |= along < -facingLimit[a] ? (FaceBit::XMinus << (2 * a)) : 0;
    }
    return mask;
  };
  const int* dims = this->Grid.GetDimensions();
  const vtkIdType rows = this->Grid.GetNumberOfRows();
  const vtkIdType rowLength = dims[0];
  const vtkIdType sliceLength = rowLength * dims[1];
  const FaceLayout* layouts = ExplodedVoxelsFaces::GetLayouts();
  const std::uint8_t* classes = this->Classes.get();
  this->Faces.Masks = HugePageMemory::AllocateArray<std::uint8_t>(this->Grid.GetNumberOfVoxels());
  if (!this->Faces.Masks)
  {
    return false;
  }
  std::uint8_t* faceMasks = this->Faces.Masks.get();
  this->Faces.RowFaceStart.assign(rows + 1, 0);
  vtkIdType* faceCounts = this->Faces.RowFaceStart.data();
  // Shared corners are counted per row of corners later (ExplodedVoxelsSharedCorners).
  this->Faces.RowBoxCornerStart.assign(separateBoxes ? rows + 1 : 1, 0);
  vtkIdType* cornerCounts = separateBoxes ? this->Faces.RowBoxCornerStart.data() : nullptr;
  this->Faces.RowFirstFace.assign(rows, dims[0]);
  this->Faces.RowEndFace.assign(rows, dims[0]);
  int* firstFaces = this->Faces.RowFirstFace.data();
  int* endFaces = this->Faces.RowEndFace.data();
  const std::uint8_t* rowHasFilled = this->RowHasFilled.data();
  // When regions move apart, a face between two regions is on the outside of both.
  const std::int32_t* voxelRegions = regions.IsExploding() ? regions.GetVoxelRegions() : nullptr;

  // Faces towards empty neighbours only: the vectorised loop below.
  const bool plainFaces = !keepInteriorFaces && !settings.OnlyFacesTowardViewPoint && !voxelRegions;
  const std::vector<std::uint8_t> emptyRow(rowLength, Empty);

  const bool completed = RowLoop::Run(rows, this->Progress, 0.3, 0.5,
    [&](vtkIdType begin, vtkIdType end)
    {
      for (vtkIdType row = begin; row < end; ++row)
      {
        std::uint8_t* masks = faceMasks + row * rowLength;
        if (!rowHasFilled[row])
        {
          std::fill(masks, masks + rowLength, 0);
          faceCounts[row] = 0;
          if (cornerCounts)
          {
            cornerCounts[row] = 0;
          }
          continue;
        }
        const int j = static_cast<int>(row % dims[1]);
        const int k = static_cast<int>(row / dims[1]);
        const std::uint8_t* here = classes + row * rowLength;
        // Neighbouring rows; outside the work grid everything is empty.
        const bool hasYBelow = j > 0;
        const bool hasYAbove = j < dims[1] - 1;
        const bool hasZBelow = k > 0;
        const bool hasZAbove = k < dims[2] - 1;
        const std::int32_t* hereRegions = voxelRegions ? voxelRegions + row * rowLength : nullptr;
        // Whether the neighbour `offset` voxels away in the work grid (which exists) leaves the
        // face towards it open: it is empty, or of another region that moves apart.
        const auto opensFace = [&](vtkIdType i, vtkIdType offset) -> bool
        {
          const bool empty = here[i + offset] == Empty;
          return empty || (hereRegions && hereRegions[i + offset] != hereRegions[i]);
        };
        const auto maskOf = [&](vtkIdType i) -> std::uint8_t
        {
          if (here[i] != FilledOwned)
          {
            return 0;
          }
          std::uint8_t mask = FaceBit::AllFaces;
          if (!keepInteriorFaces)
          {
            mask = ((i == 0 || opensFace(i, -1)) ? FaceBit::XMinus : 0) |
              ((i == rowLength - 1 || opensFace(i, 1)) ? FaceBit::XPlus : 0) |
              ((!hasYBelow || opensFace(i, -rowLength)) ? FaceBit::YMinus : 0) |
              ((!hasYAbove || opensFace(i, rowLength)) ? FaceBit::YPlus : 0) |
              ((!hasZBelow || opensFace(i, -sliceLength)) ? FaceBit::ZMinus : 0) |
              ((!hasZAbove || opensFace(i, sliceLength)) ? FaceBit::ZPlus : 0);
          }
          if (settings.OnlyFacesTowardViewPoint)
          {
            mask &= facesTowardViewPoint(static_cast<int>(i), j, k, row * rowLength + i);
          }
          return mask;
        };
        vtkIdType faces = 0;
        if (plainFaces && rowLength > 2)
        {
          // The common case (faces towards empty neighbours only) without branches, so that the
          // loop vectorises: a missing neighbouring row reads as an empty one.
          const std::uint8_t* yBelow = hasYBelow ? here - rowLength : emptyRow.data();
          const std::uint8_t* yAbove = hasYAbove ? here + rowLength : emptyRow.data();
          const std::uint8_t* zBelow = hasZBelow ? here - sliceLength : emptyRow.data();
          const std::uint8_t* zAbove = hasZAbove ? here + sliceLength : emptyRow.data();
          unsigned int rowFaces = 0;
          for (vtkIdType i = 1; i < rowLength - 1; ++i)
          {
            const std::uint8_t xm = here[i - 1] == Empty, xp = here[i + 1] == Empty;
            const std::uint8_t ym = yBelow[i] == Empty, yp = yAbove[i] == Empty;
            const std::uint8_t zm = zBelow[i] == Empty, zp = zAbove[i] == Empty;
            const bool owned = here[i] == FilledOwned;
            masks[i] = owned
              ? static_cast<std::uint8_t>(xm | xp << 1 | ym << 2 | yp << 3 | zm << 4 | zp << 5)
              : 0;
            rowFaces += owned ? static_cast<unsigned int>(xm + xp + ym + yp + zm + zp) : 0u;
          }
          masks[0] = maskOf(0);
          masks[rowLength - 1] = maskOf(rowLength - 1);
          faces = rowFaces + layouts[masks[0]].NumberOfFaces +
            layouts[masks[rowLength - 1]].NumberOfFaces;
        }
        else
        {
          for (vtkIdType i = 0; i < rowLength; ++i)
          {
            masks[i] = maskOf(i);
            faces += layouts[masks[i]].NumberOfFaces;
          }
        }
        vtkIdType corners = 0;
        if (cornerCounts)
        {
          for (vtkIdType i = 0; i < rowLength; ++i)
          {
            corners += layouts[masks[i]].NumberOfCorners;
          }
        }
        vtkIdType firstFace = 0;
        while (firstFace < rowLength && !masks[firstFace])
        {
          ++firstFace;
        }
        vtkIdType lastFace = rowLength - 1;
        while (lastFace >= firstFace && !masks[lastFace])
        {
          --lastFace;
        }
        if (faces)
        {
          firstFaces[row] = static_cast<int>(firstFace);
          endFaces[row] = static_cast<int>(lastFace + 1);
        }
        faceCounts[row] = faces;
        if (cornerCounts)
        {
          cornerCounts[row] = corners;
        }
      }
    });
  if (separateBoxes)
  {
    this->Classes.reset();
  }
  this->RowHasFilled = std::vector<std::uint8_t>();
  if (!completed)
  {
    return false;
  }
  RowLoop::ExclusivePrefixSum(this->Faces.RowFaceStart);
  RowLoop::ExclusivePrefixSum(this->Faces.RowBoxCornerStart);
  return true;
}

// Runs PASS 5 (CopyVoxelValues) on the array's own value type.
bool ExplodedVoxelsMesher::CopyAttributes(
  vtkDataArray* scalars, vtkDataArray* carried, vtkDataArray* cornerValues, int* voxelIndex)
{
  bool completed = false;
  ArrayDispatch::Execute(scalars, CopyVoxelValues{}, carried, cornerValues, this->Grid, this->Faces,
    voxelIndex, this->Progress, completed);
  return completed;
}
} // namespace paravoxel
