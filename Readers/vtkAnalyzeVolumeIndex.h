/**
 * @class   vtkAnalyzeVolumeIndex
 * @brief   Finds the readable volumes among the members of a store: pairs each Analyze/NIfTI
 *          `.hdr` with its `.img`, takes `.nii` files alone, and reads and validates each header.
 *
 * Members that are not images (READMEs, SPM `.mat` files, junk that merely carries an image
 * extension) are left out of the list silently; when a user names one explicitly, Resolve()
 * says precisely why it cannot be read.
 */
#ifndef vtkAnalyzeVolumeIndex_h
#define vtkAnalyzeVolumeIndex_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)
#include "vtkAnalyzeHeader.h"
#include "vtkAnalyzeMemberStore.h"

#include <memory>
#include <string>
#include <vector>

class PARAVOXELREADERS_EXPORT vtkAnalyzeVolumeIndex
{
public:
  struct Volume
  {
    std::string HeaderMember; // the .hdr or .nii member: the volume's name
    std::string ImageMember;  // where the voxels are (the .nii itself for single files)
    vtkAnalyzeHeader Header;
  };

  /** Index every readable volume of `store`, in member order. */
  void Build(vtkAnalyzeMemberStore& store);

  const std::vector<Volume>& GetVolumes() const { return this->Volumes; }

  /**
   * The volume that `name` (a .hdr, .img or .nii member, or a gzip form) designates. Returns
   * false with `error` naming the member and the problem (no such member, header without image
   * or the reverse, a header that does not parse).
   */
  static bool Resolve(
    vtkAnalyzeMemberStore& store, const std::string& name, Volume& volume, std::string& error);

  /** A stream over a member's bytes, inflating gzip members (by their .gz name) on the fly. */
  static std::unique_ptr<vtkAnalyzeMemberStream> OpenMember(
    vtkAnalyzeMemberStore& store, const std::string& name, std::string& error);

  /** True when `name` ends in `.gz` (any case). */
  static bool IsGzipped(const std::string& name);

  /** True when `name` has a volume's extension: .hdr, .img, .nii or their .gz forms. */
  static bool IsVolumeName(const std::string& name);

  /** The SPM `.mat` sidecar of a header member (same stem, any case), or "" if there is none. */
  static std::string FindMatSidecar(
    const vtkAnalyzeMemberStore& store, const std::string& headerMember);

private:
  std::vector<Volume> Volumes;
};

#endif
