"""One body drawn as items: limbs and torso back to front, the head's profile, the eyes.

The torso is drawn as hulls of its smoothed sections; a foot seen end on becomes a short
stroke; which side of the body moves decides which limbs the start pose draws.
"""

from __future__ import annotations

import math
from functools import lru_cache

from publish.figures import body
from publish.figures.placement import Placed, Point, _hull
from publish.figures.poses import BASES
from publish.figures.scene.geometry import _distance, sub3
from publish.figures.scene.items import Disc, Item, Shape, Stroke
from publish.figures.scene.layers import HALO, _cover_tests, _layered, _thigh_from_pelvis
from publish.figures.scene.surface import SURFACE_REGIONS, _far_side, _region


EYE_RADIUS = 0.008


#: A part of the start pose within this distance (body heights) of where it ends is not drawn.
STILL = 0.02
#: A start head whose centre lies within this many head radii (with its halo) of the end's is
#: left out: two discs that far apart overlap by about a quarter of their area.
HEAD_HIDDEN = 1.2


def _body(placed: Placed, tone: str, highlight: tuple[str, ...], moving: str | None,
          moved_from: Placed | None = None, trunk_only: bool = False,
          arm_items: list[Item] | None = None) -> list[Item]:
    """A body as parts drawn back to front: each limb and the torso with head.

    ``tone`` "ink" draws the body solid (far limbs lighter), each part over a paper halo so
    overlapping parts stay apart; "start" draws it as a dashed outline filled with paper and,
    given the end pose as ``moved_from``, only the parts that move (a still leg drawn twice
    is only a tangle of lines beside the real one). ``trunk_only`` draws the trunk alone (the
    neutral back behind a cat-stretch panel: a second head there reads as a second person).
    ``arm_items``, if given, collects the arms' items too.
    """
    skeleton, pts = placed.skeleton, placed.points

    def still(names: list[str]) -> bool:
        return moved_from is not None and all(_distance(pts[n], moved_from.points[n]) < STILL for n in names)

    trunk_depth = sum(placed.depth(j) for j in skeleton.spine) / len(skeleton.spine)
    parts: list[tuple[float, list[Item]]] = []

    torso: list[Item] = []
    rings = skeleton.rings
    if BASES[placed.base].support == "chair":
        # Sitting, the buttocks' lowest section lies on the seat under the thighs; drawn, its
        # tip shows below the near thigh as a stray wedge on the seat's edge.
        rings = rings[1:]
    for section in _smooth_sections([[pts[n] for n in ring] for ring in rings]):
        torso.append(Shape(_section_hull(tuple(section)), tone))
    trunk_sections = list(torso)  # the torso's sections alone, which a leg grows out of
    neck = next(b for b in skeleton.bones if b.name == "neck")
    # A start head that the end's head largely covers (a quarter of it or more) is left out,
    # with its neck: the crescent of it left showing reads as a ball or pillow under the head,
    # or a tangle of dashes at the face (the superman). One that the end's head only touches
    # (the curl's, on the floor under the lifted head) is drawn: "your head starts down here".
    head_under = moved_from is not None and _distance(pts[skeleton.head], moved_from.points[skeleton.head]) < (
        HEAD_HIDDEN * (body.CRANIUM_RADIUS + HALO))
    # In profile the neck rises from between the shoulders to the skull behind the jaw, so
    # the chin stands out in front of the throat (body.NAPE).
    neck_line = tuple(pts[j] for j in neck.joints)
    if placed.view == "side":
        neck_line = (neck_line[0],) + _in_head(placed, (body.NAPE,))
    if not trunk_only and not head_under:
        torso.append(Stroke(neck_line, neck.width, tone))
    head: list[Item] = [
        Disc(pts[skeleton.head], body.CRANIUM_RADIUS, tone),
        Disc(pts["jaw"], body.JAW_RADIUS, tone),
        Shape(tuple(pts[f"nose{i}"] for i in range(len(body.NOSE))), tone),
    ]
    if placed.view == "side":
        # The start pose's head, a dashed outline, goes round the profile's hull: dashes along
        # the brow, nose and lips broke into specks that read as scribble.
        profile = _in_head(placed, body.PROFILE)
        head = [Shape(tuple(_hull(list(profile))) if tone == "start" else profile, tone)]
        # Seen from the side, the head is its own part, over the trunk and the far limbs and
        # under the near ones, but for an arm reaching overhead past it (the superman's): that
        # passes behind the head. Truly it passes in front, beside the ear, and drawn so it hid
        # all of the head but a sliver of face: a reader could not tell face down from face up
        # (lying face up, lifting arms and legs is a strong bend forward, the wrong exercise).
        face = [skeleton.head, "jaw"] + [f"nose{i}" for i in range(len(body.NOSE))]
        if not still(face) and not trunk_only and not head_under:
            depth = max([placed.depth(skeleton.head), trunk_depth] + [
                placed.depth(f"{side}_{j}") for side in ("left", "right") if _overhead(placed, side)
                for j in ("shoulder", "elbow", "wrist", "fingers")]) + 1e-6
            # The neck's fill over the head's paper edge: the head grows out of the neck, not
            # set on it as a ball (the near arm's edge still parts the two where it passes).
            joined = [Stroke(neck_line, neck.width, tone)] if tone == "ink" else []
            parts.append((depth, _layered(head, tone) + joined + _eyes(placed, tone)))
        extra: list[Item] = []
    else:
        if not head_under:
            torso += head
        extra = _eyes(placed, tone) if not head_under else []
    on_top: list[Item] = []
    over_leg: list[Item] = []
    if tone == "ink":
        for region in highlight:
            # The buttocks lie behind the near thigh in a side view: show them over it, edged
            # in paper to part them from the thigh. Seen from the front, the hip's band lies
            # over the root of the thigh (where the leg joins the hip) but under an arm nearer
            # the reader (a hand resting on the hip). A band on the torso's surface lies inside
            # the body's outline and needs no edge: edged in paper, the back's band read as a
            # third limb lying on the back. (Its stripes keep it a band in black and white.)
            patch = _region(placed, region, moving)
            on_trunk = region in SURFACE_REGIONS and all(isinstance(item, Shape) for item in patch)
            band = _layered(patch, "accent", edged=not on_trunk)
            if region in ("buttocks", "hips") and placed.view == "front":
                over_leg += band
            else:
                (on_top if region == "buttocks" else extra).extend(band)
    if not still([n for ring in skeleton.rings for n in ring] + list(neck.joints)):
        parts.append((trunk_depth, _layered(torso, tone) + extra))

    def limb_joints(side: str, limb: str) -> list[str]:
        return [j for b in skeleton.bones if b.side == side and b.drawn and _limb(b.name) == limb for j in b.joints]

    section_tests = None
    for side in ("left", "right"):
        for limb in ("arm", "leg"):
            bones = [b for b in skeleton.bones if b.side == side and b.drawn and _limb(b.name) == limb]
            names = [j for b in bones for j in b.joints]
            if still(names) or trunk_only:
                continue
            other = "left" if side == "right" else "right"
            if (tone == "start" and placed.view == "side" and _far_side(placed, side, limb)
                    and not still(limb_joints(other, limb))):
                continue  # seen from the side, where the far limb started is where the near one did
            depth = sum(placed.depth(j) for j in names) / len(names)
            role = tone
            if tone == "ink" and _far_side(placed, side, limb):
                role = "far"
            drawn: list[Item] = [_foot_end_on(placed, b, role) or Stroke(tuple(pts[j] for j in b.joints), b.width, role)
                                 for b in bones]
            sections = trunk_sections if limb == "leg" else []
            if sections and section_tests is None:
                section_tests = _cover_tests(sections)  # once for both legs
            tests = section_tests if sections else []
            layered = _layered(drawn, role, covers=sections, cover_tests=tests)
            if role == "ink" and sections:
                layered = _thigh_from_pelvis(layered, drawn[0], sections, tests)
            parts.append((depth, layered))
            if limb == "arm" and arm_items is not None:
                arm_items += layered
            if limb == "leg" and over_leg and side == (moving or side):
                parts.append((depth + 1e-9, over_leg))
                over_leg = []
    parts.sort(key=lambda part: part[0])
    return [item for _, group in parts for item in group] + over_leg + on_top


