"""Print-ready stills (paravoxel.gallery.stills) of a histogram (a chart view), the 3x3x3 cubes
with edges, the exploded cubes (translucent and opaque, colours as they are) and the full 50^3
view (render views, the voxels coloured through a colour map with opacity mapping), 180 mm wide
at 300 dpi on a transparent background, in PNG, PDF and SVG, as `scripts/render.sh --width-mm
180 --dpi 300 --transparent --format png,pdf,svg` makes them:
- each PNG is 2126 px wide, its height by the figure's aspect ratio, RGBA with a transparent
  background and an opaque figure, 300 dpi in its pHYs chunk;
- the print PNGs of the 3D views, brought down to the figures' own 700 px, match their
  baselines (same framing, colours and layout; fig11, whose translucent faces the screen blends
  in one pass and the print composites exactly, its outline and axes grid);
- the axes grid's labels are scaled too: above the cubes (only labels and grid lines there)
  the print brought down to 700 px is about as dark as the baseline;
- fonts and lines are scaled with the pixels: in a view of one text and one line of width 3,
  both are 2126 / 700 times as tall and thick in print as on screen;
- each PDF is 180 mm wide, and poppler's pdftoppm draws it at 300 dpi like the PNG;
- the histogram's PDF is all vector (no image in it); the 3D views' PDFs draw each visible face
  as a vector path (paravoxel.gallery.vector), their only image the 2D layer (axes grid, mostly
  transparent), and poppler's drawing of them matches the PNG: this fails if the faces are
  sorted front to back or their colours not mapped (the thresholds below);
- each SVG is 180 mm wide with vector paths;
- a view that is not all polygons (a line) and a view of more faces than vector.MAX_FACES get
  the print raster in their PDFs instead.
"""
import os
import re
import struct
import subprocess
import tempfile
import zlib

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonDataModel import vtkImageData
from vtkmodules.vtkImagingCore import vtkImageResize

from paravoxel.gallery import vector
from paravoxel.gallery.figures import CUBE_FIGURES
from paravoxel.gallery.render import render_all
from paravoxel.gallery.stills import Still, printing, read_png_rgba
from paravoxel_testing import PLUGIN, fail

SOURCE = os.environ["PARAVOXEL_SOURCE_DIR"]
ATTENTION = os.path.join(SOURCE, "Examples", "data", "attention.zip")
BASELINES = os.path.join(SOURCE, "Testing", "Baseline", "figures")
WIDTH_MM, DPI, WIDTH = 180, 300, 2126  # round(180 / 25.4 * 300)
# Designed sizes of the figures (their baselines' pixel sizes).
FIGURES = {"fig02_histogram": (800, 500), "fig04_cubes": (700, 700),
           "fig08_exploded": (700, 700), "fig11_full_50": (700, 700)}
