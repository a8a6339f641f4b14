"""Lengths in steps: parsing ``{2 in}`` markers and printing them in the reader's units."""

from __future__ import annotations

import re

from publish.model import Length, Text

#: Units a step may measure in, with their size in centimetres.
UNITS: dict[str, float] = {"mm": 0.1, "cm": 1.0, "m": 100.0, "in": 2.54, "ft": 30.48}

#: Measurements outside these (in centimetres) are typing slips: a hand's width is 8 cm, a
#: walk along a corridor 20 m.
SHORTEST_CM = 0.1
LONGEST_CM = 10_000.0
#: Digits a measurement may have (``1234.5678``); more is not a measurement a patient takes.
MAX_DIGITS = 10

#: A measurement inside step text: ``{2 in}``, ``{1.5 cm}``.
LENGTH_MARK = re.compile(r"\{\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*\}")


def format_length(length: Length) -> str:
    """The length as written: ``2 in``."""
    return length.written


def to_cm(length: Length) -> float:
    return length.value * UNITS[length.unit]


def metric(length: Length) -> str:
    """The length in whole centimetres (a patient cannot measure finer by eye), or millimetres under 1 cm."""
    cm = to_cm(length)
    return f"{round(cm)} cm" if cm >= 1 else f"{max(1, round(cm * 10))} mm"


def format_both(length: Length) -> str:
    """The length as written, with metric in brackets for imperial units: ``2 in (5 cm)``.

    Metric lengths are printed once.
    """
    if length.unit in ("mm", "cm", "m"):
        return format_length(length)
    return f"{format_length(length)} ({metric(length)})"


def parse_text(raw: str) -> tuple[tuple[str | Length, ...], list[str]]:
    """Split ``raw`` into plain strings and Lengths; return the parts and any unknown units."""
    parts: list[str | Length] = []
    problems: list[str] = []
    pos = 0
    for match in LENGTH_MARK.finditer(raw):
        if match.start() > pos:
            parts.append(raw[pos : match.start()])
        unit = match.group(2)
        if unit not in UNITS:
            problems.append(f"unknown unit {unit!r} in {match.group(0)!r} (use one of {', '.join(UNITS)})")
            parts.append(match.group(0))
        else:
            length = Length(float(match.group(1)), unit, match.group(1)) if len(match.group(1)) <= MAX_DIGITS else None
            if length is None or not SHORTEST_CM <= to_cm(length) <= LONGEST_CM:
                mark = match.group(0) if len(match.group(0)) <= 40 else f"{match.group(0)[:30]}…{match.group(0)[-5:]}"
                problems.append(
                    f"the measurement {mark!r} is {'shorter than 1 mm' if length and to_cm(length) < SHORTEST_CM else 'longer than 100 m'}; "
                    "check the number and the unit"
                )
                parts.append(match.group(0))
            else:
                parts.append(length)
        pos = match.end()
    if pos < len(raw):
        parts.append(raw[pos:])
    return tuple(parts), problems


def render(text: Text, style: str = "both") -> str:
    """Text for a reader: ``style`` is "both" (2 in (5 cm)), "source" (2 in) or "metric" (5 cm)."""
    out = []
    for part in text.parts:
        if isinstance(part, str):
            out.append(part)
        elif style == "source":
            out.append(format_length(part))
        elif style == "metric":
            out.append(metric(part))
        else:
            out.append(format_both(part))
    return "".join(out)
