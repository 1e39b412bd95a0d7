/**
 * @class   AnalyzeStepReader
 * @brief   Reads the voxels of one time step of a vtkAnalyzeZipReader: checks the sizes its
 *          header declares, then reads and verifies its image member and makes the output array
 *          of the requested extent.
 *
 * Sizes are checked against the reader's limits and the member's real size before anything is
 * allocated or inflated. The member is read and verified whole (the archive's CRC-32, gzip
 * trailers) before any value is handed out; a 4D member's verified bytes are kept by the time
 * steps for the next volumes. Of a member much larger than the step's volume (and not kept),
 * only that volume is kept: the rest is verified as it streams by (MemberRangeReader).
 */
#ifndef paravoxel_AnalyzeStepReader_h
#define paravoxel_AnalyzeStepReader_h

#include "AnalyzeTimeSteps.h"       // for the steps read and the member they keep
#include "ParaVoxelReadersModule.h" // for export macro (the reader's fuzzer compiles this class)
#include "vtkErrorCode.h"           // for the code of memory exhausted
#include "vtkSmartPointer.h"        // for the array returned

#include <cstdint>
#include <memory>
#include <string>

class vtkAlgorithm;
class vtkDataArray;

namespace paravoxel
{
class MemberStore;
class AnalyzeOrientation;
class MemberBuffer;
class PARAVOXELREADERS_EXPORT AnalyzeStepReader
{
public:
  /** vtkErrorCode has no code for memory exhausted; running out of room to store what is read
   * is the nearest it names. */
  static constexpr unsigned long OutOfMemoryError = vtkErrorCode::OutOfDiskSpaceError;

  struct Limits
  {
    std::int64_t MaximumVoxels;    // i x j x k x volumes
    double MaximumMemberMegabytes; // the whole image member
  };

  /** `reader` receives the progress and the warnings. */
  AnalyzeStepReader(
    MemberStore& store, AnalyzeTimeSteps& timeSteps, vtkAlgorithm* reader, const Limits& limits);

  /**
   * Check the image size `step`'s header declares against the limits and its member. Returns
   * false with `error` set and `errorCode` (vtkErrorCode) saying what kind of failure it is;
   * warns, naming `where`, about bytes past the declared voxels.
   */
  bool CheckImageSize(const AnalyzeTimeSteps::Step& step, const std::string& where,
    std::string& error, unsigned long& errorCode);

  /**
   * The voxels of `extent` (of the output grid `orientation` describes) of `step` (checked by
   * CheckImageSize()), in output order, named "Intensity" and with their range cached; null with
   * `error` and `errorCode` set when they cannot be read.
   */
  vtkSmartPointer<vtkDataArray> Read(const AnalyzeTimeSteps::Step& step,
    const AnalyzeOrientation& orientation, const int extent[6], std::string& error,
    unsigned long& errorCode);

private:
  // The verified bytes of `step`'s member from its offset `base` on: the whole member (base 0)
  // or the step's volume alone.
  std::shared_ptr<MemberBuffer> ReadVerifiedMember(const AnalyzeTimeSteps::Step& step,
    std::uint64_t& base, std::string& error, unsigned long& errorCode);
  vtkSmartPointer<vtkDataArray> MakeArray(const AnalyzeTimeSteps::Step& step,
    const AnalyzeOrientation& orientation, const std::shared_ptr<MemberBuffer>& bytes,
    std::uint64_t base, const int extent[6], std::string& error, unsigned long& errorCode);

  MemberStore& Store;
  AnalyzeTimeSteps& TimeSteps;
  vtkAlgorithm* Reader;
  Limits Limit;
};

} // namespace paravoxel

#endif
