"""The printed booklet's page numbers in the e-book: one marker per printed page, where it starts.

The booklet says where each of its pages begins: in which part, under which heading, whether
at that heading, and the first words on the page. Each page becomes one ``pagebreak`` marker
in the matching document, placed before the element those words begin (a heading, a lead
paragraph, a step); the nav's page-list and the NCX's pageList then point at the markers.
Notes pages, which the e-book does not reproduce, are marked where they fall: after the diary,
or at the end of the exercise before a spread they open.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from publish.model import Book
from publish.prescribing import NOTE_HEADING, NOTES_HEADING
from publish.units import render
from publish.wording import SAFETY_HEADING, STOP_AND_ASK_LEAD, URGENT_HELP_LEAD, WHEN_TO_STOP_HEADING

from layouts.epub.pages import Document, chapter_file

#: The end of a document's body: where a notes page that follows it is marked.
END = "#end"

#: The booklet's headings (as printed) that the e-book has too, by the id they carry here.
HEADING_IDS = {
    WHEN_TO_STOP_HEADING: "when-to-stop",
    "How to read a dose": "reading-a-dose",
    "How to read the pictures": "reading-pictures",
    "How to do it": "steps",
    "Muscles worked": "muscles",
    "Benefits": "benefits",
    NOTE_HEADING: "note",
    "Notes": END,
}


@dataclass(frozen=True)
class PageTarget:
    """Printed page ``number`` starts in ``file_name`` at the element ``anchor`` (None: the top)."""

    number: int
    file_name: str
    anchor: str | None
    exact: bool  # False when the page starts inside an element (a step split over two pages)


def booklet_page_size() -> str:
    """The page size of the printed booklet the page list follows: the booklet's default."""
    from layouts import registry

    return registry()["booklet"].default_page or "A5"


def booklet_page_starts(book: Book):
    """Where each page of the printed booklet (default size) starts, from its own layout."""
    from layouts import booklet
    from publish.theme import theme_for

    return booklet.page_starts(book, theme_for(booklet_page_size()))


def documents_by_part(book: Book) -> dict[str, str]:
    """The e-book document holding each of the booklet's parts."""
    documents = {
        "cover": "cover.xhtml", "contents": "nav.xhtml", "before-you-start": "before-you-start.xhtml",
        "diary": "diary.xhtml", "notes": "diary.xhtml", "about": "colophon.xhtml",
    }
    documents.update({f"exercise-{n}": chapter_file(e) for n, e in enumerate(book.exercises, 1)})
    return documents


def page_targets(book: Book, starts) -> list[PageTarget]:
    """One target per printed page, in page order."""
    documents = documents_by_part(book)
    targets = []
    for number, start in enumerate(starts, 1):
        file_name = documents[start.part]
        anchor, exact = _anchor(book, start)
        targets.append(PageTarget(number, file_name, anchor, exact))
    return targets


def _anchor(book: Book, start) -> tuple[str | None, bool]:
    """The id of the element the page starts at, and whether that is exactly where it starts."""
    heading, first = start.heading, (getattr(start, "first_text", None) or "").strip()
    if start.part == "notes" or heading == "Notes":
        return END, True
    if start.part in ("cover", "contents", "about") or heading is None:
        return None, True
    if start.part == "diary" and heading.startswith("Exercise diary"):
        week = heading.rsplit(" ", 1)[-1]
        return (f"week-{week}" if week.isdigit() and week != "1" else None), start.at_heading
    if start.at_heading:
        if heading == SAFETY_HEADING:
            return ("before-safety" if start.part == "before-you-start" else "safety"), True
        if heading == NOTES_HEADING:
            return "notes", True
        return HEADING_IDS.get(heading), heading in HEADING_IDS or heading == _part_title(book, start.part)
    # The page starts under a heading, not at it: find the element its first words begin.
    if first in HEADING_IDS:  # a heading inside a table (muscles and benefits side by side)
        return HEADING_IDS[first], True
    if first:
        if start.part == "before-you-start":
            for lead, anchor in ((STOP_AND_ASK_LEAD, "stop-and-ask"), (URGENT_HELP_LEAD, "urgent-help")):
                if lead.startswith(first) or first.startswith(lead):
                    return anchor, True
        if start.part.startswith("exercise-"):
            exercise = book.exercises[int(start.part.split("-")[1]) - 1]
            if exercise.tips and first.startswith("Tip"):
                return "tips", True
            for number, step in enumerate(exercise.steps, 1):
                text = " ".join(render(step, "both").split())
                if text.startswith(first) or first.startswith(text):
                    return f"step-{number}", True
                if first in text:  # the page starts inside this step
                    return f"step-{number}", False
    return HEADING_IDS.get(heading), False


def _part_title(book: Book, part: str) -> str | None:
    if part.startswith("exercise-"):
        return book.exercises[int(part.split("-")[1]) - 1].name
    return {"before-you-start": "Before you start"}.get(part)


def marker(number: int) -> str:
    return f'<span epub:type="pagebreak" role="doc-pagebreak" id="page-{number}" aria-label="{number}"></span>'


#: Elements a marker goes inside (at their start) rather than before.
_INSIDE = ("li", "td", "th", "dd", "dt")


def by_document(targets: list[PageTarget]) -> dict[str, list[PageTarget]]:
    """Each document's targets (by file name), in page order: what ``place_markers`` takes.

    Grouped once for the whole book: each document looking through every target was
    quadratic (10,000 exercises: 10,000 documents × 25,000 pages)."""
    grouped: dict[str, list[PageTarget]] = {}
    for target in targets:
        grouped.setdefault(target.file_name, []).append(target)
    return grouped


def place_markers(document: Document, mine: list[PageTarget]) -> Document:
    """``document`` with a page-break marker for each of its targets (``by_document``), where
    each page starts."""
    body = document.body
    # Insert from the end of the body backwards, so earlier positions stay valid.
    positions = []
    for order, target in enumerate(mine):
        positions.append((_position(body, target.anchor), order, target.number))
    for position, _, number in sorted(positions, key=lambda p: (p[0], p[1]), reverse=True):
        body = body[:position] + marker(number) + body[position:]
    return Document(document.file_name, document.title, body, document.properties)


def _position(body: str, anchor: str | None) -> int:
    if anchor is None:
        # Just inside the first section (or at the very start, before the nav's first element).
        return body.index(">") + 1 if body.startswith("<section") else 0
    if anchor == END:
        return body.rindex("</section>") if body.endswith("</section>") else len(body)
    at = body.index(f' id="{anchor}"')
    tag_start = body.rindex("<", 0, at)
    tag = body[tag_start + 1 : at].split()[0] if " " in body[tag_start + 1 : at] else body[tag_start + 1 : at]
    if tag in _INSIDE:
        return body.index(">", at) + 1
    return tag_start


def nav_page_list(targets: list[PageTarget]) -> str:
    """The nav's page-list items, in page order."""
    return "".join(f'<li><a href="{t.file_name}#page-{t.number}">{t.number}</a></li>' for t in targets)


def ncx_page_list(targets: list[PageTarget], first_play_order: int) -> str:
    """The NCX's pageList, matching the nav's page-list entry for entry (for older readers)."""
    entries = "".join(
        f'<pageTarget id="page-target-{t.number}" type="normal" value="{t.number}" playOrder="{first_play_order + i}">'
        f"<navLabel><text>{t.number}</text></navLabel>"
        f'<content src="{escape(t.file_name)}#page-{t.number}"/></pageTarget>'
        for i, t in enumerate(targets)
    )
    return f'<pageList><navLabel><text>Pages of the printed booklet</text></navLabel>{entries}</pageList>'