CHARTS = {"fig02_histogram"}
# Images are compared by the share of their pixels whose colours differ by more than
# PIXEL_THRESHOLD in some channel (as figures.images counts pixels; a share, since these images
# are 9 times the baselines' pixels). PDF against PNG: the 3D views' PDFs hold the PNG itself
# and the histogram's PNG is its PDF drawn by cairo (pdftocairo); poppler's pdftoppm composites
# the soft mask and anti-aliases edges its own way: measured 0.8 to 1.2 % of the pixels.
# Print PNG brought down to the designed size against the baseline: resampling blurs the edges,
# and the axes grid's lines stay 1 px thin at print size: measured 1.7 to 1.9 %. (Labels a
# third of their size change too few pixels for this to see: the text-and-line view does.)
PIXEL_THRESHOLD = 20
PDF_THRESHOLD = 0.03
DESIGN_THRESHOLD = 0.03
# The screen figures blend translucent faces in one pass, the print composites them exactly
# (stills.PRINT_PEELS): where many layers overlap the pictures differ (26 % of fig11's pixels),
# so the print is held to its baseline by what is drawn where (the figure's outline, the axes
# grid: measured 0.9 %), its colours by its vector PDF.
BLENDED_ON_SCREEN = {"fig11_full_50"}
# The 3D views' vector PDFs against their PNGs (ParaView's pixels): VTK and poppler anti-alias
# the faces' edges differently, and the edges are drawn a little apart. fig04 (opaque, grey
# edges): measured 1.35 %, 40.8 % with the faces drawn front to back. fig08 (translucent blue
# around an opaque red voxel, colours as they are, Map Scalars off): 0.94 %, 3.3 % front to
# back (the blue faces over the red voxel). fig11 (200 k translucent faces through a colour map
# with opacity mapping): 1.5 %, 26 % with the print PNG blended in one pass as
# on screen (stills.PRINT_PEELS), 31 % with the colour map not applied (grey faces).
PDF_THRESHOLDS = {"fig04_cubes": 0.03, "fig08_exploded": 0.02, "fig11_full_50": 0.04}
# The mean colour (0..255 a channel, on white) of the figure's pixels, PDF against PNG, at most
# this far apart in every channel: measured within 1 (fig11: 26 blended in one pass, 75 with
# the colour map not applied).
MEAN_COLOUR_THRESHOLD = 5
# Faces drawn as paths at least (fig04: 62 visible faces, fig08: 162, fig11: 201669), and the
# share of the 2D layer (the PDF's only image) that is not transparent: measured 0.6 to 0.85 %
# (the print raster of the cubes: 20 % and more).
MIN_PATHS = {"fig04_cubes": 50, "fig08_exploded": 140, "fig11_full_50": 150000}
LAYER_COVER = 0.05
# The band above the cubes (rows 0 to 100 of 700 in fig04_cubes) holds only the axes grid's
# labels and lines: its dark pixels (all channels under 160) in the print brought down to 700 px
# against the baseline's: measured 0.72 (the grid's lines are thinner in print), 0.22 with the
# labels' font sizes left as on screen.
LABEL_BAND = ("fig04_cubes", slice(0, 100))
LABEL_INK_RATIO = 0.5
# Text height and line thickness in print / on screen, against 2126 / 700 = 3.04: glyphs round
# to whole pixels (a 17 px high text on screen) and lines are drawn a whole number of pixels
# wide (3 on screen, 9 in print for 9.1): 15 % either way; unscaled they come out at 1 (the
# line) or scaled twice at 9 (the text, by SaveScreenshot's font scaling and the whole PPI).


def dark_rows(rgb, rows, columns):
    """How many rows of rgb[rows, columns] hold a dark pixel."""
    return int((rgb[rows, columns].max(axis=2) < 128).any(axis=1).sum())


def ink_thickness(rgb, rows, column):
    """The thickness in pixels of black on white across rgb[rows, column], anti-aliased edges
    counted by their darkness."""
    return float((1 - rgb[rows, column].mean(axis=1) / 255.0).sum())


