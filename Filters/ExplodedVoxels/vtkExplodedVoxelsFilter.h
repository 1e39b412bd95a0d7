/**
 * @class   vtkExplodedVoxelsFilter
 * @brief   Turns the voxels of an image into the faces of little boxes (quads), optionally
 *          shrunk apart ("exploded"), with hidden faces culled and voxel-exact cut-aways.
 *
 * Every value of the selected array (SetInputArrayToProcess(0, 0, 0, association, name); by
 * default the active point scalars, else the active cell scalars) is one voxel box: for point
 * data a box of one spacing centred on the point, for cell data the cell itself (a flat axis of a
 * cell-data image gets one spacing of thickness). A voxel is filled when
 * LowerThreshold < v <= UpperThreshold, where v is the value of one-component arrays, the
 * Euclidean norm of multi-component arrays, or the component chosen by ThresholdComponent.
 *
 * Gap shrinks each box about its centre by the factor (1 - Gap). With KeepInteriorFaces off, only
 * faces between a filled voxel and an empty one (or the border of the image) are made; with it
 * on, all six faces of every filled voxel are made, and each box is shrunk by at least
 * InteriorFaceInset so that the faces of neighbouring boxes never coincide (translucent rendering
 * would otherwise z-fight between them).
 *
 * CutFunction (any vtkImplicitFunction: plane, box, sphere...) removes whole voxels: a voxel is
 * cut away when the function is <= 0 at its centre (inside a box or sphere, behind a plane, i.e.
 * on the side opposite to its normal); InvertCut cuts away the voxels where it is > 0 instead.
 * Faces bordering cut-away voxels are made, so the cut surface is closed.
 *
 * Output: quads (not triangles, so edges drawn are the true cube edges) sharing their corner
 * points (with Gap = 0 and KeepInteriorFaces off, neighbouring voxels share corners too), 32-bit
 * connectivity when it fits, and cell data: the selected array under its own name with all its
 * components (the active scalars), and `VoxelIndex`, the structured (i, j, k) index of the voxel
 * each face belongs to. Faces have outward normals. When the boxes stand apart (Gap > 0 or
 * KeepInteriorFaces), each box owns its corners, and they carry its values as point data too
 * (the active point scalars): colouring by points gives the same picture without per-cell colour
 * textures, which for millions of faces is much faster to render.
 *
 * Label images (atlases): each integer value of a one-component integer array is a region, and
 * the input's field data `LabelNames` (vtkStringArray, entry k the name of label k) names them.
 * Regions (AddRegion, names or numbers) restricts the filled voxels to those regions, on top of
 * the thresholds. Each face's label is its value in the carried label array; the output carries
 * the input's `LabelNames` and `LabelColors` field data, so each name is stored once, however
 * many faces its region has (GetLabelAnnotations() gives the categorical colour map that shows
 * the names). Labels are compared as the exact integers they are, in every integer type up to
 * unsigned 64-bit. RegionExplosion moves each region's boxes by RegionExplosion x (region centroid
 * - centroid of all filled voxels), centroids being the means of the centres of the filled voxels
 * (after thresholds and Regions, before the cut); faces between two regions are then kept, so
 * that each region is a closed solid.
 *
 * The work runs with vtkSMPTools in passes over rows of voxels, like vtkFlyingEdges3D: classify
 * voxels, find the faces of each voxel and count them per row, prefix-sum the counts, then fill
 * points, quads and attributes in place, without locks. Under MPI, every voxel is made by exactly
 * one piece (pieces of an image share a layer of points; the upper piece owns it), and the filter
 * requests one ghost layer so that hidden faces are culled across piece boundaries.
 */
#ifndef vtkExplodedVoxelsFilter_h
#define vtkExplodedVoxelsFilter_h

#include "ParaVoxelFiltersModule.h" // for export macro
#include "vtkNew.h"                 // for the label annotations
#include "vtkPolyDataAlgorithm.h"

#include <string> // for the regions
#include <vector> // for the regions

class vtkDataArray;
class vtkDoubleArray;
class vtkImageData;
class vtkImplicitFunction;
class vtkMultiProcessController;
class vtkStringArray;

