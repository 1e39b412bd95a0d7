"""Colour a label atlas by its regions, in one call, with paraview.simple.

The Analyze Zip Reader gives a label volume the field data `LabelNames` (value k: the name of
label k, "" where none) and `LabelColors` (3 x uint8, tuple k: the colour of label k) from the
sidecars beside it (see the reader's documentation). Filters pass field data on, so any display
downstream of such a reader (a slice, Exploded Voxels...) can be coloured by them:

    from paraview.simple import *
    from paravoxel.labels import color_by_labels
    reader = AnalyzeZipReader(FileName="atlases.zip", Volume="aal.nii.gz")
    display = Show(reader)
    color_by_labels(display)
    Render()

The colour map is ParaView's lookup table in categorical mode (Interpret Values As
Categories): one annotation (value, region name) and one indexed colour per region, so the
colour legend lists the regions by name. The macro Plugins/macros/ColorByLabels.py does the same
for the active source in the GUI, where the plugin also does it on its own for new atlas
displays, through a colour map of their own (pqLabelAtlasColorBehavior). Here, the lookup table
is the display's: ParaView's one shared by every display of the array name (an anatomy's
`Intensity` display changes with it), unless display.UseSeparateColorMap is turned on first.

Which labels are regions, and how each is annotated, is vtkParaVoxelLabels.GetAnnotations's rule,
the one the reader and Exploded Voxels hand to the GUI: this module calls it.
"""
from vtkmodules.vtkCommonCore import vtkDoubleArray, vtkInformation, vtkStringArray

from .ParaVoxelCommon import vtkParaVoxelLabels

NAMES_ARRAY = "LabelNames"
COLORS_ARRAY = "LabelColors"

# Runs where the data is (the server's ranks): hands the label arrays over in an otherwise empty
# table, so that only they travel to the client, not the geometry; with `Present` set, also the
# labels the array holds (a presence flag per label, combined over MPI ranks).
_FETCH_SCRIPT = """
import numpy as np
from vtkmodules.numpy_interface import dataset_adapter as dsa
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkParallelCore import vtkCommunicator, vtkMultiProcessController
source = self.GetInputDataObject(0, 0)
output = self.GetOutput()
fields = source.GetFieldData()
for name in (%(names)r, %(colors)r):
    array = fields.GetAbstractArray(name)
    if array is not None:
        output.GetFieldData().AddArray(array)
if %(present)r:
    wrapped = dsa.WrapDataObject(source)
    values = None
    for attributes in (wrapped.PointData, wrapped.CellData):
        if %(array)r in attributes.keys():
            values = np.asarray(attributes[%(array)r])
            break
    flags = np.zeros(65536, np.uint8)
    if values is not None and values.size:
        labels = np.unique(values)
        labels = labels[(labels >= 0) & (labels < 65536) & (labels == np.round(labels))]
        flags[labels.astype(np.int64)] = 1
    present = numpy_to_vtk(flags, deep=1)
    controller = vtkMultiProcessController.GetGlobalController()
    if controller is not None and controller.GetNumberOfProcesses() > 1:
        combined = present.NewInstance()
        controller.AllReduce(present, combined, vtkCommunicator.MAX_OP)
        present = combined
    present.SetName("PresentLabels")
    output.GetFieldData().AddArray(present)
"""


