"""The story: the flowables for every page, in order, from the book, the look and the page plan."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from layouts.booklet.back import BackMatter
from layouts.booklet.cover import Cover
from layouts.booklet.exercise import ExercisePages
from layouts.booklet.flowables import (
    Grid,
    KeySample,
    Mark,
    Panel,
    Para,
    warning_symbol,
)
from layouts.booklet.plan import Plan, exercise_key
from layouts.booklet.stream import Stream
from layouts.booklet.style import (
    Look,
    colour,
    paragraph_styles,
    sentence,
    user_text,
)
from publish import figures
from publish.dose import dose_table, phrase
from publish.fonts import FontSet
from publish.model import Book, Exercise
from publish.prescribing import NOTES_HEADING
from publish.tagging import Node, Tagged, Touch
from publish.theme import Theme
from publish.wording import (
    SAFETY_HEADING,
    STOP_AND_ASK_LEAD,
    URGENT_HELP_LEAD,
    WHEN_TO_STOP_HEADING,
    glossary_for,
)


#: The layout's own words, parsed: (markup, style) -> (text as Paragraph keeps it, fragments).
_PARSED: dict[tuple[str, int], tuple[str, list, ParagraphStyle]] = {}
_PARSED_MAX = 256


def parsed(html: str, style: ParagraphStyle) -> Para:
    """``Para(html, style)``, parsing ``html`` only the first time it is asked for in ``style``.

    Parsing is most of making a Paragraph; the fragments it gives are never changed by
    wrapping, splitting or drawing (reportlab clones a fragment to change it), so
    paragraphs of the same words share them. The entry keeps ``style`` alive, so its id in
    the key stays its own.
    """
    key = (html, id(style))
    known = _PARSED.get(key)
    if known is None:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        paragraph = Para(html, style)
        _PARSED[key] = (paragraph.text, paragraph.frags, style)
        return paragraph
    text, frags, _ = known
    return Para(text, style, frags=list(frags))


#: The structure role of a paragraph by its style; any other style is a paragraph (P).
ROLE_FOR_STYLE = {"h1": "H1", "h2": "H2", "panel_heading": "H2", "panel_heading_warning": "H2"}


class Story(ExercisePages, BackMatter):
    """Builds the flowables for every page from the book, the look and the previous pass's plan.

    Every paragraph it makes is tagged (publish.tagging) under ``self.parent``, the element
    the story is building at the moment: the Document, an exercise's section, a safety Note.
    Headings take their level from their style, lists are L/LI/Lbl/LBody, tables TR/TH/TD.
    """

    def __init__(self, book: Book, theme: Theme, look: Look, fonts: FontSet, plan: Plan):
        self.book, self.theme, self.look, self.fonts, self.plan = book, theme, look, fonts, plan
        self.styles = paragraph_styles(look, theme, fonts)
        self.palette = theme.palette
        self.frame_w = theme.width - 2 * look.margin
        self.frame_h = theme.height - 2 * look.margin - look.footer
        self.document = Node("Document")
        self.parent = self.document
        self.notes = 0
        self.last_note: Node | None = None

    @contextmanager
    def within(self, node: Node):
        """Make the flowables built inside the ``with`` children of ``node``."""
        outer, self.parent = self.parent, node
        try:
            yield node
        finally:
            self.parent = outer

    def note(self, title: str) -> Node:
        """A Note (a safety panel) with the unique /ID PDF/UA asks of notes."""
        self.notes += 1
        self.last_note = self.parent.child("Note", ident=f"note-{self.notes}", title=title)
        return self.last_note

    def tagged(self, paragraph: Flowable, role: str, parent: Node | None = None, **attrs) -> Tagged:
        return Tagged(paragraph, (parent or self.parent).child(role, **attrs))

    def para(self, text: str, style: str, font: str | None = None, role: str | None = None,
             parent: Node | None = None, **attrs) -> Tagged:
        """A paragraph of user text (escaped), tagged by its style (or as ``role`` under ``parent``)."""
        paragraph = Para(user_text(text, self.fonts, font), self.styles[style])
        return self.tagged(paragraph, role or ROLE_FOR_STYLE.get(style, "P"), parent, **attrs)

    def fixed(self, html: str, style: str, role: str | None = None, parent: Node | None = None, **attrs) -> Tagged:
        """A paragraph of the layout's own markup (no user text inside unescaped), tagged by its style."""
        return self.tagged(Para(html, self.styles[style]), role or ROLE_FOR_STYLE.get(style, "P"), parent, **attrs)

    def label(self, html: str, style: str, role: str | None = None, parent: Node | None = None, **attrs) -> Tagged:
        """A paragraph of the layout's own words ("How to do it", "REPETITIONS", "Safety"): as
        ``fixed``, but its markup parsed once per process, since every exercise repeats it."""
        paragraph = parsed(html, self.styles[style])
        return self.tagged(paragraph, role or ROLE_FOR_STYLE.get(style, "P"), parent, **attrs)

    def list_items(self, texts, style: str = "bullet", numbered: bool = False) -> list[Flowable]:
        """A list: each item's bullet (or number) is its Lbl, its text its LBody."""
        items = self.parent.child("L")
        out: list[Flowable] = []
        for number, text in enumerate(texts, 1):
            item = items.child("LI")
            paragraph = Para(user_text(text, self.fonts), self.styles[style], bulletText=str(number) if numbered else "•")
            out.append(Tagged(paragraph, item.child("LBody"), label=item.child("Lbl")))
        return out

    def heading(self, text: str, style: str = "h2", space_before: float | None = None) -> list[Flowable]:
        gap = self.look.gap if space_before is None else space_before
        return [Spacer(1, gap), self.label(user_text(text, self.fonts, self.fonts.bold), style)]

    def page_of(self, key: str) -> str:
        page = self.plan.pages.get(key)
        return str(page) if page else "00"

    # -- pages ------------------------------------------------------------------------------

    def flowables(self) -> Stream:
        """The whole story, made a section at a time as the layout reaches it."""
        return Stream(self.sections())

    def sections(self) -> Iterator[list[Flowable]]:
        """The story in sections, each from one page break to the next, in reading order."""
        yield [
            Mark("cover", "Cover"),
            Cover(self.book, self.look, self.theme, self.styles, self.fonts, self.document),
            NextPageTemplate("body"),
            PageBreak(),
            *self.contents(),
        ]
        yield [PageBreak(), *self.before_you_start()]
        for index, exercise in enumerate(self.book.exercises):
            key = exercise_key(index)
            section: list[Flowable] = []
            if key in self.plan.spread_notes:
                section += [PageBreak()] + self.notes_page(mark=False)
            yield section + [PageBreak()] + self.exercise_page(index, exercise)
        yield [PageBreak(), *self.diary()]
        for number in range(self.plan.notes_pages):
            yield [PageBreak(), *self.notes_page(mark=number == 0)]
        yield [PageBreak(), *self.back_page()]

    def contents(self) -> list[Flowable]:
        out: list[Flowable] = [Mark("contents", "Contents"), self.fixed("Contents", "h1"), Spacer(1, self.look.gap * 1.5)]
        rows = []
        link = self.palette.ink
        # A table of entries: number, name (the row's header, a link, with the dose below it), page (a link).
        table_node = self.parent.child("Table")
        name_style = ParagraphStyle("contents_name", self.styles["contents"], fontName=self.fonts.bold)
        detail_style = ParagraphStyle(
            "contents_detail", self.styles["contents"], fontName=self.fonts.regular, fontSize=self.look.small * 1.1,
            textColor=colour(self.palette.soft),
        )

        def entry(key: str, number: str, title: str, detail: str | None = None):
            row = table_node.child("TR")
            number_cell, name_cell, page_cell = row.child("TD"), row.child("TH", scope="Row"), row.child("TD")
            page = self.page_of(key)
            name = f'<a href="#{key}" color="{link}">{user_text(title, self.fonts, self.fonts.bold)}</a>'
            names = [Tagged(Para(name, name_style), name_cell.child("Link", contents=f"{title}, page {page}"))]
            if detail:
                names.append(Tagged(Para(user_text(detail, self.fonts), detail_style), name_cell.child("P")))
            page_link = f'<a href="#{key}" color="{self.palette.accent}"><b>{page}</b></a>'
            rows.append(
                [
                    Tagged(Para(f'<font color="{self.palette.accent}"><b>{number}</b></font>', self.styles["contents"]), number_cell)
                    if number else Touch(number_cell),
                    names,
                    Tagged(Para(page_link, ParagraphStyle("contents_page", self.styles["contents"], alignment=2)),
                           page_cell.child("Link", contents=f"{title}, page {page}")),
                ]
            )

        entry("before-you-start", "", "Before you start")
        for index, exercise in enumerate(self.book.exercises):
            entry(exercise_key(index), str(index + 1), exercise.name, phrase(exercise.dose) or None)
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
        prescription = self.book.prescription
        if prescription and prescription.notes:
            content = [self.fixed(NOTES_HEADING, "panel_heading")]
            content += self.list_items(prescription.notes)
            out += [Spacer(1, look.gap * 1.4), Panel(content, colour(self.palette.accent_tint), colour(self.palette.accent), look)]
        if self.book.safety:
            with self.within(self.note(SAFETY_HEADING)):
                content = [self.label(SAFETY_HEADING, "panel_heading_warning"), *self.list_items(self.book.safety)]
            out += [Spacer(1, look.gap * 1.4), self.warning_panel(content)]
        # Each list kept whole, but the two may fall on different pages.
        out += [KeepTogether(group) for group in self.when_to_stop()]
        out.append(KeepTogether(self.how_to_read_a_dose()))
        if any(exercise.figure is not None for exercise in self.book.exercises):
            out.append(KeepTogether(self.how_to_read_the_pictures()))
        return out

    def how_to_read_the_pictures(self) -> list[Flowable]:
        """The key to the pictures: a sample of each mark beside what it means."""
        look = self.look
        out = self.heading("How to read the pictures", space_before=look.gap * 1.6)
        sample_w = look.body * 4.2
        rows = [[KeySample(role, sample_w, self.fonts), self.fixed(meaning, "body")] for role, meaning in figures.KEY]
        table = Table(rows, colWidths=[sample_w + look.body, self.frame_w - sample_w - look.body])
        table.setStyle(self.ruled_list_style(look.gap * 0.25, look.gap * 0.25, last_rule=-2))
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        return out + [Spacer(1, look.gap * 0.6), table]

    def when_to_stop(self) -> list[list[Flowable]]:
        """The data's "stop and ask" and "get urgent help" lists, as groups to keep whole."""
        book = self.book
        if not (book.stop_and_ask_if or book.urgent_help_if):
            return []
        groups = [self.heading(WHEN_TO_STOP_HEADING, space_before=self.look.gap * 1.6)]
        if book.stop_and_ask_if:
            lead = f"<b>{user_text(STOP_AND_ASK_LEAD, self.fonts, self.fonts.bold)}</b>"
            groups[-1] += [Spacer(1, self.look.gap * 0.4), self.fixed(lead, "body")]
            groups[-1] += self.list_items(book.stop_and_ask_if)
        if book.urgent_help_if:
            lead = f'<font color="{self.palette.warning}"><b>{user_text(URGENT_HELP_LEAD, self.fonts, self.fonts.bold)}</b></font>'
            group = [Spacer(1, self.look.gap * 0.6), self.fixed(lead, "body")]
            group += self.list_items(book.urgent_help_if)
            if book.stop_and_ask_if:
                groups.append(group)
            else:
                groups[-1] += group
        return groups

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
                self.fixed(f"means: {user_text(phrase(example.dose), self.fonts)}.", "body"),
            ]
        term_w = look.body * 6.6
        terms = self.parent.child("Table")
        rows = []
        for term, meaning in glossary_for(self.book):
            row = terms.child("TR")
            rows.append([self.fixed(f"<b>{term}</b>", "body", parent=row, role="TH", scope="Row"),
                         self.fixed(sentence(meaning), "body", parent=row, role="TD")])
        glossary = Table(rows, colWidths=[term_w, self.frame_w - term_w])
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
                ("LINEBELOW", (0, 0), (-1, last_rule), 0.4, colour(self.palette.rule)),
            ]
        )

    def warning_panel(self, content: list[Flowable]) -> Panel:
        return Panel(content, colour(self.palette.warning_tint), colour(self.palette.warning), self.look, warning_symbol)

    def dose_box(self, exercise: Exercise) -> Flowable | None:
        rows = dose_table(exercise.dose)
        if not rows:
            return None
        # Read as a table of rows "Reps: 10", "Sets: 3": each box's label heads its value.
        table_node = self.parent.child("Table")
        cells = []
        for label, value in rows:
            row = table_node.child("TR")
            cells.append([
                self.label(label.upper(), "dose_label", parent=row, role="TH", scope="Row"),
                self.para(value, "dose_value", self.fonts.bold, parent=row, role="TD"),
            ])
        weights = [max(len(value), len(label) * 0.9, 7) for label, value in rows]  # labels never break
        table = Grid([cells], colWidths=[self.frame_w * w / sum(weights) for w in weights])
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), colour(self.palette.accent_tint)),
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
