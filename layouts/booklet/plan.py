"""The page plan: what one layout pass learned (where every part starts, how many pages each
exercise fills) and the page breaks the next pass takes from it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

from publish import imposition
from publish.model import Book


@dataclass(frozen=True)
class PageStart:
    """Where a printed page begins: in which part, under which heading, and whether at it.

    ``part`` is the key of the last marked part at the page's top ("before-you-start",
    "exercise-3", …; a notes page put in to open a spread belongs to the part before it);
    ``heading`` the text of the last heading at or above the page's first line (None before
    any); ``at_heading`` whether that heading is the first thing on the page; ``first_text``
    the page's first words (the plain text of its first paragraph), so that a page starting
    under a heading, not at it, can be placed exactly (the EPUB's page list).
    """

    part: str
    heading: str | None
    at_heading: bool
    first_text: str | None = None


@dataclass
class Plan:
    """What one layout pass learned, used by the next: page numbers and page breaks."""

    pages: dict[str, int] = field(default_factory=dict)  # section/exercise key → first page
    spans: dict[str, int] = field(default_factory=dict)  # exercise key → pages it fills
    total: int = 0
    spread_notes: frozenset[str] = frozenset()  # exercises preceded by a notes page
    notes_pages: int = 1
    starts: list[PageStart] = field(default_factory=list)  # page n begins as starts[n - 1] says

    def settled(self, other: Plan) -> bool:
        return (self.pages, self.spans, self.total, self.spread_notes, self.notes_pages) == (
            other.pages, other.spans, other.total, other.spread_notes, other.notes_pages
        )


#: The notes page's heading.
NOTES = "Notes"


def exercise_key(index: int) -> str:
    return f"exercise-{index + 1}"



def next_plan(book: Book, found: Plan) -> Plan:
    """Decide the next pass's page breaks from what this pass measured."""
    spread_notes: set[str] = set()
    shift = 0
    for index in range(len(book.exercises)):
        key = exercise_key(index)
        inserted_before = sum(1 for other in range(index + 1) if exercise_key(other) in found.spread_notes)
        start = found.pages[key] - inserted_before + shift
        if found.spans.get(key, 1) > 1 and start % 2 == 1:
            spread_notes.add(key)
            shift += 1
    total_without_padding = found.total - found.notes_pages + 1 - len(found.spread_notes) + len(spread_notes)
    notes_pages = 1 + (imposition.padded_count(total_without_padding) - total_without_padding)
    return replace(found, spread_notes=frozenset(spread_notes), notes_pages=notes_pages)


def settled_plan(book: Book, measured: Plan) -> Plan:
    """The plan the passes settle on, worked out from one measuring pass.

    Every exercise and every part starts a page and every body page has the same frame, so an
    exercise fills the same number of pages wherever it falls, and a notes page is exactly one
    page. The measuring pass (no notes pages before exercises, one at the end) therefore gives
    all that is needed: which two-page exercises would open on a right-hand page and get a
    notes page before them, how many notes pages pad the booklet to a multiple of four, and
    where every part moves when those pages go in. ``render`` checks the prediction against
    the pass that draws the booklet and lays it out again if it were ever wrong.
    """
    if measured.spread_notes or measured.notes_pages != 1:
        raise ValueError("the measuring pass is laid out with no spread notes and one notes page")
    spread: list[str] = []
    for index in range(len(book.exercises)):
        key = exercise_key(index)
        if measured.spans.get(key, 1) > 1 and (measured.pages[key] + len(spread)) % 2 == 1:
            spread.append(key)
    without_padding = measured.total + len(spread)
    notes_pages = 1 + (imposition.padded_count(without_padding) - without_padding)
    before = sorted(measured.pages[key] for key in spread)  # measured pages that get a notes page before them
    notes = measured.pages.get("notes")

    def moved(page: int) -> int:
        padding = notes_pages - 1 if notes is not None and page > notes else 0
        return page + bisect_right(before, page) + padding

    starts: list[PageStart] = []
    for page, start in enumerate(measured.starts, 1):
        if page in before:
            starts.append(PageStart(starts[-1].part if starts else start.part, NOTES, True, NOTES))
        starts.append(start)
        if page == notes:
            starts += [start] * (notes_pages - 1)
    return Plan(
        pages={key: moved(page) for key, page in measured.pages.items()},
        spans=dict(measured.spans),
        total=without_padding + notes_pages - 1,
        spread_notes=frozenset(spread),
        notes_pages=notes_pages,
        starts=starts,
    )
