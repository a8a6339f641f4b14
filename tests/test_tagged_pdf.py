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
from publish import units
from publish.dose import dose_parts, dose_table
from publish.figures import KEY
from publish.fonts import register
from publish.load import load_book
from publish.theme import theme_for
from publish.wording import (
    DISCLAIMER,
    SAFETY_HEADING,
    STOP_AND_ASK_LEAD,
    URGENT_HELP_LEAD,
    WHEN_TO_STOP_HEADING,
    glossary_for,
    sentence,
)
from tests.conftest import ROOT, run_publish, write_dataset
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
    plan = chart.plan(book, theme_for(page), register())
    if plan.key is not None:  # a spare cell holds the key
        text.append("How to read a dose")
        for term, meaning in glossary_for(book):
            text += ["•", f"{term}: {meaning}"]
    if plan.picture_key_texts:  # the key to the pictures, in a spare cell or under the dose key
        text.append("How to read the pictures")
        text += [meaning for _, meaning in KEY]
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


# -- the booklet -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_booklet(tmp_path_factory):
    return make("booklet", tmp_path_factory)


@pytest.fixture(scope="module")
def booklet_70(tmp_path_factory):
    """Seventy exercises: a booklet of ninety-odd pages whose diary runs over several pages."""
    data = write_dataset(tmp_path_factory.mktemp("data"), 70)
    return load_book(data), make("booklet", tmp_path_factory, str(data))


def booklet_reading_order(book) -> list[str]:
    """Phrases of the booklet, from the data, in the order a person reads them."""
    phrases = [book.title, "Contents"]
    phrases += [exercise.name for exercise in book.exercises]
    phrases += ["Before you start", SAFETY_HEADING, *book.safety]
    if book.stop_and_ask_if or book.urgent_help_if:
        phrases += [WHEN_TO_STOP_HEADING, STOP_AND_ASK_LEAD, *book.stop_and_ask_if, URGENT_HELP_LEAD, *book.urgent_help_if]
    phrases.append("How to read a dose")
    for term, meaning in glossary_for(book):
        phrases += [term, sentence(meaning)]
    for exercise in book.exercises:
        phrases.append(exercise.name)
        if exercise.about:
            phrases.append(exercise.about)
        for label, value in dose_table(exercise.dose):
            phrases += [label.upper(), value]
        phrases.append("How to do it")
        for number, step in enumerate(exercise.steps, 1):
            phrases += [str(number), units.render(step, "both")]
        if exercise.safety:
            phrases += [SAFETY_HEADING, *exercise.safety]
        if exercise.muscles:
            phrases += ["Muscles worked", sentence(", ".join(exercise.muscles))]
        if exercise.benefits:
            phrases += ["Benefits", *(sentence(b) for b in exercise.benefits)]
        for tip in exercise.tips:
            phrases += ["Tip", tip]
    phrases += ["Exercise diary · week 1", *(e.name for e in book.exercises), "Pain (0–10)"]
    phrases += ["Exercise diary · week 2", *(e.name for e in book.exercises), "Pain (0–10)"]
    return phrases + ["Notes", "About this booklet", "Disclaimer", DISCLAIMER]


def assert_reads_in_order(read: list[str], phrases: list[str]) -> None:
    """Each phrase stands, word for word, after the one before it in ``read``."""
    at = 0
    for phrase in phrases:
        wanted = words(phrase)
        end = len(read) - len(wanted) + 1
        found = next((i for i in range(at, end) if read[i : i + len(wanted)] == wanted), None)
        assert found is not None, f"{phrase!r} not found after word {at}: …{' '.join(read[at:at + 30])}…"
        at = found + len(wanted)


def test_pdfua_finds_nothing_on_the_booklet(seed_booklet, booklet_70):
    assert_pdfua_clean(seed_booklet)
    assert_pdfua_clean(booklet_70[1])


