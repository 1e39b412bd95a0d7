"""A paravoxel.web.scene.Scene as one HTML file that opens offline by double-click (file://, no
server, no network): the scene's GLB (paravoxel.web.gltf) in base64, three.js and its orbit
controls (from the npm package `three`, vendor/, with its licence) and the viewer (viewer.js)
inlined as ES modules through an import map of data: URLs, the colour legend in HTML, and the
box that names the region under the pointer.
"""
import base64
import html
import json
import os

from . import gltf

FOLDER = os.path.dirname(os.path.abspath(__file__))
VENDOR = os.path.join(FOLDER, "vendor")
# The files of the npm package `three` the page inlines (the build copies them into vendor/).
THREE_MODULE = "three.module.min.js"
ORBIT_CONTROLS = "OrbitControls.js"
THREE_LICENSE = "three.LICENSE"

_STYLE = """
html, body { margin: 0; height: 100%; overflow: hidden; font: 13px sans-serif; }
#paravoxel-canvas { display: block; width: 100vw; height: 100vh; }
#paravoxel-legend { position: absolute; right: 12px; bottom: 12px; max-height: 60vh;
  overflow-y: auto; padding: 6px 8px; background: rgba(255, 255, 255, 0.85); color: #1a1a1a;
  border-radius: 4px; }
#paravoxel-legend .ramp { width: 24px; height: 160px; display: inline-block;
  vertical-align: top; }
#paravoxel-legend .ticks { display: inline-flex; flex-direction: column;
  justify-content: space-between; height: 160px; margin-left: 6px; }
#paravoxel-legend .swatch { display: inline-block; width: 12px; height: 12px;
  margin-right: 6px; vertical-align: middle; border: 1px solid #0003; }
#paravoxel-name { position: absolute; display: none; pointer-events: none; padding: 2px 6px;
  background: #1a1a1ae0; color: white; border-radius: 3px; white-space: nowrap; }
body.paravoxel-bare #paravoxel-legend, body.paravoxel-bare #paravoxel-name {
  visibility: hidden; }
"""


def _read(name):
    path = os.path.join(VENDOR, name)
    if not os.path.exists(path):
        raise FileNotFoundError(
            "%s is missing: the build copies three.js there from the npm package `three` "
            "(CMake option PARAVOXEL_WEB, which needs npm)" % path)
    with open(path, encoding="utf-8") as f:
        return f.read()


def _module_url(source):
    return "data:text/javascript;base64," + base64.b64encode(source.encode("utf-8")).decode()


def _rgb(color):
    return "rgb(%d, %d, %d)" % tuple(int(round(255 * c)) for c in color[:3])


def legend_html(legends):
    """The colour legends as HTML: a ramp with its range for a continuous map, swatches and
    names for a categorical one."""
    parts = []
    for legend in legends:
        parts.append("<div><b>%s</b></div>" % html.escape(legend.title))
        if legend.categories:
            parts.extend("<div><span class='swatch' style='background:%s'></span>%s</div>"
                         % (_rgb(color), html.escape(name))
                         for name, color in legend.categories)
        else:
            stops = ", ".join("rgb(%d, %d, %d)" % tuple(int(c) for c in stop)
                              for stop in legend.stops[::-1])
            low, high = legend.value_range
            parts.append("<div><span class='ramp' style='background:linear-gradient(%s)'></span>"
                         "<span class='ticks'><span>%.4g</span><span>%.4g</span></span></div>"
                         % (stops, high, low))
    return "\n".join(parts)


def page_html(scene, title="ParaVoxel figure"):
    """The page of `scene` as a string."""
    glb = base64.b64encode(gltf.glb_bytes(scene)).decode("ascii")
    config = {"background": list(scene.background), "lights": scene.lights}
    with open(os.path.join(FOLDER, "viewer.js"), encoding="utf-8") as f:
        viewer = f.read()
    imports = {"imports": {
        "three": _module_url(_read(THREE_MODULE)),
        "three/addons/controls/OrbitControls.js": _module_url(_read(ORBIT_CONTROLS))}}
    legend = legend_html(scene.legends)
    return "".join([
        "<!doctype html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n",
        "<title>%s</title>\n<style>%s</style>\n" % (html.escape(title), _STYLE),
        "<!-- three.js (npm package three), inlined below, under its licence:\n",
        _read(THREE_LICENSE).replace("--", "- -"), "-->\n</head>\n<body>\n",
        "<canvas id='paravoxel-canvas'></canvas>\n",
        "<div id='paravoxel-legend'%s>%s</div>\n" % ("" if legend else " hidden", legend),
        "<div id='paravoxel-name'></div>\n",
        "<script type='application/json' id='paravoxel-config'>%s</script>\n"
        % json.dumps(config).replace("</", "<\\/"),
        "<script type='application/octet-stream' id='paravoxel-glb'>%s</script>\n" % glb,
        "<script type='importmap'>%s</script>\n" % json.dumps(imports),
        "<script type='module'>\n%s</script>\n" % viewer.replace("</script", "<\\/script"),
        "</body>\n</html>\n"])


def write(scene, path, title="ParaVoxel figure"):
    """Writes the page of `scene` to `path`."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(page_html(scene, title))
