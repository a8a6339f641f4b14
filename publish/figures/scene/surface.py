"""The marked regions of the body's surface: abdomen, back, buttocks and the hip band.

Kept apart from the body's outline because these are drawn on top of it, from the torso's
rings, only when an exercise highlights them; and which side of the body faces away.
"""

from __future__ import annotations

import math

from publish.figures import body
from publish.figures.placement import Placed, Point, _hull
from publish.figures.scene.geometry import _at, _unit3, sub3
from publish.figures.scene.items import Disc, Item, Shape, Stroke


FAR_SIDE = 0.3  # a side of the body turned this far away (cosine) is the far side


def _far_side(placed: Placed, side: str, limb: str) -> bool:
    """Whether a limb hangs from the far side of the body: that side of the body (from the
    other shoulder or hip to this one) turns away from the reader. A limb merely crossing
    behind the body, like an arm folded over the chest, keeps its side's tone."""
    joints, towards = placed.skeleton.joints, placed.camera.towards_reader
    root = "shoulder" if limb == "arm" else "hip"
    across = sub3(joints[f"{side}_{root}"], joints[f"{'left' if side == 'right' else 'right'}_{root}"])
    size = math.sqrt(sum(a * a for a in across))
    return sum(a * t for a, t in zip(across, towards)) < -FAR_SIDE * size


#: Where on the torso each region lies: rings (indices into body.TORSO_RINGS, from the
#: pelvis up) and the ring sample at the middle of the region (4 = front, 12 = back).
SURFACE_REGIONS = {"abdomen": (range(1, 5), 4), "back": (range(1, 7), 12), "buttocks": (range(0, 2), 12)}
#: The waist band's rings: the pelvis up to the lowest ribs. Up to ring 5 it reached above the
#: seated turn's crossing arm, and its corner showed beside that arm as a stray orange fleck.
WAIST_RINGS = range(1, 5)


def _region(placed: Placed, region: str, moving: str | None) -> list[Item]:
    """The accent-coloured part of the body for a highlighted region."""
    pts = placed.points
    sides = (moving,) if moving else ("left", "right")
    if region == "buttocks" and placed.view == "side":
        # On the near thigh only: the far one's would show through it as a second band.
        near = [s for s in sides if not _far_side(placed, s, "leg")] or list(sides)
        return [_buttock(placed, s) for s in near[-1:]]
    if region == "waist":
        # The obliques, on the front and side of the waist, from the lower ribs to the pelvis:
        # on the side of the body turned to the reader (the samples between the front, 4,
        # and that side, 0 on the right and 8 on the left).
        near_left = placed.depth("left_hip") > placed.depth("right_hip")
        return _surface_patch(placed, WAIST_RINGS, 6 if near_left else 2, half=2)
    if region in SURFACE_REGIONS and not (region == "buttocks" and placed.view == "front"):
        rings, middle = SURFACE_REGIONS[region]
        return _surface_patch(placed, rings, middle)
    if region in ("buttocks", "hips"):
        # A band over the outer side of the hip (the gluteus medius), from the top of the
        # thigh bone (the greater trochanter, by the hip joint) up to the top of the pelvis
        # (the iliac crest), on the hip's outer surface, its round end short of the waist: a dot
        # on the joint reads as "it hurts here", and a band reaching further up, into the
        # waist, read as the flank working (inviting a hitch of the hip by a side bend).
        joints = placed.skeleton.joints
        band = []
        for s in sides:
            other = "left" if s == "right" else "right"
            up = _unit3(sub3(joints["chest"], joints["pelvis"]))
            out = _unit3(sub3(joints[f"{s}_hip"], joints[f"{other}_hip"]))
            hip = joints[f"{s}_hip"]
            ends = []
            for along in (-HIP_BAND[0], HIP_BAND[1]):
                point = tuple(h + u * along + o * HIP_BAND[2] for h, u, o in zip(hip, up, out))
                x, y, _ = placed.camera.project(point)
                ends.append(_at(placed, x, y))
            band.append(Stroke(tuple(ends), body.WIDTH["thigh"] * 0.6, "accent"))
        return band
    if region == "shoulders":
        return [Disc(pts[f"{s}_shoulder"], body.WIDTH["upper_arm"] * 0.42, "accent") for s in sides]
    if region == "neck":
        return [Stroke((pts["chest"], pts["neck_top"]), body.WIDTH["neck"] * 0.45, "accent")]
    chain = ("hip", "knee", "ankle") if region == "legs" else ("shoulder", "elbow", "wrist")
    width = body.WIDTH["shank" if region == "legs" else "forearm"] * 0.45
    return [Stroke(tuple(pts[f"{s}_{j}"] for j in chain), width, "accent") for s in sides]


