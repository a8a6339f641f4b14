"""The wall chart: every exercise on one page, readable from across the room.

The layout is planned before anything is drawn: ``plan`` computes every box on the page
(title band, safety strip, one card per exercise, footer) from the book, the theme and the
type sizes, choosing the grid that gives the illustrations the most room. Drawing only follows
the plan, so the same plan draws the poster and each of its home-printer tiles, and tests can
check the geometry (no overlaps, nothing outside the margins) without reading pixels.
"""

from __future__ import annotations

import io
import math
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from publish import figures, pdfdoc, tagging
from publish.dose import dose_parts
from publish.errors import PublishError
from publish.files import write_bytes
from publish.fonts import FontSet, check_coverage, register
from publish.model import Book, Exercise
from publish.pdftext import draw_string, string_width, wrap, wrap_balanced
from publish.prescribing import NOTE_LABEL, NOTES_HEADING, header_lines
from publish.theme import Theme, page_size, theme_for
from publish.wording import SAFETY_HEADING, URGENT_HELP_LEAD, glossary_for

PRODUCT = "Wall chart"

#: Type sizes on A3 (points); other pages scale them by their short side.
PREFERRED = {"title": 46, "subtitle": 22, "patient": 19, "name": 23, "dose": 21, "cue": 14, "safety": 13.5, "strip": 14, "footer": 10.5}
#: The smallest sizes that still read from across a room on A3; never go below these.
MINIMUM = {"title": 40, "subtitle": 18, "patient": 15, "name": 20, "dose": 18, "cue": 11, "safety": 11, "strip": 11, "footer": 9}
#: No text on any page size is set smaller than this.
FLOOR = 8.0
LEADING = 1.22

MAX_COLUMNS = 6
#: A card whose text has room for two columns this many cue-size ems wide sets its text in two.
SPLIT_EMS = 16
#: The least drawn height of a figure on A3 (points, 15 mm, about twice the name's capitals):
#: a grid that would draw one thinner does not fit. Smaller pages scale it down with their
#: short side; larger ones keep it (like MINIMUM type), so they hold more exercises.
MIN_HEIGHT = 15 * mm
#: The smallest drawn figure on A3: a standing person would be this tall (points, 19 mm, so
#: a figure lying down is about 30 mm long); other pages scale it by their short side. A
#: grid whose figures would be drawn smaller does not fit (12 seed-sized cards still do on
#: A3, 42 on A1).
MIN_STATURE = 54.0
#: The drawn height a chart aims for on A3 for its smallest figure (points, 40 mm; other pages
#: scale it by their short side): a lying figure 40 mm thick, its person about 100 mm long,
#: reads from across a room (40 mm is 46 minutes of arc at 3 m, the lift of a face-down
#: figure about 10). Type gets smaller (never below MINIMUM) only until the figures reach it.
TARGET_HEIGHT = 40 * mm


@dataclass(frozen=True)
class Box:
    """A rectangle on the page; ``y`` is the bottom edge (PDF coordinates)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def overlaps(self, other: Box) -> bool:
        """Whether the boxes share more than an edge (to within rounding, 0.01 pt)."""
        eps = 0.01
        return self.x < other.right - eps and other.x < self.right - eps and self.y < other.top - eps and other.y < self.top - eps

    def inside(self, other: Box) -> bool:
        eps = 0.01
        return self.x >= other.x - eps and self.y >= other.y - eps and self.right <= other.right + eps and self.top <= other.top + eps


@dataclass(frozen=True)
class TextBlock:
    """Lines of text set in one font and size, top-aligned in ``box``."""

    box: Box
    lines: tuple[str, ...]
    font: str
    size: float
    colour: str
    kind: str  # "title", "name", "dose", "cue", "safety", ...
    anchor: str = "start"
    #: Lines that start a new note (after the first), for blocks of several unbulleted notes.
    breaks: tuple[int, ...] = ()


@dataclass(frozen=True)
class Card:
    exercise: Exercise
    number: int
    frame: Box
    badge: Box
    figure: Box | None
    dose_panel: Box
    safety_panel: Box | None
    texts: tuple[TextBlock, ...]


@dataclass(frozen=True)
class ChartPlan:
    page: Box
    content: Box  # the page less its margins: nothing may be drawn outside it
    sizes: dict[str, float]
    columns: int
    rows: int
    title_band: Box
    safety_strip: Box
    footer: Box
    texts: tuple[TextBlock, ...]  # title, subtitle, safety strip and footer text
    cards: tuple[Card, ...]
    key: Box | None = None  # "how to read a dose", in a spare cell of the grid
    key_texts: tuple[TextBlock, ...] = ()
    #: "How to read the pictures": its panel (a spare cell, or the dose key's when they share
    #: one), its text, and a sample of each mark beside its meaning (role, box).
    picture_key: Box | None = None
    picture_key_texts: tuple[TextBlock, ...] = ()
    picture_key_samples: tuple[tuple[str, Box], ...] = ()
    logo: Box | None = None  # a programme's clinic logo, at the title band's end
    logo_file: str | None = None

    def text_blocks(self) -> list[TextBlock]:
        return [*self.texts, *(t for card in self.cards for t in card.texts), *self.key_texts, *self.picture_key_texts]


class _Measure:
    """Wraps text at a size and reports the block height; one per plan.

    Each wrapping is kept: a grid measures every card once to size its rows and again to
    place it at the same width, and the dose lines try the same phrases on every card.
    """

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self._wrapped: dict[tuple[str, str, float, float], tuple[str, ...]] = {}
        self._widths: dict[tuple[str, str, float], float] = {}

    def lines(self, text: str, font: str, size: float, width: float) -> list[str]:
        key = (text, font, size, width)
        wrapped = self._wrapped.get(key)
        if wrapped is None:
            wrapped = self._wrapped[key] = self._wrap(text, font, size, width)
        return list(wrapped)

    def _wrap(self, text: str, font: str, size: float, width: float) -> tuple[str, ...]:
        """``pdftext.wrap`` from widths measured once per word: the grid search wraps the same
        text at hundreds of widths. A line's width is the sum of its words' and spaces' (the
        fonts are not kerned); a word wider than a line is left to ``wrap`` to break."""
        words = text.split()
        widths = [self._width(word, font, size) for word in words]
        if any(w > width for w in widths):
            return tuple(wrap(text, font, size, width, self.fonts))
        space = self._width(" ", font, size)
        lines: list[str] = []
        current: list[str] = []
        current_w = 0.0
        for word, word_w in zip(words, widths):
            if current and current_w + space + word_w <= width:
                current.append(word)
                current_w += space + word_w
                continue
            if current:
                lines.append(" ".join(current))
            current, current_w = [word], word_w
        if current:
            lines.append(" ".join(current))
        return tuple(lines)

    def _width(self, word: str, font: str, size: float) -> float:
        key = (word, font, size)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = string_width(word, font, size, self.fonts)
        return width

    def splits_a_word(self, text: str, font: str, size: float, width: float) -> bool:
        """Whether a word of ``text`` is wider than ``width``, so wrapping must cut it mid-word."""
        return any(self._width(word, font, size) > width for word in text.split())

    @staticmethod
    def height(count: int, size: float) -> float:
        return count * size * LEADING


def _sizes(theme: Theme, blend: float) -> dict[str, float]:
    """Type sizes for this page: ``blend`` 0 is the preferred size, 1 the smallest allowed.

    Preferred sizes grow and shrink with the page. The smallest sizes shrink with pages
    smaller than A3 but do not grow past A3's (they are what reads from across a room), so a
    larger page always has room for more exercises.
    """
    scale = theme.scale_from("A3")
    return {
        key: max(FLOOR, PREFERRED[key] * scale + (MINIMUM[key] * min(scale, 1.0) - PREFERRED[key] * scale) * blend)
        for key in PREFERRED
    }


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


def _bulleted(lines: list[str]) -> list[str]:
    """A bullet before the first line of an item; continuation lines are indented."""
    return [("\u2022 " if i == 0 else "  ") + line for i, line in enumerate(lines)]


def _figure_scale(exercise: Exercise, box_w: float, box_h: float) -> float:
    """How tall a standing person is drawn when the exercise's figure is fitted into a box."""
    if exercise.figure is None:
        return math.inf
    return figures.stature(exercise.figure, box_w, box_h) if box_h > 0 else 0.0


