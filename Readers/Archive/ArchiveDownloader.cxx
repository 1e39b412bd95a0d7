#include "ArchiveDownloader.h"

#include "MemberBuffer.h"
#include "vtkMultiProcessController.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <sstream>
#include <vector>

namespace paravoxel
{
namespace
{
struct Transfer
{
  CURL* Handle;
  MemberBuffer* Body;
  std::uint64_t Received;
  std::uint64_t MaximumBytes;
  bool TooLarge = false;
  std::string MemoryError;
  const std::function<bool(double)>* Progress;
  bool Aborted = false;
};

// Room for `needed` bytes: the announced Content-Length when there is one, else half as much
// again as now (in-place growth, see MemberBuffer::Resize), never past the cap.
bool MakeRoom(Transfer& transfer, std::uint64_t needed)
{
  if (needed <= transfer.Body->GetSize())
  {
    return true;
  }
  curl_off_t announced = -1;
  curl_easy_getinfo(transfer.Handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
  std::uint64_t room = std::max<std::uint64_t>(needed, transfer.Body->GetSize() * 3 / 2);
  if (announced > 0 && static_cast<std::uint64_t>(announced) >= needed)
  {
    room = static_cast<std::uint64_t>(announced);
  }
  room = std::min(std::max<std::uint64_t>(room, 1 << 16), transfer.MaximumBytes);
  return transfer.Body->Resize(room, transfer.MemoryError);
}

std::size_t OnData(char* data, std::size_t size, std::size_t count, void* user)
{
  auto* transfer = static_cast<Transfer*>(user);
  const std::uint64_t bytes = static_cast<std::uint64_t>(size) * count;
  if (transfer->Received + bytes > transfer->MaximumBytes)
  {
    transfer->TooLarge = true;
    return 0; // makes libcurl stop with CURLE_WRITE_ERROR
  }
  if (!MakeRoom(*transfer, transfer->Received + bytes))
  {
    return 0;
  }
  std::copy(data, data + bytes, transfer->Body->GetData() + transfer->Received);
  transfer->Received += bytes;
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

std::string ArchiveDownloader::GetScheme(const std::string& name)
{
  const auto colon = name.find("://");
  if (colon == std::string::npos || colon == 0 ||
    !std::isalpha(static_cast<unsigned char>(name[0])))
  {
    return std::string();
  }
  std::string scheme = name.substr(0, colon);
  for (char& c : scheme)
  {
    const unsigned char u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '+' && c != '-' && c != '.')
    {
      return std::string();
    }
    c = static_cast<char>(std::tolower(u));
  }
  return scheme;
}

bool ArchiveDownloader::IsUrl(const std::string& name)
{
  const std::string scheme = GetScheme(name);
  return scheme == "http" || scheme == "https";
}

std::string ArchiveDownloader::Redact(const std::string& url)
{
  if (GetScheme(url).empty())
  {
    return url;
  }
  const auto authority = url.find("://") + 3;
  const auto end = url.find_first_of("/?#", authority);
  const auto at = url.rfind('@', end == std::string::npos ? url.size() : end);
  if (at == std::string::npos || at < authority)
  {
    return url;
  }
  return url.substr(0, authority) + "***" + url.substr(at);
}

std::shared_ptr<const MemberBuffer> ArchiveDownloader::Download(const std::string& url,
  const Limits& limits, const std::function<bool(double)>& progress, std::string& error)
{
  static std::once_flag initialized;
  std::call_once(initialized, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl)
  {
    error = "libcurl could not be initialised";
    return nullptr;
  }
  auto body = std::make_shared<MemberBuffer>();
  CURL* handle = curl.get();
  Transfer transfer{ handle, body.get(), 0, limits.MaximumBytes, false, {}, &progress };
  char curlError[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(handle, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  // An error status ends the transfer before its body (which may never end) is read.
  curl_easy_setopt(handle, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(
    handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.ConnectTimeout * 1000));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(limits.TotalTimeout * 1000));
  curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(
    handle, CURLOPT_LOW_SPEED_TIME, std::max(1L, static_cast<long>(limits.StallTimeout)));
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
  const std::uint64_t received = transfer.Received;

  std::ostringstream why;
  if (transfer.TooLarge || code == CURLE_FILESIZE_EXCEEDED)
  {
    why << "the download is larger than MaximumDownloadMegabytes ("
        << static_cast<double>(limits.MaximumBytes) / (1024.0 * 1024.0)
        << " MiB); raise it to read this archive";
  }
  else if (!transfer.MemoryError.empty())
  {
    why << "the download needs more memory than is free (" << transfer.MemoryError << ")";
  }
  else if (transfer.Aborted || code == CURLE_ABORTED_BY_CALLBACK)
  {
    why << "the download was aborted";
  }
  else if (code == CURLE_HTTP_RETURNED_ERROR || status >= 400)
  {
    why << "the server answered HTTP " << status;
  }
  else if (code == CURLE_OPERATION_TIMEDOUT &&
    std::string(curlError).find("too slow") != std::string::npos)
  {
    why << "the server sent nothing for " << limits.StallTimeout << " s (StallTimeout) after "
        << Bytes(received);
  }
  else if (code == CURLE_OPERATION_TIMEDOUT)
  {
    why << "the download timed out (ConnectTimeout " << limits.ConnectTimeout
        << " s, DownloadTimeout " << limits.TotalTimeout << " s) after receiving "
        << Bytes(received);
  }
  else if (code == CURLE_PARTIAL_FILE)
  {
    why << "the server cut the download short: " << Bytes(received) << " received of "
        << Bytes(static_cast<std::uint64_t>(expected));
  }
  else if (code != CURLE_OK)
  {
    why << (curlError[0] ? curlError : curl_easy_strerror(code));
  }
  else if (expected >= 0 && received != static_cast<std::uint64_t>(expected))
  {
    why << "the server cut the download short: " << Bytes(received) << " received of "
        << Bytes(static_cast<std::uint64_t>(expected));
  }
  std::string memoryError;
  if (why.str().empty() && !body->Resize(received, memoryError))
  {
    why << memoryError;
  }
  if (!why.str().empty())
  {
    error = why.str();
    return nullptr;
  }
  return body;
}

std::shared_ptr<const MemberBuffer> ArchiveDownloader::DownloadOnce(const std::string& url,
  const Limits& limits, const std::function<bool(double)>& progress,
  vtkMultiProcessController* controller, std::string& error)
{
  if (!controller || controller->GetNumberOfProcesses() < 2)
  {
    return Download(url, limits, progress, error);
  }
  const bool root = controller->GetLocalProcessId() == 0;
  std::shared_ptr<const MemberBuffer> body;
  if (root)
  {
    body = Download(url, limits, progress, error);
  }
  // What process 0 got: the body's size, or -1 and its error.
  long long size = body ? static_cast<long long>(body->GetSize()) : -1;
  controller->Broadcast(&size, 1, 0);
  if (size < 0)
  {
    long long length = static_cast<long long>(error.size());
    controller->Broadcast(&length, 1, 0);
    std::vector<char> text(error.begin(), error.end());
    text.resize(static_cast<std::size_t>(length));
    controller->Broadcast(text.data(), length, 0);
    error.assign(text.begin(), text.end());
    return nullptr;
  }
  std::shared_ptr<MemberBuffer> received;
  std::string memoryError;
  if (!root)
  {
    received = std::make_shared<MemberBuffer>();
    if (!received->Allocate(static_cast<std::uint64_t>(size), memoryError))
    {
      received.reset();
    }
  }
  // In pieces: MPI counts in int. A process that could not allocate still takes part, into a
  // scratch piece, so that the collective call completes everywhere.
  constexpr long long Piece = 64ll << 20;
  std::vector<char> scratch;
  for (long long done = 0; done < size; done += Piece)
  {
    const long long count = std::min(Piece, size - done);
    char* target;
    if (root)
    {
      target = reinterpret_cast<char*>(const_cast<std::uint8_t*>(body->GetData())) + done;
    }
    else if (received)
    {
      target = reinterpret_cast<char*>(received->GetData()) + done;
    }
    else
    {
      scratch.resize(static_cast<std::size_t>(count));
      target = scratch.data();
    }
    controller->Broadcast(target, count, 0);
  }
  if (root)
  {
    return body;
  }
  if (!received)
  {
    error = "the download (" + Bytes(static_cast<std::uint64_t>(size)) +
      ") does not fit in this process's memory: " + memoryError;
  }
  return received;
}
} // namespace paravoxel
