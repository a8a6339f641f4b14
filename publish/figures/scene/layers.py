"""Layering and occlusion: which part is drawn over which, and what of a line is hidden.

A solid part is drawn with a paper halo over the parts behind it; an outlined or far part is
cut where a nearer part covers it, so no line runs through a body. The halo, outline and dash
sizes live here because every drawn line is measured against them.
"""

from __future__ import annotations

import math

from publish.figures.placement import Point
from publish.figures.scene.geometry import (
    _box, _box_overlaps, _capsule, _circle, _distance, _edges, _flat, _grown_loop, _inside_edges,
    _item_box, _segment_distance,
)
from publish.figures.scene.items import Disc, Item, Shape, Stroke


HALO = 0.009  # the paper line between overlapping parts of a solid body
OUTLINE = 0.009  # the start pose's outline
FAR_EDGE = 0.006  # the far limbs' thin solid edge


def _inside(path: tuple[Point, ...], items: list[Item]) -> list[tuple[Point, ...]]:
    """The runs of ``path`` that lie inside some item of ``items`` (``_outside``'s complement)."""
    samples = _walked(path)
    runs: list[tuple[Point, ...]] = []
    current: list[Point] = []
    for p, covered in zip(samples, _covered(samples, items)):
        if covered:
            current.append(p)
        else:
            if len(current) > 1:
                runs.append(tuple(current))
            current = []
    if len(current) > 1:
        runs.append(tuple(current))
    return runs


def _thigh_from_pelvis(layered: list[Item], thigh: Stroke, sections: list[Item]) -> list[Item]:
    """A solid leg whose thigh grows out of the pelvis: the thigh's paper edge starts where its
    line leaves the torso, so its round top does not show inside the trunk, ringed in paper
    (there it read as a second elbow resting on the belly)."""
    samples = _walked(thigh.points)
    inside = _covered(samples, sections)
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
             covers: list[Item] | tuple[Item, ...] = ()) -> list[Item]:
    """A part over its edge: a paper halo under a solid part, a dashed grey line round an
    outline (the start pose: dashed, the drawing convention for "where it was", so it is not
    read as an object such as a ball under the head or a chair's rail). ``edged`` False: a
    solid part with no halo (a band lying on the trunk's surface). ``covers``: other pieces
    the start pose's outline is not drawn inside (a leg's, the torso it grows from)."""
    if role == "start":
        # One outline round the whole part: each piece's edge is dashed only where it is not
        # inside another piece (overlapping outlines at every joint read as scribble).
        edges, fills = [], []
        boxes = [_item_box(o) for o in items]  # once, not once per other piece
        cover_boxes = [_item_box(o) for o in covers]
        for i, item in enumerate(items):
            others = items[:i] + items[i + 1 :] + list(covers)
            others_boxes = boxes[:i] + boxes[i + 1 :] + cover_boxes
            if isinstance(item, Stroke):
                edge = _capsule(item.points, item.width / 2 + OUTLINE / 2)
                fills.append(Stroke(item.points, item.width, "paper"))
            elif isinstance(item, Disc):
                edge = _circle(item.centre, item.radius + OUTLINE / 2)
                fills.append(Disc(item.centre, item.radius, "paper"))
            else:
                edge = _grown_loop(item.points, OUTLINE / 2)
                fills += [Shape(item.points, "paper"), Stroke(item.points + item.points[:1], 0.004, "paper")]
            for run in _outside(edge, others, others_boxes):
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
             boxes: list[tuple[float, float, float, float]] | None = None) -> list[tuple[Point, ...]]:
    """The runs of ``path`` that lie outside every item of ``others``. ``boxes``: each
    other's ``_item_box``, when the caller has them already."""
    box = _box(path)
    if boxes is None:
        boxes = [_item_box(o) for o in others]
    near_boxes = [(o, b) for o, b in zip(others, boxes) if _box_overlaps(box, b)]
    if not near_boxes:
        return [path]
    samples = _walked(path)
    covered = _covered(samples, [o for o, _ in near_boxes], [b for _, b in near_boxes])
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
    for (ax, ay), (bx, by) in zip(path, path[1:]):
        n = max(1, math.ceil(math.hypot(ax - bx, ay - by) / OUTLINE_STEP))  # _distance(a, b)
        dx, dy = bx - ax, by - ay
        samples += [(ax + dx * k / n, ay + dy * k / n) for k in range(1, n + 1)]
    return samples


def _covered(samples: list[Point], items: list[Item],
             boxes: list[tuple[float, float, float, float]] | None = None) -> list[bool]:
    """For each sample, whether some item covers it (``_covers``).

    An item is asked only about the samples inside its box (grown by a hair, far more than
    rounding): no point outside an item's box lies inside it, so the answers are the same,
    for a fraction of the work (an outline is walked in thousands of short steps). A shape
    whose corners all lie on one line is asked about every sample: its test reads any point
    on that line as inside."""
    covered = [False] * len(samples)
    if boxes is None:
        boxes = [_item_box(o) for o in items]
    for item, (x0, y0, x1, y1) in zip(items, boxes):
        x0, y0, x1, y1 = x0 - BOX_HAIR, y0 - BOX_HAIR, x1 + BOX_HAIR, y1 + BOX_HAIR
        if isinstance(item, Shape) and _flat(item.points):
            near = range(len(samples))
        else:
            near = [k for k, (x, y) in enumerate(samples) if x0 <= x <= x1 and y0 <= y <= y1 and not covered[k]]
        if isinstance(item, Shape):  # its edges worked out once, not once per sample
            edges = _edges(item.points)
            for k in near:
                if not covered[k] and _inside_edges(edges, samples[k]):
                    covered[k] = True
            continue
        for k in near:
            if not covered[k] and _covers(item, samples[k]):
                covered[k] = True
    return covered


#: How far beyond an item's box a point may lie and still be asked whether the item covers it.
BOX_HAIR = 1e-9


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
    """``path`` (an edge just outside a part) cut into dashes in the start pose's grey."""
    on, off = DASH
    out: list[Item] = []
    pos, current = 0.0, [path[0]]
    drawing = True
    for a, b in zip(path, path[1:]):
        seg = _distance(a, b)
        done = 0.0
        while seg - done > 1e-9:
            step = min((on if drawing else off) - pos, seg - done)
            done += step
            pos += step
            t = done / seg
            p = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            if drawing:
                current.append(p)
            if pos >= (on if drawing else off) - 1e-9:
                if drawing and len(current) > 1:
                    out.append(Stroke(tuple(current), width, "start"))
                drawing, pos, current = not drawing, 0.0, [p]
    if drawing and len(current) > 1:
        out.append(Stroke(tuple(current), width, "start"))
    return out or [Stroke(path, width, "start")]
