"""YAML → model, validating everything in one pass.

Two readers share one set of field rules:

- ``source``: the file's text composed into YAML nodes, each with its line;
- ``fields``: how a whole number, a date, a dose, a piece of text is read and checked;
- ``library``: a data file of exercises (``data/lower-back-pain.yaml``) → ``Book``;
- ``programme``: a patient's prescription, picking exercises from libraries → ``Book``.

Every problem is collected before anything is raised, each phrased as
``data/x.yaml:14: exercises[2].dose.reps: expected a whole number, got 'ten'``.
"""

from __future__ import annotations

from pathlib import Path

from publish.load.source import display_name, editor_line, read_text
from publish.model import Book

__all__ = ["load", "load_book", "display_name", "editor_line", "read_text"]


def load_book(path: Path | str) -> Book:
    """Load and validate a library file; raise DataError with every problem found."""
    from publish.load.library import read_library

    path = Path(path)
    shown = display_name(path)
    return read_library(read_text(path, shown), shown, path.stem)


def load(path: Path | str, libraries=None) -> Book:
    """Load a library or a programme, whichever the file is; raise DataError with every problem.

    ``libraries`` (a ``programme.Libraries``) keeps libraries already read, for a batch.
    """
    from publish.load.library import read_library
    from publish.load.programme import is_programme, read_programme
    from publish.load.source import compose

    path = Path(path)
    shown = display_name(path)
    text = read_text(path, shown)
    root = compose(text, shown)
    if is_programme(root):
        return read_programme(text, shown, path.parent, libraries)
    return read_library(text, shown, path.stem, root)
