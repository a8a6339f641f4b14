"""Body proportions, as fractions of standing height (the figure is 1 unit tall).

Lengths come from Drillis & Contini as tabulated in D. A. Winter, *Biomechanics and Motor
Control of Human Movement* (fig. 4.1; see shared/reference/anthropometry.md); masses from
Winter's segment mass fractions (table 4.1), used only to find where a lying figure rests.
Stroke widths are a pictogram's choice, close to the body's real depth seen from the side.
"""

from __future__ import annotations

#: Joint-to-joint lengths.
TRUNK = 0.818 - 0.530  # hip joint to shoulder joint, standing
NECK = 0.870 - 0.818  # shoulder level to chin
HEAD_RADIUS = (1.000 - 0.870) / 2  # chin to top of head is the head's diameter
UPPER_ARM = 0.186
FOREARM = 0.146
THIGH = 0.245
SHANK = 0.246
ANKLE_HEIGHT = 0.039

#: Half the distance between the shoulder joints and between the hip joints.
SHOULDER_HALF = 0.259 / 2
HIP_HALF = 0.191 / 2 * 0.85  # hip joint centres sit inside the trochanters

#: Stroke widths. Side view shows the trunk's depth; front view its breadth.
WIDTH = {
    "trunk": 0.12,
    "trunk_front": 0.15,
    "shoulders": 0.075,
    "hips": 0.11,
    "neck": 0.05,
    "upper_arm": 0.05,
    "forearm": 0.042,
    "hand": 0.034,
    "thigh": 0.075,
    "shank": 0.054,
    "foot": 0.034,
}

#: Hand and foot strokes end at a round cap, so the joint-to-end length is the segment
#: length less half the stroke width.
HAND = 0.108 - WIDTH["hand"] / 2
HEEL_DROP = ANKLE_HEIGHT - WIDTH["foot"] / 2  # ankle to the centre of the heel
FOOT = 0.152 - 0.03 - WIDTH["foot"]  # heel to toe, less the caps and the heel behind the ankle

#: Segment mass as a fraction of body mass (Winter table 4.1).
MASS = {
    "head": 0.081,
    "trunk": 0.497,
    "upper_arm": 0.028,
    "forearm": 0.016,
    "hand": 0.006,
    "thigh": 0.100,
    "shank": 0.0465,
    "foot": 0.0145,
}

#: How a bend of the trunk is shared along the spine, from the pelvis up. Flexion happens
#: mostly in the upper back (a curl rounds the shoulders, the lower back stays down);
#: extension mostly in the lower back (the superman and the sagging cat arch the waist).
FLEXION_SHARE = (0.04, 0.08, 0.14, 0.2, 0.26, 0.28)
EXTENSION_SHARE = FLEXION_SHARE[::-1]


def spine_bends(trunk: float) -> tuple[float, ...]:
    """Each spine segment's share of a trunk bend (degrees), from the pelvis up."""
    share = FLEXION_SHARE if trunk >= 0 else EXTENSION_SHARE
    return tuple(trunk * s for s in share)
