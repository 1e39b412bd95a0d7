#include "vtkArchiveDownloader.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <sstream>

namespace
{
struct Transfer
{
  std::vector<std::uint8_t>* Body;
  std::uint64_t MaximumBytes;
  bool TooLarge = false;
  const std::function<bool(double)>* Progress;
  bool Aborted = false;
};

std::size_t OnData(char* data, std::size_t size, std::size_t count, void* user)
{
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer->Body->size() + bytes > transfer->MaximumBytes)
  {
    transfer->TooLarge = true;
    return 0; // makes libcurl stop with CURLE_WRITE_ERROR
  }
  transfer->Body->insert(transfer->Body->end(), data, data + bytes);
  return bytes;
}

int OnProgress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t)
{
  auto* transfer = static_cast<Transfer*>(user);
  if (*transfer->Progress && total > 0)
  {
    if (!(*transfer->Progress)(static_cast<double>(now) / static_cast<double>(total)))
    {
      transfer->Aborted = true;
      return 1;
    }
  }
  return 0;
}

std::string Bytes(std::uint64_t bytes)
{
  return std::to_string(bytes) + " bytes";
}
}

bool vtkArchiveDownloader::IsUrl(const std::string& name)
{
  std::string lower = name.substr(0, 8);
  std::transform(lower.begin(), lower.end(), lower.begin(),
    [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0;
}

std::shared_ptr<const std::vector<std::uint8_t>> vtkArchiveDownloader::Download(
  const std::string& url, const Limits& limits, const std::function<bool(double)>& progress,
  std::string& error)
{
  static std::once_flag initialized;
  std::call_once(initialized, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl)
  {
    error = "libcurl could not be initialised";
    return nullptr;
  }
  auto body = std::make_shared<std::vector<std::uint8_t>>();
  Transfer transfer{ body.get(), limits.MaximumBytes, false, &progress };
  char curlError[CURL_ERROR_SIZE] = "";
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(handle, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.ConnectTimeout * 1000));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(limits.TotalTimeout * 1000));
  curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.MaximumBytes));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, OnData);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, curlError);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "ParaVoxel-AnalyzeZipReader");

  const CURLcode code = curl_easy_perform(handle);
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  curl_off_t expected = -1;
  curl_easy_getinfo(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected);

  std::ostringstream why;
  if (transfer.TooLarge || code == CURLE_FILESIZE_EXCEEDED)
  {
    why << "the download is larger than MaximumDownloadMegabytes ("
        << static_cast<double>(limits.MaximumBytes) / (1024.0 * 1024.0)
        << " MiB); raise it to read this archive";
  }
  else if (transfer.Aborted || code == CURLE_ABORTED_BY_CALLBACK)
  {
    why << "the download was aborted";
  }
  else if (code == CURLE_OPERATION_TIMEDOUT)
  {
    why << "the download timed out (ConnectTimeout " << limits.ConnectTimeout
        << " s, DownloadTimeout " << limits.TotalTimeout << " s) after receiving "
        << Bytes(body->size());
  }
  else if (code == CURLE_PARTIAL_FILE)
  {
    why << "the server cut the download short: " << Bytes(body->size()) << " received of "
        << Bytes(static_cast<std::uint64_t>(expected));
  }
  else if (code != CURLE_OK)
  {
    why << (curlError[0] ? curlError : curl_easy_strerror(code));
  }
  else if (status >= 400)
  {
    why << "the server answered HTTP " << status;
  }
  else if (expected >= 0 && body->size() != static_cast<std::uint64_t>(expected))
  {
    why << "the server cut the download short: " << Bytes(body->size()) << " received of "
        << Bytes(static_cast<std::uint64_t>(expected));
  }
  if (!why.str().empty())
  {
    error = why.str();
    return nullptr;
  }
  return body;
}
