"""The back of the booklet: the two-week diary, the notes pages and the about page."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from layouts.booklet.flowables import (
    Mark,
    RuledLines,
    TickBoxes,
)
from layouts.booklet.plan import NOTES
from layouts.booklet.style import (
    DAYS_PER_WEEK,
    WEEKS,
    colour,
    long_date,
    user_text,
)
from publish.tagging import Node, Touch
from publish.wording import (
    CORRECTIONS_LEAD,
    DISCLAIMER,
    made_with,
)


class BackMatter:
    """The diary, notes and about pages, as part of the Story."""

    def diary(self) -> list[Flowable]:
        look, fonts, palette = self.look, self.fonts, self.palette
        out: list[Flowable] = []
        name_w = self.frame_w * 0.34
        # A programme done on N days a week gets N day columns; otherwise every day of the week.
        prescription = self.book.prescription
        days = (prescription.days_a_week if prescription else None) or DAYS_PER_WEEK
        day_w = (self.frame_w - name_w) / days
        box = min(day_w * 0.42, 5.5 * mm * look.scale)
        rule = colour(palette.rule)
        for week in range(1, WEEKS + 1):
            if week > 1:
                out.append(PageBreak())
            if week == 1:
                out.append(Mark("diary", "Exercise diary"))
            out += [
                self.fixed(f"Exercise diary · week {week}", "h1"),
                Spacer(1, look.gap * 0.6),
                self.para(
                    (f"How often: {prescription.frequency}. " if prescription and prescription.frequency else "")
                    + "Tick a box each time you finish an exercise. At the end of each day, write down your pain "
                    "from 0 (no pain) to 10 (the worst pain you can imagine).",
                    "soft",
                ),
                Spacer(1, look.gap),
            ]
            # A table: the days head the columns; "Date", each exercise and "Pain" head the rows.
            week_table = self.parent.child("Table")
            row = week_table.child("TR")
            header = [self.fixed("<b>Day</b>", "diary", parent=row, role="TH", scope="Row")]
            header += [self.fixed(str(d), "diary_head", parent=row, role="TH", scope="Column") for d in range(1, days + 1)]
            rows = [header, self.blank_row(week_table.child("TR"), "Date", days)]
            heights = [None, look.leading * 1.6]
            row_h = min(max(look.leading * 2.1, self.diary_row_height()), look.leading * 4.2)
            for exercise in self.book.exercises:
                labels = ("L", "R") if exercise.dose.each_side else ("",)
                row = week_table.child("TR")
                name = self.para(exercise.name, "diary", parent=row, role="TH", scope="Row")
                rows.append([name] + [TickBoxes(labels, box * (0.8 if len(labels) > 1 else 1), fonts, rule, look.small * 0.85, row.child("TD"))
                                      for _ in range(days)])
                heights.append(max(row_h, name.wrap(name_w - 6, self.frame_h)[1] + look.gap))
            rows.append(self.blank_row(week_table.child("TR"), "<b>Pain</b> (0–10)", days))
            heights.append(look.leading * 2.2)
            table = Table(rows, colWidths=[name_w] + [day_w] * days, rowHeights=heights, repeatRows=2)
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
                        ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                        ("GRID", (0, 0), (-1, -1), 0.5, rule),
                        ("BACKGROUND", (0, 0), (-1, 0), colour(palette.accent_tint)),
                        ("BACKGROUND", (0, -1), (-1, -1), colour(palette.warning_tint)),
                        ("TOPPADDING", (0, 0), (-1, -1), look.gap * 0.45),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), look.gap * 0.45),
                        ("LEFTPADDING", (0, 0), (-1, -1), 3),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            out.append(table)
        return out

    def blank_row(self, row: Node, heading: str, days: int) -> list[Flowable]:
        """A diary row to write in: its heading, then an empty cell a day."""
        return [self.fixed(heading, "diary", parent=row, role="TH", scope="Row")] + [Touch(row.child("TD")) for _ in range(days)]

    def diary_row_height(self) -> float:
        """Row height that lets one week fill the page (the table continues over pages if it cannot)."""
        fixed = self.look.h1 * 1.15 + self.look.gap * 1.6 + self.look.leading * 3 + self.look.leading * 5.2 + 24
        return (self.frame_h - fixed) / max(1, len(self.book.exercises))

    def notes_page(self, mark: bool) -> list[Flowable]:
        out: list[Flowable] = [Mark("notes", "Notes")] if mark else []
        return out + [self.label(NOTES, "h1"), Spacer(1, self.look.gap), RuledLines(9 * mm * self.look.scale, colour(self.palette.rule))]

    def back_page(self) -> list[Flowable]:
        look, book = self.look, self.book
        out: list[Flowable] = [Mark("about", "About this booklet"), self.fixed("About this booklet", "h1"), Spacer(1, look.gap)]
        source = book.source
        if source is not None:
            text = f"The exercises in this booklet come from “{user_text(source.title, self.fonts)}”"
            if source.author:
                text += f" by {user_text(source.author, self.fonts)}"
            if source.publisher:
                text += f", {user_text(source.publisher, self.fonts)}"
            text += "."
            if source.updated:
                text += f" The source was last updated on {long_date(source.updated)}."
            out.append(self.fixed(text, "body"))
            if source.url:
                out += [Spacer(1, look.gap * 0.5), self.para(source.url, "soft")]
            if source.corrections:
                out += [Spacer(1, look.gap * 0.6), self.para(CORRECTIONS_LEAD, "body")]
                out += self.list_items(source.corrections)
        if book.date:
            out += [Spacer(1, look.gap), self.fixed(f"<b>Data date</b>: {long_date(book.date)}", "body")]
        out += self.heading("Disclaimer", space_before=look.gap * 1.8)
        out += [Spacer(1, look.gap * 0.4), self.fixed(DISCLAIMER, "body")]
        for link in book.links:
            out += [Spacer(1, look.gap * 0.5), self.para(link, "soft")]
        from publish import __version__

        out += [Spacer(1, look.gap * 2), self.fixed(made_with(__version__), "small")]
        return out
