"""Under mpiexec (pvbatch --symmetric), color_by_labels(only_present=True) keeps the labels the
whole volume holds, not those of rank 0's piece: each rank reads a slab of AAL, at least one
rank's slab lacks some regions, and every rank's lookup table annotates exactly the regions of
numpy.unique over the whole volume, with the .lut's colours."""
import os
import shutil
import tempfile
import zipfile

import nibabel as nib
import numpy as np
from paraview import simple
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkIntArray

from paravoxel.labels import color_by_labels
from paravoxel.parallel import mpi_ranks
from paravoxel_testing import fail, load_plugin, parse_mricron_labels, parse_mricron_lut

TEMPLATES = "/usr/share/mricron/templates"

load_plugin()
controller, rank, ranks = mpi_ranks(minimum=2)
work = tempfile.mkdtemp(prefix="paravoxel_label_mpi_%d_" % rank)
try:
    archive = os.path.join(work, "aal.zip")
    with zipfile.ZipFile(archive, "w") as zf:
        for name in ("aal.nii.gz", "aal.nii.txt", "aal.nii.lut"):
            zf.write(os.path.join(TEMPLATES, name), name)
    with open(os.path.join(TEMPLATES, "aal.nii.txt"), "rb") as f:
        names = parse_mricron_labels(f.read())
    with open(os.path.join(TEMPLATES, "aal.nii.lut"), "rb") as f:
        colors = parse_mricron_lut(f.read()) / 255.0
    volume = np.asarray(nib.load(os.path.join(TEMPLATES, "aal.nii.gz")).dataobj)
    whole = set(np.unique(volume).tolist())
    expected = sorted(set(names) & whole)

    reader = simple.AnalyzeZipReader(FileName=archive, Volume="aal.nii.gz")
    display = simple.Show(reader)
    lut = color_by_labels(display, only_present=True)
    annotations = list(lut.Annotations)
    if (annotations[0::2] != [str(k) for k in expected] or
            annotations[1::2] != [names[k] for k in expected]):
        fail("rank %d: annotations %s..., expected the %d regions of the whole volume" % (
            rank, annotations[:6], len(expected)))
    if not np.allclose(np.array(list(lut.IndexedColors)).reshape(-1, 3), colors[expected]):
        fail("rank %d: indexed colours differ from the .lut" % rank)

    # The union mattered: some rank's own slab lacks regions of the whole.
    piece = reader.GetClientSideObject().GetOutputDataObject(0)
    local = set(np.unique(vtk_to_numpy(piece.GetPointData().GetArray("Intensity"))).tolist())
    missing = len(set(expected) - local)
    send, receive = vtkIntArray(), vtkIntArray()
    send.InsertNextValue(missing)
    controller.AllGather(send, receive)
    counts = [receive.GetValue(r) for r in range(ranks)]
    if max(counts) == 0:
        fail("every rank's slab holds every region: the test does not exercise the union")
    print("rank %d of %d: %d regions annotated (the whole volume's); regions missing from each "
          "rank's slab: %s" % (rank, ranks, len(expected), counts))
finally:
    shutil.rmtree(work, ignore_errors=True)