def text_and_line(path, still):
    """Saves, with `still`, a 700 x 700 figure of one 18-point text in its upper left corner and
    one black horizontal line of width 3 across its middle; returns (text height, line
    thickness) in pixels."""
    from paraview import simple
    from paravoxel.gallery import stills, views
    view = views.render_view()
    views.corner_text(view, "Voxels 300 dpi", "Upper Left Corner", 18)
    line = simple.Show(simple.Line(Point1=[-1, 0, 0], Point2=[1, 0, 0]), view)
    line.LineWidth = 3
    line.AmbientColor = line.DiffuseColor = [0, 0, 0]
    view.ResetCamera()
    with stills.printing(still):
        views.save(view, path)
    rgb = on_white(read_png_rgba(path))
    height, width, _ = rgb.shape
    return (dark_rows(rgb, slice(0, height // 4), slice(0, width // 2)),
            ink_thickness(rgb, slice(height // 4, 3 * height // 4), width // 2))


def png_chunks(path):
    """{chunk type: data} of the PNG `path` (the first of each type)."""
    with open(path, "rb") as f:
        data = f.read()
    chunks, offset = {}, 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        chunks.setdefault(kind.decode(), data[offset + 8:offset + 8 + length])
        offset += 12 + length
    return chunks


def on_white(pixels):
    """RGB uint8 of RGBA `pixels` composited over white."""
    alpha = pixels[..., 3:4] / 255.0
    return np.round(pixels[..., :3] * alpha + 255 * (1 - alpha)).astype(np.uint8)


def vtk_image(rgb):
    """vtkImageData of RGB rows from the top (VTK's first row is the bottom one)."""
    rows, columns, _ = rgb.shape
    image = vtkImageData()
    image.SetDimensions(columns, rows, 1)
    scalars = numpy_to_vtk(np.ascontiguousarray(rgb[::-1]).reshape(-1, 3), deep=True)
    image.GetPointData().SetScalars(scalars)
    return image


def share_different(rgb, reference):
    """The share of pixels whose colours differ by more than PIXEL_THRESHOLD in some channel."""
    difference = np.abs(rgb.astype(int) - reference.astype(int)).max(axis=2)
    return (difference > PIXEL_THRESHOLD).mean()


def resized(rgb, size):
    resize = vtkImageResize()
    resize.SetInputData(vtk_image(rgb))
    resize.SetOutputDimensions(size[0], size[1], 1)
    resize.Update()
    image = resize.GetOutput()
    return vtk_to_numpy(image.GetPointData().GetScalars()).reshape(size[1], size[0], 3)[::-1]


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def pdf_images(path):
    """(width, height, x ppi, y ppi) of each image (soft masks left out) of the PDF `path`."""
    images = [line.split() for line in run("pdfimages", "-list", path).splitlines()[2:]]
    return [(int(f[3]), int(f[4]), int(f[12]), int(f[13])) for f in images if f[2] == "image"]


def pdf_paths(path):
    """How many closed paths (h operators) the content streams of the PDF `path` draw."""
    with open(path, "rb") as f:
        data = f.read()
    count = 0
    for stream in re.findall(rb"(?s)/FlateDecode.*?stream\r?\n(.*?)endstream", data):
        try:
            count += len(re.findall(rb"(?m)^h$", zlib.decompress(stream)))
        except zlib.error:
            pass  # an image's stream, not deflated content
    return count


def layer_cover(path, folder):
    """The share of the soft mask of the PDF `path`'s first image (its 2D layer) that is not
    transparent; 0 without images."""
    prefix = os.path.join(folder, "layer")
    run("pdfimages", "-png", "-f", "1", "-l", "1", path, prefix)
    masks = sorted(name for name in os.listdir(folder) if name.startswith("layer-"))
    if len(masks) < 2:
        return 0.0
    mask = read_png_rgba(os.path.join(folder, masks[1]))[..., 0]
    for name in masks:
        os.remove(os.path.join(folder, name))
    return float((mask > 0).mean())


out = tempfile.mkdtemp(prefix="paravoxel-print-")
render_all(PLUGIN, ATTENTION, out, still=Still(WIDTH_MM, DPI, True, ("png", "pdf", "svg")),
           only=tuple(FIGURES))
failures = []
for name, design in sorted(FIGURES.items()):
    stem = os.path.join(out, name)
    height = int(round(WIDTH * design[1] / float(design[0])))

    # The PNG: pixel size, pHYs, alpha.
    chunks = png_chunks(stem + ".png")
    columns, rows, depth, colour = struct.unpack(">IIBB", chunks["IHDR"][:10])
    if (columns, rows, depth, colour) != (WIDTH, height, 8, 6):
        failures.append("%s.png: %d x %d, %d bits, colour type %d; expected %d x %d RGBA 8 bits"
                        % (name, columns, rows, depth, colour, WIDTH, height))
        continue
    phys = struct.unpack(">IIB", chunks["pHYs"]) if "pHYs" in chunks else None
    if not phys or phys[2] != 1 or abs(phys[0] * 0.0254 - DPI) > 0.5 or phys[0] != phys[1]:
        failures.append("%s.png: pHYs %s, expected %d dpi in pixels per metre" % (name, phys, DPI))
    pixels = read_png_rgba(stem + ".png")
    alpha = pixels[..., 3]
    if alpha[0, 0] != 0 or alpha[-1, -1] != 0 or (alpha == 255).mean() < 0.02:
        failures.append("%s.png: corners' alpha %d, %d and %.3f of it opaque: expected a "
                        "transparent background around an opaque figure"
                        % (name, alpha[0, 0], alpha[-1, -1], (alpha == 255).mean()))
    print_rgb = on_white(pixels)

    # The PDF: page size, what is raster, and poppler's drawing of it against the PNG.
    info = run("pdfinfo", stem + ".pdf")
    page = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    expected_page = (WIDTH / float(DPI) * 72, height / float(DPI) * 72)
    if not page or any(abs(float(page.group(i + 1)) - expected_page[i]) > 0.05 for i in range(2)):
        failures.append("%s.pdf: page %s, expected %.2f x %.2f pt (%d mm wide)"
                        % (name, page and page.groups(), expected_page[0], expected_page[1],
                           WIDTH_MM))
    images = pdf_images(stem + ".pdf")
    if name in CHARTS:
        if images:
            failures.append("%s.pdf should be all vector, has images %s" % (name, images))
    else:
        paths, cover = pdf_paths(stem + ".pdf"), layer_cover(stem + ".pdf", out)
        print("%-16s PDF: %d paths, its image %s covers %.2f %% of the page"
              % (name, paths, images, 100 * cover))
        if paths < MIN_PATHS[name]:
            failures.append("%s.pdf has %d paths: its faces should be vectors (%d or more)"
                            % (name, paths, MIN_PATHS[name]))
        if images != [(WIDTH, height, DPI, DPI)] or cover > LAYER_COVER:
            failures.append("%s.pdf should hold one %d x %d image at %d ppi, the 2D layer "
                            "(at most %.0f %% opaque), has %s, %.2f %% opaque"
                            % (name, WIDTH, height, DPI, 100 * LAYER_COVER, images, 100 * cover))
    drawn = os.path.join(out, name + "-pdf")
    run("pdftoppm", "-png", "-singlefile", "-r", str(DPI), stem + ".pdf", drawn)
    drawn_rgb = read_png_rgba(drawn + ".png")[..., :3]
    if drawn_rgb.shape != print_rgb.shape:
        failures.append("%s.pdf drawn at %d dpi is %s, the PNG %s"
                        % (name, DPI, drawn_rgb.shape, print_rgb.shape))
    else:
        pdf_share = share_different(drawn_rgb, print_rgb)
        threshold = PDF_THRESHOLDS.get(name, PDF_THRESHOLD)
        print("%-16s PDF at %d dpi vs PNG: %.2f %% of the pixels differ"
              % (name, DPI, 100 * pdf_share))
        if pdf_share > threshold:
            failures.append("%s.pdf differs from its PNG at %d dpi (%.2f %% of the pixels > "
                            "%.0f %%): %s.png" % (name, DPI, 100 * pdf_share,
                                                  100 * threshold, drawn))
        figure = alpha > 0
        means = [rgb[figure].mean(axis=0) for rgb in (drawn_rgb, print_rgb)]
        print("%-16s mean colour of the figure: PDF %s, PNG %s"
              % (name, np.round(means[0]), np.round(means[1])))
        if np.abs(means[0] - means[1]).max() > MEAN_COLOUR_THRESHOLD:
            failures.append("%s.pdf's mean colour %s is not its PNG's %s"
                            % (name, np.round(means[0]), np.round(means[1])))

    # The SVG.
    svg = stem + ".svg"
    text = open(svg).read() if os.path.exists(svg) else ""
    size = re.search(r'<svg[^>]*width="([\d.]+)pt" height="([\d.]+)pt"', text)
    shapes = text.count("<path") + text.count("<polygon") + text.count("<use")
    if not size or abs(float(size.group(1)) - expected_page[0]) > 0.05 \
            or shapes < MIN_PATHS.get(name, 50):
        failures.append("%s.svg: size %s and %d paths; expected %.2f pt wide, vectors"
                        % (name, size and size.groups(), shapes, expected_page[0]))

    # Fonts and lines in proportion: the print brought down to the designed size.
    if name not in CHARTS:
        baseline = read_png_rgba(os.path.join(BASELINES, name + ".png"))[..., :3]
        brought_down = resized(print_rgb, design)
        if name in BLENDED_ON_SCREEN:
            # Only the figure's outline and the axes grid can be compared (see above).
            brought_down, baseline = (np.where((rgb < 250).any(axis=2, keepdims=True), 0, 255)
                                      for rgb in (brought_down, baseline))
        design_share = share_different(brought_down, baseline)
        print("%-16s print at %d px brought to %d px vs baseline: %.2f %% of the pixels differ"
              % (name, WIDTH, design[0], 100 * design_share))
        if design_share > DESIGN_THRESHOLD:
            failures.append("%s.png at %d px is out of proportion with its %d px baseline "
                            "(%.2f %% of the pixels differ > %.0f %%)"
                            % (name, WIDTH, design[0], 100 * design_share,
                               100 * DESIGN_THRESHOLD))
        if name == LABEL_BAND[0]:
            ink = [(rgb[LABEL_BAND[1]].max(axis=2) < 160).mean() for rgb in (brought_down,
                                                                              baseline)]
            print("%-16s axes grid labels: %.4f of the band dark in print, %.4f in the "
                  "baseline" % (name, ink[0], ink[1]))
            if ink[0] < LABEL_INK_RATIO * ink[1]:
                failures.append("%s: the axes grid's labels are too small in print (%.4f of "
                                "the band dark, the baseline %.4f)" % (name, ink[0], ink[1]))
screen = text_and_line(os.path.join(out, "text_screen.png"), Still())
printed = text_and_line(os.path.join(out, "text_print.png"),
                        Still(WIDTH_MM, DPI, True, ("png", "pdf")))
# Views the vector writer leaves to the raster: a line (not a polygonal surface), and the cubes
# with the limit on faces below their 62 and more.
vector.MAX_FACES = 40
_, _, _, cubes_figure, arguments = CUBE_FIGURES[0]
with printing(Still(WIDTH_MM, DPI, True, ("png", "pdf"))):
    cubes_figure(os.path.join(out, "raster_cubes.png"), **arguments)
for stem in (os.path.join(out, "text_print"), os.path.join(out, "raster_cubes")):
    if pdf_images(stem + ".pdf") != [(WIDTH, WIDTH, DPI, DPI)] or pdf_paths(stem + ".pdf"):
        failures.append("%s.pdf should be the print raster alone: has images %s and %d paths"
                        % (stem, pdf_images(stem + ".pdf"), pdf_paths(stem + ".pdf")))
for what, on_screen, in_print in zip(("text height", "line thickness"), screen, printed):
    ratio = in_print / float(max(on_screen, 1))
    print("%s: %.1f px on screen, %.1f px in print: x %.2f (pixels x %.2f)"
          % (what, on_screen, in_print, ratio, WIDTH / 700.0))
    if not 0.85 < ratio / (WIDTH / 700.0) < 1.15:
        failures.append("%s in print is x %.2f that on screen, the pixels x %.2f: not in "
                        "proportion" % (what, ratio, WIDTH / 700.0))
if failures:
    fail("\n".join(failures))
print("print-ready stills of %s: sizes, dpi, alpha, PDFs and SVGs as expected (%s)"
      % (", ".join(sorted(FIGURES)), out))
