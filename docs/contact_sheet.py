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
    sheet = Image.new("RGB", (COLUMNS * CELL_W + PAD, rows * (CELL_H + LABEL_H) + PAD), "white")
    draw = ImageDraw.Draw(sheet)
    bold = ImageFont.truetype(str(font_files()["Atkinson-Bold"]), 34)
    regular = ImageFont.truetype(str(font_files()["Atkinson"]), 30)
    for index, exercise in enumerate(exercises):
        x, y = cell(index)
        draw.text((x, y), f"{index + 1}. {exercise.name}", fill="#1a1a1a", font=bold)
        image = Image.open(io.BytesIO(png(exercise.figure, CELL_W - PAD)))
        image.thumbnail((CELL_W - PAD, CELL_H - PAD))
        sheet.paste(image, (x, y + LABEL_H))
    x, y = cell(len(exercises))
    draw.text((x, y), "How to read the pictures", fill="#1a1a1a", font=bold)
    y += LABEL_H + 10
    for role, meaning in KEY:
        sample = Image.open(io.BytesIO(key_png(role, 150)))
        sheet.paste(sample, (x, y))
        draw.text((x + 175, y + sample.height / 2 - 17), meaning, fill="#1a1a1a", font=regular)
        y += sample.height + 22
    colour = ROOT / "docs" / "figures.png"
    sheet.save(colour, optimize=True)
    step = 255 / (GREY_LEVELS - 1)
    grey = sheet.convert("L").point(lambda v: round(round(v / step) * step))
    grey.save(ROOT / "docs" / "figures-grey.png", optimize=True)
    print(colour)
    print(ROOT / "docs" / "figures-grey.png")


def cell(index: int) -> tuple[int, int]:
    return PAD + (index % COLUMNS) * CELL_W, PAD + (index // COLUMNS) * (CELL_H + LABEL_H)


if __name__ == "__main__":
    main()
