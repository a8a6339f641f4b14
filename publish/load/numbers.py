"""Numbers as a person writes them: ``010`` is ten, ``1:30`` is not ninety, nothing is octal.

YAML 1.1 (what PyYAML reads) takes ``010`` as octal 8, ``0x1F`` as hex, ``1:30`` as the
sexagesimal 90 and ``1_000`` as a thousand, and turns 5,000 digits into an integer Python
then refuses to print. A physiotherapist writing ``reps: 010`` means ten. So numbers are read
from the text the author typed: decimal digits only, leading zeros ignored, at most a few
digits more than any limit needs; anything else is refused with what to write instead.
"""

from __future__ import annotations

import re

WHOLE = re.compile(r"([+-]?)0*(\d+)")
DECIMAL = re.compile(r"([+-]?)0*(\d*)(?:\.(\d*))?")
_HAS_DIGITS = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
#: Digits read at most; every limit in the data (1,000 reps, 3,600 s, 360°) has four.
MAX_DIGITS = 12
_MINUTES_SECONDS = re.compile(r"(\d{1,3}):([0-5]\d)")


def whole(text: str) -> int | str:
    """The whole number ``text`` spells in decimal digits, or why it is not one."""
    text = text.strip()
    match = WHOLE.fullmatch(text)
    if match is None:
        clock = _MINUTES_SECONDS.fullmatch(text)
        if clock:
            seconds = int(clock[1]) * 60 + int(clock[2])
            return f"expected a whole number, got {text!r} (YAML reads it as minutes:seconds); write the seconds, {seconds}"
        return f"expected a whole number, got {short(text)}"
    sign, digits = match[1], match[2]
    if len(digits) > MAX_DIGITS:
        return f"expected a sensible whole number, got one of {len(digits):,} digits"
    return -int(digits) if sign == "-" else int(digits)


def decimal(text: str) -> float | str:
    """The number ``text`` spells as decimal digits with an optional sign and point, or why not."""
    text = text.strip()
    match = DECIMAL.fullmatch(text)
    if match is None or not _HAS_DIGITS.fullmatch(text):
        return f"expected a number, got {short(text)}"
    if len(match[2]) + len(match[3] or "") > MAX_DIGITS:
        return f"expected a sensible number, got one of {len(match[2]) + len(match[3] or ''):,} digits"
    return float(f"{match[1]}{match[2] or '0'}.{match[3] or '0'}") + 0.0  # never -0


def short(text: str, room: int = 40) -> str:
    return repr(text) if len(text) <= room else f"{text[:room]!r}… ({len(text):,} characters)"
