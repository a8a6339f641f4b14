"""The illustrated booklet: cover, contents, safety, one page per exercise, diary, notes, back.

The booklet is a reportlab story laid out in a few passes: the first finds which page every
section lands on, the next prints those numbers in the contents and footers ("5 of 16"), and
decides where an exercise that needs two pages must open on a left-hand page so that it reads
as a spread (a notes page fills the gap). The notes section is padded so the page count is a
multiple of four and the booklet folds without blank pages; ``--imposed`` then places the
finished pages 2-up in saddle-stitch order (publish.imposition).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from publish import figures, imposition, units
from publish.dose import dose_table, phrase
from publish.files import write_bytes
from publish.fonts import FontSet, check_coverage, register
from publish.model import Book, Exercise, Figure
from publish.pdfdoc import canvas_options, draw_drawing, stamp
from publish.pdftext import draw_string, markup
from publish.theme import PAGE_SIZES, Theme
from publish.wording import DISCLAIMER, STOP_AND_ASK_LEAD, URGENT_HELP_LEAD, glossary_for

PRODUCT = "booklet"

#: The cover's lines to fill in by hand, top to bottom.
FILL_IN = ("Prepared for", "by", "on", "How often")

DAYS_PER_WEEK = 7
WEEKS = 2


# -- type and colour ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Look:
    """Sizes in points for one page size, derived from the theme."""

    scale: float
    margin: float
    footer: float  # space kept between the text and the footer rule, which sits on the margin
    body: float
    leading: float
    small: float
    h1: float
    h2: float
    title: float
    gap: float  # vertical rhythm between blocks

    @classmethod
    def for_theme(cls, theme: Theme) -> _Look:
        # Type grows gently with the page (A4 reads at arm's length too), never below A5's.
        scale = max(1.0, theme.scale_from("A5") ** 0.5)
        return cls(
            scale=scale,
            margin=theme.margin * scale,
            footer=4 * mm,
            body=11 * scale,
            leading=14 * scale,
            small=9 * scale,
            h1=19 * scale,
            h2=11.5 * scale,
            title=28 * scale,
            gap=7 * scale,
        )


def _colour(hex_colour: str) -> colors.Color:
    return colors.HexColor(hex_colour)


def _styles(look: _Look, theme: Theme, fonts: FontSet) -> dict[str, ParagraphStyle]:
    p = theme.palette
    body = ParagraphStyle(
        "body", fontName=fonts.regular, fontSize=look.body, leading=look.leading, textColor=_colour(p.ink), spaceAfter=0,
        bulletFontName=fonts.regular,
    )
    return {
        "body": body,
        "soft": ParagraphStyle("soft", body, textColor=_colour(p.soft)),
        "small": ParagraphStyle("small", body, fontSize=look.small, leading=look.small * 1.3, textColor=_colour(p.soft)),
        "eyebrow": ParagraphStyle(
            "eyebrow", body, fontName=fonts.bold, fontSize=look.small, leading=look.small * 1.3, textColor=_colour(p.accent)
        ),
        "h1": ParagraphStyle(
            "h1", body, fontName=fonts.bold, fontSize=look.h1, leading=look.h1 * 1.15, textColor=_colour(p.accent)
        ),
        "h2": ParagraphStyle(
            "h2", body, fontName=fonts.bold, fontSize=look.h2, leading=look.h2 * 1.25, textColor=_colour(p.accent)
        ),
        "step": ParagraphStyle(
            "step",
            body,
            leftIndent=look.body * 1.9,
            bulletIndent=0,
            bulletFontName=fonts.bold,
            bulletFontSize=look.body,
            bulletColor=_colour(p.accent),
        ),
        "bullet": ParagraphStyle(
            "bullet", body, leftIndent=look.body * 1.3, bulletIndent=look.body * 0.2, bulletColor=_colour(p.accent)
        ),
        "panel_heading_warning": ParagraphStyle(
            "panel_heading_warning", body, fontName=fonts.bold, fontSize=look.h2, leading=look.h2 * 1.25,
            textColor=_colour(p.warning),
        ),
        "dose_label": ParagraphStyle(
            "dose_label", body, fontSize=look.small, leading=look.small * 1.25, alignment=TA_CENTER,
            textColor=_colour(p.ink),
        ),
        "dose_value": ParagraphStyle(
            "dose_value", body, fontName=fonts.bold, fontSize=look.body * 1.25, leading=look.body * 1.4,
            alignment=TA_CENTER, textColor=_colour(p.accent),
        ),
        "contents": ParagraphStyle("contents", body, fontSize=look.body * 1.05, leading=look.leading * 1.05),
        "diary": ParagraphStyle("diary", body, fontSize=look.body * 0.9, leading=look.body * 1.1),
        "diary_head": ParagraphStyle(
            "diary_head", body, fontName=fonts.bold, fontSize=look.small, leading=look.small * 1.2, alignment=TA_CENTER
        ),
    }


def _text(text: str, fonts: FontSet, font: str | None = None) -> str:
    """User text as Paragraph markup: escaped, printed literally, with font fallback."""
    return markup(text, fonts, font)


def _sentence(text: str) -> str:
    """A list item such as "support the spine" as it starts a line: "Support the spine"."""
    return text[:1].upper() + text[1:]


def _date(day) -> str:
    return f"{day.day} {day:%B %Y}"


# -- flowables ------------------------------------------------------------------------------


class Mark(Flowable):
    """Zero-size marker: records the page it lands on, and adds a bookmark and outline entry."""

    def __init__(self, key: str, title: str | None = None, level: int = 0, exercise: str | None = None, end: bool = False):
        super().__init__()
        self.key, self.title, self.level, self.exercise, self.end = key, title, level, exercise, end
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        pass


class Panel(Flowable):
    """A tinted box with a bar down its left edge and an optional drawn symbol; splits across pages."""

    def __init__(self, content, background, bar, look: _Look, symbol=None, continued=False):
        super().__init__()
        self.content = list(content)
        self.background, self.bar, self.look, self.symbol = background, bar, look, symbol
        self.continued = continued
        self.pad = 2.6 * mm * look.scale
        self.symbol_size = (7 if symbol is warning_symbol else 5.5) * mm * look.scale if symbol else 0

    def _inner(self, width):
        return width - 2 * self.pad - (self.symbol_size + self.pad if self.symbol else 0) - 1.2 * mm

    def _gap(self):
        return self.look.gap * 0.45

    def wrap(self, available_width, available_height):
        self.width = available_width
        inner = self._inner(available_width)
        heights = [f.wrap(inner, available_height)[1] for f in self.content]
        self.height = max(sum(heights) + self._gap() * (len(heights) - 1), self.symbol_size) + 2 * self.pad
        return self.width, self.height

    def split(self, available_width, available_height):
        inner = self._inner(available_width)
        room = available_height - 2 * self.pad
        first, used = [], 0.0
        rest = []
        for index, item in enumerate(self.content):
            height = item.wrap(inner, room - used)[1]
            if used + height <= room:
                first.append(item)
                used += height + self._gap()
                continue
            parts = item.split(inner, room - used)
            if parts:
                first.append(parts[0])
                rest = parts[1:] + self.content[index + 1 :]
            else:
                rest = self.content[index:]
            break
        if len(first) < min(2, len(self.content)) or not rest:
            return []  # never leave a panel's heading alone at the foot of a page
        return [
            Panel(first, self.background, self.bar, self.look, self.symbol, self.continued),
            Panel(rest, self.background, self.bar, self.look, self.symbol, continued=True),
        ]

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.background)
        canvas.setStrokeColor(self.bar)
        canvas.setLineWidth(0.8)
        canvas.roundRect(0, 0, self.width, self.height, 2.5 * mm, stroke=1, fill=1)
        canvas.setFillColor(self.bar)
        canvas.rect(0, 0, 1.6 * mm, self.height, stroke=0, fill=1)
        canvas.restoreState()
        x = self.pad + 1.2 * mm
        if self.symbol:
            self.symbol(canvas, x, self.height - self.pad - self.symbol_size, self.symbol_size, self.bar)
            x += self.symbol_size + self.pad
        inner = self._inner(self.width)
        y = self.height - self.pad
        for item in self.content:
            height = item.wrap(inner, self.height)[1]
            y -= height
            item.drawOn(canvas, x, y)
            y -= self._gap()


def warning_symbol(canvas, x, y, size, colour) -> None:
    """A drawn warning triangle with an exclamation mark (vector, not a font glyph)."""
    canvas.saveState()
    canvas.setFillColor(colour)
    canvas.setStrokeColor(colour)
    canvas.setLineJoin(1)
    canvas.setLineWidth(size * 0.08)
    path = canvas.beginPath()
    path.moveTo(x + size / 2, y + size * 0.95)
    path.lineTo(x + size * 0.02, y + size * 0.08)
    path.lineTo(x + size * 0.98, y + size * 0.08)
    path.close()
    canvas.drawPath(path, stroke=1, fill=1)
    canvas.setFillColor(colors.white)
    bar_w = size * 0.11
    canvas.roundRect(x + size / 2 - bar_w / 2, y + size * 0.38, bar_w, size * 0.36, bar_w / 2, stroke=0, fill=1)
    canvas.circle(x + size / 2, y + size * 0.24, bar_w * 0.62, stroke=0, fill=1)
    canvas.restoreState()


def tip_symbol(canvas, x, y, size, colour) -> None:
    """A drawn "i" in a circle for tips."""
    canvas.saveState()
    canvas.setFillColor(colour)
    radius = size * 0.45
    cx, cy = x + size / 2, y + size / 2
    canvas.circle(cx, cy, radius, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    bar_w = size * 0.12
    canvas.roundRect(cx - bar_w / 2, cy - radius * 0.55, bar_w, radius * 0.85, bar_w / 2, stroke=0, fill=1)
    canvas.circle(cx, cy + radius * 0.55, bar_w * 0.62, stroke=0, fill=1)
    canvas.restoreState()


class TickBoxes(Flowable):
    """One box to tick, or a left and a right box for an exercise done on each side."""

    def __init__(self, labels: tuple[str, ...], size: float, fonts: FontSet, colour, label_size: float):
        super().__init__()
        self.labels, self.size, self.fonts, self.colour, self.label_size = labels, size, fonts, colour, label_size

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.size + (self.label_size * 1.2 if any(self.labels) else 0)
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        count = len(self.labels)
        gap = self.size * 0.35
        total = count * self.size + (count - 1) * gap
        x = (self.width - total) / 2
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(0.8)
        for label in self.labels:
            canvas.rect(x, 0, self.size, self.size, stroke=1, fill=0)
            if label:
                canvas.setFillColor(self.colour)
                draw_string(canvas, x + self.size / 2, self.size + 1.5, label, self.fonts.bold, self.label_size, self.fonts, "middle")
            x += self.size + gap


class RuledLines(Flowable):
    """Writing lines filling the rest of the frame."""

    def __init__(self, spacing: float, colour):
        super().__init__()
        self.spacing, self.colour = spacing, colour

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = max(self.spacing, available_height - 1)
        return self.width, self.height

    def split(self, available_width, available_height):
        return []

    def draw(self):
        canvas = self.canv
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(0.5)
        y = self.height - self.spacing
        while y >= 0:
            canvas.line(0, y, self.width, y)
            y -= self.spacing


class Illustration(Flowable):
    """An exercise's figure, fitted into a box and centred."""

    def __init__(self, figure: Figure, width: float, height: float, theme: Theme, fonts: FontSet):
        super().__init__()
        self.figure, self.box_w, self.box_h, self.theme, self.fonts = figure, width, height, theme, fonts

    def wrap(self, available_width, available_height):
        self.width = min(self.box_w, available_width)
        self.height = self.box_h
        return self.width, self.height

    def draw(self):
        drawing = figures.drawing(self.figure, self.width, self.height)
        x, y = (self.width - drawing.width) / 2, (self.height - drawing.height) / 2
        draw_drawing(drawing, self.canv, x, y, self.fonts.regular)