def _frame(book: Book, theme: Theme, sizes: dict[str, float], fonts: FontSet, measure: _Measure):
    """Title band, safety strip and footer; returns them, their text, and the grid area."""
    palette = theme.palette
    m = theme.margin
    content = Box(m, m, theme.width - 2 * m, theme.height - 2 * m)
    pad = sizes["strip"] * 0.6
    texts: list[TextBlock] = []

    logo = _logo_box(book, content, sizes, pad)
    text_w = content.w - 2 * pad - (logo.w + pad if logo else 0)
    title_lines = wrap_balanced(book.title, fonts.bold, sizes["title"], text_w, fonts)
    subtitle_lines = measure.lines(book.subtitle, fonts.regular, sizes["subtitle"], text_w) if book.subtitle else []
    # A programme's band names the patient, the prescriber, the date, how often and the review.
    beside_logo = measure.height(len(title_lines), sizes["title"]) + measure.height(len(subtitle_lines), sizes["subtitle"])
    patient_w = content.w - 2 * pad if logo is None or beside_logo >= logo.h else text_w
    patient_lines = _prescription_lines(book, measure, fonts, sizes["patient"], patient_w)
    text_h = (
        measure.height(len(title_lines), sizes["title"])
        + measure.height(len(subtitle_lines), sizes["subtitle"])
        + (measure.height(len(patient_lines), sizes["patient"]) + pad * 0.5 if patient_lines else 0)
    )
    band_h = max(text_h, logo.h if logo else 0) + 2 * pad
    band = Box(content.x, content.top - band_h, content.w, band_h)
    if logo:
        logo = Box(band.right - pad - logo.w, band.top - pad - logo.h, logo.w, logo.h)
    y = band.top - pad
    h = measure.height(len(title_lines), sizes["title"])
    texts.append(TextBlock(Box(band.x + pad, y - h, text_w, h), tuple(title_lines), fonts.bold, sizes["title"], palette.paper, "title"))
    if subtitle_lines:
        y -= h
        h = measure.height(len(subtitle_lines), sizes["subtitle"])
        texts.append(TextBlock(Box(band.x + pad, y - h, text_w, h), tuple(subtitle_lines), fonts.regular, sizes["subtitle"], palette.paper, "subtitle"))
    if patient_lines:
        y -= h + pad * 0.5
        h = measure.height(len(patient_lines), sizes["patient"])
        texts.append(TextBlock(Box(band.x + pad, y - h, patient_w, h), tuple(patient_lines), fonts.regular, sizes["patient"], palette.paper, "patient"))

    notes = book.safety or ("Stop any exercise that makes your pain worse.",)
    icon = sizes["strip"] * 2.2
    text_w = content.w - icon - 3 * pad
    line_h = measure.height(1, sizes["strip"])
    columns = _balanced_columns(notes, measure, fonts.regular, sizes["strip"], text_w, pad * 2)
    notes_h = line_h * (1 + max(len(c[1]) for c in columns))
    # The urgent list under the general notes, so a patient who only has the chart sees it.
    urgent_columns = (
        _balanced_columns(book.urgent_help_if, measure, fonts.regular, sizes["strip"], text_w, pad * 2)
        if book.urgent_help_if else []
    )
    urgent_gap = line_h * 0.5
    urgent_h = urgent_gap + line_h * (1 + max(len(c[1]) for c in urgent_columns)) if urgent_columns else 0.0
    strip_h = max(notes_h + urgent_h + 2 * pad, icon + 2 * pad)
    gap = sizes["cue"]
    strip = Box(content.x, band.y - gap - strip_h, content.w, strip_h)
    text_x = strip.x + icon + 2 * pad
    heading_top = strip.top - pad
    texts.append(TextBlock(Box(text_x, heading_top - line_h, text_w, line_h), (SAFETY_HEADING,), fonts.bold, sizes["strip"], palette.warning, "strip-heading"))
    for offset, lines, width in columns:
        lines_h = measure.height(len(lines), sizes["strip"])
        texts.append(TextBlock(Box(text_x + offset, heading_top - line_h - lines_h, width, lines_h), tuple(lines), fonts.regular, sizes["strip"], palette.ink, "strip"))
    if urgent_columns:
        lead_top = heading_top - notes_h - urgent_gap
        texts.append(TextBlock(Box(text_x, lead_top - line_h, text_w, line_h), (URGENT_HELP_LEAD,), fonts.bold, sizes["strip"], palette.warning, "urgent-heading"))
        for offset, lines, width in urgent_columns:
            lines_h = measure.height(len(lines), sizes["strip"])
            texts.append(TextBlock(Box(text_x + offset, lead_top - line_h - lines_h, width, lines_h), tuple(lines), fonts.regular, sizes["strip"], palette.ink, "urgent"))

    footer_text = _footer_text(book)
    footer_lines = [line for text in footer_text for line in measure.lines(text, fonts.regular, sizes["footer"], content.w)]
    footer_h = measure.height(len(footer_lines), sizes["footer"])
    footer = Box(content.x, content.y, content.w, footer_h)
    texts.append(TextBlock(footer, tuple(footer_lines), fonts.regular, sizes["footer"], palette.soft, "footer"))

    grid = Box(content.x, footer.top + gap, content.w, strip.y - gap - (footer.top + gap))
    return content, band, strip, footer, texts, grid, logo


