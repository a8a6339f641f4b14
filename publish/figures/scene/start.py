"""The start pose's outline: what of it is drawn and where it is hidden.

The start pose is drawn dashed behind the solid end pose; these cut it where it lies on the
floor, runs through the chair, or shows through the end pose's arms.
"""

from __future__ import annotations

from publish.figures import body
from publish.figures.placement import Placed, Point, _hull
from publish.figures.scene.body_drawing import _limb
from publish.figures.scene.geometry import _box, _distance, _grown_loop, _length
from publish.figures.scene.items import Disc, Item, Shape, Stroke
from publish.figures.scene.layers import DASH, HALO, OUTLINE, _cover_tests, _inside, _outside


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
    rest_tests, arm_tests = _cover_tests(rest), _cover_tests(arms)  # once, not once per start dash
    arm_boxes = [test[4] for test in arm_tests]  # each arm's box, grown by a hair
    skip = {id(i) for i in start_arms}
    for item in started:
        if not (isinstance(item, Stroke) and item.role == "start") or id(item) in skip:
            continue
        if not _near_a_box(_box(item.points), arm_boxes):
            continue  # no sample of the dash can lie in an arm's box: no arm hides any of it
        for run in _outside(item.points, rest, tests=rest_tests):
            for hidden in _inside(run, arms, arm_tests):
                # Not along the floor: there the floor line already says where the body lay.
                hidden = tuple(p for p in hidden if p[1] > ON_FLOOR)
                if len(hidden) > 1 and _length(hidden) > DASH[0] / 3:
                    out += [Stroke(hidden, OUTLINE + 2 * HALO, "paper"), Stroke(hidden, OUTLINE, "start")]
    return sorted(out, key=lambda i: i.role != "paper")  # all the edges, then all the dashes


#: How far outside a path's box a sample walked along it (or along a run of those samples) may
#: lie: each is a + (b - a) * k / n, rounded once or twice, some 1e-15 from the segment.
WALK_ROUNDING = 1e-9


def _near_a_box(box: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether ``box``, grown by WALK_ROUNDING, meets any of ``boxes``."""
    x0, y0, x1, y1 = box[0] - WALK_ROUNDING, box[1] - WALK_ROUNDING, box[2] + WALK_ROUNDING, box[3] + WALK_ROUNDING
    return any(bx0 <= x1 and x0 <= bx1 and by0 <= y1 and y0 <= by1 for bx0, by0, bx1, by1 in boxes)


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
