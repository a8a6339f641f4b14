"""Base poses: how the body lies in the world, and the joint angles a pose starts from.

A pose in the data is a base pose plus the angles it changes. ``resolve`` turns that into one
angle per joint and side, which is all the kinematics needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from publish.figures.body import spine_bends
from publish.figures.joints import SIDED_JOINTS, SIDES
from publish.model import Pose

Vec = tuple[float, float, float]


@dataclass(frozen=True)
class Base:
    """A base pose.

    ``up`` and ``front`` orient the middle of the trunk in the side view (x to the right, y up,
    z towards the reader); the front view turns the body a quarter turn to face the reader.
    ``support`` says what carries the body: the ``floor`` (it settles onto its lowest
    side), its ``feet``, or a ``chair``. ``flat`` lists the ends that lie flat on the floor
    when they reach it; ``shins`` means kneeling: the body rests on its knees (not its toes)
    and the feet lie along the floor behind them, tops down. ``planted`` limbs keep their direction in the world when the trunk
    bends (hands under the shoulders, knees under the hips), unless the data sets them.
    """

    up: Vec
    front: Vec
    angles: dict[str, float]
    support: str = "floor"
    flat: tuple[str, ...] = ()
    planted: tuple[str, ...] = ()


#: Lying on the back: feet relaxed, toes pointing away; arms by the sides, sloping a little
#: down to the floor (the shoulder joint lies higher than the middle of the arm's thickness),
#: the hands resting flat on it.
_LYING = {"ankle": -30.0, "shoulder": -8.0}

BASES: dict[str, Base] = {
    "standing": Base((0, 1, 0), (1, 0, 0), {"elbow": 10.0, "shoulder": 5.0}, "feet", ("feet",)),
    "sitting": Base(
        (0, 1, 0), (1, 0, 0), {"hip": 90.0, "knee": 90.0, "shoulder": 20.0, "elbow": 70.0}, "chair", ("feet",)
    ),
    "supine": Base((-1, 0, 0), (0, 1, 0), dict(_LYING), flat=("hands",)),
    "supine-hook-lying": Base(
        (-1, 0, 0), (0, 1, 0), {**_LYING, "hip": 45.0, "knee": 106.0, "ankle": 0.0}, flat=("feet", "hands")
    ),
    "prone": Base((-1, 0, 0), (0, -1, 0), {"ankle": -60.0, "shoulder": -5.0}),
    "side-lying": Base(
        (0, 0, 1),
        (1, 0, 0),
        {
            # The head rests on the bottom hand: the upper arm along the floor beyond the
            # head, the forearm bent up under the head.
            "right_shoulder_abduction": 165.0,
            "right_shoulder_rotation": 90.0,
            "right_elbow": 105.0,
            "right_wrist": 20.0,
            # The top hand rests on the waist, on the top of the pelvis, the elbow up: a
            # landmark just above the working hip's band (resting lower, on the hip, it hid
            # behind the top thigh, its edge a stray crescent under it).
            "left_shoulder": -30.0,
            "left_shoulder_abduction": 40.0,
            "left_shoulder_rotation": -60.0,
            "left_elbow": 120.0,
            # The bottom leg bent a little at hip and knee, the top leg straight on it, its
            # foot pointing forward (not turned up to the ceiling: the hip stays facing forward).
            # The top leg comes a little forward (hip 8) so that, seen from above, it rests on
            # the bent bottom leg rather than floating behind it.
            "right_hip": 25.0,
            "right_knee": 35.0,
            "left_hip": 8.0,
            "left_hip_abduction": -14.0,
            "ankle": -10.0,
        },
    ),
    "hands-and-knees": Base(
        (1, 0, 0),
        (0, -1, 0),
        {"shoulder": 90.0, "hip": 90.0, "knee": 90.0, "wrist": 90.0, "ankle": -60.0},
        flat=("hands", "shins"),
        planted=("shoulder", "hip"),
    ),
}


def resolve(pose: Pose) -> dict[str, float]:
    """Every joint's angle for ``pose``: trunk joints by name, limb joints as ``left_hip``."""
    base = BASES[pose.base]
    angles = {"trunk": 0.0, "trunk_rotation": 0.0, "neck": 0.0, "belly_in": 0.0}
    angles.update({f"{side}_{joint}": 0.0 for side in SIDES for joint in SIDED_JOINTS})
    given: set[str] = set()
    for source, record in ((base.angles.items(), False), (pose.angles, True)):
        for name, value in source:
            for key in _keys(name):
                angles[key] = float(value)
                if record:
                    given.add(key)
    # Planted limbs follow the bend of the trunk: the spine bends about its middle, so the
    # chest turns by the upper half's share of the bend and the pelvis by the lower half's.
    bends = spine_bends(angles["trunk"], bool(base.planted))
    upper, lower = sum(bends[len(bends) // 2 :]), sum(bends[: len(bends) // 2])
    for side in SIDES:
        if "shoulder" in base.planted and f"{side}_shoulder" not in given:
            angles[f"{side}_shoulder"] += upper
        if "hip" in base.planted and f"{side}_hip" not in given:
            angles[f"{side}_hip"] -= lower
    return angles


def _keys(name: str) -> list[str]:
    if name in SIDED_JOINTS:
        return [f"{side}_{name}" for side in SIDES]
    return [name]
