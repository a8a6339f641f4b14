"""Putting a posed body on the floor, and flattening it onto the page.

A body on the floor rests on the side of its outline that its centre of mass stands over: we
turn the figure (about the reader's line of sight) onto the nearest such side, then lift it
so its lowest point touches the floor line (y = 0). A body on its feet or on a chair is only
lifted. Hands and feet that reach the floor are then laid flat on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from publish.figures import body
from publish.figures.kinematics import Skeleton, Vec, pose_skeleton
from publish.figures.poses import BASES
from publish.model import Pose

Point = tuple[float, float]

#: In the side view the far side is shifted a little, as if seen slightly from in front,
#: so that a far limb lying exactly behind the near one still shows.
SIDE_SHEAR = 0.3

#: A body lying on the floor seen from the front (lying on its side) is drawn in an oblique
#: projection: what comes towards the reader is drawn a little higher, so a bent bottom knee
#: or a hand resting in front of the body shows instead of hiding behind the body.
FRONT_RISE = 0.35


@dataclass(frozen=True)
class Placed:
    """A body placed in the picture: 2-D points (floor at y = 0), depth towards the reader."""

    skeleton: Skeleton  # 3-D, after settling (used for lengths and depth)
    points: dict[str, Point]
    view: str
    base: str

    def depth(self, joint: str) -> float:
        return self.skeleton.joints[joint][2]

    def outline(self) -> list[Point]:
        """Points on the drawn outline: every bone's stroke and the head."""
        return _outline(self.points, self.skeleton)


def place(pose: Pose, view: str = "side") -> Placed:
    skeleton = pose_skeleton(pose, view)
    base = BASES[pose.base]
    joints = dict(skeleton.joints)
    if base.support == "floor":
        joints = _level_pelvis(joints, base.up)
        joints = _settle(joints, skeleton)
    joints = _lift(joints, skeleton)
    joints = _lay_flat(joints, base.flat)
    joints = _lift(joints, skeleton)
    settled = Skeleton(joints, skeleton.bones, skeleton.head, skeleton.spine)
    shear = SIDE_SHEAR if view == "side" else 0.0
    rise = FRONT_RISE if view == "front" and base.support == "floor" else 0.0
    points = {name: (x + shear * z, y + rise * z) for name, (x, y, z) in joints.items()}
    if rise:
        low = min(y for _, y in _outline(points, settled))
        points = {name: (x, y - low) for name, (x, y) in points.items()}
    return Placed(settled, points, view, pose.base)


def _outline(points: dict[str, tuple[float, ...]], skeleton: Skeleton, samples: int = 12) -> list[Point]:
    out: list[Point] = []
    circle = [(math.cos(2 * math.pi * k / samples), math.sin(2 * math.pi * k / samples)) for k in range(samples)]
    for bone in skeleton.bones:
        r = bone.width / 2
        for name in bone.joints:
            x, y = points[name][0], points[name][1]
            out += [(x + r * c, y + r * s) for c, s in circle]
    x, y = points[skeleton.head][0], points[skeleton.head][1]
    out += [(x + body.HEAD_RADIUS * c, y + body.HEAD_RADIUS * s) for c, s in circle]
    return out


def _centre_of_mass(joints: dict[str, Vec], skeleton: Skeleton) -> Point:
    total = x = y = 0.0
    for bone in skeleton.bones:
        if not bone.mass:
            continue
        names = bone.joints if bone.name != "neck" else (skeleton.head,)
        mx = sum(joints[n][0] for n in names) / len(names)
        my = sum(joints[n][1] for n in names) / len(names)
        total += bone.mass
        x, y = x + bone.mass * mx, y + bone.mass * my
    return x / total, y / total


def _hull(points: list[Point]) -> list[Point]:
    """Convex hull, counter-clockwise (Andrew's monotone chain)."""
    pts = sorted(set(points))

    def half(seq: list[Point]) -> list[Point]:
        out: list[Point] = []
        for p in seq:
            while len(out) >= 2 and _turn(out[-2], out[-1], p) <= 0:
                out.pop()
            out.append(p)
        return out

    lower, upper = half(pts), half(pts[::-1])
    return lower[:-1] + upper[:-1]