class Cover(Flowable):
    """The whole cover: a title band, the illustration and lines to fill in by hand."""

    def __init__(self, book: Book, look: _Look, theme: Theme, styles, fonts: FontSet):
        super().__init__()
        self.book, self.look, self.theme, self.styles, self.fonts = book, look, theme, styles, fonts

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, available_height - 1
        return self.width, self.height

    def draw(self):
        canvas, look, palette, fonts = self.canv, self.look, self.theme.palette, self.fonts
        band_pad = look.margin
        title_style = ParagraphStyle(
            "cover_title", self.styles["h1"], fontSize=look.title, leading=look.title * 1.12, textColor=_colour(palette.paper)
        )
        sub_style = ParagraphStyle(
            "cover_sub", self.styles["body"], fontSize=look.h2 * 1.15, leading=look.h2 * 1.5, textColor=_colour(palette.paper)
        )
        eyebrow = ParagraphStyle("cover_eyebrow", self.styles["eyebrow"], textColor=_colour(palette.accent_tint))
        parts = [Paragraph("HOME EXERCISE PROGRAMME", eyebrow), Paragraph(_text(self.book.title, fonts, fonts.bold), title_style)]
        if self.book.subtitle:
            parts.append(Paragraph(_text(self.book.subtitle, fonts), sub_style))
        heights = [p.wrap(self.width, self.height)[1] for p in parts]
        gaps = look.gap * 1.2
        band_h = sum(heights) + gaps * (len(parts) - 1) + band_pad * 1.3
        # The band bleeds to the page's top and sides (the frame starts one margin in).
        page_top = self.height + look.margin
        canvas.saveState()
        canvas.setFillColor(_colour(palette.accent))
        canvas.rect(-look.margin, page_top - band_h - look.margin * 0.6, self.width + 2 * look.margin, band_h + look.margin * 0.6, stroke=0, fill=1)
        canvas.restoreState()
        y = page_top - band_pad
        for part, height in zip(parts, heights):
            y -= height
            part.drawOn(canvas, 0, y)
            y -= gaps
        band_bottom = page_top - band_h - look.margin * 0.6

        lines_top = self._fill_in_lines()
        count = len(self.book.exercises)
        tagline = f"{count} exercise{'s' if count != 1 else ''}, with a diary to track your progress"
        canvas.setFillColor(_colour(palette.soft))
        tagline_y = lines_top + look.gap * 3
        draw_string(canvas, self.width / 2, tagline_y, tagline, fonts.regular, look.body, fonts, "middle")
        figure = next((e.figure for e in self.book.exercises if e.figure is not None), None)
        room_top, room_bottom = band_bottom - look.gap * 3, tagline_y + look.body + look.gap * 2
        if figure is not None and room_top - room_bottom > 20 * mm:
            height = min(room_top - room_bottom, self.width / figures.aspect(figure))
            picture = Illustration(figure, self.width, height, self.theme, fonts)
            picture.wrap(self.width, height)
            picture.drawOn(canvas, 0, room_bottom + (room_top - room_bottom - height) / 2)

    def _fill_in_lines(self) -> float:
        """Draw the lines the physiotherapist fills in by hand at the foot; return the block's top.

        "How often" is asked, not printed: the source gives no frequency, and the products
        never invent a dose.
        """
        canvas, look, fonts = self.canv, self.look, self.fonts
        canvas.setStrokeColor(_colour(self.theme.palette.rule))
        canvas.setFillColor(_colour(self.theme.palette.ink))
        canvas.setLineWidth(0.7)
        row = look.body * 2.6
        label_w = max(_width(label, fonts.bold, look.body, fonts) for label in FILL_IN) + 3 * mm
        y = look.gap
        for label in reversed(FILL_IN):
            draw_string(canvas, 0, y + 2, label, fonts.bold, look.body, fonts)
            canvas.line(label_w, y, self.width, y)
            y += row
        return y


