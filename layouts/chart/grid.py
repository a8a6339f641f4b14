"""The search for the grid: how the exercises are cut into rows, each card's width and each
row's height, and whether the figures are drawn large enough to read from across a room.

The search is the chart's costly part and its rules (figure units, minimum drawn heights, the
ways to cut a list into rows) are its own, so it is one module.
"""

from __future__ import annotations

import math

from reportlab.lib.units import mm

from publish import figures
from publish.fonts import FontSet
from publish.model import Book, Exercise
from publish.theme import Theme
from publish.wording import glossary_for

from layouts.chart.cards import _card, _cuts_name
from layouts.chart.keys import _dose_key, _picture_key
from layouts.chart.measure import _Measure
from layouts.chart.model import Box

MAX_COLUMNS = 6
#: The least drawn height of a figure on A3 (points, 15 mm, about twice the name's capitals):
#: a grid that would draw one thinner does not fit. Smaller pages scale it down with their
#: short side; larger ones keep it (like MINIMUM type), so they hold more exercises.
MIN_HEIGHT = 15 * mm
#: The smallest drawn figure on A3: a standing person would be this tall (points, 19 mm, so
#: a figure lying down is about 30 mm long); other pages scale it by their short side. A
#: grid whose figures would be drawn smaller does not fit (12 seed-sized cards still do on
#: A3, 42 on A1).
MIN_STATURE = 54.0
#: A3's short side (points): the sizes above are for A3 and scale with a page's short side.
A3_SHORT_SIDE = 841.89

#: Up to this many exercises the chart also tries rows of different lengths, each card as wide
#: as its figure needs (a row of lying figures takes fewer, wider cards); longer lists are
#: laid out on uniform grids only (there are too many ways to cut them, and they need every
#: column a grid can give).
FREE_ROWS_UP_TO = 9


def _figure_units(exercise: Exercise) -> tuple[float, float]:
    """A figure's drawn width and height per unit of stature (0, 0 without a figure)."""
    if exercise.figure is None:
        return 0.0, 0.0
    return 1 / figures.stature(exercise.figure, 1.0, 1e12), 1 / figures.stature(exercise.figure, 1e12, 1.0)


