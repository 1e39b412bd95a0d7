/**
 * @class   vtkAnalyzeZipReader
 * @brief   Reads Analyze 7.5 / SPM / NIfTI-1 volumes straight out of zip archives, in memory.
 *
 * FileName is a .zip archive, or a plain .hdr/.img/.nii file (or .gz form) on disk. Archive
 * members are inflated into memory with libzip; nothing is ever extracted or written to disk.
 * AvailableVolumes lists the readable volumes of the archive (a .hdr with its .img, or a .nii);
 * Volume selects one (default: the first). The output is image data whose point data array
 * `Intensity` holds the voxels: the stored type, or float32 when the header scales values
 * (SPM scale factor, NIfTI scl_slope/scl_inter); RGB24 gives 3 uint8 components. Voxel (i,j,k)
 * equals nibabel's `dataobj[i, j, k]`. Spacing is |pixdim[1..3]|, the origin is the translation
 * of nibabel's voxel-to-world affine, and the full affine is the field data array
 * `VoxelToWorld` (16 values, row-major).
 *
 * Bad input never crashes: every problem ends in an error naming the file, the member and what
 * is wrong, and an empty output. Sizes declared by a header are checked against the member's
 * real size, and against MaximumVoxels, before anything is allocated or inflated.
 */
#ifndef vtkAnalyzeZipReader_h
#define vtkAnalyzeZipReader_h

#include "ParaVoxelReadersModule.h" // for export macro
#include "vtkImageAlgorithm.h"

#include <memory>

class vtkStringArray;

class PARAVOXELREADERS_EXPORT vtkAnalyzeZipReader : public vtkImageAlgorithm
{
public:
  static vtkAnalyzeZipReader* New();
  vtkTypeMacro(vtkAnalyzeZipReader, vtkImageAlgorithm);
  void PrintSelf(ostream& os, vtkIndent indent) override;

  ///@{
  /** The archive (.zip) or plain .hdr/.img/.nii(.gz) file to read. */
  vtkSetStringMacro(FileName);
  vtkGetStringMacro(FileName);
  ///@}

  ///@{
  /**
   * The member to read: the path of its .hdr, .img or .nii inside the archive (for a plain file,
   * a file name in the same folder). Empty (default) reads the first readable volume, or for a
   * plain file the file itself.
   */
  vtkSetStringMacro(Volume);
  vtkGetStringMacro(Volume);
  ///@}

  /**
   * The readable volumes of the archive (header members), in archive order. Filled by
   * UpdateInformation().
   */
  vtkStringArray* GetAvailableVolumes();

  ///@{
  /**
   * Largest number of voxels (i x j x k x volumes) a header may declare; larger declarations are
   * refused before any memory is allocated. Default 2^31 - 1.
   */
  vtkSetClampMacro(MaximumVoxels, vtkTypeInt64, 1, VTK_TYPE_INT64_MAX);
  vtkGetMacro(MaximumVoxels, vtkTypeInt64);
  ///@}

  /** The volume actually read by the last update (empty when it failed). */
  const char* GetCurrentVolume();

protected:
  vtkAnalyzeZipReader();
  ~vtkAnalyzeZipReader() override;

  int RequestInformation(vtkInformation*, vtkInformationVector**, vtkInformationVector*) override;
  int RequestData(vtkInformation*, vtkInformationVector**, vtkInformationVector*) override;

  char* FileName = nullptr;
  char* Volume = nullptr;
  vtkTypeInt64 MaximumVoxels = VTK_INT_MAX;

private:
  vtkAnalyzeZipReader(const vtkAnalyzeZipReader&) = delete;
  void operator=(const vtkAnalyzeZipReader&) = delete;

  struct Internals;
  std::unique_ptr<Internals> Internal;
};

#endif
