"""Print-ready stills: how the gallery's figures are saved. By default (SCREEN) a figure is the
PNG of its view at the figure's own pixel size, as always; a Still with a physical width and a
resolution saves it at width_mm / 25.4 * dpi pixels (180 mm at 300 dpi: 2126 px), the height by
the figure's aspect ratio, with fonts and line widths scaled to match, the dpi in the PNG's pHYs
chunk, optionally with a transparent background, as PNG, PDF and SVG.

    with printing(Still(width_mm=180, dpi=300, transparent=True, formats=("png", "pdf"))):
        figures.brain_figure("fig11.png", volume, "Transformed", flip_y=True)  # + fig11.pdf

What is vector: ParaView's vector export (GL2PS, ExportView to .pdf/.svg) writes 3D geometry
as one raster with the OpenGL2 rendering backend (VTK's vtkGL2PSExporter: "all 3D props ...
are rasterized into the background"). So the PDF and SVG of a render view of polygonal surfaces
(the voxel figures) are drawn by paravoxel.gallery.vector instead, each visible face a path; a
view of more than vector.MAX_FACES faces, or of lines, gets the print PNG inside its PDF (alpha
included, at its physical size) and no SVG (Debian's GL2PS cannot embed rasters in SVG), with a
message. Chart views (the histograms) are drawn in 2D and come out of GL2PS as true vectors, in
PDF and SVG, scaled to the physical size.

Translucent faces are composited exactly in print, back to front (the vector PDF's order), by
depth peeling in the PNG: the screen figures blend them in one pass, which is faster but shows
another picture where many translucent layers overlap (figures 9 to 11).

paraview.simple is imported inside the functions, as in views.
"""
import contextlib
import math
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib

import numpy as np

from . import vector

MM_PER_INCH = 25.4
POINTS_PER_INCH = 72.0
FORMATS = ("png", "pdf", "svg")
# Depth peels of a print: figure 11 at 700 px differs from its vector PDF in 2.0 % of the pixels
# with 8 peels (as with 16), 2.5 % with ParaView's default 4, 26 % in one blended pass.
PRINT_PEELS = 8


class Still:
    """How to save a figure: `width_mm` wide at `dpi` (both or neither; neither: the figure's
    own pixel size), on a `transparent` background or the view's, in `formats` (of FORMATS)."""

    def __init__(self, width_mm=None, dpi=None, transparent=False, formats=("png",)):
        if (width_mm is None) != (dpi is None):
            raise ValueError("give both the width in mm and the dpi, or neither")
        unknown = set(formats) - set(FORMATS)
        if unknown or not formats:
            raise ValueError("formats must be some of %s, not %s" % (FORMATS, list(formats)))
        self.width_mm, self.dpi = width_mm, dpi
        self.transparent = transparent
        self.formats = tuple(formats)

    def pixel_size(self, size):
        """The (width, height) in pixels of a figure designed at `size` pixels."""
        if self.width_mm is None:
            return tuple(size)
        width = int(round(self.width_mm / MM_PER_INCH * self.dpi))
        return width, int(round(width * size[1] / float(size[0])))

    def page_size_pt(self, size):
        """The physical (width, height) in PDF points (1/72 inch) of a figure designed at
        `size` pixels."""
        width, height = self.pixel_size(size)
        dpi = self.dpi or POINTS_PER_INCH
        return width / dpi * POINTS_PER_INCH, height / dpi * POINTS_PER_INCH

    def save(self, view, path, size):
        """Saves `view`, a figure designed at `size` pixels, as `path` with the extension of
        each of the formats (path's own extension is replaced)."""
        from paraview import simple
        stem = os.path.splitext(path)[0]
        if self.width_mm is None and not self.transparent and self.formats == ("png",):
            # The figures as they always were (and as their baselines are).
            simple.SaveScreenshot(stem + ".png", view, ImageResolution=list(size))
            return
        if is_chart(view):
            self._save_chart(view, stem, size)
            return
        pixel_size, page_size = self.pixel_size(size), self.page_size_pt(size)
        pixels = capture(view, size, pixel_size, self.transparent)
        if "png" in self.formats:
            write_png(stem + ".png", pixels, self.dpi)
        vectors = [f for f in ("pdf", "svg") if f in self.formats]
        # After capture(): the view is scaled for print and its camera lights are placed.
        drawn = vector.faces(view, page_size, pixel_size[0] / page_size[0]) if vectors else None
        if drawn is None:
            if "svg" in self.formats:
                print("%s.svg not written: ParaView's GL2PS export rasterizes 3D views and this "
                      "GL2PS cannot embed rasters in SVG; use png or pdf for it" % stem)
            if "pdf" in self.formats:
                print("%s.pdf: the print raster (300 dpi image), not vectors" % stem)
                write_raster_pdf(stem + ".pdf", pixels, page_size)
            return
        annotations = self._annotations(view, size, pixel_size)
        background = (0, 0, 0, 0) if self.transparent else tuple(view.Background) + (1,)
        print("%s: %d faces as vectors in %s" % (stem, len(drawn), " and ".join(vectors)))
        for kind in vectors:
            vector.write("%s.%s" % (stem, kind), drawn, page_size, background, annotations)

    def _annotations(self, view, size, pixel_size):
        """The view's axes grid, texts and legends as scaled for print, on a transparent
        background: a screenshot with the geometry hidden; None if there are none."""
        hidden = vector.hide_geometry(view)
        try:
            pixels = screenshot(view, _magnification(size[0], pixel_size[0]), pixel_size, True)
        finally:
            vector.show_geometry(hidden)
        return pixels if pixels[..., 3].any() else None

    def _save_chart(self, view, stem, size):
        """A chart's vector PDF (and SVG) from GL2PS; its PNG is that PDF rasterized by poppler
        at the print resolution: SaveScreenshot's tiles would scale its fonts but neither its
        lines nor its layout."""
        page_size = self.page_size_pt(size)
        if "svg" in self.formats:
            export_chart(view, stem + ".svg", page_size, self.transparent)
        with tempfile.TemporaryDirectory(prefix="paravoxel-still-") as folder:
            pdf = stem + ".pdf" if "pdf" in self.formats else os.path.join(folder, "chart.pdf")
            export_chart(view, pdf, page_size, self.transparent)
            if "png" in self.formats:
                write_png(stem + ".png", rasterize_pdf(pdf, self.pixel_size(size),
                                                       self.transparent), self.dpi)


