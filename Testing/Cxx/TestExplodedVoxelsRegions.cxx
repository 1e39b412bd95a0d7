// Exploded Voxels on small hand-built label images: Regions (names and numbers), the Region
// names of the faces and RegionExplosion, every face checked against a reference written here
// (which voxels are filled, which of their faces are made, where each region's boxes move), for
// every integer value type, flat axes, cuts and empty selections. Every case runs with one
// thread and with several (UpdateWithThreads): the outputs must be the same bit for bit.
#include "FilterTestHelpers.h"

#include "vtkExplodedVoxelsFilter.h"

#include "vtkIdList.h"
#include "vtkIntArray.h"
#include "vtkPlane.h"
#include "vtkStringArray.h"
#include "vtkUnsignedCharArray.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <sstream>

namespace
{
using namespace paravoxel_test;
using ExplodedVoxelsRegions = FilterTest;
using Vector = std::array<double, 3>;
/** Voxel (I, J, K) and side (0..5: -x, +x, -y, +y, -z, +z). */
using FaceKey = std::array<int, 4>;

/** The names of labels 0..5 of the test images: labels 2 and 3 share a name, 5 has none. */
const std::vector<std::string> LabelNameList = { "background", "one", "two", "two", "four", "" };

/**
 * The image of the labels `values` (the point or cell array `name`) on `layout`, with the names
 * of LabelNameList as its field data when `withNames` is set, as the reader gives them.
 */
template <typename T>
vtkSmartPointer<vtkImageData> MakeLabelImage(const Layout& layout, const std::vector<T>& values,
  bool withNames = true, const char* name = "label")
{
  auto image = MakeImage(layout, MakeArray(name, 1, values));
  if (withNames)
  {
    vtkNew<vtkStringArray> names;
    names->SetName("LabelNames");
    for (const std::string& labelName : LabelNameList)
    {
      names->InsertNextValue(labelName);
    }
    image->GetFieldData()->AddArray(names);
  }
  return image;
}

/** What the filter is asked for. */
struct Case
{
  std::vector<std::string> Regions;
  double Explosion = 0.0;
  double Gap = 0.0;
  bool KeepInteriorFaces = false;
  /** A plane cut (origin, normal), when Cut is set. */
  bool Cut = false;
  Vector CutOrigin = { { 0, 0, 0 } };
  Vector CutNormal = { { 1, 0, 0 } };
};

/** A label image and what the reference makes of it for a case. */
class Reference
{
public:
  Reference(const Layout& layout, const std::vector<long long>& labels,
    const std::set<long long>& selected, const Case& request)
    : Grid(layout)
    , Labels(labels)
  {
    // Filled before the cut: the thresholds' default (label > 0) and the selection.
    const vtkIdType voxels = layout.NumberOfVoxels();
    std::vector<bool> selectedVoxel(voxels);
    for (vtkIdType v = 0; v < voxels; ++v)
    {
      selectedVoxel[v] = labels[v] > 0 && (selected.empty() || selected.count(labels[v]));
    }
    // Centroids (world) over the selected voxels, before the cut.
    std::map<long long, std::array<double, 4>> sums;
    std::array<double, 4> total = { { 0, 0, 0, 0 } };
    this->ForEachVoxel(
      [&](int I, int J, int K, vtkIdType v)
      {
        if (!selectedVoxel[v])
        {
          return;
        }
        const Vector centre = this->Centre(I, J, K);
        auto& s = sums[labels[v]];
        s[0] += 1;
        total[0] += 1;
        for (int c = 0; c < 3; ++c)
        {
          s[1 + c] += centre[c];
          total[1 + c] += centre[c];
        }
      });
    for (const auto& entry : sums)
    {
      Vector offset;
      for (int c = 0; c < 3; ++c)
      {
        offset[c] =
          request.Explosion * (entry.second[1 + c] / entry.second[0] - total[1 + c] / total[0]);
      }
      this->Offsets[entry.first] = offset;
    }
    // Filled after the cut (a voxel goes when the plane's function is <= 0 at its centre).
    this->Filled = selectedVoxel;
    this->ForEachVoxel(
      [&](int I, int J, int K, vtkIdType v)
      {
        const Vector centre = this->Centre(I, J, K);
        double value = 0.0;
        for (int c = 0; c < 3; ++c)
        {
          value += (centre[c] - request.CutOrigin[c]) * request.CutNormal[c];
        }
        if (request.Cut && value <= 0.0)
        {
          this->Filled[v] = false;
        }
      });
    // The faces: all six, or those towards the border, an empty voxel or (exploding) another
    // region.
    this->ForEachVoxel(
      [&](int I, int J, int K, vtkIdType v)
      {
        if (!this->Filled[v])
        {
          return;
        }
        for (int side = 0; side < 6; ++side)
        {
          std::array<int, 3> n = { { I, J, K } };
          n[side / 2] += side % 2 ? 1 : -1;
          const int axis = side / 2;
          const bool inside =
            n[axis] >= layout.First[axis] && n[axis] < layout.First[axis] + layout.Voxels[axis];
          const vtkIdType w = inside ? layout.TupleId(n[0], n[1], n[2]) : -1;
          if (request.KeepInteriorFaces || !inside || !this->Filled[w] ||
            (request.Explosion != 0.0 && labels[w] != labels[v]))
          {
            this->Faces.insert({ { I, J, K, side } });
          }
        }
      });
  }

