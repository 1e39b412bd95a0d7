/**
 * @class   vtkGzipMemberStream
 * @brief   Inflates a gzip-compressed member (.nii.gz, .hdr.gz, .img.gz) on the fly with zlib.
 *
 * Only what is read is inflated, so a gzip bomb costs no more than the bytes the header
 * declares. Concatenated gzip members are read as one stream, as gzip itself does.
 */
#ifndef vtkGzipMemberStream_h
#define vtkGzipMemberStream_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)
#include "vtkAnalyzeMemberStream.h"

#include <memory>
#include <vector>

class PARAVOXELREADERS_EXPORT vtkGzipMemberStream : public vtkAnalyzeMemberStream
{
public:
  explicit vtkGzipMemberStream(std::unique_ptr<vtkAnalyzeMemberStream> compressed);
  ~vtkGzipMemberStream() override;

  std::int64_t Read(void* buffer, std::uint64_t count, std::string& error) override;

private:
  struct Internals;
  std::unique_ptr<vtkAnalyzeMemberStream> Compressed;
  std::unique_ptr<Internals> Z;
};

#endif
