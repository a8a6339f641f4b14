"""The wall chart: every exercise on one page, readable from across the room.

The layout is planned before anything is drawn: ``plan`` computes every box on the page
(title band, safety strip, one card per exercise, footer) from the book, the theme and the
type sizes, choosing the grid that gives the illustrations the most room. Drawing only follows
the plan, so the same plan draws the poster and each of its home-printer tiles, and tests can
check the geometry (no overlaps, nothing outside the margins) without reading pixels.

The package, one job a module: measure (wrapping text), model (the plan's boxes and text),
cards (one exercise's card), frame (title band, safety strip, footer), keys (the dose and
picture keys), grid (the search for the grid), planning (type sizes, the plan, and why
nothing fits), drawing (the page), tiles (the poster over home-printer sheets).
"""

from __future__ import annotations

import io
from pathlib import Path

from publish import pdfdoc
from publish.files import write_bytes
from publish.fonts import check_coverage, register
from publish.model import Book
from publish.theme import Theme

from layouts.chart.drawing import draw
from layouts.chart.frame import _footer_text
from layouts.chart.grid import A3_SHORT_SIDE, MIN_HEIGHT, MIN_STATURE
from layouts.chart.measure import _Measure
from layouts.chart.model import PRODUCT
from layouts.chart.planning import MINIMUM, plan
from layouts.chart.tiles import write_tiles

#: What other code and the tests use: ``build`` (the layout registry's), ``plan`` and ``draw``
#: (tests check a plan's geometry and draw it), and the sizes and helpers tests measure against.
#: ``draw`` is looked up here by ``build``, so a test that wraps ``chart.draw`` sees the poster drawn.
__all__ = ["A3_SHORT_SIDE", "MINIMUM", "MIN_HEIGHT", "MIN_STATURE", "_Measure", "_footer_text", "build", "draw", "plan"]


def build(book: Book, theme: Theme, path: Path, tile: str | None = None) -> list[Path]:
    """Write the chart to ``path`` (and, with ``tile``, the poster split over home-printer sheets)."""
    fonts = register()
    check_coverage(book, fonts, "wall chart")
    chart = plan(book, theme, fonts)
    buffer = io.BytesIO()  # the file is opened only when every byte is ready
    canvas = pdfdoc.new_canvas(buffer, book, PRODUCT, fonts, theme.page, tagged=True)
    draw(canvas, chart, theme, fonts)
    canvas.showPage()
    canvas.save()
    written = [write_bytes(path, buffer.getvalue())]
    if tile:
        tiles_path = path.with_name(f"{path.stem}-tiles-{tile.lower()}.pdf")
        write_tiles(book, theme, chart, fonts, tile, tiles_path)
        written.append(tiles_path)
    return written
