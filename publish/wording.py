"""Fixed wording every product shares, so the chart, booklet and EPUB never disagree.

User data says what to do (the exercises, their safety notes, the "when to stop" lists);
this module says how the products explain themselves: what the words of a dose mean, how the
"when to stop" lists are introduced, the one heading over safety notes, the disclaimer, and
who made the product from whose work. Clinical wording belongs in the data, not here.
"""

from __future__ import annotations

import os

from publish.model import Book

#: (dose field, term, meaning) in the order a dose is read. One meaning per term, printed the
#: same on the chart's key, in the booklet's glossary and in the e-book's.
DOSE_GLOSSARY = (
    ("reps", "Repetitions", "how many times you do the movement, one after another."),
    ("sets", "Sets", "a group of repetitions. “3 sets × 10 reps” means 10 repetitions, a short rest, then twice more."),
    ("hold_s", "Hold", "how long to stay still in the position before you return. Count slowly, or watch a clock."),
    ("rest_s", "Rest", "how long to rest between sets."),
    ("each_side", "Each side", "do the whole dose on one side, then the same on the other side."),
)

#: The heading over every safety note, general or an exercise's own, in every product.
SAFETY_HEADING = "Safety"

WHEN_TO_STOP_HEADING = "When to stop and seek help"
STOP_AND_ASK_LEAD = "Stop exercising and talk to your doctor or physiotherapist soon if:"
URGENT_HELP_LEAD = "Get emergency help now (go to A&E or call an ambulance) if:"

#: Not a second stop rule: the data's safety notes hold the one rule ("stop any exercise that
#: makes your back pain worse", for the seed); the disclaimer points at them.
DISCLAIMER = (
    "This is general information to support the care you receive. It does not replace advice "
    "from your doctor or physiotherapist about your own condition. Check with them before you "
    "start, and follow the safety notes and the advice on when to stop."
)

#: Introduces the data's list of places where our text departs from the source on purpose.
CORRECTIONS_LEAD = "The text was corrected from the source where the source was wrong:"

#: Who publishes the products when the data names no clinic: the tool itself.
TOOL = "exercise-publisher"


def glossary_for(book: Book) -> list[tuple[str, str]]:
    """(term, meaning) for the dose words this book's doses actually use."""
    return [
        (term, meaning)
        for field_name, term, meaning in DOSE_GLOSSARY
        if any(getattr(exercise.dose, field_name) for exercise in book.exercises)
    ]


def sentence(text: str) -> str:
    """A list item such as "support the spine" as it starts a line: "Support the spine".

    Benefits and muscles are written in the data as they read mid-sentence; every product
    capitalises them the same way when they start a line.
    """
    return text[:1].upper() + text[1:]


def publisher(book: Book) -> str:
    """Who publishes this book's products: the prescribing clinic when named, else the tool.

    Never the source's author: she wrote the exercises, not the safety lists or the disclaimer.
    """
    prescription = book.prescription
    if prescription is not None and prescription.clinic is not None and prescription.clinic.name:
        return prescription.clinic.name
    return TOOL


def source_credit(book: Book) -> str | None:
    """“Strength Exercises For Lower Back Pain” by Nancy Lang: the work the exercises come from."""
    source = book.source
    if source is None:
        return None
    by = f" by {source.author}" if source.author else ""
    return f"“{source.title}”{by}"


def made_with(version: str) -> str:
    """The colophon's "made with" line. It names the build's date only when the build says it.

    Products are stamped with SOURCE_DATE_EPOCH when set, otherwise with the data's date (same
    input, same bytes). Printing the data's date after "made on" would be untrue, so without
    SOURCE_DATE_EPOCH the line gives no date; the data's date is printed as the data's.
    """
    from publish.files import build_time

    line = f"Made with {TOOL} {version}"
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        line += f" on {build_time().date().isoformat()}"
    return line + "."
