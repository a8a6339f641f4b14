"""One exercise's card: its number and name, the figure's room, the dose, cues, note and safety.

Kept apart from the grid search, which lays out each card at many widths to size its rows and
asks whether a width would cut a word of the exercise's name.
"""

from __future__ import annotations

from publish.dose import dose_parts
from publish.fonts import FontSet
from publish.model import Exercise
from publish.prescribing import NOTE_LABEL
from publish.theme import Theme

from layouts.chart.measure import _bulleted, _Measure
from layouts.chart.model import Box, Card, TextBlock

#: A card whose text has room for two columns this many cue-size ems wide sets its text in two.
SPLIT_EMS = 16


def _dose_lines(exercise: Exercise, measure: _Measure, font: str, size: float, width: float) -> list[str]:
    """The dose phrases, joined on a line while they fit, never split mid-phrase if avoidable."""
    lines: list[str] = []
    for part in dose_parts(exercise.dose) or ["as advised"]:
        candidate = f"{lines[-1]} · {part}" if lines else part
        if lines and measure.lines(candidate, font, size, width) == [candidate]:
            lines[-1] = candidate
        else:
            lines.extend(measure.lines(part, font, size, width))
    return lines


def _card(exercise: Exercise, number: int, frame: Box, sizes: dict[str, float], fonts: FontSet, theme: Theme, measure: _Measure) -> tuple[Card, float]:
    """Lay out one card in ``frame``; return it and the height left for its figure (may be < 0)."""
    palette = theme.palette
    pad = sizes["cue"] * 0.6
    inner_w = frame.w - 2 * pad
    gap = sizes["cue"] * 0.4
    texts: list[TextBlock] = []

    # header: number badge + name
    badge_d = sizes["name"] * 1.3
    name_w = _name_width(frame.w, sizes)
    name_lines = measure.lines(exercise.name, fonts.bold, sizes["name"], name_w)
    name_h = max(badge_d, measure.height(len(name_lines), sizes["name"]))
    cursor = frame.top - pad
    badge = Box(frame.x + pad, cursor - badge_d, badge_d, badge_d)
    name_box = Box(badge.right + gap, cursor - name_h, name_w, name_h)
    texts.append(TextBlock(name_box, tuple(name_lines), fonts.bold, sizes["name"], palette.ink, "name"))
    cursor -= name_h + gap

    # Under the figure: the dose panel, the cues, the note and the safety panel, in one column;
    # on a card wide enough for two, the dose (and note) on the left, cues and safety on the
    # right, so a wide card's figure gets the height a second column of text saves.
    split = inner_w >= 2 * sizes["cue"] * SPLIT_EMS + gap
    column_w = (inner_w - gap) / 2 if split else inner_w
    pieces = []  # (column, height, place(x, top) -> (texts, panel box or None))

    dose_lines = _dose_lines(exercise, measure, fonts.bold, sizes["dose"], column_w - 2 * gap)
    dose_h = measure.height(len(dose_lines), sizes["dose"]) + gap

    def place_dose(x: float, top: float):
        panel = Box(x, top - dose_h - gap, column_w, dose_h + gap)
        block = TextBlock(Box(x + gap, panel.y + gap / 2, column_w - 2 * gap, dose_h), tuple(dose_lines), fonts.bold, sizes["dose"], palette.accent, "dose")
        return [block], panel

    pieces.append((0, dose_h + gap, place_dose))

    if exercise.cues:
        bullet_w = sizes["cue"] * 0.9
        cue_lines = [line for cue in exercise.cues for line in _bulleted(measure.lines(cue, fonts.regular, sizes["cue"], column_w - bullet_w))]
        cue_h = measure.height(len(cue_lines), sizes["cue"])
        pieces.append((1 if split else 0, cue_h, lambda x, top: ([TextBlock(Box(x, top - cue_h, column_w, cue_h), tuple(cue_lines), fonts.regular, sizes["cue"], palette.ink, "cue")], None)))

    if exercise.note:
        note_lines = measure.lines(f"{NOTE_LABEL}: {exercise.note}", fonts.bold, sizes["cue"], column_w)
        note_h = measure.height(len(note_lines), sizes["cue"])
        pieces.append((0, note_h, lambda x, top: ([TextBlock(Box(x, top - note_h, column_w, note_h), tuple(note_lines), fonts.bold, sizes["cue"], palette.ink, "note")], None)))

    if exercise.safety:
        icon = sizes["safety"] * 1.3
        text_w = column_w - icon - 3 * gap
        wrapped = [measure.lines(note, fonts.regular, sizes["safety"], text_w) for note in exercise.safety]
        safety_lines = [line for lines in wrapped for line in lines]
        breaks = tuple(sum(len(lines) for lines in wrapped[:i]) for i in range(1, len(wrapped)))
        panel_h = max(measure.height(len(safety_lines), sizes["safety"]) + 2 * gap, icon + 2 * gap)

        def place_safety(x: float, top: float):
            panel = Box(x, top - panel_h, column_w, panel_h)
            block = TextBlock(Box(panel.x + icon + 2 * gap, panel.y + gap, text_w, panel_h - 2 * gap), tuple(safety_lines), fonts.regular, sizes["safety"], palette.ink, "safety", breaks=breaks)
            return [block], panel

        pieces.append((1 if split else 0, panel_h, place_safety))

    columns = (0, 1) if split else (0,)
    text_h = max(sum(h for c, h, _ in pieces if c == column) + gap * (sum(1 for c, _, _ in pieces if c == column) - 1) for column in columns)
    bottom = frame.y + pad + text_h + gap  # the figure sits on top of the text
    dose_panel = safety_panel = None
    for column in columns:
        x = frame.x + pad + column * (column_w + gap)
        top = frame.y + pad + text_h
        for c, h, place in pieces:
            if c != column:
                continue
            blocks, panel = place(x, top)
            texts.extend(blocks)
            if blocks[0].kind == "dose":
                dose_panel = panel
            elif blocks[0].kind == "safety":
                safety_panel = panel
            top -= h + gap

    room = cursor - bottom
    figure_box = Box(frame.x + pad, bottom, inner_w, room) if exercise.figure is not None and room > 0 else None
    card = Card(exercise, number, frame, badge, figure_box, dose_panel, safety_panel, tuple(texts))
    return card, room


def _name_width(card_w: float, sizes: dict[str, float]) -> float:
    """The width an exercise's name wraps to on a card ``card_w`` wide (beside its number badge)."""
    pad, gap, badge_d = sizes["cue"] * 0.6, sizes["cue"] * 0.4, sizes["name"] * 1.3
    return card_w - 2 * pad - badge_d - gap


def _cuts_name(exercise: Exercise, card_w: float, sizes: dict[str, float], fonts: FontSet, measure: _Measure) -> bool:
    """Whether a card ``card_w`` wide cuts a word of the exercise's name."""
    return measure.splits_a_word(exercise.name, fonts.bold, sizes["name"], _name_width(card_w, sizes))
