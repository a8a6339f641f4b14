"""Body proportions, as fractions of standing height (the figure is 1 unit tall).

Lengths come from Drillis & Contini as tabulated in D. A. Winter, *Biomechanics and Motor
Control of Human Movement* (fig. 4.1; see shared/reference/anthropometry.md); masses from
Winter's segment mass fractions (table 4.1), used only to find where a lying figure rests.
Stroke widths are a pictogram's choice, close to the body's real depth seen from the side.
"""

from __future__ import annotations

import math

#: Joint-to-joint lengths.
TRUNK = 0.818 - 0.530  # hip joint to shoulder joint, standing
NECK = 0.870 - 0.818  # shoulder level to chin
HEAD_HEIGHT = 1.000 - 0.870  # chin to the top of the head: stature is about 7.7 heads

#: The head, in its own frame (up along the neck, front where the face looks), in body
#: heights from the point above the shoulders at eye level (0.936). The skull is a disc as
#: long as a head is deep (about 0.11 H); the jaw a smaller disc below and in front of it;
#: the nose a small wedge on the face, so the head shows which way it looks.
CRANIUM_RADIUS = 0.056
HEAD_CENTRE = (1.000 - CRANIUM_RADIUS - 0.818, -0.004)  # (up, front) from the shoulder level
JAW_CENTRE = (-0.040, 0.020)  # (up, front) from the head centre
JAW_RADIUS = (1.000 - CRANIUM_RADIUS + JAW_CENTRE[0]) - 0.870  # the chin's underside at 0.870
NOSE = ((-0.000, 0.050), (-0.030, 0.070), (-0.036, 0.046))  # bridge, tip, base
EYE = (0.004, 0.040, 0.021)  # up, front, out to each side
HEAD_RADIUS = CRANIUM_RADIUS  # kept for callers that clear the head with an arrow
#: The head seen from the side, as one outline in the same frame (up, front from the head
#: centre): the skull's arc from the nape over the crown to the forehead, then brow, the
#: dip at the eye, the nose (its tip the NOSE's), lips, chin and the jaw line back to the
#: neck. Drawn as one shape, not the skull, jaw and nose apart: the jaw's disc showed, beside
#: the skull's, as a second ball (a double chin; face down, a beak and crest). It stays inside
#: the skull's and jaw's discs and the nose's wedge, which the figure's outline is made of.
PROFILE_FACE = (
    (0.012, 0.054), (0.001, 0.050), NOSE[1], (-0.035, 0.050), (-0.041, 0.052), (-0.049, 0.049),
    (-0.057, 0.048), (-0.065, 0.041), (-0.073, 0.028), (-0.070, 0.008), (-0.058, -0.008),
)
#: Where the neck's line meets the skull (up, front from the head centre): below and behind
#: the centre, so the throat lies behind the chin; near enough that the neck's round end
#: stays inside the skull's disc.
NAPE = (-0.028, -0.012)
PROFILE = tuple(
    (CRANIUM_RADIUS * math.cos(math.radians(a)), CRANIUM_RADIUS * math.sin(math.radians(a)))
    for a in range(-140, 76, 5)
) + PROFILE_FACE
UPPER_ARM = 0.186
FOREARM = 0.146
THIGH = 0.245
SHANK = 0.246
ANKLE_HEIGHT = 0.039

#: The trunk as a tube of elliptic cross-sections along the spine, from below the hip joints
#: to the base of the neck: (height above the hip joint as a fraction of TRUNK, half width,
#: depth in front of the spine, depth behind it). Wide at the shoulders (deltoids), narrow at
#: the waist, deep at the buttocks behind and the chest in front; the top ring is the base of
#: the neck, so the shoulders slope up to it. Anthropometric breadths and depths (Winter;
#: NASA-STD-3000 tables) rounded for a pictogram. The back is drawn gently curved: the
#: hollow of the lower back lies about 2 cm (0.014 of stature) inside the line from the
#: buttocks to the shoulder blades (which, lying on the back, are what rests on the floor);
#: the deeper hollow it had (5 cm) read, face down, as a scoop inviting a patient to arch as
#: far as they can.
TORSO_RINGS = (
    (-0.20, 0.088, 0.040, 0.058),
    (0.00, 0.100, 0.052, 0.075),
    (1 / 6, 0.095, 0.054, 0.066),
    (2 / 6, 0.086, 0.056, 0.060),
    (3 / 6, 0.088, 0.060, 0.058),
    (4 / 6, 0.096, 0.066, 0.062),
    (5 / 6, 0.108, 0.064, 0.070),
    (1.00, 0.150, 0.046, 0.064),
    (1.12, 0.060, 0.034, 0.036),
)
#: How far the belly wall moves towards the spine when it is fully drawn in (belly_in: 100).
BELLY_IN = 0.032
#: Which rings the belly wall is (from the pelvis up, as indices into TORSO_RINGS), with the
#: share of the drawing-in each takes: most at the navel.
BELLY_RINGS = {1: 0.6, 2: 1.0, 3: 1.0, 4: 0.7}

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

#: A foot's breadth (Drillis & Contini: 0.055 of stature), drawn when it is seen end-on.
FOOT_BREADTH = 0.055

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

#: How a bend of the trunk is shared along the spine, from the pelvis up. Flexion lying on
#: the back (the curl) happens in the middle and upper back, from the lower ribs up, so the
#: upper trunk lifts as a curve and the shoulder blades leave the floor; the lowest segments
#: stay down. Shared as before, mostly in the top two segments, the head rose four times as
#: far as the shoulder blades: a curl "led by the chin". Extension happens mostly in the lower
#: back (the superman and the sagging cat arch the waist).
FLEXION_SHARE = (0.0, 0.1, 0.3, 0.3, 0.2, 0.1)
EXTENSION_SHARE = (0.28, 0.26, 0.2, 0.14, 0.08, 0.04)


def spine_bends(trunk: float, carried: bool = False) -> tuple[float, ...]:
    """Each spine segment's share of a trunk bend (degrees), from the pelvis up.

    ``carried``: the trunk hangs between limbs planted on the floor (hands and knees). Nothing
    holds its lower back there, so it bends mostly in the lower back either way: rounding, the
    pelvis tucks and the low back rises most (the cat); shared as a curl's, the hump stood
    behind the shoulder blades and taught an upper-back hunch."""
    share = FLEXION_SHARE if trunk >= 0 and not carried else EXTENSION_SHARE
    return tuple(trunk * s for s in share)
