"""The booklet, read back from the PDF: pages, text per page, outline, links, folding order."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from layouts import booklet
from publish import imposition, units
from publish.dose import dose_table
from publish.load import load_book
from publish.theme import PAGE_SIZES, theme_for
from tests.conftest import SEED, require_tool, run_publish


def flat(text: str) -> str:
    """Text with every run of whitespace made one space (line breaks fall anywhere)."""
    return " ".join(text.split())


def page_texts(pdf: Path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(pdf).pages]


def outline(reader: PdfReader) -> dict[str, int]:
    """Every outline entry's title → 1-based page number (nested entries included)."""
    entries: dict[str, int] = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                entries[item.title] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    return entries


def link_targets(reader: PdfReader, page_index: int) -> list[int]:
    """1-based pages that the link annotations on a page point to, top to bottom."""
    targets = []
    for annotation in reader.pages[page_index].get("/Annots", []):
        annotation = annotation.get_object()
        if annotation.get("/Subtype") != "/Link":
            continue
        destination = annotation["/Dest"]
        targets.append((-float(annotation["/Rect"][1]), reader.get_page_number(destination[0].get_object()) + 1))
    return [page for _, page in sorted(targets)]


def write_data(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_booklet(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seed")
    book = load_book(SEED)
    written = booklet.build(book, theme_for("A5"), folder / "lower-back-pain-booklet.pdf", imposed=True)
    return written[0]


# -- the command ----------------------------------------------------------------------------


def test_publish_booklet_writes_output_name_booklet_pdf_at_a5(tmp_path):
    result = run_publish("booklet", str(SEED), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    target = tmp_path / "output" / "lower-back-pain-booklet.pdf"
    assert result.stdout.split() == [str(Path("output") / "lower-back-pain-booklet.pdf")]
    page = PdfReader(target).pages[0].mediabox
    assert (round(float(page.width)), round(float(page.height))) == (420, 595)


def test_imposed_writes_a_second_file_beside_the_first(tmp_path):
    result = run_publish("booklet", str(SEED), "-o", str(tmp_path / "b.pdf"), "--imposed", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / "b.pdf"), str(tmp_path / "b-imposed.pdf")]
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("size", ["A4", "Letter", "HalfLetter"])
def test_every_page_is_the_chosen_size(tmp_path, size, seed_book):
    pdf = booklet.build(seed_book, theme_for(size), tmp_path / "b.pdf")[0]
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(pdf).pages}
    assert sizes == {tuple(round(v) for v in PAGE_SIZES[size])}


# -- the pages ------------------------------------------------------------------------------


def test_seed_booklet_runs_cover_contents_intro_exercises_diary_notes_back(seed_booklet, seed_book):
    texts = page_texts(seed_booklet)
    pages = outline(PdfReader(seed_booklet))
    assert "Prepared for" in texts[0] and seed_book.title in texts[0]
    assert pages["Contents"] == 2 and "Contents Before you start" in texts[1]
    assert "Before you start This booklet" in texts[pages["Before you start"] - 1]
    starts = [pages[e.name] for e in seed_book.exercises]
    assert starts == sorted(starts) and starts[0] > pages["Before you start"]
    assert starts[-1] < pages["Exercise diary"] < pages["Notes"] < pages["About this booklet"] == len(texts)
    # one page each for the seven seed exercises
    assert [b - a for a, b in zip(starts, starts[1:] + [pages["Exercise diary"]])] == [1] * 7
    assert len(texts) % 4 == 0, "padded with notes pages so that it folds without blanks"


def test_running_footer_numbers_every_page_after_the_cover(seed_booklet, seed_book):
    texts = page_texts(seed_booklet)
    total = len(texts)
    for number, text in enumerate(texts[1:], start=2):
        assert f"{number} of {total}" in text
        assert seed_book.title in text


def exercise_pages(pdf: Path, book) -> dict[str, str]:
    """Each exercise's name → the text of the pages from its outline entry to the next section."""
    texts = page_texts(pdf)
    pages = outline(PdfReader(pdf))
    starts = [pages[e.name] for e in book.exercises] + [pages["Exercise diary"]]
    return {e.name: " ".join(texts[starts[i] - 1 : starts[i + 1] - 1]) for i, e in enumerate(book.exercises)}


def test_every_dose_step_and_safety_note_is_on_its_own_exercise_page(seed_booklet, seed_book):
    pages = exercise_pages(seed_booklet, seed_book)
    for exercise in seed_book.exercises:
        text = pages[exercise.name]
        assert flat(exercise.name) in text
        for label, value in dose_table(exercise.dose):
            assert f"{label.upper()} {value}" in text, (exercise.name, label)
        for step in exercise.steps:
            assert flat(units.render(step, "both")) in text, exercise.name
        for note in exercise.safety:
            assert flat(note) in text, exercise.name
        for benefit in exercise.benefits:
            assert flat(benefit[1:]) in text
        for tip in exercise.tips:
            assert flat(tip) in text


def test_steps_print_both_units(seed_booklet, seed_book):
    assert "about 2 in (5 cm)" in exercise_pages(seed_booklet, seed_book)["Partial Curls"]


def test_before_you_start_has_the_safety_notes_dose_guide_and_when_to_stop(seed_booklet, seed_book):
    texts = page_texts(seed_booklet)
    pages = outline(PdfReader(seed_booklet))
    intro = " ".join(texts[pages["Before you start"] - 1 : pages[seed_book.exercises[0].name] - 1])
    for note in seed_book.safety:
        assert flat(note) in intro
    assert "How to read a dose" in intro and "When to stop and seek help" in intro


def test_diary_has_every_exercise_for_two_weeks_with_left_right_and_pain(seed_booklet, seed_book):
    texts = page_texts(seed_booklet)
    pages = outline(PdfReader(seed_booklet))
    diary = texts[pages["Exercise diary"] - 1 : pages["Notes"] - 1]
    assert len(diary) == 2
    for week, text in enumerate(diary, 1):
        assert f"week {week}" in text
        assert "Pain (0–10)" in text
        for exercise in seed_book.exercises:
            assert flat(exercise.name) in text
        one_sided = sum(e.dose.each_side for e in seed_book.exercises)
        assert len(re.findall(r"\bL R\b", text)) == one_sided * 7


def test_back_page_attributes_the_source_with_its_date_and_disclaimer(seed_booklet):
    back = page_texts(seed_booklet)[-1]
    assert "Strength Exercises For Lower Back Pain" in back and "Nancy Lang" in back
    assert "13 April 2024" in back and "Disclaimer" in back


# -- navigation -----------------------------------------------------------------------------


def test_outline_has_each_section_and_every_exercise(seed_booklet, seed_book):
    titles = outline(PdfReader(seed_booklet))
    for section in ("Cover", "Contents", "Before you start", "Exercises", "Exercise diary", "Notes", "About this booklet"):
        assert section in titles
    for exercise in seed_book.exercises:
        assert exercise.name in titles


def test_contents_links_land_on_the_pages_they_name(seed_booklet, seed_book):
    reader = PdfReader(seed_booklet)
    pages = outline(reader)
    targets = link_targets(reader, pages["Contents"] - 1)
    sections = ["Before you start", *(e.name for e in seed_book.exercises), "Exercise diary", "Notes", "About this booklet"]
    # each entry links its title and its page number
    assert targets == [pages[s] for s in sections for _ in (0, 1)]
    contents = page_texts(seed_booklet)[1]
    for section in sections:
        assert re.search(re.escape(section) + r".*? " + str(pages[section]) + r"\b", contents)


def test_metadata_and_language_follow_the_data(seed_booklet, seed_book):
    reader = PdfReader(seed_booklet)
    assert reader.metadata.title == f"{seed_book.title} — booklet"
    assert reader.metadata.author == "exercise-publisher"  # the publisher; the source is credited in the subject
    assert "Nancy Lang" in reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata["/CreationDate"].startswith("D:20240413")


def test_fonts_are_embedded_and_subset_with_no_helvetica(seed_booklet):
    pdffonts = require_tool("pdffonts")
    for pdf in (seed_booklet, booklet.imposed_path(seed_booklet)):
        lines = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert lines
        for line in lines:
            name, *_, emb, sub, uni, _obj, _gen = line.split()
            assert (emb, sub) == ("yes", "yes"), line
            assert "Helvetica" not in name


def test_qpdf_finds_no_structural_errors(seed_booklet):
    qpdf = require_tool("qpdf")
    for pdf in (seed_booklet, booklet.imposed_path(seed_booklet)):
        result = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_two_builds_give_the_same_bytes(tmp_path, seed_book, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = booklet.build(seed_book, theme_for("A5"), tmp_path / "one.pdf", imposed=True)
    second = booklet.build(seed_book, theme_for("A5"), tmp_path / "two.pdf", imposed=True)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_a_booklet_written_as_it_is_made_is_the_booklet_made_in_memory(tmp_path, seed_book):
    """Without ``--imposed`` the PDF goes into its file as it is written (no whole copy in
    memory); the bytes are those ``render`` gives, which the imposed copy is made from."""
    written = booklet.build(seed_book, theme_for("A5"), tmp_path / "streamed.pdf")
    assert written == [tmp_path / "streamed.pdf"]
    assert written[0].read_bytes() == booklet.render(seed_book, theme_for("A5"))


# -- awkward data ---------------------------------------------------------------------------

AWKWARD = """\
title: Knees <& "hips"> — café
language: en
exercises:
  - id: awkward
    name: Heel <slides> & "reach"
    steps:
      - Slide your heel <slowly> & keep 'still' — naïve café crème.
      - Say the Greek word σπονδυλική and the Russian word спина.
    dose: {reps: 8}
    safety: [Stop if pain > 5 & rising.]
  - id: bare
    name: Bare Minimum
    steps: [Stand up.]
    dose: {sets: 2}
"""


def test_text_that_looks_like_markup_prints_literally(tmp_path):
    book = load_book(write_data(tmp_path, "awkward", AWKWARD))
    pdf = booklet.build(book, theme_for("A5"), tmp_path / "a.pdf")[0]
    pages = exercise_pages(pdf, book)
    text = pages['Heel <slides> & "reach"']
    assert "Slide your heel <slowly> & keep 'still' — naïve café crème." in text
    assert "σπονδυλική" in text and "спина" in text
    assert "Stop if pain > 5 & rising." in text
    assert 'Knees <& "hips"> — café' in page_texts(pdf)[0]


def test_an_exercise_without_figure_benefits_or_tips_gets_a_clean_page(tmp_path):
    book = load_book(write_data(tmp_path, "awkward", AWKWARD))
    pdf = booklet.build(book, theme_for("A5"), tmp_path / "a.pdf")[0]
    text = exercise_pages(pdf, book)["Bare Minimum"]
    assert "SETS 2" in text and "Stand up." in text
    for absent in ("Benefits", "Tip", "Safety", "Muscles worked", "REPETITIONS", "illustration"):
        assert absent not in text


def test_a_step_longer_than_a_page_carries_on_overleaf(tmp_path):
    long_step = "Keep going slowly and carefully with this movement. " * 160
    data = f"title: Long\nexercises:\n  - id: long\n    name: Long One\n    steps: [{long_step.strip()}]\n    dose: {{reps: 1}}\n"
    book = load_book(write_data(tmp_path, "long", data))
    pdf = booklet.build(book, theme_for("A5"), tmp_path / "l.pdf")[0]
    pages = outline(PdfReader(pdf))
    assert pages["Exercise diary"] - pages["Long One"] >= 2
    text = exercise_pages(pdf, book)["Long One"]
    assert "Long One (continued)" in text
    # without the page furniture (footer "4 of 12 Long", running head) the step reads whole
    text = flat(re.sub(r"\d+ of \d+ Long|Long \d+ of \d+|Long One \(continued\)", " ", text))
    assert flat(long_step) in text


def sixty_exercises() -> str:
    lines = ["title: Sixty Exercises", "exercises:"]
    for n in range(1, 61):
        lines += [
            f"  - id: ex-{n}",
            f"    name: Exercise number {n}",
            "    steps:",
            *(f"      - Step {s} of exercise {n}, move slowly and breathe out." for s in range(1, 2 + n % 7)),
            f"    dose: {{reps: {n}, each_side: {'true' if n % 3 == 0 else 'false'}}}",
        ]
    return "\n".join(lines) + "\n"


def test_sixty_exercises_build_with_contents_links_to_the_right_pages(tmp_path):
    book = load_book(write_data(tmp_path, "sixty", sixty_exercises()))
    pdf = booklet.build(book, theme_for("A5"), tmp_path / "s.pdf")[0]
    reader = PdfReader(pdf)
    texts = page_texts(pdf)
    pages = outline(reader)
    contents = range(pages["Contents"] - 1, pages["Before you start"] - 1)
    targets = [page for index in contents for page in link_targets(reader, index)][::2]
    assert len(targets) == 60 + 4
    for n, target in enumerate(targets[1:61], 1):
        assert f"EXERCISE {n} OF 60 Exercise number {n} " in texts[target - 1]
        assert target == pages[f"Exercise number {n}"]


# -- folding --------------------------------------------------------------------------------


def labelled_pdf(count: int) -> bytes:
    """An A5 document whose pages say only "page-label N"."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_SIZES["A5"], invariant=1)
    for number in range(1, count + 1):
        canvas.drawString(100, 300, f"page-label {number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def halves(page) -> tuple[str, str]:
    """The text on the left and right half of an imposed sheet side."""
    middle = float(page.mediabox.width) / 2
    left, right = [], []

    def visit(text, cm, tm, font, size):
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        (left if x < middle else right).append(text)

    page.extract_text(visitor_text=visit)
    return flat("".join(left)), flat("".join(right))


def labels_per_side(pdf: bytes, pattern: str = r"page-label (\d+)") -> list[tuple[int | None, int | None]]:
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        found = []
        for half in halves(page):
            match = re.search(pattern, half)
            found.append(int(match.group(1)) if match else None)
        out.append(tuple(found))
    return out


@pytest.mark.parametrize("count", [8, 12, 16])
def test_pages_are_placed_in_saddle_stitch_order(count):
    sides = labels_per_side(imposition.impose(labelled_pdf(count), PAGE_SIZES["A4"]))
    expected = []
    for k in range(count // 4):
        expected += [(count - 2 * k, 2 * k + 1), (2 * k + 2, count - 2 * k - 1)]
    assert sides == expected


def test_seven_pages_are_padded_to_eight_with_the_blank_before_the_back_page():
    sides = labels_per_side(imposition.impose(labelled_pdf(7), PAGE_SIZES["A4"]))
    # booklet order 1 2 3 4 5 6 [blank] 7: the last page stays on the back cover
    assert sides == [(7, 1), (2, None), (6, 3), (4, 5)]


def test_imposed_sides_are_landscape_sheets_holding_pages_at_full_size():
    reader = PdfReader(io.BytesIO(imposition.impose(labelled_pdf(8), PAGE_SIZES["A4"])))
    assert len(reader.pages) == 4
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)


def test_the_seed_booklet_imposes_in_folding_order_with_a_printing_note(seed_booklet):
    total = len(PdfReader(seed_booklet).pages)
    imposed = booklet.imposed_path(seed_booklet).read_bytes()
    sides = labels_per_side(imposed, rf"(\d+) of {total}")
    expected = [pair for pair in imposition.sheet_sides(total)]
    assert sides == [tuple(None if n == 1 else n for n in pair) for pair in expected]  # the cover has no footer
    first_side = " ".join(halves(PdfReader(io.BytesIO(imposed)).pages[0]))
    assert "flip on the short edge" in first_side and "Prepared for" in first_side


def test_half_letter_imposes_on_letter(tmp_path, seed_book):
    written = booklet.build(seed_book, theme_for("HalfLetter"), tmp_path / "h.pdf", imposed=True)
    page = PdfReader(written[1]).pages[0].mediabox
    assert (round(float(page.width)), round(float(page.height))) == (792, 612)


def test_the_data_says_when_to_stop_and_the_booklet_prints_it(seed_book, tmp_path):
    from pypdf import PdfReader

    from publish.wording import STOP_AND_ASK_LEAD, URGENT_HELP_LEAD

    out = tmp_path / "b.pdf"
    assert run_publish("booklet", "-o", str(out)).returncode == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages[:4])
    assert STOP_AND_ASK_LEAD in text and URGENT_HELP_LEAD in text
    for item in (*seed_book.stop_and_ask_if, *seed_book.urgent_help_if):
        assert item in text, item


def test_the_key_to_the_pictures_is_printed_once_before_the_first_exercise(seed_booklet):
    from publish.figures import KEY

    texts = page_texts(seed_booklet)
    holders = [n for n, text in enumerate(texts) if "How to read the pictures" in text]
    first_exercise = next(n for n, text in enumerate(texts) if "EXERCISE 1 OF" in text.upper())
    assert len(holders) == 1 and holders[0] < first_exercise
    for _, meaning in KEY:
        assert meaning in texts[holders[0]]


def test_every_figure_is_drawn_at_least_the_minimum_size(seed_book):
    """However full an exercise page is, its figure is drawn at least 35 mm to scale."""
    from layouts.booklet import exercise as pages
    from publish import figures
    from reportlab.lib.units import mm

    assert pages.MIN_STATURE == pytest.approx(35 * mm)
    drawn = []
    original = pages.Illustration

    class Spy(original):
        def __init__(self, figure, width, height, *rest):
            drawn.append(figures.stature(figure, width, height))
            super().__init__(figure, width, height, *rest)

    pages.Illustration = Spy
    try:
        booklet.render(seed_book, theme_for("A5"))
    finally:
        pages.Illustration = original
    assert drawn and min(drawn) >= 35 * mm - 0.5
