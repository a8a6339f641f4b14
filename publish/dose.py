"""The one place that phrases a dose, so every product says it the same way.

"3 sets × 10 reps · hold 5 s", "10 reps · each side · hold 2 s",
"3 sets × 15 reps · hold 10–15 s · rest 1 min between sets". Only what the data states is
said: a dose without sets never reads "1 set".
"""

from __future__ import annotations

from publish.model import Dose, Range

SEPARATOR = " · "


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def seconds(value: Range) -> str:
    """``5 s`` or ``10–15 s`` (en dash, no spaces, as a range is printed in running text)."""
    return f"{value.low} s" if value.is_single else f"{value.low}–{value.high} s"


def duration(total_s: int) -> str:
    """A rest time as a person says it: ``30 s``, ``1 min``, ``1 min 30 s``."""
    minutes, secs = divmod(total_s, 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min" if not secs else f"{minutes} min {secs} s"


def repetitions(dose: Dose) -> str | None:
    """``3 sets × 10 reps``, ``10 reps``, ``3 sets`` or None."""
    if dose.sets is not None and dose.reps is not None:
        return f"{plural(dose.sets, 'set')} × {plural(dose.reps, 'rep')}"
    if dose.reps is not None:
        return plural(dose.reps, "rep")
    if dose.sets is not None:
        return plural(dose.sets, "set")
    return None


def dose_parts(dose: Dose) -> list[str]:
    """The phrases of a dose in reading order; layouts that break lines use these."""
    parts = []
    reps = repetitions(dose)
    if reps:
        parts.append(reps)
    if dose.each_side:
        parts.append("each side")
    if dose.hold_s is not None:
        parts.append(f"hold {seconds(dose.hold_s)}")
    if dose.rest_s is not None:
        parts.append(f"rest {duration(dose.rest_s)} between sets")
    return parts


def phrase(dose: Dose) -> str:
    """The whole dose on one line; empty when the data gives no dose at all."""
    return SEPARATOR.join(dose_parts(dose))


def dose_table(dose: Dose) -> list[tuple[str, str]]:
    """Label/value rows for a dose box or table: only the rows the data has.

    ("Sets", "3"), ("Repetitions", "10"), ("Hold", "5 s"), ("Rest", "1 min between sets"),
    ("Sides", "each side").
    """
    rows = []
    if dose.sets is not None:
        rows.append(("Sets", str(dose.sets)))
    if dose.reps is not None:
        rows.append(("Repetitions", str(dose.reps) + (" each side" if dose.each_side else "")))
    elif dose.each_side:
        rows.append(("Sides", "each side"))
    if dose.hold_s is not None:
        rows.append(("Hold", seconds(dose.hold_s)))
    if dose.rest_s is not None:
        rows.append(("Rest", f"{duration(dose.rest_s)} between sets"))
    return rows