@pytest.mark.parametrize("which", ["seed", "seventy"])
def test_booklet_structure_is_whole_and_reads_in_order(which, seed_booklet, seed_book, booklet_70):
    book, path = (seed_book, seed_booklet) if which == "seed" else booklet_70
    pdf, tree = check_tagged(path)
    assert_headings_nest(headings(tree))
    sections = [e for e in tree.kids if e.role == "/Sect"]
    assert len(sections) == len(book.exercises)
    for section, exercise in zip(sections, book.exercises):
        assert section.kids[0].role == "/H1"
        figures = [e for e in section.walk() if e.role == "/Figure"]
        assert len(figures) == (exercise.figure is not None)
        for figure in figures:
            assert figure.alt.startswith(exercise.name + ": Person "), figure.alt
        steps = [e for e in section.walk() if e.role == "/L"][0]
        assert [kid.role for kid in steps.kids] == ["/LI"] * len(exercise.steps)
        for item in steps.kids:
            assert [kid.role for kid in item.kids] == ["/Lbl", "/LBody"]
    read = words(" ".join(text for _, text in struct_text(path)))
    assert_reads_in_order(read, booklet_reading_order(book))
    # running heads and page footers are artifacts: never read
    joined = " ".join(read)
    assert f"EXERCISE 1 OF {len(book.exercises)}" not in joined and f"(continued)" not in joined
    assert not any(f"{n} of {len(pdf.pages)}" in joined for n in range(2, len(pdf.pages) + 1))


def test_the_contents_links_are_tagged_links_named_after_their_entry(seed_booklet, seed_book):
    pdf, tree = check_tagged(seed_booklet)
    table = next(e for e in tree.walk() if e.role == "/Table")
    rows = table.kids
    names = ["Before you start", *(e.name for e in seed_book.exercises), "Exercise diary", "Notes", "About this booklet"]
    assert len(rows) == len(names)
    for row, name in zip(rows, names):
        links = [e for e in row.walk() if e.role == "/Link"]
        assert len(links) == 2  # the name and the page number
        for link in links:
            assert len(link.annotations) == 1
            annotation = link.annotations[0]
            assert str(annotation["/Contents"]).startswith(f"{name}, page ")
            assert "/Dest" in annotation
    header = next(e for e in rows[1].kids if e.role == "/TH")
    assert str(header.obj["/A"]["/Scope"]) == "/Row"


def test_diary_headers_repeated_overleaf_are_read_once(booklet_70):
    book, path = booklet_70
    texts = [text for _, text in struct_text(path)]
    assert texts.count("Day") == 2 and texts.count("Date") == 2  # one per week, however many pages
    pdf, tree = check_tagged(path)
    diaries = [e for e in tree.walk() if e.role == "/Table"][-2:]
    for diary in diaries:
        assert len(diary.kids) == len(book.exercises) + 3  # days, dates, one per exercise, pain
        for row in diary.kids:
            assert len(row.kids) == 8  # the row's heading and seven days


def test_the_tagged_booklet_is_the_same_bytes_every_time(tmp_path, seed_booklet):
    again = tmp_path / "again.pdf"
    assert run_publish("booklet", "-o", str(again)).returncode == 0
    assert again.read_bytes() == seed_booklet.read_bytes()


def test_the_imposed_booklet_is_an_untagged_print_copy(tmp_path):
    """2-up sheets put pages out of reading order: they do not claim to be accessible."""
    out = tmp_path / "booklet.pdf"
    assert run_publish("booklet", "--imposed", "-o", str(out)).returncode == 0
    import pikepdf

    sheets = pikepdf.open(tmp_path / "booklet-imposed.pdf")
    assert "/StructTreeRoot" not in sheets.Root and "/MarkInfo" not in sheets.Root and "/Metadata" not in sheets.Root


def test_a_programme_chart_and_booklet_are_tagged_too(tmp_path):
    """A patient's programme adds a prescription header, notes panels and a logo: all still tagged."""
    programme = ROOT / "data" / "programmes" / "example.yaml"
    for product in ("chart", "booklet"):
        out = tmp_path / f"{product}.pdf"
        result = run_publish(product, str(programme), "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert_pdfua_clean(out)
        pdf, tree = check_tagged(out)
        assert_headings_nest(headings(tree))
