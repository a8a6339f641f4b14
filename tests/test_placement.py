"""Specifications of how a posed body is put on the floor, where placement takes short cuts.

The short cuts (the outline's lowest point without drawing it, the settling hull from fewer
points, the trunk shared between poses, the kneeling solver's last trial reused) must give the
very numbers the plain computation gives: the figures' bytes depend on them.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from publish.figures import placement
from publish.figures.kinematics import Skeleton, pose_skeleton
from publish.figures.placement import (
    _centre_of_mass,
    _feet_along_floor,
    _hull,
    _hull_outline,
    _lay_flat,
    _lowest,
    _outline,
    _settling_turn,
    place,
)
from publish.figures.poses import BASES
from publish.load import load_book
from publish.model import Pose

DATA = Path(__file__).resolve().parent.parent / "data" / "lower-back-pain.yaml"
VIEWS = ("side", "front", "three-quarter")


def bundled_poses():
    """Every pose of the bundled figures, and every base pose, with their views."""
    poses = []
    for exercise in load_book(DATA).exercises:
        figure = exercise.figure
        poses += [(figure.start, figure.view), (figure.end, figure.view)]
    poses += [(Pose(base), view) for base in sorted(BASES) for view in VIEWS]
    return poses


# --- the plain computation: every step a new dict of (x, y, z) per joint ---------------------


def _rotate(joints, angle):
    c, s = math.cos(angle), math.sin(angle)
    return {n: (x * c - y * s, x * s + y * c, z) for n, (x, y, z) in joints.items()}


def _feet_given_way(joints, kneeling):
    if not kneeling:
        return joints
    return {**joints, **{f"{s}_{j}": joints[f"{s}_ankle"] for s in ("left", "right") for j in ("heel", "toe")}}


def _lift(joints, skeleton, kneeling=False):
    low = min(y for _, y in _outline(_feet_given_way(joints, kneeling), skeleton))
    return {n: (x, y - low, z) for n, (x, y, z) in joints.items()}


def plain_settled(pose: Pose, view: str) -> Skeleton:
    skeleton = pose_skeleton(pose, "front" if view == "front" else "side")
    base = BASES[pose.base]
    kneeling = "shins" in base.flat
    joints = skeleton.joints
    if base.support == "floor":
        (x0, y0, _), (x1, y1, _) = joints["spine0"], joints["spine1"]
        if math.hypot(x1 - x0, y1 - y0) >= 1e-6 and math.hypot(base.up[0], base.up[1]) >= 1e-6:
            joints = _rotate(joints, math.atan2(base.up[1], base.up[0]) - math.atan2(y1 - y0, x1 - x0))
        hull = _hull(_outline(_feet_given_way(joints, kneeling), skeleton))
        turn = _settling_turn(hull, _centre_of_mass(joints, skeleton))
        if turn is not None:
            joints = _rotate(joints, turn)
    joints = _lift(joints, skeleton, kneeling)
    joints = _lay_flat(joints, base.flat)
    joints = _lift(joints, skeleton, kneeling)
    if kneeling:
        joints = _feet_along_floor(joints)
    joints = _lift(joints, skeleton)
    return Skeleton(joints, skeleton.bones, skeleton.head, skeleton.spine)


def test_settling_gives_the_plain_computations_numbers():
    """Settling works on lists of floats and short cuts its hull; the joints come out as the
    plain step-by-step computation makes them, to the last bit."""
    for pose, view in bundled_poses():
        if "shins" in BASES[pose.base].flat:
            pose, _ = placement._kneel(pose)
        assert placement._settled(pose, view).joints == plain_settled(pose, view).joints


def turned(pose: Pose, view: str):
    """A pose's skeleton turned to several angles in the picture plane: outlines of many shapes."""
    skeleton = pose_skeleton(pose, "front" if view == "front" else "side")
    for angle in (0.0, 0.4, 1.3, 2.9, -1.7):
        yield skeleton, _rotate(skeleton.joints, angle)


def test_the_lowest_point_is_the_lowest_point_of_the_drawn_outline():
    for pose, view in bundled_poses():
        for skeleton, joints in turned(pose, view):
            assert _lowest(joints, skeleton) == min(y for _, y in _outline(joints, skeleton))


