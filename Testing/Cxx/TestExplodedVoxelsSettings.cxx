// Exploded Voxels' settings outside what they accept (NaN, infinities, values beyond their XML
// domains, a cut function of NaN parameters, an image beyond float coordinates): each is an error
// that names the setting, with an empty output, never a silent clamp or a non-finite point.
#include "ExplodedVoxelsReference.h"

#include "vtkPlane.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace
{
using namespace paravoxel_test;
using namespace paravoxel_test::exploded_voxels;
using ExplodedVoxels = FilterTest;

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
