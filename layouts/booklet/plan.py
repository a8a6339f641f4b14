"""The page plan: what one layout pass learned (where every part starts, how many pages each
exercise fills) and the page breaks the next pass takes from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from publish import imposition
from publish.model import Book


@dataclass
class Plan:
    """What one layout pass learned, used by the next: page numbers and page breaks."""

    pages: dict[str, int] = field(default_factory=dict)  # section/exercise key → first page
    spans: dict[str, int] = field(default_factory=dict)  # exercise key → pages it fills
    total: int = 0
    spread_notes: frozenset[str] = frozenset()  # exercises preceded by a notes page
    notes_pages: int = 1

    def settled(self, other: Plan) -> bool:
        return (self.pages, self.spans, self.total, self.spread_notes, self.notes_pages) == (
            other.pages, other.spans, other.total, other.spread_notes, other.notes_pages
        )


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
