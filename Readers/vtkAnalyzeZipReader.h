/**
 * @class   vtkAnalyzeZipReader
 * @brief   Reads Analyze 7.5 / SPM / NIfTI-1 / NIfTI-2 volumes straight out of zip archives, in
 *          memory.
 *
 * The archive comes from FileName (a .zip on disk, or an http(s) URL downloaded into memory),
 * or from a memory buffer (SetArchiveBuffer). FileName may also be a plain .hdr/.img/.nii file
 * (or .gz form). Members are inflated in memory with libzip; nothing is ever extracted or written
 * to disk. AvailableVolumes lists the readable volumes of the archive (a .hdr with its .img, or a
 * .nii); Volume selects one (default: the first).
 *
 * The output is image data whose point data array `Intensity` holds the voxels: the stored type,
 * or when the header scales values (SPM scale factor, NIfTI scl_slope/scl_inter) float32
 * (float64 for float64 data or where float32 would overflow, as nibabel); RGB24
 * gives 3 uint8 components.
 *
 * World space (WorldSpace, on by default): the output grid maps index to world (mm) exactly as
 * the volume's voxel-to-world affine does, nibabel's affine: the NIfTI sform, else the qform,
 * else (Analyze, SPM, NIfTI with neither) nibabel's default with x flipped, replaced by an SPM
 * `.mat` sidecar when there is one. The stored axes are reordered as nibabel's
 * `as_closest_canonical` reorders them (paravoxel::AnalyzeOrientation): output axes run toward
 * R, A and S, so for an affine without rotation the direction matrix is the identity; a
 * residual oblique rotation is the output's direction matrix. Spacing is the length of the
 * reordered affine's columns, the origin its translation, and `VoxelToWorld` (field data, 16
 * values, row-major) maps output index to world. An affine that cannot place voxels (a value not
 * finite, a zero scale, singular) gives a warning and voxel order. With WorldSpace off the output
 * is the stored voxel order: voxel (i,j,k) equals nibabel's `dataobj[i, j, k]`, spacing is
 * |pixdim[1..3]|, the origin the affine's translation and `VoxelToWorld` the affine itself. A
 * time series has the geometry of the selected volume in every step.
 *
 * With TimeSeries on, the selected volume and every other volume of its archive folder with the
 * same dimensions and datatype become time steps in natural order (or, for a 4D file, each 3D
 * volume), at index x TR seconds (TR = pixdim[4] when positive, else 1). Each step inflates only
 * its own member; the last few steps read are cached.
 *
 * The reader produces sub-extents: under MPI each rank converts only its own slab of the output
 * grid, from the box of stored voxels it maps to (flipped or permuted).
 *
 * Nothing is read unverified: every member whose bytes reach the output (the image, the header
 * of a pair, the .mat and label sidecars) is read whole and checked against the zip directory's
 * CRC-32, and a gzip member against the CRC-32 and size in each of its trailers, before any value
 * is handed out; a mismatch is an error that names both checksums. Under MPI every rank verifies
 * the whole member and keeps its own slab. The index of an archive is made once and kept while
 * the archive (its path, size and modification time, or the buffer) is unchanged.
 *
 * Label atlases: when the volume has label sidecars beside it (same folder of the archive, or
 * on disk for a plain file), the output carries their region names and colours as the field
 * data arrays `LabelNames` (vtkStringArray, value k = name of label k, "" where none) and
 * `LabelColors` (vtkUnsignedCharArray, 3 components, tuple k = colour of label k), and
 * RequestInformation puts the names on the output port's information under
 * vtkParaVoxelLabels::LABEL_NAMES() (see vtkParaVoxelLabels for the exact semantics).
 * Sidecars of `dir/aal.nii.gz`: `dir/aal.nii.txt` / `dir/aal.nii.lut` (the name without `.gz`),
 * else `dir/aal.txt` / `dir/aal.lut`; names match in any case. The `.txt` may be mricron's
 * (`index name [code]`), a FreeSurfer colour table (`index name R G B A`) or a TSV
 * (`index<TAB>name[<TAB>#rrggbb]`), detected per file; the `.lut` is mricron's 768-byte table
 * (256 reds, greens, blues). Names without colours give `LabelNames` alone, a `.lut` without
 * names `LabelColors` alone (256 labels); with names, the arrays cover the labels up to the
 * largest named or coloured one, and colours given in the text win over the `.lut`'s. A sidecar
 * that cannot be used (see paravoxel::LabelTable) gives a warning naming it and its line, never
 * a failed read. GetNumberOfNamedRegions() counts the named labels (so does the one-value field
 * data array `NamedRegions`, for ParaView's Information panel).
 *
 * Bad input never crashes: every problem ends in an error naming the archive, the member and
 * what is wrong, an empty output, and GetErrorCode() saying what kind of problem it is
 * (vtkErrorCode; NoError after a good read). Sizes declared by a header are checked against the
 * member's real size, and against MaximumVoxels, before anything is allocated or inflated;
 * allocations that fail are errors naming the size.
 */
