"""The arrows that show a movement: along a part's path, curled about a joint, a trunk's twist,
an effort (the belly drawn in), between two panels, and from the neutral pose.

Every arrow is a stroke with a filled head, drawn by ``_arrow``.
"""

from __future__ import annotations

import math

from publish.figures import body
from publish.figures.placement import Placed, Point
from publish.figures.scene.body_drawing import STILL
from publish.figures.scene.geometry import _at, _distance, _grow, _item_points
from publish.figures.scene.items import Item, Shape, Stroke
from publish.figures.scene.layers import OUTLINE
from publish.figures.scene.panels import _neutral
from publish.model import Pose


ARROW_WIDTH = 0.022
ARROW_HEAD = (0.075, 0.045)  # length, half width
SMALL_ARROW = 0.6  # the scale of an arrow for a small movement (the belly drawn in)


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
    if name == "head" and _curls(start, end):
        return _curl_arrow(start, end)
    if name == "pelvis" and b[1] > a[1]:
        # The hips lift: straight up in the open space just above them (an arrow under the
        # buttocks reads as a wedge to lie on, or a warning sign).
        top = max(y for x, y in end.outline() if abs(x - b[0]) < 0.04)
        return _arrow(((b[0], top + 0.035), (b[0], top + 0.16)))
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
    t0, t1 = math.atan2(a[1] - cy, a[0] - cx), math.atan2(b[1] - cy, b[0] - cx)
    sweep = (t1 - t0 + math.pi) % (2 * math.pi) - math.pi
    if name != "head" and abs(sweep) < math.radians(LIFT_SWEEP) and b[1] > a[1]:
        # A small lift at the end of a long limb (the superman's hands and feet): the arrow
        # stands straight up over the lifted part, not out beyond its tip, where it only
        # widened the picture and so drew the lift smaller. Small, and as long as the lift
        # (head included): a big arrow says "as high as you can".
        top = max(y for x, y in end.outline() if abs(x - b[0]) < 0.03)
        rise = max(b[1] - a[1], LIFT_ARROW) - ARROW_HEAD[0] * SMALL_ARROW / 2
        return _arrow(((b[0], top + 0.03), (b[0], top + 0.03 + rise)), SMALL_ARROW)
    r += 0.09 + (body.HEAD_RADIUS / 2 if name == "head" else 0.0)  # clear of the head's disc
    steps = max(int(abs(sweep) / math.radians(4)), 2)
    path = [(cx + r * math.cos(t0 + sweep * k / steps), cy + r * math.sin(t0 + sweep * k / steps)) for k in range(steps + 1)]
    return _arrow(tuple(path))


def _curls(start: Placed, end: Placed) -> bool:
    """Whether the head and shoulders curl up off the floor while the hips stay down."""
    (p0, p1), (c0, c1) = ((start.points[n], end.points[n]) for n in ("pelvis", "chest"))
    return _distance(p0, p1) < STILL and c1[1] > c0[1] + STILL


