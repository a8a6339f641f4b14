"""The illustration as geometry: strokes, discs and filled shapes in body-height units.

This is the one geometry the PDF, SVG and PNG renderers draw. y points up and the floor line's
top edge is y = 0. Each item names a *role* (ink, far, start, accent, arrow, floor, paper), not
a colour; a FigureStyle maps roles to colours, and publish.figures.style says what each means.

An illustration shows the end pose, solid, over the start pose drawn as an outline, with an
arrow on the part that moves, along its path. When the two poses would hide each other (the
back bends one way and then the other), they stand side by side instead, the start pose
first, each with an arrow showing how it leaves the neutral base pose.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from publish.figures import body
from publish.figures.placement import Camera, Placed, Point, _hull, place
from publish.figures.poses import BASES, resolve
from publish.model import Figure, Pose

ARROW_WIDTH = 0.022
ARROW_HEAD = (0.075, 0.045)  # length, half width
SMALL_ARROW = 0.6  # the scale of an arrow for a small movement (the belly drawn in)
FLOOR_WIDTH = 0.012
MAT_EDGE = 0.006  # the edge round a floor seen from above
MAT_DISTANCE = 2.5  # how far from the reader (body heights) a floor seen from above is drawn in perspective
HATCH = (0.06, 0.035, 0.007)  # spacing, length, width of the hatching under the floor
FLOOR_BEYOND = 0.015  # how far the floor line reaches beyond the figure at each end
PROP_WIDTH = 0.026
MARGIN = 0.03
PANEL_GAP = 0.14
FAR_SIDE = 0.3  # a side of the body turned this far away (cosine) is the far side
HALO = 0.009  # the paper line between overlapping parts of a solid body
OUTLINE = 0.009  # the start pose's outline
FAR_EDGE = 0.006  # the far limbs' thin solid edge
EYE_RADIUS = 0.008


@dataclass(frozen=True)
class Stroke:
    points: tuple[Point, ...]
    width: float
    role: str


@dataclass(frozen=True)
class Disc:
    centre: Point
    radius: float
    role: str


@dataclass(frozen=True)
class Shape:
    """A filled polygon (arrowheads, the torso's sections, the nose)."""

    points: tuple[Point, ...]
    role: str


Item = Stroke | Disc | Shape


class Bounded:
    """Width and height from ``bounds`` (x0, y0, x1, y1): what layouts ask of a scene, and of a
    figure prepared from it (publish.figures.pdf.Prepared), to fit it in a box."""

    __slots__ = ()  # Prepared keeps its slots: no per-figure __dict__ in a large booklet
    bounds: tuple[float, float, float, float]

    @property
    def width(self) -> float:
        return self.bounds[2] - self.bounds[0]

    @property
    def height(self) -> float:
        return self.bounds[3] - self.bounds[1]


@dataclass(frozen=True)
class Scene(Bounded):
    items: tuple[Item, ...]
    bounds: tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Layout:
    """The placed bodies of an illustration, before they are turned into items."""

    start: Placed
    end: Placed
    side_by_side: bool
    shift: Point  # added to the end pose's points


def layout(figure: Figure) -> Layout:
    start, end = place(figure.start, figure.view), place(figure.end, figure.view)
    if _side_by_side(figure):
        return Layout(start, end, True, (_panels_apart(start, end), 0.0))
    # Keep still what stays still: the pelvis if it neither rises nor sinks, else share the
    # difference between the parts that stay down (a bridge's feet and shoulders).
    candidates = ("pelvis", "right_ankle", "left_ankle", "chest", "head")
    rise = {j: abs(start.points[j][1] - end.points[j][1]) for j in candidates}
    still = [j for j in candidates if rise[j] < 0.025] or [min(candidates, key=rise.__getitem__)]
    if "pelvis" in still:
        still = ["pelvis"]
    shift = sum(start.points[j][0] - end.points[j][0] for j in still) / len(still)
    return Layout(start, end, False, (shift, 0.0))


def _side_by_side(figure: Figure) -> bool:
    """Whether the start and end stand side by side: the back bends one way and then the
    other (they would hide each other)."""
    a, b = resolve(figure.start), resolve(figure.end)
    return a["trunk"] * b["trunk"] < 0


def _panel_regions(figure: Figure, pose: Pose) -> tuple[str, ...]:
    """The highlighted regions one of two bend-one-way-then-the-other panels shows: the
    abdomen where the back rounds (the belly muscles pull it up), the back where it arches
    (the back muscles hold it); any other region in both."""
    trunk = resolve(pose)["trunk"]
    unwanted = "back" if trunk > 0 else "abdomen"
    return tuple(r for r in figure.highlight if r != unwanted)


def _turns_trunk(figure: Figure) -> bool:
    a, b = resolve(figure.start), resolve(figure.end)
    return a["trunk_rotation"] != b["trunk_rotation"]


#: Scenes kept: a whole book's figures up to this many, so the booklet's measuring pass, its
#: drawing and the EPUB's pictures compute each figure once (about 70 KB a scene).
SCENES_KEPT = 1024


@lru_cache(maxsize=SCENES_KEPT)
def scene(figure: Figure) -> Scene:
    lay = layout(figure)
    start, end = lay.start, _shifted(lay.end, lay.shift)
    moving = _moving_side(start, end)
    items: list[Item] = []
    items += _chair(start) + (_chair(end) if lay.side_by_side else [])
    if lay.side_by_side:
        # Side by side, each panel is a position to move into from the neutral base pose (a flat
        # back on hands and knees), drawn dashed behind it where it differs, as its arrow shows.
        for placed, pose in ((start, figure.start), (end, figure.end)):
            items += _body(_neutral_at(placed, pose, figure.view), "start", (), None, placed, trunk_only=True)
        items += _body(start, "ink", _panel_regions(figure, figure.start), moving)
        items += _body(end, "ink", _panel_regions(figure, figure.end), moving)
        for placed, pose in ((start, figure.start), (end, figure.end)):
            items += _arrows_from_neutral(placed, pose, figure.view)
        items += _between_panels(start, end, figure.start, figure.end, figure.view)
    else:
        started: list[Item] = []
        start_arms: list[Item] = []
        if start.points != lay.end.points:
            started = _off_the_floor(_body(start, "start", (), moving, end, arm_items=start_arms))
            if BASES[start.base].support == "chair":
                started = _over_the_chair(started)
        items += started
        items += _body(end, "ink", figure.highlight, moving)
        items += _start_through_arms(started, start_arms, end)
        arrows = _twist_arrows(start, end) if _turns_trunk(figure) else _movement_arrows(start, end)
        if not arrows and _belly_only(figure):
            arrows = _belly_inset(start, end, figure.highlight, items)
        elif not arrows:
            arrows = _effort_arrows(start, end, figure.highlight)
        items += arrows
    floor = _floor(items, (start, end))
    items[:0] = floor
    x0, y0, x1, y1 = _bounds(items)
    return Scene(tuple(items), (x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN))


def _shifted(placed: Placed, shift: Point) -> Placed:
    dx, dy = shift
    points = {n: (x + dx, y + dy) for n, (x, y) in placed.points.items()}
    return Placed(placed.skeleton, points, placed.view, placed.base, placed.depths, placed.camera)


# --- the body ---------------------------------------------------------------------------


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
        torso.append(Shape(_hull(section), tone))
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
            layered = _layered(drawn, role, covers=sections)
            if role == "ink" and sections:
                layered = _thigh_from_pelvis(layered, drawn[0], sections)
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
            slices.append([(w0 * a[0] + w1 * b[0] + w2 * c[0] + w3 * d[0],
                            max(w0 * a[1] + w1 * b[1] + w2 * c[1] + w3 * d[1], min(b[1], c[1])))
                           for a, b, c, d in zip(p0, p1, p2, p3)])
        slices.append(p2)
        out.append([p for ring in slices for p in ring])
    return out


def _overhead(placed: Placed, side: str) -> bool:
    """Whether an arm reaches overhead, its hand beyond the head (along the neck, from the
    chest), as in the superman's reach."""
    j = placed.skeleton.joints
    along = sub3(j[placed.skeleton.head], j["chest"])
    size = math.sqrt(sum(a * a for a in along))
    reach = sum(a * b for a, b in zip(sub3(j[f"{side}_fingers"], j["chest"]), along)) / size
    return reach > size + body.CRANIUM_RADIUS


def _start_through_arms(started: list[Item], start_arms: list[Item], end: Placed) -> list[Item]:
    """The start pose's dashes that only the arms of the end pose hide, drawn over them.

    Lying on the back with the arms by the sides, the near arm lies along the floor in front
    of where the hips and back started: hidden behind it, the bridge's start showed only a
    stray dash by the knee. Where nothing but the arms lie over them, the dashes are drawn
    across it, each on a paper edge (a hidden line, as a technical drawing shows one); where
    the body itself lies over them they stay hidden. Only the trunk's and legs' dashes: where
    an arm started, behind where it ends, is the arm's own small move (drawn over it, the
    curl's start forearm crossed the solid one)."""
    if end.view != "side" or not started:
        return []
    pts, bones = end.points, end.skeleton.bones
    arms: list[Item] = []
    rest: list[Item] = []
    for bone in bones:
        if not bone.drawn:
            continue
        stroke = Stroke(tuple(pts[j] for j in bone.joints), bone.width + 2 * HALO, "ink")
        (arms if bone.side is not None and _limb(bone.name) == "arm" else rest).append(stroke)
    if not arms:
        return []
    rings = end.skeleton.rings
    # The trunk with its paper edge: a start dash beside an unmoved edge lies under that edge.
    rest += [Shape(_grown_loop(tuple(_hull([pts[n] for n in lower + upper])), HALO + OUTLINE)[:-1], "ink")
             for lower, upper in zip(rings, rings[1:])]
    rest += [Disc(pts[end.skeleton.head], body.CRANIUM_RADIUS + HALO, "ink"), Disc(pts["jaw"], body.JAW_RADIUS + HALO, "ink")]
    out: list[Item] = []
    rest_boxes = [_item_box(o) for o in rest]  # once, not once per start dash
    skip = {id(i) for i in start_arms}
    for item in started:
        if not (isinstance(item, Stroke) and item.role == "start") or id(item) in skip:
            continue
        for run in _outside(item.points, rest, rest_boxes):
            for hidden in _inside(run, arms):
                # Not along the floor: there the floor line already says where the body lay.
                hidden = tuple(p for p in hidden if p[1] > ON_FLOOR)
                if len(hidden) > 1 and _length(hidden) > DASH[0] / 3:
                    out += [Stroke(hidden, OUTLINE + 2 * HALO, "paper"), Stroke(hidden, OUTLINE, "start")]
    return sorted(out, key=lambda i: i.role != "paper")  # all the edges, then all the dashes


def _off_the_floor(items: list[Item]) -> list[Item]:
    """The start pose without its dashes that lie along the floor: there the floor line already
    says where the body lay, and a grey dashed line on it read as a shadow."""
    return [i for i in items if not (isinstance(i, Stroke) and i.role == "start" and i.width == OUTLINE
                                     and all(y < ON_FLOOR for _, y in i.points))]


def _over_the_chair(items: list[Item]) -> list[Item]:
    """The start pose's outline on a paper edge, so it crosses the chair's rails instead of
    running along them. Sitting, the start trunk's dashed edge lay on the chair back's rail in
    nearly the rail's grey and read as a cushion on the chair, not as where the body started.
    The edge runs unbroken under the dashes and their gaps (the rail stops on both sides)."""
    dashes = [i for i in items if isinstance(i, Stroke) and i.role == "start" and i.width == OUTLINE]
    runs: list[list[Point]] = []
    for dash in dashes:
        if runs and _distance(runs[-1][-1], dash.points[0]) < DASH[1] * 1.5:
            runs[-1] += dash.points
        else:
            runs.append(list(dash.points))
    edges: list[Item] = [Stroke(tuple(run), OUTLINE + 2 * HALO, "paper") for run in runs]
    return edges + items


#: Start dashes this close to the floor (body heights) are not drawn over the arms.
ON_FLOOR = 0.02


def _inside(path: tuple[Point, ...], items: list[Item]) -> list[tuple[Point, ...]]:
    """The runs of ``path`` that lie inside some item of ``items`` (``_outside``'s complement)."""
    samples = _walked(path)
    runs: list[tuple[Point, ...]] = []
    current: list[Point] = []
    for p, covered in zip(samples, _covered(samples, items)):
        if covered:
            current.append(p)
        else:
            if len(current) > 1:
                runs.append(tuple(current))
            current = []
    if len(current) > 1:
        runs.append(tuple(current))
    return runs


def _length(path: tuple[Point, ...]) -> float:
    return sum(_distance(a, b) for a, b in zip(path, path[1:]))


def _far_side(placed: Placed, side: str, limb: str) -> bool:
    """Whether a limb hangs from the far side of the body: that side of the body (from the
    other shoulder or hip to this one) turns away from the reader. A limb merely crossing
    behind the body, like an arm folded over the chest, keeps its side's tone."""
    joints, towards = placed.skeleton.joints, placed.camera.towards_reader
    root = "shoulder" if limb == "arm" else "hip"
    across = sub3(joints[f"{side}_{root}"], joints[f"{'left' if side == 'right' else 'right'}_{root}"])
    size = math.sqrt(sum(a * a for a in across))
    return sum(a * t for a, t in zip(across, towards)) < -FAR_SIDE * size


def sub3(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(x - y for x, y in zip(a, b))


def _limb(bone: str) -> str:
    return "arm" if bone.split("_", 1)[1] in ("upper_arm", "forearm", "hand") else "leg"


def _thigh_from_pelvis(layered: list[Item], thigh: Stroke, sections: list[Item]) -> list[Item]:
    """A solid leg whose thigh grows out of the pelvis: the thigh's paper edge starts where its
    line leaves the torso, so its round top does not show inside the trunk, ringed in paper
    (there it read as a second elbow resting on the belly)."""
    samples = _walked(thigh.points)
    inside = _covered(samples, sections)
    exit_at = next((k for k, covered in enumerate(inside) if not covered), 0)
    if exit_at == 0:
        return layered
    out = []
    for item in layered:
        if isinstance(item, Stroke) and item.role == "paper" and item.points == thigh.points:
            item = Stroke((samples[exit_at],) + item.points[1:], item.width, item.role)
        out.append(item)
    return out


def _layered(items: list[Item], role: str, edged: bool = True,
             covers: list[Item] | tuple[Item, ...] = ()) -> list[Item]:
    """A part over its edge: a paper halo under a solid part, a dashed grey line round an
    outline (the start pose: dashed, the drawing convention for "where it was", so it is not
    read as an object such as a ball under the head or a chair's rail). ``edged`` False: a
    solid part with no halo (a band lying on the trunk's surface). ``covers``: other pieces
    the start pose's outline is not drawn inside (a leg's, the torso it grows from)."""
    if role == "start":
        # One outline round the whole part: each piece's edge is dashed only where it is not
        # inside another piece (overlapping outlines at every joint read as scribble).
        edges, fills = [], []
        boxes = [_item_box(o) for o in items]  # once, not once per other piece
        cover_boxes = [_item_box(o) for o in covers]
        for i, item in enumerate(items):
            others = items[:i] + items[i + 1 :] + list(covers)
            others_boxes = boxes[:i] + boxes[i + 1 :] + cover_boxes
            if isinstance(item, Stroke):
                edge = _capsule(item.points, item.width / 2 + OUTLINE / 2)
                fills.append(Stroke(item.points, item.width, "paper"))
            elif isinstance(item, Disc):
                edge = _circle(item.centre, item.radius + OUTLINE / 2)
                fills.append(Disc(item.centre, item.radius, "paper"))
            else:
                edge = _grown_loop(item.points, OUTLINE / 2)
                fills += [Shape(item.points, "paper"), Stroke(item.points + item.points[:1], 0.004, "paper")]
            for run in _outside(edge, others, others_boxes):
                edges += _dashes(run)
        return edges + fills
    edge_role, fill_role, grow = "paper", role, HALO
    edges: list[Item] = []
    rims: list[Item] = []
    fills: list[Item] = []
    for item in items:
        if isinstance(item, Stroke) and role == "far":
            # Light grey alone vanishes on a black-and-white printer (and on a light mat): a
            # thin solid edge keeps the far limb drawn; solid, unlike the start pose's dashes.
            edges.append(Stroke(item.points, item.width + 2 * (grow + FAR_EDGE), edge_role))
            rims.append(Stroke(item.points, item.width + 2 * FAR_EDGE, "far_edge"))
            fills.append(Stroke(item.points, item.width, fill_role))
        elif isinstance(item, Stroke):
            edges.append(Stroke(item.points, item.width + 2 * grow, edge_role))
            fills.append(Stroke(item.points, item.width, fill_role))
        elif isinstance(item, Disc):
            edges.append(Disc(item.centre, item.radius + grow, edge_role))
            fills.append(Disc(item.centre, item.radius, fill_role))
        else:
            loop = item.points + item.points[:1]
            edges += [Shape(item.points, edge_role), Stroke(loop, 2 * grow, edge_role)]
            # A hairline round each section hides the seams between neighbouring sections.
            fills += [Shape(item.points, fill_role), Stroke(loop, 0.004, fill_role)]
    return (edges + rims if edged else []) + fills


#: The start pose's dashes: length drawn, gap (body heights), measured along the edge.
DASH = (0.026, 0.02)
#: How finely an outline is walked to find where it enters another piece of the part.
OUTLINE_STEP = 0.004


def _outside(path: tuple[Point, ...], others: list[Item],
             boxes: list[tuple[float, float, float, float]] | None = None) -> list[tuple[Point, ...]]:
    """The runs of ``path`` that lie outside every item of ``others``. ``boxes``: each
    other's ``_item_box``, when the caller has them already."""
    box = _box(path)
    if boxes is None:
        boxes = [_item_box(o) for o in others]
    near_boxes = [(o, b) for o, b in zip(others, boxes) if _box_overlaps(box, b)]
    if not near_boxes:
        return [path]
    samples = _walked(path)
    covered = _covered(samples, [o for o, _ in near_boxes], [b for _, b in near_boxes])
    runs: list[list[Point]] = []
    current: list[Point] = []
    for p, inside in zip(samples, covered):
        if inside:
            if len(current) > 1:
                runs.append(current)
            current = []
        else:
            current.append(p)
    if len(current) > 1:
        runs.append(current)
    if len(runs) > 1 and runs[0][0] == samples[0] and runs[-1][-1] == samples[-1] and path[0] == path[-1]:
        runs[0] = runs.pop() + runs[0][1:]  # a closed outline: the last run goes on into the first
    return [tuple(r) for r in runs]


def _walked(path: tuple[Point, ...]) -> list[Point]:
    """Points along ``path`` every OUTLINE_STEP or less, its corners included."""
    samples: list[Point] = [path[0]]
    for (ax, ay), (bx, by) in zip(path, path[1:]):
        n = max(1, math.ceil(math.hypot(ax - bx, ay - by) / OUTLINE_STEP))  # _distance(a, b)
        dx, dy = bx - ax, by - ay
        samples += [(ax + dx * k / n, ay + dy * k / n) for k in range(1, n + 1)]
    return samples


def _covered(samples: list[Point], items: list[Item],
             boxes: list[tuple[float, float, float, float]] | None = None) -> list[bool]:
    """For each sample, whether some item covers it (``_covers``).

    An item is asked only about the samples inside its box (grown by a hair, far more than
    rounding): no point outside an item's box lies inside it, so the answers are the same,
    for a fraction of the work (an outline is walked in thousands of short steps). A shape
    whose corners all lie on one line is asked about every sample: its test reads any point
    on that line as inside."""
    covered = [False] * len(samples)
    if boxes is None:
        boxes = [_item_box(o) for o in items]
    for item, (x0, y0, x1, y1) in zip(items, boxes):
        x0, y0, x1, y1 = x0 - BOX_HAIR, y0 - BOX_HAIR, x1 + BOX_HAIR, y1 + BOX_HAIR
        if isinstance(item, Shape) and _flat(item.points):
            near = range(len(samples))
        else:
            near = [k for k, (x, y) in enumerate(samples) if x0 <= x <= x1 and y0 <= y <= y1 and not covered[k]]
        if isinstance(item, Shape):  # its edges worked out once, not once per sample
            edges = _edges(item.points)
            for k in near:
                if not covered[k] and _inside_edges(edges, samples[k]):
                    covered[k] = True
            continue
        for k in near:
            if not covered[k] and _covers(item, samples[k]):
                covered[k] = True
    return covered


#: How far beyond an item's box a point may lie and still be asked whether the item covers it.
BOX_HAIR = 1e-9


def _flat(points: tuple[Point, ...]) -> bool:
    """Whether a polygon has (next to) no area: its corners on one line."""
    twice_area = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1]))
    size = max(max(x for x, _ in points) - min(x for x, _ in points), max(y for _, y in points) - min(y for _, y in points))
    return abs(twice_area) <= 1e-9 * max(size, 1e-9) ** 2


