"""Intensity Transform against numpy's float64 evaluation of the tutorial's curve
(support.reference.intensity_transform_reference), to 1e-6:
- the proxy with its defaults on every real volume of the fixtures (every datatype the reader
  makes), created as a script does: IntensityTransform(Input=AnalyzeZipReader(...));
- each parameter changed, Custom and Percentiles ranges (integer histogram and radix selection
  paths), a hot voxel, cell data, wide-range and negative integers;
- edge cases on the VTK class: NaN/Inf voxels, constant and all-NaN volumes (zeros and a warning),
  an empty image, errors (multi-component array, missing array) with an empty output.
The output keeps the input arrays and has the float32 result as its active scalars."""
import numpy as np
from paraview import simple
from paraview.simple import UpdatePipeline

import paravoxel
from paravoxel.images import image_to_numpy, numpy_to_image
from support.reference import intensity_transform_reference
from paravoxel_testing import ErrorCatcher, data_path, fail, load_plugin

load_plugin()
TOLERANCE = 1e-6
INTENSITY = ["POINTS", "Intensity"]

VOLUMES = {
    "analyze_types.zip": ["analyze/ch2_%s.hdr" % t for t in (
        "u1_le", "u1_be", "i2_le", "i2_be", "i4_le", "i4_be", "f4_le", "f4_be", "f8_le", "f8_be",
        "u2_be")],
    "nifti_types.zip": ["nifti/ch2_%s.nii" % t for t in (
        "u1", "i1", "i2", "u2", "i4", "u4", "i8", "u8", "f4", "f8")] + [
        "nifti/scaled.nii", "nifti/pair_f4.hdr", "nifti/qform_rotated.nii",
        "nifti/compressed.nii.gz"],
    "real_images.zip": ["nibabel/anatomical.nii", "nibabel/standard.nii.gz", "mricron/aal.nii.gz",
                        "mricron/ch2bet.nii.gz"],
}


def check_output(case, image, input_name, expected, result_name="Transformed", cell=False):
    attributes = image.GetCellData() if cell else image.GetPointData()
    scalars = attributes.GetScalars()
    if scalars is None or scalars.GetName() != result_name:
        fail("%s: the active scalars are %s, not %r" % (
            case, scalars and scalars.GetName(), result_name))
    if scalars.GetDataType() != 10:  # VTK_FLOAT
        fail("%s: the result is %s, not float32" % (case, scalars.GetDataTypeAsString()))
    if attributes.GetArray(input_name) is None:
        fail("%s: the input array %r was not passed through" % (case, input_name))
    result = image_to_numpy(image, result_name, cell=cell)
    error = np.abs(result.astype(np.float64) - expected).max()
    if not error <= TOLERANCE:
        fail("%s: max abs difference %g to numpy's formula" % (case, error))
    return result


def run_proxy(case, reader, expected_from, **properties):
    # paraview.simple picks the default Scalars from the active source (the previous transform,
    # whose active scalars are "Transformed") before it sets Input: name the array explicitly
    # when the reader is reused.
    transform = simple.IntensityTransform(Input=reader, **properties)
    UpdatePipeline(proxy=transform)
    image = transform.GetClientSideObject().GetOutputDataObject(0)
    values = image_to_numpy(image, "Intensity")
    expected = expected_from(values)
    return check_output(case, image, "Intensity", expected,
                        properties.get("ResultArrayName", "Transformed")), values


# The plainest use: defaults on the brain of the attention archive.
result, values = run_proxy("mixed_members default volume",
                           simple.AnalyzeZipReader(FileName=data_path("mixed_members.zip")),
                           intensity_transform_reference)
air = values == values.min()
if np.any(result[air] != 0) or result.max() < 0.9 or np.mean(result > 0) < 0.1:
    fail("the defaults do not map air to 0 and spread tissue over [0, 1]")

# Every datatype.
for archive, volumes in VOLUMES.items():
    for volume in volumes:
        reader = simple.AnalyzeZipReader(FileName=data_path(archive), Volume=volume)
        run_proxy(volume, reader, intensity_transform_reference)
print("defaults: %d volumes match numpy" % (1 + sum(map(len, VOLUMES.values()))))

# Each parameter, and the ranges; int16 uses the value histogram, float32 the radix selection.
for volume in ("nifti/ch2_i2.nii", "nifti/ch2_f4.nii"):
    reader = simple.AnalyzeZipReader(FileName=data_path("nifti_types.zip"), Volume=volume)
    for settings in (dict(Floor=0.0), dict(Floor=0.3), dict(Gamma=0.0), dict(Gamma=1.0), dict(Gamma=2.5),
                     dict(Contrast=1.0), dict(Contrast=3.5), dict(Offset=0.0), dict(Offset=-0.2),
                     dict(Floor=0.05, Gamma=0.7, Contrast=1.5, Offset=0.02)):
        reference_settings = {key.lower(): value for key, value in settings.items()}
        run_proxy("%s %s" % (volume, settings), reader,
                  lambda v: intensity_transform_reference(v, **reference_settings),
                  Scalars=INTENSITY, **settings)
    run_proxy(volume + " custom range", reader,
              lambda v: intensity_transform_reference(v, value_range=(10.0, 60.0)),
              Scalars=INTENSITY, NormalizationMode="Custom", CustomRange=[10.0, 60.0])
    for percentiles in ([1.0, 99.0], [0.0, 100.0], [2.5, 97.5], [37.3, 61.1]):
        run_proxy("%s percentiles %s" % (volume, percentiles), reader,
                  lambda v: intensity_transform_reference(v, percentiles=percentiles),
                  Scalars=INTENSITY, NormalizationMode="Percentiles", PercentileRange=percentiles)
    run_proxy(volume + " result name", reader, intensity_transform_reference,
              Scalars=INTENSITY, ResultArrayName="Contrast curve")
