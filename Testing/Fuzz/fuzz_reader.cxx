// libFuzzer target: the whole Analyze Zip Reader on an arbitrary archive buffer, every listed
// volume read, also as a time series and as a sub-extent (the MPI path).
#include "vtkAnalyzeZipReader.h"
#include "vtkCommand.h"
#include "vtkImageData.h"
#include "vtkNew.h"
#include "vtkStreamingDemandDrivenPipeline.h"
#include "vtkStringArray.h"

#include <cstdint>
#include <string>
#include <vector>

namespace
{
// Errors are the expected outcome for most inputs; keep them off the terminal.
class Silence : public vtkCommand
{
public:
  static Silence* New() { return new Silence; }
  void Execute(vtkObject*, unsigned long, void*) override {}
};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  vtkNew<vtkAnalyzeZipReader> reader;
  vtkNew<Silence> silence;
  reader->AddObserver(vtkCommand::ErrorEvent, silence);
  reader->AddObserver(vtkCommand::WarningEvent, silence);
  // Keep each run small: fuzzed headers may declare huge, yet consistent, volumes, and members
  // may inflate far beyond the input. The limits' own checks are exercised on the way.
  reader->SetMaximumVoxels(1 << 16);
  reader->SetMaximumMemberMegabytes(1.0);
  reader->SetArchiveBuffer(reinterpret_cast<const char*>(data), static_cast<vtkIdType>(size));
  reader->UpdateInformation();
  std::vector<std::string> volumes;
  for (vtkIdType i = 0; i < reader->GetAvailableVolumes()->GetNumberOfValues() && i < 4; ++i)
  {
    volumes.push_back(reader->GetAvailableVolumes()->GetValue(i));
  }
  for (const auto& volume : volumes)
  {
    reader->SetVolume(volume.c_str());
    reader->SetTimeSeries(false);
    reader->Update();
    reader->SetTimeSeries(true);
    reader->UpdateInformation();
    reader->UpdatePiece(1, 2, 0);
  }
  return 0;
}