#: A foot pointing at the reader more than this (cosine) is seen end-on.
END_ON = 0.7


def _foot_end_on(placed: Placed, bone, role: str) -> Stroke | None:
    """A foot pointing at the reader (lying on the side, seen from the front), drawn as it is
    seen: its top, as broad as a foot, a short round stub from the ankle to the toes. Drawn as
    from the side (ankle, heel, toe: a hook) it read as a foot turned down to the floor."""
    if not bone.name.endswith("foot"):
        return None
    joints = placed.skeleton.joints
    ankle, heel, toe = bone.joints
    along = sub3(joints[toe], joints[heel])
    size = math.sqrt(sum(a * a for a in along))
    if sum(a * t for a, t in zip(along, placed.camera.towards_reader)) < END_ON * size:
        return None
    return Stroke((placed.points[ankle], placed.points[toe]), body.FOOT_BREADTH, role)


def _section_hull(section: tuple[Point, ...]) -> list[Point]:
    """A torso section's hull (a new list each time), kept for the few bodies drawn again: the
    close-up draws the start and end trunks a second time, inside the ring on the body."""
    return list(_kept_hull(section))


@lru_cache(maxsize=48)  # one figure's sections: a drawing-in figure's two trunks, and then some
def _kept_hull(section: tuple[Point, ...]) -> tuple[Point, ...]:
    return tuple(_hull(list(section)))


