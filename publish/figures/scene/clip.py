"""Clipping items to a circle, for the close-up: polygons by Sutherland-Hodgman, lines by
walking along them.

Kept apart from the close-up because it is plain geometry with no idea of a body.
"""

from __future__ import annotations

import math

from publish.figures.placement import Point
from publish.figures.scene.geometry import _circle
from publish.figures.scene.items import Disc, Item, Shape, Stroke
from publish.figures.scene.layers import HALO


def _clipped(items: list[Item], centre: Point, radius: float) -> list[Item]:
    """``items`` cut to the disc of ``radius`` round ``centre``: shapes and discs clipped as
    polygons, strokes where their line comes within a halo's width of the edge (the same cut
    for a part and its paper edge, and no wider stroke in the close-up reaches past it)."""
    window = _circle(centre, radius, 72)[:-1]
    edges = _window_edges(window)  # once for every item cut to it
    out: list[Item] = []
    for item in items:
        if isinstance(item, Stroke):
            for run in _clip_line(item.points, centre, radius - HALO):
                out.append(Stroke(run, item.width, item.role))
            continue
        polygon = _circle(item.centre, item.radius, 32)[:-1] if isinstance(item, Disc) else item.points
        clipped = _clip_polygon(polygon, window, edges)
        if len(clipped) >= 3:
            out.append(Shape(tuple(clipped), item.role))
    return out


def _window_edges(window: tuple[Point, ...]) -> list[tuple[Point, Point, float, float, float]]:
    """Each edge of a clipping window: its ends, (dx, dy) from one to the other, and its length."""
    out = []
    for a, b in zip(window, window[1:] + window[:1]):
        ex, ey = b[0] - a[0], b[1] - a[1]
        out.append((a, b, ex, ey, math.hypot(ex, ey)))
    return out


def _clip_polygon(subject: tuple[Point, ...], window: tuple[Point, ...],
                  edges: list[tuple[Point, Point, float, float, float]] | None = None) -> list[Point]:
    """Sutherland-Hodgman: ``subject`` cut to the convex, counter-clockwise ``window``.

    Most of a close-up's edges lie far from a given part: a pass over an edge the part lies
    wholly inside only turns its list of points by one place, and one it lies wholly outside
    empties it. A circle round the part tells which edges are which, so only the edges that
    cut it are walked; the points come out as the full walk gives them. ``edges``: the
    window's ``_window_edges``, when the caller has them already."""
    out = list(subject)
    if not out:
        return out
    mx = sum(p[0] for p in out) / len(out)
    my = sum(p[1] for p in out) / len(out)
    reach = max([math.hypot(x - mx, y - my) for x, y in out]) + 1e-9
    turns = 0
    for a, b, ex, ey, size in _window_edges(window) if edges is None else edges:
        side = ex * (my - a[1]) - ey * (mx - a[0])  # the circle's centre's distance in, times |ab|
        if side > reach * size:
            turns += 1
            continue
        if side < -reach * size:
            return []
        out = _turned(out, turns)
        turns = 0
        out = _clip_pass(out, a, b)
        if not out:
            break
    return _turned(out, turns)


def _turned(points: list[Point], places: int) -> list[Point]:
    if not points or not places % len(points):
        return points
    k = places % len(points)
    return points[k:] + points[:k]


def _clip_pass(src: list[Point], a: Point, b: Point) -> list[Point]:
    """One edge of Sutherland-Hodgman: what of ``src`` lies left of the line ``a`` to ``b``."""
    (ax, ay), ex, ey = a, b[0] - a[0], b[1] - a[1]
    inside = [ex * (py - ay) - ey * (px - ax) >= 0 for px, py in src]
    if all(inside):
        return src[1:] + src[:1]
    # Walked as the plain pass walks each edge p -> q (q the next point, q_in whether it is
    # inside): an edge coming in adds its crossing and q, one staying in adds q, one going out
    # adds its crossing, one staying out nothing. Runs of q_in alike are taken whole: within
    # one, p_in (the previous edge's q_in) is alike too, so only a run's first edge crosses.
    n = len(src)
    qs, q_ins = src[1:] + src[:1], inside[1:] + inside[:1]
    out: list[Point] = []
    k = 0
    while k < n:
        q_in = q_ins[k]
        if q_in != inside[k]:
            out.append(_cross_point(src[k], qs[k], a, b))
        try:
            end = q_ins.index(not q_in, k + 1)
        except ValueError:
            end = n
        if q_in:
            out += qs[k:end]
        k = end
    return out


def _cross_point(p: Point, q: Point, a: Point, b: Point) -> Point:
    d1 = (q[0] - p[0], q[1] - p[1])
    d2 = (b[0] - a[0], b[1] - a[1])
    den = d1[0] * d2[1] - d1[1] * d2[0]
    t = ((a[0] - p[0]) * d2[1] - (a[1] - p[1]) * d2[0]) / den if den else 0.0
    return (p[0] + d1[0] * t, p[1] + d1[1] * t)


def _clip_line(points: tuple[Point, ...], centre: Point, radius: float) -> list[tuple[Point, ...]]:
    """The runs of a polyline that lie inside a circle."""
    runs: list[list[Point]] = []
    current: list[Point] = []
    cx, cy = centre
    for p, q in zip(points, points[1:]):
        dx, dy = q[0] - p[0], q[1] - p[1]
        fx, fy = p[0] - cx, p[1] - cy
        a, b, c = dx * dx + dy * dy, 2 * (fx * dx + fy * dy), fx * fx + fy * fy - radius * radius
        disc = b * b - 4 * a * c
        if a < 1e-18 or disc <= 0:
            if current:
                runs.append(current)
                current = []
            continue
        root = math.sqrt(disc)
        t0, t1 = max(0.0, (-b - root) / (2 * a)), min(1.0, (-b + root) / (2 * a))
        if t0 >= t1:
            if current:
                runs.append(current)
                current = []
            continue
        enter = (p[0] + dx * t0, p[1] + dy * t0)
        leave = (p[0] + dx * t1, p[1] + dy * t1)
        if not current or t0 > 0:
            if current:
                runs.append(current)
            current = [enter]
        current.append(leave)
        if t1 < 1:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [tuple(r) for r in runs if len(r) > 1]
