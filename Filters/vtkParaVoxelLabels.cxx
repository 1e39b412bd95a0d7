#include "vtkParaVoxelLabels.h"

#include "vtkInformationStringVectorKey.h"
#include "vtkObjectFactory.h"

vtkStandardNewMacro(vtkParaVoxelLabels);
vtkInformationKeyMacro(vtkParaVoxelLabels, LABEL_NAMES, StringVector);
