/**
 * @class   ImagePieces
 * @brief   The one home of how ParaVoxel splits an image into MPI pieces: the piece extent a
 *          process reads or owns, the points or cells it owns, and the ghost marks of a piece
 *          read with ghost layers.
 *
 * Pieces are the split vtkStreamingDemandDrivenPipeline makes for structured data
 * (vtkExtentTranslator, UPDATE_SPLIT_MODE, block mode by default), so the reader, Intensity
 * Transform and Exploded Voxels agree on who holds what whatever extent their input carries.
 *
 * Ownership: pieces made from one whole extent share their boundary layer of points. A piece
 * owns the points of its zero-ghost extent except that shared upper layer, which belongs to the
 * next piece; the last piece along an axis keeps its upper layer. Cells of neighbouring pieces do
 * not overlap. So every point and every cell of the whole image is owned by exactly one piece.
 */
#ifndef paravoxel_ImagePieces_h
#define paravoxel_ImagePieces_h

#include "ParaVoxelCommonModule.h" // for export macro
#include "vtkType.h"

class vtkImageData;
class vtkInformation;

namespace paravoxel
{
class PARAVOXELCOMMON_EXPORT ImagePieces
{
public:
  /**
   * The extent of the piece requested in `pieceInformation` (UPDATE_PIECE_NUMBER and
   * UPDATE_NUMBER_OF_PIECES; the whole extent when there is one piece) within `wholeExtent`,
   * grown by `ghostLevels` layers inside it, split as `splitInformation`'s UPDATE_SPLIT_MODE
   * says. Returns the number of pieces. An empty piece comes back as an empty extent.
   */
  static int ComputePieceExtent(vtkInformation* pieceInformation, vtkInformation* splitInformation,
    int ghostLevels, const int wholeExtent[6], int pieceExtent[6]);

  /** The number of pieces `pieceInformation` asks for: UPDATE_NUMBER_OF_PIECES, else 1. */
  static int GetNumberOfPieces(vtkInformation* pieceInformation);

  /**
   * The image a filter's piece belongs to and the zero-ghost piece of it this process owns, from
   * the filter's output (`outInfo`, the piece asked for) and input (`inInfo`) information and the
   * extent the input holds. With several pieces: the input's WHOLE_EXTENT and its split as the
   * pipeline makes it, whatever extent the input holds (its piece with ghost layers, or all of
   * it from a source that cannot split). With one piece (or no WHOLE_EXTENT): the extent the
   * input holds, for both, so that a single piece owns all it holds.
   */
  static void ComputeOwnerPiece(vtkInformation* outInfo, vtkInformation* inInfo,
    const int dataExtent[6], int wholeExtent[6], int pieceExtent[6]);

  /**
   * The points (`cells` false) or cells of `dataExtent` that the piece `pieceExtent` (zero-ghost)
   * of `wholeExtent` owns, as inclusive index ranges [ownedExtent[2a], ownedExtent[2a + 1]]; a
   * cell has the index of its first point. Along an axis flat in the whole image, the one layer
   * of (2D) cells has the index of the points; along another axis, a `dataExtent` one point thick
   * holds no cell of the whole image. Returns false when the piece owns none of them (then
   * `ownedExtent` is empty along some axis).
   */
  static bool ComputeOwnedExtent(const int wholeExtent[6], const int pieceExtent[6],
    const int dataExtent[6], bool cells, int ownedExtent[6]);

  /**
   * Mark the points and cells of `image` outside `zeroExtent` (the piece without its ghost
   * layers) as duplicates, in the vtkGhostType arrays, exactly as
   * vtkDataSet::GenerateGhostArray does, but in a few parallel memory fills instead of a call per
   * value; their ranges are cached too. Nothing is added when the image is the zero extent.
   * False, with nothing added, when the memory for the marks cannot be had
   * (HugePageMemory::DescribeLastFailure() says why).
   */
  static bool MarkGhosts(vtkImageData* image, const int zeroExtent[6]);
};
} // namespace paravoxel

#endif
