"""The plan: the type sizes tried, the frame and grid for each, the winner, and why none fits.

``plan`` is what the chart draws from; when no type size fits, the message says how many
exercises would fit and which page to try, by planning smaller books and larger pages.
"""

from __future__ import annotations

import math
from dataclasses import replace

from reportlab.lib.units import mm

from publish.errors import PublishError
from publish.fonts import FontSet
from publish.model import Book
from publish.theme import Theme, theme_for
from publish.wording import glossary_for

from layouts.chart.frame import _frame
from layouts.chart.grid import A3_SHORT_SIDE, MAX_COLUMNS, _grid
from layouts.chart.keys import _dose_key, _picture_key
from layouts.chart.measure import _Measure
from layouts.chart.model import Box, ChartPlan

#: Type sizes on A3 (points); other pages scale them by their short side.
PREFERRED = {"title": 46, "subtitle": 22, "patient": 19, "name": 23, "dose": 21, "cue": 14, "safety": 13.5, "strip": 14, "footer": 10.5}
#: The smallest sizes that still read from across a room on A3; never go below these.
MINIMUM = {"title": 40, "subtitle": 18, "patient": 15, "name": 20, "dose": 18, "cue": 11, "safety": 11, "strip": 11, "footer": 9}
#: No text on any page size is set smaller than this.
FLOOR = 8.0
#: The drawn height a chart aims for on A3 for its smallest figure (points, 40 mm; other pages
#: scale it by their short side): a lying figure 40 mm thick, its person about 100 mm long,
#: reads from across a room (40 mm is 46 minutes of arc at 3 m, the lift of a face-down
#: figure about 10). Type gets smaller (never below MINIMUM) only until the figures reach it.
TARGET_HEIGHT = 40 * mm


def _sizes(theme: Theme, blend: float) -> dict[str, float]:
    """Type sizes for this page: ``blend`` 0 is the preferred size, 1 the smallest allowed.

    Preferred sizes grow and shrink with the page. The smallest sizes shrink with pages
    smaller than A3 but do not grow past A3's (they are what reads from across a room), so a
    larger page always has room for more exercises.
    """
    scale = theme.scale_from("A3")
    return {
        key: max(FLOOR, PREFERRED[key] * scale + (MINIMUM[key] * min(scale, 1.0) - PREFERRED[key] * scale) * blend)
        for key in PREFERRED
    }


#: Steps from the preferred type sizes (0) to the smallest allowed (1).
BLENDS = (0.0, 0.25, 0.5, 0.75, 1.0)

#: The next page up, for the advice when a chart does not fit.
LARGER_PAGE = {"A4": "A3", "Letter": "Tabloid", "A3": "A2", "Tabloid": "A2", "A2": "A1"}


def plan(book: Book, theme: Theme, fonts: FontSet) -> ChartPlan:
    """Every box on the chart, at the largest type that fits; PublishError if nothing fits."""
    chart = _try_plan(book, theme, fonts)
    if chart is None:
        raise PublishError(_too_many_message(book, theme, fonts))
    return chart


def _rows_cannot_fit(count: int, sizes: dict[str, float], grid: Box) -> bool:
    """Whether ``count`` cards cannot fit in ``grid`` even with nothing but a name and a dose line.

    A lower bound on a card's height (padding, the number badge, one dose line), checked before
    any text is measured: 10,000 exercises are refused at once instead of laid out six ways.
    """
    pad, gap = sizes["cue"] * 0.6, sizes["cue"] * 0.4
    card = 2 * pad + sizes["name"] * 1.3 + gap + _Measure.height(1, sizes["dose"]) + 3 * gap
    rows = math.ceil(count / MAX_COLUMNS)
    return rows * card + (rows - 1) * sizes["cue"] * 0.8 > grid.h


def _try_plan(book: Book, theme: Theme, fonts: FontSet, blends: tuple[float, ...] = BLENDS) -> ChartPlan | None:
    measure = _Measure(fonts)
    page = Box(0, 0, theme.width, theme.height)
    # Every type size from the preferred to the smallest allowed is tried: the largest type
    # whose smallest figure is drawn TARGET_HEIGHT tall wins, or else the layout with the largest figures.
    found = []
    target = TARGET_HEIGHT * min(theme.width, theme.height) / A3_SHORT_SIDE
    for blend in blends:
        sizes = _sizes(theme, blend)
        content, band, strip, footer, texts, grid, logo = _frame(book, theme, sizes, fonts, measure)
        if grid.h <= 0 or _rows_cannot_fit(len(book.exercises), sizes, grid):
            continue
        best = _grid(book, theme, sizes, fonts, measure, grid)
        if best is not None:
            found.append((best, sizes, content, band, strip, footer, texts, logo))
            if best[1] and best[0] >= target:
                break  # the largest type that reaches the target: smaller type cannot win
    if not found:
        return None
    largest = max(found, key=lambda entry: entry[0][:2][::-1])
    best, sizes, content, band, strip, footer, texts, logo = next((e for e in found if e[0][1] and e[0][0] >= target), largest)
    _, _, columns, rows, cards, key_cells = best
    dose_cell = key_cells[0] if key_cells and glossary_for(book) else None
    key, key_texts = _dose_key(book, dose_cell, sizes, fonts, theme, measure)
    own = next((cell for cell in key_cells if cell is not key), None)
    pictures = _picture_key(book, own, key, key_texts, sizes, fonts, theme, measure)
    picture_key, picture_texts, picture_samples = pictures
    return ChartPlan(page, content, sizes, columns, rows, band, strip, footer, tuple(texts), cards, key, key_texts,
                     logo=logo, logo_file=book.prescription.clinic.logo.path if logo else None, picture_key=picture_key,
                     picture_key_texts=picture_texts, picture_key_samples=picture_samples)


def _too_many_message(book: Book, theme: Theme, fonts: FontSet) -> str:
    """Why the chart cannot be made, how many exercises would fit, and advice that works."""
    where = f"one {theme.page_name}{' landscape' if theme.landscape else ''} chart"
    fitting, too_many = 0, len(book.exercises)  # bisect: the first `fitting` fit, `too_many` do not
    while too_many - fitting > 1:
        middle = (fitting + too_many) // 2
        if _try_plan(replace(book, exercises=book.exercises[:middle]), theme, fonts, blends=(1.0,)) is not None:
            fitting = middle
        else:
            too_many = middle
    advice = "split the programme into two data files, or print the booklet"
    larger = LARGER_PAGE.get(theme.page_name)
    while larger:
        if _try_plan(book, theme_for(larger, theme.landscape), fonts, blends=(1.0,)) is not None:
            advice = f"try --page-size {larger}"
            break
        larger = LARGER_PAGE.get(larger)
    if fitting == 0:
        return (
            f"{book.name}: the title and general safety notes leave no room for the exercises on {where} "
            f"at readable sizes; shorten them, or {advice}"
        )
    count = len(book.exercises)
    return (
        f"{book.name}: {count} exercise{'s do' if count != 1 else ' does'} not fit on {where} "
        f"at readable sizes (at most {fitting} fit); {advice}"
    )
