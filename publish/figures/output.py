"""Writing every exercise's illustration as SVG and PNG (the `publish figures` command)."""

from __future__ import annotations

from pathlib import Path

from publish.figures.alt import alt_text
from publish.figures.render import png, svg
from publish.files import write_bytes
from publish.model import Book

#: PNG width in pixels: what the EPUB asks for, and plenty for a preview.
PNG_WIDTH = 1200


def write_figures(book: Book, out_dir: Path | str) -> list[Path]:
    """Write ``<exercise-id>.svg`` and ``<exercise-id>.png`` for each illustrated exercise."""
    out = Path(out_dir)
    written: list[Path] = []
    for exercise in book.exercises:
        if exercise.figure is None:
            continue
        text = svg(exercise.figure, alt_text(exercise), title=exercise.name)
        written.append(write_bytes(out / f"{exercise.id}.svg", text.encode("utf-8")))
        written.append(write_bytes(out / f"{exercise.id}.png", png(exercise.figure, PNG_WIDTH)))
    return written
