"""The MPI side of a script that every rank runs (pvbatch --symmetric under mpiexec)."""
import sys

from vtkmodules.vtkParallelCore import vtkMultiProcessController


def mpi_ranks(minimum=1):
    """(controller, this rank, number of ranks) of the global controller; exits with a failure
    message when fewer than `minimum` ranks run the script."""
    controller = vtkMultiProcessController.GetGlobalController()
    rank, ranks = controller.GetLocalProcessId(), controller.GetNumberOfProcesses()
    if ranks < minimum:
        print("FAIL: run this script under mpiexec with %d or more ranks" % minimum)
        sys.exit(1)
    return controller, rank, ranks