SCREEN = Still()
_printing = [SCREEN]


@contextlib.contextmanager
def printing(still):
    """Within it, views.save (which ends every figure of the gallery) saves with `still`."""
    _printing.append(still)
    try:
        yield still
    finally:
        _printing.pop()


def current():
    """The Still that views.save uses now (SCREEN outside printing())."""
    return _printing[-1]


def is_chart(view):
    """Whether `view` is a 2D chart view (the histograms' bar chart), not a 3D render view."""
    return view.GetXMLName() != "RenderView"


def _magnification(design_width, width):
    """The whole factor that tiles a view nearest the figure's designed width up to `width`
    pixels: SaveScreenshot renders text, legends and ParaView's axes grid for the view's own
    size (the grid picks its tick labels by the space it has), and hangs in ParaView 5.11
    when asked for a size that is not a whole multiple of the view's."""
    return min(range(1, 9), key=lambda m: abs(math.ceil(width / float(m)) - design_width))


def capture(view, size, pixel_size, transparent):
    """The RGBA pixels (height x width x 4 uint8, first row at the top) of `view`, designed at
    `size`, rendered at `pixel_size` with fonts and line widths scaled by pixel_size / size.
    The view stays scaled for print: screenshot() takes it again."""
    width, height = pixel_size
    scale = width / float(size[0])
    factor = _magnification(size[0], width)
    tile = [int(math.ceil(width / float(factor))), int(math.ceil(height / float(factor)))]
    view.ViewSize = tile
    # SaveScreenshot scales the text of displays (and legends) by the tiling factor, and all
    # text is drawn in points at the view's PPI: the PPI makes up the rest of the scale. The
    # axes grid's labels follow the PPI only: their font sizes take the tiling factor. Lines are
    # drawn in pixels, tile by tile: widened by the whole scale. (The axes grid's lines stay one
    # pixel wide: ParaView's axes grid has no line width to set.)
    view.PPI = int(round(72 * scale / factor))
    if view.AxesGrid.Visibility:
        for axis in "XYZ":
            for text in ("Label", "Title"):
                name = "%s%sFontSize" % (axis, text)
                setattr(view.AxesGrid, name, int(round(getattr(view.AxesGrid, name) * factor)))
    for representation in view.Representations:
        if representation.GetProperty("LineWidth") is not None:
            representation.LineWidth = representation.LineWidth * scale
    # Translucent faces composited exactly, as the vector PDF draws them (see the module).
    view.DepthPeeling = 1
    view.MaximumNumberOfPeels = max(view.MaximumNumberOfPeels, PRINT_PEELS)
    return screenshot(view, factor, pixel_size, transparent)