#ifndef vtkAnalyzeZipReader_h
#define vtkAnalyzeZipReader_h

#include "ParaVoxelReadersModule.h" // for export macro
#include "vtkImageAlgorithm.h"

#include <memory>
#include <string>

class vtkDoubleArray;
class vtkStringArray;

class PARAVOXELREADERS_EXPORT vtkAnalyzeZipReader : public vtkImageAlgorithm
{
public:
  static vtkAnalyzeZipReader* New();
  vtkTypeMacro(vtkAnalyzeZipReader, vtkImageAlgorithm);
  void PrintSelf(ostream& os, vtkIndent indent) override;

  ///@{
  /**
   * The archive (.zip), an http:// or https:// URL of one (downloaded into memory once per URL),
   * or a plain .hdr/.img/.nii(.gz) file. Ignored while an archive buffer is set.
   */
  vtkSetStringMacro(FileName);
  vtkGetStringMacro(FileName);
  ///@}

  /**
   * Read the archive from memory: `size` bytes at `data` are copied, so the caller's buffer can
   * go away. From Python: `reader.SetArchiveBuffer(data, len(data))` with any bytes object (e.g.
   * `requests.get(url).content`). A null `data` or a zero `size` clears the buffer, and FileName is
   * read again.
   */
  void SetArchiveBuffer(const char* data, vtkIdType size);

  ///@{
  /**
   * The member to read: the path of its .hdr, .img or .nii inside the archive (for a plain file,
   * a file name in the same folder). Empty (default) reads the first readable volume, or for a
   * plain file the file itself. When the archive changes after Volume was set (a new FileName
   * or buffer) and the new one has no such member, its first readable volume is read, with a
   * warning, instead of an error.
   */
  virtual void SetVolume(const char* volume);
  vtkGetStringMacro(Volume);
  ///@}

  /**
   * The readable volumes of the archive (header members), in archive order. Filled by
   * UpdateInformation().
   */
  vtkStringArray* GetAvailableVolumes();

  ///@{
  /**
   * Make a time series: the selected volume plus its siblings (same folder, dimensions and
   * datatype), or the volumes of a 4D file, as time steps. Default off.
   */
  vtkSetMacro(TimeSeries, bool);
  vtkGetMacro(TimeSeries, bool);
  vtkBooleanMacro(TimeSeries, bool);
  ///@}

  ///@{
  /**
   * Largest number of voxels (i x j x k x volumes) a header may declare; larger declarations are
   * refused before any memory is allocated. Default 2^31 - 1. At least 1 (a smaller value is an
   * error when the reader runs, as for every limit below outside its range).
   */
  vtkSetMacro(MaximumVoxels, vtkTypeInt64);
  vtkGetMacro(MaximumVoxels, vtkTypeInt64);
  ///@}

  ///@{
  /**
   * Largest image member, in MiB, a header may declare (all its volumes; default 16384, i.e.
   * 16 GiB); larger ones are refused before anything is inflated or allocated. In
   * [0.001, 1e9].
   */
  vtkSetMacro(MaximumMemberMegabytes, double);
  vtkGetMacro(MaximumMemberMegabytes, double);
  ///@}