def test_the_settling_hull_is_the_hull_of_the_whole_outline():
    for pose, view in bundled_poses():
        for skeleton, joints in turned(pose, view):
            assert _hull_outline(joints, skeleton) == _hull(_outline(joints, skeleton))


def test_the_hull_is_convex_counter_clockwise_and_holds_every_point():
    pose, view = bundled_poses()[0]
    skeleton = pose_skeleton(pose, view)
    points = _outline(skeleton.joints, skeleton)
    hull = _hull(points)
    for a, b, c in zip(hull, hull[1:] + hull[:1], hull[2:] + hull[:2]):
        assert (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) > 0
    for a, b in zip(hull, hull[1:] + hull[:1]):
        assert all((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= -1e-12 for p in points)


def test_poses_sharing_a_trunk_get_their_own_joints():
    """The trunk is computed once for poses that differ only in their limbs; changing one
    pose's joints must not change another's."""
    a = pose_skeleton(Pose("supine-hook-lying", (("hip", 60.0),)))
    b = pose_skeleton(Pose("supine-hook-lying", (("hip", 20.0),)))
    assert a.joints is not b.joints
    assert a.joints["chest"] == b.joints["chest"] and a.joints["right_knee"] != b.joints["right_knee"]
    a.joints["chest"] = (9.0, 9.0, 9.0)
    assert pose_skeleton(Pose("supine-hook-lying")).joints["chest"] == b.joints["chest"]


KNEELING = [(p, v) for p, v in bundled_poses() if "shins" in BASES[p.base].flat]


def test_there_are_kneeling_poses_to_check():
    assert len(KNEELING) >= 3


@pytest.mark.parametrize("index", range(len(KNEELING)))
def test_kneeling_shins_lie_along_the_floor_and_arms_and_thighs_stand_upright(index):
    pose, view = KNEELING[index]
    solved, _ = placement._kneel(pose)
    j = place(pose, "side").skeleton.joints
    knee, ankle, hip = j["right_knee"], j["right_ankle"], j["right_hip"]
    shoulder, wrist = j["right_shoulder"], j["right_wrist"]
    if pose.angle("knee", None) is None:
        assert math.degrees(math.atan2(knee[1] - ankle[1], abs(knee[0] - ankle[0]))) == pytest.approx(0.0, abs=0.1)
    if pose.angle("shoulder", None) is None:
        assert math.degrees(math.atan2(wrist[0] - shoulder[0], shoulder[1] - wrist[1])) == pytest.approx(0.0, abs=0.1)
    if pose.angle("hip", None) is None:
        assert math.degrees(math.atan2(hip[0] - knee[0], hip[1] - knee[1])) == pytest.approx(0.0, abs=0.1)
    # The knees carry the body: they touch the floor (their stroke's underside at y = 0).
    assert knee[1] - 0.0375 == pytest.approx(0.0, abs=0.01)


@pytest.mark.parametrize("view", VIEWS)
def test_a_kneeling_pose_is_placed_as_its_solved_pose_is(view):
    """The solver's last trial is reused as the placed body; it is the body the solved pose gives."""
    pose = Pose("hands-and-knees", (("trunk", 20.0),))
    solved, _ = placement._kneel(pose)
    assert place(pose, view) == placement._place(solved, view)


def test_a_settling_body_measures_its_outline_as_the_functions_do_from_a_dict():
    """_Body reads the outline's points from its lists (feet given way when kneeling): the
    lowest point, the settling hull and the centre of mass are the dict functions' floats."""
    for pose, view in bundled_poses():
        skeleton = pose_skeleton(pose, "front" if view == "front" else "side")
        body = placement._Body.of(skeleton)
        for angle in (0.0, 0.4, 1.3, 2.9, -1.7):
            body.turn(angle)
            for kneeling in (False, True):
                shape = body.shape(kneeling)
                assert body.lowest(kneeling) == _lowest(shape, skeleton)
                assert body.hull_outline(kneeling) == _hull_outline(shape, skeleton)
            assert body.centre_of_mass() == _centre_of_mass(body.shape(), skeleton)


def _mix(a, b, ca, cb):
    return (a[0] * ca + b[0] * cb, a[1] * ca + b[1] * cb, a[2] * ca + b[2] * cb)


def plain_turn(frame, axis, degrees):
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    r, u, f = frame
    if axis == "r":
        return (r, _mix(u, f, c, s), _mix(f, u, c, -s))
    if axis == "f":
        return (_mix(r, u, c, -s), _mix(u, r, c, s), f)
    return (_mix(r, f, c, s), u, _mix(f, r, c, -s))


def plain_torso(joints, nodes, pelvis, chest, belly_in):
    from publish.figures import body
    from publish.figures.kinematics import RING_SAMPLES, SPINE_SEGMENTS, add

    for j, (t, half_width, front, back) in enumerate(body.TORSO_RINGS):
        if t < 0:
            centre, frame = add(nodes[0][0], pelvis.u, t * body.TRUNK), pelvis
        elif t > 1:
            centre, frame = add(nodes[-1][0], chest.u, (t - 1) * body.TRUNK), chest
        else:
            centre, frame = nodes[round(t * SPINE_SEGMENTS)]
        front -= body.BELLY_IN * body.BELLY_RINGS.get(j, 0.0) * belly_in / 100
        for k in range(RING_SAMPLES):
            a = 2 * math.pi * k / RING_SAMPLES
            depth = front if math.sin(a) >= 0 else back
            joints[f"ring{j}_{k}"] = add(add(centre, frame.r, half_width * math.cos(a)), frame.f, depth * math.sin(a))


def test_frames_turn_and_the_torso_is_ringed_as_the_plain_arithmetic_does():
    """Frame.turn and _torso write their sums out: the same floats as _mix and add."""
    import random

    from publish.figures.kinematics import SPINE_SEGMENTS, Frame, _torso

    rng = random.Random(9)

    def vec():
        return (rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1))

    for _ in range(300):
        frame = Frame(vec(), vec(), vec())
        for axis in ("r", "f", "u"):
            degrees = rng.choice((0.0, 90.0, -37.5, rng.uniform(-180, 180)))
            assert tuple(frame.turn(axis, degrees)) == plain_turn(frame, axis, degrees)
    for _ in range(20):
        nodes = [(vec(), Frame(vec(), vec(), vec())) for _ in range(SPINE_SEGMENTS + 1)]
        pelvis, chest, belly_in = Frame(vec(), vec(), vec()), Frame(vec(), vec(), vec()), rng.uniform(0, 100)
        ours, plain = {}, {}
        _torso(ours, nodes, pelvis, chest, belly_in)
        plain_torso(plain, nodes, pelvis, chest, belly_in)
        assert list(ours.items()) == list(plain.items())


