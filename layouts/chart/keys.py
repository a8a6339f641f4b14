"""The keys in the grid's spare cells: how to read a dose, and how to read the pictures.

The grid search lays them out in trial cells to size its rows; the plan lays them out again in
the cells the winning grid leaves.
"""

from __future__ import annotations

from publish import figures
from publish.fonts import FontSet
from publish.model import Book
from publish.theme import Theme
from publish.wording import glossary_for

from layouts.chart.measure import _bulleted, _Measure
from layouts.chart.model import Box, TextBlock


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
