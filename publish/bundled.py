"""Where the bundled data set lives: ``data/`` in a checkout, ``publish/_data`` in a wheel."""

from __future__ import annotations

from pathlib import Path

DEFAULT_DATA = "lower-back-pain.yaml"


def data_dir() -> Path:
    """The folder holding the bundled data sets.

    An installed wheel carries ``data/`` as the package ``publish._data``; a checkout (or an
    editable install) reads the repository's ``data/`` directly, so edits show at once.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "_data"
    if (packaged / DEFAULT_DATA).is_file():
        return packaged
    return here.parent / "data"


def default_data() -> Path:
    return data_dir() / DEFAULT_DATA
