"""Pieces as the reader makes them (MPI ranks ask for them the same way, one process is enough to
check): for 2 to 4 pieces and 0 to 2 ghost levels, each piece has the extent VTK's extent
translator gives, the values of the whole read, and ghost marks (and their cached ranges) equal to
what VTK's own vtkDataSet::GenerateGhostArray makes, on a 3D volume and on a flat (one-slice)
one."""
import os
import tempfile

import nibabel as nib
import numpy as np
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkCommonDataModel import vtkDataObject, vtkImageData
from vtkmodules.vtkCommonExecutionModel import vtkExtentTranslator

import paravoxel
from paravoxel.images import image_to_numpy
from paravoxel_testing import data_path, fail

GHOSTS = "vtkGhostType"
# A flat volume (one slice), whose cells are one layer thick.
flat = os.path.join(tempfile.mkdtemp(), "flat.nii")
nib.Nifti1Image(np.arange(40 * 30, dtype=np.int16).reshape(40, 30, 1), np.eye(4)).to_filename(flat)
checked = 0
for archive, volume in (("nifti_types.zip", "nifti/compressed.nii.gz"), (flat, None),
                        ("world.zip", "world/oblique20.nii.gz")):  # world space: flips
    whole_reader = paravoxel.vtkAnalyzeZipReader()
    whole_reader.SetFileName(data_path(archive))
    if volume:
        whole_reader.SetVolume(volume)
    whole_reader.Update()
    whole = image_to_numpy(whole_reader.GetOutput())
    whole_extent = whole_reader.GetOutput().GetExtent()
    for pieces in (2, 3, 4):
        for piece in range(pieces):
            for ghosts in (0, 1, 2):
                reader = paravoxel.vtkAnalyzeZipReader()
                reader.SetFileName(data_path(archive))
                if volume:
                    reader.SetVolume(volume)
                reader.UpdatePiece(piece, pieces, ghosts)
                image = reader.GetOutput()
                label = "%s piece %d/%d, %d ghost levels" % (archive, piece, pieces, ghosts)
                translator = vtkExtentTranslator()
                expected, zero = [0] * 6, [0] * 6
                translator.PieceToExtentThreadSafe(piece, pieces, ghosts, whole_extent, expected, 3, 0)
                translator.PieceToExtentThreadSafe(piece, pieces, 0, whole_extent, zero, 3, 0)
                if list(image.GetExtent()) != expected:
                    fail("%s: extent %s, the translator gives %s" % (label, image.GetExtent(), expected))
                e = expected
                if not np.array_equal(image_to_numpy(image, "Intensity"),
                                      whole[e[0]:e[1] + 1, e[2]:e[3] + 1, e[4]:e[5] + 1]):
                    fail("%s: values differ from the whole read" % label)
                # VTK's own ghost marks for the same piece.
                reference = vtkImageData()
                reference.SetExtent(image.GetExtent())
                reference.GenerateGhostArray(zero)
                for kind in ("GetPointData", "GetCellData"):
                    mine = getattr(image, kind)().GetArray(GHOSTS)
                    theirs = getattr(reference, kind)().GetArray(GHOSTS)
                    if (mine is None) != (theirs is None):
                        fail("%s: %s ghost array %s, VTK %s" % (label, kind, mine is not None, theirs is not None))
                    if mine is not None and not np.array_equal(vtk_to_numpy(mine), vtk_to_numpy(theirs)):
                        fail("%s: %s ghost marks differ from vtkDataSet::GenerateGhostArray" % (label, kind))
                    # The ranges ParaView reads are cached without a pass: they must be VTK's.
                    if mine is not None and (mine.GetRange(), mine.GetFiniteRange()) != \
                            (theirs.GetRange(), theirs.GetFiniteRange()):
                        fail("%s: %s ghost ranges cached %s, VTK computes %s"
                             % (label, kind, mine.GetRange(), theirs.GetRange()))
                if ghosts and image.GetInformation().Get(vtkDataObject.DATA_NUMBER_OF_GHOST_LEVELS()) != ghosts:
                    fail("%s: DATA_NUMBER_OF_GHOST_LEVELS not set" % label)
                checked += 1
print("%d pieces: extents, values and ghost marks as VTK makes them" % checked)