def _curl_arrow(start: Placed, end: Placed) -> list[Item]:
    """A curl: a short arc over the upper chest, from above the shoulders curving towards the
    knees, about the middle of the back (where the spine bends). Behind the head, pointing up,
    it read as "sit all the way up" or "pull on the head"; starting at the face, as "lift your
    head" (a curl led by the chin); this one says "shoulders up and forward, a little"."""
    pivot = end.points[end.skeleton.spine[len(end.skeleton.spine) // 2]]
    knees = end.points["right_knee"]
    way = 1.0 if knees[0] > pivot[0] else -1.0  # the knees' side: the arc turns towards it

    def angle(p: Point) -> float:
        return math.atan2(p[1] - pivot[1], p[0] - pivot[0])

    # Over the shoulders: the body's top edge straight above the shoulder joints.
    shoulders = end.points["chest"]
    top = max(y for x, y in end.outline() if abs(x - shoulders[0]) < 0.02)
    first = angle((shoulders[0], top)) - way * math.radians(CURL_ARROW[0])
    last = first - way * math.radians(CURL_ARROW[1])
    lo, hi = min(first, last), max(first, last)
    clear = max(_distance(p, pivot) for p in end.outline() if lo <= angle(p) <= hi and p[1] > pivot[1])
    r = clear + CURL_ARROW[2]
    steps = 12
    path = tuple((pivot[0] + r * math.cos(first + (last - first) * k / steps),
                  pivot[1] + r * math.sin(first + (last - first) * k / steps)) for k in range(steps + 1))
    return _arrow(path, SMALL_ARROW)


#: The curl's arc: where it starts (degrees past the shoulders towards the knees, seen from
#: the middle of the back: its tail clear of the tucked chin), how far round it goes
#: (degrees), and its gap above the body (body heights).
CURL_ARROW = (6.0, 35.0, 0.045)


#: A lift that turns its limb less than this (degrees) gets a small straight arrow over it, as
#: long as the lift but no shorter than LIFT_ARROW (body heights).
LIFT_SWEEP, LIFT_ARROW = 20.0, 0.06

def _straight_arrow(a: Point, b: Point, gap: float) -> list[Item]:
    """An arrow from near ``a`` to just short of ``b``."""
    length = _distance(a, b)
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    return _arrow(((a[0] + ux * gap * 0.5, a[1] + uy * gap * 0.5), (b[0] - ux * gap, b[1] - uy * gap)))


def _arrows_from_neutral(placed: Placed, pose: Pose, view: str) -> list[Item]:
    """For a panel of a side-by-side pair: how this pose leaves the neutral base pose."""
    neutral = _neutral(pose.base, view)
    centre = placed.skeleton.spine[len(placed.skeleton.spine) // 2]
    mine = placed.points[centre]
    dy = (mine[1] - placed.points["pelvis"][1]) - (neutral.points[centre][1] - neutral.points["pelvis"][1])
    if abs(dy) < 0.005:
        return []
    # On the middle of the back, in the open space above it: up from the back as it arches,
    # down onto it as it sags (not through the belly towards the knees).
    x = mine[0]
    top = max(y for n, (px, y) in placed.points.items() if n.startswith("ring") and abs(px - x) < 0.06)
    near, far = top + 0.05, top + 0.19
    return _arrow(((x, near), (x, far)) if dy > 0 else ((x, far), (x, near)))


def _between_panels(start: Placed, end: Placed, pose_start: Pose, pose_end: Pose, view: str) -> list[Item]:
    """A small two-way arrow above the panels, from over the first one's back to over the
    second one's, at the height of the middle of their arrows: go from one position to the
    other and back (without it a reader may do all the repetitions of the first panel, then
    all of the second). Level between the bodies at hip height it read as "rock forward and
    back", a different exercise: up here it joins the two pictures, not the two ends of one
    body."""
    arrows = [_item_points(_arrows_from_neutral(placed, pose, view)) for placed, pose in
              ((start, pose_start), (end, pose_end))]
    if not all(arrows):
        return []
    (x0, x1) = (sum(x for x, _ in points) / len(points) for points in arrows)
    middle = max((max(y for _, y in points) + min(y for _, y in points)) / 2 for points in arrows)
    left, right = x0 + TWO_WAY_CLEAR, x1 - TWO_WAY_CLEAR
    # Clear of the heads and hips between the two arrows.
    bodies = [p for p in start.outline() + end.outline() if left - 0.05 < p[0] < right + 0.05]
    y = max([middle] + [py + TWO_WAY_CLEAR for _, py in bodies])
    reach = min((right - left) / 2, TWO_WAY_REACH)
    return two_way_arrow((left + right) / 2, y, reach)


#: How far the two-way arrow between side-by-side panels keeps from their arrows and bodies,
#: and how far it reaches either side of its middle at most (body heights).
TWO_WAY_CLEAR, TWO_WAY_REACH = 0.1, 0.16


def two_way_arrow(mid: float, y: float, reach: float) -> list[Item]:
    """A small level arrow with a head at each end, ``reach`` either side of ``mid``."""
    head = ARROW_HEAD[0] * SMALL_ARROW / 2
    ahead = _arrow(((mid, y), (mid + reach - head, y)), SMALL_ARROW)
    back = _arrow(((mid, y), (mid - reach + head, y)), SMALL_ARROW)
    return ahead[:2] + back[:2] + ahead[2:] + back[2:]  # both halos under both lines: one line


def _twist_arrows(start: Placed, end: Placed) -> list[Item]:
    """When the shoulders turn: a level arc wrapped round the front of the chest at the top of
    the shoulders, seen in the view as a piece of an ellipse round the body's upright axis. It
    comes round from the side where the turn starts, passes where the chest faced at the start
    and where it faces at the end, and ends a little past that, its head out beyond the body on
    the side turned to: it follows the front of the chest, the part that moves. A short arc at
    the front read as a push to the side; a whole ring round the waist as circling the hips; an
    arc in the picture's plane as a side bend."""
    if resolve_rotation(start) == resolve_rotation(end):
        return []
    joints = end.skeleton.joints
    cx, _, cz = joints["chest"]
    y = (joints["left_shoulder"][1] + joints["right_shoulder"][1]) / 2 + TWIST_RISE
    turned_from, turned_to = _chest_facing(start), _chest_facing(end)
    turn = (turned_to - turned_from + math.pi) % (2 * math.pi) - math.pi
    way = 1.0 if turn > 0 else -1.0
    first = turned_from - way * math.radians(TWIST_BEFORE)
    last = turned_to + way * math.radians(TWIST_AFTER)
    r = body.SHOULDER_HALF + body.WIDTH["upper_arm"] / 2 + TWIST_GAP
    steps = 24
    path = []
    for k in range(steps + 1):
        t = first + (last - first) * k / steps
        x, py, _ = end.camera.project((cx + r * math.cos(t), y, cz + r * math.sin(t)))
        path.append(_at(end, x, py))
    # The arc's last points lie under the head: left in, the shaft bends back to the head's
    # base and shows as a knob beside it.
    tip = path.pop()
    while len(path) > 1 and _distance(path[-1], tip) < ARROW_HEAD[0] * 0.5:
        path.pop()
    return _arrow((*path, tip))


#: The twist arc: how far round it starts before the chest's start facing and ends past its end
#: facing (degrees), its distance beyond the shoulders' surface and its height above the
#: shoulder joints (body heights): along the top of the shoulders, clear of the arm crossing
#: the chest below (lower, across the chest, it read as a belt or a sash).
TWIST_BEFORE, TWIST_AFTER, TWIST_GAP, TWIST_RISE = 50, 25, 0.06, 0.04


def _chest_facing(placed: Placed) -> float:
    """The way the front of the chest faces, as an angle in the floor's plane (radians)."""
    j = placed.skeleton.joints
    top = placed.skeleton.rings[-2]
    front = j[top[4]]
    return math.atan2(front[2] - j["chest"][2], front[0] - j["chest"][0])


def resolve_rotation(placed: Placed) -> float:
    """How far the shoulders are turned, from the chest's right-left line (degrees)."""
    j = placed.skeleton.joints
    (x0, _, z0), (x1, _, z1) = j["left_shoulder"], j["right_shoulder"]
    return round(math.degrees(math.atan2(z1 - z0, x1 - x0)), 6)


def _effort_arrows(start: Placed, end: Placed, highlight: tuple[str, ...]) -> list[Item]:
    """For a held contraction: an arrow pressing into the working region, ending at the
    surface it moves (the belly wall drawn in towards the spine)."""
    items: list[Item] = []
    for region, prefix in (("abdomen", "belly"), ("back", "back")):
        if region in highlight and end.view == "side":
            spine, surface = end.points["spine2"], end.points[f"{prefix}2"]
            length = _distance(spine, surface)
            ux, uy = (surface[0] - spine[0]) / length, (surface[1] - spine[1]) / length
            depth = max(
                _distance(start.points["spine2"], start.points[f"{prefix}2"]),
                length,
            ) / 0.6  # the belly points sit at 0.6 of the surface's depth
            # Small and close: the person draws the belly in, nothing presses on it (a long
            # arrow from outside reads as a hand or a weight pushing down).
            outer = depth + OUTLINE + 0.012
            a = (spine[0] + ux * (outer + 0.07), spine[1] + uy * (outer + 0.07))
            b = (spine[0] + ux * outer, spine[1] + uy * outer)
            items += _arrow((a, b), SMALL_ARROW)
    return items


def _arrow(path: tuple[Point, ...], size: float = 1.0) -> list[Item]:
    """A stroke along ``path`` ending in a filled head, over a paper-coloured halo; ``size``
    scales the head and the line (a small movement gets a small arrow, in the same style)."""
    (x0, y0), (x1, y1) = path[-2], path[-1]
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    head_len, head_half = ARROW_HEAD[0] * size, ARROW_HEAD[1] * size
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
        Stroke(shaft, ARROW_WIDTH * size + 2 * halo, "paper"),
        Shape(_grow(head, halo), "paper"),
        Stroke(shaft, ARROW_WIDTH * size, "arrow"),
        Shape(head, "arrow"),
    ]
