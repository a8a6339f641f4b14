"""Drawing a planned chart: text, bulleted lists, warning signs, the cards, the logo, the page.

Drawing only follows the plan and tags what it draws, in reading order, for screen readers.
"""

from __future__ import annotations

from contextlib import nullcontext

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from publish import figures, pdfdoc, tagging
from publish.fonts import FontSet
from publish.pdftext import draw_string, string_width
from publish.theme import Theme

from layouts.chart.measure import LEADING
from layouts.chart.model import Box, Card, ChartPlan, TextBlock


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
    """Draw bulleted lines (see ``measure._bulleted``) as list ``items``: each bullet a Lbl, its text a LBody.

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