def _annotations(names, colors):
    """[(label, annotation, (r, g, b) in 0..1, or None for a label without a colour)] of the
    regions that `names` (name of label k, "" where none) and `colors` (R, G, B 0..255 of label k,
    or None) describe, by vtkParaVoxelLabels.GetAnnotations: the named labels, or when none is
    named every coloured label; a region without a name is annotated with its number."""
    info = vtkInformation()
    for name in names:
        info.Append(vtkParaVoxelLabels.LABEL_NAMES(), name)
    for value in (colors.ravel() if colors is not None else ()):
        info.Append(vtkParaVoxelLabels.LABEL_COLORS(), int(value))
    annotations, indexed_colors = vtkStringArray(), vtkDoubleArray()
    vtkParaVoxelLabels.GetAnnotations(info, annotations, indexed_colors)
    coloured = len(colors) if colors is not None else 0
    regions = []
    for n in range(annotations.GetNumberOfValues() // 2):
        label = int(annotations.GetValue(2 * n))
        color = tuple(indexed_colors.GetValue(3 * n + c) for c in range(3))
        regions.append((label, annotations.GetValue(2 * n + 1),
                        color if label < coloured else None))
    return regions


def label_table(source, array="Intensity", only_present=False):
    """The regions of `source` (a pipeline proxy): a list of (label, annotation, (r, g, b))
    sorted by label, colours in 0..1, colour None where the sidecars give none (see
    _annotations). With `only_present`, only the labels that `array` holds. Empty when the source
    has no label field data."""
    from paraview import servermanager
    from vtkmodules.util.numpy_support import vtk_to_numpy

    fetcher = servermanager.filters.ProgrammableFilter(
        Input=source, OutputDataSetType="vtkTable",
        Script=_FETCH_SCRIPT % {"names": NAMES_ARRAY, "colors": COLORS_ARRAY,
                                "present": bool(only_present), "array": array})
    fields = servermanager.Fetch(fetcher, 0).GetFieldData()
    names_array = fields.GetAbstractArray(NAMES_ARRAY)
    colors_array = fields.GetArray(COLORS_ARRAY)
    names = ([names_array.GetValue(k) for k in range(names_array.GetNumberOfValues())]
             if names_array is not None else [])
    colors = vtk_to_numpy(colors_array) if colors_array is not None else None
    regions = _annotations(names, colors)
    if only_present and regions:
        present = vtk_to_numpy(fields.GetArray("PresentLabels"))
        regions = [region for region in regions if present[region[0]]]
    return regions


def color_by_labels(display, source=None, array="Intensity", view=None, only_present=False,
                    show_legend=True, other_color=(0.0, 0.0, 0.0)):
    """Colour `display` by the regions of its atlas: `array` (the label numbers; point data, else
    cell data) through a categorical lookup table whose annotations are (label, region name) and
    whose indexed colours are the regions' colours, from the `LabelNames` / `LabelColors` field
    data of `source` (default: the display's input). Regions the sidecars name but do not colour
    take `other_color`; without names, each coloured label is annotated with its number. Values
    that are no region (the background of most atlases) take `other_color` too (the table's NaN
    colour). `only_present` keeps only the regions `array` holds. Shows the colour legend unless
    `show_legend` is false. Returns the lookup table; raises ValueError when the source has no
    label field data."""
    from paraview import simple

    source = source if source is not None else display.Input
    view = view if view is not None else simple.GetActiveViewOrCreate("RenderView")
    regions = label_table(source, array, only_present)
    if not regions:
        raise ValueError("The source has no %s or %s field data: is it a label atlas read with "
                         "its sidecars (.txt, .lut)?" % (NAMES_ARRAY, COLORS_ARRAY))
    association = "POINTS" if array in source.PointData.keys() else "CELLS"
    simple.ColorBy(display, (association, array))
    # The map the display uses: ParaView's shared one for `array`, or its own when
    # display.UseSeparateColorMap is on (as the GUI sets it for atlases).
    lut = display.LookupTable
    annotations = []
    indexed_colors = []
    for label, annotation, color in regions:
        annotations += [str(label), annotation]
        indexed_colors += list(color if color is not None else other_color)
    lut.Annotations = annotations
    lut.IndexedColors = indexed_colors
    # Categories last, once the annotations are marked as given: the GUI's colour map editor
    # reacts to a categorical table without them by making its own from the data, which fails
    # for more than 32 values (AAL has 116) with a modal "Could not determine discrete values"
    # message that stops the macro (pqColorAnnotationsPropertyWidget::updateIndexedLookupState).
    lut.AnnotationsInitialized = 1
    lut.InterpretValuesAsCategories = 1
    lut.NanColor = list(other_color)
    display.SetScalarBarVisibility(view, bool(show_legend))
    return lut
