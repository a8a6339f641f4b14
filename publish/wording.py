"""Fixed wording every product shares, so the chart, booklet and EPUB never disagree.

User data says what to do; this module says how the products explain themselves: what the
words of a dose mean, how the "when to stop" lists are introduced, and the disclaimer.
"""

from __future__ import annotations

from publish.model import Book

#: (dose field, term, meaning, short meaning for the wall chart) in the order a dose is read.
DOSE_GLOSSARY = (
    ("reps", "Repetitions", "how many times you do the movement, one after another.",
     "how many times, one after another"),
    ("sets", "Sets", "a group of repetitions. “3 sets × 10 reps” means 10 repetitions, a short rest, then twice more.",
     "3 sets × 10 reps: 10 in a row, rest, repeat 3 times"),
    ("hold_s", "Hold", "how long to stay still in the position before you return. Count slowly, or watch a clock.",
     "stay still in the position for that many seconds (s)"),
    ("rest_s", "Rest", "how long to rest between sets.", "how long to rest between sets"),
    ("each_side", "Each side", "do the whole dose on one side, then the same on the other side.",
     "the whole dose on one side, then on the other"),
)

STOP_AND_ASK_LEAD = "Stop the exercise and talk to your doctor or physiotherapist if:"
URGENT_HELP_LEAD = "Get urgent medical help if:"

DISCLAIMER = (
    "This is general information to support the care you receive. It does not replace advice "
    "from your doctor or physiotherapist about your own condition. Check with them before you "
    "start, and stop any exercise that causes pain."
)


def glossary_for(book: Book, short: bool = False) -> list[tuple[str, str]]:
    """(term, meaning) for the dose words this book's doses actually use; ``short`` for the chart."""
    return [
        (term, brief if short else meaning)
        for field_name, term, meaning, brief in DOSE_GLOSSARY
        if any(getattr(exercise.dose, field_name) for exercise in book.exercises)
    ]
