/**
 * @class   vtkDiskMemberStore
 * @brief   The files of one folder on disk, seen as members, so that plain .hdr/.img/.nii
 *          files are read by the same code as archive members.
 */
#ifndef vtkDiskMemberStore_h
#define vtkDiskMemberStore_h

#include "ParaVoxelReadersModule.h" // for export macro (unit tests and fuzzers use this class)
#include "vtkAnalyzeMemberStore.h"

#include <memory>
#include <string>
#include <vector>

class PARAVOXELREADERS_EXPORT vtkDiskMemberStore : public vtkAnalyzeMemberStore
{
public:
  /** The folder holding `path`; members are its regular files, by name, sorted. */
  static std::unique_ptr<vtkDiskMemberStore> OpenFolderOf(
    const std::string& path, std::string& error);

  bool GetMemberSize(const std::string& name, std::uint64_t& size, std::string& error) override;
  /** Plain files carry no checksum: their bytes are read as they are (gzip ones are checked
   * by their own trailers). */
  bool ReadMember(const std::string& name, std::uint64_t maximumSize, vtkMemberBuffer& out,
    std::string& error) override;
  std::unique_ptr<vtkAnalyzeMemberStream> OpenMember(
    const std::string& name, std::string& error) override;

private:
  vtkDiskMemberStore() = default;
  std::string Folder;
};

#endif
