"""The model as plain JSON data: a stable export for other tools (``publish list --json``).

Field names are the model's (and the YAML's); measurements become ``{"value", "unit"}``
objects inside a step's ``parts`` next to its readable ``text``; dates are ISO strings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from publish.dose import phrase
from publish.model import Book, Length, Pose, Range, Text

SCHEMA_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, Text):
        return {
            "text": value.plain,
            "parts": [p if isinstance(p, str) else {"value": p.value, "unit": p.unit} for p in value.parts],
        }
    if isinstance(value, Range):
        return value.low if value.is_single else [value.low, value.high]
    if isinstance(value, Pose):
        return {"base": value.base, **{name: angle for name, angle in value.angles}}
    if isinstance(value, Length):
        return {"value": value.value, "unit": value.unit}
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def book_to_json(book: Book) -> dict[str, Any]:
    data = _plain(book)
    for exercise, out in zip(book.exercises, data["exercises"]):
        out["dose"]["text"] = phrase(exercise.dose)
    return {"schema": SCHEMA_VERSION, **data}
