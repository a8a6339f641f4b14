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

The far-side limbs get a mark of their own the same way: a light dot pattern (``dotted``,
sized in millimetres too). Their light grey, like the orange, turns white at a threshold;
plain white inside a thin edge it looked like the start pose's outline. Dotted, it is white
with black dots there: neither the start's empty dashed outline nor the band's stripes.
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
    """``items`` with the stripes drawn over each run of accent-coloured items and the dots
    over each run of far-side items, right after the run (so the parts drawn later still cover
    them). ``mm_per_unit``: millimetres per body height."""
    if not any(item.role in MARKED for item in items):
        return items
    out: list[Item] = []
    run: list[Item] = []
    for item in items:
        if run and item.role != run[0].role:
            out += run + MARKED[run[0].role](run, mm_per_unit)
            run = []
        if item.role in MARKED:
            run.append(item)
        else:
            out.append(item)
    if run:
        out += run + MARKED[run[0].role](run, mm_per_unit)
    return tuple(out)


#: The far side's dots: distance between neighbours along a row and between rows, and each
#: dot's radius, in millimetres on the page. A dot 0.34 mm across is 8 dots of a 600 dpi laser
#: and 4 of a 300 dpi copier, so it prints black at a threshold; 1.2 mm apart they cover
#: about a sixteenth of the limb, which stays light grey in colour (a calm texture, not a
#: second tone; a millimetre apart looked busy at the EPUB's size), and the chart's smallest
#: figure (19 mm stature) still has a row of them along its narrowest far limb (a forearm
#: 0.8 mm wide).
DOT_PERIOD_MM = 1.2
DOT_RADIUS_MM = 0.17


def dotted(run: list[Item], mm_per_unit: float) -> list[Item]:
    """Dots over a run of far-side strokes: rows along each segment of each stroke, as many
    rows as its width holds (at least one, along its middle), a row's dots half a period on
    from its neighbour's. Where two segments meet, their rows cross: a dot there closer than
    half a period to one already placed is left out (only dots that near a segment's end are
    looked at: the segments of a limb overlap only round the joints they share). Each dot is a
    very short round-capped stroke: a dot in every renderer, a few bytes in a PDF."""
    period, r = DOT_PERIOD_MM / mm_per_unit, DOT_RADIUS_MM / mm_per_unit
    apart = (period / 2) ** 2
    placed: dict[tuple[int, int], list[tuple[float, float]]] = {}
    out: list[Item] = []
    for item in run:
        if not isinstance(item, Stroke) or item.width < HAIRLINE:
            continue
        room = item.width / 2 - 1.5 * r  # a dot's centre keeps this far in from the edge
        if room < 0:
            continue
        rows = int(2 * room / period) + 1
        joint = item.width + period  # dots this near a segment's end may meet another segment's
        for a, b in zip(item.points, item.points[1:]):
            length = math.hypot(b[0] - a[0], b[1] - a[1])
            if length < 1e-9:
                continue
            ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
            for row in range(rows):
                off = (row - (rows - 1) / 2) * period
                along = period / 2 * (row % 2)
                while along <= length:
                    x, y = a[0] + ux * along - uy * off, a[1] + uy * along + ux * off
                    along += period
                    if along - period < joint or along - period > length - joint:
                        cx, cy = math.floor(x / period), math.floor(y / period)
                        if any((x - px) ** 2 + (y - py) ** 2 < apart
                               for i in (-1, 0, 1) for j in (-1, 0, 1) for px, py in placed.get((cx + i, cy + j), ())):
                            continue
                        placed.setdefault((cx, cy), []).append((x, y))
                    out.append(Stroke(((x - r * 0.1, y), (x + r * 0.1, y)), 2 * r, "far_dot"))
    return out


def _stripes(run: list[Item], mm_per_unit: float) -> list[Item]:
    """The stripes across a run of accent-coloured items (see ``striped``)."""
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


#: The roles whose runs carry a mark of their own, and what draws it.
MARKED = {"accent": _stripes, "far": dotted}
