"""The document: page templates, the running footer and head, and recording where marked parts land."""

from __future__ import annotations

import functools

from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from layouts.booklet.flowables import Mark, Panel
from layouts.booklet.plan import PageStart, Plan, exercise_key
from layouts.booklet.style import (
    PRODUCT,
    Look,
    colour,
    fit_line,
)
from publish.fonts import FontSet
from publish.model import Book
from publish.pdfdoc import canvas_options, stamp
from publish.pdftext import draw_string
from publish.prescribing import footer_label
from publish import tagging
from publish.tagging import Tagged, TaggedCanvas
from publish.theme import Theme

#: Paragraph styles that head a part or a block, for the page starts.
HEADING_STYLES = frozenset({"h1", "h2", "panel_heading", "panel_heading_warning"})


class _MeasuringFrame(Frame):
    """A frame that places flowables without drawing them: the measuring pass needs only where
    each one lands, and drawing (figures above all) is most of a pass's time."""

    def _add(self, flowable, canv, trySplit=0):
        flowable.drawOn = _draw_nothing
        try:
            return super()._add(flowable, canv, trySplit)
        finally:
            flowable.__dict__.pop("drawOn", None)

    add = _add  # Frame binds ``add`` to its own ``_add`` at class creation


def _draw_nothing(*args, **kwargs) -> None:
    pass


def _first_text(flowable) -> str | None:
    """The plain text a flowable opens with: a paragraph's, or the first paragraph inside a
    tagged wrapper, a panel or a table's first cell (the muscles-and-benefits columns)."""
    for _ in range(8):
        if isinstance(flowable, Paragraph):
            return " ".join(flowable.getPlainText().split()) or None
        if isinstance(flowable, Tagged):
            flowable = flowable.content
        elif isinstance(flowable, Panel) and flowable.content:
            flowable = flowable.content[0]
        elif isinstance(flowable, Table) and flowable._cellvalues and flowable._cellvalues[0]:
            cell = flowable._cellvalues[0][0]
            cell = cell if isinstance(cell, (list, tuple)) else [cell]
            flowable = next((f for f in cell if not isinstance(f, _NOT_CONTENT)), None)
        else:
            return None
    return None


def _heading(flowable) -> str | None:
    """The heading text a flowable opens with, if it is one (or a panel led by one)."""
    if isinstance(flowable, Panel) and not flowable.continued and flowable.content:
        flowable = flowable.content[0]
    if isinstance(flowable, Tagged):
        flowable = flowable.content
    if isinstance(flowable, Paragraph) and flowable.style.name in HEADING_STYLES:
        return flowable.getPlainText()
    return None


#: Flowables that are not a page's first line: space, breaks and instructions to the layout.
_NOT_CONTENT = (Spacer, CondPageBreak, PageBreak, ActionFlowable)


