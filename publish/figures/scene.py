"""The illustration as geometry: strokes, discs and filled shapes in body-height units.

This is the one geometry the PDF, SVG and PNG renderers draw. y points up and the floor line's
top edge is y = 0. Each item names a *role* (ink, far, ghost, accent, prop, paper), not a
colour; a FigureStyle maps roles to colours.

An illustration shows the end pose over a ghost of the start pose, with an arrow for the
movement. When the two poses would hide each other (the back bends one way and then the other,
or the shoulders turn), they stand side by side instead, each with an arrow showing how it
leaves the neutral base pose.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from publish.figures import body
from publish.figures.placement import Placed, Point, place
from publish.figures.poses import BASES, resolve
from publish.model import Figure, Pose

ARROW_WIDTH = 0.018
FLOOR_WIDTH = 0.014
PROP_WIDTH = 0.03
MARGIN = 0.05
PANEL_GAP = 0.22
FAR_DEPTH = 0.05  # a limb this far behind the trunk is drawn in the lighter tone


@dataclass(frozen=True)
class Stroke:
    points: tuple[Point, ...]
    width: float
    role: str


@dataclass(frozen=True)
class Disc:
    centre: Point
    radius: float
    role: str


@dataclass(frozen=True)
class Shape:
    """A filled polygon (arrowheads)."""

    points: tuple[Point, ...]
    role: str


Item = Stroke | Disc | Shape


@dataclass(frozen=True)
class Scene:
    items: tuple[Item, ...]
    bounds: tuple[float, float, float, float]  # x0, y0, x1, y1

    @property
    def width(self) -> float:
        return self.bounds[2] - self.bounds[0]

    @property
    def height(self) -> float:
        return self.bounds[3] - self.bounds[1]


@dataclass(frozen=True)
class Layout:
    """The placed bodies of an illustration, before they are turned into items."""

    start: Placed
    end: Placed
    side_by_side: bool
    shift: Point  # added to the end pose's points


def layout(figure: Figure) -> Layout:
    start, end = place(figure.start, figure.view), place(figure.end, figure.view)
    if _side_by_side(figure):
        x0 = max(x for x, _ in start.outline())
        x1 = min(x for x, _ in end.outline())
        return Layout(start, end, True, (x0 - x1 + PANEL_GAP, 0.0))
    # Keep still what stays still: the first of these that neither rises nor sinks.
    candidates = ("pelvis", "right_ankle", "left_ankle", "chest", "head")
    rise = {j: abs(start.points[j][1] - end.points[j][1]) for j in candidates}
    anchor = next((j for j in candidates if rise[j] < 0.01), min(candidates, key=rise.__getitem__))
    return Layout(start, end, False, (start.points[anchor][0] - end.points[anchor][0], 0.0))


def _side_by_side(figure: Figure) -> bool:
    a, b = resolve(figure.start), resolve(figure.end)
    flips = a["trunk"] * b["trunk"] < 0
    turns = a["trunk_rotation"] != b["trunk_rotation"]
    return flips or turns


@lru_cache(maxsize=64)
def scene(figure: Figure) -> Scene:
    lay = layout(figure)
    start, end = lay.start, _shifted(lay.end, lay.shift)
    moving = _moving_side(start, end)
    items: list[Item] = []
    items += _chair(start) + _chair(end)
    if lay.side_by_side:
        items += _body(start, "ink", figure.highlight, moving) + _body(end, "ink", figure.highlight, moving)
        for placed, pose in ((start, figure.start), (end, figure.end)):
            items += _arrows_from_neutral(placed, pose, figure.view)
    else:
        if start.points != lay.end.points:
            items += _body(start, "ghost", (), moving)
        items += _body(end, "ink", figure.highlight, moving)
        arrows = _movement_arrows(start, end)
        if not arrows:
            arrows = _effort_arrows(end, figure.highlight)
        items += arrows
    x0, y0, x1, y1 = _bounds(items)
    floor = Stroke(((x0 - 0.08, -FLOOR_WIDTH / 2), (x1 + 0.08, -FLOOR_WIDTH / 2)), FLOOR_WIDTH, "prop")
    items.insert(0, floor)
    x0, y0, x1, y1 = _bounds(items)
    return Scene(tuple(items), (x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN))


def _shifted(placed: Placed, shift: Point) -> Placed:
    dx, dy = shift
    points = {n: (x + dx, y + dy) for n, (x, y) in placed.points.items()}
    return Placed(placed.skeleton, points, placed.view, placed.base)


# --- the body ---------------------------------------------------------------------------


def _body(placed: Placed, tone: str, highlight: tuple[str, ...], moving: str | None) -> list[Item]:
    skeleton, pts = placed.skeleton, placed.points
    trunk_depth = sum(placed.depth(j) for j in skeleton.spine) / len(skeleton.spine)
    layers: list[tuple[float, int, list[Item]]] = []
    for order, bone in enumerate(skeleton.bones):
        depth = sum(placed.depth(j) for j in bone.joints) / len(bone.joints)
        role = tone
        if tone == "ink" and bone.side and depth < trunk_depth - FAR_DEPTH:
            role = "far"
        if bone.side is None:
            depth = trunk_depth - (0.001 if bone.name in ("shoulders", "hips", "trunk") else 0.0)
        drawn: list[Item] = [Stroke(tuple(pts[j] for j in bone.joints), bone.width, role)]
        if bone.filled:
            drawn.insert(0, Shape(tuple(pts[j] for j in bone.joints), role))
        layers.append((depth, order, drawn))
    head = Disc(pts[skeleton.head], body.HEAD_RADIUS, tone)
    layers.append((placed.depth(skeleton.head), len(layers), [head]))
    if tone == "ink":
        for region in highlight:
            layers.append((math.inf, len(layers), _region(placed, region, moving)))
    layers.sort(key=lambda layer: (layer[0], layer[1]))
    return [item for _, _, group in layers for item in group]


def _region(placed: Placed, region: str, moving: str | None) -> list[Item]:
    """The accent-coloured part of the body for a highlighted region."""
    pts = placed.points
    front = placed.view == "front"
    trunk_w = body.WIDTH["trunk_front" if front else "trunk"]
    sides = (moving,) if moving else ("left", "right")
    if region in ("abdomen", "back"):
        prefix = "spine" if front else ("belly" if region == "abdomen" else "back")
        span = range(1, 5) if region == "abdomen" else range(1, 6)
        width = trunk_w * (0.55 if front else 0.4)
        return [Stroke(tuple(pts[f"{prefix}{i}"] for i in span), width, "accent")]
    if region == "buttocks" and not front:
        return [Disc(pts["buttock"], body.WIDTH["trunk"] * 0.3, "accent")]
    if region in ("buttocks", "hips"):
        return [Disc(pts[f"{s}_hip"], body.WIDTH["thigh"] * 0.42, "accent") for s in sides]
    if region == "shoulders":
        return [Disc(pts[f"{s}_shoulder"], body.WIDTH["upper_arm"] * 0.42, "accent") for s in sides]
    if region == "neck":
        return [Stroke((pts["chest"], pts["neck_top"]), body.WIDTH["neck"] * 0.45, "accent")]
    chain = ("hip", "knee", "ankle") if region == "legs" else ("shoulder", "elbow", "wrist")
    width = body.WIDTH["shank" if region == "legs" else "forearm"] * 0.45
    return [Stroke(tuple(pts[f"{s}_{j}"] for j in chain), width, "accent") for s in sides]


def _moving_side(start: Placed, end: Placed) -> str | None:
    """The side whose limbs move most, when one side clearly moves more than the other."""
    moved = {
        side: max(_distance(start.points[f"{side}_{j}"], end.points[f"{side}_{j}"]) for j in ("toe", "fingers"))
        for side in ("left", "right")
    }
    left, right = moved["left"], moved["right"]
    if max(left, right) > 0.05 and min(left, right) < 0.5 * max(left, right):
        return "left" if left > right else "right"
    return None


# --- props ------------------------------------------------------------------------------


def _chair(placed: Placed) -> list[Item]:
    """An armless chair under a seated body: the seat meets the buttocks."""
    if BASES[placed.base].support != "chair":
        return []
    pts = placed.points
    pelvis, seat_y = pts["pelvis"], _seat_height(placed)
    top = seat_y - PROP_WIDTH / 2
    floor = 0.0
    if placed.view == "front":
        half = body.SHOULDER_HALF + 0.03
        x0, x1 = pelvis[0] - half, pelvis[0] + half
        back_top = top + 0.36
        return [
            Stroke(((x0, back_top), (x0, floor), ), PROP_WIDTH, "prop"),
            Stroke(((x1, back_top), (x1, floor)), PROP_WIDTH, "prop"),
            Stroke(((x0, back_top), (x1, back_top)), PROP_WIDTH, "prop"),
            Stroke(((x0, top), (x1, top)), PROP_WIDTH, "prop"),
        ]
    knee = pts["right_knee"]
    way = 1.0 if knee[0] >= pelvis[0] else -1.0
    back_x = pelvis[0] - way * (body.WIDTH["trunk"] / 2 + PROP_WIDTH / 2 + 0.005)
    front_x = knee[0] - way * 0.07
    return [
        Stroke(((back_x - way * 0.04, top + 0.36), (back_x, top), (front_x, top)), PROP_WIDTH, "prop"),
        Stroke(((back_x, top), (back_x, floor)), PROP_WIDTH, "prop"),
        Stroke(((front_x, top), (front_x, floor)), PROP_WIDTH, "prop"),
    ]


def _seat_height(placed: Placed) -> float:
    """Where the underside of the thighs and buttocks is."""
    low = placed.points["pelvis"][1] - body.WIDTH["trunk"] / 2
    for side in ("left", "right"):
        hip, knee = placed.points[f"{side}_hip"], placed.points[f"{side}_knee"]
        low = min(low, min(hip[1], knee[1]) - body.WIDTH["thigh"] / 2)
    return low


# --- arrows -----------------------------------------------------------------------------

#: Body points an arrow may follow, in groups; a group's arrow follows its member that moves most.
ARROW_GROUPS = (("head",), ("left_fingers", "right_fingers"), ("left_toe", "right_toe"), ("pelvis",))
PIVOTS = (
    "pelvis", "chest", "left_hip", "right_hip", "left_shoulder", "right_shoulder",
    "left_knee", "right_knee", "left_ankle", "right_ankle",
)  # fmt: skip


def _movement_arrows(start: Placed, end: Placed) -> list[Item]:
    moves = []
    for group in ARROW_GROUPS:
        name = max(group, key=lambda j: _distance(start.points[j], end.points[j]))
        moves.append((_distance(start.points[name], end.points[name]), name))
    largest = max(d for d, _ in moves)
    if largest < 0.03:
        return []
    chosen: list[str] = []
    for distance, name in sorted(moves, reverse=True):
        if distance >= 0.6 * largest and not any(_together(name, other, start, end) for other in chosen):
            chosen.append(name)
    return [item for name in chosen for item in _follow(name, start, end)]


def _together(a: str, b: str, start: Placed, end: Placed) -> bool:
    """Whether two points are close and move the same way (one arrow shows both)."""
    if _distance(end.points[a], end.points[b]) > 0.3:
        return False
    (ax, ay), (bx, by) = (
        (end.points[n][0] - start.points[n][0], end.points[n][1] - start.points[n][1]) for n in (a, b)
    )
    cos = (ax * bx + ay * by) / (math.hypot(ax, ay) * math.hypot(bx, by) or 1.0)
    return cos > math.cos(math.radians(35))


def _follow(name: str, start: Placed, end: Placed) -> list[Item]:
    """An arrow beside the path of ``name``: an arc about the joint it turns about, if any."""
    a, b = start.points[name], end.points[name]
    if name == "pelvis" and b[1] > a[1]:  # the hips lift: up from the floor to the buttocks
        return _arrow(((b[0], 0.02), (b[0], b[1] - body.WIDTH["trunk"] / 2 - 0.045)))
    best = None
    for pivot in PIVOTS:
        if pivot == name:
            continue
        c0, c1 = start.points[pivot], end.points[pivot]
        if _distance(c0, c1) > 0.02:
            continue
        r0, r1 = _distance(a, c0), _distance(b, c0)
        if r0 < 0.15 or abs(r0 - r1) > 0.04 * r0:
            continue
        if best is None or r0 < best[1]:
            best = (c0, r0)
    if best is None:
        return _straight_arrow(a, b, 0.06)
    (cx, cy), r = best
    r += 0.09 + (body.HEAD_RADIUS / 2 if name == "head" else 0.0)  # clear of the head's disc
    t0, t1 = math.atan2(a[1] - cy, a[0] - cx), math.atan2(b[1] - cy, b[0] - cx)
    sweep = (t1 - t0 + math.pi) % (2 * math.pi) - math.pi
    steps = max(int(abs(sweep) / math.radians(4)), 2)
    path = [(cx + r * math.cos(t0 + sweep * k / steps), cy + r * math.sin(t0 + sweep * k / steps)) for k in range(steps + 1)]
    return _arrow(tuple(path))


def _straight_arrow(a: Point, b: Point, gap: float) -> list[Item]:
    """An arrow from near ``a`` to just short of ``b``."""
    length = _distance(a, b)
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    return _arrow(((a[0] + ux * gap * 0.5, a[1] + uy * gap * 0.5), (b[0] - ux * gap, b[1] - uy * gap)))


def _arrows_from_neutral(placed: Placed, pose: Pose, view: str) -> list[Item]:
    """For a panel of a side-by-side pair: how this pose leaves the neutral base pose."""
    neutral = place(Pose(pose.base), view)
    angles = resolve(pose)
    if angles["trunk_rotation"]:
        return _twist_arrow(placed, neutral)
    centre = placed.skeleton.spine[len(placed.skeleton.spine) // 2]
    mine = placed.points[centre]
    dy = (mine[1] - placed.points["pelvis"][1]) - (neutral.points[centre][1] - neutral.points["pelvis"][1])
    if abs(dy) < 0.005:
        return []
    way = 1.0 if dy > 0 else -1.0
    reach = body.WIDTH["trunk"] / 2 + 0.04
    x, y = mine
    return _arrow(((x, y + way * reach), (x, y + way * (reach + 0.13))))


def _twist_arrow(placed: Placed, neutral: Placed) -> list[Item]:
    """A curved arrow around the chest, turning the way the chest turned."""
    pts = placed.points
    dx = (pts["sternum"][0] - pts["chest"][0]) - (neutral.points["sternum"][0] - neutral.points["chest"][0])
    cx, cy = pts["spine4"]
    rx, ry = body.SHOULDER_HALF + 0.1, 0.07
    start, stop = (math.radians(330), math.radians(210)) if dx < 0 else (math.radians(210), math.radians(330))
    steps = 24
    path = tuple(
        (cx + rx * math.cos(start + (stop - start) * k / steps), cy + ry * math.sin(start + (stop - start) * k / steps))
        for k in range(steps + 1)
    )
    return _arrow(path)


def _effort_arrows(placed: Placed, highlight: tuple[str, ...]) -> list[Item]:
    """For a held contraction (no movement): an arrow pressing into the working region."""
    items: list[Item] = []
    for region, prefix in (("abdomen", "belly"), ("back", "back")):
        if region in highlight and placed.view == "side":
            spine, surface = placed.points["spine2"], placed.points[f"{prefix}2"]
            length = _distance(spine, surface)
            ux, uy = (surface[0] - spine[0]) / length, (surface[1] - spine[1]) / length
            outer = body.WIDTH["trunk"] / 2 + 0.035
            a = (spine[0] + ux * (outer + 0.12), spine[1] + uy * (outer + 0.12))
            b = (spine[0] + ux * outer, spine[1] + uy * outer)
            items += _arrow((a, b))
    return items


def _arrow(path: tuple[Point, ...]) -> list[Item]:
    """A stroke along ``path`` ending in a filled head, over a paper-coloured halo."""
    (x0, y0), (x1, y1) = path[-2], path[-1]
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    head_len, head_half = 0.06, 0.035
    tip = (x1 + ux * head_len * 0.5, y1 + uy * head_len * 0.5)
    back = (tip[0] - ux * head_len, tip[1] - uy * head_len)
    head = (
        tip,
        (back[0] - uy * head_half, back[1] + ux * head_half),
        (back[0] + uy * head_half, back[1] - ux * head_half),
    )
    shaft = path[:-1] + (back,)
    halo = 0.014
    return [
        Stroke(shaft, ARROW_WIDTH + 2 * halo, "paper"),
        Shape(_grow(head, halo), "paper"),
        Stroke(shaft, ARROW_WIDTH, "ink"),
        Shape(head, "ink"),
    ]


def _grow(triangle: tuple[Point, ...], by: float) -> tuple[Point, ...]:
    cx = sum(p[0] for p in triangle) / 3
    cy = sum(p[1] for p in triangle) / 3
    out = []
    for x, y in triangle:
        d = math.hypot(x - cx, y - cy)
        out.append((x + (x - cx) / d * by * 2, y + (y - cy) / d * by * 2))
    return tuple(out)


# --- helpers ----------------------------------------------------------------------------


def _distance(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _bounds(items: list[Item]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for item in items:
        if isinstance(item, Disc):
            (x, y), r = item.centre, item.radius
            xs += [x - r, x + r]
            ys += [y - r, y + r]
        else:
            pad = item.width / 2 if isinstance(item, Stroke) else 0.0
            for x, y in item.points:
                xs += [x - pad, x + pad]
                ys += [y - pad, y + pad]
    return min(xs), min(ys), max(xs), max(ys)
