"""What the body rests on: the floor line with its hatching, the mat seen from above, the chair.

Kept apart because a prop depends only on where a body is placed, never on how it is drawn.
"""

from __future__ import annotations

import math

from publish.figures import body
from publish.figures.placement import Placed, Point, _hull
from publish.figures.poses import BASES
from publish.figures.scene.geometry import _at, _bounds, _distance
from publish.figures.scene.items import Item, Shape, Stroke


FLOOR_WIDTH = 0.012
MAT_EDGE = 0.006  # the edge round a floor seen from above
MAT_DISTANCE = 2.5  # how far from the reader (body heights) a floor seen from above is drawn in perspective
HATCH = (0.06, 0.035, 0.007)  # spacing, length, width of the hatching under the floor
FLOOR_BEYOND = 0.015  # how far the floor line reaches beyond the figure at each end
PROP_WIDTH = 0.026


def _chair(placed: Placed) -> list[Item]:
    """An armless chair under a seated body, in 3-D: the seat meets the underside of the
    thighs and buttocks, four legs to the floor, a back behind the pelvis.

    Drawn as line art: each rail a hollow tube (a thin edge in the floor's tone round a paper
    core), joined rails one outline. A solid grey chair turned solid black on a black-and-white
    printer, as dark as the body, and its back post merged with an arm; an outline stays a
    drawn object behind the body's paper halo. Seen from above, the seat covers the legs
    under it; the back rises above it."""
    if BASES[placed.base].support != "chair":
        return []
    seat = _seat_height(placed)
    (back_x, z0), (front_x, _), _, (_, z1) = _seat_corners(placed)
    way = 1.0 if front_x >= back_x else -1.0
    top = seat - PROP_WIDTH / 2
    back_top = top + CHAIR_BACK

    def at(x: float, y: float, z: float) -> Point:
        px, py, _ = placed.camera.project((x, y, z))
        return _at(placed, px, py)

    seat_loop = (at(back_x, top, z0), at(front_x, top, z0), at(front_x, top, z1), at(back_x, top, z1))
    legs = [(at(x, top, z), at(x, 0.0, z)) for x in (back_x, front_x) for z in (z0, z1)]
    lean = -way * 0.04
    back = (at(back_x, top, z0), at(back_x + lean, back_top, z0), at(back_x + lean, back_top, z1), at(back_x, top, z1))
    return _tubes(legs) + [Shape(seat_loop, "paper")] + _tubes([seat_loop + seat_loop[:1], back])


#: How far the chair's back rises above the seat (body heights; 0.2, about 35 cm, to the
#: small of the back). Up to the shoulders, it framed the start pose's dashed trunk, which
#: then read as a cushion on the chair back rather than where the body started.
CHAIR_BACK = 0.2
#: A chair rail's edge (body heights): thin, so the rail reads as an outline, not a solid bar.
PROP_EDGE = 0.006


def _tubes(paths: list[tuple[Point, ...]]) -> list[Item]:
    """Rails as one outline: every rail's edge, then every rail's paper core over them."""
    edges = [Stroke(path, PROP_WIDTH, "floor") for path in paths]
    return edges + [Stroke(path, PROP_WIDTH - 2 * PROP_EDGE, "paper") for path in paths]


def _seat_height(placed: Placed) -> float:
    """Where the underside of the thighs and buttocks is, in 3-D. The buttocks' lowest
    section (below the hip joints, not drawn sitting) is left out: it hangs 2 cm below the
    thighs' underside, and a seat there left the thighs floating above it."""
    joints = placed.skeleton.joints
    low = min(joints[n][1] for ring in placed.skeleton.rings[1:2] for n in ring)
    for side in ("left", "right"):
        hip, knee = joints[f"{side}_hip"], joints[f"{side}_knee"]
        low = min(low, min(hip[1], knee[1]) - body.WIDTH["thigh"] / 2)
    return low


