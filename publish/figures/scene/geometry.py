"""Small plane helpers the scene's parts share: distances, boxes, circles, grown outlines.

Kept apart so the body, the layering, the props and the arrows measure with one set of
helpers and none of them has to import another to reach them.
"""

from __future__ import annotations

import math

from publish.figures.placement import Placed, Point
from publish.figures.scene.items import Disc, Item, Stroke


def _length(path: tuple[Point, ...]) -> float:
    return sum(_distance(a, b) for a, b in zip(path, path[1:]))


def sub3(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(x - y for x, y in zip(a, b))


def _flat(points: tuple[Point, ...]) -> bool:
    """Whether a polygon has (next to) no area: its corners on one line."""
    twice_area = sum([ax * by - bx * ay for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1])])
    xs, ys = [x for x, _ in points], [y for _, y in points]  # lists, not generators: the same extremes
    size = max(max(xs) - min(xs), max(ys) - min(ys))
    return abs(twice_area) <= 1e-9 * max(size, 1e-9) ** 2


def _edges(points: tuple[Point, ...]) -> tuple[tuple[float, float, float, float], ...]:
    """A polygon's edges as (x, y) of their start and (dx, dy) to their end."""
    return tuple([(a[0], a[1], b[0] - a[0], b[1] - a[1]) for a, b in zip(points, points[1:] + points[:1])])


def _inside_edges(edges: tuple[tuple[float, float, float, float], ...], p: Point) -> bool:
    """Whether ``p`` turns the same way from every edge (inside a convex polygon)."""
    if not edges:
        return False
    px, py = p
    ax, ay, dx, dy = edges[0]
    if dx * (py - ay) - dy * (px - ax) > 0:  # the first edge's side: every other must agree
        for ax, ay, dx, dy in edges:
            if not dx * (py - ay) - dy * (px - ax) > 0:
                return False
    else:
        for ax, ay, dx, dy in edges:
            if dx * (py - ay) - dy * (px - ax) > 0:
                return False
    return True


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 < 1e-18 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - dx * t, p[1] - a[1] - dy * t)


