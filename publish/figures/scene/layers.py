"""Layering and occlusion: which part is drawn over which, and what of a line is hidden.

A solid part is drawn with a paper halo over the parts behind it; an outlined or far part is
cut where a nearer part covers it, so no line runs through a body. The halo, outline and dash
sizes live here because every drawn line is measured against them.
"""

from __future__ import annotations

import math

from publish.figures.placement import Point
from publish.figures.scene.geometry import (
    _box, _capsule, _circle, _distance, _edges, _flat, _grown_loop, _inside_edges,
    _item_box, _segment_distance,
)
from publish.figures.scene.items import Disc, Item, Shape, Stroke


HALO = 0.009  # the paper line between overlapping parts of a solid body
OUTLINE = 0.009  # the start pose's outline
FAR_EDGE = 0.006  # the far limbs' thin solid edge


def _inside(path: tuple[Point, ...], items: list[Item],
            tests: list[CoverTest] | None = None) -> list[tuple[Point, ...]]:
    """The runs of ``path`` that lie inside some item of ``items`` (``_outside``'s complement).
    ``tests``: the items' ``_cover_tests``, when the caller has them already."""
    samples = _walked(path)
    runs: list[tuple[Point, ...]] = []
    current: list[Point] = []
    for p, covered in zip(samples, _covered_by(samples, _cover_tests(items) if tests is None else tests)):
        if covered:
            current.append(p)
        else:
            if len(current) > 1:
                runs.append(tuple(current))
            current = []
    if len(current) > 1:
        runs.append(tuple(current))
    return runs


def _thigh_from_pelvis(layered: list[Item], thigh: Stroke, sections: list[Item],
                       tests: list[CoverTest] | None = None) -> list[Item]:
    """A solid leg whose thigh grows out of the pelvis: the thigh's paper edge starts where its
    line leaves the torso, so its round top does not show inside the trunk, ringed in paper
    (there it read as a second elbow resting on the belly). ``tests``: the sections'
    ``_cover_tests``, when the caller has them already."""
    samples = _walked(thigh.points)
    inside = _covered_by(samples, _cover_tests(sections) if tests is None else tests)
    exit_at = next((k for k, covered in enumerate(inside) if not covered), 0)
    if exit_at == 0:
        return layered
    out = []
    for item in layered:
        if isinstance(item, Stroke) and item.role == "paper" and item.points == thigh.points:
            item = Stroke((samples[exit_at],) + item.points[1:], item.width, item.role)
        out.append(item)
    return out


def _layered(items: list[Item], role: str, edged: bool = True,
             covers: list[Item] | tuple[Item, ...] = (), cover_tests: list[CoverTest] | None = None) -> list[Item]:
    """A part over its edge: a paper halo under a solid part, a dashed grey line round an
    outline (the start pose: dashed, the drawing convention for "where it was", so it is not
    read as an object such as a ball under the head or a chair's rail). ``edged`` False: a
    solid part with no halo (a band lying on the trunk's surface). ``covers``: other pieces
    the start pose's outline is not drawn inside (a leg's, the torso it grows from);
    ``cover_tests``: their ``_cover_tests``, when the caller has them already."""
    if role == "start":
        # One outline round the whole part: each piece's edge is dashed only where it is not
        # inside another piece (overlapping outlines at every joint read as scribble).
        edges, fills = [], []
        tests = _cover_tests(items)  # once, not once per other piece
        if cover_tests is None:
            cover_tests = _cover_tests(covers)
        for i, item in enumerate(items):
            if isinstance(item, Stroke):
                edge = _capsule(item.points, item.width / 2 + OUTLINE / 2)
                fills.append(Stroke(item.points, item.width, "paper"))
            elif isinstance(item, Disc):
                edge = _circle(item.centre, item.radius + OUTLINE / 2)
                fills.append(Disc(item.centre, item.radius, "paper"))
            else:
                edge = _grown_loop(item.points, OUTLINE / 2)
                fills += [Shape(item.points, "paper"), Stroke(item.points + item.points[:1], 0.004, "paper")]
            for run in _outside(edge, (), tests=tests[:i] + tests[i + 1 :] + cover_tests):
                edges += _dashes(run)
        return edges + fills
    edge_role, fill_role, grow = "paper", role, HALO
    edges: list[Item] = []
    rims: list[Item] = []
    fills: list[Item] = []
    for item in items:
        if isinstance(item, Stroke) and role == "far":
            # Light grey alone vanishes on a black-and-white printer (and on a light mat): a
            # thin solid edge keeps the far limb drawn; solid, unlike the start pose's dashes.
            edges.append(Stroke(item.points, item.width + 2 * (grow + FAR_EDGE), edge_role))
            rims.append(Stroke(item.points, item.width + 2 * FAR_EDGE, "far_edge"))
            fills.append(Stroke(item.points, item.width, fill_role))
        elif isinstance(item, Stroke):
            edges.append(Stroke(item.points, item.width + 2 * grow, edge_role))
            fills.append(Stroke(item.points, item.width, fill_role))
        elif isinstance(item, Disc):
            edges.append(Disc(item.centre, item.radius + grow, edge_role))
            fills.append(Disc(item.centre, item.radius, fill_role))
        else:
            loop = item.points + item.points[:1]
            edges += [Shape(item.points, edge_role), Stroke(loop, 2 * grow, edge_role)]
            # A hairline round each section hides the seams between neighbouring sections.
            fills += [Shape(item.points, fill_role), Stroke(loop, 0.004, fill_role)]
    return (edges + rims if edged else []) + fills


