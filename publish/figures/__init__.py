"""Illustrations drawn from pose data: one geometry, rendered to PDF, SVG and PNG.

    drawing(figure, width, height)  reportlab Drawing for the PDFs
    draw(figure, canvas, x, y, w, h, font)  the same drawn straight onto a canvas (faster)
    svg(figure, alt)                standalone SVG for the EPUB
    png(figure, width_px)           PNG (Pillow, no system libraries)
    png_image(figure, width_px)     the same as a Pillow palette image, to compose further
    alt_text(exercise)              the description, composed from the data
    aspect(figure)                  width / height, for sizing boxes
    stature(figure, width, height)  how tall a standing person is drawn in that box (the scale)
    expect(figure, width, height)   a layout will draw it that size (figures prepared elsewhere)
    KEY, key_drawing(role, w, h),   the key to the pictures (role, meaning), printed once per
    key_svg(role, meaning),         product, and each entry's sample drawn like the figures
    key_png(role, width_px), key_png_image(role, width_px)
    write_figures(book, out_dir)    <exercise-id>.svg and .png for every exercise

Importing this package registers nothing and draws nothing; reportlab and Pillow are
imported only when a rendering is asked for.
"""

from publish.figures.alt import alt_text
from publish.figures.output import write_figures
from publish.figures.key import KEY, LOOKS, key_aspect
from publish.figures.render import aspect, draw, drawing, expect, key_draw, key_drawing, key_png, key_png_image, key_svg, png, png_image, stature, svg
from publish.figures.style import FigureStyle

__all__ = [
    "KEY", "LOOKS", "FigureStyle", "alt_text", "aspect", "draw", "drawing", "expect", "key_aspect", "key_draw", "key_drawing", "key_png",
    "key_png_image", "key_svg", "png", "png_image", "stature", "svg", "write_figures",
]  # fmt: skip
