#include "vtkExplodedVoxelsMesher.h"

#include "vtkArrayDispatch.h"
#include "vtkParaVoxelArrayRanges.h"
#include "vtkParaVoxelMemory.h"
#include "vtkCellArray.h"
#include "vtkCellData.h"
#include "vtkDataArrayRange.h"
#include "vtkExplodedVoxelsCut.h"
#include "vtkExplodedVoxelsGrid.h"
#include "vtkFloatArray.h"
#include "vtkIntArray.h"
#include "vtkNew.h"
#include "vtkPointData.h"
#include "vtkPoints.h"
#include "vtkPolyData.h"
#include "vtkSMPTools.h"
#include "vtkSmartPointer.h"
#include "vtkTypeInt32Array.h"
#include "vtkTypeInt64Array.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace
{
using ProgressFunction = vtkExplodedVoxelsMesher::ProgressFunction;

enum VoxelClass : std::uint8_t
{
  Empty = 0,
  FilledNeighbour = 1,
  FilledOwned = 2
};

enum FaceBit : std::uint8_t
{
  XMinus = 1,
  XPlus = 2,
  YMinus = 4,
  YPlus = 8,
  ZMinus = 16,
  ZPlus = 32,
  AllFaces = 63
};

// Box corners are numbered x + 2y + 4z, each coordinate 0 on the low side and 1 on the high
// side. The corners of each face (in FaceBit order) run counter-clockwise seen from outside the
// box, so that normals point outwards when the image axes are right-handed.
constexpr std::uint8_t FaceCorners[6][4] = { { 0, 4, 6, 2 }, { 1, 3, 7, 5 }, { 0, 1, 5, 4 },
  { 2, 6, 7, 3 }, { 0, 2, 3, 1 }, { 4, 5, 7, 6 } };

// What a voxel with a given face mask makes: its number of faces, the corners they use, and
// where each used corner lands among them, so that a separate box stores only the corners its
// faces need.
struct FaceMaskLayout
{
  std::uint8_t NumberOfFaces = 0;
  std::uint8_t NumberOfCorners = 0;
  std::uint8_t CornerMask = 0;
  std::uint8_t CornerRank[8] = {};
};

using FaceMaskLayouts = std::array<FaceMaskLayout, 64>;

const FaceMaskLayouts& GetFaceMaskLayouts()
{
  static const FaceMaskLayouts layouts = []() {
    FaceMaskLayouts table;
    for (int mask = 0; mask < 64; ++mask)
    {
      FaceMaskLayout& layout = table[mask];
      for (int face = 0; face < 6; ++face)
      {
        if (mask & (1 << face))
        {
          ++layout.NumberOfFaces;
          for (std::uint8_t corner : FaceCorners[face])
          {
            layout.CornerMask |= static_cast<std::uint8_t>(1 << corner);
          }
        }
      }
      for (int corner = 0; corner < 8; ++corner)
      {
        layout.CornerRank[corner] = layout.NumberOfCorners;
        if (layout.CornerMask & (1 << corner))
        {
          ++layout.NumberOfCorners;
        }
      }
    }
    return table;
  }();
  return layouts;
}

// Rows of voxels per vtkSMPTools task: small tasks (tens of microseconds) keep every thread busy
// to the end of a loop even when another process takes a core away for a while.
constexpr vtkIdType RowsPerTask = 128;

// Runs body(begin, end) over rows [0, rows) with vtkSMPTools, in a few consecutive chunks so
// that progress is reported (and an abort noticed) from the calling thread between them.
template <typename Body>
bool ForEachRow(
  vtkIdType rows, const ProgressFunction& progress, double from, double to, Body&& body)
{
  const vtkIdType chunks = std::max<vtkIdType>(1, std::min<vtkIdType>(10, rows / 1024));
  for (vtkIdType chunk = 0; chunk < chunks; ++chunk)
  {
    vtkSMPTools::For(rows * chunk / chunks, rows * (chunk + 1) / chunks, RowsPerTask, body);
    if (!progress(from + (to - from) * static_cast<double>(chunk + 1) / chunks))
    {
      return false;
    }
  }
  return true;
}

// Turns the row counts in `counts` (one more entry than rows) into the first index of each row,
// the last entry becoming the total.
void ExclusivePrefixSum(std::vector<vtkIdType>& counts)
{
  vtkIdType total = 0;
  for (vtkIdType& entry : counts)
  {
    const vtkIdType count = entry;
    entry = total;
    total += count;
  }
}

// Pass 1, for each scalar array type: marks each voxel empty, filled and owned, or filled
// neighbour (a ghost, which only hides faces).
struct ClassifyVoxels
{
  template <typename ArrayT>
  void operator()(ArrayT* scalars, const vtkExplodedVoxelsGrid& grid,
    const vtkExplodedVoxelsMesher::Settings& settings, const vtkExplodedVoxelsCut& cut,
    std::uint8_t* classes, std::uint8_t* rowHasFilled, const ProgressFunction& progress,
    bool& completed) const
  {
    const auto values = vtk::DataArrayValueRange(scalars);
    const vtkIdType components = scalars->GetNumberOfComponents();
    const int component = settings.ThresholdComponent;
    const double lower = settings.LowerThreshold;
    const double upper = settings.UpperThreshold;
    const int* dims = grid.GetDimensions();

    completed =
      ForEachRow(grid.GetNumberOfRows(), progress, 0.0, 0.3, [&](vtkIdType begin, vtkIdType end) {
        for (vtkIdType row = begin; row < end; ++row)
        {
          const int j = static_cast<int>(row % dims[1]);
          const int k = static_cast<int>(row / dims[1]);
          const vtkIdType firstValue = grid.GetTupleId(0, j, k) * components;
          std::uint8_t* rowClasses = classes + row * dims[0];

          // The threshold test first, in a loop kept free of other work (it sees every voxel).
          unsigned int filled = 0;
          auto markFilled = [&](auto valueOf) {
            for (int i = 0; i < dims[0]; ++i)
            {
              const double v = valueOf(firstValue + i * components);
              rowClasses[i] = (lower < v && v <= upper) ? FilledOwned : Empty;
              filled |= rowClasses[i];
            }
          };
          if (components == 1 || component >= 0)
          {
            const int c = std::max(component, 0);
            markFilled([&](vtkIdType first) { return static_cast<double>(values[first + c]); });
          }
          else
          {
            markFilled([&](vtkIdType first) {
              double squares = 0.0;
              for (vtkIdType c = 0; c < components; ++c)
              {
                const double x = static_cast<double>(values[first + c]);
                squares += x * x;
              }
              return std::sqrt(squares);
            });
          }
          rowHasFilled[row] = filled != 0;

          // Then the cut and ownership, for the filled voxels only.
          const bool ownedRow = grid.IsOwnedRow(j, k);
          const int ownedBegin = ownedRow ? grid.GetOwnedBegin(0) : dims[0];
          const int ownedEnd = ownedRow ? grid.GetOwnedEnd(0) : dims[0];
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

// Pass 5, for each scalar array type: every face gets the tuple and the index of its voxel; with
// separate boxes (cornerValues not null), every corner of a box gets the tuple too.
struct CopyVoxelValues
{
  template <typename InArrayT, typename OutArrayT>
  void operator()(InArrayT* scalars, OutArrayT* carried, vtkDataArray* cornerValues,
    const vtkExplodedVoxelsGrid& grid, const std::uint8_t* faceMasks,
    const std::vector<vtkIdType>& rowFaceStart, const std::vector<vtkIdType>& rowPointStart,
    const std::vector<int>& firstFaces, const std::vector<int>& endFaces, int* voxelIndex,
    const ProgressFunction& progress, bool& completed) const
  {
    const auto in = vtk::DataArrayTupleRange(scalars);
    auto out = vtk::DataArrayTupleRange(carried);
    // Made by NewInstance of the same array as `carried`: the same type.
    OutArrayT* corners = cornerValues ? static_cast<OutArrayT*>(cornerValues) : carried;
    auto cornerOut = vtk::DataArrayTupleRange(corners);
    const auto& layouts = GetFaceMaskLayouts();
    const int* dims = grid.GetDimensions();
    const int* first = grid.GetFirstVoxel();

    completed =
      ForEachRow(grid.GetNumberOfRows(), progress, 0.9, 1.0, [&](vtkIdType begin, vtkIdType end) {
        for (vtkIdType row = begin; row < end; ++row)
        {
          vtkIdType face = rowFaceStart[row];
          if (face == rowFaceStart[row + 1])
          {
            continue;
          }
          vtkIdType corner = rowPointStart[row];
          const int j = static_cast<int>(row % dims[1]);
          const int k = static_cast<int>(row / dims[1]);
          const std::uint8_t* masks = faceMasks + row * dims[0];
          for (int i = firstFaces[row]; i < endFaces[row]; ++i)
          {
            const FaceMaskLayout& layout = layouts[masks[i]];
            if (layout.NumberOfFaces == 0)
            {
              continue;
            }
            const auto source = in[grid.GetTupleId(i, j, k)];
            const int index[3] = { first[0] + i, first[1] + j, first[2] + k };
            for (int f = 0; f < layout.NumberOfFaces; ++f, ++face)
            {
              out[face] = source;
              std::copy(index, index + 3, voxelIndex + 3 * face);
            }
            if (cornerValues)
            {
              // The box's corners are consecutive points, in the order FillGeometry made them.
              for (int c = 0; c < layout.NumberOfCorners; ++c)
              {
                cornerOut[corner++] = source;
              }
            }
          }
        }
      });
  }
};
}

vtkExplodedVoxelsMesher::vtkExplodedVoxelsMesher(
  const vtkExplodedVoxelsGrid& grid, ProgressFunction progress)
  : Grid(grid)
  , Progress(std::move(progress))
{
}

vtkExplodedVoxelsMesher::~vtkExplodedVoxelsMesher() = default;

bool vtkExplodedVoxelsMesher::Execute(const Settings& settings, vtkDataArray* scalars,
  const vtkExplodedVoxelsCut& cut, vtkPolyData* output)
{
  // Boxes stand apart (each with its own corners) when shrunk, or when all their faces are kept
  // (the filter then always shrinks them a little); otherwise neighbours share corners.
  const bool separateBoxes = settings.Gap > 0.0 || settings.KeepInteriorFaces;
  if (!this->Classify(settings, scalars, cut) ||
    !this->FindFaces(settings, separateBoxes) ||
    (!separateBoxes && !this->FindSharedCorners()))
  {
    return false;
  }

  const vtkIdType numberOfFaces = this->RowFaceStart.back();
  const vtkIdType numberOfPoints = this->RowPointStart.back();
  vtkNew<vtkFloatArray> pointCoordinates;
  pointCoordinates->SetNumberOfComponents(3);
  if (!vtkParaVoxelMemory::SetNumberOfTuples(pointCoordinates, numberOfPoints))
  {
    return false; // VTK reported the allocation that failed
  }
  float* points = pointCoordinates->GetPointer(0);
  const double halfSize = 0.5 * (1.0 - settings.Gap);

  vtkNew<vtkCellArray> quads;
  bool completed;
  // 32-bit connectivity when it fits (half the memory); point ids fit too, as there are at most
  // four points per quad.
  if (4 * numberOfFaces <= std::numeric_limits<vtkTypeInt32>::max())
  {
    vtkNew<vtkTypeInt32Array> connectivity;
    completed = vtkParaVoxelMemory::SetNumberOfTuples(connectivity, 4 * numberOfFaces) &&
      this->FillGeometry(halfSize, separateBoxes, points, connectivity->GetPointer(0));
    quads->SetData(4, connectivity);
  }
  else
  {
    vtkNew<vtkTypeInt64Array> connectivity;
    completed = vtkParaVoxelMemory::SetNumberOfTuples(connectivity, 4 * numberOfFaces) &&
      this->FillGeometry(halfSize, separateBoxes, points, connectivity->GetPointer(0));
    quads->SetData(4, connectivity);
  }
  this->CornerUsed.reset();
  if (!completed)
  {
    return false;
  }

  auto carried = vtk::TakeSmartPointer(scalars->NewInstance());
  carried->SetName(scalars->GetName());
  carried->SetNumberOfComponents(scalars->GetNumberOfComponents());
  carried->CopyComponentNames(scalars);
  bool allocated = vtkParaVoxelMemory::SetNumberOfTuples(carried, numberOfFaces);
  // Separate boxes own their corners, so the voxel values are point data as well: renderers
  // colour by points without building per-cell colour textures (for a translucent whole brain,
  // millions of quads, about a third of the first frame's time and most of each later frame's).
  vtkSmartPointer<vtkDataArray> cornerValues;
  if (separateBoxes)
  {
    cornerValues = vtk::TakeSmartPointer(scalars->NewInstance());
    cornerValues->SetName(scalars->GetName());
    cornerValues->SetNumberOfComponents(scalars->GetNumberOfComponents());
    cornerValues->CopyComponentNames(scalars);
    allocated = allocated && vtkParaVoxelMemory::SetNumberOfTuples(cornerValues, numberOfPoints);
  }
  vtkNew<vtkIntArray> voxelIndex;
  voxelIndex->SetName("VoxelIndex");
  voxelIndex->SetNumberOfComponents(3);
  allocated = allocated && vtkParaVoxelMemory::SetNumberOfTuples(voxelIndex, numberOfFaces);
  if (!allocated || !this->CopyAttributes(scalars, carried, cornerValues, voxelIndex->GetPointer(0)))
  {
    return false;
  }
  this->FaceMasks.reset();

  vtkNew<vtkPoints> outputPoints;
  outputPoints->SetData(pointCoordinates);
  output->SetPoints(outputPoints);
  output->SetPolys(quads);
  output->GetCellData()->SetScalars(carried);
  output->GetCellData()->AddArray(voxelIndex);
  if (cornerValues)
  {
    output->GetPointData()->SetScalars(cornerValues);
  }
  // ParaView asks every array for its ranges after each update: one fast pass each now.
  for (vtkDataArray* array : { carried.Get(), static_cast<vtkDataArray*>(voxelIndex), cornerValues.Get() })
  {
    vtkParaVoxelArrayRanges::Cache(array);
  }
  return true;
}

bool vtkExplodedVoxelsMesher::Classify(
  const Settings& settings, vtkDataArray* scalars, const vtkExplodedVoxelsCut& cut)
{
  this->Classes.reset(new std::uint8_t[this->Grid.GetNumberOfVoxels()]);
  this->RowHasFilled.assign(this->Grid.GetNumberOfRows(), 0);
  bool completed = false;
  ClassifyVoxels worker;
  if (!vtkArrayDispatch::Dispatch::Execute(scalars, worker, this->Grid, settings, cut,
        this->Classes.get(), this->RowHasFilled.data(), this->Progress, completed))
  {
    // Array types outside the dispatch list (e.g. implicit arrays) go through vtkDataArray.
    worker(scalars, this->Grid, settings, cut, this->Classes.get(), this->RowHasFilled.data(),
      this->Progress, completed);
  }
  return completed;
}

bool vtkExplodedVoxelsMesher::FindFaces(const Settings& settings, bool separateBoxes)
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
  const auto facesTowardViewPoint = [&](int i, int j, int k) {
    double centre[3];
    this->Grid.GetPosition(i, j, k, centre);
    std::uint8_t mask = 0;
    for (int a = 0; a < 3; ++a)
    {
      const double* axis = this->Grid.GetAxis(a);
      const double along = (settings.ViewPoint[0] - centre[0]) * axis[0] +
        (settings.ViewPoint[1] - centre[1]) * axis[1] + (settings.ViewPoint[2] - centre[2]) * axis[2];
      mask |= along > facingLimit[a] ? (XPlus << (2 * a)) : 0;
      mask |= along < -facingLimit[a] ? (XMinus << (2 * a)) : 0;
    }
    return mask;
  };
  const int* dims = this->Grid.GetDimensions();
  const vtkIdType rows = this->Grid.GetNumberOfRows();
  const vtkIdType rowLength = dims[0];
  const vtkIdType sliceLength = rowLength * dims[1];
  const auto& layouts = GetFaceMaskLayouts();
  const std::uint8_t* classes = this->Classes.get();
  this->FaceMasks.reset(new std::uint8_t[this->Grid.GetNumberOfVoxels()]);
  std::uint8_t* faceMasks = this->FaceMasks.get();
  this->RowFaceStart.assign(rows + 1, 0);
  vtkIdType* faceCounts = this->RowFaceStart.data();
  // Shared corners are counted per row of corners later (FindSharedCorners).
  this->RowPointStart.assign(separateBoxes ? rows + 1 : 1, 0);
  vtkIdType* cornerCounts = separateBoxes ? this->RowPointStart.data() : nullptr;
  this->RowFirstFace.assign(rows, dims[0]);
  this->RowEndFace.assign(rows, dims[0]);
  int* firstFaces = this->RowFirstFace.data();
  int* endFaces = this->RowEndFace.data();
  const std::uint8_t* rowHasFilled = this->RowHasFilled.data();

  const bool completed =
    ForEachRow(rows, this->Progress, 0.3, 0.5, [&](vtkIdType begin, vtkIdType end) {
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
        const std::uint8_t* yBelow = j > 0 ? here - rowLength : nullptr;
        const std::uint8_t* yAbove = j < dims[1] - 1 ? here + rowLength : nullptr;
        const std::uint8_t* zBelow = k > 0 ? here - sliceLength : nullptr;
        const std::uint8_t* zAbove = k < dims[2] - 1 ? here + sliceLength : nullptr;
        vtkIdType faces = 0;
        vtkIdType corners = 0;
        vtkIdType firstFace = rowLength;
        vtkIdType lastFace = -1;
        for (vtkIdType i = 0; i < rowLength; ++i)
        {
          std::uint8_t mask = 0;
          if (here[i] == FilledOwned)
          {
            if (keepInteriorFaces)
            {
              mask = AllFaces;
            }
            else
            {
              mask |= (i == 0 || here[i - 1] == Empty) ? XMinus : 0;
              mask |= (i == rowLength - 1 || here[i + 1] == Empty) ? XPlus : 0;
              mask |= (!yBelow || yBelow[i] == Empty) ? YMinus : 0;
              mask |= (!yAbove || yAbove[i] == Empty) ? YPlus : 0;
              mask |= (!zBelow || zBelow[i] == Empty) ? ZMinus : 0;
              mask |= (!zAbove || zAbove[i] == Empty) ? ZPlus : 0;
            }
            if (settings.OnlyFacesTowardViewPoint)
            {
              mask &= facesTowardViewPoint(static_cast<int>(i), j, k);
            }
          }
          masks[i] = mask;
          faces += layouts[mask].NumberOfFaces;
          corners += layouts[mask].NumberOfCorners;
          if (mask)
          {
            firstFace = std::min(firstFace, i);
            lastFace = i;
          }
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
  this->Classes.reset();
  this->RowHasFilled = std::vector<std::uint8_t>();
  if (!completed)
  {
    return false;
  }
  ExclusivePrefixSum(this->RowFaceStart);
  ExclusivePrefixSum(this->RowPointStart);
  return true;
}

bool vtkExplodedVoxelsMesher::FindSharedCorners()
{
  // Corner (I, J, K) of the lattice sits between voxels I-1 and I, J-1 and J, K-1 and K. It is
  // used when one of those eight voxels makes one of its three faces that touch the corner.
  const int* dims = this->Grid.GetDimensions();
  const vtkIdType voxelRowLength = dims[0];
  const vtkIdType rowLength = dims[0] + 1;
  const vtkIdType rows = static_cast<vtkIdType>(dims[1] + 1) * (dims[2] + 1);
  const std::uint8_t* faceMasks = this->FaceMasks.get();
  const vtkIdType* rowFaceStart = this->RowFaceStart.data();
  this->CornerUsed.reset(new std::uint8_t[rows * rowLength]);
  std::uint8_t* cornerUsed = this->CornerUsed.get();
  this->RowPointStart.assign(rows + 1, 0);
  vtkIdType* cornerCounts = this->RowPointStart.data();
  this->CornerRowFirst.assign(rows, static_cast<int>(rowLength));
  this->CornerRowEnd.assign(rows, static_cast<int>(rowLength));
  int* firstCorners = this->CornerRowFirst.data();
  int* endCorners = this->CornerRowEnd.data();
  const int* firstFaces = this->RowFirstFace.data();
  const int* endFaces = this->RowEndFace.data();

  const bool completed =
    ForEachRow(rows, this->Progress, 0.5, 0.6, [&](vtkIdType begin, vtkIdType end) {
      for (vtkIdType row = begin; row < end; ++row)
      {
        const int J = static_cast<int>(row % (dims[1] + 1));
        const int K = static_cast<int>(row / (dims[1] + 1));
        // The rows of voxels around this row of corners that make faces, with the y and z
        // faces of theirs that touch it.
        const std::uint8_t* voxelRows[4];
        std::uint8_t touching[4];
        int around = 0;
        // Only corners from the first to one past the last voxel with faces can be used.
        vtkIdType from = rowLength;
        vtkIdType to = 0;
        for (int dk = 0; dk < 2; ++dk)
        {
          const int k = K - 1 + dk;
          for (int dj = 0; dj < 2; ++dj)
          {
            const int j = J - 1 + dj;
            if (j < 0 || j >= dims[1] || k < 0 || k >= dims[2])
            {
              continue;
            }
            const vtkIdType voxelRow = j + static_cast<vtkIdType>(k) * dims[1];
            if (rowFaceStart[voxelRow] == rowFaceStart[voxelRow + 1])
            {
              continue;
            }
            voxelRows[around] = faceMasks + voxelRow * voxelRowLength;
            touching[around] = (dj == 0 ? YPlus : YMinus) | (dk == 0 ? ZPlus : ZMinus);
            ++around;
            from = std::min<vtkIdType>(from, firstFaces[voxelRow]);
            to = std::max<vtkIdType>(to, endFaces[voxelRow] + 1);
          }
        }
        std::uint8_t* used = cornerUsed + row * rowLength;
        std::fill(used, used + rowLength, 0);
        vtkIdType count = 0;
        vtkIdType firstUsed = rowLength;
        vtkIdType lastUsed = -1;
        for (vtkIdType I = from; I < to; ++I)
        {
          std::uint8_t touched = 0;
          for (int r = 0; r < around; ++r)
          {
            if (I > 0)
            {
              touched |= voxelRows[r][I - 1] & (touching[r] | XPlus);
            }
            if (I < voxelRowLength)
            {
              touched |= voxelRows[r][I] & (touching[r] | XMinus);
            }
          }
          if (touched)
          {
            used[I] = 1;
            ++count;
            firstUsed = std::min(firstUsed, I);
            lastUsed = I;
          }
        }
        cornerCounts[row] = count;
        if (count)
        {
          firstCorners[row] = static_cast<int>(firstUsed);
          endCorners[row] = static_cast<int>(lastUsed + 1);
        }
      }
    });
  if (!completed)
  {
    return false;
  }
  ExclusivePrefixSum(this->RowPointStart);
  return true;
}

template <typename IdT>
bool vtkExplodedVoxelsMesher::FillGeometry(
  double halfSize, bool separateBoxes, float* points, IdT* connectivity)
{
  const int* dims = this->Grid.GetDimensions();
  const vtkIdType rows = this->Grid.GetNumberOfRows();
  const vtkIdType rowLength = dims[0];
  const std::uint8_t* faceMasks = this->FaceMasks.get();
  const vtkIdType* rowFaceStart = this->RowFaceStart.data();
  const vtkIdType* rowPointStart = this->RowPointStart.data();
  const int* firstFaces = this->RowFirstFace.data();
  const int* endFaces = this->RowEndFace.data();

  // A reflection in the image axes turns the faces inside out: wind them the other way.
  std::uint8_t winding[6][4];
  for (int face = 0; face < 6; ++face)
  {
    for (int n = 0; n < 4; ++n)
    {
      winding[face][n] = FaceCorners[face][this->Grid.IsLeftHanded() ? 3 - n : n];
    }
  }

  if (separateBoxes)
  {
    const auto& layouts = GetFaceMaskLayouts();
    double cornerOffset[8][3];
    for (int corner = 0; corner < 8; ++corner)
    {
      for (int c = 0; c < 3; ++c)
      {
        cornerOffset[corner][c] = 0.0;
        for (int axis = 0; axis < 3; ++axis)
        {
          const double side = (corner >> axis) & 1 ? halfSize : -halfSize;
          cornerOffset[corner][c] += side * this->Grid.GetAxis(axis)[c];
        }
      }
    }
    return ForEachRow(rows, this->Progress, 0.6, 0.9, [&](vtkIdType begin, vtkIdType end) {
      for (vtkIdType row = begin; row < end; ++row)
      {
        vtkIdType face = rowFaceStart[row];
        if (face == rowFaceStart[row + 1])
        {
          continue;
        }
        vtkIdType point = rowPointStart[row];
        const int j = static_cast<int>(row % dims[1]);
        const int k = static_cast<int>(row / dims[1]);
        const std::uint8_t* masks = faceMasks + row * rowLength;
        for (int i = firstFaces[row]; i < endFaces[row]; ++i)
        {
          const std::uint8_t mask = masks[i];
          if (!mask)
          {
            continue;
          }
          const FaceMaskLayout& layout = layouts[mask];
          double center[3];
          this->Grid.GetPosition(i, j, k, center);
          for (int corner = 0; corner < 8; ++corner)
          {
            if (layout.CornerMask & (1 << corner))
            {
              float* p = points + 3 * (point + layout.CornerRank[corner]);
              for (int c = 0; c < 3; ++c)
              {
                p[c] = static_cast<float>(center[c] + cornerOffset[corner][c]);
              }
            }
          }
          for (int f = 0; f < 6; ++f)
          {
            if (mask & (1 << f))
            {
              IdT* quad = connectivity + 4 * face++;
              for (int n = 0; n < 4; ++n)
              {
                quad[n] = static_cast<IdT>(point + layout.CornerRank[winding[f][n]]);
              }
            }
          }
          point += layout.NumberOfCorners;
        }
      }
    });
  }

  // Shared corners: first their positions, row of corners by row of corners...
  const std::uint8_t* cornerUsed = this->CornerUsed.get();
  const int* firstCorners = this->CornerRowFirst.data();
  const int* endCorners = this->CornerRowEnd.data();
  const vtkIdType cornerRowLength = rowLength + 1;
  const vtkIdType cornerRows = static_cast<vtkIdType>(dims[1] + 1) * (dims[2] + 1);
  const bool placed =
    ForEachRow(cornerRows, this->Progress, 0.6, 0.7, [&](vtkIdType begin, vtkIdType end) {
      for (vtkIdType row = begin; row < end; ++row)
      {
        vtkIdType point = rowPointStart[row];
        if (point == rowPointStart[row + 1])
        {
          continue;
        }
        const double J = static_cast<double>(row % (dims[1] + 1)) - 0.5;
        const double K = static_cast<double>(row / (dims[1] + 1)) - 0.5;
        const std::uint8_t* used = cornerUsed + row * cornerRowLength;
        for (vtkIdType I = firstCorners[row]; I < endCorners[row]; ++I)
        {
          if (used[I])
          {
            double x[3];
            this->Grid.GetPosition(I - 0.5, J, K, x);
            float* p = points + 3 * point++;
            for (int c = 0; c < 3; ++c)
            {
              p[c] = static_cast<float>(x[c]);
            }
          }
        }
      }
    });
  if (!placed)
  {
    return false;
  }

  // ...then the quads of each row of voxels, which walks the four rows of corners around it
  // (q = y + 2z offset) in step, counting used corners to know their ids. The walk starts at the
  // first corner any of them uses (ids before it are not needed) and stops after the last voxel
  // with faces.
  return ForEachRow(rows, this->Progress, 0.7, 0.9, [&](vtkIdType begin, vtkIdType end) {
    for (vtkIdType row = begin; row < end; ++row)
    {
      vtkIdType face = rowFaceStart[row];
      if (face == rowFaceStart[row + 1])
      {
        continue;
      }
      const int j = static_cast<int>(row % dims[1]);
      const int k = static_cast<int>(row / dims[1]);
      const std::uint8_t* used[4];
      vtkIdType next[4];
      IdT low[4];  // ids of the corners at I = i, or -1
      IdT high[4]; // ids of the corners at I = i + 1, or -1
      // A first voxel whose only face is +x (behind a ghost neighbour) uses no corner at its own
      // I, so the walk starts at that voxel at the latest.
      vtkIdType start = firstFaces[row];
      for (int q = 0; q < 4; ++q)
      {
        const vtkIdType cornerRow =
          (j + (q & 1)) + static_cast<vtkIdType>(k + (q >> 1)) * (dims[1] + 1);
        used[q] = cornerUsed + cornerRow * cornerRowLength;
        next[q] = rowPointStart[cornerRow];
        start = std::min<vtkIdType>(start, firstCorners[cornerRow]);
      }
      for (int q = 0; q < 4; ++q)
      {
        low[q] = used[q][start] ? static_cast<IdT>(next[q]++) : -1;
      }
      const std::uint8_t* masks = faceMasks + row * rowLength;
      for (vtkIdType i = start; i < endFaces[row]; ++i)
      {
        for (int q = 0; q < 4; ++q)
        {
          high[q] = used[q][i + 1] ? static_cast<IdT>(next[q]++) : -1;
        }
        const std::uint8_t mask = masks[i];
        for (int f = 0; mask && f < 6; ++f)
        {
          if (mask & (1 << f))
          {
            IdT* quad = connectivity + 4 * face++;
            for (int n = 0; n < 4; ++n)
            {
              const std::uint8_t corner = winding[f][n];
              quad[n] = (corner & 1) ? high[corner >> 1] : low[corner >> 1];
            }
          }
        }
        std::copy(high, high + 4, low);
      }
    }
  });
}

bool vtkExplodedVoxelsMesher::CopyAttributes(
  vtkDataArray* scalars, vtkDataArray* carried, vtkDataArray* cornerValues, int* voxelIndex)
{
  bool completed = false;
  CopyVoxelValues worker;
  if (!vtkArrayDispatch::Dispatch2SameValueType::Execute(scalars, carried, worker, cornerValues,
        this->Grid, this->FaceMasks.get(), this->RowFaceStart, this->RowPointStart,
        this->RowFirstFace, this->RowEndFace, voxelIndex, this->Progress, completed))
  {
    worker(scalars, carried, cornerValues, this->Grid, this->FaceMasks.get(), this->RowFaceStart,
      this->RowPointStart, this->RowFirstFace, this->RowEndFace, voxelIndex, this->Progress,
      completed);
  }
  return completed;
}