def _turn(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


#: A side of the outline at least this long can carry the body even when the centre of mass
#: is not over it: the muscles hold a curl or a bridge, the floor does not have to.
LONG_SIDE = 0.25


def _level_pelvis(joints: dict[str, Vec], up: Vec) -> dict[str, Vec]:
    """Turn the body (in the picture plane) so its pelvis lies as the base pose says.

    The spine bends about its middle; turning the pelvis back keeps a lying body's hips where
    they were and lets the bend show at the shoulders (a curl) or the legs (a bridge).
    """
    (x0, y0, _), (x1, y1, _) = joints["spine0"], joints["spine1"]
    if math.hypot(x1 - x0, y1 - y0) < 1e-6 or math.hypot(up[0], up[1]) < 1e-6:
        return joints
    return _rotate(joints, math.atan2(up[1], up[0]) - math.atan2(y1 - y0, x1 - x0))


def _settle(joints: dict[str, Vec], skeleton: Skeleton) -> dict[str, Vec]:
    """Turn the body onto the side of its outline nearest to the side now facing down.

    A side qualifies if the centre of mass stands over it (the body rests on it) or it is
    long (the body is held on it, like a bridge between shoulders and feet).
    """
    hull = _hull(_outline(joints, skeleton))
    cx, cy = _centre_of_mass(joints, skeleton)
    best: float | None = None
    for a, b in zip(hull, hull[1:] + hull[:1]):
        dx, dy = b[0] - a[0], b[1] - a[1]
        length2 = dx * dx + dy * dy
        if length2 < 1e-12:
            continue
        t = ((cx - a[0]) * dx + (cy - a[1]) * dy) / length2
        if not 0.0 <= t <= 1.0 and length2 < LONG_SIDE**2:
            continue
        normal = math.atan2(-dx, dy)  # outward, for a counter-clockwise hull
        turn = -math.pi / 2 - normal  # what brings that side face down
        turn = (turn + math.pi) % (2 * math.pi) - math.pi
        if best is None or abs(turn) < abs(best) - 1e-9:
            best = turn
    return joints if best is None else _rotate(joints, best)


def _rotate(joints: dict[str, Vec], angle: float) -> dict[str, Vec]:
    c, s = math.cos(angle), math.sin(angle)
    return {n: (x * c - y * s, x * s + y * c, z) for n, (x, y, z) in joints.items()}


def _lift(joints: dict[str, Vec], skeleton: Skeleton) -> dict[str, Vec]:
    low = min(y for _, y in _outline(joints, skeleton))
    return {n: (x, y - low, z) for n, (x, y, z) in joints.items()}


def _lay_flat(joints: dict[str, Vec], flat: tuple[str, ...]) -> dict[str, Vec]:
    """Lay hands and feet that reach the floor flat on it, keeping every segment's length."""
    out = dict(joints)
    for side in ("left", "right"):
        if "feet" in flat:
            ankle, heel, toe = (joints[f"{side}_{j}"] for j in ("ankle", "heel", "toe"))
            y = body.WIDTH["foot"] / 2
            drop = _distance(ankle, heel)
            if ankle[1] - y <= drop:
                way = 1.0 if toe[0] >= heel[0] else -1.0
                back = math.sqrt(max(drop * drop - (ankle[1] - y) ** 2 - (ankle[2] - heel[2]) ** 2, 0.0))
                new_heel = (ankle[0] - way * back, y, heel[2])
                out[f"{side}_heel"] = new_heel
                along = math.sqrt(max(_distance(heel, toe) ** 2 - (toe[2] - heel[2]) ** 2, 0.0))
                out[f"{side}_toe"] = (new_heel[0] + way * along, y, toe[2])
        if "hands" in flat:
            wrist, fingers = joints[f"{side}_wrist"], joints[f"{side}_fingers"]
            y = body.WIDTH["hand"] / 2
            reach = _distance(wrist, fingers)
            level = reach * reach - (wrist[1] - y) ** 2 - (wrist[2] - fingers[2]) ** 2
            if level >= 0:
                way = 1.0 if fingers[0] >= wrist[0] else -1.0
                dx = math.sqrt(level)
                out[f"{side}_fingers"] = (wrist[0] + way * dx, y, fingers[2])
    return out


def _distance(a: Vec, b: Vec) -> float:
    return math.dist(a, b)
