"""Make docs/figures.png: every seed exercise's illustration on one page, with its name.

    python docs/contact_sheet.py [DATA]
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from publish.figures import png  # noqa: E402
from publish.fonts import font_files  # noqa: E402
from publish.load import load_book  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COLUMNS, CELL_W, CELL_H, LABEL_H, PAD = 2, 900, 430, 56, 24


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "lower-back-pain.yaml"
    exercises = [e for e in load_book(data).exercises if e.figure is not None]
    rows = -(-len(exercises) // COLUMNS)
    sheet = Image.new("RGB", (COLUMNS * CELL_W + PAD, rows * (CELL_H + LABEL_H) + PAD), "white")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(font_files()["Atkinson-Bold"]), 34)
    for index, exercise in enumerate(exercises):
        x = PAD + (index % COLUMNS) * CELL_W
        y = PAD + (index // COLUMNS) * (CELL_H + LABEL_H)
        draw.text((x, y), f"{index + 1}. {exercise.name}", fill="#1a1a1a", font=font)
        image = Image.open(io.BytesIO(png(exercise.figure, CELL_W - PAD)))
        image.thumbnail((CELL_W - PAD, CELL_H - PAD))
        sheet.paste(image, (x, y + LABEL_H))
    sheet.save(ROOT / "docs" / "figures.png", optimize=True)
    print(ROOT / "docs" / "figures.png")


if __name__ == "__main__":
    main()