def _covers(item: Item, p: Point) -> bool:
    """Whether ``p`` lies inside ``item``."""
    if isinstance(item, Disc):
        return _distance(p, item.centre) < item.radius
    if isinstance(item, Stroke):
        r = item.width / 2
        return any(_segment_distance(p, a, b) < r for a, b in zip(item.points, item.points[1:])) or (
            len(item.points) == 1 and _distance(p, item.points[0]) < r
        )
    return _inside_edges(_edges(item.points), p)


def _edges(points: tuple[Point, ...]) -> tuple[tuple[float, float, float, float], ...]:
    """A polygon's edges as (x, y) of their start and (dx, dy) to their end."""
    return tuple([(a[0], a[1], b[0] - a[0], b[1] - a[1]) for a, b in zip(points, points[1:] + points[:1])])


def _inside_edges(edges: tuple[tuple[float, float, float, float], ...], p: Point) -> bool:
    """Whether ``p`` turns the same way from every edge (inside a convex polygon)."""
    if not edges:
        return False
    px, py = p
    ax, ay, dx, dy = edges[0]
    if dx * (py - ay) - dy * (px - ax) > 0:  # the first edge's side: every other must agree
        for ax, ay, dx, dy in edges:
            if not dx * (py - ay) - dy * (px - ax) > 0:
                return False
    else:
        for ax, ay, dx, dy in edges:
            if dx * (py - ay) - dy * (px - ax) > 0:
                return False
    return True


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 < 1e-18 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - dx * t, p[1] - a[1] - dy * t)


