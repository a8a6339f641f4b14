"""Tagged PDFs (PDF/UA-1): a screen reader gets the chart and the booklet in the order a person reads.

Each product is checked three ways: ``pdfua check`` (the machine-checkable part of PDF/UA-1)
finds nothing; the structure tree read back with pikepdf keeps the rules pdfua does not check
(every painting tagged or artifact, MCIDs owned, headings nested, figures described, links
tagged, fonts mapped to Unicode); and the text poppler reads in structure order is the text of
the data, in the order a person reads it.
"""

from __future__ import annotations

import pytest

from layouts import chart
from publish.dose import dose_parts
from publish.fonts import register
from publish.load import load_book
from publish.theme import theme_for
from publish.wording import SAFETY_HEADING, URGENT_HELP_LEAD, glossary_for
from tests.conftest import run_publish, write_dataset
from tests.pdfstructure import assert_headings_nest, check_tagged, headings, pdfua_findings, struct_text, words


def assert_pdfua_clean(path):
    report = pdfua_findings(path)
    assert report["summary"]["rules_skipped"] == 0, report["skipped"]
    assert report["findings"] == [], [(f["rule_id"], f["message"]) for f in report["findings"]]


def make(product: str, tmp_path_factory, *args: str):
    out = tmp_path_factory.mktemp(product) / f"{product}.pdf"
    result = run_publish(product, *args, "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


# -- the wall chart --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_chart(tmp_path_factory):
    return make("chart", tmp_path_factory)


@pytest.fixture(scope="module")
def full_chart(tmp_path_factory):
    """The most exercises a chart holds: 42 on A1 (70 do not fit on any chart; the booklet takes them)."""
    data = write_dataset(tmp_path_factory.mktemp("data"), 42)
    return load_book(data), make("chart", tmp_path_factory, str(data), "--page-size", "A1")


def chart_reading_order(book, page: str) -> list[str]:
    """The chart's text as a person reads it: title, safety strip, each card, dose key, footer."""
    text = [book.title, book.subtitle or "", SAFETY_HEADING]
    for note in book.safety:
        text += ["•", note]
    if book.urgent_help_if:
        text.append(URGENT_HELP_LEAD)
        for sign in book.urgent_help_if:
            text += ["•", sign]
    for number, exercise in enumerate(book.exercises, 1):
        text += [str(number), exercise.name, *dose_parts(exercise.dose)]
        for cue in exercise.cues:
            text += ["•", cue]
        text += list(exercise.safety)
    if chart.plan(book, theme_for(page), register()).key is not None:  # a spare cell holds the key
        text.append("How to read a dose")
        for term, meaning in glossary_for(book):
            text += ["•", f"{term}: {meaning}"]
    return text + chart._footer_text(book)


def test_pdfua_finds_nothing_on_the_chart(seed_chart, full_chart):
    assert_pdfua_clean(seed_chart)
    assert_pdfua_clean(full_chart[1])


def test_chart_structure_reads_card_by_card(seed_chart, seed_book):
    pdf, tree = check_tagged(seed_chart)
    roles = [e.role for e in tree.kids]
    assert roles[:3] == ["/H1", "/P", "/Sect"]  # title, subtitle, safety strip
    cards = tree.kids[3 : 3 + len(seed_book.exercises)]
    for card, exercise in zip(cards, seed_book.exercises):
        kinds = [e.role for e in card.kids]
        expected = ["/H2", "/Figure", "/P"] + (["/L"] if exercise.cues else []) + (["/Note"] if exercise.safety else [])
        assert kinds == expected, (exercise.id, kinds)
        figure = card.kids[1]
        assert exercise.name in figure.alt and len(figure.alt) > len(exercise.name) + 20
        assert "/BBox" in figure.obj["/A"]
    assert_headings_nest(headings(tree))
    notes = [e for e in tree.walk() if e.role == "/Note"]
    assert notes and len({str(n.obj["/ID"]) for n in notes}) == len(notes)


def test_chart_text_in_structure_order_is_the_reading_order(seed_chart, seed_book, full_chart):
    for path, book, page in ((seed_chart, seed_book, "A3"), (full_chart[1], full_chart[0], "A1")):
        read = words(" ".join(text for _, text in struct_text(path)))
        assert read == words(" ".join(chart_reading_order(book, page)))


def test_every_line_the_chart_plans_is_drawn_as_tagged_text(seed_chart, seed_book):
    read = " ".join(words(" ".join(text for _, text in struct_text(seed_chart))))
    plan = chart.plan(seed_book, theme_for("A3"), register())
    for block in plan.text_blocks():
        for line in block.lines:
            assert " ".join(words(line)) in read, (block.kind, line)


def test_a_42_exercise_chart_is_tagged_the_same_way(full_chart):
    book, path = full_chart
    pdf, tree = check_tagged(path)
    figures = [e for e in tree.walk() if e.role == "/Figure"]
    assert len(figures) == len(book.exercises)
    for figure, exercise in zip(figures, book.exercises):
        assert figure.alt.startswith(exercise.name + ":")


def test_chart_tiles_stay_untagged_print_sheets(tmp_path):
    """Tiles cut the poster into overlapping pieces for gluing: they do not claim to be accessible."""
    out = tmp_path / "chart.pdf"
    result = run_publish("chart", "-o", str(out), "--tile", "A4")
    assert result.returncode == 0, result.stderr
    import pikepdf

    tiles = pikepdf.open(tmp_path / "chart-tiles-a4.pdf")
    assert "/StructTreeRoot" not in tiles.Root and "/MarkInfo" not in tiles.Root


def test_the_tagged_chart_is_the_same_bytes_every_time(tmp_path, seed_chart):
    again = tmp_path / "again.pdf"
    assert run_publish("chart", "-o", str(again)).returncode == 0
    assert again.read_bytes() == seed_chart.read_bytes()
