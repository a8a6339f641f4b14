"""An exercise's page: name, illustration, dose box, steps, safety, muscles, benefits and tips."""

from __future__ import annotations

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    TableStyle,
)

from layouts.booklet.flowables import (
    Grid,
    Illustration,
    Mark,
    Panel,
    stacked_height,
    tip_symbol,
)
from layouts.booklet.plan import exercise_key
from layouts.booklet.style import (
    colour,
    sentence,
    text_width,
    user_text,
)
from publish import figures, units
from publish.model import Exercise
from publish.pdfdoc import figure_alt
from publish.tagging import Tagged
from publish.prescribing import NOTE_HEADING
from publish.wording import SAFETY_HEADING

#: The smallest drawn figure in the booklet: a standing person would be 35 mm tall (points).
MIN_STATURE = 35 * 72 / 25.4


class ExercisePages:
    """The exercise pages, as part of the Story."""

    def exercise_page(self, index: int, exercise: Exercise) -> list[Flowable]:
        """Name, illustration, dose, steps, safety, muscles and benefits, tips: one page if it can be.

        When the page overflows by a little, the illustration gives up some height (down to
        two thirds of its natural size, and never below MIN_STATURE to scale) rather than push
        a few lines onto a second page.
        """
        key = exercise_key(index)
        figure_height = smallest = None
        if exercise.figure is not None:
            natural = self.frame_w / figures.aspect(exercise.figure)
            figure_height = min(natural, self.frame_h * 0.27)
            # Never below MIN_STATURE to scale (a standing person that tall), nor two thirds.
            per_unit = figures.stature(exercise.figure, 1e9, 1.0)  # drawn height per point of box
            smallest = min(natural, max(figure_height * 2 / 3, MIN_STATURE / per_unit))
            figure_height = max(figure_height, smallest)
        with self.within(self.parent.child("Sect")):
            head, body = self.exercise_parts(exercise, figure_height)
            overflow = stacked_height(head + body, self.frame_w, self.frame_h) - self.frame_h
            if figure_height is not None and 0 < overflow <= figure_height - smallest:
                # Only the picture changes: its box is made lower, the rest (with its lines
                # broken) kept. (The page used to be made again, numbering its safety note
                # afresh: the note's /ID is numbered on as it was, so the bytes stay the same.)
                picture = next(f.content for f in head if isinstance(f, Tagged) and isinstance(f.content, Illustration))
                picture.box_h = figure_height - overflow - 2
                if exercise.safety:
                    self.notes += 1
                    self.last_note.ident = f"note-{self.notes}"
        mark = Mark(key, exercise.name, level=1, exercise=key)  # "Exercise 1 of 7" is the running head
        return [mark, KeepTogether(head), *body, Mark(f"{key}-end", exercise=key, end=True)]

    def exercise_parts(self, exercise: Exercise, figure_height: float | None) -> tuple[list[Flowable], list[Flowable]]:
        """The heading group (kept together) and the rest, which may run onto a second page."""
        look, fonts = self.look, self.fonts
        head: list[Flowable] = [self.para(exercise.name, "h1", fonts.bold)]
        if exercise.about:
            head += [Spacer(1, look.gap * 0.6), self.para(exercise.about, "soft")]
        if exercise.figure is not None and figure_height is not None:
            picture = Illustration(exercise.figure, self.frame_w, figure_height, self.theme, fonts)
            head += [Spacer(1, look.gap), Tagged(picture, self.parent.child("Figure", alt=figure_alt(exercise)), figure=True)]
        box = self.dose_box(exercise)
        if box is not None:
            head += [Spacer(1, look.gap), box]

        steps = self.list_items([units.render(step, "both") for step in exercise.steps], "step", numbered=True)
        body = self.block("How to do it", steps, gap=look.gap * 0.12)
        if exercise.note:
            content = [self.label(NOTE_HEADING, "panel_heading"), self.para(exercise.note, "body")]
            body += [Spacer(1, look.gap * 1.1), Panel(content, colour(self.palette.accent_tint), colour(self.palette.accent), look)]
        if exercise.safety:
            with self.within(self.note(SAFETY_HEADING)):
                content = [self.label(SAFETY_HEADING, "panel_heading_warning"), *self.list_items(exercise.safety)]
            body += [Spacer(1, look.gap * 1.1), self.warning_panel(content)]
        body += self.muscles_and_benefits(exercise)
        if exercise.tips:
            label = f'<font name="{fonts.bold}" color="{self.palette.accent}">Tip</font>  '
            content = [self.fixed(label + user_text(tip, fonts), "body") for tip in exercise.tips]
            body += [
                Spacer(1, look.gap * 1.1),
                Panel(content, colour(self.palette.accent_tint), colour(self.palette.accent), look, tip_symbol),
            ]
        return head, body

    def muscles_and_benefits(self, exercise: Exercise) -> list[Flowable]:
        """Muscles worked beside the benefits when both are short; one after the other otherwise."""
        look = self.look
        muscles = [self.para(sentence(", ".join(exercise.muscles)), "body")] if exercise.muscles else []
        benefits = self.list_items([sentence(b) for b in exercise.benefits])
        if muscles and benefits:
            # As wide as "Muscles worked" or the muscles' names need, within a third of the page.
            needed = max(
                text_width("Muscles worked", self.fonts.bold, look.h2, self.fonts),
                text_width(", ".join(exercise.muscles), self.fonts.regular, look.body, self.fonts),
            )
            left_w = min(needed + look.gap * 1.5, self.frame_w * 0.36)
            columns = [
                [*self.heading("Muscles worked", space_before=0), Spacer(1, look.gap * 0.35), *muscles],
                [*self.heading("Benefits", space_before=0), Spacer(1, look.gap * 0.35), *benefits],
            ]
            table = Grid([columns], colWidths=[left_w, self.frame_w - left_w])
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
