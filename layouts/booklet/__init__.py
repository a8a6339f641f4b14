"""The illustrated booklet: cover, contents, safety, one page per exercise, diary, notes, back.

The booklet is a reportlab story laid out in a few passes: the first finds which page every
section lands on, the next prints those numbers in the contents and footers ("5 of 16"), and
decides where an exercise that needs two pages must open on a left-hand page so that it reads
as a spread (a notes page fills the gap). The notes section is padded so the page count is a
multiple of four and the booklet folds without blank pages; ``--imposed`` then places the
finished pages 2-up in saddle-stitch order (publish.imposition).

The package: style (type and colour), flowables, cover, story (with the exercise pages and the
back matter), plan (page numbers and breaks between passes), document (templates, footers),
figures (a large book's figures prepared in worker processes).
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.units import mm

from layouts.booklet.document import Document
from layouts.booklet.figures import prepared_in_workers
from layouts.booklet.plan import PageStart, Plan, next_plan, settled_plan
from layouts.booklet.story import Story
from layouts.booklet.style import Look, colour
from publish import imposition
from publish.files import write_bytes, writing
from publish.fonts import FontSet, check_coverage, register
from publish.model import Book
from publish.pdftext import draw_string
from publish.theme import PAGE_SIZES, Theme


def render(book: Book, theme: Theme) -> bytes:
    """The booklet's PDF bytes: drawn once, with the page numbers and breaks ``layout`` settled.

    A large book's figures are prepared meanwhile in worker processes (booklet.figures)."""
    buffer = io.BytesIO()
    render_into(book, theme, buffer)
    return buffer.getvalue()


def render_into(book: Book, theme: Theme, target) -> None:
    """Write the booklet's PDF into ``target`` (a binary file: ``render``'s buffer, or the
    output itself, so that a long booklet's bytes are never all in memory at once)."""
    with prepared_in_workers(book) as workers:
        plan = layout(book, theme)
        if workers is not None:
            workers.settle()  # the figures' boxes are known: their marks are made meanwhile
        for attempt in range(6):
            if attempt:
                _restart(target)
            found = _lay_out(book, theme, plan, target=target)[1]
            if found.settled(plan) and found.starts == plan.starts:
                return
            # Not as predicted (it never has been; see plan.settled_plan): settle by passes.
            plan = next_plan(book, found)
            _LAYOUTS[(book, theme)] = plan


def _restart(target) -> None:
    """Empty ``target`` for another pass (publish.files.writing's file, or a buffer)."""
    if hasattr(target, "restart"):
        target.restart()
    else:
        target.seek(0)
        target.truncate()


def page_numbers(book: Book, theme: Theme) -> dict[str, int]:
    """The first printed page of each part ("cover", "before-you-start", "exercise-3", …).

    The EPUB's page list maps these numbers to its own documents, so that "turn to page 5"
    finds the same exercise in the e-book as in the printed booklet.
    """
    return dict(layout(book, theme).pages)


def page_starts(book: Book, theme: Theme) -> list[PageStart]:
    """Where each printed page begins (page n is item n - 1): its part, its heading, at it or not.

    For the EPUB's page list: a marker for page n belongs where page n starts, which may be in
    the middle of a part ("How to read a dose" opens page 4 of "Before you start").
    """
    return list(layout(book, theme).starts)


#: Settled layouts by (book, theme), newest last; a few, since the book and theme are frozen and
#: ``publish all`` asks for the same booklet's layout twice (the booklet, the EPUB's page list).
_LAYOUTS: dict[tuple[Book, Theme], Plan] = {}
_KEEP = 2


def layout(book: Book, theme: Theme) -> Plan:
    """Where every page of the booklet falls, without drawing it: one measuring pass.

    The pass lays the story out with nothing drawn and no notes pages before exercises;
    ``settled_plan`` works out from it the page breaks and page numbers the printed booklet
    has. The EPUB's page list needs only this; the booklet is then drawn once.
    """
    key = (book, theme)
    if key not in _LAYOUTS:
        while len(_LAYOUTS) >= _KEEP:
            del _LAYOUTS[next(iter(_LAYOUTS))]
        _LAYOUTS[key] = settled_plan(book, _lay_out(book, theme, Plan(), measuring=True)[1])
    return _LAYOUTS[key]


def _lay_out(book: Book, theme: Theme, plan: Plan, measuring: bool = False, target=None) -> tuple[bytes, Plan]:
    """One pass: the story laid out with ``plan``'s page numbers and breaks; the PDF, what it found.

    With ``target`` the PDF is written into it instead (and the bytes returned are empty)."""
    fonts = register()
    look = Look.for_theme(theme)
    buffer = io.BytesIO() if target is None else target
    document = Document(buffer, book, theme, look, fonts, plan, measuring=measuring)
    document.build(Story(book, theme, look, fonts, plan).flowables())
    return (b"" if measuring or target is not None else buffer.getvalue()), document.found


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
    if not imposed:  # written as it is made: a long booklet's bytes are never all in memory
        with writing(path) as out:
            render_into(book, theme, out)
        return [out.path]
    pdf = render(book, theme)
    written = [write_bytes(path, pdf)]
    sheet = PAGE_SIZES[imposition.SHEET_FOR_PAGE[theme.page_name]]
    sheets = imposition.impose(pdf, sheet, _print_note(theme, register()))
    written.append(write_bytes(imposed_path(path), sheets))
    return written