def _box(points: tuple[Point, ...]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _item_box(item: Item) -> tuple[float, float, float, float]:
    if isinstance(item, Disc):
        (x, y), r = item.centre, item.radius
        return x - r, y - r, x + r, y + r
    x0, y0, x1, y1 = _box(item.points)
    pad = item.width / 2 if isinstance(item, Stroke) else 0.0
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def _box_overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _dashes(path: tuple[Point, ...], width: float = OUTLINE) -> list[Item]:
    """``path`` (an edge just outside a part) cut into dashes in the start pose's grey."""
    on, off = DASH
    out: list[Item] = []
    pos, current = 0.0, [path[0]]
    drawing = True
    for a, b in zip(path, path[1:]):
        seg = _distance(a, b)
        done = 0.0
        while seg - done > 1e-9:
            step = min((on if drawing else off) - pos, seg - done)
            done += step
            pos += step
            t = done / seg
            p = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            if drawing:
                current.append(p)
            if pos >= (on if drawing else off) - 1e-9:
                if drawing and len(current) > 1:
                    out.append(Stroke(tuple(current), width, "start"))
                drawing, pos, current = not drawing, 0.0, [p]
    if drawing and len(current) > 1:
        out.append(Stroke(tuple(current), width, "start"))
    return out or [Stroke(path, width, "start")]


def _circle(centre: Point, r: float, steps: int = 40) -> tuple[Point, ...]:
    cx, cy = centre
    return tuple((cx + r * math.cos(2 * math.pi * k / steps), cy + r * math.sin(2 * math.pi * k / steps))
                 for k in range(steps + 1))


def _capsule(points: tuple[Point, ...], r: float) -> tuple[Point, ...]:
    """The closed outline of a round-capped stroke of radius ``r`` along ``points``."""
    pts = [p for i, p in enumerate(points) if i == 0 or _distance(p, points[i - 1]) > 1e-9]
    if len(pts) < 2:
        return _circle(pts[0], r)

    def normal(a: Point, b: Point) -> Point:
        d = _distance(a, b)
        return (-(b[1] - a[1]) / d, (b[0] - a[0]) / d)

    def side(seq: list[Point]) -> list[Point]:
        out = []
        for i, p in enumerate(seq):
            ns = [normal(seq[j], seq[j + 1]) for j in (i - 1, i) if 0 <= j < len(seq) - 1]
            nx, ny = sum(n[0] for n in ns), sum(n[1] for n in ns)
            size = math.hypot(nx, ny) or 1.0
            out.append((p[0] + r * nx / size, p[1] + r * ny / size))
        return out

    def cap(at: Point, towards: Point) -> list[Point]:
        t0 = math.atan2(towards[1] - at[1], towards[0] - at[0]) + math.pi / 2
        return [(at[0] + r * math.cos(t0 - math.pi * k / 12), at[1] + r * math.sin(t0 - math.pi * k / 12)) for k in range(1, 12)]

    left, right = side(pts), side(pts[::-1])
    loop = left + cap(pts[-1], pts[-2])[::-1] + right + cap(pts[0], pts[1])[::-1]
    return tuple(loop + loop[:1])


def _grown_loop(points: tuple[Point, ...], by: float) -> tuple[Point, ...]:
    """A convex polygon's outline moved ``by`` outwards (its vertices along their bisectors)."""
    cx = sum(p[0] for p in points) / len(points)
    cy = sum(p[1] for p in points) / len(points)
    out = []
    for x, y in points:
        d = math.hypot(x - cx, y - cy) or 1.0
        out.append((x + (x - cx) / d * by, y + (y - cy) / d * by))
    return tuple(out + out[:1])


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


def _unit3(v: tuple[float, ...]) -> tuple[float, ...]:
    size = math.sqrt(sum(a * a for a in v))
    return tuple(a / size for a in v)


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
    shapes: list[Item] = []
    for j in list(rings)[:-1]:
        points: list[Point] = []
        for ring in (j, j + 1):
            loop = [joints[f"ring{ring}_{k}"] for k in range(samples)]
            centre = tuple(sum(c) / samples for c in zip(*loop))
            for k in range(middle - half, middle + half + 1):
                p = loop[k % samples]
                out = tuple(a - b for a, b in zip(p, centre))
                size = math.sqrt(sum(v * v for v in out))
                if sum(v * t for v, t in zip(out, towards)) < -0.25 * size:
                    continue  # on the far side of the body
                for scale in (0.78, 0.3):
                    inner = tuple(c + v * scale for c, v in zip(centre, out))
                    x, y, _ = camera.project(inner)
                    points.append(_at(placed, x, y))
        if len(points) >= 3:
            shapes.append(Shape(_hull(points), "accent"))
    return shapes


def _at(placed: Placed, x: float, y: float) -> Point:
    """A freshly projected point moved as the placed body was (panels are shifted)."""
    ref = placed.skeleton.joints["pelvis"]
    px, py, _ = placed.camera.project(ref)
    sx, sy = placed.points["pelvis"]
    return (x + sx - px, y + sy - py)


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


# --- props ------------------------------------------------------------------------------


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


def _floor(items: list[Item], bodies: tuple[Placed, ...]) -> list[Item]:
    """The floor: a line with hatching below it, or, seen from above, the edges of a mat."""
    camera = bodies[0].camera
    x0, _, x1, _ = _bounds(items)
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


# --- arrows -----------------------------------------------------------------------------

#: Body points an arrow may follow, in groups; a group's arrow follows its member that moves most.
ARROW_GROUPS = (("head",), ("left_fingers", "right_fingers"), ("left_toe", "right_toe"), ("pelvis",))
PIVOTS = (
    "pelvis", "chest", "left_hip", "right_hip", "left_shoulder", "right_shoulder",
    "left_knee", "right_knee", "left_ankle", "right_ankle",
)  # fmt: skip


def _movement_arrows(start: Placed, end: Placed) -> list[Item]:
    moves = []
    for group in ARROW_GROUPS:
        name = max(group, key=lambda j: _distance(start.points[j], end.points[j]))
        moves.append((_distance(start.points[name], end.points[name]), name))
    largest = max(d for d, _ in moves)
    if largest < 0.03:
        return []
    chosen: list[str] = []
    for distance, name in sorted(moves, reverse=True):
        if distance >= 0.6 * largest and not any(_together(name, other, start, end) for other in chosen):
            chosen.append(name)
    return [item for name in chosen for item in _follow(name, start, end)]


def _together(a: str, b: str, start: Placed, end: Placed) -> bool:
    """Whether two points are close and move the same way (one arrow shows both)."""
    if _distance(end.points[a], end.points[b]) > 0.3:
        return False
    (ax, ay), (bx, by) = (
        (end.points[n][0] - start.points[n][0], end.points[n][1] - start.points[n][1]) for n in (a, b)
    )
    cos = (ax * bx + ay * by) / (math.hypot(ax, ay) * math.hypot(bx, by) or 1.0)
    return cos > math.cos(math.radians(35))


def _follow(name: str, start: Placed, end: Placed) -> list[Item]:
    """An arrow beside the path of ``name``: an arc about the joint it turns about, if any."""
    a, b = start.points[name], end.points[name]
    if name == "head" and _curls(start, end):
        return _curl_arrow(start, end)
    if name == "pelvis" and b[1] > a[1]:
        # The hips lift: straight up in the open space just above them (an arrow under the
        # buttocks reads as a wedge to lie on, or a warning sign).
        top = max(y for x, y in end.outline() if abs(x - b[0]) < 0.04)
        return _arrow(((b[0], top + 0.035), (b[0], top + 0.16)))
    best = None
    for pivot in PIVOTS:
        if pivot == name:
            continue
        c0, c1 = start.points[pivot], end.points[pivot]
        if _distance(c0, c1) > 0.02:
            continue
        r0, r1 = _distance(a, c0), _distance(b, c0)
        if r0 < 0.15 or abs(r0 - r1) > 0.04 * r0:
            continue
        if best is None or r0 < best[1]:
            best = (c0, r0)
    if best is None:
        return _straight_arrow(a, b, 0.06)
    (cx, cy), r = best
    t0, t1 = math.atan2(a[1] - cy, a[0] - cx), math.atan2(b[1] - cy, b[0] - cx)
    sweep = (t1 - t0 + math.pi) % (2 * math.pi) - math.pi
    if name != "head" and abs(sweep) < math.radians(LIFT_SWEEP) and b[1] > a[1]:
        # A small lift at the end of a long limb (the superman's hands and feet): the arrow
        # stands straight up over the lifted part, not out beyond its tip, where it only
        # widened the picture and so drew the lift smaller. Small, and as long as the lift
        # (head included): a big arrow says "as high as you can".
        top = max(y for x, y in end.outline() if abs(x - b[0]) < 0.03)
        rise = max(b[1] - a[1], LIFT_ARROW) - ARROW_HEAD[0] * SMALL_ARROW / 2
        return _arrow(((b[0], top + 0.03), (b[0], top + 0.03 + rise)), SMALL_ARROW)
    r += 0.09 + (body.HEAD_RADIUS / 2 if name == "head" else 0.0)  # clear of the head's disc
    steps = max(int(abs(sweep) / math.radians(4)), 2)
    path = [(cx + r * math.cos(t0 + sweep * k / steps), cy + r * math.sin(t0 + sweep * k / steps)) for k in range(steps + 1)]
    return _arrow(tuple(path))


def _curls(start: Placed, end: Placed) -> bool:
    """Whether the head and shoulders curl up off the floor while the hips stay down."""
    (p0, p1), (c0, c1) = ((start.points[n], end.points[n]) for n in ("pelvis", "chest"))
    return _distance(p0, p1) < STILL and c1[1] > c0[1] + STILL


def _curl_arrow(start: Placed, end: Placed) -> list[Item]:
    """A curl: a short arc over the upper chest, from above the shoulders curving towards the
    knees, about the middle of the back (where the spine bends). Behind the head, pointing up,
    it read as "sit all the way up" or "pull on the head"; starting at the face, as "lift your
    head" (a curl led by the chin); this one says "shoulders up and forward, a little"."""
    pivot = end.points[end.skeleton.spine[len(end.skeleton.spine) // 2]]
    knees = end.points["right_knee"]
    way = 1.0 if knees[0] > pivot[0] else -1.0  # the knees' side: the arc turns towards it

    def angle(p: Point) -> float:
        return math.atan2(p[1] - pivot[1], p[0] - pivot[0])

    # Over the shoulders: the body's top edge straight above the shoulder joints.
    shoulders = end.points["chest"]
    top = max(y for x, y in end.outline() if abs(x - shoulders[0]) < 0.02)
    first = angle((shoulders[0], top)) - way * math.radians(CURL_ARROW[0])
    last = first - way * math.radians(CURL_ARROW[1])
    lo, hi = min(first, last), max(first, last)
    clear = max(_distance(p, pivot) for p in end.outline() if lo <= angle(p) <= hi and p[1] > pivot[1])
    r = clear + CURL_ARROW[2]
    steps = 12
    path = tuple((pivot[0] + r * math.cos(first + (last - first) * k / steps),
                  pivot[1] + r * math.sin(first + (last - first) * k / steps)) for k in range(steps + 1))
    return _arrow(path, SMALL_ARROW)


#: The curl's arc: where it starts (degrees past the shoulders towards the knees, seen from
#: the middle of the back: its tail clear of the tucked chin), how far round it goes
#: (degrees), and its gap above the body (body heights).
CURL_ARROW = (6.0, 35.0, 0.045)


#: A lift that turns its limb less than this (degrees) gets a small straight arrow over it, as
#: long as the lift but no shorter than LIFT_ARROW (body heights).
LIFT_SWEEP, LIFT_ARROW = 20.0, 0.06

def _straight_arrow(a: Point, b: Point, gap: float) -> list[Item]:
    """An arrow from near ``a`` to just short of ``b``."""
    length = _distance(a, b)
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    return _arrow(((a[0] + ux * gap * 0.5, a[1] + uy * gap * 0.5), (b[0] - ux * gap, b[1] - uy * gap)))


@lru_cache(maxsize=32)
def _neutral(base: str, view: str) -> Placed:
    """The base pose with no angles changed, placed: the same for every figure on that base."""
    return place(Pose(base), view)


def _neutral_at(placed: Placed, pose: Pose, view: str) -> Placed:
    """The neutral base pose moved under a panel's pose: its knees where the panel's are."""
    neutral = _neutral(pose.base, view)
    (kx, _), (nx, _) = placed.points["right_knee"], neutral.points["right_knee"]
    return _shifted(neutral, (kx - nx, 0.0))


def _arrows_from_neutral(placed: Placed, pose: Pose, view: str) -> list[Item]:
    """For a panel of a side-by-side pair: how this pose leaves the neutral base pose."""
    neutral = _neutral(pose.base, view)
    centre = placed.skeleton.spine[len(placed.skeleton.spine) // 2]
    mine = placed.points[centre]
    dy = (mine[1] - placed.points["pelvis"][1]) - (neutral.points[centre][1] - neutral.points["pelvis"][1])
    if abs(dy) < 0.005:
        return []
    # On the middle of the back, in the open space above it: up from the back as it arches,
    # down onto it as it sags (not through the belly towards the knees).
    x = mine[0]
    top = max(y for n, (px, y) in placed.points.items() if n.startswith("ring") and abs(px - x) < 0.06)
    near, far = top + 0.05, top + 0.19
    return _arrow(((x, near), (x, far)) if dy > 0 else ((x, far), (x, near)))


def _panels_apart(start: Placed, end: Placed) -> float:
    """How far to move the second of two side-by-side panels right (its shift). Measured band
    by band up the picture: the panels come as close as PANEL_GAP where they are nearest."""
    first = start.outline() + _sampled(_chair(start))
    second = end.outline() + _sampled(_chair(end))
    top = min(max(y for _, y in first), max(y for _, y in second))
    bands = [top * k / 20 for k in range(21)]

    right = _band_edges(first, bands, top / 40, max)
    left = _band_edges(second, bands, top / 40, min)
    needed = max(r - l for y in bands if (r := right[y]) is not None and (l := left[y]) is not None)
    return needed + PANEL_GAP


def _band_edges(points: list[Point], bands: list[float], half: float, extreme) -> dict[float, float | None]:
    """For each band height y, the ``extreme`` (max or min) x of the points within ``half`` of
    it, or None. The points are sorted by height once and each band looks only at its window
    (a hair wider than the band, then the band's own test): the same points, far fewer looks."""
    by_height = sorted(points, key=lambda p: p[1])
    heights = [p[1] for p in by_height]
    out: dict[float, float | None] = {}
    for y in bands:
        window = by_height[bisect_left(heights, y - half - BOX_HAIR) : bisect_right(heights, y + half + BOX_HAIR)]
        xs = [x for x, py in window if abs(py - y) <= half]
        out[y] = extreme(xs) if xs else None
    return out


def _sampled(items: list[Item], step: float = 0.01) -> list[Point]:
    """Points along every stroke and shape edge of ``items`` (a chair's rails and legs)."""
    out: list[Point] = []
    for item in items:
        pts = _item_points([item])
        for a, b in zip(pts, pts[1:]):
            n = max(1, math.ceil(_distance(a, b) / step))
            out += [(a[0] + (b[0] - a[0]) * k / n, a[1] + (b[1] - a[1]) * k / n) for k in range(n + 1)]
    return out


def _between_panels(start: Placed, end: Placed, pose_start: Pose, pose_end: Pose, view: str) -> list[Item]:
    """A small two-way arrow above the panels, from over the first one's back to over the
    second one's, at the height of the middle of their arrows: go from one position to the
    other and back (without it a reader may do all the repetitions of the first panel, then
    all of the second). Level between the bodies at hip height it read as "rock forward and
    back", a different exercise: up here it joins the two pictures, not the two ends of one
    body."""
    arrows = [_item_points(_arrows_from_neutral(placed, pose, view)) for placed, pose in
              ((start, pose_start), (end, pose_end))]
    if not all(arrows):
        return []
    (x0, x1) = (sum(x for x, _ in points) / len(points) for points in arrows)
    middle = max((max(y for _, y in points) + min(y for _, y in points)) / 2 for points in arrows)
    left, right = x0 + TWO_WAY_CLEAR, x1 - TWO_WAY_CLEAR
    # Clear of the heads and hips between the two arrows.
    bodies = [p for p in start.outline() + end.outline() if left - 0.05 < p[0] < right + 0.05]
    y = max([middle] + [py + TWO_WAY_CLEAR for _, py in bodies])
    reach = min((right - left) / 2, TWO_WAY_REACH)
    return two_way_arrow((left + right) / 2, y, reach)


#: How far the two-way arrow between side-by-side panels keeps from their arrows and bodies,
#: and how far it reaches either side of its middle at most (body heights).
TWO_WAY_CLEAR, TWO_WAY_REACH = 0.1, 0.16


def two_way_arrow(mid: float, y: float, reach: float) -> list[Item]:
    """A small level arrow with a head at each end, ``reach`` either side of ``mid``."""
    head = ARROW_HEAD[0] * SMALL_ARROW / 2
    ahead = _arrow(((mid, y), (mid + reach - head, y)), SMALL_ARROW)
    back = _arrow(((mid, y), (mid - reach + head, y)), SMALL_ARROW)
    return ahead[:2] + back[:2] + ahead[2:] + back[2:]  # both halos under both lines: one line


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


def _twist_arrows(start: Placed, end: Placed) -> list[Item]:
    """When the shoulders turn: a level arc wrapped round the front of the chest at the top of
    the shoulders, seen in the view as a piece of an ellipse round the body's upright axis. It
    comes round from the side where the turn starts, passes where the chest faced at the start
    and where it faces at the end, and ends a little past that, its head out beyond the body on
    the side turned to: it follows the front of the chest, the part that moves. A short arc at
    the front read as a push to the side; a whole ring round the waist as circling the hips; an
    arc in the picture's plane as a side bend."""
    if resolve_rotation(start) == resolve_rotation(end):
        return []
    joints = end.skeleton.joints
    cx, _, cz = joints["chest"]
    y = (joints["left_shoulder"][1] + joints["right_shoulder"][1]) / 2 + TWIST_RISE
    turned_from, turned_to = _chest_facing(start), _chest_facing(end)
    turn = (turned_to - turned_from + math.pi) % (2 * math.pi) - math.pi
    way = 1.0 if turn > 0 else -1.0
    first = turned_from - way * math.radians(TWIST_BEFORE)
    last = turned_to + way * math.radians(TWIST_AFTER)
    r = body.SHOULDER_HALF + body.WIDTH["upper_arm"] / 2 + TWIST_GAP
    steps = 24
    path = []
    for k in range(steps + 1):
        t = first + (last - first) * k / steps
        x, py, _ = end.camera.project((cx + r * math.cos(t), y, cz + r * math.sin(t)))
        path.append(_at(end, x, py))
    # The arc's last points lie under the head: left in, the shaft bends back to the head's
    # base and shows as a knob beside it.
    tip = path.pop()
    while len(path) > 1 and _distance(path[-1], tip) < ARROW_HEAD[0] * 0.5:
        path.pop()
    return _arrow((*path, tip))


#: The twist arc: how far round it starts before the chest's start facing and ends past its end
#: facing (degrees), its distance beyond the shoulders' surface and its height above the
#: shoulder joints (body heights): along the top of the shoulders, clear of the arm crossing
#: the chest below (lower, across the chest, it read as a belt or a sash).
TWIST_BEFORE, TWIST_AFTER, TWIST_GAP, TWIST_RISE = 50, 25, 0.06, 0.04


def _chest_facing(placed: Placed) -> float:
    """The way the front of the chest faces, as an angle in the floor's plane (radians)."""
    j = placed.skeleton.joints
    top = placed.skeleton.rings[-2]
    front = j[top[4]]
    return math.atan2(front[2] - j["chest"][2], front[0] - j["chest"][0])


def resolve_rotation(placed: Placed) -> float:
    """How far the shoulders are turned, from the chest's right-left line (degrees)."""
    j = placed.skeleton.joints
    (x0, _, z0), (x1, _, z1) = j["left_shoulder"], j["right_shoulder"]
    return round(math.degrees(math.atan2(z1 - z0, x1 - x0)), 6)


def _effort_arrows(start: Placed, end: Placed, highlight: tuple[str, ...]) -> list[Item]:
    """For a held contraction: an arrow pressing into the working region, ending at the
    surface it moves (the belly wall drawn in towards the spine)."""
    items: list[Item] = []
    for region, prefix in (("abdomen", "belly"), ("back", "back")):
        if region in highlight and end.view == "side":
            spine, surface = end.points["spine2"], end.points[f"{prefix}2"]
            length = _distance(spine, surface)
            ux, uy = (surface[0] - spine[0]) / length, (surface[1] - spine[1]) / length
            depth = max(
                _distance(start.points["spine2"], start.points[f"{prefix}2"]),
                length,
            ) / 0.6  # the belly points sit at 0.6 of the surface's depth
            # Small and close: the person draws the belly in, nothing presses on it (a long
            # arrow from outside reads as a hand or a weight pushing down).
            outer = depth + OUTLINE + 0.012
            a = (spine[0] + ux * (outer + 0.07), spine[1] + uy * (outer + 0.07))
            b = (spine[0] + ux * outer, spine[1] + uy * outer)
            items += _arrow((a, b), SMALL_ARROW)
    return items


def _belly_only(figure: Figure) -> bool:
    """Whether the belly wall drawing in is all that moves (the drawing-in manoeuvre)."""
    a, b = resolve(figure.start), resolve(figure.end)
    return a["belly_in"] != b["belly_in"] and all(a[k] == b[k] for k in a if k != "belly_in")


#: The belly's close-up: its radius (body heights) and how many times it enlarges.
INSET_RADIUS, INSET_ZOOM = 0.17, 2.6
FRAME = 0.008  # the close-up's frame and the lines joining it to the part it enlarges


def _belly_inset(start: Placed, end: Placed, highlight: tuple[str, ...], drawn: list[Item]) -> list[Item]:
    """A small movement made visible: a round close-up above the body of the belly at the
    navel, enlarged, with the dashed start contour further out, the solid drawn-in belly, and a
    short arrow from one to the other, pointing in towards the spine. A thin ring on the body
    marks the part enlarged, joined to the close-up by two lines, as a magnifying glass.

    The belly wall moves about 5 cm; on a wall chart that is a few pixels, and an arrow pressing
    down from above the body reads as pushing the belly down (bearing down), the opposite."""
    # The belly at the ring drawn in most, the highest such (furthest from the thighs, which
    # crossed the ring on the body that marks the enlarged part).
    most = max(body.BELLY_RINGS.values())
    navel = max(j for j, share in body.BELLY_RINGS.items() if share == most)
    samples = len(end.skeleton.rings[0])
    front = end.skeleton.rings[navel][samples // 4]
    outer, inner = start.points[front], end.points[front]
    spine = end.points[end.skeleton.spine[round(body.TORSO_RINGS[navel][0] * (len(end.skeleton.spine) - 1))]]
    length = _distance(spine, inner)
    ux, uy = (inner[0] - spine[0]) / length, (inner[1] - spine[1]) / length  # out of the belly
    # The enlarged part: centred on the drawn-in belly wall, so the close-up shows the paper
    # where the belly was above it and the body below.
    reach = INSET_RADIUS / INSET_ZOOM
    focus = (inner[0] - ux * reach * 0.05, inner[1] - uy * reach * 0.05)
    # The close-up in the open space over the chest, clear of the body and of the knees.
    cx = focus[0] - INSET_RADIUS * 0.9
    top = max(y for x, y in _item_points(drawn) if abs(x - cx) < INSET_RADIUS + 0.03)
    centre = (cx, max(top, focus[1] + reach) + INSET_RADIUS + 0.07)

    def magnified(placed: Placed) -> Placed:
        f3 = _unproject(placed, focus)
        joints = {n: tuple(f + (v - f) * INSET_ZOOM for v, f in zip(p, f3)) for n, p in placed.skeleton.joints.items()}
        skeleton = placed.skeleton.__class__(joints, placed.skeleton.bones, placed.skeleton.head, placed.skeleton.spine)
        points = {n: (centre[0] + (x - focus[0]) * INSET_ZOOM, centre[1] + (y - focus[1]) * INSET_ZOOM)
                  for n, (x, y) in placed.points.items()}
        return Placed(skeleton, points, placed.view, placed.base, placed.depths, placed.camera)

    big_start, big_end = magnified(start), magnified(end)
    content = _body(big_start, "start", (), None, big_end, trunk_only=True)
    content += _body(big_end, "ink", highlight, None, trunk_only=True)
    a, b = big_start.points[front], big_end.points[front]
    # From the dashed belly to the solid one: in, towards the spine.
    tip = HALO + 0.02 + ARROW_HEAD[0] * SMALL_ARROW / 2
    content += _arrow(((a[0] + ux * 0.02, a[1] + uy * 0.02), (b[0] + ux * tip, b[1] + uy * tip)), SMALL_ARROW)
    # Inside the ring on the body, the same trunk at its own size, on paper: the limbs crossing
    # it (the far thigh) and the paper edges of neighbouring parts made a tangle there.
    window = _body(start, "start", (), None, end, trunk_only=True) + _body(end, "ink", highlight, None, trunk_only=True)
    return magnifier(focus, reach, centre, INSET_RADIUS, _clipped(content, centre, INSET_RADIUS),
                     _clipped(window, focus, reach))


def magnifier(focus: Point, reach: float, centre: Point, radius: float, content: list[Item],
              window: list[Item] | None = None) -> list[Item]:
    """A close-up: a thin ring of radius ``reach`` round the part enlarged and the two lines
    joining it to the close-up, over a paper halo; then the close-up (``content``, already
    cut to its disc) over them, in its frame. ``window``, if given, is drawn inside the ring
    on the body, on paper (the part itself, cut to the ring, clear of what crosses it)."""
    lines = [Stroke(_circle(focus, reach, 40), FRAME, "floor")]
    d = _distance(focus, centre)
    base = math.atan2(centre[1] - focus[1], centre[0] - focus[0])
    turn = math.acos(max(-1.0, min(1.0, (reach - radius) / d)))
    for way in (-1.0, 1.0):
        t = base + way * turn
        lines.append(Stroke(((focus[0] + reach * math.cos(t), focus[1] + reach * math.sin(t)),
                             (centre[0] + radius * math.cos(t), centre[1] + radius * math.sin(t))), FRAME, "floor"))
    inside: list[Item] = [Disc(focus, reach, "paper")] + window if window is not None else []
    items: list[Item] = inside + [Stroke(s.points, FRAME + 2 * HALO, "paper") for s in lines] + lines
    items += [Disc(centre, radius, "paper")] + content
    return items + [Stroke(_circle(centre, radius, 72), FRAME, "floor")]


def _unproject(placed: Placed, point: Point) -> tuple[float, float, float]:
    """A 3-D point that ``placed``'s camera draws at ``point`` (at the depth of the spine)."""
    ref = placed.skeleton.joints["pelvis"]
    px, py, _ = placed.camera.project(ref)
    sx, sy = placed.points["pelvis"]
    x, y = point[0] - sx + px, point[1] - sy + py
    # The side view's camera shears by depth; at the spine's depth (0) it draws x, y as they are.
    assert placed.camera.yaw == 0 and placed.camera.pitch == 0
    return (x, y, 0.0)


def _item_points(items: list[Item]) -> list[Point]:
    out: list[Point] = []
    for item in items:
        if isinstance(item, Disc):
            out += [(item.centre[0], item.centre[1] + item.radius)]
        else:
            out += list(item.points)
    return out


def _clipped(items: list[Item], centre: Point, radius: float) -> list[Item]:
    """``items`` cut to the disc of ``radius`` round ``centre``: shapes and discs clipped as
    polygons, strokes where their line comes within a halo's width of the edge (the same cut
    for a part and its paper edge, and no wider stroke in the close-up reaches past it)."""
    window = _circle(centre, radius, 72)[:-1]
    out: list[Item] = []
    for item in items:
        if isinstance(item, Stroke):
            for run in _clip_line(item.points, centre, radius - HALO):
                out.append(Stroke(run, item.width, item.role))
            continue
        polygon = _circle(item.centre, item.radius, 32)[:-1] if isinstance(item, Disc) else item.points
        clipped = _clip_polygon(polygon, window)
        if len(clipped) >= 3:
            out.append(Shape(tuple(clipped), item.role))
    return out


def _clip_polygon(subject: tuple[Point, ...], window: tuple[Point, ...]) -> list[Point]:
    """Sutherland-Hodgman: ``subject`` cut to the convex, counter-clockwise ``window``.

    Most of a close-up's edges lie far from a given part: a pass over an edge the part lies
    wholly inside only turns its list of points by one place, and one it lies wholly outside
    empties it. A circle round the part tells which edges are which, so only the edges that
    cut it are walked; the points come out as the full walk gives them."""
    out = list(subject)
    if not out:
        return out
    mx = sum(p[0] for p in out) / len(out)
    my = sum(p[1] for p in out) / len(out)
    reach = max(math.hypot(p[0] - mx, p[1] - my) for p in out) + 1e-9
    turns = 0
    for a, b in zip(window, window[1:] + window[:1]):
        ex, ey = b[0] - a[0], b[1] - a[1]
        side = ex * (my - a[1]) - ey * (mx - a[0])  # the circle's centre's distance in, times |ab|
        size = math.hypot(ex, ey)
        if side > reach * size:
            turns += 1
            continue
        if side < -reach * size:
            return []
        out = _turned(out, turns)
        turns = 0
        out = _clip_pass(out, a, b)
        if not out:
            break
    return _turned(out, turns)


def _turned(points: list[Point], places: int) -> list[Point]:
    if not points or not places % len(points):
        return points
    k = places % len(points)
    return points[k:] + points[:k]


def _clip_pass(src: list[Point], a: Point, b: Point) -> list[Point]:
    """One edge of Sutherland-Hodgman: what of ``src`` lies left of the line ``a`` to ``b``."""
    (ax, ay), ex, ey = a, b[0] - a[0], b[1] - a[1]
    inside = [ex * (p[1] - ay) - ey * (p[0] - ax) >= 0 for p in src]
    if all(inside):
        return src[1:] + src[:1]
    out: list[Point] = []
    for p, q, p_in, q_in in zip(src, src[1:] + src[:1], inside, inside[1:] + inside[:1]):
        if q_in:
            if not p_in:
                out.append(_cross_point(p, q, a, b))
            out.append(q)
        elif p_in:
            out.append(_cross_point(p, q, a, b))
    return out


def _cross_point(p: Point, q: Point, a: Point, b: Point) -> Point:
    d1 = (q[0] - p[0], q[1] - p[1])
    d2 = (b[0] - a[0], b[1] - a[1])
    den = d1[0] * d2[1] - d1[1] * d2[0]
    t = ((a[0] - p[0]) * d2[1] - (a[1] - p[1]) * d2[0]) / den if den else 0.0
    return (p[0] + d1[0] * t, p[1] + d1[1] * t)


def _clip_line(points: tuple[Point, ...], centre: Point, radius: float) -> list[tuple[Point, ...]]:
    """The runs of a polyline that lie inside a circle."""
    runs: list[list[Point]] = []
    current: list[Point] = []
    cx, cy = centre
    for p, q in zip(points, points[1:]):
        dx, dy = q[0] - p[0], q[1] - p[1]
        fx, fy = p[0] - cx, p[1] - cy
        a, b, c = dx * dx + dy * dy, 2 * (fx * dx + fy * dy), fx * fx + fy * fy - radius * radius
        disc = b * b - 4 * a * c
        if a < 1e-18 or disc <= 0:
            if current:
                runs.append(current)
                current = []
            continue
        root = math.sqrt(disc)
        t0, t1 = max(0.0, (-b - root) / (2 * a)), min(1.0, (-b + root) / (2 * a))
        if t0 >= t1:
            if current:
                runs.append(current)
                current = []
            continue
        enter = (p[0] + dx * t0, p[1] + dy * t0)
        leave = (p[0] + dx * t1, p[1] + dy * t1)
        if not current or t0 > 0:
            if current:
                runs.append(current)
            current = [enter]
        current.append(leave)
        if t1 < 1:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [tuple(r) for r in runs if len(r) > 1]


def _arrow(path: tuple[Point, ...], size: float = 1.0) -> list[Item]:
    """A stroke along ``path`` ending in a filled head, over a paper-coloured halo; ``size``
    scales the head and the line (a small movement gets a small arrow, in the same style)."""
    (x0, y0), (x1, y1) = path[-2], path[-1]
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    head_len, head_half = ARROW_HEAD[0] * size, ARROW_HEAD[1] * size
    tip = (x1 + ux * head_len * 0.5, y1 + uy * head_len * 0.5)
    back = (tip[0] - ux * head_len, tip[1] - uy * head_len)
    head = (
        tip,
        (back[0] - uy * head_half, back[1] + ux * head_half),
        (back[0] + uy * head_half, back[1] - ux * head_half),
    )
    shaft = path[:-1] + (back,)
    halo = 0.014
    return [
        Stroke(shaft, ARROW_WIDTH * size + 2 * halo, "paper"),
        Shape(_grow(head, halo), "paper"),
        Stroke(shaft, ARROW_WIDTH * size, "arrow"),
        Shape(head, "arrow"),
    ]


def _grow(triangle: tuple[Point, ...], by: float) -> tuple[Point, ...]:
    cx = sum(p[0] for p in triangle) / 3
    cy = sum(p[1] for p in triangle) / 3
    out = []
    for x, y in triangle:
        d = math.hypot(x - cx, y - cy)
        out.append((x + (x - cx) / d * by * 2, y + (y - cy) / d * by * 2))
    return tuple(out)


# --- helpers ----------------------------------------------------------------------------


def _distance(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _bounds(items: list[Item]) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 round every item, strokes by half their width.

    Points are pooled by the pad they get (a stroke's half width; none for a shape) and each
    pool's extremes padded: adding a pad keeps the order of the points, so the same floats
    come out as from padding every point (a scene has thousands)."""
    pools: dict[float, list[Point]] = {}
    for item in items:
        if isinstance(item, Disc):
            (x, y), r = item.centre, item.radius
            pools.setdefault(r, []).append((x, y))
        else:
            pad = item.width / 2 if isinstance(item, Stroke) else 0.0
            pool = pools.get(pad)
            if pool is None:
                pools[pad] = pool = []
            pool += item.points
    x0 = y0 = math.inf
    x1 = y1 = -math.inf
    for pad, points in pools.items():
        xs, ys = zip(*points)
        x0, y0 = min(x0, min(xs) - pad), min(y0, min(ys) - pad)
        x1, y1 = max(x1, max(xs) + pad), max(y1, max(ys) + pad)
    return x0, y0, x1, y1
