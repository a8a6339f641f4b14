"""Forward kinematics: joint angles to joint positions in 3-D.

The trunk is a chain of short segments rooted at its middle, so a bend curves the whole spine
evenly (the cat's arch and sag) and half of it shows at each end. Limbs hang from the chest
and the pelvis. Each segment carries a frame (right, up, front); a segment points along its
frame's ``-up`` and bends by turning its frame about one of its own axes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from publish.figures import body
from publish.figures.joints import SIDES
from publish.figures.poses import BASES, resolve
from publish.model import Pose

Vec = tuple[float, float, float]

SPINE_SEGMENTS = 6
RING_SAMPLES = 16
TORSO_RING_NAMES = tuple(
    tuple(f"ring{j}_{k}" for k in range(RING_SAMPLES)) for j in range(len(body.TORSO_RINGS))
)


def add(a: Vec, b: Vec, k: float = 1.0) -> Vec:
    return (a[0] + b[0] * k, a[1] + b[1] * k, a[2] + b[2] * k)


def cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


class Frame(NamedTuple):
    """A segment's axes. A named tuple, not a frozen dataclass: the kneeling solver makes
    thousands of frames, and a tuple is made several times faster."""

    r: Vec  # the body's right
    u: Vec  # up, towards the head (limbs point along -u)
    f: Vec  # front

    def turn(self, axis: str, degrees: float) -> Frame:
        """Turn about one of the frame's own axes: ``r`` tips up towards front, ``f`` tips up
        towards right, ``u`` turns front towards left."""
        c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
        n = -s
        r, u, f = self
        # _mix written out: (a * c + b * s) and (a * c + b * -s), component by component.
        if axis == "r":
            return Frame(r, (u[0] * c + f[0] * s, u[1] * c + f[1] * s, u[2] * c + f[2] * s),
                         (f[0] * c + u[0] * n, f[1] * c + u[1] * n, f[2] * c + u[2] * n))
        if axis == "f":
            return Frame((r[0] * c + u[0] * n, r[1] * c + u[1] * n, r[2] * c + u[2] * n),
                         (u[0] * c + r[0] * s, u[1] * c + r[1] * s, u[2] * c + r[2] * s), f)
        return Frame((r[0] * c + f[0] * s, r[1] * c + f[1] * s, r[2] * c + f[2] * s), u,
                     (f[0] * c + r[0] * n, f[1] * c + r[1] * n, f[2] * c + r[2] * n))

    @property
    def down(self) -> Vec:
        return (-self.u[0], -self.u[1], -self.u[2])


@dataclass(frozen=True)
class Bone:
    """One drawn segment: a polyline through named joints, with a stroke width."""

    name: str
    joints: tuple[str, ...]
    width: float
    side: str | None = None  # "left"/"right" for limbs, None for the trunk, neck and girdles
    mass: float = 0.0
    drawn: bool = True  # False for the trunk's spine line: the torso's surface is drawn instead


@dataclass(frozen=True)
class Skeleton:
    """A posed body: named joint positions (3-D) and the bones drawn between them."""

    joints: dict[str, Vec]
    bones: tuple[Bone, ...]
    head: str = "head"  # the joint at the centre of the head
    spine: tuple[str, ...] = ()

    @property
    def rings(self) -> tuple[tuple[str, ...], ...]:
        """The torso's cross-sections, from below the hips up, each a closed loop of joints."""
        return TORSO_RING_NAMES


#: Each ring sample's direction round the spine: cos and sin of 2 pi k / RING_SAMPLES.
_RING_TURNS = tuple(
    (math.cos(2 * math.pi * k / RING_SAMPLES), math.sin(2 * math.pi * k / RING_SAMPLES)) for k in range(RING_SAMPLES)
)


def front_view(v: Vec) -> Vec:
    """A quarter turn about the vertical: what faced right now faces the reader."""
    return (-v[2], v[1], v[0])


def pose_skeleton(pose: Pose, view: str = "side") -> Skeleton:
    angles = resolve(pose)
    trunk, chest, pelvis = _trunk(
        pose.base, view, angles["trunk"], angles["trunk_rotation"], angles["neck"], angles.get("belly_in", 0.0)
    )
    joints = dict(trunk)
    for side in SIDES:
        _limbs(joints, side, lambda joint: angles[f"{side}_{joint}"], chest, pelvis)  # noqa: B023 - used at once
    return Skeleton(joints, _bones(), spine=_SPINE)


