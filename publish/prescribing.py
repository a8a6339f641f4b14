"""How every product names a patient's prescription, so the chart, booklet and EPUB agree.

A programme's ``Prescription`` says who the exercises are for, who prescribed them, when, how
often and when to review; these functions phrase it once. They also decide what may go in
file metadata (a PDF's or EPUB's title): the programme's title and the patient's name, never
the clinician's notes.
"""

from __future__ import annotations

import datetime as dt

from publish.model import Book, Prescription

NOTES_HEADING = "From your physiotherapist"
NOTE_LABEL = "Note"  # before an exercise's note on the chart, where room is short
NOTE_HEADING = "Your physiotherapist's note"  # over an exercise's note in the booklet and e-book


def long_date(day: dt.date) -> str:
    """``25 November 2026``: unambiguous in every English-speaking country."""
    return f"{day.day} {day:%B %Y}"


def prescriber(p: Prescription) -> str | None:
    """``Sam Patel, physiotherapist · Riverside Physio · 01234 567890``, or None when none is given."""
    parts = [p.clinician] if p.clinician else []
    if clinic := clinic_line(p):
        parts.append(clinic)
    return " · ".join(parts) or None


def _phone(number: str) -> str:
    """A phone number that never breaks across lines: no-break spaces inside it."""
    return number.replace(" ", "\u00a0")


def clinic_line(p: Prescription) -> str | None:
    """``Riverside Physio · 01234 567890``, or None."""
    if p.clinic is None:
        return None
    return " · ".join(part for part in (p.clinic.name, p.clinic.phone and _phone(p.clinic.phone)) if part) or None


def fields(p: Prescription) -> list[tuple[str, str]]:
    """(label, value) for what the prescription states, in the order a patient looks for it."""
    rows = [("Prepared for", p.patient)]
    if p.clinician:
        rows.append(("by", p.clinician))
    if clinic := clinic_line(p):
        rows.append(("Clinic", clinic))
    if p.date is not None:
        rows.append(("on", long_date(p.date)))
    if p.frequency:
        rows.append(("How often", p.frequency))
    if p.review:
        rows.append(("Review", p.review))
    return rows


def header_lines(p: Prescription) -> list[str]:
    """The prescription as a few lines for a header: patient and date; prescriber; frequency and review."""
    first = f"For {p.patient}" + (f" · {long_date(p.date)}" if p.date else "")
    lines = [first]
    if who := prescriber(p):
        lines.append(f"Prepared by {who}")
    often = [f"How often: {p.frequency}"] if p.frequency else []
    if p.review:
        often.append(f"Review: {p.review}")
    if often:
        lines.append(" · ".join(often))
    return lines


def footer_label(book: Book) -> str:
    """What the booklet's running footer names: the patient when it is theirs, else the title."""
    if book.prescription is None:
        return book.title
    return f"{book.prescription.patient} · {book.title}"


def metadata_title(book: Book) -> str:
    """A file's metadata title: the programme's title, with the patient's name for a programme.

    Nothing else of the prescription goes into metadata: the clinician's notes and the
    exercise notes stay on the pages, where only the patient reads them.
    """
    if book.prescription is None:
        return book.title
    return f"{book.title} — {book.prescription.patient}"
