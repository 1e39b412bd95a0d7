"""The figure gallery: the seed tutorial's figures, overlays in world space and label atlases,
drawn with paraview.simple (pvbatch, or pvpython with the plugin loaded); the overlay archive
needs nibabel and scipy.

Imports run one way: vector (vector PDF and SVG of render views) <- stills (how figures are
saved) <- views (what every figure shares) <- figures, overlays <- atlases (which reads
the overlay archive) <- render (the gallery's folder and index.html, the one module that imports
all the figures); all of them may import the runtime library (paravoxel.images, .labels), which
imports none of them. paravoxel.modules() lists the modules with their summaries.

Nothing is imported here, so that `import paravoxel.gallery.overlays` connects no ParaView
session (importing paraview.simple does).
"""
