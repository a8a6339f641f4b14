"""The products, by the command word that makes them.

Each layout is a function ``build(book, theme, path, **options) -> list[Path]`` that writes
its file (plus any companion files an option asks for, such as poster tiles) atomically and
returns the paths written, main file first. Adding a product is one module and one line here.
"""

from __future__ import annotations

import importlib
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


def _deferred(module: str) -> Callable[..., list[Path]]:
    """``module.build``, imported on the first call."""

    def build(*args, **kwargs) -> list[Path]:
        return importlib.import_module(module).build(*args, **kwargs)

    build.__qualname__ = f"{module}.build"
    return build


def registry() -> dict[str, Layout]:
    """The products, in the order ``publish all`` makes them.

    A function rather than a module-level dict, and each ``build`` imported only when called,
    so that ``publish --help`` (which lists the products) loads no renderer and no reportlab.
    """
    return {
        "chart": Layout(
            build=_deferred("layouts.chart"),
            suffix="-chart.pdf",
            summary="the one-page wall chart (A3 by default)",
            default_page="A3",
            page_sizes=("A3", "A2", "A1", "A4", "Letter", "Tabloid"),
            options=("landscape", "tile"),
        ),
        "booklet": Layout(
            build=_deferred("layouts.booklet"),
            suffix="-booklet.pdf",
            summary="the illustrated booklet, to print and fold (A5 by default)",
            default_page="A5",
            page_sizes=("A5", "A4", "Letter", "HalfLetter"),
            options=("imposed",),
        ),
        "epub": Layout(
            build=_deferred("layouts.epub"),
            suffix=".epub",
            summary="the EPUB 3 e-book, for e-readers, phones and screen readers",
        ),
    }
