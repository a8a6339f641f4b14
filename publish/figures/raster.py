"""PNG rendering with Pillow: drawn at twice the size, then reduced, for smooth edges.

Twice is enough at the widths asked for (1200 px for the EPUB): four times looked the same and
cost four times the pixels. The result is stored as an 8-bit palette (the figures are line art
in a few colours and their blended edges), a third of the RGB file's size.

Pillow draws wide lines with square ends, so every stroke is drawn as its segments plus a
disc at each point, which gives the round caps and joins of the other renderings.
"""

from __future__ import annotations

import io

from publish.figures.scene import Disc, Scene, Shape, Stroke
from publish.figures.style import DEFAULT, FigureStyle, rgb

SUPERSAMPLE = 2

#: Colours in the PNG's palette: the style's few, plus the shades their edges blend through.
PALETTE_COLOURS = 64

#: How far (per channel) a palette entry may sit from a style colour and still be made it.
SNAP = 3

#: Roles a scene colours (FigureStyle's fields besides the paper).
ROLES = ("ink", "far", "far_edge", "start", "accent", "arrow", "floor", "mat")


def render_png(scene: Scene, width_px: int, style: FigureStyle | None = None) -> bytes:
    from PIL import Image, ImageDraw

    style = style or DEFAULT
    x0, y0, x1, y1 = scene.bounds
    height_px = max(1, round(width_px * scene.height / scene.width))
    big_w, big_h = width_px * SUPERSAMPLE, height_px * SUPERSAMPLE
    k = big_w / scene.width

    def at(p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] - x0) * k, (y1 - p[1]) * k

    image = Image.new("RGB", (big_w, big_h), rgb(style.paper))
    draw = ImageDraw.Draw(image)
    for item in scene.items:
        colour = rgb(style.colour(item.role))
        if isinstance(item, Disc):
            (cx, cy), r = at(item.centre), item.radius * k
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
        elif isinstance(item, Shape):
            draw.polygon([at(p) for p in item.points], fill=colour)
        elif isinstance(item, Stroke):
            points = [at(p) for p in item.points]
            w = item.width * k
            if len(points) > 1:
                draw.line(points, fill=colour, width=max(1, round(w)))
            r = w / 2
            for cx, cy in points:
                draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
    image = _palette(image.reduce(SUPERSAMPLE), style)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _palette(image, style: FigureStyle):
    """``image`` in an 8-bit palette whose entries near a style colour are that colour exactly.

    The fast octree quantiser lands a colour a step or two off (white as 254); its few
    entries are snapped back, so the paper stays white and each tone stays the tone it is.
    """
    from PIL import Image

    image = image.quantize(PALETTE_COLOURS, Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    exact = {rgb(style.paper)} | {rgb(style.colour(role)) for role in ROLES}
    palette = image.getpalette()
    for at in range(0, len(palette), 3):
        entry = tuple(palette[at : at + 3])
        near = min(exact, key=lambda c: max(abs(c[0] - entry[0]), abs(c[1] - entry[1]), abs(c[2] - entry[2])))
        if max(abs(near[i] - entry[i]) for i in range(3)) <= SNAP:
            palette[at : at + 3] = near
    image.putpalette(palette)
    return image