def _box(points: tuple[Point, ...]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _item_box(item: Item) -> tuple[float, float, float, float]:
    if isinstance(item, Disc):
        (x, y), r = item.centre, item.radius
        return x - r, y - r, x + r, y + r
    x0, y0, x1, y1 = _box(item.points)
    pad = item.width / 2 if isinstance(item, Stroke) else 0.0
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def _circle(centre: Point, r: float, steps: int = 40) -> tuple[Point, ...]:
    cx, cy = centre
    return tuple((cx + r * math.cos(2 * math.pi * k / steps), cy + r * math.sin(2 * math.pi * k / steps))
                 for k in range(steps + 1))


def _capsule(points: tuple[Point, ...], r: float) -> tuple[Point, ...]:
    """The closed outline of a round-capped stroke of radius ``r`` along ``points``."""
    pts = [p for i, p in enumerate(points) if i == 0 or _distance(p, points[i - 1]) > 1e-9]
    if len(pts) < 2:
        return _circle(pts[0], r)

    def normal(a: Point, b: Point) -> Point:
        d = _distance(a, b)
        return (-(b[1] - a[1]) / d, (b[0] - a[0]) / d)

    def side(seq: list[Point]) -> list[Point]:
        out = []
        for i, p in enumerate(seq):
            ns = [normal(seq[j], seq[j + 1]) for j in (i - 1, i) if 0 <= j < len(seq) - 1]
            nx, ny = sum(n[0] for n in ns), sum(n[1] for n in ns)
            size = math.hypot(nx, ny) or 1.0
            out.append((p[0] + r * nx / size, p[1] + r * ny / size))
        return out

    def cap(at: Point, towards: Point) -> list[Point]:
        t0 = math.atan2(towards[1] - at[1], towards[0] - at[0]) + math.pi / 2
        return [(at[0] + r * math.cos(t0 - math.pi * k / 12), at[1] + r * math.sin(t0 - math.pi * k / 12)) for k in range(1, 12)]

    left, right = side(pts), side(pts[::-1])
    loop = left + cap(pts[-1], pts[-2])[::-1] + right + cap(pts[0], pts[1])[::-1]
    return tuple(loop + loop[:1])


def _grown_loop(points: tuple[Point, ...], by: float) -> tuple[Point, ...]:
    """A convex polygon's outline moved ``by`` outwards (its vertices along their bisectors)."""
    cx = sum(p[0] for p in points) / len(points)
    cy = sum(p[1] for p in points) / len(points)
    out = []
    for x, y in points:
        d = math.hypot(x - cx, y - cy) or 1.0
        out.append((x + (x - cx) / d * by, y + (y - cy) / d * by))
    return tuple(out + out[:1])


def _unit3(v: tuple[float, ...]) -> tuple[float, ...]:
    size = math.sqrt(sum(a * a for a in v))
    return tuple(a / size for a in v)


def _at(placed: Placed, x: float, y: float) -> Point:
    """A freshly projected point moved as the placed body was (panels are shifted)."""
    ref = placed.skeleton.joints["pelvis"]
    px, py, _ = placed.camera.project(ref)
    sx, sy = placed.points["pelvis"]
    return (x + sx - px, y + sy - py)


def _sampled(items: list[Item], step: float = 0.01) -> list[Point]:
    """Points along every stroke and shape edge of ``items`` (a chair's rails and legs)."""
    out: list[Point] = []
    for item in items:
        pts = _item_points([item])
        for a, b in zip(pts, pts[1:]):
            n = max(1, math.ceil(_distance(a, b) / step))
            out += [(a[0] + (b[0] - a[0]) * k / n, a[1] + (b[1] - a[1]) * k / n) for k in range(n + 1)]
    return out


def _item_points(items: list[Item]) -> list[Point]:
    out: list[Point] = []
    for item in items:
        if isinstance(item, Disc):
            out += [(item.centre[0], item.centre[1] + item.radius)]
        else:
            out += list(item.points)
    return out


def _grow(triangle: tuple[Point, ...], by: float) -> tuple[Point, ...]:
    cx = sum(p[0] for p in triangle) / 3
    cy = sum(p[1] for p in triangle) / 3
    out = []
    for x, y in triangle:
        d = math.hypot(x - cx, y - cy)
        out.append((x + (x - cx) / d * by * 2, y + (y - cy) / d * by * 2))
    return tuple(out)


def _distance(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _bounds(items: list[Item]) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 round every item, strokes by half their width.

    Points are pooled by the pad they get (a stroke's half width; none for a shape) and each
    pool's extremes padded: adding a pad keeps the order of the points, so the same floats
    come out as from padding every point (a scene has thousands)."""
    pools: dict[float, list[Point]] = {}
    for item in items:
        if isinstance(item, Disc):
            (x, y), r = item.centre, item.radius
            pools.setdefault(r, []).append((x, y))
        else:
            pad = item.width / 2 if isinstance(item, Stroke) else 0.0
            pool = pools.get(pad)
            if pool is None:
                pools[pad] = pool = []
            pool += item.points
    x0 = y0 = math.inf
    x1 = y1 = -math.inf
    for pad, points in pools.items():
        xs, ys = zip(*points)
        x0, y0 = min(x0, min(xs) - pad), min(y0, min(ys) - pad)
        x1, y1 = max(x1, max(xs) + pad), max(y1, max(ys) + pad)
    return x0, y0, x1, y1


def _joined_bounds(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """``_bounds`` of two lists of items joined, from each list's: every figure of
    ``_bounds`` is a min or max of padded points (padding keeps their order), so the same
    floats come out, but for the sign of a zero (which a margin added after makes the same)."""
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])
