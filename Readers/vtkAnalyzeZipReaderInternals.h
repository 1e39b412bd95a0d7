/**
 * @class   vtkAnalyzeZipReader::Internals
 * @brief   The state vtkAnalyzeZipReader keeps between pipeline passes: the open archive, its
 *          volumes and time steps, their label tables and affines, and the output grid; and the
 *          steps that choose and place a volume (open the archive, select the volume, its labels,
 *          its voxel-to-world affine, its grid).
 *
 * Private to the reader (its members reach the reader's settings through `self`).
 */
#ifndef vtkAnalyzeZipReaderInternals_h
#define vtkAnalyzeZipReaderInternals_h

#include "vtkAnalyzeZipReader.h"

#include "AnalyzeArchive.h"
#include "AnalyzeOrientation.h"
#include "AnalyzeStepReader.h"
#include "AnalyzeTimeSteps.h"
#include "AnalyzeVolumeIndex.h"
#include "LabelTable.h"
#include "VolumeAffines.h"
#include "vtkDoubleArray.h"
#include "vtkNew.h"
#include "vtkStringArray.h"

#include <array>
#include <map>
#include <string>

struct vtkAnalyzeZipReader::Internals
{
  using TimeStep = paravoxel::AnalyzeTimeSteps::Step;
  static constexpr unsigned long OutOfMemoryError = paravoxel::AnalyzeStepReader::OutOfMemoryError;

  paravoxel::AnalyzeArchive Archive;
  // The archive the Volume property was set for (see SetVolume).
  std::string VolumeSetFor;

  paravoxel::AnalyzeTimeSteps TimeSteps;
  bool Ready = false;
  vtkNew<vtkStringArray> AvailableVolumes;
  vtkNew<vtkStringArray> LabelAnnotations;
  vtkNew<vtkDoubleArray> LabelIndexedColors;
  std::string CurrentVolume;
  std::map<std::string, paravoxel::LabelTable> Labels; // by header member, for this archive
  paravoxel::VolumeAffines Affines;                    // for this archive
  // The output grid of the selected volume, shared by every time step.
  paravoxel::AnalyzeOrientation Orientation;
  std::string FileOrientation;
  bool DecodedInWorldSpace = true; // the order of the decoded steps kept

  std::string ArchiveIdentity(vtkAnalyzeZipReader* self) const
  {
    return this->Archive.GetIdentity(self->FileName ? self->FileName : "");
  }
  bool OpenArchive(vtkAnalyzeZipReader* self);
  bool SelectVolume(vtkAnalyzeZipReader* self, paravoxel::AnalyzeVolumeIndex::Volume& selected);
  const paravoxel::LabelTable& LabelsOf(vtkAnalyzeZipReader* self, const TimeStep& step);
  std::array<double, 16> VoxelToWorld(vtkAnalyzeZipReader* self, const TimeStep& step);
  void PlaceGrid(vtkAnalyzeZipReader* self, const TimeStep& selected);
  paravoxel::AnalyzeOrientation StepGrid(vtkAnalyzeZipReader* self, const TimeStep& step);
  paravoxel::AnalyzeStepReader StepReader(vtkAnalyzeZipReader* self)
  {
    return paravoxel::AnalyzeStepReader(*this->Archive.GetStore(), this->TimeSteps, self,
      { self->MaximumVoxels, self->MaximumMemberMegabytes });
  }
  std::string Where(const TimeStep& step) const
  {
    return this->Archive.GetSource() + ", volume '" + step.Volume->HeaderMember + "'";
  }
};

#endif
