"""The working-muscle band's stripes: dark lines across the orange, clipped to the band.

Orange alone is a colour code: greyscale makes it one more grey limb, and a black-and-white
printer, copier or fax (a 50 % threshold) makes it a white shape in a thin edge, exactly as
it makes the light-grey far-side limbs. Stripes are a mark instead: at a threshold the band
is black and white stripes, which nothing else in a figure is (the floor's hatching is a row
of separate ticks under a line, outside the body).

The stripes are sized on the page, not on the body, because what must survive is the
printer's or the screen's resolution: renderers pass how many millimetres one body height
is drawn at (see ``STRIPE_PERIOD_MM`` for the sizes and why). Every renderer draws the same
stripes, as filled shapes (the band's pieces cut by each stripe's two edges), so no renderer
needs clipping paths or patterns, and the same input still gives the same bytes.
"""

from __future__ import annotations

import math

from publish.figures.scene import Disc, Item, Shape, Stroke

#: Distance between the stripes' centre lines, and each stripe's width, in millimetres on the
#: page. 0.9 mm: a stripe of 0.35 mm is 8 dots of a 600 dpi office laser, 4 of a 300 dpi copier
#: and 2 of a 200 dpi fax, and the white between (0.55 mm) as much again, so both survive a
#: hard threshold; on the smallest figure (the chart's 19 mm stature) the narrowest band, on
#: the back of the thigh, is 0.5 mm wide and still crossed by a stripe every 1.3 mm of its
#: length. Finer and a 300 dpi copy fills it in; much coarser and the narrow bands of a small
#: figure show one stripe or none. Covering about two fifths of the band, they leave it
#: reading first as orange in colour.
STRIPE_PERIOD_MM = 0.9
STRIPE_WIDTH_MM = 0.35

#: The stripes cross the band at this angle to its length (a stripe along the band would read
#: as an edge, one straight across it as the band cut into pieces).
STRIPE_ANGLE = math.radians(-50)

#: A PNG has no size on the page: it is taken at 300 pixels per inch, about what the EPUB's
#: 1200-pixel figures are shown at on an e-reader or printed at, so a stripe is 4 pixels and
#: the period 10.6.
PNG_PIXELS_PER_MM = 300 / 25.4

#: Sides of the polygon standing for a round end of a band.
ROUND = 16

#: Accent strokes thinner than this (body heights) get no stripes: the hairlines round a
#: band's sections (0.004); a band itself is 0.02 or wider.
HAIRLINE = 0.01


def striped(items: tuple[Item, ...], mm_per_unit: float) -> tuple[Item, ...]:
    """``items`` with the stripes drawn over each run of accent-coloured items, right after it
    (so the parts drawn later still cover both). ``mm_per_unit``: millimetres per body height."""
    if not any(item.role == "accent" for item in items):
        return items
    out: list[Item] = []
    run: list[Item] = []
    for item in items:
        if item.role == "accent":
            run.append(item)
            continue
        if run:
            out += run + _stripes(run, mm_per_unit)
            run = []
        out.append(item)
    if run:
        out += run + _stripes(run, mm_per_unit)
    return tuple(out)


def _stripes(run: list[Item], mm_per_unit: float) -> list[Item]:
    pieces = [piece for item in run for piece in _convex_pieces(item)]
    period, width = STRIPE_PERIOD_MM / mm_per_unit, STRIPE_WIDTH_MM / mm_per_unit
    ax, ay = _axis([p for piece in pieces for p in piece])
    c, s = math.cos(STRIPE_ANGLE), math.sin(STRIPE_ANGLE)
    # The stripes' direction is the band's axis turned by STRIPE_ANGLE; n is across them.
    dx, dy = ax * c - ay * s, ax * s + ay * c
    nx, ny = -dy, dx
    smallest = width * width * 0.05
    out: list[Item] = []
    for piece in pieces:
        across = [x * nx + y * ny for x, y in piece]
        first, last = math.floor(min(across) / period), math.ceil(max(across) / period)
        for k in range(first, last + 1):
            low = k * period - width / 2
            cut = _slab(piece, across, low, low + width)
            if len(cut) >= 3 and _area(cut) > smallest:
                out.append(Shape(tuple(cut), "stripe"))
    return out


def _convex_pieces(item: Item) -> list[list[tuple[float, float]]]:
    """The item's area as convex polygons: a stroke's segments as capsules, a disc, a shape.

    A hairline (the seam line drawn round each section of a band) holds no stripe and adds
    nothing to the section it edges: left out."""
    if isinstance(item, Shape):
        return [list(item.points)]
    if isinstance(item, Disc):
        return [_circle(item.centre, item.radius)]
    assert isinstance(item, Stroke)
    r = item.width / 2
    if item.width < HAIRLINE:
        return []
    if len(item.points) == 1:
        return [_circle(item.points[0], r)]
    return [_capsule(a, b, r) for a, b in zip(item.points, item.points[1:])]


def _circle(centre: tuple[float, float], r: float) -> list[tuple[float, float]]:
    cx, cy = centre
    return [(cx + r * math.cos(2 * math.pi * i / ROUND), cy + r * math.sin(2 * math.pi * i / ROUND)) for i in range(ROUND)]


def _capsule(a: tuple[float, float], b: tuple[float, float], r: float) -> list[tuple[float, float]]:
    """A segment widened by ``r`` with round ends, counter-clockwise."""
    angle = math.atan2(b[1] - a[1], b[0] - a[0])
    half = ROUND // 2
    points = []
    for centre, start in ((b, angle - math.pi / 2), (a, angle + math.pi / 2)):
        for i in range(half + 1):
            t = start + math.pi * i / half
            points.append((centre[0] + r * math.cos(t), centre[1] + r * math.sin(t)))
    return points


def _axis(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The band's length direction: its points' principal axis, pointing right (or up)."""
    n = len(points)
    mx, my = sum(p[0] for p in points) / n, sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    syy = sum((p[1] - my) ** 2 for p in points)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in points)
    theta = 0.5 * math.atan2(2 * sxy, sxx - syy)
    ax, ay = math.cos(theta), math.sin(theta)
    if ax < -1e-9 or (abs(ax) <= 1e-9 and ay < 0):
        ax, ay = -ax, -ay
    return ax, ay


def _slab(polygon: list[tuple[float, float]], across: list[float], low: float, high: float) -> list[tuple[float, float]]:
    """The part of a convex polygon where ``low`` <= n·p <= ``high``, given each corner's n·p
    (Sutherland–Hodgman against the slab's two edges)."""
    half: list[tuple[tuple[float, float], float]] = []
    count = len(polygon)
    for i in range(count):
        p, dp = polygon[i], across[i]
        q, dq = polygon[(i + 1) % count], across[(i + 1) % count]
        if dp >= low:
            half.append((p, dp))
        if (dp >= low) != (dq >= low):
            t = (low - dp) / (dq - dp)
            half.append(((p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t), low))
    out: list[tuple[float, float]] = []
    count = len(half)
    for i in range(count):
        p, dp = half[i]
        q, dq = half[(i + 1) % count]
        if dp <= high:
            out.append(p)
        if (dp <= high) != (dq <= high):
            t = (high - dp) / (dq - dp)
            out.append((p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t))
    return out


def _area(polygon: list[tuple[float, float]]) -> float:
    return abs(sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(polygon, polygon[1:] + polygon[:1]))) / 2