class Document(BaseDocTemplate):
    """Lays out the story, drawing footers and recording where every marked section lands.

    With ``measuring`` it only lays out: nothing is drawn, no footers, outline or links, and
    the result is what ``found`` records (pages, spans, page starts).
    """

    def __init__(self, target, book: Book, theme: Theme, look: Look, fonts: FontSet, plan: Plan, measuring: bool = False):
        super().__init__(
            target,
            pagesize=theme.page,
            leftMargin=look.margin,
            rightMargin=look.margin,
            topMargin=look.margin,
            bottomMargin=look.margin,
            **canvas_options(book, PRODUCT, fonts),
        )
        self.book, self.theme, self.look, self.fonts, self.plan = book, theme, look, fonts, plan
        self.found = Plan(spread_notes=plan.spread_notes, notes_pages=plan.notes_pages)
        self.exercise_titles = {exercise_key(i): e.name for i, e in enumerate(book.exercises)}
        self.current_exercise: str | None = None
        self.exercise_starts = {
            plan.pages[exercise_key(i)]: i for i in range(len(book.exercises)) if exercise_key(i) in plan.pages
        }
        self.outline_parent_open = False
        self.measuring = measuring
        self._doSave = not measuring  # BaseDocTemplate's switch: a measuring pass writes no PDF
        self.part: str | None = None
        self.last_heading: str | None = None
        frame = _MeasuringFrame if measuring else Frame
        full = frame(look.margin, look.margin, theme.width - 2 * look.margin, theme.height - 2 * look.margin, id="cover",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        body = frame(look.margin, look.margin + look.footer, theme.width - 2 * look.margin,
                     theme.height - 2 * look.margin - look.footer, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates(
            [
                PageTemplate("cover", [full], onPage=_draw_nothing if measuring else self.on_cover),
                PageTemplate("body", [body], onPage=_draw_nothing if measuring else self.on_page),
            ]
        )

    def build(self, flowables, filename=None, canvasmaker=TaggedCanvas):
        """Lay out and draw on a tagged canvas (PDF/UA-1: structure, artifacts, metadata). A
        measuring pass's canvas is never saved, so its pages are not spilled to a file."""
        if self.measuring and canvasmaker is TaggedCanvas:
            canvasmaker = functools.partial(TaggedCanvas, spill=False)
        super().build(flowables, filename, canvasmaker)

    def on_cover(self, canvas, doc) -> None:
        stamp(canvas, self.book)
        canvas.showOutline()

    def on_page(self, canvas, doc) -> None:
        look, palette, fonts = self.look, self.theme.palette, self.fonts
        page = canvas.getPageNumber()
        total = self.plan.total or page
        y = look.margin - look.small * 1.45
        canvas.saveState()
        canvas.setStrokeColor(colour(palette.rule))
        canvas.setLineWidth(0.5)
        canvas.line(look.margin, look.margin, self.theme.width - look.margin, look.margin)
        canvas.setFillColor(colour(palette.soft))
        label = f"{page} of {total}"
        title = footer_label(self.book)  # a programme's footer names its patient
        right = self.theme.width - look.margin
        size = look.small
        # Page numbers on the outside edge: left on even (left-hand) pages, right on odd.
        # Footer and running head are pagination artifacts: a screen reader skips them.
        with tagging.artifact(canvas, "Pagination", "Footer"):
            if page % 2 == 0:
                draw_string(canvas, look.margin, y, label, fonts.bold, size, fonts)
                draw_string(canvas, right, y, fit_line(title, fonts, size, self.theme.width * 0.6), fonts.regular, size, fonts, "end")
            else:
                draw_string(canvas, look.margin, y, fit_line(title, fonts, size, self.theme.width * 0.6), fonts.regular, size, fonts)
                draw_string(canvas, right, y, label, fonts.bold, size, fonts, "end")
        # The running head: which exercise starts here (as the previous pass found), or continues.
        head_y = self.theme.height - look.margin * 0.62
        starting = self.exercise_starts.get(page)
        with tagging.artifact(canvas, "Pagination", "Header"):
            if starting is not None:
                canvas.setFillColor(colour(palette.accent))
                text = f"EXERCISE {starting + 1} OF {len(self.book.exercises)}"
                draw_string(canvas, look.margin, head_y, text, fonts.bold, size, fonts)
            elif self.current_exercise is not None:
                name = self.exercise_titles[self.current_exercise]
                text = fit_line(f"{name} (continued)", fonts, size, self.theme.width - 2 * look.margin, fonts.bold)
                draw_string(canvas, look.margin, head_y, text, fonts.bold, size, fonts)
        canvas.restoreState()

    def afterFlowable(self, flowable) -> None:
        if not isinstance(flowable, Mark):
            self.note_page_start(flowable)
            return
        page = self.canv.getPageNumber()
        if flowable.end:
            start = self.found.pages[flowable.exercise]
            self.found.spans[flowable.exercise] = page - start + 1
            self.current_exercise = None
            return
        self.found.pages[flowable.key] = page
        self.part = flowable.key
        if self.measuring:
            return
        self.canv.bookmarkPage(flowable.key, fit="XYZ", left=0, top=self.theme.height)
        if flowable.exercise is not None:
            self.current_exercise = flowable.exercise
            if not self.outline_parent_open:
                self.canv.bookmarkPage("exercises", fit="XYZ", left=0, top=self.theme.height)
                self.canv.addOutlineEntry("Exercises", "exercises", level=0)
                self.outline_parent_open = True
        self.canv.addOutlineEntry(flowable.title, flowable.key, level=flowable.level)

    def note_page_start(self, flowable) -> None:
        """Record where the page begins when ``flowable`` is the first thing drawn on it."""
        heading = _heading(flowable)
        if heading is not None:
            self.last_heading = heading
        page = self.canv.getPageNumber()
        if isinstance(flowable, _NOT_CONTENT) or len(self.found.starts) >= page or self.part is None:
            return
        while len(self.found.starts) < page - 1:  # a page with nothing but space on it
            self.found.starts.append(PageStart(self.part, self.last_heading, False))
        self.found.starts.append(PageStart(self.part, self.last_heading, heading is not None, _first_text(flowable)))

    def handle_pageEnd(self):
        super().handle_pageEnd()
        self.found.total = max(self.found.total, self.page)