def _height(flowables: list[Flowable], width: float, room: float) -> float:
    """How tall ``flowables`` stand, stacked in a frame ``width`` wide (page breaks ignored)."""
    total = 0.0
    for flowable in flowables:
        if isinstance(flowable, (CondPageBreak, Mark)):
            continue
        total += flowable.wrap(width, room)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _width(text, font, size, fonts):
    from publish.pdftext import string_width

    return string_width(text, font, size, fonts)


# -- the story ------------------------------------------------------------------------------


@dataclass
class _Plan:
    """What one layout pass learned, used by the next: page numbers and page breaks."""

    pages: dict[str, int] = field(default_factory=dict)  # section/exercise key → first page
    spans: dict[str, int] = field(default_factory=dict)  # exercise key → pages it fills
    total: int = 0
    spread_notes: frozenset[str] = frozenset()  # exercises preceded by a notes page
    notes_pages: int = 1

    def settled(self, other: _Plan) -> bool:
        return (self.pages, self.spans, self.total, self.spread_notes, self.notes_pages) == (
            other.pages, other.spans, other.total, other.spread_notes, other.notes_pages
        )


def _exercise_key(index: int) -> str:
    return f"exercise-{index + 1}"


class _Story:
    """Builds the flowables for every page from the book, the look and the previous pass's plan."""

    def __init__(self, book: Book, theme: Theme, look: _Look, fonts: FontSet, plan: _Plan):
        self.book, self.theme, self.look, self.fonts, self.plan = book, theme, look, fonts, plan
        self.styles = _styles(look, theme, fonts)
        self.palette = theme.palette
        self.frame_w = theme.width - 2 * look.margin
        self.frame_h = theme.height - 2 * look.margin - look.footer

    def para(self, text: str, style: str, font: str | None = None, **kw) -> Paragraph:
        """A paragraph of user text (escaped)."""
        return Paragraph(_text(text, self.fonts, font), self.styles[style], **kw)

    def fixed(self, html: str, style: str, **kw) -> Paragraph:
        """A paragraph of the layout's own markup (no user text inside unescaped)."""
        return Paragraph(html, self.styles[style], **kw)

    def heading(self, text: str, style: str = "h2", space_before: float | None = None) -> list[Flowable]:
        gap = self.look.gap if space_before is None else space_before
        return [Spacer(1, gap), self.para(text, style, self.fonts.bold)]

    def page_of(self, key: str) -> str:
        page = self.plan.pages.get(key)
        return str(page) if page else "00"

    # -- pages ------------------------------------------------------------------------------

    def flowables(self) -> list[Flowable]:
        story: list[Flowable] = [Mark("cover", "Cover"), Cover(self.book, self.look, self.theme, self.styles, self.fonts)]
        story += [NextPageTemplate("body"), PageBreak()]
        story += self.contents()
        story += [PageBreak()] + self.before_you_start()
        for index, exercise in enumerate(self.book.exercises):
            key = _exercise_key(index)
            if key in self.plan.spread_notes:
                story += [PageBreak()] + self.notes_page(mark=False)
            story += [PageBreak()] + self.exercise_page(index, exercise)
        story += [PageBreak()] + self.diary()
        for number in range(self.plan.notes_pages):
            story += [PageBreak()] + self.notes_page(mark=number == 0)
        story += [PageBreak()] + self.back_page()
        return story

    def contents(self) -> list[Flowable]:
        out: list[Flowable] = [Mark("contents", "Contents"), self.fixed("Contents", "h1"), Spacer(1, self.look.gap * 1.5)]
        rows = []
        link = self.palette.ink

        def entry(key: str, number: str, title: str, detail: str | None = None):
            name = f'<a href="#{key}" color="{link}">{_text(title, self.fonts, self.fonts.bold)}</a>'
            if detail:
                name += (
                    f'<br/><font name="{self.fonts.regular}" size="{self.look.small * 1.1:.1f}" color="{self.palette.soft}">'
                    f"{_text(detail, self.fonts)}</font>"
                )
            page = f'<a href="#{key}" color="{self.palette.accent}"><b>{self.page_of(key)}</b></a>'
            rows.append(
                [
                    self.fixed(f'<font color="{self.palette.accent}"><b>{number}</b></font>', "contents"),
                    Paragraph(name, ParagraphStyle("contents_name", self.styles["contents"], fontName=self.fonts.bold)),
                    Paragraph(page, ParagraphStyle("contents_page", self.styles["contents"], alignment=2)),
                ]
            )

        entry("before-you-start", "", "Before you start")
        for index, exercise in enumerate(self.book.exercises):
            entry(_exercise_key(index), str(index + 1), exercise.name, phrase(exercise.dose) or None)
        entry("diary", "", "Exercise diary")
        entry("notes", "", "Notes")
        entry("about", "", "About this booklet")
        number_w = self.look.body * 2.4
        page_w = self.look.body * 3
        table = Table(rows, colWidths=[number_w, self.frame_w - number_w - page_w, page_w], repeatRows=0)
        table.setStyle(self.ruled_list_style(self.look.gap * 0.55, self.look.gap * 0.65, last_rule=-1))
        out.append(table)
        return out

    def before_you_start(self) -> list[Flowable]:
        look = self.look
        out: list[Flowable] = [Mark("before-you-start", "Before you start"), self.fixed("Before you start", "h1")]
        count = len(self.book.exercises)
        out += [
            Spacer(1, look.gap),
            self.fixed(
                f"This booklet describes {count} exercise{'s' if count != 1 else ''}. Read these notes first, then do "
                "each exercise slowly, at the dose in its blue box, and tick the diary at the back.",
                "body",
            ),
        ]
        if self.book.safety:
            content = [self.fixed("Safety first", "panel_heading_warning")]
            content += [self.para(note, "bullet", bulletText="•") for note in self.book.safety]
            out += [Spacer(1, look.gap * 1.4), self.warning_panel(content)]
        if when_to_stop := self.when_to_stop():
            out.append(KeepTogether(when_to_stop))
        out.append(KeepTogether(self.how_to_read_a_dose()))
        return out

    def when_to_stop(self) -> list[Flowable]:
        """The data's "stop and ask" and "get urgent help" lists; nothing when it has neither."""
        book = self.book
        if not (book.stop_and_ask_if or book.urgent_help_if):
            return []
        out = self.heading("When to stop and seek help", space_before=self.look.gap * 1.6)
        if book.stop_and_ask_if:
            out += [Spacer(1, self.look.gap * 0.4), self.fixed(f"<b>{STOP_AND_ASK_LEAD}</b>", "body")]
            out += [self.para(item, "bullet", bulletText="•") for item in book.stop_and_ask_if]
        if book.urgent_help_if:
            lead = f'<font color="{self.palette.warning}"><b>{URGENT_HELP_LEAD}</b></font>'
            out += [Spacer(1, self.look.gap * 0.6), self.fixed(lead, "body")]
            out += [self.para(item, "bullet", bulletText="•") for item in book.urgent_help_if]
        return out

    def how_to_read_a_dose(self) -> list[Flowable]:
        """The glossary, with the fullest dose in the book shown as its box for an example."""
        look = self.look
        out = self.heading("How to read a dose", space_before=look.gap * 1.6)
        example = max(self.book.exercises, key=lambda e: len(dose_table(e.dose)))
        box = self.dose_box(example)
        if box is not None:
            out += [
                Spacer(1, look.gap * 0.4),
                self.fixed("Each exercise page shows its dose in a blue box. For example, the box for", "body"),
                self.para(f"{example.name}:", "body", self.fonts.bold),
                Spacer(1, look.gap * 0.6),
                box,
                Spacer(1, look.gap * 0.6),
                self.fixed(f"means: {_text(phrase(example.dose), self.fonts)}.", "body"),
            ]
        term_w = look.body * 6.6
        glossary = Table(
            [[self.fixed(f"<b>{term}</b>", "body"), self.fixed(_sentence(meaning), "body")] for term, meaning in glossary_for(self.book)],
            colWidths=[term_w, self.frame_w - term_w],
        )
        glossary.setStyle(self.ruled_list_style(look.gap * 0.35, look.gap * 0.35, last_rule=-2))
        return out + [Spacer(1, look.gap), glossary]

    def ruled_list_style(self, top: float, bottom: float, last_rule: int) -> TableStyle:
        """A borderless table of rows, ruled below each row up to ``last_rule`` (-1: all, -2: not the last)."""
        return TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), top),
                ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
                ("LINEBELOW", (0, 0), (-1, last_rule), 0.4, _colour(self.palette.rule)),
            ]
        )

    def warning_panel(self, content: list[Flowable]) -> Panel:
        return Panel(content, _colour(self.palette.warning_tint), _colour(self.palette.warning), self.look, warning_symbol)

    def dose_box(self, exercise: Exercise) -> Flowable | None:
        rows = dose_table(exercise.dose)
        if not rows:
            return None
        cells = [[self.fixed(label.upper(), "dose_label"), self.para(value, "dose_value", self.fonts.bold)] for label, value in rows]
        weights = [max(len(value), len(label) * 0.9, 7) for label, value in rows]  # labels never break
        table = Table([cells], colWidths=[self.frame_w * w / sum(weights) for w in weights])
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), _colour(self.palette.accent_tint)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
                    ("TOPPADDING", (0, 0), (-1, -1), self.look.gap * 0.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), self.look.gap * 0.6),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ("LINEAFTER", (0, 0), (-2, -1), 0.6, colors.white),
                    ("ROUNDEDCORNERS", [2.5 * mm] * 4),
                ]
            )
        )
        return table

    def exercise_page(self, index: int, exercise: Exercise) -> list[Flowable]:
        """Name, illustration, dose, steps, safety, muscles and benefits, tips: one page if it can be.

        When the page overflows by a little, the illustration gives up some height (down to
        two thirds of its natural size) rather than push a few lines onto a second page.
        """
        key = _exercise_key(index)
        figure_height = None
        if exercise.figure is not None:
            figure_height = min(self.frame_w / figures.aspect(exercise.figure), self.frame_h * 0.27)
        head, body = self.exercise_parts(exercise, figure_height)
        overflow = _height(head + body, self.frame_w, self.frame_h) - self.frame_h
        if figure_height is not None and 0 < overflow <= figure_height / 3:
            head, body = self.exercise_parts(exercise, figure_height - overflow - 2)
        mark = Mark(key, exercise.name, level=1, exercise=key)  # "Exercise 1 of 7" is the running head
        return [mark, KeepTogether(head), *body, Mark(f"{key}-end", exercise=key, end=True)]

    def exercise_parts(self, exercise: Exercise, figure_height: float | None) -> tuple[list[Flowable], list[Flowable]]:
        """The heading group (kept together) and the rest, which may run onto a second page."""
        look, fonts = self.look, self.fonts
        head: list[Flowable] = [self.para(exercise.name, "h1", fonts.bold)]
        if exercise.about:
            head += [Spacer(1, look.gap * 0.6), self.para(exercise.about, "soft")]
        if exercise.figure is not None and figure_height is not None:
            head += [Spacer(1, look.gap), Illustration(exercise.figure, self.frame_w, figure_height, self.theme, fonts)]
        box = self.dose_box(exercise)
        if box is not None:
            head += [Spacer(1, look.gap), box]

        steps = [
            self.para(units.render(step, "both"), "step", bulletText=str(number))
            for number, step in enumerate(exercise.steps, 1)
        ]
        body = self.block("How to do it", steps, gap=look.gap * 0.12)
        if exercise.safety:
            content = [self.fixed("Safety", "panel_heading_warning")]
            content += [self.para(note, "bullet", bulletText="•") for note in exercise.safety]
            body += [Spacer(1, look.gap * 1.1), self.warning_panel(content)]
        body += self.muscles_and_benefits(exercise)
        if exercise.tips:
            label = f'<font name="{fonts.bold}" color="{self.palette.accent}">Tip</font>  '
            content = [Paragraph(label + _text(tip, fonts), self.styles["body"]) for tip in exercise.tips]
            body += [
                Spacer(1, look.gap * 1.1),
                Panel(content, _colour(self.palette.accent_tint), _colour(self.palette.accent), look, tip_symbol),
            ]
        return head, body

    def muscles_and_benefits(self, exercise: Exercise) -> list[Flowable]:
        """Muscles worked beside the benefits when both are short; one after the other otherwise."""
        look = self.look
        muscles = [self.para(_sentence(", ".join(exercise.muscles)), "body")] if exercise.muscles else []
        benefits = [self.para(_sentence(b), "bullet", bulletText="•") for b in exercise.benefits]
        if muscles and benefits:
            # As wide as "Muscles worked" or the muscles' names need, within a third of the page.
            needed = max(
                _width("Muscles worked", self.fonts.bold, look.h2, self.fonts),
                _width(", ".join(exercise.muscles), self.fonts.regular, look.body, self.fonts),
            )
            left_w = min(needed + look.gap * 1.5, self.frame_w * 0.36)
            columns = [
                [*self.heading("Muscles worked", space_before=0), Spacer(1, look.gap * 0.35), *muscles],
                [*self.heading("Benefits", space_before=0), Spacer(1, look.gap * 0.35), *benefits],
            ]
            table = Table([columns], colWidths=[left_w, self.frame_w - left_w])
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (0, -1), look.gap),
                        ("RIGHTPADDING", (1, 0), (1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ]
                )
            )
            if table.wrap(self.frame_w, self.frame_h)[1] < self.frame_h / 3:
                return [Spacer(1, look.gap * 1.1), table]
        out: list[Flowable] = []
        if muscles:
            out += self.block("Muscles worked", muscles)
        if benefits:
            out += self.block("Benefits", benefits)
        return out

    def block(self, title: str, items: list[Flowable], gap: float = 0.0) -> list[Flowable]:
        """A small heading kept with its first item, then the items (which may break across pages)."""
        spaced: list[Flowable] = []
        for item in items:
            if spaced and gap:
                spaced.append(Spacer(1, gap))
            spaced.append(item)
        heading = self.heading(title, space_before=self.look.gap * 1.1)
        # Room for the heading and three lines of what follows, or start on the next page; the
        # items themselves may then break (a step longer than a page carries on overleaf).
        room = self.look.gap * 1.65 + self.look.h2 * 1.25 + self.look.leading * 3
        return [CondPageBreak(room), *heading, Spacer(1, self.look.gap * 0.25), *spaced]

    def diary(self) -> list[Flowable]:
        look, fonts, palette = self.look, self.fonts, self.palette
        out: list[Flowable] = []
        name_w = self.frame_w * 0.34
        day_w = (self.frame_w - name_w) / DAYS_PER_WEEK
        box = min(day_w * 0.42, 5.5 * mm * look.scale)
        rule = _colour(palette.rule)
        for week in range(1, WEEKS + 1):
            if week > 1:
                out.append(PageBreak())
            if week == 1:
                out.append(Mark("diary", "Exercise diary"))
            out += [
                self.fixed(f"Exercise diary · week {week}", "h1"),
                Spacer(1, look.gap * 0.6),
                self.fixed(
                    "Tick a box each time you finish an exercise. At the end of each day, write down your pain "
                    "from 0 (no pain) to 10 (the worst pain you can imagine).",
                    "soft",
                ),
                Spacer(1, look.gap),
            ]
            header = [self.fixed("<b>Day</b>", "diary")] + [self.fixed(str(d), "diary_head") for d in range(1, DAYS_PER_WEEK + 1)]
            dates = [self.fixed("Date", "diary")] + [""] * DAYS_PER_WEEK
            rows = [header, dates]
            heights = [None, look.leading * 1.6]
            row_h = min(max(look.leading * 2.1, self.diary_row_height()), look.leading * 4.2)
            for exercise in self.book.exercises:
                labels = ("L", "R") if exercise.dose.each_side else ("",)
                name = self.para(exercise.name, "diary")
                rows.append([name] + [TickBoxes(labels, box * (0.8 if len(labels) > 1 else 1), fonts, rule, look.small * 0.85)
                                      for _ in range(DAYS_PER_WEEK)])
                heights.append(max(row_h, name.wrap(name_w - 6, self.frame_h)[1] + look.gap))
            rows.append([self.fixed("<b>Pain</b> (0–10)", "diary")] + [""] * DAYS_PER_WEEK)
            heights.append(look.leading * 2.2)
            table = Table(rows, colWidths=[name_w] + [day_w] * DAYS_PER_WEEK, rowHeights=heights, repeatRows=2)
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
                        ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                        ("GRID", (0, 0), (-1, -1), 0.5, rule),
                        ("BACKGROUND", (0, 0), (-1, 0), _colour(palette.accent_tint)),
                        ("BACKGROUND", (0, -1), (-1, -1), _colour(palette.warning_tint)),
                        ("TOPPADDING", (0, 0), (-1, -1), look.gap * 0.45),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), look.gap * 0.45),
                        ("LEFTPADDING", (0, 0), (-1, -1), 3),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            out.append(table)
        return out

    def diary_row_height(self) -> float:
        """Row height that lets one week fill the page (the table continues over pages if it cannot)."""
        fixed = self.look.h1 * 1.15 + self.look.gap * 1.6 + self.look.leading * 3 + self.look.leading * 5.2 + 24
        return (self.frame_h - fixed) / max(1, len(self.book.exercises))

    def notes_page(self, mark: bool) -> list[Flowable]:
        out: list[Flowable] = [Mark("notes", "Notes")] if mark else []
        return out + [self.fixed("Notes", "h1"), Spacer(1, self.look.gap), RuledLines(9 * mm * self.look.scale, _colour(self.palette.rule))]

    def back_page(self) -> list[Flowable]:
        look, book = self.look, self.book
        out: list[Flowable] = [Mark("about", "About this booklet"), self.fixed("About this booklet", "h1"), Spacer(1, look.gap)]
        source = book.source
        if source is not None:
            text = f"The exercises in this booklet come from “{_text(source.title, self.fonts)}”"
            if source.author:
                text += f" by {_text(source.author, self.fonts)}"
            if source.publisher:
                text += f", {_text(source.publisher, self.fonts)}"
            text += "."
            if source.updated:
                text += f" The source was last updated on {_date(source.updated)}."
            out.append(self.fixed(text, "body"))
            if source.url:
                out += [Spacer(1, look.gap * 0.5), self.para(source.url, "soft")]
        if book.date:
            out += [Spacer(1, look.gap), self.fixed(f"<b>Data date</b>: {_date(book.date)}", "body")]
        out += self.heading("Disclaimer", space_before=look.gap * 1.8)
        out += [Spacer(1, look.gap * 0.4), self.fixed(DISCLAIMER, "body")]
        for link in book.links:
            out += [Spacer(1, look.gap * 0.5), self.para(link, "soft")]
        from publish import __version__

        out += [Spacer(1, look.gap * 2), self.fixed(f"Made with exercise-publisher {__version__}.", "small")]
        return out


