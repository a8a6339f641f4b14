"""Specifications of the short cuts the scene geometry takes: each gives the plain
computation's very numbers (the figures' bytes depend on them)."""

from __future__ import annotations

import math
import random
from pathlib import Path

from publish.figures.scene import (
    Disc,
    Shape,
    Stroke,
    _band_edges,
    _bounds,
    _box,
    _circle,
    _clip_polygon,
    _covered,
    _covers,
    _cross_point,
    _edges,
    _inside_edges,
    _item_box,
    _outside,
    _walked,
    scene,
)
from publish.figures.placement import _hull
from publish.figures.scene.layers import _cover_tests, _covered_by, _inner_disc
from publish.load import load_book

DATA = Path(__file__).resolve().parent.parent / "data" / "lower-back-pain.yaml"


def plain_clip(subject, window):
    """Sutherland-Hodgman walked over every edge of the window (``plain_clip_pass`` each)."""
    out = list(subject)
    for a, b in zip(window, window[1:] + window[:1]):
        if not out:
            break
        out = plain_clip_pass(out, a, b)
    return out


def test_clipping_to_a_close_up_gives_the_plain_walks_points():
    window = _circle((0.3, 0.5), 0.17, 72)[:-1]
    shapes = random.Random(12)
    cases = 0
    for _ in range(400):
        cx, cy = 0.3 + shapes.uniform(-0.4, 0.4), 0.5 + shapes.uniform(-0.4, 0.4)
        r = shapes.uniform(0.005, 0.3)
        sides = shapes.choice((3, 4, 7, 32))
        start = shapes.uniform(0, math.tau)
        polygon = tuple(
            (cx + r * math.cos(start + math.tau * k / sides), cy + r * math.sin(start + math.tau * k / sides))
            for k in range(sides)
        )
        expected = plain_clip(polygon, window)
        assert _clip_polygon(polygon, window) == expected
        cases += bool(expected) and expected != list(polygon)
    assert cases > 50  # many of them were really cut (not only kept whole or dropped)


def test_a_part_wholly_inside_the_close_up_keeps_its_points_in_the_walks_order():
    window = _circle((0.0, 0.0), 1.0, 72)[:-1]
    triangle = ((0.0, 0.0), (0.1, 0.0), (0.0, 0.1))
    assert _clip_polygon(triangle, window) == plain_clip(triangle, window)
    assert sorted(_clip_polygon(triangle, window)) == sorted(triangle)
    assert _clip_polygon(((5.0, 5.0), (5.1, 5.0), (5.0, 5.1)), window) == []


def plain_bounds(items):
    """Every point padded by its stroke's half width (a disc by its radius), then the extremes."""
    xs, ys = [], []
    for item in items:
        if isinstance(item, Disc):
            (x, y), r = item.centre, item.radius
            xs += [x - r, x + r]
            ys += [y - r, y + r]
        else:
            pad = item.width / 2 if isinstance(item, Stroke) else 0.0
            for x, y in item.points:
                xs += [x - pad, x + pad]
                ys += [y - pad, y + pad]
    return min(xs), min(ys), max(xs), max(ys)


def test_a_scenes_bounds_are_its_padded_points_extremes():
    for exercise in load_book(DATA).exercises:
        items = list(scene(exercise.figure).items)
        assert _bounds(items) == plain_bounds(items)
        assert _bounds(items[:5]) == plain_bounds(items[:5])


def plain_covers(item, p):
    """Inside a shape: every edge turns towards ``p`` the same way (the sign set has one member)."""
    if not isinstance(item, Shape):
        return _covers(item, p)
    pts = item.points
    signs = {(b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) > 0 for a, b in zip(pts, pts[1:] + pts[:1])}
    return len(signs) == 1


