/**
 * @class   vtkZipMemberStore
 * @brief   Members of a zip archive, opened with libzip from a file or from a memory buffer.
 *
 * Members are inflated by libzip as they are read; nothing is extracted to disk. Archives are
 * opened with libzip's consistency checks, so truncated or inconsistent archives are refused
 * up front, and libzip verifies each member's CRC when it is read to the end.
 */
#ifndef vtkZipMemberStore_h
#define vtkZipMemberStore_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)
#include "vtkAnalyzeMemberStore.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct zip;

class PARAVOXELREADERS_EXPORT vtkZipMemberStore : public vtkAnalyzeMemberStore
{
public:
  /** Open an archive on disk. Returns null with `error` set when it is not a usable zip. */
  static std::unique_ptr<vtkZipMemberStore> OpenFile(const std::string& path, std::string& error);

  /** Open an archive held in memory; the store keeps `bytes` alive. */
  static std::unique_ptr<vtkZipMemberStore> OpenBuffer(
    std::shared_ptr<const std::vector<std::uint8_t>> bytes, std::string& error);

  ~vtkZipMemberStore() override;

  const std::vector<std::string>& GetMemberNames() const override { return this->Names; }
  bool GetMemberSize(const std::string& name, std::uint64_t& size, std::string& error) override;
  std::unique_ptr<vtkAnalyzeMemberStream> OpenMember(
    const std::string& name, std::string& error) override;

private:
  vtkZipMemberStore() = default;
  bool Index(std::string& error);

  zip* Archive = nullptr;
  std::shared_ptr<const std::vector<std::uint8_t>> Buffer;
  std::vector<std::string> Names;
  std::map<std::string, std::uint64_t> IndexOfName;
};

#endif
