/**
 * @class   vtkAnalyzeMemberStore
 * @brief   Where the reader finds its members: a zip archive (file or memory) or a folder.
 */
#ifndef vtkAnalyzeMemberStore_h
#define vtkAnalyzeMemberStore_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)
#include "vtkAnalyzeMemberStream.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

class PARAVOXELREADERS_EXPORT vtkAnalyzeMemberStore
{
public:
  virtual ~vtkAnalyzeMemberStore() = default;

  /** Member names in archive (or sorted folder) order, with '/' separating folders. */
  virtual const std::vector<std::string>& GetMemberNames() const = 0;

  /** True when `name` is a member. */
  bool HasMember(const std::string& name) const;

  /**
   * The member's size after decompression, as the archive directory or the file system
   * records it, so that sizes can be checked before anything is inflated or allocated.
   */
  virtual bool GetMemberSize(const std::string& name, std::uint64_t& size, std::string& error) = 0;

  /** A stream over the member's (decompressed) bytes, or null with `error` set. */
  virtual std::unique_ptr<vtkAnalyzeMemberStream> OpenMember(
    const std::string& name, std::string& error) = 0;
};

#endif