  template <typename Body>
  void ForEachVoxel(Body&& body) const
  {
    const Layout& l = this->Grid;
    for (int K = l.First[2]; K < l.First[2] + l.Voxels[2]; ++K)
    {
      for (int J = l.First[1]; J < l.First[1] + l.Voxels[1]; ++J)
      {
        for (int I = l.First[0]; I < l.First[0] + l.Voxels[0]; ++I)
        {
          body(I, J, K, l.TupleId(I, J, K));
        }
      }
    }
  }

  Vector Centre(int I, int J, int K) const
  {
    return this->Grid.Position({ { this->Grid.CentreIndex(0, I), this->Grid.CentreIndex(1, J),
      this->Grid.CentreIndex(2, K) } });
  }

  const Layout& Grid;
  const std::vector<long long>& Labels;
  std::vector<bool> Filled;
  std::map<long long, Vector> Offsets;
  std::set<FaceKey> Faces;
};

/**
 * Checks every face of `output`: its voxel is filled, its carried label is its voxel's, and its
 * corners are those of its voxel's box, moved by its region's offset; that the faces are exactly
 * the reference's; and that no string is stored per face (names travel once, in field data).
 */
void CheckOutput(
  vtkPolyData* output, const Reference& reference, const Case& request, const std::string& what)
{
  const Layout& layout = reference.Grid;
  auto* voxelIndex = vtkIntArray::SafeDownCast(output->GetCellData()->GetArray("VoxelIndex"));
  vtkDataArray* carried = output->GetCellData()->GetScalars();
  const vtkIdType cells = output->GetNumberOfCells();
  if (cells == 0)
  {
    EXPECT_TRUE(reference.Faces.empty())
      << what << ": no faces, expected " << reference.Faces.size();
    return;
  }
  ASSERT_NE(voxelIndex, nullptr) << what;
  ASSERT_NE(carried, nullptr) << what;
  for (int n = 0; n < output->GetCellData()->GetNumberOfArrays(); ++n)
  {
    EXPECT_FALSE(output->GetCellData()->GetAbstractArray(n)->IsA("vtkStringArray"))
      << what << ": a string per face in '" << output->GetCellData()->GetArrayName(n) << "'";
  }
  const double halfSize =
    0.5 * (1.0 - (request.KeepInteriorFaces ? std::max(request.Gap, 0.01) : request.Gap));
  std::vector<FaceKey> faces;
  int problems = 0;
  vtkNew<vtkIdList> ids;
  for (vtkIdType cell = 0; cell < cells && problems < 5; ++cell)
  {
    int index[3];
    voxelIndex->GetTypedTuple(cell, index);
    const vtkIdType v = layout.TupleId(index[0], index[1], index[2]);
    const long long label = reference.Labels[v];
    if (!reference.Filled[v])
    {
      ADD_FAILURE() << what << ": face " << cell << " of a voxel that is not filled";
      ++problems;
      continue;
    }
    if (carried->GetTuple1(cell) != static_cast<double>(label))
    {
      ADD_FAILURE() << what << ": face " << cell << " carries " << carried->GetTuple1(cell)
                    << ", its voxel's label is " << label;
      ++problems;
    }
    // The face's centre, less its voxel's centre and its region's offset: half a box along the
    // face's axis.
    output->GetCellPoints(cell, ids);
    Vector centre = { { 0, 0, 0 } };
    for (vtkIdType n = 0; n < ids->GetNumberOfIds(); ++n)
    {
      double x[3];
      output->GetPoint(ids->GetId(n), x);
      for (int c = 0; c < 3; ++c)
      {
        centre[c] += 0.25 * x[c];
      }
    }
    const Vector voxel = reference.Centre(index[0], index[1], index[2]);
    const auto offset = reference.Offsets.find(label);
    int side = -1;
    int off = 0;
    for (int axis = 0; axis < 3; ++axis)
    {
      const double d = centre[axis] - voxel[axis] -
        (offset != reference.Offsets.end() ? offset->second[axis] : 0.0);
      const double half = halfSize * layout.Spacing[axis];
      if (std::abs(std::abs(d) - half) < 1e-4)
      {
        side = 2 * axis + (d > 0 ? 1 : 0);
        ++off;
      }
      else if (std::abs(d) > 1e-4)
      {
        off = 9;
      }
    }
    if (off != 1)
    {
      ADD_FAILURE() << what << ": face " << cell << " of voxel (" << index[0] << ", " << index[1]
                    << ", " << index[2] << ") is not on its box, moved by its region's offset";
      ++problems;
      continue;
    }
    faces.push_back({ { index[0], index[1], index[2], side } });
  }
  const std::set<FaceKey> made(faces.begin(), faces.end());
  EXPECT_EQ(made.size(), faces.size()) << what << ": faces made twice";
  EXPECT_TRUE(made == reference.Faces)
    << what << ": " << made.size() << " faces, expected " << reference.Faces.size();
}

/** Labels 0..5 at random, of type T. */
template <typename T>
std::vector<T> RandomLabels(vtkIdType count, unsigned int seed)
{
  std::mt19937 generator(seed);
  std::vector<T> labels(count);
  for (T& label : labels)
  {
    label = static_cast<T>(generator() % 6);
  }
  return labels;
}

/** The labels the case's Regions select, as the filter documents (names, then numbers). */
std::set<long long> SelectedLabels(const Case& request)
{
  std::set<long long> selected;
  for (const std::string& region : request.Regions)
  {
    bool named = false;
    for (std::size_t label = 0; label < LabelNameList.size(); ++label)
    {
      if (!region.empty() && LabelNameList[label] == region)
      {
        selected.insert(static_cast<long long>(label));
        named = true;
      }
    }
    if (!named)
    {
      char* end = nullptr;
      const long long number = std::strtoll(region.c_str(), &end, 10);
      // Unknown names select nothing: a label no image holds.
      selected.insert(*end == '\0' && !region.empty() ? number : -1000);
    }
  }
  return selected;
}

/** Runs `request` on labels of type T on `layout`, and checks the output. */
template <typename T>
void CheckCase(const Layout& layout, const std::vector<T>& values, const Case& request,
  bool withNames, const std::string& what, std::size_t expectedWarnings = 0)
{
  auto image = MakeLabelImage(layout, values, withNames);
  vtkNew<MessageCollector> messages;
  vtkNew<vtkExplodedVoxelsFilter> filter;
  messages->Observe(filter);
  filter->SetInputData(image);
  for (const std::string& region : request.Regions)
  {
    filter->AddRegion(region.c_str());
  }
  filter->SetRegionExplosion(request.Explosion);
  filter->SetGap(request.Gap);
  filter->SetKeepInteriorFaces(request.KeepInteriorFaces);
  vtkNew<vtkPlane> plane;
  plane->SetOrigin(request.CutOrigin.data());
  plane->SetNormal(request.CutNormal.data());
  if (request.Cut)
  {
    filter->SetCutFunction(plane);
  }
  auto output = UpdateWithThreads<vtkPolyData>(filter, messages);
  EXPECT_TRUE(messages->Errors.empty()) << what << ": " << messages->Errors[0];
  EXPECT_EQ(messages->Warnings.size(), expectedWarnings) << what;

  const std::vector<long long> labels(values.begin(), values.end());
  const Reference reference(layout, labels, SelectedLabels(request), request);
  CheckOutput(output, reference, request, what);
  if (withNames && output->GetNumberOfCells() > 0)
  {
    EXPECT_NE(output->GetFieldData()->GetAbstractArray("LabelNames"), nullptr) << what;
  }
}

/** The cases every label image goes through. */
std::vector<std::pair<std::string, Case>> Cases()
{
  std::vector<std::pair<std::string, Case>> cases;
  Case all;
  cases.emplace_back("every region", all);
  Case some;
  some.Regions = { "two", "5" };
  some.KeepInteriorFaces = true;
  cases.emplace_back("regions 'two' (labels 2 and 3) and 5, interior faces", some);
  Case exploded;
  exploded.Explosion = 0.7;
  cases.emplace_back("exploded 0.7", exploded);
  Case explodedSome;
  explodedSome.Explosion = 1.5;
  explodedSome.Gap = 0.2;
  explodedSome.Regions = { "one", "4" };
  cases.emplace_back("regions 'one' and 4 exploded 1.5 with a gap", explodedSome);
  Case explodedInterior;
  explodedInterior.Explosion = -0.4;
  explodedInterior.KeepInteriorFaces = true;
  cases.emplace_back("imploded -0.4, interior faces", explodedInterior);
  Case explodedCut;
  explodedCut.Explosion = 0.5;
  explodedCut.Cut = true;
  explodedCut.CutOrigin = { { 1.3, 0, 0 } };
  explodedCut.CutNormal = { { 1, 0.5, 0 } };
  cases.emplace_back("exploded 0.5 with a cut (the centroids before it)", explodedCut);
  return cases;
}

Layout LabelLayout()
{
  return Block({ { 6, 5, 4 } }, { { 1.0, 0.5, 2.0 } }, { { 0.5, -2.0, 3.0 } }, { { -1, 2, 0 } });
}
}

