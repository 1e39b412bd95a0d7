"""Under mpiexec (pvbatch --symmetric), a damaged archive gives no voxels on any rank: each rank
reading its own piece (with and without a ghost layer) still verifies the whole member, so every
rank reports the checksum error, including ranks whose slab lies before the damage."""
import json

import paravoxel
from paravoxel.parallel import mpi_ranks
from paravoxel_testing import ErrorCatcher, data_path, fail

controller, rank, ranks = mpi_ranks(minimum=2)

with open(data_path("manifest.json")) as f:
    corrupt = json.load(f)["corrupt"]
for entry in corrupt:
    for ghosts in (0, 1):
        reader = paravoxel.vtkAnalyzeZipReader()
        catcher = ErrorCatcher(reader)
        reader.SetFileName(data_path(entry["archive"]))
        reader.UpdatePiece(rank, ranks, ghosts)
        points = reader.GetOutput().GetNumberOfPoints()
        if entry["error"] not in " ".join(catcher.errors) or points:
            fail("rank %d, %s, ghost level %d: expected %r and no voxels, got %d voxels and %s"
                 % (rank, entry["archive"], ghosts, entry["error"], points, catcher.errors))
if rank == 0:
    print("%d ranks: every damaged archive is an error on every rank" % ranks)