def _prescription_lines(book: Book, measure: _Measure, fonts: FontSet, size: float, width: float) -> list[str]:
    """The prescription's header lines and the clinician's notes, wrapped to the band."""
    if book.prescription is None:
        return []
    texts = header_lines(book.prescription) + [f"{NOTES_HEADING}: {note}" for note in book.prescription.notes]
    return [line for text in texts for line in measure.lines(text, fonts.regular, size, width)]


def _logo_box(book: Book, content: Box, sizes: dict[str, float], pad: float) -> Box | None:
    """The logo's size (placed later): two title lines high, at most a fifth of the band wide."""
    clinic = book.prescription.clinic if book.prescription else None
    if clinic is None or clinic.logo is None:
        return None
    height = sizes["title"] * LEADING * 2
    width = min(height * clinic.logo.width_px / clinic.logo.height_px, content.w / 5)
    return Box(0, 0, width, width * clinic.logo.height_px / clinic.logo.width_px)


def _balanced_columns(notes, measure: _Measure, font: str, size: float, width: float, gutter: float):
    """Bulleted notes in one column, or two when that makes the block shorter.

    Returns (x offset, lines, column width) per column; notes keep their order, top to bottom
    and then left to right. Each note is wrapped once per width; splits are compared by count.
    """
    def bulleted(note: str, w: float) -> list[str]:
        return _bulleted(measure.lines(note, font, size, w - size))

    one = [bulleted(note, width) for note in notes]
    best = [(0.0, [line for lines in one for line in lines], width)]
    if len(notes) >= 2:
        half = (width - gutter) / 2
        two = [bulleted(note, half) for note in notes]
        counts = [len(lines) for lines in two]
        total, above = sum(counts), 0
        best_height, best_split = len(best[0][1]), None
        for split in range(1, len(notes)):
            above += counts[split - 1]
            if max(above, total - above) < best_height:
                best_height, best_split = max(above, total - above), split
        if best_split is not None:
            left = [line for lines in two[:best_split] for line in lines]
            right = [line for lines in two[best_split:] for line in lines]
            best = [(0.0, left, half), (half + gutter, right, half)]
    return best


def _footer_text(book: Book) -> list[str]:
    lines = []
    if book.source is not None:
        by = f" by {book.source.author}" if book.source.author else ""
        updated = f", last updated {book.source.updated.isoformat()}" if book.source.updated else ""
        lines.append(f"Source: “{book.source.title}”{by}{updated}.")
    if book.date is not None:
        lines.append(f"Programme data dated {book.date.isoformat()}. This chart does not replace advice from your physiotherapist or doctor.")
    else:
        lines.append("This chart does not replace advice from your physiotherapist or doctor.")
    if book.links:
        lines.append("The illustrated booklet and e-book: " + " · ".join(book.links))
    return lines


#: Up to this many exercises the chart also tries rows of different lengths, each card as wide
#: as its figure needs (a row of lying figures takes fewer, wider cards); longer lists are
#: laid out on uniform grids only (there are too many ways to cut them, and they need every
#: column a grid can give).
FREE_ROWS_UP_TO = 9


@dataclass(frozen=True)
class _Cell:
    """A planned cell of the grid: an exercise's index, or None for a key cell."""

    index: int | None
    frame: Box


def _figure_units(exercise: Exercise) -> tuple[float, float]:
    """A figure's drawn width and height per unit of stature (0, 0 without a figure)."""
    if exercise.figure is None:
        return 0.0, 0.0
    return 1 / figures.stature(exercise.figure, 1.0, 1e12), 1 / figures.stature(exercise.figure, 1e12, 1.0)


