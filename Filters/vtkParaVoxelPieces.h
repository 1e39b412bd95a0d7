/**
 * @class   vtkParaVoxelPieces
 * @brief   The one home of how ParaVoxel splits an image into MPI pieces: the piece extent a
 *          process reads or owns, and the ghost marks of a piece read with ghost layers.
 *
 * Pieces are the split vtkStreamingDemandDrivenPipeline makes for structured data
 * (vtkExtentTranslator, UPDATE_SPLIT_MODE, block mode by default), so the reader, Intensity
 * Transform and Exploded Voxels agree on who holds what whatever extent their input carries.
 */
#ifndef vtkParaVoxelPieces_h
#define vtkParaVoxelPieces_h

#include "ParaVoxelFiltersModule.h" // for export macro
#include "vtkObject.h"

class vtkImageData;
class vtkInformation;

class PARAVOXELFILTERS_EXPORT vtkParaVoxelPieces : public vtkObject
{
public:
  static vtkParaVoxelPieces* New();
  vtkTypeMacro(vtkParaVoxelPieces, vtkObject);

  /**
   * The extent of the piece requested in `pieceInformation` (UPDATE_PIECE_NUMBER and
   * UPDATE_NUMBER_OF_PIECES; the whole extent when there is one piece) within `wholeExtent`,
   * grown by `ghostLevels` layers inside it, split as `splitInformation`'s UPDATE_SPLIT_MODE
   * says. Returns the number of pieces. An empty piece comes back as an empty extent.
   */
  static int ComputePieceExtent(vtkInformation* pieceInformation, vtkInformation* splitInformation,
    int ghostLevels, const int wholeExtent[6], int pieceExtent[6]);

  /**
   * Mark the points and cells of `image` outside `zeroExtent` (the piece without its ghost
   * layers) as duplicates, in the vtkGhostType arrays, exactly as
   * vtkDataSet::GenerateGhostArray does, but in a few parallel memory fills instead of a call per
   * value; their ranges are cached too. Nothing is added when the image is the zero extent.
   */
  static void MarkGhosts(vtkImageData* image, const int zeroExtent[6]);

protected:
  vtkParaVoxelPieces() = default;
  ~vtkParaVoxelPieces() override = default;

private:
  vtkParaVoxelPieces(const vtkParaVoxelPieces&) = delete;
  void operator=(const vtkParaVoxelPieces&) = delete;
};

#endif