  ///@{
  /**
   * Most time steps a series may have (default 100000); a header or folder declaring more is
   * refused before the steps are made. At least 1.
   */
  vtkSetMacro(MaximumTimeSteps, vtkTypeInt64);
  vtkGetMacro(MaximumTimeSteps, vtkTypeInt64);
  ///@}

  ///@{
  /** Downloads larger than this many MiB are refused (default 4096, i.e. 4 GiB); in [0.001, 1e9].
   */
  vtkSetMacro(MaximumDownloadMegabytes, double);
  vtkGetMacro(MaximumDownloadMegabytes, double);
  ///@}

  ///@{
  /** Seconds allowed to connect to a URL's server (default 30; in [0.1, 86400]), without
   * receiving a byte (StallTimeout, default 30; in [1, 86400]) and for the whole download
   * (default 600; in [0.1, 604800]). */
  vtkSetMacro(ConnectTimeout, double);
  vtkGetMacro(ConnectTimeout, double);
  vtkSetMacro(StallTimeout, double);
  vtkGetMacro(StallTimeout, double);
  vtkSetMacro(DownloadTimeout, double);
  vtkGetMacro(DownloadTimeout, double);
  ///@}

  /**
   * The number of regions the label sidecars of the selected volume name (0 without sidecars).
   * Filled by UpdateInformation().
   */
  vtkGetMacro(NumberOfNamedRegions, int);

  ///@{
  /**
   * The regions of a label volume as a categorical colour map takes them (lookup table
   * `Annotations` and `IndexedColors`, see vtkParaVoxelLabels::GetAnnotations): (label, name)
   * pairs, and R, G, B in [0, 1] per pair; empty when the volume has no label sidecars. Filled by
   * UpdateInformation(); the ParaView GUI colours displays by them.
   */
  vtkStringArray* GetLabelAnnotations();
  vtkDoubleArray* GetLabelIndexedColors();
  ///@}

  /** The volume actually read by the last update (empty when it failed). */
  const char* GetCurrentVolume();

  ///@{
  /**
   * World space (default on): the output grid maps index to world (mm) as the volume's affine
   * does, with the stored axes reordered toward R, A, S (see the class documentation). Off: the
   * stored voxel order, spacing |pixdim| and origin the affine's translation.
   */
  vtkSetMacro(WorldSpace, bool);
  vtkGetMacro(WorldSpace, bool);
  vtkBooleanMacro(WorldSpace, bool);
  ///@}

  /**
   * Where the stored axes of the selected volume point, as nibabel's aff2axcodes says it ("RAS",
   * "LAS", ...; empty when its affine cannot place voxels), and how the output is ordered
   * ("world (RAS)" or "voxel order"). Filled by UpdateInformation().
   */
  const char* GetFileOrientation();
  const char* GetOutputOrder();

protected:
  vtkAnalyzeZipReader();
  ~vtkAnalyzeZipReader() override;

  int RequestInformation(vtkInformation*, vtkInformationVector**, vtkInformationVector*) override;
  int RequestData(vtkInformation*, vtkInformationVector**, vtkInformationVector*) override;

  char* FileName = nullptr;
  char* Volume = nullptr;
  bool TimeSeries = false;
  bool WorldSpace = true;
  vtkTypeInt64 MaximumVoxels = VTK_INT_MAX;
  vtkTypeInt64 MaximumTimeSteps = 100000;
  double MaximumMemberMegabytes = 16384;
  double MaximumDownloadMegabytes = 4096;
  double ConnectTimeout = 30;
  double StallTimeout = 30;
  double DownloadTimeout = 600;
  int NumberOfNamedRegions = 0;

private:
  vtkAnalyzeZipReader(const vtkAnalyzeZipReader&) = delete;
  void operator=(const vtkAnalyzeZipReader&) = delete;

  /** Report `message` as an error and keep `code` (vtkErrorCode) for GetErrorCode(). */
  void ReportError(unsigned long code, const std::string& message);

  struct Internals;
  std::unique_ptr<Internals> Internal;
};

#endif