class PARAVOXELFILTERS_EXPORT vtkExplodedVoxelsFilter : public vtkPolyDataAlgorithm
{
public:
  static vtkExplodedVoxelsFilter* New();
  vtkTypeMacro(vtkExplodedVoxelsFilter, vtkPolyDataAlgorithm);
  void PrintSelf(ostream& os, vtkIndent indent) override;

  /**
   * The smallest shrink (a fraction of the voxel size, like Gap) applied to every box when
   * KeepInteriorFaces is on: enough to separate the coincident faces of neighbours in the depth
   * buffer, far below a pixel at any usual zoom.
   */
  static constexpr double InteriorFaceInset = 0.01;

  ///@{
  /**
   * A voxel is filled when LowerThreshold < v <= UpperThreshold. Defaults 0 and +infinity: every
   * positive value (the tutorial's `value != 0` for non-negative data).
   */
  vtkSetMacro(LowerThreshold, double);
  vtkGetMacro(LowerThreshold, double);
  vtkSetMacro(UpperThreshold, double);
  vtkGetMacro(UpperThreshold, double);
  ///@}

  ///@{
  /**
   * The component compared with the thresholds. -1 (default): the value of one-component arrays,
   * the Euclidean norm (magnitude) of multi-component arrays. A component index below -1 or
   * beyond the array's components is an error.
   */
  vtkSetMacro(ThresholdComponent, int);
  vtkGetMacro(ThresholdComponent, int);
  ///@}

  ///@{
  /**
   * Each box is shrunk about its centre by the factor (1 - Gap), Gap in [0, MaximumGap]; any
   * other value (NaN too) is an error. 0 (default) gives solid blocks.
   */
  static constexpr double MaximumGap = 0.9;
  vtkSetMacro(Gap, double);
  vtkGetMacro(Gap, double);
  ///@}

  ///@{
  /**
   * Off (default): make only the faces between a filled voxel and an empty one or the border.
   * On: all six faces of every filled voxel, so that inner voxels show through translucent
   * outer ones.
   */
  vtkSetMacro(KeepInteriorFaces, bool);
  vtkGetMacro(KeepInteriorFaces, bool);
  vtkBooleanMacro(KeepInteriorFaces, bool);
  ///@}

  ///@{
  /**
   * The implicit function that cuts whole voxels away; nullptr (default) cuts nothing.
   */
  virtual void SetCutFunction(vtkImplicitFunction*);
  vtkGetObjectMacro(CutFunction, vtkImplicitFunction);
  ///@}

  ///@{
  /**
   * Off (default): cut away the voxels whose centre has CutFunction <= 0. On: those with
   * CutFunction > 0.
   */
  vtkSetMacro(InvertCut, bool);
  vtkGetMacro(InvertCut, bool);
  vtkBooleanMacro(InvertCut, bool);
  ///@}

  ///@{
  /**
   * Off (default): make every face the other settings ask for. On: only those whose outer side
   * looks toward ViewPoint (world coordinates; finite, else an error), i.e. the faces a renderer
   * culling back faces would draw for a camera there: about half the geometry, for still images
   * from a known camera (batch rendering of translucent volumes). Not for views whose camera moves.
   */
  vtkSetMacro(OnlyFacesTowardViewPoint, bool);
  vtkGetMacro(OnlyFacesTowardViewPoint, bool);
  vtkBooleanMacro(OnlyFacesTowardViewPoint, bool);
  vtkSetVector3Macro(ViewPoint, double);
  vtkGetVector3Macro(ViewPoint, double);
  ///@}

  ///@{
  /**
   * The regions whose voxels are filled (on top of the thresholds): label names, resolved
   * through the input's field data LabelNames (every label of that name), or label numbers
   * ("17"). None (default): every region. Names that are neither a label name nor a number are
   * named in a warning and select nothing. Needs a one-component integer array.
   */
  void AddRegion(const char* region);
  void RemoveAllRegions();
  int GetNumberOfRegions() const { return static_cast<int>(this->Regions.size()); }
  const char* GetRegion(int index) const;
  /** Selects (status != 0) or deselects a region: the GUI's list of check boxes. */
  void SetRegionStatus(const char* region, int status);
  ///@}

