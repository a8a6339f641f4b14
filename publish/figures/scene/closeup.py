"""The close-up: a magnifier that enlarges a small movement (the belly drawn in) beside the body.

Used when no arrow would read at the figure's size: the part is drawn again, larger, inside a
framed circle joined to the place it enlarges.
"""

from __future__ import annotations

import math

from publish.figures import body
from publish.figures.placement import Placed, Point
from publish.figures.poses import resolve
from publish.figures.scene.arrows import ARROW_HEAD, SMALL_ARROW, _arrow
from publish.figures.scene.body_drawing import _body
from publish.figures.scene.clip import _clipped
from publish.figures.scene.geometry import _circle, _distance, _item_points
from publish.figures.scene.items import Disc, Item, Stroke
from publish.figures.scene.layers import HALO
from publish.model import Figure


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
