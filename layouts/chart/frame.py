"""The chart's frame around the grid: the title band, the safety strip and the footer.

Their height depends on the type sizes only, so each type size's frame is laid out first and
the exercises get the grid area it leaves.
"""

from __future__ import annotations

from publish.fonts import FontSet
from publish.model import Book
from publish.pdftext import wrap_balanced
from publish.prescribing import NOTES_HEADING, header_lines
from publish.theme import Theme
from publish.wording import SAFETY_HEADING, URGENT_HELP_LEAD

from layouts.chart.measure import LEADING, _bulleted, _Measure
from layouts.chart.model import Box, TextBlock


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