_SPINE = tuple(f"spine{i}" for i in range(SPINE_SEGMENTS + 1))


@lru_cache(maxsize=16)  # hits come from poses placed one after another: few kept, little memory
def _trunk(base_name: str, view: str, trunk: float, trunk_rotation: float, neck_angle: float,
           belly_in: float) -> tuple[dict[str, Vec], Frame, Frame]:
    """The trunk, neck and head (joints, and the chest's and pelvis's frames).

    They depend on these few angles only, so poses that differ in their limbs alone (the
    start and end of most exercises; every trial of the kneeling solver) share one; callers
    copy the joints before adding to them."""
    base = BASES[base_name]
    up, front = base.up, base.front
    if view == "front":
        up, front = front_view(up), front_view(front)
    root = Frame(cross(front, up), up, front)
    joints: dict[str, Vec] = {}

    # The spine, from the middle up to the shoulders and down to the pelvis.
    half = SPINE_SEGMENTS // 2
    step = body.TRUNK / SPINE_SEGMENTS
    bends = body.spine_bends(trunk, bool(base.planted))
    twist = trunk_rotation / half
    up_nodes, down_nodes = [], []
    frame, point = root, (0.0, 0.0, 0.0)
    for bend in bends[half:]:
        frame = frame.turn("r", bend / 2).turn("u", twist / 2)
        point = add(point, frame.u, step)
        frame = frame.turn("r", bend / 2).turn("u", twist / 2)
        up_nodes.append((point, frame))
    chest = frame
    frame, point = root, (0.0, 0.0, 0.0)
    for bend in reversed(bends[:half]):
        frame = frame.turn("r", -bend / 2)
        point = add(point, frame.u, -step)
        frame = frame.turn("r", -bend / 2)
        down_nodes.append((point, frame))
    pelvis = frame
    nodes = list(reversed(down_nodes)) + [((0.0, 0.0, 0.0), root)] + up_nodes
    spine_points = [p for p, _ in nodes]
    joints.update(zip(_SPINE, spine_points))
    joints["pelvis"], joints["chest"] = spine_points[0], spine_points[-1]
    _torso(joints, nodes, pelvis, chest, belly_in)
    # Where the belly and the back are, a little inside the surface, for arrows and accents.
    for i, (p, f) in enumerate(nodes):
        joints[f"belly{i}"] = add(p, f.f, body.TORSO_RINGS[i + 1][2] * 0.6)
        joints[f"back{i}"] = add(p, f.f, -body.TORSO_RINGS[i + 1][3] * 0.6)
    joints["buttock"] = add(add(spine_points[0], pelvis.f, -body.TORSO_RINGS[1][3] * 0.6), pelvis.u, -0.02)
    joints["sternum"] = add(spine_points[-1], chest.f, body.TORSO_RINGS[-2][2])

    neck = chest.turn("r", neck_angle)
    joints["neck_top"] = add(joints["chest"], neck.u, body.NECK)
    _head(joints, joints["chest"], neck)
    return joints, chest, pelvis


def _limbs(joints: dict[str, Vec], side: str, a, chest: Frame, pelvis: Frame) -> None:
    """One side's arm and leg, hung from the chest and the pelvis; ``a(joint)`` its angles."""
    out = 1.0 if side == "right" else -1.0
    shoulder = add(joints["chest"], chest.r, out * body.SHOULDER_HALF)
    arm = chest.turn("f", -out * a("shoulder_abduction")).turn("r", -a("shoulder"))
    arm = arm.turn("u", -out * a("shoulder_rotation"))
    elbow = add(shoulder, arm.down, body.UPPER_ARM)
    forearm = arm.turn("r", -a("elbow"))
    wrist = add(elbow, forearm.down, body.FOREARM)
    hand = forearm.turn("r", -a("wrist"))
    fingers = add(wrist, hand.down, body.HAND)

    hip = add(joints["pelvis"], pelvis.r, out * body.HIP_HALF)
    thigh = pelvis.turn("f", -out * a("hip_abduction")).turn("r", -a("hip"))
    knee = add(hip, thigh.down, body.THIGH)
    shank = thigh.turn("r", a("knee"))
    ankle = add(knee, shank.down, body.SHANK)
    foot = shank.turn("r", -a("ankle"))  # dorsiflexion (+) lifts the toes towards the shin
    heel = add(add(ankle, shank.down, body.HEEL_DROP), shank.f, -0.012)
    toe = add(heel, foot.f, body.FOOT)

    joints.update(zip(_LIMB_JOINTS[side], (
        shoulder, elbow, wrist, fingers, hip, knee, ankle, heel, toe,
        # Which way each hinge bends: the front of the elbow, the kneecap.
        add(elbow, arm.f, 0.02), add(knee, thigh.f, 0.02),
    )))  # fmt: skip


