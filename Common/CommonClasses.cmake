# The classes of the common module, in one place: the module (Common/CMakeLists.txt) and the fuzz
# targets (Testing/Fuzz/CMakeLists.txt), which compile its sources themselves, both read this
# list. The private classes are used by the reader and the filters (their headers are in this
# folder, on the module's include path) but are no VTK classes to wrap for Python.
set(paravoxel_common_classes
  vtkParaVoxelArrayRanges
  vtkParaVoxelLabels
  vtkParaVoxelThreading)
set(paravoxel_common_private_classes
  DefaultScalars
  HugePageMemory
  ImagePieces
  SettingChecks)
