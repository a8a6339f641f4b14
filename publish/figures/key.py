"""The key to the pictures: one small sample of each mark and what it means.

Every product prints it once (the chart in a spare cell, the booklet before the exercises,
the EPUB in its introduction), drawn by the same renderers as the figures, so the key and the
pictures cannot drift apart. publish/figures/style.py says why the marks survive greyscale.
"""

from __future__ import annotations

from functools import lru_cache

from publish.figures.scene import (
    Disc, Item, Scene, Shape, Stroke, _arrow, _bounds, _clipped, _layered, magnifier, two_way_arrow,
)

#: (role, what it means), in the order a reader meets them. The first five are the meanings
#: of the colours and lines (publish.figures.style.MEANINGS); the last two are the figures'
#: two conventions besides them: the close-up (the drawing-in) and the two-way arrow between
#: side-by-side pictures (the cat).
KEY: tuple[tuple[str, str], ...] = (
    ("start", "Dashed outline: where you start"),
    ("ink", "Black: where you move to, or hold"),
    ("accent", "Orange, striped: the muscles working"),
    ("arrow", "Arrow: which way to move"),
    ("far", "Light grey, dotted: the arm or leg on the far side"),
    ("closeup", "Circle: a close-up of this part"),
    ("twoway", "Two-way arrow: go from one picture to the other and back"),
)

#: What each sample looks like, for alt text where a sample is an image (the EPUB).
LOOKS: dict[str, str] = {
    "start": "A white bar with a dashed grey outline",
    "ink": "A black bar",
    "accent": "A black bar with an orange band edged in white, crossed by dark grey stripes",
    "arrow": "A black arrow",
    "far": "A light grey bar dotted with darker grey, in a thin grey edge",
    "closeup": "A small ring joined by two lines to a larger circle",
    "twoway": "A short black arrow with a head at each end",
}

#: A sample is a short limb this long and wide (body heights), like a forearm in a figure.
LENGTH, WIDTH = 0.3, 0.06
PAD = 0.02


@lru_cache(maxsize=8)
def key_scene(role: str) -> Scene:
    """The sample for one entry of KEY, as a scene the figure renderers draw."""
    limb = Stroke(((0.0, 0.0), (LENGTH, 0.0)), WIDTH, "ink")
    items: list[Item]
    if role == "arrow":
        items = _arrow(((0.0, 0.0), (LENGTH - 0.04, 0.0)))
    elif role == "accent":
        items = _layered([limb], "ink") + _layered([Stroke(limb.points, WIDTH * 0.5, "accent")], "accent")
    elif role in ("start", "ink", "far"):
        items = _layered([Stroke(limb.points, WIDTH, role)], role)
    elif role == "closeup":
        # A ring on a short limb, joined to a larger circle that shows it enlarged.
        ring, radius = WIDTH * 0.4, WIDTH / 2 + 0.012
        centre = (LENGTH - radius + 0.01, 0.0)
        zoom = radius / ring
        part = _layered([Stroke(((0.0, 0.0), (0.1, 0.0)), WIDTH * 0.4, "ink")], "ink")
        half = WIDTH * 0.2 * zoom
        x0, x1 = centre[0] - radius, centre[0] + radius
        enlarged: list[Item] = [Shape(((x0, -half), (x1, -half), (x1, half), (x0, half)), "ink")]
        items = part + magnifier((0.05, 0.0), ring, centre, radius, _clipped(enlarged, centre, radius))
    elif role == "twoway":
        items = two_way_arrow(LENGTH / 2, 0.0, LENGTH / 2 - 0.02)
    else:
        raise ValueError(f"no key entry for {role!r}")
    # A fixed frame, so every sample is drawn at the same scale whatever it holds.
    frame = [Disc((0.0, 0.0), WIDTH / 2 + 0.016, "paper"), Disc((LENGTH, 0.0), WIDTH / 2 + 0.016, "paper")]
    x0, y0, x1, y1 = _bounds(frame + items)
    return Scene(tuple(items), (x0 - PAD, y0 - PAD, x1 + PAD, y1 + PAD))


def key_aspect() -> float:
    """Width over height of every sample."""
    sample = key_scene("ink")
    return sample.width / sample.height
