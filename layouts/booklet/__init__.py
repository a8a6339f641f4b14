"""The illustrated booklet: cover, contents, safety, one page per exercise, diary, notes, back.

The booklet is a reportlab story laid out in a few passes: the first finds which page every
section lands on, the next prints those numbers in the contents and footers ("5 of 16"), and
decides where an exercise that needs two pages must open on a left-hand page so that it reads
as a spread (a notes page fills the gap). The notes section is padded so the page count is a
multiple of four and the booklet folds without blank pages; ``--imposed`` then places the
finished pages 2-up in saddle-stitch order (publish.imposition).

The package: style (type and colour), flowables, cover, story (with the exercise pages and the
back matter), plan (page numbers and breaks between passes), document (templates, footers).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from reportlab.lib.units import mm

from layouts.booklet.document import Document
from layouts.booklet.plan import Plan, next_plan
from layouts.booklet.story import Story
from layouts.booklet.style import Look, colour
from publish import imposition
from publish.files import write_bytes
from publish.fonts import FontSet, check_coverage, register
from publish.model import Book
from publish.pdftext import draw_string
from publish.theme import PAGE_SIZES, Theme


def render(book: Book, theme: Theme) -> bytes:
    """The booklet's PDF bytes, laid out until page numbers and breaks settle."""
    return _settle(book, theme)[0]


def page_numbers(book: Book, theme: Theme) -> dict[str, int]:
    """The first printed page of each part ("cover", "before-you-start", "exercise-3", …).

    The EPUB's page list maps these numbers to its own documents, so that "turn to page 5"
    finds the same exercise in the e-book as in the printed booklet.
    """
    return dict(_settle(book, theme)[1].pages)


@functools.lru_cache(maxsize=2)
def _settle(book: Book, theme: Theme) -> tuple[bytes, Plan]:
    """Lay the booklet out until its page numbers and breaks settle; the PDF and what it measured.

    Cached: ``publish all`` needs the booklet twice (itself, and its page numbers for the
    EPUB's page list), and the model and theme are frozen, so the result cannot go stale.
    """
    fonts = register()
    look = Look.for_theme(theme)
    plan = Plan()
    for _ in range(6):
        buffer = io.BytesIO()
        document = Document(buffer, book, theme, look, fonts, plan)
        document.build(Story(book, theme, look, fonts, plan).flowables())
        found = document.found
        following = next_plan(book, found)
        if following.settled(plan) and found.total == plan.total:
            return buffer.getvalue(), found
        plan = following
    return buffer.getvalue(), found


def imposed_path(path: Path) -> Path:
    """``output/x-booklet.pdf`` → ``output/x-booklet-imposed.pdf``."""
    return path.with_name(f"{path.stem}-imposed{path.suffix}")


def _print_note(theme: Theme, fonts: FontSet):
    """A function drawing the printing note and fold ticks on the first sheet (as a one-page PDF)."""

    def draw(sheet_w: float, sheet_h: float, page_w: float) -> bytes:
        from reportlab.pdfgen.canvas import Canvas

        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(sheet_w, sheet_h), invariant=1, initialFontName=fonts.regular)
        canvas.setFillColor(colour(theme.palette.soft))
        size = 6.5
        draw_string(canvas, sheet_w / 2 - page_w / 2, sheet_h - 8 * mm, imposition.PRINT_NOTE, fonts.regular, size, fonts, "middle")
        canvas.setStrokeColor(colour(theme.palette.rule))
        canvas.setLineWidth(0.5)
        for y0, y1 in ((0, 4 * mm), (sheet_h - 4 * mm, sheet_h)):
            canvas.line(sheet_w / 2, y0, sheet_w / 2, y1)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    return draw


def build(book: Book, theme: Theme, path: Path, imposed: bool = False) -> list[Path]:
    """Write the booklet to ``path`` (and, if ``imposed``, its 2-up copy for folding beside it)."""
    path = Path(path)
    check_coverage(book, register(), "booklet")
    pdf = render(book, theme)
    written = [write_bytes(path, pdf)]
    if imposed:
        sheet = PAGE_SIZES[imposition.SHEET_FOR_PAGE[theme.page_name]]
        sheets = imposition.impose(pdf, sheet, _print_note(theme, register()))
        written.append(write_bytes(imposed_path(path), sheets))
    return written
