"""The vocabulary of pose data: base poses, joints and their ranges, views, body regions.

The loader validates ``figure:`` entries against these tables, so a physiotherapist who
misspells a joint or asks for an impossible angle is told so with the line number. Ranges
follow the healthy adult ranges in shared/reference/anthropometry.md, widened a little where a
pictogram needs it; negative values are the opposite movement (extension for flexion).
"""

from __future__ import annotations

#: Base poses, with the phrase the alt text uses ("Person lying on their back ...").
BASE_POSES: dict[str, str] = {
    "supine-hook-lying": "lying on their back with knees bent",
    "supine": "lying on their back",
    "prone": "lying face down",
    "side-lying": "lying on their side",
    "hands-and-knees": "on hands and knees",
    "sitting": "sitting on a chair",
    "standing": "standing",
}

#: Joint angle names with the range (degrees) the loader accepts. ``near_``/``far_`` prefixes
#: apply an angle to one side only; an unprefixed limb joint applies to both sides.
JOINTS: dict[str, tuple[float, float]] = {
    "trunk": (-30.0, 80.0),  # spine flexion (+) / extension (-), spread along the spine
    "trunk_rotation": (-45.0, 45.0),
    "neck": (-45.0, 45.0),  # flexion (+) / extension (-)
    "shoulder": (-60.0, 180.0),  # flexion (+, arm forward and up) / extension (-)
    "elbow": (0.0, 145.0),
    "hip": (-30.0, 125.0),  # flexion (+) / extension (-)
    "hip_abduction": (-20.0, 45.0),
    "knee": (0.0, 140.0),
    "ankle": (-50.0, 30.0),  # dorsiflexion (+) / plantarflexion (-)
}

SIDED_JOINTS = ("shoulder", "elbow", "hip", "hip_abduction", "knee", "ankle")


def joint_range(name: str) -> tuple[float, float] | None:
    """The accepted range for a joint name, including near_/far_ variants; None if unknown."""
    for prefix in ("near_", "far_"):
        if name.startswith(prefix) and name[len(prefix):] in SIDED_JOINTS:
            return JOINTS[name[len(prefix):]]
    return JOINTS.get(name)


def joint_names() -> list[str]:
    return list(JOINTS) + [f"{p}{j}" for p in ("near_", "far_") for j in SIDED_JOINTS]


VIEWS = ("side", "front")

#: Regions that can be highlighted in the accent colour.
REGIONS = ("abdomen", "back", "buttocks", "hips", "legs", "arms", "shoulders", "neck")