  ///@{
  /**
   * The regions the GUI lists: the non-empty names of the input's LabelNames, as the input held
   * them when the pipeline information was last updated, then the selected regions that are not
   * among them (label numbers such as "17", unknown names), so that the list (ParaView's
   * RegionInfo) holds every selection. GetRegionArrayStatus() tells whether one is selected.
   */
  int GetNumberOfRegionArrays() const { return static_cast<int>(this->ListedRegions.size()); }
  const char* GetRegionArrayName(int index) const;
  int GetRegionArrayStatus(const char* region) const;
  ///@}

  ///@{
  /**
   * The regions of the input's label volume as a categorical colour map takes them (lookup table
   * `Annotations` and `IndexedColors`, see vtkParaVoxelLabels::GetAnnotations): (label, name)
   * pairs, and R, G, B in [0, 1] per pair, for the regions Regions selects (every region when
   * none is selected); empty when the input has no label sidecars. Filled by
   * UpdateInformation(), from the input's
   * vtkParaVoxelLabels keys; the ParaView GUI colours displays by them.
   */
  vtkStringArray* GetLabelAnnotations();
  vtkDoubleArray* GetLabelIndexedColors();
  ///@}

  ///@{
  /**
   * Pulls the regions apart: each region's boxes move by RegionExplosion x (region centroid -
   * centroid of all filled voxels), in world units; RegionExplosion in [-MaximumRegionExplosion,
   * MaximumRegionExplosion], any other value (NaN and infinities too) is an error. 0 (default):
   * off. Faces between two regions
   * are then kept, so that each region is a closed solid. Needs a one-component integer array.
   * The centroids are over all processes when the pipeline runs one piece per process (MPI);
   * pieces streamed one after another in one process each use their own.
   */
  static constexpr double MaximumRegionExplosion = 100.0;
  vtkSetMacro(RegionExplosion, double);
  vtkGetMacro(RegionExplosion, double);
  ///@}

  ///@{
  /**
   * The processes over which the regions' centroids are added up (when the pipeline runs one
   * piece per process). Default: the global controller.
   */
  virtual void SetController(vtkMultiProcessController*);
  vtkGetObjectMacro(Controller, vtkMultiProcessController);
  ///@}

  /**
   * Includes the modification time of the cut function, so that moving it re-executes.
   */
  vtkMTimeType GetMTime() override;

protected:
  vtkExplodedVoxelsFilter();
  ~vtkExplodedVoxelsFilter() override;

  int FillInputPortInformation(int port, vtkInformation* info) override;
  int RequestInformation(vtkInformation*, vtkInformationVector**, vtkInformationVector*) override;
  int RequestUpdateExtent(vtkInformation*, vtkInformationVector**, vtkInformationVector*) override;
  int RequestData(vtkInformation*, vtkInformationVector**, vtkInformationVector*) override;

  double LowerThreshold;
  double UpperThreshold;
  int ThresholdComponent = -1;
  double Gap = 0.0;
  bool KeepInteriorFaces = false;
  vtkImplicitFunction* CutFunction = nullptr;
  bool InvertCut = false;
  bool OnlyFacesTowardViewPoint = false;
  double ViewPoint[3] = { 0.0, 0.0, 0.0 };
  double RegionExplosion = 0.0;
  vtkMultiProcessController* Controller = nullptr;

private:
  vtkExplodedVoxelsFilter(const vtkExplodedVoxelsFilter&) = delete;

  /**
   * Why the settings cannot make voxels of `input`, or "" when they can: the one place that says
   * which value each property accepts, so that no setting reaches the mesher as a NaN, an
   * infinity or coordinates beyond float.
   */
  std::string FindInvalidSetting(vtkImageData* input) const;

  /**
   * The array whose voxels are made (the selected one, else the active scalars), or null, with
   * an error saying why, when there is none or it cannot be used with these settings.
   */
  vtkDataArray* FindVoxelArray(
    vtkInformationVector** inputVector, vtkImageData* input, int& association);

  /** Keeps in LabelAnnotations and LabelIndexedColors only the regions that Regions selects. */
  void KeepSelectedAnnotations();
  void operator=(const vtkExplodedVoxelsFilter&) = delete;

  std::vector<std::string> Regions;
  std::vector<std::string> AvailableRegions;
  // AvailableRegions, then the Regions not among them (see GetNumberOfRegionArrays).
  std::vector<std::string> ListedRegions;
  void UpdateListedRegions();
  vtkNew<vtkStringArray> LabelAnnotations;
  vtkNew<vtkDoubleArray> LabelIndexedColors;
};

#endif