def _row_lengths(n: int, free: bool):
    """The ways to cut ``n`` exercises, in order, into rows: each uniform grid (``c`` a row,
    the rest in the last; True) and, with ``free``, every other cut into rows of 1..MAX_COLUMNS."""
    uniform = set()
    for columns in range(1, min(n, MAX_COLUMNS) + 1):
        lengths = (columns,) * (n // columns) + ((n % columns,) if n % columns else ())
        uniform.add(lengths)
        yield lengths, True
    if not free:
        return

    def cuts(left: int):
        if left == 0:
            yield ()
            return
        for first in range(1, min(left, MAX_COLUMNS) + 1):
            for rest in cuts(left - first):
                yield (first, *rest)

    for lengths in cuts(n):
        if lengths not in uniform:
            yield lengths, False


def _split_width(total: float, weights: list[float], least: float) -> list[float] | None:
    """``total`` shared in proportion to ``weights``, none below ``least``; None if it cannot be."""
    if least * len(weights) > total + 1e-6:
        return None
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        left = total - sum(fixed.values())
        weight = sum(weights[i] for i in free)
        widths = {i: left * weights[i] / weight if weight > 0 else left / len(free) for i in free}
        small = [i for i in free if widths[i] < least - 1e-9]
        if not small:
            return [fixed[i] if i in fixed else widths[i] for i in range(len(weights))]
        for i in small:
            fixed[i] = least


def _grid(book: Book, theme: Theme, sizes: dict[str, float], fonts: FontSet, measure: _Measure, grid: Box):
    """The best grid for the exercises in ``grid``, or None if no grid fits.

    Returns (the thinnest figure's drawn height, keys kept, columns, rows, cards, key cells).
    The exercises keep their order, row by row. A grid whose cards are too narrow for a word of
    an exercise's name does not fit ("Superm / an" across the room reads as two words), unless
    the word is too long for a card as wide as the page: then no grid keeps it whole.

    Tries every uniform grid and, for a short list, every way of cutting it into rows whose
    cards are as wide as their figures need: a figure is drawn as tall as its row's neighbours
    when its card's width is in proportion to the figure's aspect (never narrower than a card
    of a 4-column grid). Rows are then as tall as their fullest card's text plus the figure
    height that draws every figure at the largest common drawn height the grid's height
    allows; height left over goes first to rows whose figures can still grow. The keys take
    one or two cells after the last card, or a row of their own. A grid fits when every figure
    is drawn at least MIN_HEIGHT tall and MIN_STATURE to scale. The winner keeps the keys, then
    draws its thinnest figure tallest (a lying figure drawn as a thin strip is what does not
    read from across a room), then has the tallest figures overall (geometric mean).
    """
    n = len(book.exercises)
    gap = sizes["cue"] * 0.8
    pad = sizes["cue"] * 0.6
    least_stature = MIN_STATURE * min(theme.width, theme.height) / A3_SHORT_SIDE
    least_height = MIN_HEIGHT * min(1.0, theme.scale_from("A3"))
    probe_h = 10 * grid.h  # a frame tall enough to measure a card's text
    # Rows are sized to draw the figures at a common drawn height (a figure's width per unit of
    # height is its aspect): a lying figure's thickness, not its scale, is what reads as a strip.
    statures = [_figure_units(e) for e in book.exercises]
    units = [(gw / gh, 1.0) if gh > 0 else (0.0, 0.0) for gw, gh in statures]
    widths_of_figures = [u[0] for u in units if u[0] > 0]
    key_weight = sum(widths_of_figures) / len(widths_of_figures) if widths_of_figures else 1.0
    has_glossary = bool(glossary_for(book))
    has_pictures = any(e.figure is not None for e in book.exercises)
    key_count = int(has_glossary) + int(has_pictures)
    # a name with a word too long even for a page-wide card is cut on any grid
    must_stay_whole = {i for i, e in enumerate(book.exercises) if not _cuts_name(e, grid.w, sizes, fonts, measure)}
    narrowest = (grid.w - 3 * gap) / 4
    text_cache: dict[tuple[int, float], float] = {}
    key_cache: dict[tuple[int, float], float] = {}

    name_cuts: dict[tuple[int, float], bool] = {}

    def cuts_name(i: int, w: float) -> bool:
        if (i, w) not in name_cuts:
            name_cuts[(i, w)] = _cuts_name(book.exercises[i], w, sizes, fonts, measure)
        return name_cuts[(i, w)]

    def text_height(i: int, w: float) -> float:
        key = (i, w)
        if key not in text_cache:
            text_cache[key] = probe_h - _card(book.exercises[i], 0, Box(0, 0, w, probe_h), sizes, fonts, theme, measure)[1]
        return text_cache[key]

    def keys_height(cells: int, w: float) -> float:
        """The height the keys need in ``cells`` cells ``w`` wide (their tallest cell)."""
        if (cells, w) not in key_cache:
            frame = Box(0, 0, w, probe_h)
            dose, dose_texts = _dose_key(book, frame, sizes, fonts, theme, measure)
            own = frame if cells > 1 or dose is None else None
            _, picture_texts, samples = _picture_key(book, own, dose, dose_texts, sizes, fonts, theme, measure)
            bottoms = [b.box.y for b in (*dose_texts, *picture_texts)] + [s.y for _, s in samples]
            # the picture key steps a quarter line past its last entry before checking it fits
            key_cache[(cells, w)] = (probe_h - min(bottoms) + pad + sizes["cue"] * 0.3) if bottoms else 0.0
        return key_cache[(cells, w)]

    best = None
    # A free layout puts the keys in one or two cells after the last card, or in a row of their own.
    key_places = [(cells, False) for cells in range(min(1, key_count), key_count + 1)] + ([(key_count, True)] if key_count else [])
    tries = [(lengths, uniform, place) for lengths, uniform in _row_lengths(n, n <= FREE_ROWS_UP_TO)
             for place in ([(0, False)] if uniform else key_places)]
    # no row is shorter than the least text of a card as wide as the grid and a figure MIN_HEIGHT tall
    least_row = min(text_height(i, math.floor(grid.w * 2) / 2) for i in range(n)) + least_height
    most_rows = max(1, int((grid.h + gap) // (least_row + gap)))
    for lengths, uniform, (key_cells_wanted, keys_alone) in tries:
        if not uniform and len(lengths) + keys_alone > most_rows:
            continue
        columns = max(lengths)
        starts = [sum(lengths[:r]) for r in range(len(lengths))]
        rows: list[list[tuple[int | None, float]]] = []  # per row: (exercise index or None for keys, width)
        for r, (start, length) in enumerate(zip(starts, lengths)):
            indices = list(range(start, start + length))
            last = r == len(lengths) - 1
            if uniform:
                w = (grid.w - (columns - 1) * gap) / columns
                spare = min(columns - length, key_count) if last else 0
                rows.append([(i, w) for i in indices] + [(None, w)] * spare)
            else:
                cells: list[int | None] = indices + ([None] * key_cells_wanted if last and not keys_alone else [])
                weights = [units[i][0] if i is not None and units[i][0] > 0 else key_weight for i in cells]
                split = _split_width(grid.w - (len(cells) - 1) * gap, weights, narrowest)
                if split is None:
                    break
                rows.append([(i, math.floor(w * 2) / 2) for i, w in zip(cells, split)])
        else:
            if keys_alone:
                w = math.floor((grid.w - (key_cells_wanted - 1) * gap) / key_cells_wanted * 2) / 2
                rows.append([(None, w)] * key_cells_wanted)
            found = _fit_rows(rows, grid, gap, pad, units, text_height, keys_height, key_count, must_stay_whole, cuts_name)
            if found is None:
                continue
            heights, keys_kept = found
            # each figure's scale from its card's text height, without laying the card out
            scales = []
            for row, h in zip(rows, heights):
                for i, w in row:
                    if i is None:
                        continue
                    gw, gh = statures[i]
                    room = h - text_height(i, w)
                    scales.append((i, math.inf if gw == 0 else min((w - 2 * pad) / gw, room / gh) if room > 0 else 0.0))
            if min(s for _, s in scales) < least_stature:
                continue
            drawn = [s * statures[i][1] for i, s in scales if s != math.inf]
            smallest = min(drawn) if drawn else math.inf
            if smallest < least_height:
                continue
            typical = math.exp(sum(math.log(s) for s in drawn) / len(drawn)) if drawn else math.inf
            score = (keys_kept, smallest, typical)
            if best is None or score > best[0]:
                best = (score, columns, rows, heights)
    if best is None:
        return None
    (keys_kept, smallest, _), columns, rows, heights = best
    cards, key_cells = [], []
    top = grid.top
    for row, h in zip(rows, heights):
        x = grid.x
        for i, w in row:
            frame = Box(x, top - h, w, h)
            if i is None:
                key_cells.append(frame)
            else:
                cards.append(_card(book.exercises[i], i + 1, frame, sizes, fonts, theme, measure)[0])
            x += w + gap
        top -= h + gap
    if not keys_kept:
        key_cells = []
    return smallest, keys_kept, columns, len(rows), tuple(cards), tuple(key_cells)


def _fit_rows(rows, grid: Box, gap: float, pad: float, units, text_height, keys_height, key_count: int, must_stay_whole, cuts_name):
    """Row heights for ``rows`` in ``grid`` that draw the figures at the largest common height,
    and whether the keys fit; None if the rows cannot fit or a card cuts a name."""
    for row in rows:
        for i, w in row:
            if i in must_stay_whole and cuts_name(i, w):
                return None
    available = grid.h - (len(rows) - 1) * gap

    def row_parts(row):
        """(text height, figure height per unit of stature, stature the width allows) per cell."""
        parts = []
        key_cells = [w for i, w in row if i is None]
        for i, w in row:
            if i is None:
                parts.append((keys_height(len(key_cells), w) if key_count else 0.0, 0.0, math.inf))
            else:
                gw, gh = units[i]
                parts.append((text_height(i, w), gh, (w - 2 * pad) / gw if gw > 0 else math.inf))
        return parts

    parts = [row_parts(row) for row in rows]

    def need(row_parts, stature: float) -> float:
        return max(text + stature * gh for text, gh, _ in row_parts)

    keys_kept = key_count == 0 or any(i is None for row in rows for i, _ in row)
    if sum(need(p, 0.0) for p in parts) > available + 1e-6 and key_count and keys_kept:
        # the keys do not fit: lay the cards out as if the key cells were empty
        parts = [[(0.0, 0.0, math.inf) if i is None else part for (i, _), part in zip(row, p)] for row, p in zip(rows, parts)]
        keys_kept = False
    if sum(need(p, 0.0) for p in parts) > available + 1e-6:
        return None
    widest = min(limit for p in parts for _, _, limit in p)
    # The total height is convex and piecewise linear in the figure height: Newton's steps
    # from the widest figure height the cards allow come down to where it meets the grid's.
    size = widest if widest != math.inf else available
    for _ in range(100):
        tallest = [max(p, key=lambda part: part[0] + size * part[1]) for p in parts]
        over = sum(text + size * gh for text, gh, _ in tallest) - available
        slope = sum(gh for _, gh, _ in tallest)
        if over <= 1e-6 or slope <= 0:
            break
        size = max(0.0, size - over / slope)
    heights = [need(p, size) for p in parts]
    # Height left over goes to rows whose figures can still grow (up to where every figure in
    # the row meets its card's width), then to every row alike.
    caps = [max(text + (limit * gh if limit != math.inf else 0.0) for text, gh, limit in p) for p in parts]
    left = available - sum(heights)
    for _ in range(len(rows)):
        growing = [r for r in range(len(rows)) if heights[r] < caps[r] - 1e-6]
        if not growing or left <= 1e-6:
            break
        share = left / len(growing)
        for r in growing:
            add = min(share, caps[r] - heights[r])
            heights[r] += add
            left -= add
    if left > 1e-6:
        heights = [h + left / len(rows) for h in heights]
    return heights, keys_kept


def _dose_key(book: Book, frame: Box | None, sizes, fonts: FontSet, theme: Theme, measure: _Measure):
    """A key to the dose words the chart uses, in ``frame`` (a spare cell) if it fits there."""
    if frame is None:
        return None, ()
    pad = sizes["cue"] * 0.6
    width = frame.w - 2 * pad
    lines = [("How to read a dose", fonts.bold)]
    for term, meaning in glossary_for(book):
        wrapped = measure.lines(f"{term}: {meaning}", fonts.regular, sizes["cue"], width - sizes["cue"])
        lines.extend((line, fonts.regular) for line in _bulleted(wrapped))
    if len(lines) == 1:
        return None, ()
    height = measure.height(len(lines), sizes["cue"])
    if height + 2 * pad > frame.h:
        return None, ()
    heading = TextBlock(Box(frame.x + pad, frame.top - pad - measure.height(1, sizes["cue"]), width, measure.height(1, sizes["cue"])), (lines[0][0],), fonts.bold, sizes["cue"], theme.palette.accent, "key-heading")
    body_h = measure.height(len(lines) - 1, sizes["cue"])
    body = TextBlock(Box(frame.x + pad, heading.box.y - body_h, width, body_h), tuple(line for line, _ in lines[1:]), fonts.regular, sizes["cue"], theme.palette.ink, "key")
    return frame, (heading, body)


A3_SHORT_SIDE = 841.89

def _picture_key(book: Book, own: Box | None, dose_key: Box | None, dose_texts, sizes, fonts: FontSet, theme: Theme, measure: _Measure):
    """The key to the pictures: in its own spare cell ``own``, else under the dose key in its
    cell; left out (with nothing else moved) when neither has room."""
    if not any(e.figure is not None for e in book.exercises):
        return None, (), ()
    size = sizes["cue"]
    pad = size * 0.6
    places: list[tuple[Box, float, bool]] = []  # (panel, top of the free space, a panel of its own)
    if own is not None:
        places.append((own, own.top - pad, True))
    if dose_key is not None and dose_texts:
        places.append((dose_key, min(block.box.y for block in dose_texts) - size, False))
    for panel, top, own in places:
        width = panel.w - 2 * pad
        sample_w = size * 4.0
        sample_h = sample_w / figures.key_aspect()
        text_w = width - sample_w - size * 0.6
        line_h = measure.height(1, size)
        heading = TextBlock(Box(panel.x + pad, top - line_h, width, line_h), ("How to read the pictures",), fonts.bold, size, theme.palette.accent, "pictures-heading")
        y = heading.box.y - size * 0.3
        texts: list[TextBlock] = [heading]
        samples: list[tuple[str, Box]] = []
        for role, meaning in figures.KEY:
            lines = measure.lines(meaning, fonts.regular, size, text_w)
            h = max(measure.height(len(lines), size), sample_h)
            y -= h
            texts.append(TextBlock(Box(panel.x + pad + sample_w + size * 0.6, y + h - measure.height(len(lines), size), text_w, measure.height(len(lines), size)), tuple(lines), fonts.regular, size, theme.palette.ink, "pictures"))
            samples.append((role, Box(panel.x + pad, y + h - line_h / 2 - sample_h / 2 - size * 0.1, sample_w, sample_h)))
            y -= size * 0.25
        if y >= panel.y + pad:
            return (panel if own else None), tuple(texts), tuple(samples)
    return None, (), ()


#: Steps from the preferred type sizes (0) to the smallest allowed (1).
BLENDS = (0.0, 0.25, 0.5, 0.75, 1.0)

#: The next page up, for the advice when a chart does not fit.
LARGER_PAGE = {"A4": "A3", "Letter": "Tabloid", "A3": "A2", "Tabloid": "A2", "A2": "A1"}


def plan(book: Book, theme: Theme, fonts: FontSet) -> ChartPlan:
    """Every box on the chart, at the largest type that fits; PublishError if nothing fits."""
    chart = _try_plan(book, theme, fonts)
    if chart is None:
        raise PublishError(_too_many_message(book, theme, fonts))
    return chart


def _rows_cannot_fit(count: int, sizes: dict[str, float], grid: Box) -> bool:
    """Whether ``count`` cards cannot fit in ``grid`` even with nothing but a name and a dose line.

    A lower bound on a card's height (padding, the number badge, one dose line), checked before
    any text is measured: 10,000 exercises are refused at once instead of laid out six ways.
    """
    pad, gap = sizes["cue"] * 0.6, sizes["cue"] * 0.4
    card = 2 * pad + sizes["name"] * 1.3 + gap + _Measure.height(1, sizes["dose"]) + 3 * gap
    rows = math.ceil(count / MAX_COLUMNS)
    return rows * card + (rows - 1) * sizes["cue"] * 0.8 > grid.h


def _try_plan(book: Book, theme: Theme, fonts: FontSet, blends: tuple[float, ...] = BLENDS) -> ChartPlan | None:
    measure = _Measure(fonts)
    page = Box(0, 0, theme.width, theme.height)
    # Every type size from the preferred to the smallest allowed is tried: the largest type
    # whose smallest figure is drawn TARGET_HEIGHT tall wins, or else the layout with the largest figures.
    found = []
    target = TARGET_HEIGHT * min(theme.width, theme.height) / A3_SHORT_SIDE
    for blend in blends:
        sizes = _sizes(theme, blend)
        content, band, strip, footer, texts, grid, logo = _frame(book, theme, sizes, fonts, measure)
        if grid.h <= 0 or _rows_cannot_fit(len(book.exercises), sizes, grid):
            continue
        best = _grid(book, theme, sizes, fonts, measure, grid)
        if best is not None:
            found.append((best, sizes, content, band, strip, footer, texts, logo))
            if best[1] and best[0] >= target:
                break  # the largest type that reaches the target: smaller type cannot win
    if not found:
        return None
    largest = max(found, key=lambda entry: entry[0][:2][::-1])
    best, sizes, content, band, strip, footer, texts, logo = next((e for e in found if e[0][1] and e[0][0] >= target), largest)
    _, _, columns, rows, cards, key_cells = best
    dose_cell = key_cells[0] if key_cells and glossary_for(book) else None
    key, key_texts = _dose_key(book, dose_cell, sizes, fonts, theme, measure)
    own = next((cell for cell in key_cells if cell is not key), None)
    pictures = _picture_key(book, own, key, key_texts, sizes, fonts, theme, measure)
    picture_key, picture_texts, picture_samples = pictures
    return ChartPlan(page, content, sizes, columns, rows, band, strip, footer, tuple(texts), cards, key, key_texts,
                     logo=logo, logo_file=book.prescription.clinic.logo.path if logo else None, picture_key=picture_key,
                     picture_key_texts=picture_texts, picture_key_samples=picture_samples)


def _too_many_message(book: Book, theme: Theme, fonts: FontSet) -> str:
    """Why the chart cannot be made, how many exercises would fit, and advice that works."""
    where = f"one {theme.page_name}{' landscape' if theme.landscape else ''} chart"
    fitting, too_many = 0, len(book.exercises)  # bisect: the first `fitting` fit, `too_many` do not
    while too_many - fitting > 1:
        middle = (fitting + too_many) // 2
        if _try_plan(replace(book, exercises=book.exercises[:middle]), theme, fonts, blends=(1.0,)) is not None:
            fitting = middle
        else:
            too_many = middle
    advice = "split the programme into two data files, or print the booklet"
    larger = LARGER_PAGE.get(theme.page_name)
    while larger:
        if _try_plan(book, theme_for(larger, theme.landscape), fonts, blends=(1.0,)) is not None:
            advice = f"try --page-size {larger}"
            break
        larger = LARGER_PAGE.get(larger)
    if fitting == 0:
        return (
            f"{book.name}: the title and general safety notes leave no room for the exercises on {where} "
            f"at readable sizes; shorten them, or {advice}"
        )
    count = len(book.exercises)
    return (
        f"{book.name}: {count} exercise{'s do' if count != 1 else ' does'} not fit on {where} "
        f"at readable sizes (at most {fitting} fit); {advice}"
    )


# -- drawing ---------------------------------------------------------------------------------


def _fill(canvas: Canvas, colour: str) -> None:
    canvas.setFillColor(HexColor(colour))


def _draw_text(canvas: Canvas, block: TextBlock, fonts: FontSet, node: tagging.Node | None = None) -> None:
    """Draw a block's lines; with ``node``, as that element's content (a new element per note at ``breaks``)."""
    _fill(canvas, block.colour)
    leading = block.size * LEADING
    baseline = block.box.top - block.size * 0.95
    starts = [0, *block.breaks, len(block.lines)]
    for first, end in zip(starts, starts[1:]):
        if node is not None and first > 0:
            node = node.parent.child(node.role)
        with tagging.tag(canvas, node) if node is not None else nullcontext():
            for line in _spaced(block.lines[first:end], block.anchor):
                x = block.box.x if block.anchor == "start" else block.box.x + block.box.w / 2
                draw_string(canvas, x, baseline, line, block.font, block.size, fonts, anchor=block.anchor)
                baseline -= leading


def _spaced(lines, anchor: str = "start"):
    """Wrapped lines with the space the wrap took out put back at each line's end (invisible).

    Text is read from the page as drawn: without it, "Lower Back" / "Pain" copies and reads as
    "BackPain". Centred or right-aligned lines keep their exact width instead.
    """
    lines = list(lines)
    if anchor != "start":
        return lines
    return [line + " " for line in lines[:-1]] + lines[-1:]


BULLET = "\u2022 "


def _draw_list(canvas: Canvas, block: TextBlock, fonts: FontSet, items: tagging.Node) -> None:
    """Draw bulleted lines (see ``_bulleted``) as list ``items``: each bullet a Lbl, its text a LBody.

    A line starting with a bullet opens a new item; the indented lines after it continue
    that item's body. ``items`` may already hold items from a previous column.
    """
    _fill(canvas, block.colour)
    leading = block.size * LEADING
    baseline = block.box.top - block.size * 0.95
    grouped: list[list[str]] = []
    for line in block.lines:
        if line.startswith(BULLET) or not grouped:
            grouped.append([])
        grouped[-1].append(line)
    for lines in grouped:
        item = items.child("LI")
        with tagging.tag(canvas, item.child("Lbl")):
            draw_string(canvas, block.box.x, baseline, BULLET.strip(), block.font, block.size, fonts)
        with tagging.tag(canvas, item.child("LBody")):
            for line in _spaced(lines):  # the text where it stood after its bullet or indent
                indent = string_width(line[: len(BULLET)], block.font, block.size, fonts)
                draw_string(canvas, block.box.x + indent, baseline, line[len(BULLET):], block.font, block.size, fonts)
                baseline -= leading


def warning_sign(canvas: Canvas, x: float, y: float, size: float, colour: str, mark_colour: str) -> None:
    """A warning triangle with an exclamation mark, drawn as vectors, bottom-left at (x, y)."""
    h = size * 0.9
    path = canvas.beginPath()
    path.moveTo(x, y)
    path.lineTo(x + size, y)
    path.lineTo(x + size / 2, y + h)
    path.close()
    canvas.setStrokeColor(HexColor(colour))
    canvas.setLineJoin(1)
    canvas.setLineWidth(size * 0.08)
    _fill(canvas, colour)
    canvas.drawPath(path, stroke=1, fill=1)
    _fill(canvas, mark_colour)
    bar_w = size * 0.11
    canvas.roundRect(x + size / 2 - bar_w / 2, y + h * 0.36, bar_w, h * 0.4, bar_w / 2, stroke=0, fill=1)
    canvas.circle(x + size / 2, y + h * 0.2, bar_w * 0.62, stroke=0, fill=1)


#: Structure roles of the page's text blocks by kind; any other kind is a paragraph.
TEXT_ROLES = {"title": "H1", "subtitle": "P"}
#: The safety strip's headings (its own section) and its bulleted lists.
STRIP_ROLES = {"strip-heading": "H2", "urgent-heading": "H3"}
STRIP_LISTS = ("strip", "urgent")


def draw(canvas: Canvas, chart: ChartPlan, theme: Theme, fonts: FontSet) -> None:
    """Draw a planned chart onto the current page of ``canvas``.

    Content is drawn in the order a person reads it, which is the order of the structure
    tree on a tagged canvas: title, safety strip, then card by card (name, figure, dose,
    cues, safety), the dose key and the footer. Backgrounds, frames and icons are artifacts.
    """
    palette = theme.palette
    radius = chart.sizes["cue"] * 0.6
    document = tagging.root(canvas)

    _fill(canvas, palette.accent)
    canvas.roundRect(chart.title_band.x, chart.title_band.y, chart.title_band.w, chart.title_band.h, radius, stroke=0, fill=1)
    if chart.logo is not None:  # an artifact: the clinic's name is in the text beside it
        _draw_logo(canvas, chart.logo, chart.logo_file, chart.sizes["cue"] * 0.4, radius * 0.6, palette.paper)

    strip = chart.safety_strip
    _fill(canvas, palette.warning_tint)
    canvas.setStrokeColor(HexColor(palette.warning))
    canvas.setLineWidth(chart.sizes["strip"] * 0.12)
    canvas.roundRect(strip.x, strip.y, strip.w, strip.h, radius, stroke=1, fill=1)
    icon = chart.sizes["strip"] * 2.2
    pad = chart.sizes["strip"] * 0.6
    warning_sign(canvas, strip.x + pad, strip.top - pad - icon * 0.95, icon, palette.warning, palette.paper)

    section = document.child("Sect")  # the safety strip
    lists: dict[str, tagging.Node] = {}
    for block in chart.texts:
        if block.kind == "footer":
            continue
        if block.kind in STRIP_LISTS:  # one list over the strip's columns
            if block.kind not in lists:
                lists[block.kind] = section.child("L")
            _draw_list(canvas, block, fonts, lists[block.kind])
        else:
            parent = section if block.kind in STRIP_ROLES else document
            _draw_text(canvas, block, fonts, parent.child(STRIP_ROLES.get(block.kind) or TEXT_ROLES.get(block.kind, "P")))

    for card in chart.cards:
        _draw_card(canvas, card, chart, theme, fonts, document.child("Sect"))
    if chart.key is not None:
        _fill(canvas, palette.accent_tint)
        canvas.roundRect(chart.key.x, chart.key.y, chart.key.w, chart.key.h, radius, stroke=0, fill=1)
        key = document.child("Sect")
        for block in chart.key_texts:
            if block.kind == "key-heading":
                _draw_text(canvas, block, fonts, key.child("H2"))
            else:
                _draw_list(canvas, block, fonts, key.child("L"))
    if chart.picture_key_texts:
        if chart.picture_key is not None:
            _fill(canvas, palette.accent_tint)
            box = chart.picture_key
            canvas.roundRect(box.x, box.y, box.w, box.h, radius, stroke=0, fill=1)
        key = document.child("Sect")
        for block in chart.picture_key_texts:
            _draw_text(canvas, block, fonts, key.child("H2" if block.kind == "pictures-heading" else "P"))
        for role, box in chart.picture_key_samples:  # artifacts: the text beside says what each is
            figures.key_draw(role, canvas, box.x, box.y, box.w, box.h, fonts.regular)
    for block in chart.texts:
        if block.kind == "footer":
            _draw_text(canvas, block, fonts, document.child("P"))


def _draw_logo(canvas: Canvas, box: Box, path: str, pad: float, radius: float, paper: str) -> None:
    """The clinic's logo on a paper-coloured tile, so a logo drawn for white paper reads on the band."""
    _fill(canvas, paper)
    canvas.roundRect(box.x - pad, box.y - pad, box.w + 2 * pad, box.h + 2 * pad, radius, stroke=0, fill=1)
    canvas.drawImage(path, box.x, box.y, box.w, box.h, preserveAspectRatio=True, anchor="c", mask="auto")


def _draw_card(canvas: Canvas, card: Card, chart: ChartPlan, theme: Theme, fonts: FontSet, section: tagging.Node) -> None:
    palette = theme.palette
    sizes = chart.sizes
    radius = sizes["cue"] * 0.6
    frame = card.frame
    texts = {block.kind: block for block in card.texts}
    canvas.setStrokeColor(HexColor(palette.rule))
    canvas.setLineWidth(max(0.75, sizes["cue"] * 0.07))
    canvas.setFillColor(HexColor(palette.paper))
    canvas.roundRect(frame.x, frame.y, frame.w, frame.h, radius, stroke=1, fill=0)

    panel = card.dose_panel
    _fill(canvas, palette.accent_tint)
    canvas.roundRect(panel.x, panel.y, panel.w, panel.h, radius * 0.6, stroke=0, fill=1)
    if card.safety_panel is not None:
        panel = card.safety_panel
        _fill(canvas, palette.warning_tint)
        canvas.setStrokeColor(HexColor(palette.warning))
        canvas.setLineWidth(max(0.75, sizes["safety"] * 0.08))
        canvas.roundRect(panel.x, panel.y, panel.w, panel.h, radius * 0.6, stroke=1, fill=1)
        icon = sizes["safety"] * 1.3
        gap = sizes["cue"] * 0.4
        warning_sign(canvas, panel.x + gap, panel.top - gap - icon * 0.95, icon, palette.warning, palette.paper)

    # The heading reads "3 Bridges": the badge's number, then the name.
    heading = section.child("H2")
    badge = card.badge
    _fill(canvas, palette.accent)
    canvas.circle(badge.x + badge.w / 2, badge.y + badge.h / 2, badge.w / 2, stroke=0, fill=1)
    _fill(canvas, palette.paper)
    number = str(card.number)
    number_size = min(sizes["name"], sizes["name"] * badge.w * 0.78 / string_width(number, fonts.bold, sizes["name"], fonts))
    with tagging.tag(canvas, heading):
        draw_string(canvas, badge.x + badge.w / 2, badge.y + badge.h / 2 - number_size * 0.35, number, fonts.bold, number_size, fonts, anchor="middle")
        canvas.drawString(badge.right, badge.y, " ")  # "3 Bridges", not "3Bridges"
        _draw_text(canvas, texts["name"], fonts)

    if card.figure is not None and card.exercise.figure is not None:
        box = card.figure
        figure = section.child("Figure", alt=pdfdoc.figure_alt(card.exercise))
        with tagging.tag(canvas, figure, bbox=(box.x, box.y, box.w, box.h)):
            figures.draw(card.exercise.figure, canvas, box.x, box.y, box.w, box.h, fonts.regular)

    _draw_text(canvas, texts["dose"], fonts, section.child("P"))
    if "cue" in texts:
        _draw_list(canvas, texts["cue"], fonts, section.child("L"))
    if "note" in texts:
        _draw_text(canvas, texts["note"], fonts, section.child("P"))
    if "safety" in texts:
        note = section.child("Note", ident=f"safety-{card.number}", title="Safety")
        _draw_text(canvas, texts["safety"], fonts, note.child("P"))
    for block in card.texts:  # any other text a card gains reads after these
        if block.kind not in ("name", "dose", "cue", "note", "safety"):
            _draw_text(canvas, block, fonts, section.child("P"))


# -- files -----------------------------------------------------------------------------------


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


# -- tiling ----------------------------------------------------------------------------------

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
