// Exploded Voxels at the edges of what it takes: settings outside what they accept (NaN,
// infinities, values beyond their XML domains, a cut function of NaN parameters, an image beyond
// float coordinates) are each an error that names the setting, with an empty output, never a
// silent clamp or a non-finite point; labels beyond 2^53 and 2^63 are compared as the integers
// they are.
#include "ExplodedVoxelsReference.h"

#include "vtkFieldData.h"
#include "vtkPlane.h"
#include "vtkStringArray.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace
{
using namespace paravoxel_test;
using namespace paravoxel_test::exploded_voxels;
using ExplodedVoxels = FilterTest;

/** The labels `values` (the point array "label") with a LabelNames of one name, as an atlas. */
template <typename T>
vtkSmartPointer<vtkImageData> Named(const Layout& layout, const std::vector<T>& values)
{
  auto image = MakeImage(layout, MakeArray("label", 1, values));
  vtkNew<vtkStringArray> names;
  names->SetName("LabelNames");
  names->InsertNextValue("");
  names->InsertNextValue("one");
  image->GetFieldData()->AddArray(names);
  return image;
}

/** An image of labels 1 to 5 (the point array "v"). */
vtkSmartPointer<vtkImageData> Labels(const Layout& layout)
{
  return MakeImage(layout, MakeArray("v", 1, RandomValues<int>(layout.NumberOfVoxels(), 5, 7)));
}
}

TEST_F(ExplodedVoxels, SettingsOutsideTheirDomainAreErrors)
{
  const Layout layout = Block(6, 5, 4);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  struct Setting
  {
    std::function<void(vtkExplodedVoxelsFilter*)> Set;
    const char* Words;
  };
  const std::vector<Setting> settings = {
    { [=](vtkExplodedVoxelsFilter* f) { f->SetRegionExplosion(nan); }, "RegionExplosion" },
    { [=](vtkExplodedVoxelsFilter* f) { f->SetRegionExplosion(inf); }, "RegionExplosion" },
    { [=](vtkExplodedVoxelsFilter* f) { f->SetRegionExplosion(-inf); }, "RegionExplosion" },
    { [=](vtkExplodedVoxelsFilter* f) { f->SetRegionExplosion(1e308); }, "RegionExplosion" },
    { [=](vtkExplodedVoxelsFilter* f) { f->SetRegionExplosion(-101); }, "RegionExplosion" },
    { [=](vtkExplodedVoxelsFilter* f) { f->SetGap(nan); }, "Gap" },
    { [=](vtkExplodedVoxelsFilter* f) { f->SetGap(0.95); }, "Gap" },
    { [=](vtkExplodedVoxelsFilter* f) { f->SetGap(-0.1); }, "Gap" },
    { [=](vtkExplodedVoxelsFilter* f) { f->SetLowerThreshold(nan); }, "LowerThreshold" },
    { [=](vtkExplodedVoxelsFilter* f) { f->SetUpperThreshold(nan); }, "UpperThreshold" },
    { [=](vtkExplodedVoxelsFilter* f) { f->SetThresholdComponent(-2); }, "ThresholdComponent" },
    { [=](vtkExplodedVoxelsFilter* f)
      {
        f->SetOnlyFacesTowardViewPoint(true);
        f->SetViewPoint(0, inf, 0);
      },
      "ViewPoint" },
  };
  for (const Setting& setting : settings)
  {
    vtkNew<MessageCollector> messages;
    vtkNew<vtkExplodedVoxelsFilter> filter;
    messages->Observe(filter);
    setting.Set(filter);
    ExpectOneError<vtkPolyData>(filter, messages,
      { Labels(layout), vtkDataObject::FIELD_ASSOCIATION_POINTS, "v", setting.Words });
  }
  // The largest accepted explosion gives finite points.
  vtkNew<vtkExplodedVoxelsFilter> filter;
  filter->SetInputData(Labels(layout));
  filter->SetRegionExplosion(vtkExplodedVoxelsFilter::MaximumRegionExplosion);
  filter->Update();
  double bounds[6];
  filter->GetOutput()->GetBounds(bounds);
  EXPECT_GT(filter->GetOutput()->GetNumberOfCells(), 0);
  EXPECT_TRUE(std::all_of(bounds, bounds + 6, [](double b) { return std::isfinite(b); }));
  // An image whose coordinates float cannot hold, and a cut function of NaN parameters.
  auto far = Labels(layout);
  far->SetSpacing(1e37, 1, 1);
  vtkNew<MessageCollector> messages;
  vtkNew<vtkExplodedVoxelsFilter> farFilter;
  messages->Observe(farFilter);
  ExpectOneError<vtkPolyData>(
    farFilter, messages, { far, vtkDataObject::FIELD_ASSOCIATION_POINTS, "v", "bounds" });
  vtkNew<vtkPlane> plane;
  plane->SetOrigin(nan, 0, 0);
  vtkNew<MessageCollector> cutMessages;
  vtkNew<vtkExplodedVoxelsFilter> cutFilter;
  cutMessages->Observe(cutFilter);
  cutFilter->SetCutFunction(plane);
  ExpectOneError<vtkPolyData>(cutFilter, cutMessages,
    { Labels(layout), vtkDataObject::FIELD_ASSOCIATION_POINTS, "v", "CutFunction" });
}

