/**
 * @class   AnalyzeArchive
 * @brief   The archive a vtkAnalyzeZipReader reads, opened from a memory buffer, an http(s) URL
 *          (downloaded into memory once per URL), a .zip file or the folder of a plain
 *          .hdr/.img/.nii file, with the index of its volumes.
 *
 * The member store and its index are kept while the archive is unchanged (the same buffer, URL,
 * or file path, size and modification time), so that property changes do not index the archive
 * again. A plain file's folder is listed again on every Open(): its files are few and may change.
 */
#ifndef paravoxel_AnalyzeArchive_h
#define paravoxel_AnalyzeArchive_h

#include "AnalyzeVolumeIndex.h"     // for the index kept with the store
#include "ArchiveDownloader.h"      // for the download limits
#include "MemberStore.h"            // for the store the index points into
#include "ParaVoxelReadersModule.h" // for export macro (the reader's fuzzer compiles this class)

#include <memory>
#include <string>

class vtkAlgorithm;

namespace paravoxel
{
class MemberBuffer;
class PARAVOXELREADERS_EXPORT AnalyzeArchive
{
public:
  /** Read this buffer instead of any file name (null: read the file name again). */
  void SetBuffer(std::shared_ptr<const MemberBuffer> buffer);
  const std::shared_ptr<const MemberBuffer>& GetBuffer() const { return this->Buffer; }

  /** What names the archive for `fileName` (the buffer's address while a buffer is set). */
  std::string GetIdentity(const std::string& fileName) const;

  /**
   * Open the buffer, or else `fileName`: a URL is downloaded with `limits`, reporting progress
   * and honouring aborts through `reader`. Returns false with `error` set and `errorCode` a
   * vtkErrorCode saying what kind of failure it is; `changed` says whether the archive differs
   * from the one opened before (what was decoded from that one no longer applies).
   */
  bool Open(const std::string& fileName, const ArchiveDownloader::Limits& limits,
    vtkAlgorithm* reader, std::string& error, unsigned long& errorCode, bool& changed);

  /** Forget the store and its index (after an allocation failed half-way through indexing). */
  void Close();

  MemberStore* GetStore() const { return this->Store.get(); }
  const AnalyzeVolumeIndex& GetIndex() const { return this->Index; }

  /** "archive 'a.zip'", "file '/x/y.hdr'", "archive in memory (N bytes)"...: for messages. */
  const std::string& GetSource() const { return this->Source; }

private:
  bool OpenBuffer(std::string& error, unsigned long& errorCode);
  bool OpenUrl(const std::string& url, const ArchiveDownloader::Limits& limits,
    vtkAlgorithm* reader, std::string& error, unsigned long& errorCode);
  bool OpenFile(const std::string& fileName, std::string& error, unsigned long& errorCode);
  bool OpenZip(std::unique_ptr<MemberStore> store, const std::string& key);

  std::shared_ptr<const MemberBuffer> Buffer;
  std::string DownloadedUrl;
  std::shared_ptr<const MemberBuffer> Downloaded;
  std::string StoreKey; // what the store was opened from; empty for a plain file's folder
  std::unique_ptr<MemberStore> Store;
  AnalyzeVolumeIndex Index;
  std::string Source;
};

} // namespace paravoxel

#endif
