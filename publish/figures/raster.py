"""PNG rendering with Pillow: drawn at four times the size, then reduced, for smooth edges.

Pillow draws wide lines with square ends, so every stroke is drawn as its segments plus a
disc at each point, which gives the round caps and joins of the other renderings.
"""

from __future__ import annotations

import io

from publish.figures.scene import Disc, Scene, Shape, Stroke
from publish.figures.style import DEFAULT, FigureStyle, rgb

SUPERSAMPLE = 4


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
    image = image.reduce(SUPERSAMPLE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
