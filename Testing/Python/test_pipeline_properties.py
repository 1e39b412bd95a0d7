"""Every numeric property of the three proxies, as their XML declares them (so a new property is
swept too), set from Python to values outside what it accepts: NaN, the infinities, +-1e308, and
just outside its range domain, one element at a time. Each must end in a clear error naming the
property, or in a correct output: nothing crashes, nothing silently clamps a value the property
does not accept, and no output holds a non-finite point or spacing. The values the domains
accept (their minimum and maximum) must give no error."""
import math
import os
import xml.etree.ElementTree as ET

import numpy as np
from vtkmodules.util.numpy_support import vtk_to_numpy

import paravoxel
from paravoxel_testing import ErrorCatcher, data_path, fail

SOURCE = os.environ["PARAVOXEL_SOURCE_DIR"]
ARCHIVE = data_path("gui_anatomy.zip")
PROXIES = {"AnalyzeZipReader.xml": "reader", "IntensityTransform.xml": "transform",
           "ExplodedVoxels.xml": "voxels"}
NUMERIC = ("DoubleVectorProperty", "IntVectorProperty", "IdTypeVectorProperty")


def numeric_properties():
    """(stage, name, setter, elements, domain (min, max) lists or None, integer) per property."""
    found = []
    for file_name, stage in PROXIES.items():
        root = ET.parse(os.path.join(SOURCE, "Plugins", file_name)).getroot()
        for prop in root.iter():
            if prop.tag not in NUMERIC or prop.get("information_only") == "1":
                continue
            if prop.find("BooleanDomain") is not None:
                continue
            domain = prop.find("DoubleRangeDomain")
            if domain is None:
                domain = prop.find("IntRangeDomain")
            enum = prop.find("EnumerationDomain")
            bounds = None
            if enum is not None:
                values = [int(entry.get("value")) for entry in enum.iter("Entry")]
                bounds = ([min(values)], [max(values)])
            elif domain is not None and (domain.get("min") or domain.get("max")):
                bounds = ([float(v) for v in domain.get("min", "").split()] or None,
                          [float(v) for v in domain.get("max", "").split()] or None)
            found.append((stage, prop.get("name"), prop.get("command"),
                          int(prop.get("number_of_elements", "1")), bounds,
                          prop.tag != "DoubleVectorProperty"))
    return found


def pipeline():
    reader = paravoxel.vtkAnalyzeZipReader()
    reader.SetFileName(ARCHIVE)
    transform = paravoxel.vtkIntensityTransformFilter()
    transform.SetInputConnection(reader.GetOutputPort())
    voxels = paravoxel.vtkExplodedVoxelsFilter()
    voxels.SetInputConnection(transform.GetOutputPort())
    voxels.SetLowerThreshold(0.5)
    return {"reader": reader, "transform": transform, "voxels": voxels}


def run(stage, setter, elements, index, value):
    """Sets element `index` of the property to `value` (the others at their defaults) and
    updates: (the errors of all stages, the outputs)."""
    stages = pipeline()
    catchers = [ErrorCatcher(algorithm) for algorithm in stages.values()]
    target = stages[stage]
    getter = getattr(target, setter.replace("Set", "Get", 1), None)
    current = list(getter()) if elements > 1 and getter else None
    if elements > 1:
        current[index] = value
        getattr(target, setter)(*current)
    else:
        getattr(target, setter)(value)
    stages["voxels"].Update()
    return sum((c.errors for c in catchers), []), stages


def finite_outputs(stages):
    image = stages["transform"].GetOutput()
    numbers = list(image.GetSpacing()) + list(image.GetOrigin())
    voxels = stages["voxels"].GetOutput()
    if voxels.GetNumberOfPoints():
        numbers += list(vtk_to_numpy(voxels.GetPoints().GetData()).ravel()[:: 97])
        numbers += list(voxels.GetBounds())
    return all(math.isfinite(x) for x in numbers)


# The only properties for which an infinity is a meaningful setting.
ACCEPTS_INFINITY = {"LowerThreshold", "UpperThreshold"}


def settings_to_try(name, elements, bounds, integer):
    """(element, value, accepted) for each value to try: the non-finite values and +-1e308, and
    the domain's bounds and just beyond them."""
    low, high = bounds if bounds else (None, None)
    tried = []
    for index in range(elements):
        lowest = low[min(index, len(low) - 1)] if low else -math.inf
        highest = high[min(index, len(high) - 1)] if high else math.inf
        values = [] if integer else [math.nan, math.inf, -math.inf, 1e308, -1e308]
        for bound, step in ((lowest, -1), (highest, 1)):
            if math.isfinite(bound):
                bound = int(bound) if integer else bound
                values += [bound, bound + (step if integer else step * max(abs(bound) * 1e-3, 1e-3))]
        for value in values:
            accepted = (lowest <= value <= highest and
                        (math.isfinite(value) or name in ACCEPTS_INFINITY))
            tried.append((index, value, accepted))
    return tried


properties = numeric_properties()
if len(properties) < 15:
    fail("only %d numeric properties found in the XML" % len(properties))
problems = []
checked = 0
for stage, name, setter, elements, bounds, integer in properties:
    for index, value, accepted in settings_to_try(name, elements, bounds, integer):
        errors, stages = run(stage, setter, elements, index, value)
        checked += 1
        refused = [e for e in errors if name + " must be" in e]
        print("%-10s %-24s [%d] = %-14r %-8s %s" % (
            stage, name, index, value, "accepted" if accepted else "hostile",
            errors[0].strip().splitlines()[-1][-110:] if errors else "no error"))
        if not finite_outputs(stages):
            problems.append("%s %s[%d]=%r: non-finite output" % (stage, name, index, value))
        if accepted and refused:
            problems.append("%s %s[%d]=%r is in the domain but refused: %s" % (
                stage, name, index, value, refused[0].strip()[-200:]))
        if not accepted and not refused:
            problems.append("%s %s[%d]=%r: no error saying what %s must be (%s)" % (
                stage, name, index, value, name, errors[:1]))
print("%d properties, %d settings tried" % (len(properties), checked))
if problems:
    fail("\n".join(problems))
