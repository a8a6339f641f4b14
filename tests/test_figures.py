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


def test_segment_lengths_are_equal_in_start_and_end_frames(exercises):
    for _, exercise in exercises.items():
        figure = exercise.figure
        skeletons = [place(pose, figure.view).skeleton for pose in (figure.start, figure.end)]
        for bone in skeletons[0].bones:
            if bone.filled:
                continue  # the torso's outline seen from the front: it twists with the shoulders
            for a, b in zip(bone.joints, bone.joints[1:]):
                lengths = [math.dist(s.joints[a], s.joints[b]) for s in skeletons]
                assert lengths[0] == pytest.approx(lengths[1], abs=1e-9), (exercise.id, a, b)


def test_no_joint_and_no_outline_is_below_the_floor(exercises):
    for ident, pose, view in frames(exercises):
        placed = place(pose, view)
        assert min(y for _, y in placed.points.values()) >= 0, ident
        assert lowest(placed) >= -1e-9, ident


def test_the_figure_touches_the_floor(exercises):
    for ident, pose, view in frames(exercises):
        assert lowest(place(pose, view)) == pytest.approx(0.0, abs=1e-9), ident


@pytest.mark.parametrize("base", sorted(BASES))
def test_every_base_pose_rests_on_the_floor_in_both_views(base):
    for view in ("side", "front"):
        assert lowest(place(Pose(base), view)) == pytest.approx(0.0, abs=1e-9)


def test_bridge_end_pose_puts_the_hip_on_the_line_from_knee_to_shoulder(exercises):
    end = place(exercises["bridges"].figure.end, "side").points
    assert angle_at(end["right_hip"], end["right_knee"], end["right_shoulder"]) == pytest.approx(180, abs=5)


def test_bridge_lifts_the_hips_and_keeps_shoulders_and_feet_down(exercises):
    start, end = (place(p, "side").points for p in (exercises["bridges"].figure.start, exercises["bridges"].figure.end))
    assert end["pelvis"][1] > start["pelvis"][1] + 0.08
    assert end["chest"][1] == pytest.approx(start["chest"][1], abs=0.015)
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


def test_partial_curl_is_a_small_lift_with_the_neck_in_line(exercises):
    figure = exercises["partial-curls"].figure
    start, end = both_poses(exercises, "partial-curls")
    head_lift = end.points["head"][1] - start.points["head"][1]
    assert 0.05 < head_lift < 0.065  # about 2 in: the head's underside a few centimetres up
    assert end.points["chest"][1] - start.points["chest"][1] < 0.035
    assert figure.end.angle("neck") == 0  # the neck continues the line of the upper trunk


def test_superman_lifts_hands_and_feet_by_similar_modest_heights(exercises):
    start, end = (placed.points for placed in both_poses(exercises, "superman"))
    hands = min(end[f"{s}_fingers"][1] for s in ("left", "right")) - start["right_fingers"][1]
    feet = min(end[f"{s}_{j}"][1] for s in ("left", "right") for j in ("toe", "heel", "ankle")) - min(
        start[f"{s}_toe"][1] for s in ("left", "right")
    )
    assert 0.05 < hands < 0.12 and 0.05 < feet < 0.12  # about 6 in (15 cm)
    assert max(hands, feet) / min(hands, feet) < 1.5


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