# -- the document ---------------------------------------------------------------------------


class _Document(BaseDocTemplate):
    """Lays out the story, drawing footers and recording where every marked section lands."""

    def __init__(self, target, book: Book, theme: Theme, look: _Look, fonts: FontSet, plan: _Plan):
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
        self.found = _Plan(spread_notes=plan.spread_notes, notes_pages=plan.notes_pages)
        self.exercise_titles = {_exercise_key(i): e.name for i, e in enumerate(book.exercises)}
        self.current_exercise: str | None = None
        self.exercise_starts = {
            plan.pages[_exercise_key(i)]: i for i in range(len(book.exercises)) if _exercise_key(i) in plan.pages
        }
        self.outline_parent_open = False
        full = Frame(look.margin, look.margin, theme.width - 2 * look.margin, theme.height - 2 * look.margin, id="cover",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        body = Frame(look.margin, look.margin + look.footer, theme.width - 2 * look.margin,
                     theme.height - 2 * look.margin - look.footer, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates(
            [
                PageTemplate("cover", [full], onPage=self.on_cover),
                PageTemplate("body", [body], onPage=self.on_page),
            ]
        )

    def on_cover(self, canvas, doc) -> None:
        stamp(canvas, self.book)
        canvas.showOutline()

    def on_page(self, canvas, doc) -> None:
        look, palette, fonts = self.look, self.theme.palette, self.fonts
        page = canvas.getPageNumber()
        total = self.plan.total or page
        y = look.margin - look.small * 1.45
        canvas.saveState()
        canvas.setStrokeColor(_colour(palette.rule))
        canvas.setLineWidth(0.5)
        canvas.line(look.margin, look.margin, self.theme.width - look.margin, look.margin)
        canvas.setFillColor(_colour(palette.soft))
        label = f"{page} of {total}"
        title = self.book.title
        right = self.theme.width - look.margin
        size = look.small
        # Page numbers on the outside edge: left on even (left-hand) pages, right on odd.
        if page % 2 == 0:
            draw_string(canvas, look.margin, y, label, fonts.bold, size, fonts)
            draw_string(canvas, right, y, _fit(title, fonts, size, self.theme.width * 0.6), fonts.regular, size, fonts, "end")
        else:
            draw_string(canvas, look.margin, y, _fit(title, fonts, size, self.theme.width * 0.6), fonts.regular, size, fonts)
            draw_string(canvas, right, y, label, fonts.bold, size, fonts, "end")
        # The running head: which exercise starts here (as the previous pass found), or continues.
        head_y = self.theme.height - look.margin * 0.62
        starting = self.exercise_starts.get(page)
        if starting is not None:
            canvas.setFillColor(_colour(palette.accent))
            text = f"EXERCISE {starting + 1} OF {len(self.book.exercises)}"
            draw_string(canvas, look.margin, head_y, text, fonts.bold, size, fonts)
        elif self.current_exercise is not None:
            name = self.exercise_titles[self.current_exercise]
            text = _fit(f"{name} (continued)", fonts, size, self.theme.width - 2 * look.margin)
            draw_string(canvas, look.margin, head_y, text, fonts.bold, size, fonts)
        canvas.restoreState()

    def afterFlowable(self, flowable) -> None:
        if not isinstance(flowable, Mark):
            return
        page = self.canv.getPageNumber()
        if flowable.end:
            start = self.found.pages[flowable.exercise]
            self.found.spans[flowable.exercise] = page - start + 1
            self.current_exercise = None
            return
        self.found.pages[flowable.key] = page
        self.canv.bookmarkPage(flowable.key, fit="XYZ", left=0, top=self.theme.height)
        if flowable.exercise is not None:
            self.current_exercise = flowable.exercise
            if not self.outline_parent_open:
                self.canv.bookmarkPage("exercises", fit="XYZ", left=0, top=self.theme.height)
                self.canv.addOutlineEntry("Exercises", "exercises", level=0)
                self.outline_parent_open = True
        self.canv.addOutlineEntry(flowable.title, flowable.key, level=flowable.level)

    def handle_pageEnd(self):
        super().handle_pageEnd()
        self.found.total = max(self.found.total, self.page)


def _fit(text: str, fonts: FontSet, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` (for one-line running heads)."""
    from publish.pdftext import string_width

    if string_width(text, fonts.regular, size, fonts) <= width:
        return text
    while text and string_width(text + "…", fonts.regular, size, fonts) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _next_plan(book: Book, found: _Plan) -> _Plan:
    """Decide the next pass's page breaks from what this pass measured."""
    spread_notes: set[str] = set()
    shift = 0
    for index in range(len(book.exercises)):
        key = _exercise_key(index)
        inserted_before = sum(1 for other in range(index + 1) if _exercise_key(other) in found.spread_notes)
        start = found.pages[key] - inserted_before + shift
        if found.spans.get(key, 1) > 1 and start % 2 == 1:
            spread_notes.add(key)
            shift += 1
    total_without_padding = found.total - found.notes_pages + 1 - len(found.spread_notes) + len(spread_notes)
    notes_pages = 1 + (imposition.padded_count(total_without_padding) - total_without_padding)
    return replace(found, spread_notes=frozenset(spread_notes), notes_pages=notes_pages)


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
def _settle(book: Book, theme: Theme) -> tuple[bytes, _Plan]:
    """Lay the booklet out until its page numbers and breaks settle; the PDF and what it measured.

    Cached: ``publish all`` needs the booklet twice (itself, and its page numbers for the
    EPUB's page list), and the model and theme are frozen, so the result cannot go stale.
    """
    fonts = register()
    look = _Look.for_theme(theme)
    plan = _Plan()
    for _ in range(6):
        buffer = io.BytesIO()
        document = _Document(buffer, book, theme, look, fonts, plan)
        document.build(_Story(book, theme, look, fonts, plan).flowables())
        found = document.found
        following = _next_plan(book, found)
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
        canvas.setFillColor(_colour(theme.palette.soft))
        size = 6.5
        draw_string(canvas, sheet_w / 2 - page_w / 2, sheet_h - 8 * mm, imposition.PRINT_NOTE, fonts.regular, size, fonts, "middle")
        canvas.setStrokeColor(_colour(theme.palette.rule))
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
