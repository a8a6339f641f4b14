"""The products, by the command word that makes them.

Each layout is a function ``build(book, theme, path, **options) -> list[Path]`` that writes
its file (plus any companion files an option asks for, such as poster tiles) atomically and
returns the paths written, main file first. Adding a product is one module and one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Layout:
    build: Callable[..., list[Path]]
    suffix: str  # default output: output/<data name><suffix>
    summary: str  # one line for `publish --help`
    default_page: str | None = None  # None: the product has no page size (EPUB)
    page_sizes: tuple[str, ...] = ()
    options: tuple[str, ...] = ()  # extra command-line options, defined in publish.cli


def registry() -> dict[str, Layout]:
    """The products, in the order ``publish all`` makes them.

    A function rather than a module-level dict so that importing ``layouts`` does not import
    every renderer.
    """
    from layouts import booklet, chart, epub

    return {
        "chart": Layout(
            build=chart.build,
            suffix="-chart.pdf",
            summary="the one-page wall chart (A3 by default)",
            default_page="A3",
            page_sizes=("A3", "A2", "A1", "A4", "Letter", "Tabloid"),
            options=("landscape", "tile"),
        ),
        "booklet": Layout(
            build=booklet.build,
            suffix="-booklet.pdf",
            summary="the illustrated booklet, to print and fold (A5 by default)",
            default_page="A5",
            page_sizes=("A5", "A4", "Letter", "HalfLetter"),
            options=("imposed",),
        ),
        "epub": Layout(
            build=epub.build,
            suffix=".epub",
            summary="the EPUB 3 e-book, for e-readers, phones and screen readers",
        ),
    }