template <typename T>
class ExplodedVoxelsRegionsLabelType : public FilterTest
{
};
using IntegerTypes = ::testing::Types<char, signed char, unsigned char, short, unsigned short, int,
  unsigned int, long, unsigned long, long long, unsigned long long>;
TYPED_TEST_SUITE(ExplodedVoxelsRegionsLabelType, IntegerTypes);

TYPED_TEST(ExplodedVoxelsRegionsLabelType, RegionsNamesAndExplosion)
{
  Layout layout = LabelLayout();
  const auto values = RandomLabels<TypeParam>(layout.NumberOfVoxels(), 7);
  for (const auto& entry : Cases())
  {
    for (const bool cells : { false, true })
    {
      layout.Cells = cells;
      for (const bool withNames : { true, false })
      {
        // Names need LabelNames.
        if (!withNames &&
          std::any_of(entry.second.Regions.begin(), entry.second.Regions.end(),
            [](const std::string& region) { return !std::isdigit(region[0]); }))
        {
          continue;
        }
        CheckCase(layout, values, entry.second, withNames,
          entry.first + (cells ? ", cells" : ", points") + (withNames ? ", names" : ""));
      }
    }
  }
}

TEST_F(ExplodedVoxelsRegions, FlatAxes)
{
  // A 2D image (one layer of points, or of cells lying on its points), along each axis.
  for (int flat = 0; flat < 3; ++flat)
  {
    for (const bool cells : { false, true })
    {
      Layout layout = LabelLayout();
      layout.Voxels[flat] = 1;
      layout.Cells = cells;
      layout.Flat[flat] = cells;
      const auto values = RandomLabels<short>(layout.NumberOfVoxels(), 11 + flat);
      for (const auto& entry : Cases())
      {
        CheckCase(layout, values, entry.second, true,
          entry.first + ", flat axis " + std::to_string(flat) + (cells ? ", cells" : ", points"));
      }
    }
  }
}

