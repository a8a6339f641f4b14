"""Specifications of the illustrations: geometry, not pixels."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from publish.figures import alt_text, aspect, drawing, png, svg, write_figures
from publish.figures.kinematics import pose_skeleton
from publish.figures.placement import place
from publish.figures.poses import BASES
from publish.load import load_book
from publish.model import Pose

DATA = Path(__file__).resolve().parent.parent / "data" / "lower-back-pain.yaml"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def book():
    return load_book(DATA)


@pytest.fixture(scope="module")
def exercises(book):
    return {e.id: e for e in book.exercises}


def frames(exercises):
    for exercise in exercises.values():
        for pose in (exercise.figure.start, exercise.figure.end):
            yield exercise.id, pose, exercise.figure.view


def lowest(placed):
    return min(y for _, y in placed.outline())


def angle_at(b, a, c):
    """The angle ABC in degrees."""
    v, w = (a[0] - b[0], a[1] - b[1]), (c[0] - b[0], c[1] - b[1])
    return math.degrees(math.acos((v[0] * w[0] + v[1] * w[1]) / (math.hypot(*v) * math.hypot(*w))))


def test_every_seed_exercise_has_a_figure(exercises):
    assert len(exercises) == 7
    assert all(e.figure is not None for e in exercises.values())


# --- anatomy: rules over every pose of every exercise ------------------------------------


def every_pose(exercises):
    """(exercise id, placed body) for the start and end pose of every figure."""
    for ident, pose, view in frames(exercises):
        yield ident, place(pose, view)


def unit(v):
    n = math.sqrt(sum(c * c for c in v))
    return tuple(c / n for c in v)


def sub(a, b):
    return tuple(x - y for x, y in zip(a, b))


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def cross3(a, b):
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def lowest3d(placed, names=None):
    """The lowest point of the body's surface (3-D, floor at y = 0), or of some joints'
    strokes: a joint on a stroke of width w reaches w/2 below its centre."""
    from publish.figures.placement import _outline

    if names is None:
        return min(y for _, y in _outline(placed.skeleton.joints, placed.skeleton))
    widths = {}
    for bone in placed.skeleton.bones:
        for j in bone.joints:
            widths[j] = max(widths.get(j, 0.0), bone.width)
    return min(placed.skeleton.joints[n][1] - widths.get(n, 0.0) / 2 for n in names)


def test_segment_lengths_are_equal_in_start_and_end_frames(exercises):
    for _, exercise in exercises.items():
        figure = exercise.figure
        skeletons = [place(pose, figure.view).skeleton for pose in (figure.start, figure.end)]
        pairs = [(a, b) for bone in skeletons[0].bones for a, b in zip(bone.joints, bone.joints[1:])]
        pairs += [("head", "jaw"), ("head", "nose1"), ("chest", "head"), ("left_shoulder", "right_shoulder")]
        for a, b in pairs:
            lengths = [math.dist(s.joints[a], s.joints[b]) for s in skeletons]
            assert lengths[0] == pytest.approx(lengths[1], abs=1e-9), (exercise.id, a, b)


def test_nothing_is_below_the_floor(exercises):
    for ident, placed in every_pose(exercises):
        assert min(y for _, y, _ in placed.skeleton.joints.values()) >= 0, ident
        assert lowest3d(placed) >= -1e-9, ident


def test_nothing_is_drawn_below_the_floor(exercises):
    """Seen level from the side (the floor a line), the drawn body (its smoothed torso,
    strokes by half their width, discs) stays on or above the floor line's top edge too, not
    only its joints."""
    from publish.figures.scene import Disc, Stroke, layout, scene

    for ident, exercise in exercises.items():
        if layout(exercise.figure).start.camera.pitch != 0:
            continue  # seen from above, nearer is drawn lower: the floor is a mat
        for item in scene(exercise.figure).items:
            if item.role not in ("ink", "far", "accent", "arrow"):
                continue  # the start's dashed outline and the paper edges lie just outside a part
            if isinstance(item, Disc):
                low = item.centre[1] - item.radius
            else:
                # A stroke by half its width, but for the hairline round a torso's section
                # (which hides the seams between sections): by its line.
                wide = isinstance(item, Stroke) and item.width > 0.004
                low = min(y for _, y in item.points) - (item.width / 2 if wide else 0.0)
            assert low >= -1e-6, (ident, item.role, low)


def test_the_figure_touches_the_floor(exercises):
    for ident, placed in every_pose(exercises):
        assert lowest3d(placed) == pytest.approx(0.0, abs=1e-9), ident


@pytest.mark.parametrize("base", sorted(BASES))
def test_every_base_pose_rests_on_the_floor_in_every_view(base):
    for view in ("side", "front", "three-quarter"):
        assert lowest3d(place(Pose(base), view)) == pytest.approx(0.0, abs=1e-9)


#: What rests on the floor, by base pose, whatever the exercise does (a stroke within 1 cm
#: of the floor touches it: the figure is 1 unit tall, about 170 cm).
TOUCH = 0.006


def touches(placed, *names):
    return lowest3d(placed, names) <= TOUCH


def ring_touches(placed, ring_index):
    return min(placed.skeleton.joints[n][1] for n in placed.skeleton.rings[ring_index]) <= TOUCH


def test_ground_contact_in_every_pose(exercises):
    for ident, placed in every_pose(exercises):
        base = placed.base
        for side in ("left", "right"):
            s = f"{side}_"
            if base == "hands-and-knees":
                # On hands and knees, not hovering on the toes: palms, knees and shins down.
                assert touches(placed, s + "fingers") and touches(placed, s + "wrist"), (ident, side, "hand")
                assert touches(placed, s + "knee"), (ident, side, "knee")
                assert touches(placed, s + "ankle", s + "toe"), (ident, side, "shin and foot")
            if base in ("supine-hook-lying", "sitting"):
                # Feet flat: heel and toe both on the floor.
                assert touches(placed, s + "heel") and touches(placed, s + "toe"), (ident, side, "foot")
        if base == "supine-hook-lying":
            # The shoulders (a bridge) or the buttocks (a curl) stay down; mostly both.
            assert ring_touches(placed, 7) or ring_touches(placed, 1), (ident, "back")
        if base == "prone":
            assert any(ring_touches(placed, i) for i in range(2, 6)), (ident, "belly")
        if base == "side-lying":
            assert touches(placed, "right_knee") or touches(placed, "right_ankle"), (ident, "bottom leg")
            assert touches(placed, "right_elbow"), (ident, "bottom arm")


def test_hinge_joints_bend_only_in_their_plane_and_range(exercises):
    """Knees and elbows are hinges: the lower segment stays in the plane of the upper segment
    and the hinge's front, bends to the side it can (behind the kneecap, in front of the
    elbow), and no further than the reference ranges."""
    for ident, placed in every_pose(exercises):
        j = placed.skeleton.joints
        for side in ("left", "right"):
            for upper, hinge, lower, front, sign, most in (
                ("hip", "knee", "ankle", "kneecap", -1, 140),
                ("shoulder", "elbow", "wrist", "elbow_front", 1, 145),
            ):
                a, b, c, f = (j[f"{side}_{n}"] for n in (upper, hinge, lower, front))
                along, ahead, seg = unit(sub(b, a)), unit(sub(f, b)), sub(c, b)
                assert abs(dot(seg, cross3(along, ahead))) < 1e-9, (ident, side, hinge, "out of plane")
                assert sign * dot(seg, ahead) >= -1e-9, (ident, side, hinge, "bends the wrong way")
                bend = math.degrees(math.acos(max(-1.0, min(1.0, dot(along, unit(seg))))))
                assert bend <= most + 1e-6, (ident, side, hinge, bend)


def test_hips_stay_within_their_range(exercises):
    for ident, placed in every_pose(exercises):
        j = placed.skeleton.joints
        up = unit(sub(j["spine1"], j["spine0"]))
        front = unit(sub(j["belly0"], j["spine0"]))
        for side in ("left", "right"):
            thigh = unit(sub(j[f"{side}_knee"], j[f"{side}_hip"]))
            flexion = math.degrees(math.atan2(dot(thigh, front), -dot(thigh, up)))
            assert -30 - 1e-6 <= flexion <= 125 + 1e-6, (ident, side, flexion)


def head_height(joints):
    from publish.figures import body

    axis = unit(sub(joints["head"], joints["jaw"]))
    top = tuple(h + a * body.CRANIUM_RADIUS for h, a in zip(joints["head"], axis))
    chin = tuple(h - a * body.JAW_RADIUS for h, a in zip(joints["jaw"], axis))
    return dot(sub(top, chin), axis)


def test_the_head_is_one_seventh_and_a_half_of_stature_and_sits_on_a_neck(exercises):
    from publish.figures import body

    for ident, placed in every_pose(exercises):
        j = placed.skeleton.joints
        assert head_height(j) == pytest.approx(1 / 7.5, rel=0.05), ident
        assert 2 * body.CRANIUM_RADIUS < head_height(j)  # longer than it is deep, like a head
        # The chin clears the shoulders: a neck shows between them.
        chest_up = unit(sub(j["chest"], j["spine5"]))
        assert dot(sub(j["jaw"], j["chest"]), chest_up) - body.JAW_RADIUS > 0.02, ident


def test_a_head_in_profile_is_one_outline_with_brow_nose_and_chin_on_a_neck(exercises):
    """Seen from the side, the head is one solid outline: skull, and on the side it faces a
    brow, the nose standing out, and the chin below and in front of the throat; no second
    ball for the jaw (drawn as a disc beside the skull's, it read as a double chin, or face
    down as a bird's beak and crest). The neck's fill runs from the chest into the head over
    the head's paper edge, so the head grows out of a neck and does not sit on the shoulders
    like a ball."""
    from publish.figures import body
    from publish.figures.scene import Disc, Shape, Stroke, _shifted, layout, scene

    def inside(p, polygon):  # even-odd: the outline is not convex
        crossings = 0
        for (ax, ay), (bx, by) in zip(polygon, polygon[1:] + polygon[:1]):
            if (ay > p[1]) != (by > p[1]) and p[0] < ax + (p[1] - ay) * (bx - ax) / (by - ay):
                crossings += 1
        return crossings % 2 == 1

    for ident, exercise in exercises.items():
        figure = exercise.figure
        if figure.view != "side":
            continue
        lay = layout(figure)
        items = scene(figure).items
        for placed in ([lay.start] if lay.side_by_side else []) + [_shifted(lay.end, lay.shift)]:
            p = placed.points
            assert not any(isinstance(i, Disc) and i.role == "ink" and math.dist(i.centre, p["jaw"]) < 1e-9
                           for i in items), (ident, "a ball for the jaw")
            (k, outline), = [(k, i) for k, i in enumerate(items) if isinstance(i, Shape) and i.role == "ink"
                             and inside(p["head"], i.points) and len(i.points) > 12]
            # The head's own axes in the picture: front from the centre to the nose's bridge, up
            # across it, away from the jaw.
            front = tuple((b - h) / body.NOSE[0][1] for b, h in zip(p["nose0"], p["head"]))
            up = (-front[1], front[0])
            if (p["jaw"][0] - p["head"][0]) * up[0] + (p["jaw"][1] - p["head"][1]) * up[1] > 0:
                up = (front[1], -front[0])
            uf = [tuple(((x - p["head"][0]) * a[0] + (y - p["head"][1]) * a[1]) / (a[0] ** 2 + a[1] ** 2)
                        for a in (up, front)) for x, y in outline.points]
            nose = max(uf, key=lambda q: q[1])
            assert nose[1] > body.CRANIUM_RADIUS + 0.01 and -0.04 < nose[0] < 0, (ident, "a nose")
            assert any(u > 0 and f > 0.8 * body.CRANIUM_RADIUS for u, f in uf), (ident, "a brow")
            chin = min(uf, key=lambda q: q[0])
            assert chin[0] < -0.06 and chin[1] > 0.0, (ident, "the chin below the face")
            assert any(u < -0.055 and f > 0.04 for u, f in uf), (ident, "the chin stands out")
            assert all(f > -body.CRANIUM_RADIUS - 1e-6 for _, f in uf), (ident, "nothing behind the skull")
            neck = [i for i in items[k + 1:] if isinstance(i, Stroke) and i.role == "ink"
                    and math.dist(i.points[0], p["chest"]) < 1e-9 and inside(i.points[-1], outline.points)]
            assert neck, (ident, "no neck joins the head")


def test_the_arms_hang_from_shoulders_wider_than_the_neck(exercises):
    from publish.figures import body

    for ident, placed in every_pose(exercises):
        j = placed.skeleton.joints
        span = math.dist(j["left_shoulder"], j["right_shoulder"])
        assert span == pytest.approx(0.259, abs=1e-6), ident
        rings = body.TORSO_RINGS
        shoulder_ring, neck_ring = rings[-2], rings[-1]
        assert shoulder_ring[1] > span / 2 > neck_ring[1] * 1.5  # deltoids outside, neck narrow


def test_the_head_shows_which_way_it_faces(exercises):
    from publish.figures import body
    from publish.figures.scene import Disc, scene

    for exercise in exercises.values():
        figure = exercise.figure
        placed = place(figure.end, figure.view)
        p = placed.points
        # In profile the nose stands out of the skull's outline; turned towards the reader,
        # both eyes show, as paper dots on the head (a head turned part way shows one or both).
        profile = math.dist(p["nose1"], p["head"]) > body.CRANIUM_RADIUS + 0.005
        if figure.view == "side":
            assert profile, exercise.id
        else:
            eyes = [i for i in scene(figure).items if isinstance(i, Disc) and i.role == "paper" and i.radius < 0.01]
            assert len(eyes) >= 2 or (profile and eyes), exercise.id
    lying = {e.id: place(e.figure.end, e.figure.view).skeleton.joints for e in exercises.values()}
    assert lying["partial-curls"]["nose1"][1] > lying["partial-curls"]["head"][1]  # face up
    assert lying["superman"]["nose1"][1] < lying["superman"]["head"][1]  # face down


def test_bridge_end_pose_puts_the_hip_on_the_line_from_knee_to_shoulder(exercises):
    end = place(exercises["bridges"].figure.end, "side").points
    assert angle_at(end["right_hip"], end["right_knee"], end["right_shoulder"]) == pytest.approx(180, abs=5)


def test_bridge_lifts_the_hips_and_keeps_shoulders_and_feet_down(exercises):
    start, end = (place(p, "side").points for p in (exercises["bridges"].figure.start, exercises["bridges"].figure.end))
    assert end["pelvis"][1] > start["pelvis"][1] + 0.08
    # The shoulders stay on the floor: the top of the back touches it in both poses.
    for pose in (exercises["bridges"].figure.start, exercises["bridges"].figure.end):
        assert ring_touches(place(pose, "side"), 7)
    assert end["right_heel"][1] == pytest.approx(start["right_heel"][1], abs=1e-6)


def test_partial_curl_lifts_the_shoulders_but_not_the_hips(exercises):
    figure = exercises["partial-curls"].figure
    start, end = (place(p, "side").points for p in (figure.start, figure.end))
    assert end["chest"][1] > start["chest"][1] + 0.02  # shoulders off the floor
    assert end["head"][1] > start["head"][1] + 0.05
    assert end["pelvis"][1] == pytest.approx(start["pelvis"][1], abs=0.005)  # hips stay down


def spine_curvature(pose: Pose) -> float:
    """Signed bend of the spine, seen from the side: + rounds the back up, - sags it."""
    joints = pose_skeleton(pose).joints
    a, m, b = (joints[f"spine{i}"] for i in (0, 3, 6))
    chord = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    return m[1] - chord[1]


def test_cat_stretch_spine_bends_opposite_ways(exercises):
    figure = exercises["cat-stretches"].figure
    arch, sag = spine_curvature(figure.start), spine_curvature(figure.end)
    assert arch > 0 > sag


def test_cat_stretch_hands_stay_under_the_shoulders(exercises):
    for pose in (exercises["cat-stretches"].figure.start, exercises["cat-stretches"].figure.end):
        p = place(pose, "side").points
        assert abs(p["right_wrist"][0] - p["right_shoulder"][0]) < 0.08


def test_on_hands_and_knees_the_hips_stand_over_the_knees(exercises):
    """Thighs upright: with the hips behind the knees the weight sits back (a reader copies it)."""
    for _, placed in every_pose(exercises):
        if placed.base != "hands-and-knees":
            continue
        p = placed.points
        for side in ("left", "right"):
            hip, knee = p[f"{side}_hip"], p[f"{side}_knee"]
            assert abs(math.degrees(math.atan2(hip[0] - knee[0], hip[1] - knee[1]))) < 3


def test_cat_stretch_arrows_sit_over_the_middle_of_the_back(exercises):
    """Each panel's arrow is above the back, between hands and knees, not down at a knee."""
    from publish.figures.scene import Shape, layout, scene

    figure = exercises["cat-stretches"].figure
    lay = layout(figure)
    start = lay.start.points
    end = {n: (x + lay.shift[0], y + lay.shift[1]) for n, (x, y) in lay.end.points.items()}
    def upright(head):  # not the level two-way arrow between the panels
        (tx, ty), (ax, ay), (bx, by) = head.points
        return abs(ty - (ay + by) / 2) > abs(tx - (ax + bx) / 2)

    heads = [i for i in scene(figure).items if isinstance(i, Shape) and i.role == "arrow" and upright(i)]
    assert len(heads) == 2
    for head, pts in zip(sorted(heads, key=lambda h: h.points[0][0]), (start, end)):
        tip_x = sum(x for x, _ in head.points) / 3
        low_y = min(y for _, y in head.points)
        assert min(pts["right_knee"][0], pts["right_wrist"][0]) + 0.1 < tip_x < max(pts["right_knee"][0], pts["right_wrist"][0]) - 0.1
        assert low_y > max(y for n, (_, y) in pts.items() if n.startswith("ring")) - 0.01


def test_a_turn_is_shown_on_the_body_start_dashed_with_an_arc_round_the_chest(exercises):
    """The seated turn, on one body on one chair and nothing beside it (a close-up seen from
    above was a change of viewpoint, not a close-up, and its ring on the neck read as a second
    head): the start's chest dashed, showing beside the turned one; one level arc wrapped
    round the front of the chest at shoulder height, its head beyond the body on the side the
    face turns to; the head upright (eyes level with the middle of the skull, not bowed)."""
    from publish.figures import body
    from publish.figures.scene import FRAME, Disc, Shape, Stroke, layout, scene

    figure = exercises["seated-rotational-stretch"].figure
    lay = layout(figure)
    assert not lay.side_by_side
    items = scene(figure).items
    heads = [i for i in items if isinstance(i, Disc) and i.role == "ink" and i.radius == body.CRANIUM_RADIUS]
    assert len(heads) == 1  # one person
    assert not [i for i in items if isinstance(i, Stroke) and i.width == FRAME]  # no close-up
    end = lay.end.points
    torso = [p for n, p in end.items() if n.startswith("ring")]
    starts = [p for i in items if i.role == "start" and isinstance(i, Stroke) for p in i.points]
    # The start's chest shows beside the turned one (not hidden behind it).
    chest_y = end["chest"][1]
    band = [x for x, y in torso if abs(y - chest_y) < 0.08]
    assert any(x > max(band) + 0.02 or x < min(band) - 0.02 for x, y in starts if abs(y - chest_y) < 0.08)
    # One arrow, its shaft level round the chest at shoulder height.
    (head,) = [i for i in items if isinstance(i, Shape) and i.role == "arrow"]
    shaft = max((i for i in items if isinstance(i, Stroke) and i.role == "arrow"), key=lambda i: len(i.points))
    shoulders = (end["left_shoulder"][1] + end["right_shoulder"][1]) / 2
    assert all(abs(y - shoulders) < 0.12 for _, y in shaft.points)
    xs = [x for x, _ in shaft.points]
    assert max(xs) - min(xs) > 2 * body.SHOULDER_HALF  # round the chest, not a pointer beside it
    # The head beyond the body, on the side the face now looks to (the nose's side).
    tip = head.points[0]
    if end["nose1"][0] < end["head"][0]:
        assert tip[0] < min(band)
    else:
        assert tip[0] > max(band)
    # Upright: the eyes no lower than a fifth of the skull below its centre.
    assert max(end[e][1] for e in ("left_eye", "right_eye")) > end["head"][1] - body.CRANIUM_RADIUS / 5


def body_shoulder_half() -> float:
    from publish.figures import body

    return body.SHOULDER_HALF


def test_arrows_for_lifted_hips_and_drawn_in_belly_sit_above_the_body(exercises):
    """Bridge: the arrow is in the open space above the hips (under them it reads as a wedge
    or a warning sign). Drawing-in: a small arrow in the close-up over the body, not a long push."""
    from publish.figures.scene import ARROW_WIDTH, Stroke, layout, scene

    for ident in ("bridges", "drawing-in-maneuver"):
        figure = exercises[ident].figure
        lay = layout(figure)
        pelvis_y = lay.end.points["pelvis"][1]
        shafts = [i for i in scene(figure).items if isinstance(i, Stroke) and i.role == "arrow"]
        assert len(shafts) == 1, ident
        assert min(y for _, y in shafts[0].points) > pelvis_y + 0.05, ident
        if ident == "drawing-in-maneuver":
            (x0, y0), (x1, y1) = shafts[0].points[0], shafts[0].points[-1]
            assert math.hypot(x1 - x0, y1 - y0) < 0.08 and shafts[0].width < ARROW_WIDTH


def near_polygon(p, points, within):
    """Whether ``p`` lies within ``within`` of a polygon's edge."""
    from publish.figures.scene import _segment_distance

    return any(_segment_distance(p, a, b) < within for a, b in zip(points, points[1:] + points[:1]))


def test_the_highlight_is_a_band_never_a_dot_edged_in_paper_only_off_the_trunk(exercises):
    """Orange is a band over a muscle in every figure (a dot on a joint reads as "it hurts
    here"). A band off the trunk (the buttock over the thigh, a limb's) lies over a paper edge
    that parts it from what it crosses; one on the torso's surface may lie inside the body's
    solid outline with none, and the superman's back band does (edged, it read as a third limb
    lying on the back). Black-and-white printing keeps every band marked by its stripes
    (tests/test_figure_stripes.py)."""
    from publish.figures.scene import Disc, Shape, Stroke, _covers

    for ident, geometry in all_scenes(exercises).items():
        items = geometry.items
        accents = [(i, item) for i, item in enumerate(items) if item.role == "accent"]
        assert accents, ident
        torso = [o for o in items if isinstance(o, Shape) and o.role == "ink"]
        for i, item in accents:
            assert not isinstance(item, Disc), ident
            edged = [
                o for o in items[:i]
                if o.role == "paper" and getattr(o, "points", None) == item.points
                and (isinstance(o, Shape) or (isinstance(o, Stroke) and o.width > item.width))
            ]  # fmt: skip
            # Within a hair of the torso: a band cut to a close-up's disc has corners on the
            # disc's edge, as the torso's sections there have.
            on_the_trunk = all(
                any(_covers(o, p) or near_polygon(p, o.points, 0.003) for o in torso) for p in item.points)
            assert on_the_trunk or edged, ident
            if ident == "superman":
                assert on_the_trunk and not edged  # the back's band, no third limb on the back


def test_side_lying_start_leg_rests_on_the_bottom_leg(exercises):
    """Between lifts the top leg lies on the bottom one: in the picture its ankle is within a
    shin's width of the bottom shin, not floating above it."""
    from publish.figures import body

    start = place(exercises["lying-lateral-leg-raises"].figure.start, "front").points
    (ax, ay), (kx, ky), (bx, by) = start["left_ankle"], start["right_knee"], start["right_ankle"]
    t = max(0.0, min(1.0, ((ax - kx) * (bx - kx) + (ay - ky) * (by - ky)) / ((bx - kx) ** 2 + (by - ky) ** 2)))
    gap = math.hypot(ax - (kx + t * (bx - kx)), ay - (ky + t * (by - ky)))
    assert gap < body.WIDTH["shank"] * 1.05


def test_only_the_parts_that_move_are_drawn_in_the_start_pose(exercises):
    """The drawing-in moves only the belly: its dashed start outline lies over the trunk, not
    round the still legs, arms or head (drawn twice, a still part is only a tangle)."""
    from publish.figures.scene import Stroke, layout, scene

    from publish.figures.scene import INSET_RADIUS

    figure = exercises["drawing-in-maneuver"].figure
    p = layout(figure).start.points
    lo, hi = sorted((p["right_shoulder"][0], p["right_hip"][0]))
    items = scene(figure).items
    frame = next(i for i in items if isinstance(i, Stroke) and i.role == "floor" and len(i.points) > 60
                 and math.dist(i.points[0], i.points[36]) == pytest.approx(2 * INSET_RADIUS, rel=0.01))
    centre = tuple(sum(c) / len(frame.points[:-1]) for c in zip(*frame.points[:-1]))
    # On the body, not in the close-up (which enlarges the belly above it).
    dashes = [i for i in items if isinstance(i, Stroke) and i.role == "start"
              and all(math.dist(q, centre) > INSET_RADIUS for q in i.points)]
    assert dashes
    assert all(lo - 0.1 < x < hi + 0.1 for d in dashes for x, _ in d.points)


def test_far_limbs_keep_a_solid_edge_and_dots_for_black_and_white_printing(exercises):
    """Light grey alone turns white on a black-and-white printer: each far limb has a thin
    solid edge, dark enough to print black (under half of white), drawn under its fill, and
    dots over its fill, inside it, dark enough to print black too (a white limb in a thin
    edge looked like the start pose's outline)."""
    from publish.figures.hatch import DOT_PERIOD_MM, striped
    from publish.figures.scene import FAR_EDGE, Stroke, _segment_distance
    from publish.figures.style import DEFAULT, grey

    assert grey(DEFAULT.far_edge) < 128 and grey(DEFAULT.far_dot) < 128 < grey(DEFAULT.far)
    for ident, geometry in all_scenes(exercises).items():
        items = striped(geometry.items, 50.0)  # drawn at 50 mm a body height
        fills = [i for i in items if i.role == "far" and isinstance(i, Stroke)]
        dots = [i for i in items if i.role == "far_dot"]
        if not fills:
            continue
        assert dots, ident
        for dot in dots:
            (x, y) = ((dot.points[0][0] + dot.points[-1][0]) / 2, (dot.points[0][1] + dot.points[-1][1]) / 2)
            # Inside some far limb's fill, clear of its edge by the dot's own radius.
            assert any(_segment_distance((x, y), a, b) <= f.width / 2 - dot.width / 2
                       for f in fills for a, b in zip(f.points, f.points[1:])), ident
        # A dot every period or so along a far limb: as many as its area holds, roughly.
        area = sum(f.width * math.dist(a, b) for f in fills for a, b in zip(f.points, f.points[1:]))
        assert len(dots) > 0.3 * area / (DOT_PERIOD_MM / 50.0) ** 2, ident
    for ident, geometry in all_scenes(exercises).items():
        items = geometry.items
        for i, item in enumerate(items):
            if item.role == "far" and isinstance(item, Stroke):
                assert any(
                    isinstance(o, Stroke) and o.role == "far_edge" and o.points == item.points
                    and o.width == pytest.approx(item.width + 2 * FAR_EDGE)
                    for o in items[:i]
                ), ident


def test_leg_raise_lifts_the_top_leg_only(exercises):
    figure = exercises["lying-lateral-leg-raises"].figure
    start, end = (place(p, "front").points for p in (figure.start, figure.end))
    assert end["left_ankle"][1] > start["left_ankle"][1] + 0.15
    assert end["right_ankle"] == pytest.approx(start["right_ankle"])


def test_seated_figure_sits_on_the_chair_with_feet_on_the_floor(exercises):
    for pose in (exercises["seated-rotational-stretch"].figure.start, exercises["seated-rotational-stretch"].figure.end):
        p = place(pose, "front").points
        assert p["pelvis"][1] > 0.2  # on the seat, not on the floor
        assert min(p["left_heel"][1], p["right_heel"][1]) == pytest.approx(0.017, abs=0.002)


def test_sitting_rests_on_the_seat_with_level_thighs_and_upright_shins(exercises):
    """Sitting on a chair, whatever the exercise turns: the thighs lie level on the seat (hip
    and knee at one height), the buttocks on it (the torso's lowest drawn section within 1 cm
    above the seat, none below it), the shins upright over flat feet (the ankle under the
    knee), the chair's seat drawn where the thighs rest, and the spine tall: shoulders and
    head straight above the pelvis (the article: "keep your spine tall"), the face level."""
    from publish.figures import body
    from publish.figures.scene import _seat_height

    seated = [(ident, placed) for ident, placed in every_pose(exercises) if BASES[placed.base].support == "chair"]
    assert seated
    for ident, placed in seated:
        j = placed.skeleton.joints
        seat = _seat_height(placed)
        for side in ("left", "right"):
            hip, knee, ankle = j[f"{side}_hip"], j[f"{side}_knee"], j[f"{side}_ankle"]
            assert hip[1] == pytest.approx(knee[1], abs=0.01), (ident, side, "thigh level")
            assert hip[1] - body.WIDTH["thigh"] / 2 == pytest.approx(seat, abs=0.002), (ident, side, "on the seat")
            assert math.hypot(ankle[0] - knee[0], ankle[2] - knee[2]) < 0.05, (ident, side, "shin upright")
        buttocks = min(j[n][1] for n in placed.skeleton.rings[1])
        assert seat - 1e-9 <= buttocks <= seat + 0.006 + body.WIDTH["thigh"] / 2, (ident, "buttocks on the seat")
        for upper in ("chest", "head"):
            assert math.hypot(j[upper][0] - j["pelvis"][0], j[upper][2] - j["pelvis"][2]) < 0.02, (ident, upper)
        eyes = [j[f"{side}_eye"][1] for side in ("left", "right")]
        assert max(eyes) - min(eyes) < 0.005 and abs(eyes[0] - j["head"][1]) < 0.01, (ident, "face level")


def inside_the_trunk(joints, point):
    """How far ``point`` lies inside the torso's surface, as a share of the way from the surface
    to the spine (above 0: inside), from the torso's cross-sections near its height."""
    from publish.figures import body

    deepest = -1.0
    for index in range(1, len(body.TORSO_RINGS) - 1):
        ring = [joints[f"ring{index}_{k}"] for k in range(16)]
        centre = tuple(sum(c) / 16 for c in zip(*ring))
        right, front, back = sub(ring[0], centre), sub(ring[4], centre), sub(ring[12], centre)
        up = unit(cross3(right, front))
        offset = sub(point, centre)
        if abs(dot(offset, up)) > body.TRUNK / 12:
            continue  # not at this section's height
        x = dot(offset, unit(right)) / math.dist(ring[0], centre)
        z = dot(offset, unit(front))
        z /= math.sqrt(dot(front, front)) if z >= 0 else math.sqrt(dot(back, back))
        deepest = max(deepest, 1 - math.hypot(x, z))
    return deepest


def test_no_arm_or_leg_passes_through_the_trunk(exercises):
    """An arm reaching across the body (the seated turn's hand to the opposite knee) goes in
    front of the trunk, not through it: the axis of every upper arm, forearm, thigh and shin
    stays outside the torso's surface (from a third of the way from the shoulder or hip,
    where the limb leaves the trunk). Hands may rest on the body."""
    for ident, placed in every_pose(exercises):
        j = placed.skeleton.joints
        for side in ("left", "right"):
            for a, b in (("shoulder", "elbow"), ("elbow", "wrist"), ("hip", "knee"), ("knee", "ankle")):
                for k in range(11):
                    t = k / 10
                    if a in ("shoulder", "hip") and t < 0.35:
                        continue
                    point = tuple(p + (q - p) * t for p, q in zip(j[f"{side}_{a}"], j[f"{side}_{b}"]))
                    assert inside_the_trunk(j, point) <= 0, (ident, side, a, b, t)


def palm(joints, side):
    return tuple((w + f) / 2 for w, f in zip(joints[f"{side}_wrist"], joints[f"{side}_fingers"]))


def rests_on(joints, point, a, b, radius, slack=0.012):
    """Whether ``point`` (the middle of a hand) lies on top of the limb from joint ``a`` to
    ``b`` of stroke ``radius``: a hand's half thickness above its surface, give or take
    ``slack``, and not below its axis."""
    from publish.figures import body

    pa, pb = joints[a], joints[b]
    ab = sub(pb, pa)
    t = max(0.0, min(1.0, dot(sub(point, pa), ab) / dot(ab, ab)))
    on_axis = tuple(p + d * t for p, d in zip(pa, ab))
    gap = math.dist(point, on_axis) - radius - body.WIDTH["hand"] / 2
    return abs(gap) <= slack and point[1] >= on_axis[1]


def test_seated_turn_hands_rest_on_the_thighs_then_the_left_on_the_right_knee(exercises):
    """As the steps say: sitting tall, hands resting on the thighs; turned to the right, the
    left hand on the right knee (its middle over the last fifth of the thigh, by the knee) and
    the right hand still resting on the right thigh; neither floats above them."""
    from publish.figures import body

    figure = exercises["seated-rotational-stretch"].figure
    start, end = (place(p, figure.view).skeleton.joints for p in (figure.start, figure.end))
    thigh = body.WIDTH["thigh"] / 2
    for side in ("left", "right"):
        assert rests_on(start, palm(start, side), f"{side}_hip", f"{side}_knee", thigh), side
    assert rests_on(end, palm(end, "right"), "right_hip", "right_knee", thigh)
    assert rests_on(end, palm(end, "left"), "right_hip", "right_knee", thigh)
    hip, knee, hand = end["right_hip"], end["right_knee"], palm(end, "left")
    along = dot(sub(hand, hip), sub(knee, hip)) / dot(sub(knee, hip), sub(knee, hip))
    assert along > 0.8


def test_svg_is_standalone_xml_with_viewbox_title_and_desc(exercises):
    exercise = exercises["partial-curls"]
    text = svg(exercise.figure, alt_text(exercise), title=exercise.name)
    assert "<!DOCTYPE" not in text
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert len(root.get("viewBox").split()) == 4
    assert root.find(f"{SVG}title").text == "Partial Curls"
    assert "raises head and shoulders" in root.find(f"{SVG}desc").text
    assert root.find(f".//{SVG}g").get("stroke-linecap") == "round"


def test_alt_text_is_composed_from_the_data(exercises):
    assert alt_text(exercises["partial-curls"]) == (
        "Person lying on their back with knees bent raises head and shoulders about 2 in (5 cm) "
        "off the floor. Highlighted: abdomen."
    )


def test_png_has_the_asked_width_and_the_figures_aspect(exercises):
    from PIL import Image
    import io

    figure = exercises["bridges"].figure
    image = Image.open(io.BytesIO(png(figure, 600)))
    assert image.width == 600
    assert image.width / image.height == pytest.approx(aspect(figure), rel=0.01)


def test_png_is_an_8_bit_palette_of_the_styles_colours_and_their_blends(exercises):
    """Drawn straight into a fixed palette: every style colour exactly (white stays white), and
    the smoothed edges in the blends two colours make, so the PNG stays small line art."""
    import io

    from PIL import Image

    from publish.figures.style import DEFAULT, rgb

    image = Image.open(io.BytesIO(png(exercises["bridges"].figure, 600)))
    assert image.mode == "P"
    palette = image.getpalette()
    shown = {tuple(palette[3 * i : 3 * i + 3]) for count, i in image.getcolors()}
    style_colours = {rgb(DEFAULT.colour(role)) for role in ("paper", "ink", "far", "start", "accent", "floor")}
    assert style_colours <= shown
    assert len(shown) <= 70


def test_png_matches_drawing_in_rgb_and_averaging(exercises):
    """The palette trick (module doc of publish.figures.raster) gives what drawing in full colour
    at twice the size and averaging each 2 x 2 block gives, but for pixels where three colours
    meet: under one in a thousand pixels differ visibly."""
    import io

    from PIL import Image, ImageChops, ImageDraw

    from publish.figures.hatch import PNG_PIXELS_PER_MM, striped
    from publish.figures.raster import SUPERSAMPLE
    from publish.figures.scene import Disc, Shape, Stroke, scene
    from publish.figures.style import DEFAULT, rgb

    for ident in ("bridges", "seated-rotational-stretch", "drawing-in-maneuver"):
        geometry = scene(exercises[ident].figure)
        ours = Image.open(io.BytesIO(png(exercises[ident].figure, 400))).convert("RGB")
        x0, _, _, y1 = geometry.bounds
        k = ours.width * SUPERSAMPLE / geometry.width
        big = Image.new("RGB", (ours.width * SUPERSAMPLE, ours.height * SUPERSAMPLE), rgb(DEFAULT.paper))
        draw = ImageDraw.Draw(big)

        def at(p):
            return (p[0] - x0) * k, (y1 - p[1]) * k

        for item in striped(geometry.items, k / SUPERSAMPLE / PNG_PIXELS_PER_MM):  # as render_image
            colour = rgb(DEFAULT.colour(item.role))
            if isinstance(item, Disc):
                (cx, cy), r = at(item.centre), item.radius * k
                draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
            elif isinstance(item, Shape):
                draw.polygon([at(p) for p in item.points], fill=colour)
            else:
                points, w = [at(p) for p in item.points], item.width * k
                if len(points) > 1:
                    draw.line(points, fill=colour, width=max(1, round(w)))
                for cx, cy in points:
                    draw.ellipse((cx - w / 2, cy - w / 2, cx + w / 2, cy + w / 2), fill=colour)
        difference = ImageChops.difference(ours, big.reduce(SUPERSAMPLE)).convert("L").histogram()
        assert sum(difference[17:]) < ours.width * ours.height / 1000, ident


def test_png_drawn_on_pillows_drawing_object_is_the_same_as_with_imagedraws_methods(exercises, monkeypatch):
    """The raster calls Pillow's drawing object directly (the calls ImageDraw's methods make,
    the colour resolved once): the pixels must be those the public methods draw."""
    from publish.figures import raster
    from publish.figures.scene import scene

    public = raster._drawing_calls

    def only_public(draw):
        class Public:  # ImageDraw's methods, without the drawing object they call
            ellipse, polygon, line = draw.ellipse, draw.polygon, draw.line

        return public(Public())

    for ident in ("bridges", "seated-rotational-stretch", "superman"):
        geometry = scene(exercises[ident].figure)
        direct = raster.render_image(geometry, 500).tobytes()
        monkeypatch.setattr(raster, "_drawing_calls", only_public)
        assert raster.render_image(geometry, 500).tobytes() == direct, ident
        monkeypatch.setattr(raster, "_drawing_calls", public)


def test_drawing_fits_the_box_centred_with_the_aspect_kept(exercises):
    figure = exercises["superman"].figure
    d = drawing(figure, 300, 200)
    assert (d.width, d.height) == (300, 200)
    k, _, _, k_y, dx, dy = d.contents[0].transform
    assert k == k_y
    from publish.figures.scene import scene

    x0, y0, x1, y1 = scene(figure).bounds
    left, right, bottom, top = x0 * k + dx, x1 * k + dx, y0 * k + dy, y1 * k + dy
    assert right - left == pytest.approx(300) or top - bottom == pytest.approx(200)
    assert left == pytest.approx(300 - right) and bottom == pytest.approx(200 - top)


def test_two_runs_write_identical_bytes(book, tmp_path):
    first = {p.name: p.read_bytes() for p in write_figures(book, tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in write_figures(book, tmp_path / "b")}
    assert len(first) == 14
    assert first == second


# --- what a patient copies: the review's four illustrations --------------------------------

HAND_FLOOR = 0.034 / 2  # a hand's stroke half-width: its centre line at this height lies on the floor


def angle3(b, a, c):
    """The angle ABC in degrees, in 3-D."""
    v, w = [x - y for x, y in zip(a, b)], [x - y for x, y in zip(c, b)]
    cos = sum(x * y for x, y in zip(v, w)) / (math.hypot(*v) * math.hypot(*w))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def both_poses(exercises, ident):
    figure = exercises[ident].figure
    return [place(pose, figure.view) for pose in (figure.start, figure.end)]


def test_partial_curl_keeps_the_arms_crossed_on_the_chest(exercises):
    for placed in both_poses(exercises, "partial-curls"):
        p, joints = placed.points, placed.skeleton.joints
        for side, other in (("right", "left"), ("left", "right")):
            # Hands on the body's side of the chin (the head lies to the left), not by or behind
            # the head, and near the opposite shoulder.
            assert p[f"{side}_fingers"][0] > p["head"][0] + 0.065
            assert math.dist(joints[f"{side}_fingers"], joints[f"{other}_shoulder"]) < 0.12
            # The elbow lower on the body than the shoulder (towards the hips), not up by the head.
            assert p[f"{side}_elbow"][0] > p[f"{side}_shoulder"][0] + 0.08
            # The forearm lies over the chest, not far above it.
            assert p[f"{side}_wrist"][1] - p["chest"][1] < 0.12


def test_partial_curl_lifts_the_shoulder_blades_with_the_chin_tucked(exercises):
    figure = exercises["partial-curls"].figure
    start, end = both_poses(exercises, "partial-curls")
    # The upper trunk curls up, not just the head: the shoulder blades' underside (ring 6)
    # clears the floor by about 2 in or a little more (5-8 cm, 0.03-0.05 of stature), and the
    # head rises at most 3.5 times as far as they do. Led by the chin (the bend in the top of
    # the back alone) they cleared 0.02 while the head rose 0.10: the head-only lift a
    # physiotherapist corrects. A head in line with a curled upper trunk rises about 3 times.
    def underside(placed, ring):
        return min(placed.skeleton.joints[n][1] for n in placed.skeleton.rings[ring])

    blades = underside(end, 6) - underside(start, 6)
    head = end.skeleton.joints["head"][1] - start.skeleton.joints["head"][1]
    assert 0.03 <= blades <= 0.05, blades
    assert head <= 3.5 * blades, (head, blades)
    assert not ring_touches(end, 6) and not ring_touches(end, 7)  # shoulder blades off the floor
    assert ring_touches(end, 1)  # the lower back and buttocks stay down
    # The chin tucked a little, as if holding a ball under it; not pulled to the chest.
    assert 5 <= figure.end.angle("neck") <= 20


def test_superman_lifts_hands_and_feet_by_similar_modest_heights(exercises):
    start, end = (placed.points for placed in both_poses(exercises, "superman"))
    hands = min(end[f"{s}_fingers"][1] for s in ("left", "right")) - start["right_fingers"][1]
    feet = min(end[f"{s}_{j}"][1] for s in ("left", "right") for j in ("toe", "heel", "ankle")) - min(
        start[f"{s}_toe"][1] for s in ("left", "right")
    )
    assert 0.05 < hands < 0.12 and 0.05 < feet < 0.12  # about 6 in (15 cm)
    assert max(hands, feet) / min(hands, feet) < 1.5


def test_superman_keeps_trunk_and_head_where_they_lie_and_looks_at_the_floor(exercises):
    """Only the arms and legs lift: the trunk and head lie, start and end, within 1 cm of the
    same place (a chest that rose left the reader asking whether to lift it too, and no dashed
    trunk answered). The head is in line with the upper back, not nodded onto the floor, the
    face turned to the floor and just off it (the article: head straight, look at the floor)."""
    from publish.figures.scene import layout

    figure = exercises["superman"].figure
    lay = layout(figure)
    start = lay.start.points
    end = {n: (x + lay.shift[0], y + lay.shift[1]) for n, (x, y) in lay.end.points.items()}
    for joint in ("pelvis", "spine3", "chest", "head", "nose1"):
        assert math.dist(start[joint], end[joint]) < 0.006, joint
    for placed in both_poses(exercises, "superman"):
        j = placed.skeleton.joints
        upper_back = sub(j["chest"], j[placed.skeleton.spine[-2]])
        neck = sub(j["neck_top"], j["chest"])
        assert math.degrees(math.acos(dot(unit(neck), unit(upper_back)))) <= 10  # in line
        face = unit(sub(j["nose1"], j["head"]))
        assert face[1] < -0.7  # the face turned to the floor
        assert 0.005 < placed.points["nose1"][1] < 0.03  # just off it, not pressed into it


def test_superman_feet_are_pointed(exercises):
    for placed in both_poses(exercises, "superman"):
        p = placed.points
        for side in ("left", "right"):
            # The toes point away from the knee, continuing the line of the shin.
            assert angle_at(p[f"{side}_ankle"], p[f"{side}_knee"], p[f"{side}_toe"]) > 140


def test_bridge_hands_rest_on_the_floor_in_both_poses(exercises):
    for placed in both_poses(exercises, "bridges"):
        p = placed.points
        for side in ("left", "right"):
            assert p[f"{side}_fingers"][1] == pytest.approx(HAND_FLOOR, abs=0.002)
            assert p[f"{side}_wrist"][1] - 0.042 / 2 < 0.02  # the forearm down by the side


def test_side_lying_bottom_leg_is_bent_and_the_head_rests_on_the_arm(exercises):
    for placed in both_poses(exercises, "lying-lateral-leg-raises"):
        joints, p = placed.skeleton.joints, placed.points
        knee = angle3(joints["right_knee"], joints["right_hip"], joints["right_ankle"])
        assert 120 < knee < 165  # bent slightly
        assert angle3(joints["left_knee"], joints["left_hip"], joints["left_ankle"]) > 175  # top leg straight
        # The drawing shows the bend: the bottom knee stands out of the line from hip to ankle.
        hip, knee_pt, ankle = p["right_hip"], p["right_knee"], p["right_ankle"]
        assert angle_at(knee_pt, hip, ankle) < 172
        # The bottom hand is under the head's side, the elbow on the floor beyond it.
        assert math.dist(p["right_wrist"], p["head"]) < 0.065 + 0.04
        assert p["right_elbow"][1] < 0.04
        assert p["right_elbow"][0] < p["head"][0]


# --- one visual language that survives greyscale ------------------------------------------


def all_scenes(exercises):
    from publish.figures.scene import scene

    return {ident: scene(e.figure) for ident, e in exercises.items()}


def test_every_pair_of_meanings_can_be_told_apart_in_greyscale():
    """Body, far side, start pose, highlight, arrow and floor: each pair differs by at least
    three of sixteen e-ink grey levels or by its mark (solid, outline, arrowhead, hatching).
    The threshold and why: publish/figures/style.py."""
    from itertools import combinations

    from publish.figures.style import DEFAULT, MEANINGS, MIN_GREY_DIFFERENCE, distinguishable, grey

    assert MIN_GREY_DIFFERENCE == pytest.approx(51)
    for a, b in combinations(MEANINGS, 2):
        assert distinguishable(DEFAULT, a, b), (a, b)
    for meaning, (role, _) in MEANINGS.items():
        assert grey(DEFAULT.paper) - grey(DEFAULT.colour(role)) >= MIN_GREY_DIFFERENCE, meaning
    # The highlight is drawn on the body and the far side behind it: tone alone must tell them apart.
    for a, b in (("ink", "accent"), ("accent", "far"), ("ink", "far")):
        assert abs(grey(DEFAULT.colour(a)) - grey(DEFAULT.colour(b))) >= MIN_GREY_DIFFERENCE, (a, b)
    # On a black-and-white printer or a fax (a 50 % threshold) the highlight turns white, a
    # band on the black body; darker (the old orange, 123) it turned black and vanished into it.
    assert grey(DEFAULT.colour("accent")) > 128 > grey(DEFAULT.colour("ink"))
    # The colours of the old scheme (orange 123 vs start pose 138) would fail the same rule.
    assert abs(grey("#e8590c") - grey("#8a8a8a")) < MIN_GREY_DIFFERENCE


def test_every_pair_of_meanings_can_be_told_apart_on_a_black_and_white_printer():
    """A black-and-white laser, copier or fax keeps only whether a point is darker than half
    of white (THRESHOLD 128): tone is gone there, so each meaning must differ from every other
    by its mark or by printing black against white. The patterns (the highlight's stripes, the
    far side's dots) survive only as dark marks on a light ground. The far side, light grey in
    a thin edge, once became a white shape in a thin edge there, much like the start pose's
    outline: it is dotted now."""
    from itertools import combinations

    from publish.figures.style import DEFAULT, MEANINGS, THRESHOLD, thresholded

    assert THRESHOLD == 128
    printed = {meaning: thresholded(DEFAULT, meaning) for meaning in MEANINGS}
    assert all(ground != "lost" for _, ground in printed.values()), printed
    for a, b in combinations(MEANINGS, 2):
        assert printed[a] != printed[b], (a, b)
    assert printed["body"] == ("solid", "black")
    assert printed["far side"] == ("dotted", "white") and printed["start pose"][0] == "dashed outline"
    # The old far side, solid light grey, would print as a plain white shape.
    import dataclasses

    plain = dataclasses.replace(DEFAULT, far_dot=DEFAULT.far)
    assert thresholded(plain, "far side") == ("dotted", "lost")


def test_each_mark_is_drawn_as_the_key_says(exercises):
    """The marks the greyscale rule relies on are really drawn, in every figure."""
    from publish.figures.scene import ARROW_WIDTH, DASH, EYE_RADIUS, HATCH, OUTLINE, SMALL_ARROW, Disc, Shape, Stroke

    for ident, geometry in all_scenes(exercises).items():
        items = geometry.items
        roles = {item.role for item in items}
        # Every figure shows where you start, dashed: over the end pose, beside it (a turn), or
        # under each panel as the neutral back (the cat).
        marks = {"ink", "arrow", "floor", "start"}
        assert marks <= roles, (ident, roles)
        for i, item in enumerate(items):
            if item.role == "start":
                # Dashed: the start pose's grey is only ever short dashes OUTLINE wide (never a
                # filled area or a solid line), round a paper-filled body.
                if isinstance(item, Disc):  # the outlined head's eye, a small grey dot
                    assert item.radius == EYE_RADIUS, ident
                    continue
                assert isinstance(item, Stroke) and item.width == pytest.approx(OUTLINE), ident
                run = sum(math.dist(a, b) for a, b in zip(item.points, item.points[1:]))
                assert run <= DASH[0] + 1e-6, (ident, run)
            if item.role == "arrow" and isinstance(item, Stroke):
                assert item.width in (ARROW_WIDTH, ARROW_WIDTH * SMALL_ARROW)
                head = items[i + 1]
                assert isinstance(head, Shape) and head.role == "arrow" and len(head.points) == 3, ident
        hatches = [o for o in items if o.role == "floor" and isinstance(o, Stroke) and o.width == HATCH[2]]
        assert len(hatches) >= 5, ident


def test_rendered_greyscale_keeps_body_highlight_far_side_and_paper_apart(exercises):
    """Rendered, turned to 16 grey levels as an e-reader would: the body, the highlight, the far
    side and the paper each fill pixels at their own level, three or more levels apart."""
    import io

    from PIL import Image

    from publish.figures.style import DEFAULT, grey

    def level(value):
        return round(value * 15 / 255)

    wanted = {role: level(grey(DEFAULT.colour(role))) for role in ("ink", "accent", "far", "paper")}
    assert all(abs(a - b) >= 3 for a in wanted.values() for b in wanted.values() if a != b)
    assert len(set(wanted.values())) == 4
    for ident in ("partial-curls", "bridges", "cat-stretches"):
        image = Image.open(io.BytesIO(png(exercises[ident].figure, 500))).convert("L")
        counts = {}
        for value, count in enumerate(image.histogram()):
            counts[level(value)] = counts.get(level(value), 0) + count
        for role, lvl in wanted.items():
            assert counts.get(lvl, 0) > 200, (ident, role)


def test_side_lying_top_foot_points_forward_not_at_the_ceiling(exercises):
    """The classic error of the exercise is the hip turned out, toes to the ceiling."""
    for placed in both_poses(exercises, "lying-lateral-leg-raises"):
        j = placed.skeleton.joints
        foot = unit(sub(j["left_toe"], j["left_heel"]))
        face = unit(sub(j["nose1"], j["head"]))
        assert foot[1] < 0.35  # not up
        assert dot(foot, face) > 0.7  # the way the face looks
        kneecap = unit(sub(j["left_kneecap"], j["left_knee"]))
        # The top knee faces forward too, not up: the leg comes a little forward at the hip
        # (to rest on the bent bottom leg), which tips the kneecap a few degrees down, not up.
        assert kneecap[1] < 0.35
        assert dot(kneecap, face) > 0.8


def test_the_key_samples_each_mark_as_the_figures_draw_it():
    from publish.figures import KEY
    from publish.figures.key import key_scene
    from publish.figures.style import MEANINGS

    keyed = {role for role, _ in KEY}
    # Every meaning a reader must tell apart is in the key, except the floor, which is a floor;
    # besides them, the close-up and the two-way arrow.
    assert {role for meaning, (role, _) in MEANINGS.items() if meaning != "floor"} | {"closeup", "twoway"} == keyed
    for role, meaning in KEY:
        if role not in ("closeup", "twoway"):
            assert role in {item.role for item in key_scene(role).items}, meaning
    widths = {key_scene(role).width for role, _ in KEY}
    assert len(widths) == 1  # one frame: every sample at the same scale


def test_the_key_draws_the_close_up_and_the_two_way_arrow_as_the_figures_do(exercises):
    """The close-up's sample is a thin ring joined by two lines to a larger framed circle, in
    the figures' frame width and tone; the two-way arrow's, a level arrow with a head at each
    end."""
    from publish.figures.key import key_scene
    from publish.figures.scene import FRAME, Shape, Stroke

    def frames(items):
        return [i for i in items if isinstance(i, Stroke) and i.role == "floor" and i.width == FRAME]

    def heads(items):
        return [i for i in items if isinstance(i, Shape) and i.role == "arrow" and len(i.points) == 3]

    closeup = frames(key_scene("closeup").items)
    assert len(closeup) == 4  # the ring, two joining lines, the close-up's frame
    rings = sorted((i for i in closeup if len(i.points) > 2), key=lambda i: max(x for x, _ in i.points) - min(x for x, _ in i.points))
    assert len(rings) == 2  # a small ring and a larger circle
    two_way = heads(key_scene("twoway").items)
    assert len(two_way) == 2
    tips = sorted(sum(p[0] for p in h.points) / 3 for h in two_way)
    assert tips[1] - tips[0] > 0.1  # pointing apart, at the two ends
    # Some figure shows a close-up (test_side_by_side_panels_... checks the two-way arrow).
    assert any(len(frames(scene.items)) >= 4 for scene in all_scenes(exercises).values())


def test_the_drawn_in_belly_moves_far_enough_to_see_but_stays_a_belly(exercises):
    """Drawing-in: between the dashed start and the solid end the belly wall at the navel moves
    in by a visible amount (over 3 % of stature, about 5 cm), yet keeps two fifths of its
    depth in front of the spine (the belly hollows, it does not vanish)."""
    from publish.figures import body
    from publish.figures.scene import layout

    lay = layout(exercises["drawing-in-maneuver"].figure)
    navel = max(body.BELLY_RINGS, key=body.BELLY_RINGS.get)
    samples = len(lay.start.skeleton.rings[0])
    ring = lay.start.skeleton.rings[navel]
    front, sides = ring[samples // 4], (ring[0], ring[samples // 2])

    def depth(placed):
        """The belly wall's height over the spine (the middle of the ring's two sides)."""
        j = placed.skeleton.joints
        return j[front][1] - (j[sides[0]][1] + j[sides[1]][1]) / 2

    moved_in = depth(lay.start) - depth(lay.end)
    assert moved_in > 0.03
    assert depth(lay.end) > body.TORSO_RINGS[navel][2] * 0.4


def test_drawing_in_keeps_the_spine_and_pelvis_still(exercises):
    """The drawing-in is not a pelvic tilt: only the belly wall moves; the back stays in its
    neutral curve on the floor and the hips do not tilt."""
    start, end = both_poses(exercises, "drawing-in-maneuver")
    for name in start.skeleton.spine + ("pelvis", "right_hip", "left_hip", "chest", "head"):
        assert end.points[name] == pytest.approx(start.points[name], abs=1e-9), name


def test_drawing_in_arms_lie_by_the_sides_below_the_belly(exercises):
    """The near arm lies down by the side, below the belly wall it would otherwise hide: over
    the belly (hip to lower ribs) its stroke's top stays under the drawn-in belly's surface."""
    from publish.figures import body

    for placed in both_poses(exercises, "drawing-in-maneuver"):
        p = placed.points
        navel = max(body.BELLY_RINGS, key=body.BELLY_RINGS.get)
        samples = len(placed.skeleton.rings[0])
        belly = p[placed.skeleton.rings[navel][samples // 4]]
        elbow, wrist = p["right_elbow"], p["right_wrist"]
        assert wrist[1] + body.WIDTH["forearm"] / 2 < belly[1] - 0.04
        assert elbow[1] + body.WIDTH["upper_arm"] / 2 < belly[1] - 0.02


def test_drawing_in_shows_the_belly_enlarged_with_an_arrow_towards_the_spine(exercises):
    """The belly wall moves about 5 cm, a few pixels on a wall chart: a round close-up enlarges
    it, the dashed start contour well clear of the solid drawn-in one, and the one arrow, in
    the close-up, goes from the first to the second, towards the spine (not down from above
    the body, which reads as pressing the belly down)."""
    from publish.figures.scene import INSET_RADIUS, Shape, Stroke, layout, scene

    figure = exercises["drawing-in-maneuver"].figure
    items = scene(figure).items
    frame = next(i for i in items if isinstance(i, Stroke) and i.role == "floor" and len(i.points) > 60
                 and math.dist(i.points[0], i.points[36]) == pytest.approx(2 * INSET_RADIUS, rel=0.01))
    centre = tuple(sum(c) / len(frame.points[:-1]) for c in zip(*frame.points[:-1]))
    inside = lambda p: math.dist(p, centre) < INSET_RADIUS  # noqa: E731
    (shaft,) = [i for i in items if isinstance(i, Stroke) and i.role == "arrow"]
    assert all(inside(p) for p in shaft.points)
    # The close-up sits above the body, clear of it.
    lay = layout(figure)
    assert centre[1] - INSET_RADIUS > max(y for _, y in lay.end.outline() if abs(_ - centre[0]) < INSET_RADIUS)
    # Towards the spine: the arrow's direction is the belly's inward normal at the navel.
    (x0, y0), (x1, y1) = shaft.points[0], shaft.points[-1]
    spine, belly = lay.end.points["spine3"], lay.end.points["belly3"]
    inward = unit((spine[0] - belly[0], spine[1] - belly[1]))
    assert dot(unit((x1 - x0, y1 - y0)), inward) > 0.95
    # Under the arrow: dashed start contour above, solid body below, a clear gap between.
    x = x0
    dashes = [y for i in items if i.role == "start" and isinstance(i, Stroke) for px, y in i.points
              if inside((px, y)) and abs(px - x) < 0.05]
    solid = [y for i in items if i.role in ("ink", "accent") and isinstance(i, Shape) for px, y in i.points
             if inside((px, y)) and abs(px - x) < 0.05]
    assert dashes and solid
    assert max(dashes) - max(solid) > 0.06  # the outer contours: the start belly, the drawn-in one


def test_partial_curl_arms_rise_with_the_shoulders(exercises):
    """The folded arms ride on the chest as it curls up: every point of each arm is higher at
    the end than at the start, so the dashed start arm is never drawn above the solid one."""
    start, end = both_poses(exercises, "partial-curls")
    for side in ("left", "right"):
        for joint in ("shoulder", "elbow", "wrist", "fingers"):
            name = f"{side}_{joint}"
            assert end.points[name][1] >= start.points[name][1], name


def test_partial_curl_forearms_lie_on_the_chest(exercises):
    """Crossed over the chest, not held up in the air: each wrist lies on the chest (or on the
    other forearm, crossed under it: no more than a forearm's thickness above the front of the
    chest) and each elbow rests against it, no more than an upper arm's thickness above it."""
    from publish.figures import body

    for placed in both_poses(exercises, "partial-curls"):
        p = placed.points
        samples = len(placed.skeleton.rings[0])
        chest_front = max(p[placed.skeleton.rings[i][samples // 4]][1] for i in range(4, 8))
        for side in ("left", "right"):
            assert p[f"{side}_wrist"][1] < chest_front + body.WIDTH["forearm"]
            assert p[f"{side}_elbow"][1] < chest_front + body.WIDTH["upper_arm"]


def test_partial_curl_arrow_curves_from_the_shoulders_towards_the_knees(exercises):
    """The curl's one arrow is a short arc over the chest, starting above the shoulders, that
    bends towards the knees ("shoulders up and forward, a little"), small as the lift is:
    behind the head and pointing straight up, it read as "sit all the way up" or "pull on the
    head"; starting at the face, as "lift your head" (a curl led by the chin)."""
    from publish.figures.scene import ARROW_WIDTH, SMALL_ARROW, Stroke, layout, scene

    figure = exercises["partial-curls"].figure
    lay = layout(figure)
    end = {n: (x + lay.shift[0], y + lay.shift[1]) for n, (x, y) in lay.end.points.items()}
    (shaft,) = [i for i in scene(figure).items if isinstance(i, Stroke) and i.role == "arrow"]
    assert shaft.width == pytest.approx(ARROW_WIDTH * SMALL_ARROW)
    knees = 1.0 if end["right_knee"][0] > end["head"][0] else -1.0
    (x0, y0), (x1, y1) = shaft.points[0], shaft.points[-1]
    # Starts over the shoulders (not over the face, nor behind the head), and ends further
    # towards the knees.
    assert abs(x0 - end["chest"][0]) < 0.03
    assert knees * (x0 - end["nose1"][0]) > 0
    assert knees * (x1 - x0) > 0.08
    # An arc bending over: it rises at first and goes level (or down) towards its end.
    (ax, ay), (bx, by) = shaft.points[0], shaft.points[1]
    (cx, cy), (dx, dy) = shaft.points[-2], shaft.points[-1]
    assert math.degrees(math.atan2(by - ay, knees * (bx - ax))) > 25
    assert math.degrees(math.atan2(dy - cy, knees * (dx - cx))) < 25
    # Clear of the body, above it.
    outline = lay.end.outline()
    assert min(y for _, y in shaft.points) > max(y for x, y in outline if abs(x - lay.shift[0] - x0) < 0.02)


def test_a_thigh_grows_out_of_the_pelvis_without_a_seam(exercises):
    """Solid or dashed, the thigh joins the pelvis as one body: no paper edge rings the top of
    a solid thigh inside the trunk (the bridge's read as a second elbow on the belly), and no
    dash of a start leg's outline lies inside the start's trunk (the bridge's start thigh ended
    in a stray hook there)."""
    from publish.figures import body
    from publish.figures.placement import _hull
    from publish.figures.scene import HALO, OUTLINE, Stroke, _covers, _segment_distance, _shifted, layout, scene, Shape

    def sections(placed):
        rings = placed.skeleton.rings
        if BASES[placed.base].support == "chair":
            rings = rings[1:]  # sitting, the buttocks' lowest section is not drawn
        return [Shape(tuple(_hull([placed.points[n] for n in a + b])), "ink") for a, b in zip(rings, rings[1:])]

    for ident, exercise in exercises.items():
        lay = layout(exercise.figure)
        if lay.side_by_side:
            continue
        items = scene(exercise.figure).items
        end = _shifted(lay.end, lay.shift)
        trunk = sections(end)
        for item in items:
            if isinstance(item, Stroke) and item.role == "paper" and item.width == pytest.approx(body.WIDTH["thigh"] + 2 * HALO):
                assert not any(_covers(t, item.points[0]) for t in trunk), (ident, "thigh edge inside the trunk")
        start_trunk = sections(lay.start)
        for side in ("left", "right"):
            hip, knee = lay.start.points[f"{side}_hip"], lay.start.points[f"{side}_knee"]
            if math.dist(knee, end.points[f"{side}_knee"]) < 0.02:
                continue  # a still leg's start is not drawn: dashes over it belong to other parts
            for item in items:
                if not (isinstance(item, Stroke) and item.role == "start" and item.width == OUTLINE):
                    continue
                for p in item.points:
                    on_thigh = _segment_distance(p, hip, knee) < body.WIDTH["thigh"] / 2 + OUTLINE
                    deep = [t for t in start_trunk if _covers(t, p)]
                    assert not (on_thigh and deep and _segment_distance(p, hip, knee) < body.WIDTH["thigh"] / 2 - OUTLINE
                                ), (ident, side, p)


def test_bridge_start_seat_shows_across_the_arm(exercises):
    """Where the bridge starts, the seat on the floor: the near arm lies in front of it, so
    its dashed outline is drawn across the arm (on a paper edge), from the thigh down towards
    the floor; not along the floor itself, where the floor line already is."""
    from publish.figures import body
    from publish.figures.scene import ON_FLOOR, OUTLINE, Stroke, _segment_distance, _shifted, layout, scene

    figure = exercises["bridges"].figure
    lay = layout(figure)
    end = _shifted(lay.end, lay.shift)
    items = scene(figure).items
    arm = [(end.points[a], end.points[b], w) for a, b, w in (
        ("right_shoulder", "right_elbow", body.WIDTH["upper_arm"]), ("right_elbow", "right_wrist", body.WIDTH["forearm"]),
        ("right_wrist", "right_fingers", body.WIDTH["hand"]))]
    last_arm = max(k for k, i in enumerate(items) if isinstance(i, Stroke) and i.role == "ink"
                   and i.width == body.WIDTH["forearm"])
    over = [p for i in items[last_arm:] if isinstance(i, Stroke) and i.role == "start" and i.width == OUTLINE
            for p in i.points if any(_segment_distance(p, a, b) < w / 2 for a, b, w in arm)]
    assert over, "no start dash across the arm"
    assert min(y for _, y in over) > ON_FLOOR
    assert max(y for _, y in over) - min(y for _, y in over) > 0.02  # a line crossing it, not a dot


def test_no_start_dash_lies_along_the_floor(exercises):
    """A body lying on the floor starts there: the floor line says so. Its start outline dashed
    along the floor read as a shadow (the curl's back); the dashes stop where the outline
    meets the floor."""
    from publish.figures.scene import ON_FLOOR, OUTLINE, Stroke, scene

    for ident, exercise in exercises.items():
        for item in scene(exercise.figure).items:
            if isinstance(item, Stroke) and item.role == "start" and item.width == OUTLINE:
                assert not all(y < ON_FLOOR for _, y in item.points), (ident, item.points[:2])


def test_an_arms_own_start_is_not_drawn_over_it(exercises):
    """Where an arm started, hidden behind where it ends, stays hidden: drawn over the solid
    arm, the curl's start forearm crossed its folded arms as a dashed scribble."""
    from publish.figures import body
    from publish.figures.scene import OUTLINE, Stroke, _segment_distance, _shifted, layout, scene

    for ident in ("partial-curls", "bridges", "drawing-in-maneuver"):
        figure = exercises[ident].figure
        lay = layout(figure)
        end = _shifted(lay.end, lay.shift)
        items = scene(figure).items
        last_arm = max(k for k, i in enumerate(items) if isinstance(i, Stroke) and i.role == "ink"
                       and i.width == body.WIDTH["forearm"])
        for side in ("left", "right"):
            a, b = (end.points[f"{side}_{j}"] for j in ("elbow", "wrist"))
            s0, s1 = (lay.start.points[f"{side}_{j}"] for j in ("elbow", "wrist"))
            edge = body.WIDTH["forearm"] / 2 + OUTLINE / 2
            for item in items[last_arm:]:
                if isinstance(item, Stroke) and item.role == "start" and item.width == OUTLINE:
                    over = [p for p in item.points if _segment_distance(p, a, b) < body.WIDTH["forearm"] / 2]
                    # A dash over the solid forearm that runs along the start forearm's edge is
                    # the arm's own outline (a line of the trunk crossing the arm cuts across it).
                    along = [p for p in over if abs(_segment_distance(p, s0, s1) - edge) < OUTLINE]
                    assert not (len(over) >= 3 and len(along) == len(over)), (ident, side)


def test_no_near_limb_hides_the_working_muscles(exercises):
    """The orange says which muscles work: a limb drawn over it must leave most of it in view
    (the curl's arm lying along the belly once hid four fifths of it; crossed on the chest, the
    elbows stand at the lower ribs). Of each highlighted region of a side view, sampled on a
    grid, at most a quarter lies under a near limb's stroke (with its paper edge)."""
    from publish.figures.kinematics import _bones
    from publish.figures.scene import HALO, Shape, _far_side, _limb, _region, _segment_distance, _shifted, layout

    def inside(polygon, p):
        crossings = False
        for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1]):
            if (y1 > p[1]) != (y2 > p[1]) and p[0] < x1 + (p[1] - y1) * (x2 - x1) / (y2 - y1):
                crossings = not crossings
        return crossings

    checked = 0
    for ident, exercise in exercises.items():
        figure = exercise.figure
        lay = layout(figure)
        if figure.view != "side" or lay.side_by_side:
            continue
        end = _shifted(lay.end, lay.shift)
        near = [b for b in _bones() if b.side and not _far_side(end, b.side, _limb(b.name))]
        for region in figure.highlight:
            shapes = [s for s in _region(end, region, None) if isinstance(s, Shape)]
            grid = []
            for shape in shapes:
                xs, ys = [x for x, _ in shape.points], [y for _, y in shape.points]
                grid += [p for i in range(30) for k in range(30)
                         if inside(shape.points, p := (min(xs) + (max(xs) - min(xs)) * i / 29,
                                                       min(ys) + (max(ys) - min(ys)) * k / 29))]
            if not grid:
                continue
            hidden = sum(any(_segment_distance(p, end.points[a], end.points[b]) < bone.width / 2 + HALO
                             for bone in near for a, b in zip(bone.joints, bone.joints[1:])) for p in grid)
            assert hidden / len(grid) <= 0.25, (ident, region, hidden / len(grid))
            checked += 1
    assert checked >= 3


def test_partial_curl_lifts_head_and_shoulders_as_one_block(exercises):
    """The face turns from the ceiling 25-45 degrees, towards the knees: head and shoulders
    come up together, the neck in line with the spine, as the steps say ("without pulling up
    with your neck"). With the shoulder blades clearly off the floor the upper chest turns
    about 20-30 degrees; a gentle tuck adds at most 12 (a physiotherapist's "as if holding an
    egg under the chin"). More is chin to chest: the neck flexing on its own, the strain the
    curl must avoid (an old 25-50 degree band let the face turn 40 with the chest barely
    tilted; the neck-in-line rule below now guards that). Under 25 the face looked at the
    ceiling, the chin poking. The face's direction is the head's front: from the skull's
    centre to the nose's bridge."""
    start, end = both_poses(exercises, "partial-curls")

    def face_from_ceiling(placed):
        j = placed.skeleton.joints
        face = sub(j["nose0"], j["head"])
        knees = 1.0 if j["right_knee"][0] > j["head"][0] else -1.0
        return math.degrees(math.atan2(knees * face[0], face[1]))

    def angle3(u, v):
        return math.degrees(math.acos(dot(unit(u), unit(v))))

    assert abs(face_from_ceiling(start)) < 5  # lying flat, looking at the ceiling
    assert 25 <= face_from_ceiling(end) <= 45
    j = end.skeleton.joints
    upper_back = sub(j["chest"], j[end.skeleton.spine[-2]])
    assert 20 <= math.degrees(math.atan2(upper_back[1], abs(upper_back[0]))) <= 30  # the chest turned up
    assert angle3(sub(j["neck_top"], j["chest"]), upper_back) <= 12  # the neck in line with the chest


def test_a_start_head_is_drawn_only_where_it_shows_as_a_head(exercises):
    """A dashed start head that the end's head largely covers leaves a crescent that reads as
    a ball or pillow under the head, or a tangle at the face: where the two heads overlap by a
    quarter or more, the start head is left out (its arrow shows the way it came). One the
    end's head only touches is drawn, so the reader sees where the head starts (the curl's,
    on the floor under the lifted head)."""
    from publish.figures import body
    from publish.figures.scene import HALO, HEAD_HIDDEN, OUTLINE, Stroke, layout, scene

    drawn = set()
    for ident, exercise in exercises.items():
        lay = layout(exercise.figure)
        if lay.side_by_side:
            continue
        (sx, sy), (ex, ey) = lay.start.points["head"], lay.end.points["head"]
        apart = math.dist((sx, sy), (ex + lay.shift[0], ey + lay.shift[1]))
        if apart < STILL_HEAD:
            continue  # the head does not move: nothing of its start is drawn
        ring = body.CRANIUM_RADIUS + OUTLINE / 2
        on_ring = [p for item in scene(exercise.figure).items if isinstance(item, Stroke) and item.role == "start"
                   for p in item.points if abs(math.dist(p, (sx, sy)) - ring) < 0.002]
        if apart < HEAD_HIDDEN * (body.CRANIUM_RADIUS + HALO):
            assert len(on_ring) < 3, ident  # a dash may follow the head's outline, not draw it
        else:
            assert len(on_ring) > 20, ident
            drawn.add(ident)
    assert "partial-curls" in drawn


#: A head that moves less than this between start and end is still (scene.STILL).
STILL_HEAD = 0.02


def test_bridge_shoulders_and_feet_stay_put(exercises):
    """Only the hips move in a bridge: drawn start and end, the feet are in the same places
    (within 1 cm) and the shoulders too, but for settling onto the shoulder blades (the joint
    drops under 2 cm as the upper back takes the weight), never sliding along the floor."""
    from publish.figures.scene import layout

    lay = layout(exercises["bridges"].figure)
    start = lay.start.points
    end = {n: (x + lay.shift[0], y + lay.shift[1]) for n, (x, y) in lay.end.points.items()}
    for side in ("left", "right"):
        for joint in ("heel", "toe", "ankle"):
            name = f"{side}_{joint}"
            assert math.dist(start[name], end[name]) < 0.006, name
        name = f"{side}_shoulder"
        assert abs(start[name][0] - end[name][0]) < 0.006 and math.dist(start[name], end[name]) < 0.012, name


def test_bridge_highlight_is_on_the_buttock_not_along_the_thigh(exercises):
    """A bridge for a sore back is driven by the buttock (gluteals): the orange lies on the
    seat behind the hip joint (the side away from the kneecap, towards the floor when the hips
    are up), reaching at most a short way onto the thigh. A band along the back of the thigh
    reads as the hamstrings doing the work, the fault to avoid (they cramp); one on its
    front, as the thigh's front muscles."""
    from publish.figures.scene import layout, scene

    figure = exercises["bridges"].figure
    lay = layout(figure)
    end = {n: (x + lay.shift[0], y + lay.shift[1]) for n, (x, y) in lay.end.points.items()}
    accents = [p for i in scene(figure).items if i.role == "accent" for p in i.points]
    assert accents
    (hx, hy), (kx, ky), (fx, fy) = end["right_hip"], end["right_knee"], end["right_kneecap"]
    thigh = math.dist((hx, hy), (kx, ky))
    along = unit((kx - hx, ky - hy))
    normal = (-along[1], along[0])
    front = 1.0 if dot(normal, (fx - kx, fy - ky)) > 0 else -1.0
    reach = [dot(along, (x - hx, y - hy)) / thigh for x, y in accents]
    for x, y in accents:
        assert front * dot(normal, (x - hx, y - hy)) < 0  # behind the thigh's line
    assert max(reach) < 0.3  # onto the top of the thigh at most, not down it
    assert min(reach) < -0.1  # and over the seat, on the pelvis's side of the hip joint
    # Round the seat: the band passes below the hip joint, within a thigh's width of it.
    assert min(math.dist((x, y), (hx, hy)) for x, y in accents) < 0.075


def test_a_turn_keeps_the_hips_knees_and_feet_still(exercises):
    """The seated turn: at the start the chest faces where the knees point, at the end it is
    turned more than 35 degrees; hips, knees and feet do not move."""
    from publish.figures.scene import _chest_facing, layout

    lay = layout(exercises["seated-rotational-stretch"].figure)
    j = lay.start.skeleton.joints
    knees = math.atan2(j["right_knee"][2] - j["right_hip"][2], j["right_knee"][0] - j["right_hip"][0])
    assert abs(_chest_facing(lay.start) - knees) < math.radians(5)  # facing where the knees point
    assert abs(_chest_facing(lay.end) - knees) > math.radians(35)  # turned
    for name in ("pelvis", "right_knee", "left_knee", "right_heel", "left_heel"):
        assert lay.end.skeleton.joints[name] == pytest.approx(j[name], abs=1e-9), name


def test_side_by_side_panels_are_joined_by_a_two_way_arrow(exercises):
    """Go from one panel to the other and back: a two-headed level arrow between them (the
    cat), above them (tests/test_figure_layout_rules.py)."""
    from publish.figures.scene import Shape, layout, scene

    for ident in ("cat-stretches",):
        figure = exercises[ident].figure
        lay = layout(figure)
        first = lay.start.points["pelvis"][0]
        second = lay.end.points["pelvis"][0] + lay.shift[0]

        def level(head):
            (tx, ty), (ax, ay), (bx, by) = head.points
            return abs(ax - bx) < 1e-9 and abs(ty - (ay + by) / 2) < 1e-9 and abs(ay - by) > 1e-3  # along x

        heads = [i for i in scene(figure).items if isinstance(i, Shape) and i.role == "arrow" and level(i)]
        assert len(heads) == 2, ident
        tips = sorted(i.points[0] for i in heads)
        assert first < tips[0][0] < tips[1][0] < second + 0.3, ident  # between the two bodies
        assert tips[0][1] == pytest.approx(tips[1][1])
        # Pointing apart: one each way.
        assert {math.copysign(1, i.points[0][0] - sum(x for x, _ in i.points[1:]) / 2) for i in heads} == {-1.0, 1.0}


def test_each_cat_panel_highlights_the_muscles_that_make_its_bend(exercises):
    """Rounding the back up is the belly muscles' work; letting it sag under control, the
    back's: the orange is on the belly in the first panel and on the back in the second."""
    from publish.figures.scene import layout, scene

    figure = exercises["cat-stretches"].figure
    lay = layout(figure)
    middle = (max(x for x, _ in lay.start.outline()) + min(x for x, _ in lay.end.outline()) + lay.shift[0]) / 2
    accents = [p for i in scene(figure).items if i.role == "accent" for p in i.points]
    first = [p for p in accents if p[0] < middle]
    second = [p for p in accents if p[0] > middle]
    assert first and second
    s, e = lay.start.points, {n: (x + lay.shift[0], y) for n, (x, y) in lay.end.points.items()}
    # Below the spine (the belly) in the first, above it (the back) in the second.
    assert max(y for _, y in first) < max(s[f"spine{i}"][1] for i in range(7))
    assert min(y for _, y in second) > min(e[f"spine{i}"][1] for i in range(7))


def mat_outline(geometry):
    """The closed outline of a floor seen from above (None for a floor line)."""
    from publish.figures.scene import MAT_EDGE, Stroke

    loops = [i for i in geometry.items if isinstance(i, Stroke) and i.role == "floor" and i.width == MAT_EDGE
             and len(i.points) > 3 and i.points[0] == i.points[-1]]
    assert len(loops) <= 1
    return loops[0] if loops else None


def test_supports_are_drawn_in_lines_only_never_in_a_tone(exercises):
    """Grey means a body part (the far side): a floor seen from above, a mat, a chair are
    outlines and hatching, never a filled tone (a light grey mat read as a bench, in the far
    limbs' grey, and the lying body seemed to sink into it). Every filled shape or disc of a
    figure is the body's (ink, far, accent and their paper edges), an arrow's head, a stripe,
    or paper."""
    from publish.figures.scene import HATCH, Disc, Shape, Stroke, scene
    from publish.figures.style import DEFAULT, grey

    assert not hasattr(DEFAULT, "mat")
    for ident, geometry in all_scenes(exercises).items():
        filled = {i.role for i in geometry.items if isinstance(i, (Shape, Disc))}
        assert filled <= {"ink", "far", "accent", "arrow", "paper", "start"}, (ident, filled)
    seen_from_above = [e for e in exercises.values() if mat_outline(scene(e.figure))]
    assert {e.id for e in seen_from_above} >= {"lying-lateral-leg-raises"}
    for exercise in seen_from_above:
        geometry = scene(exercise.figure)
        outline = mat_outline(geometry)
        # Its outline prints black, and its front edges are hatched: the hatching hangs from it.
        assert grey(DEFAULT.floor) < 128
        edges = list(zip(outline.points, outline.points[1:]))
        hatching = [i for i in geometry.items if isinstance(i, Stroke) and i.role == "floor" and i.width == HATCH[2]]
        assert len(hatching) >= 5, exercise.id
        for tick in hatching:
            assert min(segment_distance(tick.points[0], a, b) for a, b in edges) < 0.01, exercise.id


def segment_distance(p, a, b):
    from publish.figures.scene import _segment_distance

    return _segment_distance(p, a, b)


def test_superman_arrows_stand_over_the_hands_and_feet_not_beyond_them(exercises):
    """A small lift at the end of a long body: each arrow stands straight up over the lifted
    hands or feet, inside the body's length, so the picture is no wider than the body and the
    lift is drawn as large as the page allows (beyond the tips they made it 10 % wider)."""
    from publish.figures.scene import Stroke, layout, scene

    figure = exercises["superman"].figure
    lay = layout(figure)
    geometry = scene(figure)
    outline = lay.start.outline() + [(x + lay.shift[0], y) for x, y in lay.end.outline()]
    left, right = min(x for x, _ in outline), max(x for x, _ in outline)
    shafts = [i for i in geometry.items if isinstance(i, Stroke) and i.role == "arrow"]
    assert len(shafts) == 2
    for shaft in shafts:
        (x0, y0), (x1, y1) = shaft.points[0], shaft.points[-1]
        assert left < x0 < right and x0 == pytest.approx(x1) and y1 > y0  # straight up, over the body
    # Nothing but the floor reaches past the body's ends (its strokes' halos and outlines aside).
    xs = [x for i in geometry.items if i.role != "floor" and hasattr(i, "points") for x, _ in i.points]
    assert left - 0.06 <= min(xs) and max(xs) <= right + 0.06


def test_superman_arrows_are_no_longer_than_the_lift(exercises):
    """A small, controlled lift: each arrow, head included, is no longer than the hands or feet
    under it rise (a big arrow says "as high as you can", into the back's full arch)."""
    from publish.figures.scene import ARROW_HEAD, SMALL_ARROW, Stroke, layout, scene

    figure = exercises["superman"].figure
    lay = layout(figure)
    start = lay.start.points
    end = {n: (x + lay.shift[0], y) for n, (x, y) in lay.end.points.items()}
    shafts = [i for i in scene(figure).items if isinstance(i, Stroke) and i.role == "arrow"]
    for shaft in shafts:
        x = shaft.points[0][0]
        name = min(("right_fingers", "right_toe"), key=lambda n: abs(end[n][0] - x))
        rise = end[name][1] - start[name][1]
        length = shaft.points[-1][1] - shaft.points[0][1] + ARROW_HEAD[0] * SMALL_ARROW
        assert length <= 1.05 * rise, name


def test_face_down_the_back_is_drawn_gently_curved(exercises):
    """In every face-down pose the top of the back dips under 2 cm (0.015 of stature) below the
    line from the buttocks to the shoulder blades: a deep scoop invites arching as far as you
    can (the end of the superman dipped 0.033)."""
    for ident, placed in every_pose(exercises):
        if placed.base != "prone":
            continue
        tops = [max((placed.points[n] for n in ring), key=lambda p: p[1]) for ring in placed.skeleton.rings[:8]]
        a, b = max(tops[:2], key=lambda p: p[1]), max(tops[5:8], key=lambda p: p[1])
        dips = [a[1] + (b[1] - a[1]) * (p[0] - a[0]) / (b[0] - a[0]) - p[1] for p in tops[2:5]]
        assert max(dips) < 0.02, ident


def test_the_head_shows_whole_in_profile_over_far_limbs_and_overhead_arms(exercises):
    """Seen from the side, a near limb crossing the head is drawn over it, but for an arm
    reaching overhead past the head (the superman's), which passes behind it, as the far limbs
    do: drawn over the face-down head, the near arm hid all of it but a sliver of face, and a
    reader could not tell lying face down from face up. So in every side view nothing of a
    limb drawn after the head covers the middle of the skull or the tip of the nose."""
    from publish.figures import body
    from publish.figures.scene import Disc, Shape, Stroke, _covers, layout, scene

    for ident, exercise in exercises.items():
        figure = exercise.figure
        if figure.view != "side":
            continue
        lay = layout(figure)
        end = {n: (x + lay.shift[0], y + lay.shift[1]) for n, (x, y) in lay.end.points.items()}
        chest, head = end["chest"], end["head"]
        along = ((head[0] - chest[0]) / math.dist(chest, head), (head[1] - chest[1]) / math.dist(chest, head))

        def past_the_head(point):
            reach = (point[0] - chest[0]) * along[0] + (point[1] - chest[1]) * along[1]
            return reach > math.dist(chest, head) + body.CRANIUM_RADIUS

        arm = ("shoulder", "elbow", "wrist", "fingers")
        overhead = [end[f"{side}_{j}"] for side in ("left", "right") if past_the_head(end[f"{side}_fingers"])
                    for j in arm]

        def of_an_overhead_arm(stroke):
            return any(math.dist(p, q) < 1e-9 for p in stroke.points for q in overhead)

        items = scene(figure).items
        centres = [lay.start.points["head"], head] if lay.side_by_side else [head]
        chests = [lay.start.points["chest"], chest]
        heads = [i for i, item in enumerate(items) if isinstance(item, Shape) and item.role == "ink"
                 and len(item.points) == len(body.PROFILE)]
        assert len(heads) == len(centres), ident
        for h in heads:
            centre = min(centres, key=lambda c: min(math.dist(c, p) for p in items[h].points))
            disc = Disc(centre, body.CRANIUM_RADIUS, "ink")
            tip = max(items[h].points, key=lambda p: math.dist(p, centre))  # the nose's
            for i, item in enumerate(items):
                if not (isinstance(item, Stroke) and item.role in ("ink", "far") and item.width < body.WIDTH["trunk"]):
                    continue
                if any(math.dist(item.points[0], c) < 1e-9 for c in chests):
                    continue  # the neck, which runs from the chest into the head: not a limb
                if not any(_covers(disc, p) for p in item.points) and not _covers(item, disc.centre):
                    continue
                behind = item.role == "far" or of_an_overhead_arm(item)
                assert (i < h) == behind, (ident, item.role, item.points[:2])
            later = [item for item in items[h + 1:] if isinstance(item, Stroke) and item.width > 0.03]
            for point in (disc.centre, tip):
                assert not any(_covers(item, point) for item in later), (ident, point)


def test_a_back_rounded_on_hands_and_knees_peaks_at_the_low_back(exercises):
    """Rounding the back on hands and knees (the cat) is the pelvis tucking and the lower back
    rising: the rounding's apex, the top of the back furthest above the line from the buttocks
    to the shoulders, lies at the lower back (no higher than half the trunk), not behind the
    shoulder blades (an upper-back hunch is what a patient would copy)."""
    from publish.figures import body

    for ident, pose, view in frames(exercises):
        if pose.base != "hands-and-knees" or pose.angle("trunk") <= 0:
            continue
        placed = place(pose, view)
        rings = placed.skeleton.rings
        tops = [max((placed.points[n] for n in ring), key=lambda p: p[1]) for ring in rings[1:8]]
        a, b = tops[0], tops[-1]
        normal = unit((a[1] - b[1], b[0] - a[0]))
        if normal[1] < 0:
            normal = (-normal[0], -normal[1])
        bulge = [dot(normal, sub(p, a)) for p in tops]
        apex = max(range(len(tops)), key=bulge.__getitem__) + 1
        assert body.TORSO_RINGS[apex][0] <= 0.5, (ident, apex)
        assert max(bulge) > 0.015, ident  # and it is rounded, not flat

