// libFuzzer target, differential: the Exploded Voxels and Intensity Transform filters on a random
// small image (1 to 12 points per axis, every scalar type with NaN and infinities, 1 to 4
// components, point or cell data, spacing of either sign, origin, rotations and reflections),
// with random settings, each compared with a plain evaluation of what its header documents.
// Any difference aborts with a description of it. Given files instead of a corpus directory
// (`fuzz_filters FILE...`), it replays them: the regression inputs of Testing/Data/Regressions.
//
// The input's layout and decoding are in FuzzInput.h, the reference faces of Exploded Voxels in
// FuzzExplodedVoxelsReference.h, what the checks share in FuzzComparison.h.
#include "FuzzComparison.h"
#include "FuzzExplodedVoxelsReference.h"
#include "FuzzInput.h"

#include "vtkExplodedVoxelsFilter.h"
#include "vtkIntensityTransformFilter.h"

#include "vtkCellArray.h"
#include "vtkCellArrayIterator.h"
#include "vtkCellData.h"
#include "vtkDataArray.h"
#include "vtkImageData.h"
#include "vtkImplicitFunction.h"
#include "vtkNew.h"
#include "vtkObject.h"
#include "vtkPointData.h"
#include "vtkPolyData.h"
#include "vtkSMPTools.h"
#include "vtkSmartPointer.h"
#include "vtkTrivialProducer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace
{
using namespace paravoxel_fuzz;

/**
 * One filter of each kind for the whole run, set up anew for every input, as ParaView reuses
 * them: creating and garbage-collecting filters and their executives took most of the time.
 */
template <typename Filter>
Filter* Reused()
{
  static vtkNew<Filter> filter;
  return filter;
}

/** The port that gives `image` to the filters, by one producer for the whole run (same reason). */
vtkAlgorithmOutput* Source(vtkImageData* image)
{
  static vtkNew<vtkTrivialProducer> producer;
  producer->SetOutput(image);
  return producer->GetOutputPort();
}

void CheckExplodedVoxels(Case c, vtkImageData* image, vtkDataArray* values)
{
  vtkExplodedVoxelsFilter* filter = Reused<vtkExplodedVoxelsFilter>();
  const double lower = ResolveBound(c.Lower, values, c.ThresholdComponent);
  const double upper = ResolveBound(c.Upper, values, c.ThresholdComponent);
  // The header's domains: a setting outside them is an error with an empty output.
  const bool error = c.ThresholdComponent >= c.Components || c.ThresholdComponent < -1 ||
    !(c.Gap >= 0.0 && c.Gap <= vtkExplodedVoxelsFilter::MaximumGap) || std::isnan(lower) ||
    std::isnan(upper) || c.RegionExplosion != 0.0;
  // The gap the header promises: at least InteriorFaceInset with KeepInteriorFaces.
  filter->SetGap(c.Gap);
  filter->SetRegionExplosion(c.RegionExplosion);
  double gap = c.Gap;
  if (c.KeepInteriorFaces)
  {
    gap = std::max(gap, vtkExplodedVoxelsFilter::InteriorFaceInset);
  }
  const Voxels voxels(c);
  const bool separate = gap > 0.0 || c.KeepInteriorFaces;
  const Boxes boxes{ voxels, 0.5 * (1.0 - gap), separate };
  std::vector<ExpectedFace> faces;
  if (!error)
  {
    faces = ExpectedFaces(c, values, voxels, boxes);
  }

  filter->SetInputConnection(Source(image));
  const char* name = values->GetName();
  SelectArray(filter, c, name);
  filter->SetLowerThreshold(lower);
  filter->SetUpperThreshold(upper);
  filter->SetThresholdComponent(c.ThresholdComponent);
  filter->SetKeepInteriorFaces(c.KeepInteriorFaces);
  vtkSmartPointer<vtkImplicitFunction> cut = MakeCut(c);
  filter->SetCutFunction(cut);
  filter->SetInvertCut(c.InvertCut);
  filter->SetOnlyFacesTowardViewPoint(c.OnlyFacesTowardViewPoint);
  filter->SetViewPoint(c.ViewPoint);
  filter->Update();
  vtkPolyData* output = filter->GetOutput();

  std::ostringstream where;
  where << "Exploded Voxels (" << faces.size() << " faces expected): ";
  const vtkIdType cells = output->GetNumberOfCells();
  if (error)
  {
    Require(output->GetNumberOfPoints() == 0 && cells == 0,
      [&] { return where.str() + "a setting outside its domain gave a non-empty output"; });
    return;
  }
  Require(output->GetNumberOfVerts() == 0 && output->GetNumberOfLines() == 0 &&
      output->GetNumberOfStrips() == 0,
    [&] { return where.str() + "cells other than polygons"; });
  Require(cells == static_cast<vtkIdType>(faces.size()),
    [&] { return where.str() + std::to_string(cells) + " faces made"; });
  if (cells == 0)
  {
    Require(output->GetNumberOfPoints() == 0, [&] { return where.str() + "points without faces"; });
    return;
  }
  vtkDataArray* voxelIndex = output->GetCellData()->GetArray("VoxelIndex");
  Require(voxelIndex && voxelIndex->GetDataType() == VTK_INT &&
      voxelIndex->GetNumberOfComponents() == 3 && voxelIndex->GetNumberOfTuples() == cells,
    [&] { return where.str() + "no VoxelIndex int array of 3 components per face"; });
  vtkDataArray* carried = output->GetCellData()->GetArray(name);
  Require(carried && carried == output->GetCellData()->GetScalars() &&
      carried->GetDataType() == values->GetDataType() &&
      carried->GetNumberOfComponents() == values->GetNumberOfComponents() &&
      carried->GetNumberOfTuples() == cells,
    [&]
    {
      return where.str() +
        "the values are not the active cell scalars, with their type and components";
    });
  vtkDataArray* cornerValues = nullptr;
  const vtkIdType points = output->GetNumberOfPoints();
  if (separate)
  {
    cornerValues = output->GetPointData()->GetArray(name);
    Require(cornerValues && cornerValues == output->GetPointData()->GetScalars() &&
        cornerValues->GetDataType() == values->GetDataType() &&
        cornerValues->GetNumberOfComponents() == values->GetNumberOfComponents() &&
        cornerValues->GetNumberOfTuples() == points,
      [&] { return where.str() + "separate boxes without the values as active point scalars"; });
  }

  // The faces are in voxel order: those of a voxel are faces[firstFace[v]] to the next voxel's.
  std::vector<std::size_t> firstFace(voxels.Number() + 1, 0);
  for (const ExpectedFace& face : faces)
  {
    ++firstFace[voxels.Tuple(face.Voxel) + 1];
  }
  std::partial_sum(firstFace.begin(), firstFace.end(), firstFace.begin());
  const double magnitude = voxels.Magnitude();
  std::vector<long long> keyOfPoint(points, -1);
  std::vector<vtkIdType> pointOfKey(boxes.NumberOfKeys(), -1);
  vtkIdType numberOfKeys = 0;
  auto iterator = vtk::TakeSmartPointer(output->GetPolys()->NewIterator());
  vtkIdType cell = 0;
  for (iterator->GoToFirstCell(); !iterator->IsDoneWithTraversal(); iterator->GoToNextCell())
  {
    vtkIdType size;
    const vtkIdType* ids;
    iterator->GetCurrentCell(size, ids);
    Require(
      size == 4, [&] { return where.str() + "face " + std::to_string(cell) + ": not a quad"; });
    double corners[4][3];
    for (int n = 0; n < 4; ++n)
    {
      Require(ids[n] >= 0 && ids[n] < points,
        [&] { return where.str() + "face " + std::to_string(cell) + ": point id out of range"; });
      output->GetPoint(ids[n], corners[n]);
    }
    int ijk[3];
    for (int a = 0; a < 3; ++a)
    {
      ijk[a] = static_cast<int>(voxelIndex->GetComponent(cell, a)) - voxels.First[a];
    }
    const auto outside = [&]() -> std::string
    { return where.str() + "face " + std::to_string(cell) + ": VoxelIndex outside the image"; };
    Require(voxels.Inside(ijk), outside);
    // Made only on failure: most faces pass.
    const auto face = [&]()
    {
      std::ostringstream text;
      text << where.str() << "face " << cell << " of voxel (" << ijk[0] + voxels.First[0] << ", "
           << ijk[1] + voxels.First[1] << ", " << ijk[2] + voxels.First[2] << "), corners "
           << Describe(corners[0]) << " " << Describe(corners[1]) << " " << Describe(corners[2])
           << " " << Describe(corners[3]) << ": ";
      return text.str();
    };

    // Which expected face of its voxel it is: the same corners, in a loop either way round. The
    // points are float32, the reference double: half an ulp of float, and some double rounding.
    ExpectedFace* match = nullptr;
    long long keys[4];
    int start = 0;
    int step = 1;
    const vtkIdType tuple = voxels.Tuple(ijk);
    for (std::size_t f = firstFace[tuple]; f < firstFace[tuple + 1] && !match; ++f)
    {
      ExpectedFace& expected = faces[f];
      double expectedCorners[4][3];
      boxes.Corners(expected, expectedCorners, keys);
      for (int s = 0; s < 4 && !match; ++s)
      {
        for (int direction : { 1, 3 })
        {
          bool same = true;
          for (int n = 0; n < 4 && same; ++n)
          {
            const double* e = expectedCorners[(s + direction * n) % 4];
            for (int a = 0; a < 3 && same; ++a)
            {
              same = std::abs(corners[n][a] - e[a]) <=
                std::ldexp(std::abs(e[a]), -24) * 1.001 + 1e-13 * magnitude;
            }
          }
          if (same && !expected.Made)
          {
            match = &expected;
            start = s;
            step = direction;
            break;
          }
        }
      }
    }
    if (!match)
    {
      std::ostringstream expected;
      for (std::size_t f = firstFace[tuple]; f < firstFace[tuple + 1]; ++f)
      {
        double expectedCorners[4][3];
        boxes.Corners(faces[f], expectedCorners, keys);
        expected << (faces[f].Made ? " [made]" : " [open]");
        for (const double* corner : expectedCorners)
        {
          expected << " " << Describe(corner);
        }
      }
      Fail(face() + "matches no expected face of its voxel; expected:" + expected.str());
    }
    match->Made = true;

    // Shared corners are shared points, and the other way round.
    for (int n = 0; n < 4; ++n)
    {
      const long long key = keys[(start + step * n) % 4];
      Require(keyOfPoint[ids[n]] == -1 || keyOfPoint[ids[n]] == key,
        [&] { return face() + "one point stands for two corners"; });
      keyOfPoint[ids[n]] = key;
      if (pointOfKey[key] == -1)
      {
        pointOfKey[key] = ids[n];
        ++numberOfKeys;
      }
      Require(pointOfKey[key] == ids[n],
        [&]
        {
          return face() +
            (separate ? "a corner of a box is two points"
                      : "a corner that neighbouring voxels share is two points");
        });
    }

    // Outward: the quad's (Newell) normal points away from its voxel's centre.
    double normal[3] = { 0, 0, 0 };
    double centroid[3] = { 0, 0, 0 };
    for (int n = 0; n < 4; ++n)
    {
      const double* p = corners[n];
      const double* q = corners[(n + 1) % 4];
      normal[0] += (p[1] - q[1]) * (p[2] + q[2]);
      normal[1] += (p[2] - q[2]) * (p[0] + q[0]);
      normal[2] += (p[0] - q[0]) * (p[1] + q[1]);
      for (int a = 0; a < 3; ++a)
      {
        centroid[a] += p[a] / 4.0;
      }
    }
    double centre[3];
    voxels.Centre(ijk, centre);
    const double outward[3] = { centroid[0] - centre[0], centroid[1] - centre[1],
      centroid[2] - centre[2] };
    Require(Dot(normal, outward) > 0.0, [&] { return face() + "faces inwards"; });

    Require(
      SameTuple(carried, cell, values, tuple), [&] { return face() + "carries other values"; });
    if (cornerValues)
    {
      for (int n = 0; n < 4; ++n)
      {
        Require(SameTuple(cornerValues, ids[n], values, tuple),
          [&] { return face() + "a corner carries other values"; });
      }
    }
    ++cell;
  }
  Require(numberOfKeys == points,
    [&]
    {
      return where.str() + std::to_string(points) + " points for " + std::to_string(numberOfKeys) +
        " corners";
    });
}

/** numpy.percentile's default (linear) of sorted finite values, as numpy computes it. */
double Percentile(const std::vector<double>& sorted, double percentile)
{
  if (std::isnan(percentile))
  {
    // The header: a NaN percentile gives an empty range.
    return percentile;
  }
  const vtkIdType count = static_cast<vtkIdType>(sorted.size());
  const double position = percentile / 100.0 * static_cast<double>(count - 1);
  const vtkIdType below = std::min(static_cast<vtkIdType>(std::floor(position)), count - 1);
  const vtkIdType above = std::min(below + 1, count - 1);
  const double t = position - static_cast<double>(below);
  const double a = sorted[below];
  const double b = sorted[above];
  const double difference = b - a;
  return t >= 0.5 ? b - difference * (1.0 - t) : a + difference * t;
}

void CheckIntensityTransform(const Case& c, vtkImageData* image, vtkDataArray* values)
{
  vtkIntensityTransformFilter* filter = Reused<vtkIntensityTransformFilter>();
  filter->SetInputConnection(Source(image));
  const char* name = values->GetName();
  SelectArray(filter, c, name);
  filter->SetFloor(c.Floor);
  filter->SetGamma(c.Gamma);
  filter->SetContrast(c.Contrast);
  filter->SetOffset(c.Offset);
  filter->SetNormalizationMode(c.NormalizationMode);
  const double custom[2] = { ResolveBound(c.Custom[0], values, 0),
    ResolveBound(c.Custom[1], values, 0) };
  filter->SetCustomRange(custom[0], custom[1]);
  filter->SetPercentileRange(c.Percentiles[0], c.Percentiles[1]);
  filter->SetResultArrayName(c.ResultArrayName.c_str());
  filter->Update();
  vtkImageData* output = vtkImageData::SafeDownCast(filter->GetOutputDataObject(0));
  const std::string where = "Intensity Transform: ";
  vtkDataSetAttributes* attributes = c.CellData
    ? static_cast<vtkDataSetAttributes*>(output->GetCellData())
    : static_cast<vtkDataSetAttributes*>(output->GetPointData());

  // The header's domains: percentiles in [0, 100], a finite custom range.
  const auto percentile = [](double p) { return p >= 0.0 && p <= 100.0; };
  const bool invalid = !percentile(c.Percentiles[0]) || !percentile(c.Percentiles[1]) ||
    !std::isfinite(custom[0]) || !std::isfinite(custom[1]);
  if (c.Components != 1 || c.ResultArrayName.empty() || invalid)
  {
    const auto notEmpty = [&]() -> std::string
    {
      return where + "an error (several components, no result name, a setting outside its " +
        "domain) gave a non-empty output";
    };
    Require(output->GetNumberOfPoints() == 0 && !attributes->GetArray("Transformed") &&
        !attributes->GetArray("Result"),
      notEmpty);
    return;
  }
  vtkDataArray* result = attributes->GetArray(c.ResultArrayName.c_str());
  const vtkIdType count = values->GetNumberOfTuples();
  const auto noResult = [&]() -> std::string
  { return where + "no float32 result array of one value per input value as the active scalars"; };
  Require(result && result == attributes->GetScalars() && result->GetDataType() == VTK_FLOAT &&
      result->GetNumberOfComponents() == 1 && result->GetNumberOfTuples() == count,
    noResult);
  vtkDataArray* kept = attributes->GetArray(name);
  Require(kept && kept->GetNumberOfTuples() == count,
    [&] { return where + "the input array was not kept"; });
  for (vtkIdType tuple = 0; tuple < count; ++tuple)
  {
    Require(
      SameTuple(kept, tuple, values, tuple), [&] { return where + "the input array was changed"; });
  }

  // The header's curve in double, statistics over the finite values.
  std::vector<double> finite;
  for (vtkIdType tuple = 0; tuple < count; ++tuple)
  {
    const double v = values->GetComponent(tuple, 0);
    if (std::isfinite(v))
    {
      finite.push_back(v);
    }
  }
  std::sort(finite.begin(), finite.end());
  double low = 0.0;
  double high = 0.0;
  if (c.NormalizationMode == vtkIntensityTransformFilter::CUSTOM_RANGE)
  {
    low = custom[0];
    high = custom[1];
  }
  else if (!finite.empty() && c.NormalizationMode == vtkIntensityTransformFilter::DATA_RANGE)
  {
    low = finite.front();
    high = finite.back();
  }
  else if (!finite.empty())
  {
    low = Percentile(finite, c.Percentiles[0]);
    high = Percentile(finite, c.Percentiles[1]);
  }
  std::vector<double> expected(count, 0.0);
  const bool empty = finite.empty() || !(high > low) || !std::isfinite(high - low);
  if (!finite.empty() && c.NormalizationMode != vtkIntensityTransformFilter::CUSTOM_RANGE)
  {
    const double* range = filter->GetLastNormalizationRange();
    Require((range[0] == low || (std::isnan(range[0]) && std::isnan(low))) &&
        (range[1] == high || (std::isnan(range[1]) && std::isnan(high))),
      [&] { return where + "normalization range differs"; });
  }
  const double gamma = filter->GetGamma();
  if (!empty)
  {
    auto lift = [&](double v)
    {
      const double cut = std::min(std::max((v - low) / (high - low) - c.Floor, 0.0), 1.0);
      return std::pow(cut, gamma);
    };
    long double sum = 0.0L;
    for (double v : finite)
    {
      sum += lift(v);
    }
    const double mean = static_cast<double>(sum / static_cast<long double>(finite.size()));
    for (vtkIdType tuple = 0; tuple < count; ++tuple)
    {
      const double v = values->GetComponent(tuple, 0);
      if (std::isfinite(v))
      {
        const double stretched = (lift(v) - mean) * c.Contrast + mean - c.Offset;
        expected[tuple] = std::min(std::max(stretched, 0.0), 1.0);
      }
    }
  }
  // The filter may keep g as float32 (2^-24 x (Contrast + 1), its header), the result is
  // float32 (2^-24), and mean(g) is summed in another order (far below).
  const double tolerance =
    std::ldexp(std::abs(c.Contrast) + 2.0, -24) + 1e-12 * (1.0 + std::abs(1.0 - c.Contrast));
  for (vtkIdType tuple = 0; tuple < count; ++tuple)
  {
    const double got = result->GetComponent(tuple, 0);
    if (!(std::abs(got - expected[tuple]) <= tolerance))
    {
      std::ostringstream text;
      text.precision(17);
      text << where << "value " << tuple << " (" << values->GetComponent(tuple, 0) << ") gives "
           << got << ", expected " << expected[tuple] << " (range [" << low << ", " << high
           << "], tolerance " << tolerance << ")";
      Fail(text.str());
    }
  }
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
  // Errors and warnings are expected outcomes here, checked through the outputs.
  vtkObject::GlobalWarningDisplayOff();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  ByteReader reader(data, size);
  Case c = ReadCase(reader);
  vtkDataArray* values = nullptr;
  vtkSmartPointer<vtkImageData> image = MakeImage(c, reader, values);
  // VTK 9.2's STDThread backend starts a pool of threads for every parallel loop: about 25 thread
  // starts and their ASan mappings per input, 6 ms, several times an average input. One input
  // in 64 runs threaded, the others sequentially.
  const vtkSMPTools::Config config = c.Threads > 0
    ? vtkSMPTools::Config(c.Threads, "STDThread", false)
    : vtkSMPTools::Config(1, "Sequential", false);
  vtkSMPTools::LocalScope(config,
    [&]()
    {
      CheckExplodedVoxels(c, image, values);
      CheckIntensityTransform(c, image, values);
    });
  return 0;
}
