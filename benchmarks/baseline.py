"""The floor for the booklet: plain reportlab platypus, one comparable page per exercise.

    python benchmarks/baseline.py DATA OUT.pdf [--text-only]

What a general-purpose use of the same library does with the same data, and no more: the
exercise's name, description, a vector picture, the dose as a one-row table, the numbered
steps, safety notes, muscles, benefits and tips as paragraphs, each exercise on its own page,
in the same fonts, through SimpleDocTemplate in one pass. No contents page numbers, no page
plan, no figure geometry (the picture is a fixed drawing with as many strokes and discs as
one of ours, about 170), so the ratio of the booklet's time to this one's is what the
booklet's own work costs.

The picture is drawn through reportlab.graphics, the general-purpose way, which costs most of
this baseline's time; our figures are written as PDF operators directly. ``--text-only``
leaves the picture out (the issue's own "plain platypus" figure was of such pages), so the
benchmark can also say how far the booklet is from the library's floor for text alone.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import yaml

#: Shapes in the stand-in picture: about as many as one of our figures draws.
PICTURE_SHAPES = 170


def picture(width: float, height: float):
    from reportlab.graphics.shapes import Circle, Drawing, PolyLine
    from reportlab.lib.colors import HexColor

    drawing = Drawing(width, height)
    ink = HexColor("#1a1a1a")
    for n in range(PICTURE_SHAPES):
        t = n / PICTURE_SHAPES
        x, y = width * t, height * (0.5 + 0.35 * math.sin(6.28 * t))
        if n % 3:
            drawing.add(PolyLine([x, y, x + 8, y + 5, x + 14, y - 3], strokeColor=ink, strokeWidth=2, strokeLineCap=1))
        else:
            drawing.add(Circle(x, y, 2.5, fillColor=ink, strokeColor=None))
    return drawing


def main(data: Path, out: Path, text_only: bool = False) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
    )

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from publish.fonts import (
        register,  # the same fonts, embedded and subset as ours are
    )

    fonts = register()
    book = yaml.safe_load(data.read_text(encoding="utf-8"))
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=11, leading=14)
    h1 = ParagraphStyle("h1", body, fontName=fonts.bold, fontSize=19, leading=22)
    h2 = ParagraphStyle("h2", body, fontName=fonts.bold, fontSize=11.5, leading=14)
    width = A5[0] - 30 * mm
    story = []
    for exercise in book["exercises"]:
        story += [Paragraph(escape(exercise["name"]), h1), Spacer(1, 6)]
        if exercise.get("about"):
            story.append(Paragraph(escape(exercise["about"]), body))
        story += [Spacer(1, 6), Spacer(1, 45 * mm) if text_only else picture(width, 45 * mm), Spacer(1, 6)]
        dose = exercise.get("dose") or {}
        if dose:
            story.append(Table([[f"{k.upper()} {v}" for k, v in dose.items()]], colWidths=[width / len(dose)] * len(dose)))
        story.append(Paragraph("How to do it", h2))
        story += [Paragraph(escape(str(step)), body, bulletText=str(n)) for n, step in enumerate(exercise.get("steps", []), 1)]
        for title, key in (("Safety", "safety"), ("Benefits", "benefits"), ("Tips", "tips")):
            if exercise.get(key):
                story.append(Paragraph(title, h2))
                story += [Paragraph(escape(str(item)), body, bulletText="•") for item in exercise[key]]
        if exercise.get("muscles"):
            story += [Paragraph("Muscles worked", h2), Paragraph(escape(", ".join(exercise["muscles"])), body)]
        story.append(PageBreak())
    document = SimpleDocTemplate(str(out), pagesize=A5, leftMargin=15 * mm, rightMargin=15 * mm, invariant=1)
    document.build(story)


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--text-only"]
    if len(arguments) != 2:
        sys.exit("usage: python benchmarks/baseline.py DATA OUT.pdf [--text-only]")
    main(Path(arguments[0]), Path(arguments[1]), text_only="--text-only" in sys.argv[1:])