def screenshot(view, factor, pixel_size, transparent):
    """The RGBA pixels of `view`, as capture() scaled it for print, in `factor` x `factor`
    tiles cropped to `pixel_size`."""
    from paraview import simple
    width, height = pixel_size
    with tempfile.TemporaryDirectory(prefix="paravoxel-still-") as folder:
        tiled = os.path.join(folder, "tiled.png")
        simple.SaveScreenshot(tiled, view, ImageResolution=[t * factor for t in view.ViewSize],
                              TransparentBackground=int(transparent))
        pixels = read_png_rgba(tiled)
    # The tiles may overshoot by a few pixels: keep the middle.
    top, left = (pixels.shape[0] - height) // 2, (pixels.shape[1] - width) // 2
    return np.ascontiguousarray(pixels[top:top + height, left:left + width])


def _png_chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def write_png(path, pixels, dpi=None):
    """Writes RGBA `pixels` (rows from the top) as an 8-bit RGBA PNG, with its resolution in a
    pHYs chunk when `dpi` is given (VTK's PNG writer writes none, and journals read it)."""
    rows, columns, _ = pixels.shape
    scanlines = np.hstack([np.zeros((rows, 1), np.uint8), pixels.reshape(rows, -1)])
    chunks = [_png_chunk(b"IHDR", struct.pack(">IIBBBBB", columns, rows, 8, 6, 0, 0, 0))]
    if dpi:
        per_metre = int(round(dpi / MM_PER_INCH * 1000))
        chunks.append(_png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    chunks.append(_png_chunk(b"IDAT", zlib.compress(scanlines.tobytes(), 6)))
    chunks.append(_png_chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + b"".join(chunks))


def _pdf(objects, path):
    """Writes a one-page PDF of `objects` (bytes of objects 1, 2, ...; 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(bytes(out))


def _stream(dictionary, data):
    return b"<< %s /Length %d >>\nstream\n" % (dictionary, len(data)) + data + b"\nendstream"


def write_raster_pdf(path, pixels, page_size):
    """Writes RGBA `pixels` as a one-page PDF of `page_size` points: the image, its alpha as a
    soft mask (a transparent background stays transparent)."""
    rows, columns, _ = pixels.shape
    width, height = page_size
    image = (b"/Type /XObject /Subtype /Image /Width %d /Height %d /BitsPerComponent 8 "
             b"/Filter /FlateDecode" % (columns, rows))
    content = b"q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q" % (width, height)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.4f %.4f] /Contents 4 0 R "
               b"/Resources << /XObject << /Im0 5 0 R >> >> >>" % (width, height),
               _stream(b"", content),
               _stream(image + b" /ColorSpace /DeviceRGB /SMask 6 0 R",
                       zlib.compress(pixels[..., :3].tobytes(), 6)),
               _stream(image + b" /ColorSpace /DeviceGray",
                       zlib.compress(pixels[..., 3].tobytes(), 6))]
    _pdf(objects, path)


def rasterize_pdf(path, pixel_size, transparent):
    """The RGBA pixels (rows from the top) of the one-page PDF `path` drawn `pixel_size` by
    poppler's pdftocairo (poppler-utils), on a transparent page if `transparent`."""
    pdftocairo = shutil.which("pdftocairo")
    if not pdftocairo:
        raise RuntimeError("pdftocairo not found: the PNG of a chart is drawn from its vector PDF "
                           "by poppler-utils (scripts/install-deps.sh installs it)")
    with tempfile.TemporaryDirectory(prefix="paravoxel-still-") as folder:
        base = os.path.join(folder, "page")
        subprocess.run([pdftocairo, "-png", "-singlefile", "-scale-to-x", str(pixel_size[0]),
                        "-scale-to-y", str(pixel_size[1])] + (["-transp"] if transparent else [])
                       + [path, base], check=True)
        return read_png_rgba(base + ".png")


def read_png_rgba(path):
    """The pixels of the PNG `path` as RGBA rows from the top (height x width x 4 uint8)."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkIOImage import vtkPNGReader
    reader = vtkPNGReader()
    reader.SetFileName(path)
    reader.Update()
    image = reader.GetOutput()
    columns, rows, _ = image.GetDimensions()
    pixels = vtk_to_numpy(image.GetPointData().GetScalars()).reshape(rows, columns, -1)
    if pixels.shape[2] == 3:
        pixels = np.dstack([pixels, np.full(pixels.shape[:2], 255, np.uint8)])
    # VTK's first row is the bottom one.
    return np.ascontiguousarray(pixels[::-1])


def export_chart(view, path, page_size, transparent):
    """Exports the chart `view` through ParaView's GL2PS exporter (ExportView) as a vector PDF
    or SVG (by `path`'s extension) scaled to `page_size` points, without its background when
    `transparent`."""
    from paraview import simple
    with tempfile.TemporaryDirectory(prefix="paravoxel-still-") as folder:
        exported = os.path.join(folder, "chart" + os.path.splitext(path)[1])
        simple.ExportView(exported, view=view)
        with open(exported, "rb") as f:
            data = f.read()
    width, height = view.ViewSize
    if path.endswith(".svg"):
        # GL2PS sizes the page in points, one per pixel; the viewBox keeps the drawing's units.
        data = re.sub(rb'width="[^"]*" height="[^"]*"',
                      b'width="%.3fpt" height="%.3fpt"' % page_size, data, count=1)
        with open(path, "wb") as f:
            f.write(data)
        return
    _rescale_gl2ps_pdf(data, path, (page_size[0] / width, page_size[1] / height), transparent)


def _rescale_gl2ps_pdf(data, path, scale, transparent):
    """Rewrites GL2PS's PDF `data` (uncompressed, one page) into `path` with its page and
    drawing scaled by `scale` (x, y), its content compressed, and without the operators VTK's text
    paths add that are not PDF ("1.00 ca", "/GS10 gs" of graphics states it never defines:
    poppler reports each as a syntax error); `transparent`: without the background raster."""
    objects = dict((int(number), body) for number, body in
                   re.findall(rb"(?ms)^(\d+) 0 obj\s*(.*?)\s*endobj", data))
    page = next(number for number, body in objects.items()
                if re.search(rb"/Type\s*/Page(?!s)", body))
    contents = int(re.search(rb"/Contents (\d+) 0 R", objects[page]).group(1))
    length = re.search(rb"/Length (\d+) 0 R", objects[contents])
    stream = re.search(rb"(?s)stream\r?\n(.*)endstream", objects[contents]).group(1)
    defined = set(re.findall(rb"/(GS\w+) \d+ 0 R", data))
    stream = re.sub(rb"(?m)^/(GS\w+) gs\s*$",
                    lambda m: m.group(0) if m.group(1) in defined else b"", stream)
    stream = re.sub(rb"(?m)^[\d.]+ ca\s*$", b"", stream)
    if transparent:
        # The background raster, GL2PS's first image, drawn first.
        stream = stream.replace(b"/Im0 Do", b"", 1)
        background = re.search(rb"/Im0 (\d+) 0 R", objects[page])
        if background:
            del objects[int(background.group(1))]
            objects[page] = objects[page].replace(background.group(0), b"")
    stream = b"%.6f 0 0 %.6f 0 0 cm\n" % scale + stream
    objects[contents] = _stream(b"/Filter /FlateDecode", zlib.compress(stream, 6))
    if length:
        del objects[int(length.group(1))]

    def scaled(match):
        return b"/MediaBox [0 0 %.4f %.4f]" % (float(match.group(1)) * scale[0],
                                                float(match.group(2)) * scale[1])
    objects[page] = re.sub(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", scaled,
                           objects[page])
    # Number the objects 1, 2, ... again, catalog first, as _pdf writes them.
    catalog = next(number for number, body in objects.items() if b"/Catalog" in body)
    order = [catalog] + sorted(number for number in objects if number != catalog)
    renumber = dict((old, new) for new, old in enumerate(order, 1))

    def reference(match):
        return b"%d 0 R" % renumber[int(match.group(1))]
    _pdf([re.sub(rb"(\d+) 0 R", reference, objects[number]) if b"stream" not in objects[number]
          else _rereference(objects[number], reference) for number in order], path)


def _rereference(body, reference):
    """`body`, an object with a stream, with the references of its dictionary renumbered (the
    stream itself is left alone)."""
    head, separator, tail = body.partition(b"stream")
    return re.sub(rb"(\d+) 0 R", reference, head) + separator + tail

