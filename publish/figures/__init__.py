"""Illustrations drawn from pose data: one geometry, rendered to PDF, SVG and PNG.

    drawing(figure, width, height)  reportlab Drawing for the PDFs
    draw(figure, canvas, x, y, w, h, font)  the same drawn straight onto a canvas (faster)
    svg(figure, alt)                standalone SVG for the EPUB
    png(figure, width_px)           PNG (Pillow, no system libraries)
    alt_text(exercise)              the description, composed from the data
    aspect(figure)                  width / height, for sizing boxes
    write_figures(book, out_dir)    <exercise-id>.svg and .png for every exercise

Importing this package registers nothing and draws nothing; reportlab and Pillow are
imported only when a rendering is asked for.
"""

from publish.figures.alt import alt_text
from publish.figures.output import write_figures
from publish.figures.render import aspect, draw, drawing, png, svg
from publish.figures.style import FigureStyle

__all__ = ["FigureStyle", "alt_text", "aspect", "draw", "drawing", "png", "svg", "write_figures"]