#: The hip's outer band: how far below and above the hip joint it runs along the trunk, and
#: how far out from the joint towards the hip's outer surface (body heights). Centred on the
#: joint, where the leg meets the trunk: reaching 0.065 above it (the crest itself), the band
#: was read as on the waist beside the resting hand.
HIP_BAND = (0.035, 0.02, 0.025)


def _buttock(placed: Placed, side: str) -> Item:
    """The buttock (gluteals), seen from the side: a band round the seat behind the hip joint,
    from the back of the pelvis above the joint, under it, to the top of the back of the thigh
    (the torso's lowest ring lies below the hip joint). Along the back of the thigh it reads as
    the hamstrings, and a bridge driven by them is the fault to avoid (they cramp); on the
    front of the thigh or hip it reads as the thigh's front muscles (or the hip flexors)."""
    joints, camera = placed.skeleton.joints, placed.camera
    samples = len(placed.skeleton.rings[0])
    # The ring sample behind the near hip: a quarter of the way from the back's midline to
    # the side (the gluteal mass), on the side the leg hangs from.
    out = 1 if side == "right" else -1
    k = (3 * samples // 4 + out * samples // 16) % samples
    band: list[Point] = []
    for ring in GLUTEAL_RINGS:
        loop = [joints[f"ring{ring}_{i}"] for i in range(samples)]
        centre = tuple(sum(c) / samples for c in zip(*loop))
        p = loop[k]
        inner = tuple(c + (v - c) * GLUTEAL_INSET for c, v in zip(centre, p))
        x, y, _ = camera.project(inner)
        band.append(_at(placed, x, y))
    # A smooth curve through them (a parabola through the three), as the seat is round.
    (x0, y0), (x1, y1), (x2, y2) = band
    curve = []
    for i in range(9):
        t = i / 8
        a, b, c = (1 - t) * (1 - 2 * t), 4 * t * (1 - t), t * (2 * t - 1)
        curve.append((a * x0 + b * x1 + c * x2, a * y0 + b * y1 + c * y2))
    return Stroke(tuple(curve), body.WIDTH["thigh"] * GLUTEAL_WIDTH, "accent")


#: The torso rings the buttock band passes (from above the hip joint to the top of the thigh),
#: how far out from each ring's centre towards its surface it runs, and its width (of a thigh's).
GLUTEAL_RINGS, GLUTEAL_INSET, GLUTEAL_WIDTH = (2, 1, 0), 0.68, 0.45


def _surface_patch(placed: Placed, rings: range, middle: int, half: int = 3) -> list[Item]:
    """A band on the torso's surface round ring sample ``middle``, on the side facing the
    reader, set a little inside the outline so the body's edge stays dark."""
    joints, towards, camera = placed.skeleton.joints, placed.camera.towards_reader, placed.camera
    samples = len(placed.skeleton.rings[0])
    # _at(placed, x, y) is (x + sx - px, y + sy - py): the pelvis projected once, not per point.
    px, py, _ = camera.project(joints["pelvis"])
    sx, sy = placed.points["pelvis"]
    centres: dict[int, tuple[list, tuple]] = {}  # each ring's points and centre, worked out once
    shapes: list[Item] = []
    for j in list(rings)[:-1]:
        points: list[Point] = []
        for ring in (j, j + 1):
            if ring not in centres:
                loop = [joints[f"ring{ring}_{k}"] for k in range(samples)]
                centres[ring] = loop, tuple(sum(c) / samples for c in zip(*loop))
            loop, centre = centres[ring]
            for k in range(middle - half, middle + half + 1):
                p = loop[k % samples]
                out = tuple(a - b for a, b in zip(p, centre))
                size = math.sqrt(sum(v * v for v in out))
                if sum(v * t for v, t in zip(out, towards)) < -0.25 * size:
                    continue  # on the far side of the body
                for scale in (0.78, 0.3):
                    inner = tuple(c + v * scale for c, v in zip(centre, out))
                    x, y, _ = camera.project(inner)
                    points.append((x + sx - px, y + sy - py))
        if len(points) >= 3:
            shapes.append(Shape(_hull(points), "accent"))
    return shapes
