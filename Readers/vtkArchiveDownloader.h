/**
 * @class   vtkArchiveDownloader
 * @brief   Downloads an http(s) URL into memory with libcurl, within limits.
 *
 * The body is kept in memory only (never written to disk), capped at a maximum size (checked
 * against Content-Length up front and while receiving), with a connect timeout and a total
 * timeout. Every failure (HTTP status, DNS, refused connection, timeout, truncated body, size
 * cap) ends in an error sentence that names it.
 */
#ifndef vtkArchiveDownloader_h
#define vtkArchiveDownloader_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

class PARAVOXELREADERS_EXPORT vtkArchiveDownloader
{
public:
  struct Limits
  {
    std::uint64_t MaximumBytes;
    double ConnectTimeout; // seconds
    double TotalTimeout;   // seconds
  };

  /** True for http:// and https:// names (case-insensitive). */
  static bool IsUrl(const std::string& name);

  /**
   * Download `url`. `progress` receives the fraction received when the size is known, and may
   * return false to abort. Returns null with `error` set on failure.
   */
  static std::shared_ptr<const std::vector<std::uint8_t>> Download(const std::string& url,
    const Limits& limits, const std::function<bool(double)>& progress, std::string& error);
};

#endif