TEST_F(ExplodedVoxels, LabelsAreExactIntegers)
{
  const Layout layout = Block(6, 5, 4);
  const vtkIdType voxels = layout.NumberOfVoxels();
  // Labels above 2^53, where doubles round (2^60 + 44 and 2^60 + 300 are one double apart at
  // most): a number selects its label alone.
  const long long base = 1LL << 60;
  std::vector<long long> big(voxels);
  for (vtkIdType v = 0; v < voxels; ++v)
  {
    big[v] = base + (v % 3 == 0 ? 44 : 300);
  }
  vtkNew<vtkExplodedVoxelsFilter> filter;
  filter->SetInputData(Named(layout, big));
  filter->AddRegion(std::to_string(base + 44).c_str());
  filter->SetKeepInteriorFaces(true);
  filter->Update();
  EXPECT_EQ(filter->GetOutput()->GetNumberOfCells(), 6 * ((voxels + 2) / 3));

  // Unsigned 64-bit labels far above 2^63: plain Exploded Voxels (with names, no region feature)
  // makes every voxel; selecting one by number and pulling the two apart work too.
  const unsigned long long top = std::numeric_limits<unsigned long long>::max();
  std::vector<unsigned long long> huge(voxels);
  for (vtkIdType v = 0; v < voxels; ++v)
  {
    huge[v] = v % 2 ? top : top - 1;
  }
  vtkNew<MessageCollector> messages;
  vtkNew<vtkExplodedVoxelsFilter> plain;
  messages->Observe(plain);
  plain->SetInputData(Named(layout, huge));
  plain->SetKeepInteriorFaces(true);
  plain->Update();
  EXPECT_TRUE(messages->Errors.empty()) << messages->Errors[0];
  EXPECT_EQ(plain->GetOutput()->GetNumberOfCells(), 6 * voxels);
  plain->AddRegion(std::to_string(top).c_str());
  plain->Update();
  EXPECT_EQ(plain->GetOutput()->GetNumberOfCells(), 6 * (voxels / 2));
  plain->RemoveAllRegions();
  plain->SetRegionExplosion(0.5);
  plain->Update();
  EXPECT_TRUE(messages->Errors.empty()) << messages->Errors[0];
  EXPECT_EQ(plain->GetOutput()->GetNumberOfCells(), 6 * voxels);
  // The whole unsigned range is too wide for regions, and the message names the labels as
  // they are.
  huge[0] = 0;
  plain->SetInputData(Named(layout, huge));
  ExpectOneError<vtkPolyData>(plain, messages,
    { Named(layout, huge), vtkDataObject::FIELD_ASSOCIATION_POINTS, "label",
      "from 0 to 18446744073709551615" });
}
