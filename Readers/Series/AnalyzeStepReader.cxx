#include "AnalyzeStepReader.h"

#include "AnalyzeOrientation.h"
#include "AnalyzeVoxelConverter.h"
#include "MemberBuffer.h"
#include "MemberRangeReader.h"
#include "MemberStore.h"
#include "VerifiedInflater.h"
#include "vtkAlgorithm.h"
#include "vtkDataArray.h"
#include "vtkErrorCode.h"
#include "vtkParaVoxelArrayRanges.h"

#include <algorithm>
#include <cstring>
#include <sstream>

namespace paravoxel
{
namespace
{
// A member larger than the bytes its header declares is accepted with a warning when the excess
// is small (some writers pad files); beyond this it is treated as a zip bomb and refused.
std::uint64_t AllowedExcess(std::uint64_t declared)
{
  return std::max<std::uint64_t>(declared, std::uint64_t(1) << 20);
}

// The best deflate ratio is about 1032:1; a gzip member claiming more cannot be genuine.
constexpr std::uint64_t MaximumDeflateRatio = 1032;

// A member is read whole when the bytes beside the step's volume are no more than the volume
// itself or this, whichever is larger: reading whole is faster, and costs little memory then.
constexpr std::uint64_t StreamedExcess = std::uint64_t(64) << 20;
}

AnalyzeStepReader::AnalyzeStepReader(
  MemberStore& store, AnalyzeTimeSteps& timeSteps, vtkAlgorithm* reader, const Limits& limits)
  : Store(store)
  , TimeSteps(timeSteps)
  , Reader(reader)
  , Limit(limits)
{
}

bool AnalyzeStepReader::CheckImageSize(const AnalyzeTimeSteps::Step& step, const std::string& where,
  std::string& error, unsigned long& code)
{
  // Sizes past a limit, or that the member cannot hold, are the header's fault; a member
  // shorter than its header declares is a truncated file.
  code = vtkErrorCode::FileFormatError;
  const AnalyzeHeader& header = step.Volume->Header;
  const std::string& member = step.Volume->ImageMember;
  const auto& dims = header.GetDimensions();
  std::ostringstream why;
  if (header.GetVoxelsPerVolume() > this->Limit.MaximumVoxels / header.GetNumberOfVolumes())
  {
    why << "the header declares " << dims[0] << " x " << dims[1] << " x " << dims[2] << " x "
        << header.GetNumberOfVolumes() << " voxels, more than MaximumVoxels ("
        << this->Limit.MaximumVoxels << "); raise MaximumVoxels if the volume is genuine";
    error = why.str();
    return false;
  }
  // Check the declared size against the limit and the member's real size before anything is
  // allocated; a size that does not even fit in 64 bits is over any limit.
  std::uint64_t declared = 0;
  const bool representable = header.GetImageBytes(header.GetNumberOfVolumes(), declared);
  const double maximumBytes = this->Limit.MaximumMemberMegabytes * 1024.0 * 1024.0;
  if (!representable || static_cast<double>(declared) > maximumBytes)
  {
    why << "the header declares an image of "
        << (representable ? std::to_string(declared) : std::string("more than 2^64"))
        << " bytes, more than MaximumMemberMegabytes (" << this->Limit.MaximumMemberMegabytes
        << " MiB); raise MaximumMemberMegabytes if the volume is genuine";
    error = why.str();
    return false;
  }
  std::uint64_t stored = 0;
  if (!this->Store.GetMemberSize(member, stored, error))
  {
    error = "image member '" + member + "': " + error;
    return false;
  }
  if (AnalyzeVolumeIndex::IsGzipped(member))
  {
    if (declared > stored * MaximumDeflateRatio + 4096)
    {
      why << "image member '" << member << "' is " << stored
          << " compressed bytes, which cannot hold the " << declared
          << " bytes its header declares";
    }
  }
  else if (stored < declared)
  {
    code = vtkErrorCode::PrematureEndOfFileError;
    why << "image member '" << member << "' holds " << stored << " bytes, but the header declares "
        << declared << " (" << dims[0] << " x " << dims[1] << " x " << dims[2] << " x "
        << header.GetNumberOfVolumes() << " voxels of "
        << header.GetComponentSize() * header.GetNumberOfComponents() << " bytes from offset "
        << header.GetVoxelOffset() << "): the image is truncated";
  }
  else if (stored - declared > AllowedExcess(declared))
  {
    why << "image member '" << member << "' inflates to " << stored << " bytes, far more than the "
        << declared << " bytes its header declares (a zip bomb?); refused";
  }
  else if (stored > declared)
  {
    vtkWarningWithObjectMacro(this->Reader,
      "Reading " << where << ": image member '" << member << "' has " << stored - declared
                 << " bytes past the declared voxels; they are ignored.");
  }
  error = why.str();
  return error.empty();
}

vtkSmartPointer<vtkDataArray> AnalyzeStepReader::Read(const AnalyzeTimeSteps::Step& step,
  const AnalyzeOrientation& orientation, const int extent[6], std::string& error,
  unsigned long& code)
{
  // PASS 1: the whole member verified (CRC-32 of the archive, gzip trailers); what is kept of it
  // is the whole member or the step's volume alone.
  std::uint64_t base = 0;
  const std::shared_ptr<MemberBuffer> bytes = this->ReadVerifiedMember(step, base, error, code);
  if (!bytes)
  {
    return nullptr;
  }
  // PASS 2: the output array, adopting the verified bytes where they are the answer already.
  vtkSmartPointer<vtkDataArray> scalars =
    this->MakeArray(step, orientation, bytes, base, extent, error, code);
  if (!scalars)
  {
    return nullptr;
  }
  this->Reader->UpdateProgress(0.8);
  // PASS 3: the ranges ParaView asks every array for after each update, cached while the values
  // are hot in the cache, instead of two generic passes of its own.
  vtkParaVoxelArrayRanges::Cache(scalars);
  this->Reader->UpdateProgress(0.9);
  return scalars;
}

std::shared_ptr<MemberBuffer> AnalyzeStepReader::ReadVerifiedMember(
  const AnalyzeTimeSteps::Step& step, std::uint64_t& base, std::string& error, unsigned long& code)
{
  const AnalyzeHeader& header = step.Volume->Header;
  const std::string& member = step.Volume->ImageMember;
  std::uint64_t declared = 0;
  header.GetImageBytes(header.GetNumberOfVolumes(), declared); // checked by CheckImageSize
  const std::uint64_t headerBytes = step.Volume->HeaderMember == member ? header.GetSize() : 0;
  base = 0;
  std::shared_ptr<MemberBuffer> bytes = this->TimeSteps.FindMember(member);
  std::uint64_t size = bytes ? bytes->GetSize() : 0;
  std::uint32_t headerChecksum = bytes
    ? VerifiedInflater::Crc32(bytes->GetData(), std::min<std::uint64_t>(size, headerBytes))
    : 0;
  if (!bytes)
  {
    bytes = std::make_shared<MemberBuffer>();
    this->Reader->SetProgressText("Reading and verifying");
    const std::uint64_t volumeBytes = header.GetBytesPerVolume();
    const std::uint64_t volumeStart =
      header.GetVoxelOffset() + static_cast<std::uint64_t>(step.VolumeIndex) * volumeBytes;
    // A member holding many more bytes than the step's volume (a long 4D series read one volume
    // at a time) is streamed through its checks, and only the volume kept: memory is bounded by
    // what is read. Others are read whole, the fastest way, and a series' is kept for its steps.
    const bool whole = this->TimeSteps.WouldKeepMember(step, declared) ||
      declared - volumeBytes <= std::max(volumeBytes, StreamedExcess);
    bool read = false;
    if (whole)
    {
      read = AnalyzeVolumeIndex::ReadMember(
        this->Store, member, declared, declared + AllowedExcess(declared), *bytes, error);
      size = bytes->GetSize();
      headerChecksum =
        VerifiedInflater::Crc32(bytes->GetData(), std::min<std::uint64_t>(size, headerBytes));
    }
    else
    {
      std::vector<std::uint8_t> prefix;
      const MemberRangeReader::Request request{ volumeStart, volumeBytes, headerBytes,
        declared + AllowedExcess(declared) };
      read = MemberRangeReader::Read(this->Store, member, request, declared, *bytes, prefix, size,
        error, [this](double done) { this->Reader->UpdateProgress(0.5 * done); });
      headerChecksum = VerifiedInflater::Crc32(prefix.data(), prefix.size());
      base = volumeStart;
    }
    this->Reader->SetProgressText(nullptr);
    if (!read)
    {
      // Checksums that differ, streams that do not inflate, sizes the directory contradicts.
      code = vtkErrorCode::FileFormatError;
      error = "image member '" + member + "': " + error;
      return nullptr;
    }
    if (whole)
    {
      this->TimeSteps.KeepMember(step, bytes);
    }
  }
  this->Reader->UpdateProgress(0.5);
  if (size < declared)
  {
    code = vtkErrorCode::PrematureEndOfFileError;
    error = "image member '" + member + "' holds " + std::to_string(size) +
      " bytes, but the header declares " + std::to_string(declared) + ": the image is truncated";
    return nullptr;
  }
  if (headerBytes > 0 && headerChecksum != step.Volume->HeaderChecksum)
  {
    // The index parsed these bytes before they could be verified; they must be the same.
    code = vtkErrorCode::FileFormatError;
    error = "member '" + member + "' changed since its header was read; open the archive again";
    return nullptr;
  }
  return bytes;
}

vtkSmartPointer<vtkDataArray> AnalyzeStepReader::MakeArray(const AnalyzeTimeSteps::Step& step,
  const AnalyzeOrientation& orientation, const std::shared_ptr<MemberBuffer>& bytes,
  std::uint64_t base, const int extent[6], std::string& error, unsigned long& code)
{
  const AnalyzeHeader& header = step.Volume->Header;
  const auto& dims = header.GetDimensions();
  // The stored voxels the extent comes from: whole slices of the box's k range are at hand.
  int box[6];
  orientation.ComputeSourceBox(extent, box);
  const std::uint64_t voxelBytes =
    static_cast<std::uint64_t>(header.GetComponentSize() * header.GetNumberOfComponents());
  const std::uint64_t sliceBytes = static_cast<std::uint64_t>(dims[0] * dims[1]) * voxelBytes;
  const std::uint64_t slabBytes = sliceBytes * static_cast<std::uint64_t>(box[5] - box[4] + 1);
  const std::uint64_t first = header.GetVoxelOffset() +
    static_cast<std::uint64_t>(step.VolumeIndex) * header.GetBytesPerVolume() +
    static_cast<std::uint64_t>(box[4]) * sliceBytes - base;
  const vtkIdType values = static_cast<vtkIdType>(extent[1] - extent[0] + 1) *
    (extent[3] - extent[2] + 1) * (extent[5] - extent[4] + 1) * header.GetNumberOfComponents();
  vtkSmartPointer<vtkDataArray> scalars;
  scalars.TakeReference(vtkDataArray::CreateDataArray(header.GetOutputScalarType()));
  scalars->SetName("Intensity");
  scalars->SetNumberOfComponents(header.GetNumberOfComponents());
  const bool wholePlanes =
    box[0] == 0 && box[1] == dims[0] - 1 && box[2] == 0 && box[3] == dims[1] - 1;
  // Adopted only when nothing else holds the bytes (a 4D member kept for the next steps does);
  // flipped axes are then reversed in place, in one pass over the rows.
  if (wholePlanes && orientation.KeepsAxisOrder() && !header.HasScaling() && bytes.use_count() == 1)
  {
    std::memmove(bytes->GetData(), bytes->GetData() + first, static_cast<std::size_t>(slabBytes));
    // A piece's slab is a part of the member: the rest of the pages go back (an MPI rank of a
    // 1024^3 volume would otherwise keep the whole gigabyte).
    if (slabBytes < bytes->GetSize() && !bytes->Resize(slabBytes, error))
    {
      code = OutOfMemoryError;
      return nullptr;
    }
    scalars->SetVoidArray(bytes->Release(), values, 0, vtkAbstractArray::VTK_DATA_ARRAY_FREE);
    const int boxDimensions[3] = { box[1] - box[0] + 1, box[3] - box[2] + 1, box[5] - box[4] + 1 };
    AnalyzeVoxelConverter::FlipInPlace(orientation, boxDimensions, scalars);
    AnalyzeVoxelConverter::FixByteOrder(header, scalars);
    return scalars;
  }
  MemberBuffer converted;
  if (!converted.Allocate(
        static_cast<std::uint64_t>(values) * static_cast<std::uint64_t>(scalars->GetDataTypeSize()),
        error))
  {
    code = OutOfMemoryError;
    error = "the output array: " + error;
    return nullptr;
  }
  scalars->SetVoidArray(converted.Release(), values, 0, vtkAbstractArray::VTK_DATA_ARRAY_FREE);
  AnalyzeVoxelConverter::ConvertExtent(
    header, orientation, bytes->GetData() + first, box, extent, scalars);
  return scalars;
}
} // namespace paravoxel
