/**
 * @class   DiskMemberStore
 * @brief   The files of one folder on disk, seen as members, so that plain .hdr/.img/.nii
 *          files are read by the same code as archive members. Plain files carry no checksum:
 *          ReadMember() reads their bytes as they are.
 */
#ifndef paravoxel_DiskMemberStore_h
#define paravoxel_DiskMemberStore_h

#include "MemberStore.h"
#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)

#include <memory>
#include <string>
#include <vector>

namespace paravoxel
{
class PARAVOXELREADERS_EXPORT DiskMemberStore : public MemberStore
{
public:
  /** The folder holding `path`; members are its regular files, by name, sorted. */
  static std::unique_ptr<DiskMemberStore> OpenFolderOf(const std::string& path, std::string& error);

  bool GetMemberSize(const std::string& name, std::uint64_t& size, std::string& error) override;
  std::unique_ptr<MemberStream> OpenMember(const std::string& name, std::string& error) override;

private:
  DiskMemberStore() = default;
  std::string Folder;
};

} // namespace paravoxel

#endif