#: The start pose's dashes: length drawn, gap (body heights), measured along the edge.
DASH = (0.026, 0.02)
#: How finely an outline is walked to find where it enters another piece of the part.
OUTLINE_STEP = 0.004


def _outside(path: tuple[Point, ...], others: list[Item],
             boxes: list[tuple[float, float, float, float]] | None = None,
             tests: list[CoverTest] | None = None) -> list[tuple[Point, ...]]:
    """The runs of ``path`` that lie outside every item of ``others``. ``boxes``: each
    other's ``_item_box``, when the caller has them already; ``tests``: their
    ``_cover_tests``, when the caller asks about many paths."""
    if tests is None:
        tests = _cover_tests(others, boxes)
    bx0, by0, bx1, by1 = _box(path)
    near = [t for t in tests if bx0 <= t[2] and t[0] <= bx1 and by0 <= t[3] and t[1] <= by1]
    if not near:
        return [path]
    samples = _walked(path)
    covered = _covered_by(samples, near)
    runs: list[list[Point]] = []
    current: list[Point] = []
    for p, inside in zip(samples, covered):
        if inside:
            if len(current) > 1:
                runs.append(current)
            current = []
        else:
            current.append(p)
    if len(current) > 1:
        runs.append(current)
    if len(runs) > 1 and runs[0][0] == samples[0] and runs[-1][-1] == samples[-1] and path[0] == path[-1]:
        runs[0] = runs.pop() + runs[0][1:]  # a closed outline: the last run goes on into the first
    return [tuple(r) for r in runs]


def _walked(path: tuple[Point, ...]) -> list[Point]:
    """Points along ``path`` every OUTLINE_STEP or less, its corners included."""
    samples: list[Point] = [path[0]]
    append, ceil, hypot = samples.append, math.ceil, math.hypot
    for (ax, ay), (bx, by) in zip(path, path[1:]):
        n = ceil(hypot(ax - bx, ay - by) / OUTLINE_STEP)  # _distance(a, b)
        dx, dy = bx - ax, by - ay
        if n > 1:
            samples += [(ax + dx * k / n, ay + dy * k / n) for k in range(1, n + 1)]
        else:  # one step (n = max(1, n)): dx * 1 / 1 is dx
            append((ax + dx, ay + dy))
    return samples


def _covered(samples: list[Point], items: list[Item],
             boxes: list[tuple[float, float, float, float]] | None = None) -> list[bool]:
    """For each sample, whether some item covers it (``_covers``).

    An item is asked only about the samples inside its box (grown by a hair, far more than
    rounding): no point outside an item's box lies inside it, so the answers are the same,
    for a fraction of the work (an outline is walked in thousands of short steps). A shape
    whose corners all lie on one line is asked about every sample: its test reads any point
    on that line as inside."""
    return _covered_by(samples, _cover_tests(items, boxes))


#: How far beyond an item's box a point may lie and still be asked whether the item covers it.
BOX_HAIR = 1e-9

