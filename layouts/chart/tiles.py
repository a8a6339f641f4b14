"""The poster split over home-printer sheets, at 100 % scale, with cut and glue marks.

Each sheet draws the whole planned chart clipped to its window, so tiles need no plan of their own.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from publish import pdfdoc
from publish.files import write_bytes
from publish.fonts import FontSet
from publish.model import Book
from publish.pdftext import draw_string
from publish.theme import Theme, page_size

from layouts.chart.drawing import _fill, draw
from layouts.chart.model import PRODUCT, ChartPlan

#: Sheets are printed with this much blank paper at each edge (printers cannot print there).
SHEET_MARGIN = 10 * mm
#: Neighbouring tiles repeat this much of the poster, to glue one over the other.
OVERLAP = 15 * mm


@dataclass(frozen=True)
class TileGrid:
    sheet: tuple[float, float]
    columns: int
    rows: int
    step_x: float
    step_y: float
    window: tuple[float, float]  # the part of the poster a sheet shows


def tile_grid(poster: tuple[float, float], sheet_name: str) -> TileGrid:
    """The sheet orientation and grid that cover the poster in the fewest sheets, at 100 % scale."""
    best = None
    for landscape in (False, True):
        sheet = page_size(sheet_name, landscape)
        window = (sheet[0] - 2 * SHEET_MARGIN, sheet[1] - 2 * SHEET_MARGIN)
        step = (window[0] - OVERLAP, window[1] - OVERLAP)
        columns = max(1, math.ceil((poster[0] - OVERLAP) / step[0] - 1e-9))
        rows = max(1, math.ceil((poster[1] - OVERLAP) / step[1] - 1e-9))
        candidate = TileGrid(sheet, columns, rows, step[0], step[1], window)
        if best is None or columns * rows < best.columns * best.rows:
            best = candidate
    return best


def tile_label(row: int, column: int) -> str:
    """``B2``: rows are letters from the top, columns numbers from the left."""
    return f"{chr(ord('A') + row)}{column + 1}"


def write_tiles(book: Book, theme: Theme, chart: ChartPlan, fonts: FontSet, sheet_name: str, path: Path) -> Path:
    grid = tile_grid(theme.page, sheet_name)
    label_size = 9
    buffer = io.BytesIO()
    canvas = pdfdoc.new_canvas(buffer, book, f"{PRODUCT} ({sheet_name} tiles)", fonts, grid.sheet)
    for row in range(grid.rows):
        for column in range(grid.columns):
            # the poster window this sheet shows, in poster coordinates (from the top left)
            left = column * grid.step_x
            top = theme.height - row * grid.step_y
            canvas.saveState()
            clip = canvas.beginPath()
            clip.rect(SHEET_MARGIN, SHEET_MARGIN, grid.window[0], grid.window[1])
            canvas.clipPath(clip, stroke=0, fill=0)
            canvas.translate(SHEET_MARGIN - left, SHEET_MARGIN + grid.window[1] - top)
            draw(canvas, chart, theme, fonts)
            canvas.restoreState()
            _tile_marks(canvas, grid, row, column, label_size, fonts, theme)
            canvas.showPage()
    canvas.save()
    return write_bytes(path, buffer.getvalue())


def _tile_marks(canvas: Canvas, grid: TileGrid, row: int, column: int, size: float, fonts: FontSet, theme: Theme) -> None:
    """Cut and glue marks where this sheet overlaps its neighbours, and the sheet's label."""
    x0, y0 = SHEET_MARGIN, SHEET_MARGIN
    x1, y1 = SHEET_MARGIN + grid.window[0], SHEET_MARGIN + grid.window[1]
    canvas.setStrokeColor(HexColor(theme.palette.soft))
    canvas.setLineWidth(0.5)
    canvas.setDash(3, 2)
    # Each sheet is glued over its left and upper neighbours: cut along the overlap line on
    # the left and top; the right and bottom strips are glue areas for the next sheets.
    if column > 0:
        canvas.line(x0 + OVERLAP, y0, x0 + OVERLAP, y1)
    if row > 0:
        canvas.line(x0, y1 - OVERLAP, x1, y1 - OVERLAP)
    canvas.setDash()
    _fill(canvas, theme.palette.soft)
    label = f"Sheet {tile_label(row, column)} (row {tile_label(row, 0)[0]} of {grid.rows}, column {column + 1} of {grid.columns})"
    if column > 0 or row > 0:
        label += "  – cut on the dashed line, glue over the neighbouring sheet"
    draw_string(canvas, x0, y0 - size * 1.3, label, fonts.regular, size, fonts)
    if column < grid.columns - 1:
        draw_string(canvas, x1, y0 - size * 1.3, f"glue {tile_label(row, column + 1)} here →", fonts.regular, size, fonts, anchor="end")