def test_an_outline_is_covered_where_the_plain_test_of_every_piece_says():
    """Each piece is asked only about the samples in its box; the answers are every piece's."""
    pieces = random.Random(3)
    items = []
    for _ in range(12):
        x, y, r = pieces.uniform(0, 1), pieces.uniform(0, 1), pieces.uniform(0.02, 0.2)
        kind = pieces.choice(("disc", "stroke", "shape"))
        if kind == "disc":
            items.append(Disc((x, y), r, "ink"))
        elif kind == "stroke":
            items.append(Stroke(((x, y), (x + pieces.uniform(-0.3, 0.3), y + pieces.uniform(-0.3, 0.3))), r, "ink"))
        else:
            items.append(Shape(tuple(_circle((x, y), r, 7)[:-1]), "ink"))
    items.append(Shape(((0.1, 0.5), (0.9, 0.5)), "ink"))  # a flat shape: its whole line counts as inside
    samples = [(pieces.uniform(-0.2, 1.2), pieces.uniform(-0.2, 1.2)) for _ in range(3000)]
    samples += [(x / 100, 0.5) for x in range(-50, 150)]
    expected = [any(plain_covers(item, p) for item in items) for p in samples]
    assert expected == [any(_covers(item, p) for item in items) for p in samples]
    assert _covered(samples, items) == expected
    assert _covered(samples, items, [_item_box(i) for i in items]) == expected  # boxes made once by the caller
    assert 300 < sum(expected) < len(samples) - 300
    path = tuple(_circle((0.5, 0.5), 0.45, 60))
    runs = _outside(path, items)
    assert _outside(path, items, [_item_box(i) for i in items]) == runs and len(runs) > 1


def test_band_edges_are_the_extremes_of_the_points_in_each_band():
    points = random.Random(5)
    cloud = [(points.uniform(-1, 1), points.uniform(0, 1)) for _ in range(2000)]
    bands = [k / 20 for k in range(21)]
    for extreme in (max, min):
        plain = {}
        for y in bands:
            xs = [x for x, py in cloud if abs(py - y) <= 1 / 40]
            plain[y] = extreme(xs) if xs else None
        assert _band_edges(cloud, bands, 1 / 40, extreme) == plain
    assert _band_edges([], bands, 1 / 40, max) == {y: None for y in bands}


def convex_polygon(rng: random.Random, sides: int, clockwise: bool) -> tuple:
    cx, cy, r = rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(0.01, 0.5)
    squash = rng.uniform(0.05, 1.0)
    corners = [(cx + r * math.cos(a), cy + squash * r * math.sin(a))
               for a in sorted(rng.uniform(0, math.tau) for _ in range(sides))]
    hull = _hull(corners)
    return tuple(hull[::-1] if clockwise else hull)


def test_every_point_of_a_shapes_inner_disc_is_inside_it_by_the_full_test():
    """The inner disc is a short cut for the edge-by-edge test: points up to its very rim,
    clockwise polygons and thin ones, are all inside by the full test too."""
    rng = random.Random(21)
    used = 0
    for case in range(300):
        polygon = convex_polygon(rng, rng.choice((3, 5, 16, 64)), clockwise=case % 2 == 1)
        edges = _edges(polygon)
        inner = _inner_disc(edges)
        if inner is None:
            continue
        used += 1
        cx, cy, r2 = inner
        r = math.sqrt(r2)
        # Not a uselessly small disc: near the largest one about the corners' mean.
        assert r > 0.99 * min(abs(dx * (cy - ay) - dy * (cx - ax)) / math.hypot(dx, dy) for ax, ay, dx, dy in edges) - 1e-8
        for k in range(200):
            a = math.tau * k / 200
            for f in (0.0, 0.5, 0.999999, 1.0 - 1e-12):
                p = (cx + f * r * math.cos(a), cy + f * r * math.sin(a))
                if (p[0] - cx) ** 2 + (p[1] - cy) ** 2 < r2:
                    assert _inside_edges(edges, p), (polygon, p)
    assert used > 250


def test_no_inner_disc_where_the_full_test_finds_nothing_inside():
    repeated = ((0.0, 0.0), (1.0, 0.0), (1.0, 0.0), (0.0, 1.0))  # an edge of no length: no point is inside
    assert _inner_disc(_edges(repeated)) is None
    assert not any(_inside_edges(_edges(repeated), (x / 10, y / 10)) for x in range(1, 5) for y in range(1, 5))
    # Shaped like a crescent, the corners' mean lies outside some edge.
    crescent = tuple(_circle((0.0, 0.0), 1.0, 24)[:13]) + tuple((0.6 * x, 0.2 * y) for x, y in _circle((0.0, 0.0), 1.0, 24)[12:0:-1])
    assert _inner_disc(_edges(crescent)) is None
    assert _inner_disc(_edges(((0.0, 0.0), (1.0, 0.0), (2.0, 0.0)))) is None  # flat