TEST_F(ExplodedVoxelsRegions, EmptySelectionsAndUnknownNames)
{
  const Layout layout = LabelLayout();
  const auto values = RandomLabels<unsigned char>(layout.NumberOfVoxels(), 3);
  // A region no voxel holds, and label 0 (below the default threshold): nothing, no warning.
  for (const char* region : { "7", "0", "background" })
  {
    Case request;
    request.Regions = { region };
    request.Explosion = 0.5;
    CheckCase(layout, values, request, true, std::string("region ") + region);
  }
  // Unknown names are named in one warning and select nothing; the others still work.
  Case unknown;
  unknown.Regions = { "nowhere", "one", "also nowhere" };
  CheckCase(layout, values, unknown, true, "unknown names", 1);

  auto image = MakeLabelImage(layout, values);
  vtkNew<MessageCollector> messages;
  vtkNew<vtkExplodedVoxelsFilter> filter;
  messages->Observe(filter);
  filter->SetInputData(image);
  filter->AddRegion("nowhere");
  filter->AddRegion("12abc");
  auto output = UpdateWithThreads<vtkPolyData>(filter, messages);
  EXPECT_EQ(output->GetNumberOfCells(), 0);
  ASSERT_EQ(messages->Warnings.size(), 1u);
  EXPECT_NE(messages->Warnings[0].find("'nowhere', '12abc'"), std::string::npos)
    << messages->Warnings[0];
}

