"""The illustration as geometry: strokes, discs and filled shapes in body-height units.

This is the one geometry the PDF, SVG and PNG renderers draw. y points up and the floor line's
top edge is y = 0. Each item names a *role* (ink, far, start, accent, arrow, floor, paper), not
a colour; a FigureStyle maps roles to colours, and publish.figures.style says what each means.

An illustration shows the end pose, solid, over the start pose drawn as an outline, with an
arrow on the part that moves, along its path. When the two poses would hide each other (the
back bends one way and then the other), they stand side by side instead, the start pose
first, each with an arrow showing how it leaves the neutral base pose.

The package, one job a module: items (the item types and Scene), geometry (shared plane
helpers), panels (where the bodies stand, one over the other or side by side), body_drawing
(one body: limbs, torso hulls, head profile), surface (the highlighted regions on it), layers
(which part covers which, halos and hidden lines), start (the start pose's dashed outline),
floor (floor, mat and chair), arrows (every arrow of a movement), closeup (the magnifier) and
clip (clipping to its circle). ``scene`` here puts them together.
"""

from __future__ import annotations

from functools import lru_cache

from publish.figures.poses import BASES
from publish.figures.scene.arrows import (
    ARROW_GROUPS, ARROW_HEAD, ARROW_WIDTH, CURL_ARROW, LIFT_ARROW, LIFT_SWEEP, PIVOTS, SMALL_ARROW,
    TWIST_AFTER, TWIST_BEFORE, TWIST_GAP, TWIST_RISE, TWO_WAY_CLEAR, TWO_WAY_REACH, _arrow,
    _arrows_from_neutral, _between_panels, _chest_facing, _curl_arrow, _curls, _effort_arrows, _follow,
    _movement_arrows, _straight_arrow, _together, _twist_arrows, resolve_rotation, two_way_arrow,
)
from publish.figures.scene.body_drawing import (
    END_ON, EYE_RADIUS, HEAD_HIDDEN, SLICES, STILL, _body, _eyes, _foot_end_on, _in_head, _limb,
    _moving_side, _overhead, _smooth_sections,
)
from publish.figures.scene.clip import _clip_line, _clip_pass, _clip_polygon, _clipped, _cross_point, _turned
from publish.figures.scene.closeup import (
    FRAME, INSET_RADIUS, INSET_ZOOM, _belly_inset, _belly_only, _unproject, magnifier,
)
from publish.figures.scene.floor import (
    CHAIR_BACK, FLOOR_BEYOND, FLOOR_WIDTH, HATCH, MAT_DISTANCE, MAT_EDGE, PROP_EDGE, PROP_WIDTH, _chair,
    _floor, _hatch, _seat_corners, _seat_height, _tubes,
)
from publish.figures.scene.geometry import (
    _at, _bounds, _box, _joined_bounds, _capsule, _circle, _distance, _edges, _flat, _grow, _grown_loop,
    _inside_edges, _item_box, _item_points, _length, _sampled, _segment_distance, _unit3, sub3,
)
from publish.figures.scene.items import Bounded, Disc, Item, Scene, Shape, Stroke
from publish.figures.scene.layers import (
    BOX_HAIR, DASH, FAR_EDGE, HALO, OUTLINE, OUTLINE_STEP, _covered, _covers, _dashes, _inside, _layered,
    _outside, _thigh_from_pelvis, _walked,
)
from publish.figures.scene.panels import (
    MARGIN, PANEL_GAP, Layout, _band_edges, _neutral, _neutral_at, _panel_regions, _panels_apart,
    _shifted, _side_by_side, _turns_trunk, layout,
)
from publish.figures.scene.start import ON_FLOOR, _off_the_floor, _over_the_chair, _start_through_arms
from publish.figures.scene.surface import (
    FAR_SIDE, GLUTEAL_INSET, GLUTEAL_RINGS, GLUTEAL_WIDTH, HIP_BAND, SURFACE_REGIONS, WAIST_RINGS,
    _buttock, _far_side, _region, _surface_patch,
)
from publish.model import Figure

#: Every name the single module had, so ``publish.figures.scene.X`` still reaches it: the renderers
#: import the item types, the tests the sizes and private helpers they measure against.
__all__ = [
    "SCENES_KEPT", "scene", "scene_uncached", "ARROW_GROUPS", "ARROW_HEAD", "ARROW_WIDTH", "BOX_HAIR", "Bounded",
    "CHAIR_BACK", "CURL_ARROW", "DASH", "Disc", "END_ON", "EYE_RADIUS", "FAR_EDGE", "FAR_SIDE",
    "FLOOR_BEYOND", "FLOOR_WIDTH", "FRAME", "GLUTEAL_INSET", "GLUTEAL_RINGS", "GLUTEAL_WIDTH", "HALO",
    "HATCH", "HEAD_HIDDEN", "HIP_BAND", "INSET_RADIUS", "INSET_ZOOM", "Item", "LIFT_ARROW",
    "LIFT_SWEEP", "Layout", "MARGIN", "MAT_DISTANCE", "MAT_EDGE", "ON_FLOOR", "OUTLINE", "OUTLINE_STEP",
    "PANEL_GAP", "PIVOTS", "PROP_EDGE", "PROP_WIDTH", "SLICES", "SMALL_ARROW", "STILL",
    "SURFACE_REGIONS", "Scene", "Shape", "Stroke", "TWIST_AFTER", "TWIST_BEFORE", "TWIST_GAP",
    "TWIST_RISE", "TWO_WAY_CLEAR", "TWO_WAY_REACH", "WAIST_RINGS", "_arrow", "_arrows_from_neutral",
    "_at", "_band_edges", "_belly_inset", "_belly_only", "_between_panels", "_body", "_bounds", "_box",
    "_buttock", "_capsule", "_chair", "_chest_facing", "_circle", "_clip_line",
    "_clip_pass", "_clip_polygon", "_clipped", "_covered", "_covers", "_cross_point", "_curl_arrow",
    "_curls", "_dashes", "_distance", "_edges", "_effort_arrows", "_eyes", "_far_side", "_flat",
    "_floor", "_follow", "_foot_end_on", "_grow", "_grown_loop", "_hatch", "_in_head", "_inside",
    "_inside_edges", "_item_box", "_item_points", "_joined_bounds", "_layered", "_length", "_limb", "_movement_arrows",
    "_moving_side", "_neutral", "_neutral_at", "_off_the_floor", "_outside", "_over_the_chair",
    "_overhead", "_panel_regions", "_panels_apart", "_region", "_sampled", "_seat_corners",
    "_seat_height", "_segment_distance", "_shifted", "_side_by_side", "_smooth_sections",
    "_start_through_arms", "_straight_arrow", "_surface_patch", "_thigh_from_pelvis", "_together",
    "_tubes", "_turned", "_turns_trunk", "_twist_arrows", "_unit3", "_unproject", "_walked", "layout",
    "magnifier", "resolve_rotation", "sub3", "two_way_arrow",
]


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
    drawn = _bounds(items)
    floor = _floor(items, (start, end), drawn)
    items[:0] = floor
    x0, y0, x1, y1 = _joined_bounds(drawn, _bounds(floor)) if floor else drawn  # _bounds(items), once
    return Scene(tuple(items), (x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN))


def scene_uncached(figure: Figure) -> Scene:
    """The figure's scene, computed now and not kept: for a worker process, which is asked for
    each figure once and would otherwise hold hundreds of scenes in its cache."""
    return scene.__wrapped__(figure)