def test_walked_outlines_are_covered_as_the_plain_test_of_every_piece_says():
    """Long walked outlines (looked at in runs of samples) against shapes big enough for their
    inner discs, strokes of one point and many, and discs: every answer is the plain one."""
    rng = random.Random(8)
    for _ in range(30):
        items = []
        for _ in range(10):
            kind = rng.choice(("disc", "stroke", "dot", "shape", "shape"))
            x, y = rng.uniform(0, 1), rng.uniform(0, 1)
            if kind == "disc":
                items.append(Disc((x, y), rng.uniform(0.02, 0.2), "ink"))
            elif kind == "stroke":
                items.append(Stroke(((x, y), (x + rng.uniform(-0.3, 0.3), y), (x, y + rng.uniform(-0.3, 0.3))), rng.uniform(0.01, 0.1), "ink"))
            elif kind == "dot":
                items.append(Stroke(((x, y),), rng.uniform(0.01, 0.1), "ink"))
            else:
                items.append(Shape(convex_polygon(rng, rng.choice((4, 24)), clockwise=rng.random() < 0.5), "ink"))
        path = tuple(_circle((rng.uniform(0.3, 0.7), rng.uniform(0.3, 0.7)), rng.uniform(0.1, 0.5), 30))
        samples = _walked(path)
        expected = [any(plain_covers(item, p) for item in items) for p in samples]
        assert _covered(samples, items) == expected
        tests = _cover_tests(items)
        assert _covered_by(samples, tests) == expected
        assert _covered_by(samples, tests) == expected  # again, with the inner discs kept from the first time
        assert _outside(path, (), tests=tests) == _outside(path, items)


def test_a_scenes_bounds_are_every_items_padded_extremes_with_the_margin():
    """The floor's bounds and the rest's are worked out apart and joined: the same as the
    plain extremes of every item, floor and all."""
    from publish.figures.scene import MARGIN

    for exercise in load_book(DATA).exercises:
        drawn = scene.__wrapped__(exercise.figure)
        x0, y0, x1, y1 = plain_bounds(list(drawn.items))
        assert drawn.bounds == (x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN)


def plain_half_hull(seq):
    out = []
    for p in seq:
        while len(out) >= 2 and (out[-1][0] - out[-2][0]) * (p[1] - out[-2][1]) - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0]) <= 0:
            out.pop()
        out.append(p)
    return out