#: A section of the torso between two rings is drawn through this many slices of it (the two
#: rings and the rings interpolated between them).
SLICES = 3


def _smooth_sections(rings: list[list[Point]]) -> list[list[Point]]:
    """The torso's drawn sections, each the points of two neighbouring rings and of rings
    between them on a smooth curve through the rings before and after (Catmull-Rom): drawn as
    their convex hull, the outline bends smoothly where the rings change size (the hull of
    the two rings alone left angular bumps at the shoulders and the buttocks). One section per
    pair of rings, as before: only the hull has more points to go round."""
    out: list[list[Point]] = []
    last = len(rings) - 1
    for j in range(last):
        p0, p1, p2, p3 = rings[max(j - 1, 0)], rings[j], rings[j + 1], rings[min(j + 2, last)]
        slices = [p1]
        for k in range(1, SLICES):
            t = k / SLICES
            t2, t3 = t * t, t * t * t
            w0, w1 = -0.5 * t3 + t2 - 0.5 * t, 1.5 * t3 - 2.5 * t2 + 1
            w2, w3 = -1.5 * t3 + 2 * t2 + 0.5 * t, 0.5 * t3 - 0.5 * t2
            # No lower than the two rings it lies between: a curve overshooting them would
            # dip into the floor where the body rests on it.
            slices.append([(w0 * ax + w1 * bx + w2 * cx + w3 * dx, _no_lower(w0 * ay + w1 * by + w2 * cy + w3 * dy, by, cy))
                           for (ax, ay), (bx, by), (cx, cy), (dx, dy) in zip(p0, p1, p2, p3)])
        slices.append(p2)
        out.append([p for ring in slices for p in ring])
    return out


def _no_lower(y: float, b: float, c: float) -> float:
    """``max(y, min(b, c))`` without the calls: the value each returns, ties included."""
    low = c if c < b else b
    return low if low > y else y


def _overhead(placed: Placed, side: str) -> bool:
    """Whether an arm reaches overhead, its hand beyond the head (along the neck, from the
    chest), as in the superman's reach."""
    j = placed.skeleton.joints
    along = sub3(j[placed.skeleton.head], j["chest"])
    size = math.sqrt(sum(a * a for a in along))
    reach = sum(a * b for a, b in zip(sub3(j[f"{side}_fingers"], j["chest"]), along)) / size
    return reach > size + body.CRANIUM_RADIUS


def _limb(bone: str) -> str:
    return "arm" if bone.split("_", 1)[1] in ("upper_arm", "forearm", "hand") else "leg"


def _in_head(placed: Placed, points: tuple[tuple[float, float], ...]) -> tuple[Point, ...]:
    """Points of the head's middle plane, given (up, front) from the head centre as body.NOSE
    is, where the picture draws them: it is a parallel projection, so the head centre, the
    nose's bridge and the jaw (three points of that plane) fix where every other one lies."""
    pts = placed.points
    h, bridge, jaw = pts[placed.skeleton.head], pts["nose0"], pts["jaw"]
    (bu, bf), (ju, jf) = body.NOSE[0], body.JAW_CENTRE
    # Solve bridge - h = bu U + bf F and jaw - h = ju U + jf F for the picture's U and F.
    det = bu * jf - bf * ju
    b = (bridge[0] - h[0], bridge[1] - h[1])
    j = (jaw[0] - h[0], jaw[1] - h[1])
    up = tuple((b[k] * jf - j[k] * bf) / det for k in range(2))
    front = tuple((j[k] * bu - b[k] * ju) / det for k in range(2))
    return tuple((h[0] + u * up[0] + f * front[0], h[1] + u * up[1] + f * front[1]) for u, f in points)


def _eyes(placed: Placed, tone: str) -> list[Item]:
    """The eyes that face the reader: paper dots on a solid head, grey on an outlined one."""
    joints, towards = placed.skeleton.joints, placed.camera.towards_reader
    head = joints[placed.skeleton.head]
    out: list[Item] = []
    for eye in ("right_eye", "left_eye"):
        facing = sum((e - h) * t for e, h, t in zip(joints[eye], head, towards))
        if facing > 0.012:
            out.append(Disc(placed.points[eye], EYE_RADIUS, "start" if tone == "start" else "paper"))
    return out


def _moving_side(start: Placed, end: Placed) -> str | None:
    """The side whose limbs move most, when one side clearly moves more than the other."""
    moved = {
        side: max(_distance(start.points[f"{side}_{j}"], end.points[f"{side}_{j}"]) for j in ("toe", "fingers"))
        for side in ("left", "right")
    }
    left, right = moved["left"], moved["right"]
    if max(left, right) > 0.05 and min(left, right) < 0.5 * max(left, right):
        return "left" if left > right else "right"
    return None
