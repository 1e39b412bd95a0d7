# The classes of the filters module, one folder per filter, in one place: the module
# (Filters/CMakeLists.txt) and the fuzz targets (Testing/Fuzz/CMakeLists.txt), which compile the
# filters' sources themselves, both read this list.
set(paravoxel_filter_folders
  ExplodedVoxels
  IntensityTransform)
set(paravoxel_filter_classes
  ExplodedVoxels/vtkExplodedVoxelsFilter
  IntensityTransform/vtkIntensityTransformFilter)
set(paravoxel_filter_private_classes
  ExplodedVoxels/ExplodedVoxelsCut
  ExplodedVoxels/ExplodedVoxelsFaces
  ExplodedVoxels/ExplodedVoxelsGrid
  ExplodedVoxels/ExplodedVoxelsLabelKeys
  ExplodedVoxels/ExplodedVoxelsMesher
  ExplodedVoxels/ExplodedVoxelsRegions
  ExplodedVoxels/ExplodedVoxelsRowLoop
  ExplodedVoxels/ExplodedVoxelsSeparateBoxes
  ExplodedVoxels/ExplodedVoxelsSharedCorners
  IntensityTransform/IntensityTransformBlock
  IntensityTransform/IntensityTransformCurve
  IntensityTransform/IntensityTransformFixedPointSum
  IntensityTransform/IntensityTransformRadixSelection
  IntensityTransform/IntensityTransformStatistics)