#: An item made ready to be asked about many points (``_cover_tests``): its box (x0, y0, x1,
#: y1), the box grown by BOX_HAIR, whether every sample is asked (a flat shape), and what its
#: test needs.
CoverTest = tuple

#: Samples are looked at in runs of this many (consecutive along a walked outline, so close
#: together): a run whose box misses an item's box has no sample in it.
SAMPLE_RUN = 16


def _cover_tests(items: list[Item] | tuple[Item, ...],
                 boxes: list[tuple[float, float, float, float]] | None = None) -> list[CoverTest]:
    """Each item's test worked out once, for callers that ask about many paths: the box, a
    shape's edges, whether it is flat, a disc inside it (``_inner_disc``, worked out when
    first worth it), a stroke's segments. The numbers are those ``_covers`` computes, so the
    answers are its own."""
    if boxes is None:
        boxes = [_item_box(o) for o in items]
    tests: list[CoverTest] = []
    for item, box in zip(items, boxes):
        x0, y0, x1, y1 = box
        haired = (x0 - BOX_HAIR, y0 - BOX_HAIR, x1 + BOX_HAIR, y1 + BOX_HAIR)
        if isinstance(item, Shape):
            edges = _edges(item.points)
            flat = _flat(item.points)
            tests.append((x0, y0, x1, y1, haired, flat, _SHAPE, edges, [None if flat else _UNSET]))
        elif isinstance(item, Disc):
            tests.append((x0, y0, x1, y1, haired, False, _DISC, item.centre, item.radius))
        else:
            pts = item.points
            segments = tuple([(a[0], a[1], b[0] - a[0], b[1] - a[1]) for a, b in zip(pts, pts[1:])])
            tests.append((x0, y0, x1, y1, haired, False, _STROKE, (segments, pts[0] if len(pts) == 1 else None), item.width / 2))
    return tests


_SHAPE, _DISC, _STROKE = 0, 1, 2
#: A shape's inner disc not worked out yet: it is, once the shape is asked about this many
#: samples at a time (it costs about as much as testing a dozen points the full way).
_UNSET = object()
INNER_DISC_WORTH = 12


def _inner_disc(edges: tuple[tuple[float, float, float, float], ...]) -> tuple[float, float, float] | None:
    """A disc (x, y, radius squared) every point of which ``_inside_edges`` surely finds inside
    the polygon, or None.

    Its centre is the corners' mean; its radius is that centre's least distance from an edge's
    line, all on one side, less 2e-9. A point in it lies more than 1e-9 from every edge's line,
    on the side the centre is; the turn test's rounding, for a polygon under 1,000 units
    across, is below 1e-11 of a unit of distance (with the radius's own below 1e-11), so every
    edge turns the same way to the point: inside, as the full test says. A polygon with an
    edge of no length, or one whose centre does not lie inside every edge, gets none."""
    if len(edges) < 3:
        return None
    n = len(edges)
    xs, ys = [e[0] for e in edges], [e[1] for e in edges]
    cx, cy = sum(xs) / n, sum(ys) / n
    if not max(max(xs) - cx, cx - min(xs), max(ys) - cy, cy - min(ys)) < 1e3:
        return None
    hypot = math.hypot
    turns = [dx * (cy - ay) - dy * (cx - ax) for ax, ay, dx, dy in edges]
    if not (all([t > 0 for t in turns]) or all([t < 0 for t in turns])):
        return None
    sizes = [hypot(dx, dy) for _, _, dx, dy in edges]
    if min(sizes) < 1e-12:
        return None
    least = min([abs(t) / size for t, size in zip(turns, sizes)])
    radius = least - 2e-9
    if not radius > 0:
        return None
    return cx, cy, radius * radius


