/**
 * @class   ArchiveDownloader
 * @brief   Downloads an http(s) URL into memory with libcurl, within limits.
 *
 * The body is kept in memory only (never written to disk), capped at a maximum size (checked
 * against Content-Length up front and while receiving; the buffer grows in place, so memory
 * stays at the bytes received), with a connect timeout, a stall timeout (no byte for that long)
 * and a total timeout. An HTTP error status ends the transfer before its body is read. Every
 * failure (HTTP status, DNS, refused connection, timeout, truncated body, size cap, memory)
 * ends in an error sentence that names it; no message shows the URL's password.
 */
#ifndef paravoxel_ArchiveDownloader_h
#define paravoxel_ArchiveDownloader_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

class vtkMultiProcessController;

namespace paravoxel
{
class MemberBuffer;
class PARAVOXELREADERS_EXPORT ArchiveDownloader
{
public:
  struct Limits
  {
    std::uint64_t MaximumBytes;
    double ConnectTimeout; // seconds
    double StallTimeout;   // seconds without a byte received
    double TotalTimeout;   // seconds
  };

  /** The scheme of a URL-like name ("http", "ftp", "file"...), lower case; empty for a path. */
  static std::string GetScheme(const std::string& name);

  /** True for http:// and https:// names (case-insensitive). */
  static bool IsUrl(const std::string& name);

  /** `url` with any user name and password replaced by "***", for messages. */
  static std::string Redact(const std::string& url);

  /**
   * Download `url`. `progress` receives the fraction received when the size is known, and may
   * return false to abort. Returns null with `error` set on failure.
   */
  static std::shared_ptr<const MemberBuffer> Download(const std::string& url, const Limits& limits,
    const std::function<bool(double)>& progress, std::string& error);

  /**
   * Download once for all processes of `controller`: process 0 downloads and broadcasts the
   * bytes (or its error) to the others, so N ranks cost the server one transfer, not N. Every
   * process must call it together, as ParaView's parallel pipelines update. With no controller
   * or a single process, the same as Download().
   */
  static std::shared_ptr<const MemberBuffer> DownloadOnce(const std::string& url,
    const Limits& limits, const std::function<bool(double)>& progress,
    vtkMultiProcessController* controller, std::string& error);
};

} // namespace paravoxel

#endif