def _row_lengths(n: int, free: bool):
    """The ways to cut ``n`` exercises, in order, into rows: each uniform grid (``c`` a row,
    the rest in the last; True) and, with ``free``, every other cut into rows of 1..MAX_COLUMNS."""
    uniform = set()
    for columns in range(1, min(n, MAX_COLUMNS) + 1):
        lengths = (columns,) * (n // columns) + ((n % columns,) if n % columns else ())
        uniform.add(lengths)
        yield lengths, True
    if not free:
        return

    def cuts(left: int):
        if left == 0:
            yield ()
            return
        for first in range(1, min(left, MAX_COLUMNS) + 1):
            for rest in cuts(left - first):
                yield (first, *rest)

    for lengths in cuts(n):
        if lengths not in uniform:
            yield lengths, False


def _split_width(total: float, weights: list[float], least: float) -> list[float] | None:
    """``total`` shared in proportion to ``weights``, none below ``least``; None if it cannot be."""
    if least * len(weights) > total + 1e-6:
        return None
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        left = total - sum(fixed.values())
        weight = sum(weights[i] for i in free)
        widths = {i: left * weights[i] / weight if weight > 0 else left / len(free) for i in free}
        small = [i for i in free if widths[i] < least - 1e-9]
        if not small:
            return [fixed[i] if i in fixed else widths[i] for i in range(len(weights))]
        for i in small:
            fixed[i] = least


def _grid(book: Book, theme: Theme, sizes: dict[str, float], fonts: FontSet, measure: _Measure, grid: Box):
    """The best grid for the exercises in ``grid``, or None if no grid fits.

    Returns (the thinnest figure's drawn height, keys kept, columns, rows, cards, key cells).
    The exercises keep their order, row by row. A grid whose cards are too narrow for a word of
    an exercise's name does not fit ("Superm / an" across the room reads as two words), unless
    the word is too long for a card as wide as the page: then no grid keeps it whole.

    Tries every uniform grid and, for a short list, every way of cutting it into rows whose
    cards are as wide as their figures need: a figure is drawn as tall as its row's neighbours
    when its card's width is in proportion to the figure's aspect (never narrower than a card
    of a 4-column grid). Rows are then as tall as their fullest card's text plus the figure
    height that draws every figure at the largest common drawn height the grid's height
    allows; height left over goes first to rows whose figures can still grow. The keys take
    one or two cells after the last card, or a row of their own. A grid fits when every figure
    is drawn at least MIN_HEIGHT tall and MIN_STATURE to scale. The winner keeps the keys, then
    draws its thinnest figure tallest (a lying figure drawn as a thin strip is what does not
    read from across a room), then has the tallest figures overall (geometric mean).
    """
    n = len(book.exercises)
    gap = sizes["cue"] * 0.8
    pad = sizes["cue"] * 0.6
    least_stature = MIN_STATURE * min(theme.width, theme.height) / A3_SHORT_SIDE
    least_height = MIN_HEIGHT * min(1.0, theme.scale_from("A3"))
    probe_h = 10 * grid.h  # a frame tall enough to measure a card's text
    # Rows are sized to draw the figures at a common drawn height (a figure's width per unit of
    # height is its aspect): a lying figure's thickness, not its scale, is what reads as a strip.
    statures = [_figure_units(e) for e in book.exercises]
    units = [(gw / gh, 1.0) if gh > 0 else (0.0, 0.0) for gw, gh in statures]
    widths_of_figures = [u[0] for u in units if u[0] > 0]
    key_weight = sum(widths_of_figures) / len(widths_of_figures) if widths_of_figures else 1.0
    has_glossary = bool(glossary_for(book))
    has_pictures = any(e.figure is not None for e in book.exercises)
    key_count = int(has_glossary) + int(has_pictures)
    # a name with a word too long even for a page-wide card is cut on any grid
    must_stay_whole = {i for i, e in enumerate(book.exercises) if not _cuts_name(e, grid.w, sizes, fonts, measure)}
    narrowest = (grid.w - 3 * gap) / 4
    text_cache: dict[tuple[int, float], float] = {}
    key_cache: dict[tuple[int, float], float] = {}

    name_cuts: dict[tuple[int, float], bool] = {}

    def cuts_name(i: int, w: float) -> bool:
        if (i, w) not in name_cuts:
            name_cuts[(i, w)] = _cuts_name(book.exercises[i], w, sizes, fonts, measure)
        return name_cuts[(i, w)]

    def text_height(i: int, w: float) -> float:
        key = (i, w)
        if key not in text_cache:
            text_cache[key] = probe_h - _card(book.exercises[i], 0, Box(0, 0, w, probe_h), sizes, fonts, theme, measure)[1]
        return text_cache[key]

    def keys_height(cells: int, w: float) -> float:
        """The height the keys need in ``cells`` cells ``w`` wide (their tallest cell)."""
        if (cells, w) not in key_cache:
            frame = Box(0, 0, w, probe_h)
            dose, dose_texts = _dose_key(book, frame, sizes, fonts, theme, measure)
            own = frame if cells > 1 or dose is None else None
            _, picture_texts, samples = _picture_key(book, own, dose, dose_texts, sizes, fonts, theme, measure)
            bottoms = [b.box.y for b in (*dose_texts, *picture_texts)] + [s.y for _, s in samples]
            # the picture key steps a quarter line past its last entry before checking it fits
            key_cache[(cells, w)] = (probe_h - min(bottoms) + pad + sizes["cue"] * 0.3) if bottoms else 0.0
        return key_cache[(cells, w)]

    best = None
    # A free layout puts the keys in one or two cells after the last card, or in a row of their own.
    key_places = [(cells, False) for cells in range(min(1, key_count), key_count + 1)] + ([(key_count, True)] if key_count else [])
    tries = [(lengths, uniform, place) for lengths, uniform in _row_lengths(n, n <= FREE_ROWS_UP_TO)
             for place in ([(0, False)] if uniform else key_places)]
    # no row is shorter than the least text of a card as wide as the grid and a figure MIN_HEIGHT tall
    least_row = min(text_height(i, math.floor(grid.w * 2) / 2) for i in range(n)) + least_height
    most_rows = max(1, int((grid.h + gap) // (least_row + gap)))
    for lengths, uniform, (key_cells_wanted, keys_alone) in tries:
        if not uniform and len(lengths) + keys_alone > most_rows:
            continue
        columns = max(lengths)
        starts = [sum(lengths[:r]) for r in range(len(lengths))]
        rows: list[list[tuple[int | None, float]]] = []  # per row: (exercise index or None for keys, width)
        for r, (start, length) in enumerate(zip(starts, lengths)):
            indices = list(range(start, start + length))
            last = r == len(lengths) - 1
            if uniform:
                w = (grid.w - (columns - 1) * gap) / columns
                spare = min(columns - length, key_count) if last else 0
                rows.append([(i, w) for i in indices] + [(None, w)] * spare)
            else:
                cells: list[int | None] = indices + ([None] * key_cells_wanted if last and not keys_alone else [])
                weights = [units[i][0] if i is not None and units[i][0] > 0 else key_weight for i in cells]
                split = _split_width(grid.w - (len(cells) - 1) * gap, weights, narrowest)
                if split is None:
                    break
                rows.append([(i, math.floor(w * 2) / 2) for i, w in zip(cells, split)])
        else:
            if keys_alone:
                w = math.floor((grid.w - (key_cells_wanted - 1) * gap) / key_cells_wanted * 2) / 2
                rows.append([(None, w)] * key_cells_wanted)
            found = _fit_rows(rows, grid, gap, pad, units, text_height, keys_height, key_count, must_stay_whole, cuts_name)
            if found is None:
                continue
            heights, keys_kept = found
            # each figure's scale from its card's text height, without laying the card out
            scales = []
            for row, h in zip(rows, heights):
                for i, w in row:
                    if i is None:
                        continue
                    gw, gh = statures[i]
                    room = h - text_height(i, w)
                    scales.append((i, math.inf if gw == 0 else min((w - 2 * pad) / gw, room / gh) if room > 0 else 0.0))
            if min(s for _, s in scales) < least_stature:
                continue
            drawn = [s * statures[i][1] for i, s in scales if s != math.inf]
            smallest = min(drawn) if drawn else math.inf
            if smallest < least_height:
                continue
            typical = math.exp(sum(math.log(s) for s in drawn) / len(drawn)) if drawn else math.inf
            score = (keys_kept, smallest, typical)
            if best is None or score > best[0]:
                best = (score, columns, rows, heights)
    if best is None:
        return None
    (keys_kept, smallest, _), columns, rows, heights = best
    cards, key_cells = [], []
    top = grid.top
    for row, h in zip(rows, heights):
        x = grid.x
        for i, w in row:
            frame = Box(x, top - h, w, h)
            if i is None:
                key_cells.append(frame)
            else:
                cards.append(_card(book.exercises[i], i + 1, frame, sizes, fonts, theme, measure)[0])
            x += w + gap
        top -= h + gap
    if not keys_kept:
        key_cells = []
    return smallest, keys_kept, columns, len(rows), tuple(cards), tuple(key_cells)


def _fit_rows(rows, grid: Box, gap: float, pad: float, units, text_height, keys_height, key_count: int, must_stay_whole, cuts_name):
    """Row heights for ``rows`` in ``grid`` that draw the figures at the largest common height,
    and whether the keys fit; None if the rows cannot fit or a card cuts a name."""
    for row in rows:
        for i, w in row:
            if i in must_stay_whole and cuts_name(i, w):
                return None
    available = grid.h - (len(rows) - 1) * gap

    def row_parts(row):
        """(text height, figure height per unit of stature, stature the width allows) per cell."""
        parts = []
        key_cells = [w for i, w in row if i is None]
        for i, w in row:
            if i is None:
                parts.append((keys_height(len(key_cells), w) if key_count else 0.0, 0.0, math.inf))
            else:
                gw, gh = units[i]
                parts.append((text_height(i, w), gh, (w - 2 * pad) / gw if gw > 0 else math.inf))
        return parts

    parts = [row_parts(row) for row in rows]

    def need(row_parts, stature: float) -> float:
        return max(text + stature * gh for text, gh, _ in row_parts)

    keys_kept = key_count == 0 or any(i is None for row in rows for i, _ in row)
    if sum(need(p, 0.0) for p in parts) > available + 1e-6 and key_count and keys_kept:
        # the keys do not fit: lay the cards out as if the key cells were empty
        parts = [[(0.0, 0.0, math.inf) if i is None else part for (i, _), part in zip(row, p)] for row, p in zip(rows, parts)]
        keys_kept = False
    if sum(need(p, 0.0) for p in parts) > available + 1e-6:
        return None
    widest = min(limit for p in parts for _, _, limit in p)
    # The total height is convex and piecewise linear in the figure height: Newton's steps
    # from the widest figure height the cards allow come down to where it meets the grid's.
    size = widest if widest != math.inf else available
    for _ in range(100):
        tallest = [max(p, key=lambda part: part[0] + size * part[1]) for p in parts]
        over = sum(text + size * gh for text, gh, _ in tallest) - available
        slope = sum(gh for _, gh, _ in tallest)
        if over <= 1e-6 or slope <= 0:
            break
        size = max(0.0, size - over / slope)
    heights = [need(p, size) for p in parts]
    # Height left over goes to rows whose figures can still grow (up to where every figure in
    # the row meets its card's width), then to every row alike.
    caps = [max(text + (limit * gh if limit != math.inf else 0.0) for text, gh, limit in p) for p in parts]
    left = available - sum(heights)
    for _ in range(len(rows)):
        growing = [r for r in range(len(rows)) if heights[r] < caps[r] - 1e-6]
        if not growing or left <= 1e-6:
            break
        share = left / len(growing)
        for r in growing:
            add = min(share, caps[r] - heights[r])
            heights[r] += add
            left -= add
    if left > 1e-6:
        heights = [h + left / len(rows) for h in heights]
    return heights, keys_kept
