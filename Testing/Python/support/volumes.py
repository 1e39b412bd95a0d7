"""The benchmarks' volumes: the 301 x 370 x 316 uint8 brain of mricron-data (ch2better) written by
nibabel as an Analyze pair and zipped deflated, at its own size or resampled."""
import os
import zipfile

CH2BETTER = "/usr/share/mricron/templates/ch2better.nii.gz"
# The member name of the Analyze image in every archive made here.
MEMBER = "attention/structural/ch2better.img"


def _zip_analyze_pair(stem, path):
    """Zips stem.hdr and stem.img, deflated, as MEMBER's pair."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for ext in (".hdr", ".img"):
            zf.write(stem + ext, MEMBER[:-4] + ext)


def make_archive(folder, size=None):
    """(path, voxel count) of a zip in `folder` holding ch2better, zoomed to size^3 by nearest
    neighbour when a size is given."""
    import nibabel as nib
    import numpy as np
    source = nib.load(CH2BETTER)
    data = np.asarray(source.dataobj)
    if size:
        index = [np.arange(size) * n // size for n in data.shape]
        data = np.ascontiguousarray(data[np.ix_(*index)])
    stem = os.path.join(folder, "ch2better_%s" % (size or "full"))
    nib.AnalyzeImage(data, source.affine).to_filename(stem + ".hdr")
    _zip_analyze_pair(stem, stem + ".zip")
    return stem + ".zip", data.size


_volumes = {}


def make_volume(folder, size):
    """Path of a zip in `folder` holding ch2better resampled to size^3 voxels (trilinear,
    scipy.ndimage.zoom), the same head in the same space; made once per folder and size in this
    process."""
    key = (folder, size)
    if key not in _volumes:
        import nibabel as nib
        import numpy as np
        from scipy import ndimage
        source = nib.load(CH2BETTER)
        data = np.asarray(source.dataobj)
        factors = [size / n for n in data.shape]
        resampled = ndimage.zoom(data, factors, order=1, output=data.dtype)
        # Voxels shrink as their number grows.
        affine = source.affine.copy()
        affine[:3, :3] = affine[:3, :3] / np.array(factors)
        stem = os.path.join(folder, "brain%d" % size)
        nib.AnalyzeImage(resampled, affine).to_filename(stem + ".hdr")
        _zip_analyze_pair(stem, stem + ".zip")
        for ext in (".hdr", ".img"):
            os.remove(stem + ext)
        _volumes[key] = stem + ".zip"
    return _volumes[key]
