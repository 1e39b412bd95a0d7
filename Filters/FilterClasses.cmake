# The classes of the filters module, in one place: the module (Filters/CMakeLists.txt) and the
# fuzz targets (Testing/Fuzz/CMakeLists.txt), which compile the filters' sources themselves,
# both read this list.
set(paravoxel_filter_classes
  vtkExplodedVoxelsFilter
  vtkIntensityTransformFilter
  vtkParaVoxelArrayRanges
  vtkParaVoxelLabels
  vtkParaVoxelThreading)
set(paravoxel_filter_private_classes
  DefaultScalars
  ExplodedVoxelsCut
  ExplodedVoxelsFaces
  ExplodedVoxelsGrid
  ExplodedVoxelsLabelKeys
  ExplodedVoxelsMesher
  ExplodedVoxelsRegions
  ExplodedVoxelsRowLoop
  ExplodedVoxelsSeparateBoxes
  ExplodedVoxelsSharedCorners
  HugePageMemory
  ImagePieces
  SettingChecks
  IntensityTransformBlock
  IntensityTransformCurve
  IntensityTransformFixedPointSum
  IntensityTransformRadixSelection
  IntensityTransformStatistics)