print("parameters, custom and percentile ranges match numpy")


def transform_image(values, cell=False, **settings):
    """The VTK class on a numpy volume; returns (output, expected-from-settings helper, catcher)."""
    image = numpy_to_image(values, "v", cell=cell)
    transform = paravoxel.vtkIntensityTransformFilter()
    transform.SetInputData(image)
    for name, value in settings.items():
        getattr(transform, "Set" + name)(*np.atleast_1d(value))
    catcher = ErrorCatcher(transform)
    transform.Update()
    return transform.GetOutput(), catcher, transform


rng = np.random.default_rng(4)

# A hot voxel: Percentiles keeps the range of the tissue, Data is squashed by it.
brain = rng.gamma(2.0, 40.0, (30, 40, 20)).astype(np.float32)
brain[5, 6, 7] = 1e6
output, _, transform = transform_image(brain, NormalizationMode=2, PercentileRange=(1, 99))
hot = check_output("hot voxel, percentiles", output, "v",
                   intensity_transform_reference(brain, percentiles=[1, 99]))
if not np.allclose(transform.GetLastNormalizationRange(), np.percentile(brain, [1, 99]),
                   rtol=1e-12):
    fail("the percentile range %s is not numpy's %s" % (
        transform.GetLastNormalizationRange(), np.percentile(brain, [1, 99])))
squashed, _, _ = transform_image(brain)
if np.mean(image_to_numpy(squashed) > 0) > 0.01 or np.mean(hot > 0) < 0.5:
    fail("percentiles do not protect the range from a hot voxel")

# Cell data, integer types on both paths (span below and above the histogram limit), negatives.
cases = {
    "cell data float64": (rng.normal(0, 1, (9, 8, 7)), True),
    "int32 wide span": (rng.integers(-200000, 300000, (20, 30, 10)).astype(np.int32), False),
    "int8 negatives": (rng.integers(-128, 128, (20, 30, 10)).astype(np.int8), False),
    "uint64 small span": (rng.integers(10**12, 10**12 + 500, (20, 30, 10)).astype(np.uint64),
                          False),
    "one slice": (rng.integers(0, 1000, (20, 30, 1)).astype(np.uint16), False),
}
for case, (values, cell) in cases.items():
    for mode in ({}, dict(NormalizationMode=2, PercentileRange=(3, 91))):
        output, catcher, _ = transform_image(values, cell=cell, **mode)
        check_output("%s %s" % (case, mode), output, "v", intensity_transform_reference(
            values, percentiles=[3, 91] if mode else None), cell=cell)

# NaN and Inf are left out of the statistics and give 0.
values = rng.normal(100, 20, (16, 12, 10))
values[1, 2, 3], values[4, 5, 6], values[7, 8, 9] = np.nan, np.inf, -np.inf
for mode in ({}, dict(NormalizationMode=2, PercentileRange=(1, 99))):
    output, catcher, _ = transform_image(values, **mode)
    result = check_output("NaN/Inf %s" % mode, output, "v", intensity_transform_reference(
        values, percentiles=[1, 99] if mode else None))
    if catcher.errors or catcher.warnings or np.any(np.isnan(result)):
        fail("NaN/Inf: messages %s, NaN in the result: %s" % (
            catcher.errors + catcher.warnings, np.any(np.isnan(result))))

# Constant and all-NaN volumes, and an empty custom range: zeros and a warning, never NaN.
for case, values, settings in (
        ("constant", np.full((5, 6, 7), 42, np.int16), {}),
        ("constant float", np.full((5, 6, 7), 0.5, np.float32), dict(NormalizationMode=2)),
        ("all NaN", np.full((5, 6, 7), np.nan, np.float32), {}),
        ("empty custom range", np.arange(210, dtype=np.float32).reshape(5, 6, 7),
         dict(NormalizationMode=1, CustomRange=(3.0, 3.0)))):
    output, catcher, _ = transform_image(values, **settings)
    result = image_to_numpy(output, "Transformed")
    if np.any(result != 0) or len(catcher.warnings) != 1 or catcher.errors:
        fail("%s: result not all 0 (%s), warnings %s, errors %s" % (
            case, np.unique(result)[:5], catcher.warnings, catcher.errors))

# Empty input, empty output, no message.
output, catcher, _ = transform_image(np.zeros((0, 0, 0), np.float32))
if output.GetNumberOfPoints() != 0 or catcher.errors or catcher.warnings:
    fail("empty input: %d points, messages %s" % (output.GetNumberOfPoints(),
                                                  catcher.errors + catcher.warnings))

# Errors: a clear message and an empty output.
colours = numpy_to_image(rng.random((4, 5, 6, 3)), "rgb")
grey = numpy_to_image(rng.random((4, 5, 6)), "grey")
for case, image, setup, words in (
        ("three components", colours, lambda t: None, "components"),
        ("missing array", grey, lambda t: t.SetInputArrayToProcess(0, 0, 0, 0, "nothing"),
         "nothing"),
        ("empty result name", grey, lambda t: t.SetResultArrayName(""), "ResultArrayName")):
    transform = paravoxel.vtkIntensityTransformFilter()
    transform.SetInputData(image)
    setup(transform)
    catcher = ErrorCatcher(transform)
    transform.Update()
    if len(catcher.errors) != 1 or words not in catcher.errors[0] or \
            transform.GetOutput().GetNumberOfPoints() != 0:
        fail("%s: errors %s, %d output points" % (case, catcher.errors,
                                                  transform.GetOutput().GetNumberOfPoints()))
print("edge cases and errors behave")
