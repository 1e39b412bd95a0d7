"""Figures to publish and share from a render view: glTF 2.0 (GLB or .gltf) that keeps what the
view shows, and a one-file interactive web page of it.

    from paraview.simple import *
    import paravoxel.web
    view = GetActiveViewOrCreate("RenderView")
    ...                                   # Exploded Voxels shown and coloured as wanted
    paravoxel.web.export_gltf(view, "figure.glb")
    paravoxel.web.export_html(view, "figure.html")

Both take the view as it is drawn: every visible surface (Exploded Voxels), coloured as on screen,
an atlas one mesh per region named by the region, the camera; the page adds ParaView's lights, the
colour legend and the region's name under the pointer. They run in pvpython, pvbatch, Jupyter and
the GUI (File > Export ParaVoxel Figure..., the plugin's menu entry, calls export()).

scene gathers what the view shows (paraview.simple), gltf writes it (numpy only), page makes the
HTML; three.js comes from the npm package `three` the build installs (see docs/user/publishing.md).
"""
from . import gltf, page
from .scene import gather


def export_gltf(view, path):
    """Writes what `view` shows to `path` as GLB, or as .gltf (JSON, one file) when the name
    ends in .gltf. Returns the path."""
    gltf.write(gather(view), path)
    return path


def export_html(view, path, title="ParaVoxel figure"):
    """Writes what `view` shows to `path` as one HTML page that opens offline, titled `title`.
    Returns the path."""
    page.write(gather(view), path, title)
    return path


def export(view, path):
    """export_html for a name ending in .html or .htm, else export_gltf (the GUI's entry)."""
    if path.lower().endswith((".html", ".htm")):
        return export_html(view, path)
    return export_gltf(view, path)