TEST_F(ExplodedVoxelsRegions, RegionStatusAndAvailableRegions)
{
  // The GUI's list: the non-empty names of LabelNames, once each, in label order; check boxes
  // select and deselect.
  const Layout layout = LabelLayout();
  auto image = MakeLabelImage(layout, RandomLabels<int>(layout.NumberOfVoxels(), 5));
  vtkNew<vtkExplodedVoxelsFilter> filter;
  filter->SetInputData(image);
  filter->UpdateInformation();
  ASSERT_EQ(filter->GetNumberOfRegionArrays(), 4);
  EXPECT_STREQ(filter->GetRegionArrayName(0), "background");
  EXPECT_STREQ(filter->GetRegionArrayName(2), "two");
  EXPECT_STREQ(filter->GetRegionArrayName(3), "four");
  EXPECT_EQ(filter->GetRegionArrayName(4), nullptr);
  filter->SetRegionStatus("two", 1);
  filter->SetRegionStatus("four", 1);
  filter->SetRegionStatus("one", 0);
  EXPECT_EQ(filter->GetRegionArrayStatus("two"), 1);
  EXPECT_EQ(filter->GetRegionArrayStatus("one"), 0);
  filter->SetRegionStatus("two", 0);
  ASSERT_EQ(filter->GetNumberOfRegions(), 1);
  EXPECT_STREQ(filter->GetRegion(0), "four");
  // A region selected by number is listed after the names, selected, as long as it is (ParaView
  // 6.1.1 resets the property to the list whenever the list changes).
  filter->SetRegionStatus("3", 1);
  ASSERT_EQ(filter->GetNumberOfRegionArrays(), 5);
  EXPECT_STREQ(filter->GetRegionArrayName(4), "3");
  EXPECT_EQ(filter->GetRegionArrayStatus("3"), 1);
  filter->UpdateInformation();
  ASSERT_EQ(filter->GetNumberOfRegionArrays(), 5);
  filter->SetRegionStatus("3", 0);
  EXPECT_EQ(filter->GetNumberOfRegionArrays(), 4);
  filter->RemoveAllRegions();
  EXPECT_EQ(filter->GetNumberOfRegions(), 0);
}

TEST_F(ExplodedVoxelsRegions, ErrorsGiveAnEmptyOutput)
{
  const Layout layout = LabelLayout();
  // Regions and RegionExplosion need labels: one-component integer arrays.
  for (const bool explode : { false, true })
  {
    auto array = MakeArray("v", 1, RandomLabels<float>(layout.NumberOfVoxels(), 5));
    vtkNew<MessageCollector> messages;
    vtkNew<vtkExplodedVoxelsFilter> filter;
    messages->Observe(filter);
    if (explode)
    {
      filter->SetRegionExplosion(0.5);
    }
    else
    {
      filter->AddRegion("1");
    }
    ExpectOneError<vtkPolyData>(filter, messages,
      { MakeImage(layout, array), vtkDataObject::FIELD_ASSOCIATION_POINTS, "v",
        "one-component integer array" });
  }
  // Labels spanning more than the per-region tables hold.
  std::vector<long long> wide(layout.NumberOfVoxels(), 1);
  wide[0] = 1LL << 40;
  auto array = MakeArray("v", 1, wide);
  vtkNew<MessageCollector> messages;
  vtkNew<vtkExplodedVoxelsFilter> filter;
  messages->Observe(filter);
  filter->SetRegionExplosion(0.5);
  ExpectOneError<vtkPolyData>(filter, messages,
    { MakeImage(layout, array), vtkDataObject::FIELD_ASSOCIATION_POINTS, "v",
      "too many for regions" });
  // Float labels without Regions or explosion: no error.
  auto image = MakeLabelImage(layout, RandomLabels<double>(layout.NumberOfVoxels(), 5), true, "v");
  vtkNew<vtkExplodedVoxelsFilter> plain;
  plain->SetInputData(image);
  plain->Update();
  EXPECT_GT(plain->GetOutput()->GetNumberOfCells(), 0);
}
