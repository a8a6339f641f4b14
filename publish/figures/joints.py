"""The vocabulary of pose data: base poses, joints and their ranges, views, body regions.

The loader validates ``figure:`` entries against these tables, so a physiotherapist who
misspells a joint or asks for an impossible angle is told so with the line number. Ranges
follow the healthy adult ranges in shared/reference/anthropometry.md, widened a little where a
pictogram needs it; negative values are the opposite movement (extension for flexion).

Limb joints name a side with ``left_``/``right_`` (the person's own left and right); an
unprefixed limb joint applies to both sides. In the side view the person's right side faces
the reader; lying on the side means lying on the right side, so the top leg is the left one.
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

#: Joint angle names with the range (degrees) the loader accepts.
JOINTS: dict[str, tuple[float, float]] = {
    "trunk": (-30.0, 80.0),  # spine flexion (+, rounds the back) / extension (-, arches it)
    "trunk_rotation": (-45.0, 45.0),  # shoulders turn to the person's left (+) / right (-)
    "neck": (-45.0, 45.0),  # flexion (+, chin to chest) / extension (-)
    "shoulder": (-60.0, 180.0),  # flexion (+, arm forward and up) / extension (-)
    # arm out to the side and up (+) / across the front of the body (-; adduction, about 45
    # degrees in front of the chest: arms crossed over it)
    "shoulder_abduction": (-45.0, 180.0),
    "shoulder_rotation": (-90.0, 90.0),  # external (+) / internal (-) rotation of the arm
    "elbow": (0.0, 145.0),
    "wrist": (-90.0, 90.0),  # hand bends forward (+, palm flat on the floor at 90) / back (-)
    "hip": (-30.0, 125.0),  # flexion (+) / extension (-)
    "hip_abduction": (-20.0, 45.0),  # leg out to the side (+) / across the midline (-)
    "knee": (0.0, 140.0),
    "ankle": (-60.0, 30.0),  # dorsiflexion (+) / plantarflexion (-, toes pointed)
    # Not an angle: how far the belly wall is drawn in towards the spine, in per cent of a
    # full drawing-in (the abdominal hollowing of the drawing-in manoeuvre).
    "belly_in": (0.0, 100.0),
}

SIDES = ("left", "right")

SIDED_JOINTS = (
    "shoulder",
    "shoulder_abduction",
    "shoulder_rotation",
    "elbow",
    "wrist",
    "hip",
    "hip_abduction",
    "knee",
    "ankle",
)


def joint_range(name: str) -> tuple[float, float] | None:
    """The accepted range for a joint name, including left_/right_ variants; None if unknown."""
    for side in SIDES:
        prefix = f"{side}_"
        if name.startswith(prefix) and name[len(prefix) :] in SIDED_JOINTS:
            return JOINTS[name[len(prefix) :]]
    return JOINTS.get(name)


def joint_names() -> list[str]:
    return list(JOINTS) + [f"{side}_{joint}" for side in SIDES for joint in SIDED_JOINTS]


#: Where the reader stands: at the person's right side, in front of them, or in front and to
#: the left, a little above (a three-quarter view, for movements that turn the trunk).
VIEWS = ("side", "front", "three-quarter")

#: Regions that can be highlighted in the accent colour.
#: "waist" is the side of the waist (the obliques, which turn the trunk), "abdomen" its front.
REGIONS = ("abdomen", "waist", "back", "buttocks", "hips", "legs", "arms", "shoulders", "neck")
