"""Where the bodies go: one over the other, or two panels side by side, and the neutral pose.

When the start and end poses would hide each other they stand side by side; this decides
that, how far apart they stand, and places the neutral base pose each panel moves from.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from publish.figures.placement import Placed, Point, place
from publish.figures.poses import resolve
from publish.figures.scene.floor import _chair
from publish.figures.scene.geometry import _sampled
from publish.figures.scene.layers import BOX_HAIR
from publish.model import Figure, Pose


MARGIN = 0.03
PANEL_GAP = 0.14


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


def _shifted(placed: Placed, shift: Point) -> Placed:
    dx, dy = shift
    points = {n: (x + dx, y + dy) for n, (x, y) in placed.points.items()}
    return Placed(placed.skeleton, points, placed.view, placed.base, placed.depths, placed.camera)


@lru_cache(maxsize=32)
def _neutral(base: str, view: str) -> Placed:
    """The base pose with no angles changed, placed: the same for every figure on that base."""
    return place(Pose(base), view)


def _neutral_at(placed: Placed, pose: Pose, view: str) -> Placed:
    """The neutral base pose moved under a panel's pose: its knees where the panel's are."""
    neutral = _neutral(pose.base, view)
    (kx, _), (nx, _) = placed.points["right_knee"], neutral.points["right_knee"]
    return _shifted(neutral, (kx - nx, 0.0))


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