def test_a_skeletons_limb_joints_come_in_the_order_they_always_came():
    """The settling works through the joints in the skeleton's order (its lists, the hull's
    discs): each side's limb joints follow the trunk in the order they were first named."""
    order = ("shoulder", "elbow", "wrist", "fingers", "hip", "knee", "ankle", "heel", "toe", "elbow_front", "kneecap")
    for pose, view in bundled_poses():
        names = list(pose_skeleton(pose, "front" if view == "front" else "side").joints)
        limbs = [n for n in names if n.startswith(("left_", "right_")) and not n.endswith("_eye")]
        assert limbs == [f"{side}_{k}" for side in ("left", "right") for k in order]
        assert names[-len(limbs):] == limbs


def test_the_kneeling_solver_settles_its_last_trial_as_settling_that_pose_does():
    """The trials are read from the settled body, the last one made a skeleton: the pose and
    skeleton _kneel returns are those _settled gives for that pose."""
    kneeling = [(pose, view) for pose, view in bundled_poses() if "shins" in BASES[pose.base].flat]
    assert kneeling
    for pose, _ in kneeling:
        solved, settled = placement._kneel(pose)
        again = placement._settled(solved, "side")
        assert list(settled.joints.items()) == list(again.joints.items())
        assert (settled.bones, settled.head, settled.spine) == (again.bones, again.head, again.spine)
