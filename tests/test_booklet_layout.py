"""The booklet is laid out once: a measuring pass predicts the page plan the printed booklet has.

The old way laid the whole booklet out again and again until its page numbers stopped
changing; these tests keep that way as the reference and check that one measuring pass plus
one drawing gives the same plan and the same bytes, including the notes pages that open a
two-page exercise on a spread and pad the booklet to a multiple of four.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from layouts import booklet
from layouts.booklet import _lay_out, layout
from layouts.booklet.plan import Plan, next_plan
from layouts.booklet.stream import Stream
from publish.load import load_book
from publish.theme import theme_for
from tests.conftest import SEED


def settled_by_passes(book, theme) -> tuple[bytes, Plan]:
    """The reference: lay out until the page numbers and breaks stop changing."""
    plan = Plan()
    for _ in range(8):
        pdf, found = _lay_out(book, theme, plan)
        following = next_plan(book, found)
        if following.settled(plan) and found.total == plan.total:
            return pdf, found
        plan = following
    raise AssertionError("the passes did not settle")


def mixed_lengths(tmp_path: Path) -> Path:
    """Exercises of one page and of two, so some two-page ones would open on a right-hand page."""
    long_steps = [f"Step {n}, move slowly, breathe out, and keep your back still as you go." * 3 for n in range(14)]
    lines = ["title: Mixed lengths", "exercises:"]
    for n in range(1, 10):
        steps = long_steps if n in (2, 3, 6, 9) else ["Stand tall.", "Breathe out."]
        lines += [f"  - id: ex-{n}", f"    name: Exercise {n}", "    steps:"]
        lines += [f"      - {step}" for step in steps]
        lines += ["    dose: {reps: 5}"]
    path = tmp_path / "mixed.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def mixed_book(tmp_path_factory):
    return load_book(mixed_lengths(tmp_path_factory.mktemp("mixed")))


def test_two_page_exercises_open_on_a_left_hand_page_after_a_notes_page(mixed_book):
    plan = layout(mixed_book, theme_for("A5"))
    two_page = [key for key, span in plan.spans.items() if span > 1]
    assert len(two_page) == 4
    assert plan.spread_notes, "the data should need at least one notes page before an exercise"
    for key in two_page:
        assert plan.pages[key] % 2 == 0, key
    assert plan.total % 4 == 0


@pytest.mark.parametrize("size", ["A5", "A4"])
def test_one_measuring_pass_predicts_the_plan_the_passes_settle_on(mixed_book, size):
    theme = theme_for(size)
    _, settled = settled_by_passes(mixed_book, theme)
    predicted = layout(mixed_book, theme)
    assert predicted.settled(settled)
    assert predicted.total == settled.total
    assert predicted.starts == settled.starts


@pytest.mark.parametrize("data", ["seed", "mixed"])
def test_the_booklet_drawn_once_is_byte_for_byte_the_settled_one(mixed_book, data, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    book = load_book(SEED) if data == "seed" else mixed_book
    theme = theme_for("A5")
    assert booklet.render(book, theme) == settled_by_passes(book, theme)[0]


def test_page_starts_name_each_pages_part_and_first_heading(tmp_path):
    book = load_book(SEED)
    theme = theme_for("A5")
    pdf = booklet.build(book, theme, tmp_path / "b.pdf")[0]
    texts = [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]
    starts = booklet.page_starts(book, theme)
    assert len(starts) == len(texts)
    pages = booklet.page_numbers(book, theme)
    for number, start in enumerate(starts, 1):
        assert pages[start.part] <= number
        if start.at_heading:
            assert start.heading in texts[number - 1]
    assert starts[pages["exercise-2"] - 1].heading == book.exercises[1].name
    assert [start.part for start in starts].count("before-you-start") >= 1


def test_a_stream_reads_its_sections_lazily_and_takes_insertions_at_the_front():
    made = []

    def sections():
        for n in range(1000):
            made.append(n)
            yield [f"{n}a", f"{n}b"]

    stream = Stream(sections())
    assert len(made) < 1000
    assert stream[0] == "0a" and stream[:3] == ["0a", "0b", "1a"]
    del stream[0]
    stream[0:0] = ["x", "y"]
    stream.insert(0, "w")
    assert stream[:4] == ["w", "x", "y", "0b"]
    del stream[:4]
    seen = []
    while len(stream):
        seen.append(stream[0])
        del stream[0]
    assert seen[:2] == ["1a", "1b"] and seen[-1] == "999b" and len(seen) == 1998