def _covered_by(samples: list[Point], tests: list[CoverTest]) -> list[bool]:
    """``_covered`` with the items' tests made ready (``_cover_tests``)."""
    count = len(samples)
    covered = [False] * count
    runs = None
    if count > 2 * SAMPLE_RUN:
        runs = []
        for start in range(0, count, SAMPLE_RUN):
            part = samples[start : start + SAMPLE_RUN]
            xs = [p[0] for p in part]
            ys = [p[1] for p in part]
            runs.append((min(xs), min(ys), max(xs), max(ys), start, start + len(part)))
    hypot = math.hypot
    for _, _, _, _, (x0, y0, x1, y1), flat, kind, first, second in tests:
        if flat:
            near = range(count)
        elif runs is None:
            near = [k for k, (x, y) in enumerate(samples) if x0 <= x <= x1 and y0 <= y <= y1 and not covered[k]]
        else:
            near = []
            for rx0, ry0, rx1, ry1, start, end in runs:
                if rx0 <= x1 and x0 <= rx1 and ry0 <= y1 and y0 <= ry1:
                    near += [k for k in range(start, end)
                             if not covered[k] and x0 <= samples[k][0] <= x1 and y0 <= samples[k][1] <= y1]
        if kind == _SHAPE:
            inner = None
            if len(near) >= INNER_DISC_WORTH:
                inner = second[0]
                if inner is _UNSET:
                    inner = second[0] = _inner_disc(first)
            if inner is not None:
                cx, cy, r2 = inner
            for k in near:
                if covered[k]:
                    continue
                p = samples[k]
                if inner is not None:
                    ex, ey = p[0] - cx, p[1] - cy
                    if ex * ex + ey * ey < r2:
                        covered[k] = True
                        continue
                if _inside_edges(first, p):
                    covered[k] = True
        elif kind == _DISC:
            (cx, cy), r = first, second
            for k in near:
                if not covered[k]:
                    p = samples[k]
                    if hypot(p[0] - cx, p[1] - cy) < r:  # _distance(p, centre) < radius
                        covered[k] = True
        else:
            segments, dot = first
            r = second
            for k in near:
                if covered[k]:
                    continue
                px, py = samples[k]
                for ax, ay, dx, dy in segments:  # _segment_distance(p, a, b) < r, for any segment
                    length2 = dx * dx + dy * dy
                    if length2 < 1e-18:
                        t = 0.0
                    else:
                        t = ((px - ax) * dx + (py - ay) * dy) / length2
                        t = t if t < 1.0 else 1.0  # min(1.0, t)
                        t = t if t > 0.0 else 0.0  # max(0.0, ...)
                    if hypot(px - ax - dx * t, py - ay - dy * t) < r:
                        covered[k] = True
                        break
                else:
                    if dot is not None and hypot(px - dot[0], py - dot[1]) < r:
                        covered[k] = True
    return covered


def _covers(item: Item, p: Point) -> bool:
    """Whether ``p`` lies inside ``item``."""
    if isinstance(item, Disc):
        return _distance(p, item.centre) < item.radius
    if isinstance(item, Stroke):
        r = item.width / 2
        return any(_segment_distance(p, a, b) < r for a, b in zip(item.points, item.points[1:])) or (
            len(item.points) == 1 and _distance(p, item.points[0]) < r
        )
    return _inside_edges(_edges(item.points), p)


def _dashes(path: tuple[Point, ...], width: float = OUTLINE) -> list[Item]:
    """``path`` (an edge just outside a part) cut into dashes in the start pose's grey.

    Written out for speed (it walks every outline of every start pose): each segment's
    length and steps are the floats ``_distance``, ``min`` and ``(b - a) * t`` give."""
    on, off = DASH
    out: list[Item] = []
    pos, current = 0.0, [path[0]]
    drawing = True
    limit = on  # the length of the dash or gap being walked
    hypot = math.hypot
    for (ax, ay), (bx, by) in zip(path, path[1:]):
        seg = hypot(ax - bx, ay - by)  # _distance(a, b)
        dx, dy = bx - ax, by - ay
        done = 0.0
        while seg - done > 1e-9:
            step, rest = limit - pos, seg - done
            if rest < step:  # min(limit - pos, seg - done)
                step = rest
            done += step
            pos += step
            t = done / seg
            p = (ax + dx * t, ay + dy * t)
            if drawing:
                current.append(p)
            if pos >= limit - 1e-9:
                if drawing and len(current) > 1:
                    out.append(Stroke(tuple(current), width, "start"))
                drawing, pos, current = not drawing, 0.0, [p]
                limit = on if drawing else off
    if drawing and len(current) > 1:
        out.append(Stroke(tuple(current), width, "start"))
    return out or [Stroke(path, width, "start")]
