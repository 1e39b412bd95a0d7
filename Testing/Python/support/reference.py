"""The tutorial's intensity curve evaluated by numpy in float64: the one Python copy of the formula
whose home is vtkIntensityTransformFilter, for the tests to compare the filter with and for the
benchmarks' numpy method."""
import numpy as np


def intensity_transform_reference(values, floor=0.1, gamma=0.4, contrast=2.0, offset=0.1,
                                  value_range=None, percentiles=None):
    """clip(scale_by(clip(normalize(a) - floor, 0, 1) ** gamma, contrast) - offset, 0, 1) with the
    statistics over the finite values; `value_range` replaces (min, max), `percentiles` takes
    them from numpy.percentile. Non-finite values give 0."""
    values = np.asarray(values)
    if values.dtype.kind not in "iu":
        values = values.astype(np.float64)
    # Integers become float64 in the first subtraction below, with no float64 copy before it;
    # without non-finite values (the usual case) no masked copies either: 4x faster.
    finite = np.isfinite(values)
    every_value_finite = finite.all()
    statistics_values = values if every_value_finite else values[finite]
    if value_range is not None:
        low, high = value_range
    elif percentiles is not None:
        low, high = np.percentile(statistics_values, percentiles)
    else:
        low, high = float(statistics_values.min()), float(statistics_values.max())
    with np.errstate(invalid="ignore"):
        lifted = np.clip((values - low) / (high - low) - floor, 0, 1) ** gamma
    mean = (lifted if every_value_finite else lifted[finite]).mean()
    result = np.clip((lifted - mean) * contrast + mean - offset, 0, 1)
    return result if every_value_finite else np.where(finite, result, 0.0)
