"""Make docs/figures.png and docs/figures-grey.png: every exercise's illustration on one page,
with its name and the key to the pictures; the grey sheet is the same page as a 16-level
e-ink screen shows it (luminance as greyscale conversion computes it, quantised to 16 levels).

    python docs/contact_sheet.py [DATA]
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from publish.figures import KEY, key_png, png  # noqa: E402
from publish.figures.style import GREY_LEVELS  # noqa: E402
from publish.fonts import font_files  # noqa: E402
from publish.load import load_book  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COLUMNS, CELL_W, CELL_H, LABEL_H, PAD = 2, 900, 430, 56, 24


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "lower-back-pain.yaml"
    exercises = [e for e in load_book(data).exercises if e.figure is not None]
    cells = len(exercises) + 1  # the key takes the last cell
    rows = -(-cells // COLUMNS)
    bold = ImageFont.truetype(str(font_files()["Atkinson-Bold"]), 34)
    regular = ImageFont.truetype(str(font_files()["Atkinson"]), 30)
    samples = [(Image.open(io.BytesIO(key_png(role, 150))), meaning) for role, meaning in KEY]
    # The key may run longer than its cell: the sheet grows to hold it.
    key_end = cell(len(exercises))[1] + LABEL_H + 10 + sum(
        max(sample.height, 34 * len(wrapped(meaning, regular, CELL_W - PAD - 175))) + 22 for sample, meaning in samples
    )
    sheet = Image.new("RGB", (COLUMNS * CELL_W + PAD, max(rows * (CELL_H + LABEL_H), key_end) + PAD), "white")
    draw = ImageDraw.Draw(sheet)
    for index, exercise in enumerate(exercises):
        x, y = cell(index)
        draw.text((x, y), f"{index + 1}. {exercise.name}", fill="#1a1a1a", font=bold)
        image = Image.open(io.BytesIO(png(exercise.figure, CELL_W - PAD)))
        image.thumbnail((CELL_W - PAD, CELL_H - PAD))
        sheet.paste(image, (x, y + LABEL_H))
    x, y = cell(len(exercises))
    draw.text((x, y), "How to read the pictures", fill="#1a1a1a", font=bold)
    y += LABEL_H + 10
    for sample, meaning in samples:
        sheet.paste(sample, (x, y))
        lines = wrapped(meaning, regular, CELL_W - PAD - 175)
        top = y + sample.height / 2 - 17 * len(lines)
        for at, line in enumerate(lines):
            draw.text((x + 175, top + 34 * at), line, fill="#1a1a1a", font=regular)
        y += max(sample.height, 34 * len(lines)) + 22
    colour = ROOT / "docs" / "figures.png"
    sheet.save(colour, optimize=True)
    step = 255 / (GREY_LEVELS - 1)
    grey = sheet.convert("L").point(lambda v: round(round(v / step) * step))
    grey.save(ROOT / "docs" / "figures-grey.png", optimize=True)
    print(colour)
    print(ROOT / "docs" / "figures-grey.png")


def wrapped(text: str, font, width: float) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` pixels."""
    lines = [""]
    for word in text.split():
        trial = f"{lines[-1]} {word}".strip()
        if lines[-1] and font.getlength(trial) > width:
            lines.append(word)
        else:
            lines[-1] = trial
    return lines


def cell(index: int) -> tuple[int, int]:
    return PAD + (index % COLUMNS) * CELL_W, PAD + (index // COLUMNS) * (CELL_H + LABEL_H)


if __name__ == "__main__":
    main()