def _floor(items: list[Item], bodies: tuple[Placed, ...],
           bounds: tuple[float, float, float, float] | None = None) -> list[Item]:
    """The floor: a line with hatching below it, or, seen from above, the edges of a mat.
    ``bounds``: ``_bounds(items)``, when the caller has it already."""
    camera = bodies[0].camera
    x0, _, x1, _ = _bounds(items) if bounds is None else bounds
    if camera.pitch == 0:
        y = -FLOOR_WIDTH / 2
        # Only a little beyond the figure: the floor sets the picture's width, and a lying
        # body is as wide as it gets (any more floor draws the body, and its lift, smaller).
        line = Stroke(((x0 - FLOOR_BEYOND, y), (x1 + FLOOR_BEYOND, y)), FLOOR_WIDTH, "floor")
        slant = HATCH[1] * 0.7  # how far a tick reaches left of where it hangs from the line
        return [line] + _hatch((x0 - FLOOR_BEYOND + slant, -FLOOR_WIDTH), (x1 + FLOOR_BEYOND, -FLOOR_WIDTH))
    # A mat under the bodies, from just behind them to just in front of them (one mat under
    # both panels when they stand side by side).
    # Bodies drawn at the same place on the page (a start and an end pose over each other)
    # share one rectangle round them all; panels side by side each get their own.
    spans: dict[Point, list[float]] = {}
    for placed in bodies:
        xs = [j[0] for j in placed.skeleton.joints.values()]
        zs = [j[2] for j in placed.skeleton.joints.values()]
        offset = tuple(round(v, 9) for v in _at(placed, 0.0, 0.0))
        lo_x, hi_x, lo_z, hi_z = spans.setdefault(offset, [math.inf, -math.inf, math.inf, -math.inf])
        spans[offset] = [min(lo_x, min(xs) - 0.1), max(hi_x, max(xs) + 0.1), min(lo_z, min(zs) - 0.06), max(hi_z, max(zs) + 0.06)]
    seen: list[tuple[Point, float]] = []
    for (ox, oy), (lo_x, hi_x, lo_z, hi_z) in spans.items():
        for x, z in ((lo_x, lo_z), (hi_x, lo_z), (hi_x, hi_z), (lo_x, hi_z)):
            px, py, depth = camera.project((x, 0.0, z))
            seen.append(((px + ox, py + oy), depth))
    # In perspective: the far edge drawn narrower than the near one, so the outline reads as a
    # floor going back, not as the front of a bench or a block the body lies on.
    front, middle = max(d for _, d in seen), sum(p[0] for p, _ in seen) / len(seen)
    corners = tuple(_hull([(middle + (x - middle) * MAT_DISTANCE / (MAT_DISTANCE + front - d), y)
                           for (x, y), d in seen]))
    # Drawn in lines only, its outline and its front edge hatched: a grey mat read as a bench
    # the lying body sank into, in the far side's grey, and turned white on a black-and-white
    # printer (nothing that is not the body is filled with a tone; publish.figures.style).
    out: list[Item] = [Stroke(corners + corners[:1], MAT_EDGE, "floor")]
    # The edges nearest the reader (lowest on the page) drawn as the floor line, hatched.
    edges = sorted(zip(corners, corners[1:] + corners[:1]), key=lambda e: e[0][1] + e[1][1])
    for a, b in edges[:2]:
        if _distance(a, b) > 0.15 and abs(b[1] - a[1]) < abs(b[0] - a[0]):
            out += [Stroke((a, b), FLOOR_WIDTH, "floor")] + _hatch(a, b)
    return out


def _hatch(a: Point, b: Point) -> list[Item]:
    """Short slanted strokes hanging below the edge from ``a`` to ``b``."""
    spacing, length, width = HATCH
    run = _distance(a, b)
    count = max(int(run / spacing), 1)
    out: list[Item] = []
    for i in range(count + 1):
        t = i / count
        x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        out.append(Stroke(((x, y), (x - length * 0.7, y - length * 0.7)), width, "floor"))
    return out


def _seat_corners(placed: Placed) -> list[tuple[float, float]]:
    """The chair seat's corners (x, z) in the floor's plane, as _chair draws them."""
    joints = placed.skeleton.joints
    pelvis, knee = joints["pelvis"], joints["right_knee"]
    way = 1.0 if knee[0] >= pelvis[0] else -1.0
    back_x = pelvis[0] - way * (body.TORSO_RINGS[1][3] + PROP_WIDTH / 2 + 0.01)
    front_x = knee[0] - way * 0.07
    half = body.HIP_HALF + 0.09
    z0, z1 = pelvis[2] - half, pelvis[2] + half
    return [(back_x, z0), (front_x, z0), (front_x, z1), (back_x, z1)]