#: One side's limb joints, named in the order _limbs adds them.
_LIMB_JOINTS = {
    side: tuple(f"{side}_{k}" for k in (
        "shoulder", "elbow", "wrist", "fingers", "hip", "knee", "ankle", "heel", "toe", "elbow_front", "kneecap"))
    for side in SIDES
}


@lru_cache(maxsize=1)
def _bones() -> tuple[Bone, ...]:
    """The drawn segments: the same for every pose (one tuple, so what is worked out from it
    can be kept)."""
    bones = [
        Bone("trunk", _SPINE, body.WIDTH["trunk"], mass=body.MASS["trunk"], drawn=False),
        Bone("neck", ("chest", "neck_top"), body.WIDTH["neck"], mass=body.MASS["head"]),
    ]
    for side in SIDES:
        s = f"{side}_"
        bones += [
            Bone(s + "upper_arm", (s + "shoulder", s + "elbow"), body.WIDTH["upper_arm"], side, body.MASS["upper_arm"]),
            Bone(s + "forearm", (s + "elbow", s + "wrist"), body.WIDTH["forearm"], side, body.MASS["forearm"]),
            Bone(s + "hand", (s + "wrist", s + "fingers"), body.WIDTH["hand"], side, body.MASS["hand"]),
            Bone(s + "thigh", (s + "hip", s + "knee"), body.WIDTH["thigh"], side, body.MASS["thigh"]),
            Bone(s + "shank", (s + "knee", s + "ankle"), body.WIDTH["shank"], side, body.MASS["shank"]),
            Bone(s + "foot", (s + "ankle", s + "heel", s + "toe"), body.WIDTH["foot"], side, body.MASS["foot"]),
        ]
    return tuple(bones)


def _torso(joints: dict[str, Vec], nodes: list[tuple[Vec, Frame]], pelvis: Frame, chest: Frame, belly_in: float) -> None:
    """The torso's surface: for each ring of body.TORSO_RINGS a loop of points round the spine."""
    for j, (t, half_width, front, back) in enumerate(body.TORSO_RINGS):
        if t < 0:
            centre, frame = add(nodes[0][0], pelvis.u, t * body.TRUNK), pelvis
        elif t > 1:
            centre, frame = add(nodes[-1][0], chest.u, (t - 1) * body.TRUNK), chest
        else:
            centre, frame = nodes[round(t * SPINE_SEGMENTS)]
        front -= body.BELLY_IN * body.BELLY_RINGS.get(j, 0.0) * belly_in / 100
        (cx, cy, cz), (rx, ry, rz), (fx, fy, fz) = centre, frame.r, frame.f
        for name, (cos, sin) in zip(TORSO_RING_NAMES[j], _RING_TURNS):
            # add(add(centre, frame.r, half_width * cos), frame.f, depth * sin), written out
            across, out = half_width * cos, (front if sin >= 0 else back) * sin
            joints[name] = ((cx + rx * across) + fx * out, (cy + ry * across) + fy * out, (cz + rz * across) + fz * out)


def _head(joints: dict[str, Vec], base: Vec, frame: Frame) -> None:
    """The head's points: skull centre, jaw, nose (a wedge on the face) and the two eyes."""

    def at(up: float, front: float, out: float = 0.0) -> Vec:
        return add(add(add(base, frame.u, up), frame.f, front), frame.r, out)

    up, front = body.HEAD_CENTRE
    joints["head"] = at(up, front)
    joints["jaw"] = at(up + body.JAW_CENTRE[0], front + body.JAW_CENTRE[1])
    for i, (u, f) in enumerate(body.NOSE):
        joints[f"nose{i}"] = at(up + u, front + f)
    eye_up, eye_front, eye_out = body.EYE
    joints["right_eye"] = at(up + eye_up, front + eye_front, eye_out)
    joints["left_eye"] = at(up + eye_up, front + eye_front, -eye_out)
