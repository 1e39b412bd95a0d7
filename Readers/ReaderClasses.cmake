# The classes of the reader module, by concern (one folder each), in one place: the module
# (Readers/CMakeLists.txt) and the fuzz targets (Testing/Fuzz/CMakeLists.txt), which compile the
# reader's sources themselves, both read this list.
#   Archive  zip archives, gzip members, buffers and downloads: members stored, streamed, verified
#   Header   Analyze 7.5 / NIfTI-1 / NIfTI-2 header fields and voxel conversion
#   Labels   atlas label sidecars: names and colours
#   Series   volumes and time steps: which member holds which volume, reading one step
#   Space    world space: orientation, voxel-to-world affines, SPM .mat files
set(paravoxel_reader_folders
  Archive
  Header
  Labels
  Series
  Space)
set(paravoxel_reader_classes
  vtkAnalyzeZipReader)
set(paravoxel_reader_private_classes
  vtkAnalyzeZipReaderInternals
  Archive/AnalyzeArchive
  Archive/ArchiveDownloader
  Archive/ChecksummedMemberStream
  Archive/DiskMemberStore
  Archive/GzipMemberStream
  Archive/MemberBuffer
  Archive/MemberRangeReader
  Archive/MemberStore
  Archive/MemberStream
  Archive/VerifiedInflater
  Archive/ZipMemberStore
  Header/AnalyzeDataTypes
  Header/AnalyzeHeader
  Header/AnalyzeHeaderFields
  Header/AnalyzeVoxelConverter
  Header/Nifti2HeaderFields
  Labels/LabelNameEncoding
  Labels/LabelSidecars
  Labels/LabelTable
  Series/AnalyzeStepReader
  Series/AnalyzeTimeSteps
  Series/AnalyzeVolumeIndex
  Space/AnalyzeOrientation
  Space/SpmMatFile
  Space/VolumeAffines)
