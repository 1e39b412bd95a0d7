/**
 * @class   AnalyzeTimeSteps
 * @brief   The time steps of the volume a vtkAnalyzeZipReader reads, their times, and what is
 *          kept decoded for stepping back and forth through them.
 *
 * A step is one 3D volume: the selected volume alone, each volume of a 4D file, or the selected
 * volume and its siblings of the same folder with the same dimensions and datatype, in natural
 * order ("vol_10" after "vol_9"). In a series, step n is at n x TR seconds (TR = pixdim[4] when
 * positive, else 1).
 *
 * Kept between updates: the last few whole-extent arrays decoded (a few steps, at most 1 GiB),
 * and the verified bytes of a 4D member, so that its volumes are read one step at a time without
 * inflating and verifying the member again for each.
 */
#ifndef paravoxel_AnalyzeTimeSteps_h
#define paravoxel_AnalyzeTimeSteps_h

#include "AnalyzeVolumeIndex.h"     // for the volumes the steps point to
#include "ParaVoxelReadersModule.h" // for export macro (the reader's fuzzer compiles this class)
#include "vtkSmartPointer.h"        // for the decoded arrays kept

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <vector>

class vtkDataArray;

namespace paravoxel
{
class MemberBuffer;
class PARAVOXELREADERS_EXPORT AnalyzeTimeSteps
{
public:
  struct Step
  {
    const AnalyzeVolumeIndex::Volume* Volume;
    std::int64_t VolumeIndex; // 3D volume inside a 4D file
  };

  /**
   * Make the steps of `selected` (copied: the steps may point to it) from the volumes of
   * `index`: one step, or with `series` on the series described above. Returns false with
   * `error` set when the series would have more than `maximumSteps` steps.
   */
  bool Make(const AnalyzeVolumeIndex::Volume& selected, const AnalyzeVolumeIndex& index,
    bool series, std::int64_t maximumSteps, std::string& error);

  /** Forget the steps and times (what is kept decoded stays). */
  void Clear();

  /** Forget what is kept decoded: it came from an archive that changed. */
  void ClearDecoded();

  const AnalyzeVolumeIndex::Volume& GetSelected() const { return this->Selected; }
  const std::vector<Step>& GetSteps() const { return this->Steps; }
  /** The time of each step; empty unless a series was made. */
  const std::vector<double>& GetTimes() const { return this->Times; }

  /**
   * The step shown at `time`: the last one at or before it, within a millionth of a step (the
   * requested time may carry rounding of its own, whatever the TR).
   */
  std::size_t FindStep(double time) const;

  /** The whole-extent array kept for `step`, or null (a hit becomes the most recent). */
  vtkDataArray* FindDecoded(const Step& step);
  /** Keep the whole-extent array of `step` when there are steps to go back to. */
  void KeepDecoded(const Step& step, vtkDataArray* scalars);

  /** The verified bytes kept for image member `name`, or null. */
  std::shared_ptr<MemberBuffer> FindMember(const std::string& name) const;
  /** Whether KeepMember() would keep `size` bytes of `step`'s member: a 4D file read as a
   * series and not too large. */
  bool WouldKeepMember(const Step& step, std::uint64_t size) const;
  /** Keep the verified bytes of `step`'s member when WouldKeepMember() says so. */
  void KeepMember(const Step& step, const std::shared_ptr<MemberBuffer>& bytes);

private:
  bool MakeSeriesOfVolumes(std::int64_t maximumSteps, std::string& error);
  bool MakeSeriesOfSiblings(
    const AnalyzeVolumeIndex& index, std::int64_t maximumSteps, std::string& error);
  static std::string KeyOf(const Step& step);

  struct DecodedStep
  {
    std::string Key;
    vtkSmartPointer<vtkDataArray> Scalars;
  };

  AnalyzeVolumeIndex::Volume Selected;
  std::vector<Step> Steps;
  std::vector<double> Times;
  std::list<DecodedStep> Decoded; // most recent first
  std::string MemberName;
  std::shared_ptr<MemberBuffer> MemberBytes;
};

} // namespace paravoxel

#endif
