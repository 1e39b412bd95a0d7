# The classes of the reader module, in one place: the module (Readers/CMakeLists.txt) and the
# fuzz targets (Testing/Fuzz/CMakeLists.txt), which compile the reader's sources themselves,
# both read this list.
set(paravoxel_reader_classes
  vtkAnalyzeZipReader)
set(paravoxel_reader_private_classes
  AnalyzeArchive
  AnalyzeHeader
  AnalyzeHeaderFields
  AnalyzeOrientation
  AnalyzeMemberStore
  AnalyzeMemberStream
  AnalyzeStepReader
  AnalyzeTimeSteps
  AnalyzeVolumeIndex
  AnalyzeVoxelConverter
  ArchiveDownloader
  ChecksummedMemberStream
  DiskMemberStore
  GzipMemberStream
  LabelNameEncoding
  LabelSidecars
  LabelTable
  MemberBuffer
  MemberRangeReader
  Nifti2HeaderFields
  SpmMatFile
  VerifiedInflater
  VolumeAffines
  ZipMemberStore)