def test_a_hulls_chain_keeps_the_points_the_plain_chain_keeps():
    """Clouds, points on lines and on a grid (many turns of exactly none), rounded discs."""
    from publish.figures.placement import _half_hull

    rng = random.Random(4)
    clouds = [[(rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(n)] for n in (0, 1, 2, 3, 10, 300)]
    clouds += [[(x / 7, 2 * x / 7 + 0.1) for x in range(20)], [(x % 5 * 0.1, x // 5 * 0.1) for x in range(25)]]
    clouds += [[p for c in range(8) for p in _circle((rng.uniform(0, 1), rng.uniform(0, 1)), 0.05, 12)]]
    for cloud in clouds:
        pts = sorted(set(cloud))
        for seq in (pts, pts[::-1]):
            assert _half_hull(seq) == plain_half_hull(seq)


def plain_dashes(path, width=0.009):
    """The dashes as first written: min() and _distance() at every step."""
    from publish.figures.scene import DASH, _distance

    on, off = DASH
    out = []
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


def test_dashes_are_the_plain_walks_dashes():
    """Outlines walked finely and coarsely, with repeated points and a dash ending exactly
    on a corner: the same dashes, point for point."""
    from publish.figures.scene import _dashes

    rng = random.Random(6)
    paths = [tuple(_circle((0.2, 0.3), r, n)) for r, n in ((0.01, 8), (0.1, 40), (0.3, 300))]
    paths += [_walked(tuple(_circle((0.0, 0.0), 0.2, 24)))]
    paths += [((0.0, 0.0), (0.026, 0.0), (0.026, 0.0), (0.046, 0.0), (0.1, 0.05))]
    paths += [tuple((rng.uniform(0, 1), rng.uniform(0, 1)) for _ in range(50)) for _ in range(20)]
    for path in paths:
        assert _dashes(path) == plain_dashes(path)
        assert _dashes(path, 0.02) == plain_dashes(path, 0.02)


def plain_smooth_sections(rings):
    from publish.figures.scene import SLICES

    out = []
    last = len(rings) - 1
    for j in range(last):
        p0, p1, p2, p3 = rings[max(j - 1, 0)], rings[j], rings[j + 1], rings[min(j + 2, last)]
        slices = [p1]
        for k in range(1, SLICES):
            t = k / SLICES
            t2, t3 = t * t, t * t * t
            w0, w1 = -0.5 * t3 + t2 - 0.5 * t, 1.5 * t3 - 2.5 * t2 + 1
            w2, w3 = -1.5 * t3 + 2 * t2 + 0.5 * t, 0.5 * t3 - 0.5 * t2
            slices.append([(w0 * a[0] + w1 * b[0] + w2 * c[0] + w3 * d[0],
                            max(w0 * a[1] + w1 * b[1] + w2 * c[1] + w3 * d[1], min(b[1], c[1])))
                           for a, b, c, d in zip(p0, p1, p2, p3)])
        slices.append(p2)
        out.append([p for ring in slices for p in ring])
    return out


def test_torso_sections_are_the_plain_curves_points_and_their_kept_hulls_the_hulls():
    """Every bundled body's sections (rings on the floor, so the no-lower-than rule bites, and
    rings of equal heights, ties), and each section's hull, kept or not, a list of its own."""
    from publish.figures.placement import place
    from publish.figures.scene.body_drawing import _no_lower, _section_hull, _smooth_sections

    for exercise in load_book(DATA).exercises:
        for pose in (exercise.figure.start, exercise.figure.end):
            placed = place(pose, exercise.figure.view)
            rings = [[placed.points[n] for n in ring] for ring in placed.skeleton.rings]
            flat = [[(x, 0.0) for x, _ in ring] for ring in rings]  # every ring on the floor: ties
            for case in (rings, flat):
                sections = _smooth_sections(case)
                assert sections == plain_smooth_sections(case)
                for section in sections:
                    first, again = _section_hull(tuple(section)), _section_hull(tuple(section))
                    assert first == again == _hull(section) and first is not again
    for y, b, c in ((0.0, -0.0, 0.0), (-0.0, 0.0, 0.0), (1.0, 2.0, 0.5), (0.5, 0.5, 0.7), (0.2, 0.1, 0.1)):
        assert repr(_no_lower(y, b, c)) == repr(max(y, min(b, c)))


def test_clipping_with_the_windows_edges_made_once_gives_the_same_points():
    from publish.figures.scene.clip import _window_edges

    window = _circle((0.3, 0.5), 0.17, 72)[:-1]
    edges = _window_edges(window)
    shapes = random.Random(13)
    for _ in range(200):
        cx, cy, r = 0.3 + shapes.uniform(-0.4, 0.4), 0.5 + shapes.uniform(-0.4, 0.4), shapes.uniform(0.005, 0.3)
        polygon = tuple(_circle((cx, cy), r, shapes.choice((3, 5, 32))))[:-1]
        assert _clip_polygon(polygon, window, edges) == plain_clip(polygon, window)


def plain_walked(path):
    from publish.figures.scene import OUTLINE_STEP, _distance

    samples = [path[0]]
    for a, b in zip(path, path[1:]):
        n = max(1, math.ceil(_distance(a, b) / OUTLINE_STEP))
        samples += [(a[0] + (b[0] - a[0]) * k / n, a[1] + (b[1] - a[1]) * k / n) for k in range(1, n + 1)]
    return samples


def test_a_walked_outline_has_the_plain_walks_samples():
    """Steps shorter than the walk's (one sample each), repeated points, long steps."""
    rng = random.Random(2)
    paths = [tuple((rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(30))]
    paths += [tuple((x * 0.0031, math.sin(x) * 0.001) for x in range(200))]
    paths += [((0.1, 0.1), (0.1, 0.1), (0.1031, -0.2), (-0.0, 0.0), (0.0, -0.0))]
    paths += [tuple(_circle((0.3, 0.3), 0.05, 12)), tuple(_circle((0.3, 0.3), 0.5, 400))]
    for path in paths:
        assert _walked(path) == plain_walked(path)


def plain_surface_patch(placed, rings, middle, half=3):
    from publish.figures.placement import _hull
    from publish.figures.scene import _at

    joints, towards, camera = placed.skeleton.joints, placed.camera.towards_reader, placed.camera
    samples = len(placed.skeleton.rings[0])
    shapes = []
    for j in list(rings)[:-1]:
        points = []
        for ring in (j, j + 1):
            loop = [joints[f"ring{ring}_{k}"] for k in range(samples)]
            centre = tuple(sum(c) / samples for c in zip(*loop))
            for k in range(middle - half, middle + half + 1):
                p = loop[k % samples]
                out = tuple(a - b for a, b in zip(p, centre))
                size = math.sqrt(sum(v * v for v in out))
                if sum(v * t for v, t in zip(out, towards)) < -0.25 * size:
                    continue
                for scale in (0.78, 0.3):
                    inner = tuple(c + v * scale for c, v in zip(centre, out))
                    x, y, _ = camera.project(inner)
                    points.append(_at(placed, x, y))
        if len(points) >= 3:
            shapes.append(Shape(_hull(points), "accent"))
    return shapes


def test_surface_patches_are_the_plain_patches():
    """Each ring's centre worked out once and the pelvis projected once: the same bands, for
    every bundled body, moved as a panel is, on every region's rings and some more."""
    from publish.figures.placement import place
    from publish.figures.scene import SURFACE_REGIONS, WAIST_RINGS, _shifted
    from publish.figures.scene.surface import _surface_patch

    for exercise in load_book(DATA).exercises:
        placed = _shifted(place(exercise.figure.end, exercise.figure.view), (0.37, 0.0))
        cases = [(rings, middle, 3) for rings, middle in SURFACE_REGIONS.values()] + [(WAIST_RINGS, 6, 2), (range(0, 8), 0, 5)]
        for rings, middle, half in cases:
            assert _surface_patch(placed, rings, middle, half) == plain_surface_patch(placed, rings, middle, half)


def plain_start_through_arms(started, start_arms, end):
    """_start_through_arms asking every start dash, near an arm or not."""
    from publish.figures import body as proportions
    from publish.figures.placement import _hull
    from publish.figures.scene import DASH, HALO, ON_FLOOR, OUTLINE, _grown_loop, _inside, _length, _limb

    if end.view != "side" or not started:
        return []
    pts, bones = end.points, end.skeleton.bones
    arms, rest = [], []
    for bone in bones:
        if bone.drawn:
            stroke = Stroke(tuple(pts[j] for j in bone.joints), bone.width + 2 * HALO, "ink")
            (arms if bone.side is not None and _limb(bone.name) == "arm" else rest).append(stroke)
    if not arms:
        return []
    rings = end.skeleton.rings
    rest += [Shape(_grown_loop(tuple(_hull([pts[n] for n in lower + upper])), HALO + OUTLINE)[:-1], "ink")
             for lower, upper in zip(rings, rings[1:])]
    rest += [Disc(pts[end.skeleton.head], proportions.CRANIUM_RADIUS + HALO, "ink"),
             Disc(pts["jaw"], proportions.JAW_RADIUS + HALO, "ink")]
    out = []
    skip = {id(i) for i in start_arms}
    for item in started:
        if not (isinstance(item, Stroke) and item.role == "start") or id(item) in skip:
            continue
        for run in _outside(item.points, rest):
            for hidden in _inside(run, arms):
                hidden = tuple(p for p in hidden if p[1] > ON_FLOOR)
                if len(hidden) > 1 and _length(hidden) > DASH[0] / 3:
                    out += [Stroke(hidden, OUTLINE + 2 * HALO, "paper"), Stroke(hidden, OUTLINE, "start")]
    return sorted(out, key=lambda i: i.role != "paper")


def test_start_dashes_far_from_every_arm_are_not_asked_and_the_same_dashes_come_out():
    """Every bundled figure drawn over one another, its end pose also moved so its arms lie
    over more of the start's dashes: the dashes shown through the arms are the plain ones."""
    from publish.figures.scene import _body, _moving_side, _off_the_floor, _shifted, _start_through_arms, layout

    shown = 0
    for exercise in load_book(DATA).exercises:
        lay = layout(exercise.figure)
        if lay.side_by_side:
            continue
        start = lay.start
        for dx, dy in ((0.0, 0.0), (0.05, 0.0), (-0.2, 0.03), (0.1, 0.06), (-0.1, -0.04), (0.25, 0.1)):
            shift = (lay.shift[0] + dx, dy)
            end = _shifted(lay.end, shift)
            start_arms = []
            started = _off_the_floor(_body(start, "start", (), _moving_side(start, end), end, arm_items=start_arms))
            through = _start_through_arms(started, start_arms, end)
            assert through == plain_start_through_arms(started, start_arms, end)
            shown += len(through)
    assert shown > 10  # some dashes do show through arms


def test_a_walk_stays_within_a_hair_of_its_paths_box():
    """Why a start dash far from every arm's box can be passed over: every sample of its walk,
    and of a walk along a run of those samples, lies within WALK_ROUNDING of the dash's box."""
    from publish.figures.scene.start import WALK_ROUNDING, _near_a_box

    rng = random.Random(17)
    for _ in range(200):
        path = tuple((rng.uniform(-3, 3), rng.uniform(-3, 3)) for _ in range(rng.choice((2, 3, 8))))
        x0, y0, x1, y1 = _box(path)
        again = _walked(tuple(_walked(path)))
        assert all(x0 - WALK_ROUNDING <= x <= x1 + WALK_ROUNDING and y0 - WALK_ROUNDING <= y <= y1 + WALK_ROUNDING for x, y in again)
    box = (0.0, 0.0, 1.0, 1.0)
    assert _near_a_box(box, [(1.0, 0.5, 2.0, 0.6)]) and _near_a_box(box, [(1.0 + WALK_ROUNDING / 2, 0.5, 2.0, 0.6)])
    assert not _near_a_box(box, [(1.0 + 3 * WALK_ROUNDING, 0.5, 2.0, 0.6)]) and not _near_a_box(box, [])


def plain_flat(points):
    twice_area = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1]))
    size = max(max(x for x, _ in points) - min(x for x, _ in points), max(y for _, y in points) - min(y for _, y in points))
    return abs(twice_area) <= 1e-9 * max(size, 1e-9) ** 2, twice_area, size


def test_a_shape_is_flat_where_the_plain_test_says():
    from publish.figures.scene import _flat

    rng = random.Random(10)
    shapes = [tuple((rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(n)) for n in (1, 2, 3, 7, 40) for _ in range(20)]
    shapes += [tuple((t, 2 * t + 1e-12 * rng.random()) for t in (0.0, 0.3, 0.7)) for _ in range(20)]  # next to a line
    shapes += [((0.0, 0.0), (1.0, 0.0), (2.0, 0.0)), ((0.5, 0.5),), ((-0.0, 0.0), (0.0, -0.0))]
    flats = [_flat(shape) for shape in shapes]
    assert flats == [plain_flat(shape)[0] for shape in shapes]
    assert 20 < sum(flats) < len(shapes) - 20


def plain_clip_pass(src, a, b):
    from publish.figures.scene import _cross_point

    def inside(p):
        return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0

    out = []
    for p, q in zip(src, src[1:] + src[:1]):
        if inside(q):
            if not inside(p):
                out.append(_cross_point(p, q, a, b))
            out.append(q)
        elif inside(p):
            out.append(_cross_point(p, q, a, b))
    return out


def test_one_clipping_pass_keeps_and_crosses_as_the_plain_pass():
    """Points in, out, alternating (a crossing at every edge), on the line, one point, all out."""
    from publish.figures.scene import _clip_pass

    rng = random.Random(31)
    a, b = (0.0, 0.0), (1.0, 0.2)
    cases = [[(rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(n)] for n in (1, 2, 3, 5, 17, 60) for _ in range(30)]
    cases += [[(x / 10, (-1) ** x * 0.3) for x in range(12)], [(x / 10, x / 50) for x in range(8)], [(0.5, -1.0), (0.6, -2.0)]]
    for src in cases:
        assert _clip_pass(src, a, b) == plain_clip_pass(src, a, b)
