"""The wall chart: one page, everything on it, readable from across the room, print-ready."""

from __future__ import annotations

import re
import subprocess
from itertools import combinations

import pytest
from pypdf import PdfReader

from layouts import chart
from publish.dose import dose_parts
from publish.errors import PublishError
from publish.fonts import register
from publish.load import load_book
from publish.theme import Palette, contrast_ratio, theme_for
from tests.conftest import TRICKY_TEXT, require_tool, run_publish, write_dataset, write_tricky_dataset

A3 = (841.89, 1190.55)
README = __import__("pathlib").Path(__file__).resolve().parent.parent / "README.md"


def flat(text: str) -> str:
    """Extracted text with line breaks and bullets folded, for phrase matching."""
    return re.sub(r"\s+", " ", text.replace("\u2022", " "))


@pytest.fixture(scope="module")
def seed_chart(tmp_path_factory):
    out = tmp_path_factory.mktemp("chart") / "chart.pdf"
    result = run_publish("chart", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    return out


def test_the_seed_chart_is_exactly_one_a3_page(seed_chart):
    reader = PdfReader(seed_chart)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A3, abs=0.5)


def test_every_name_dose_and_safety_note_is_on_the_chart(seed_chart, seed_book):
    text = flat(PdfReader(seed_chart).pages[0].extract_text())
    for exercise in seed_book.exercises:
        assert exercise.name in text
        for part in dose_parts(exercise.dose):
            assert part in text, (exercise.id, part)
        for note in exercise.safety:
            assert note in text
        for cue in exercise.cues:
            assert cue in text
    for note in seed_book.safety:
        assert note in text
    assert "Nancy Lang" in text and "2024-04-13" in text


def test_fonts_are_embedded_and_the_language_is_set(seed_chart):
    fonts = subprocess.run([require_tool("pdffonts"), str(seed_chart)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        name, *_, emb, sub, uni, obj, gen = row.split()
        assert (emb, sub) == ("yes", "yes"), row
    assert "Helvetica" not in fonts.stdout
    reader = PdfReader(seed_chart)
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata.title.startswith("Strength Exercises for Lower Back Pain")
    assert reader.metadata.author == "exercise-publisher"  # the publisher; the source is credited in the subject
    assert "Nancy Lang" in reader.metadata.subject


def test_qpdf_finds_no_problems(seed_chart):
    result = subprocess.run([require_tool("qpdf"), "--check", str(seed_chart)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_type_is_large_enough_to_read_from_across_the_room(seed_book):
    sizes = chart.plan(seed_book, theme_for("A3"), register()).sizes
    assert sizes["title"] >= 40 and sizes["name"] >= 20 and sizes["dose"] >= 18
    assert sizes["cue"] >= 11 and sizes["safety"] >= 11


def test_sizes_grow_with_the_page_and_never_fall_below_8_pt(seed_book):
    fonts = register()
    a4, a3, a2 = (chart.plan(seed_book, theme_for(p), fonts).sizes for p in ("A4", "A3", "A2"))
    assert all(a2[k] > a3[k] for k in a3)
    assert min(a4.values()) >= 8


@pytest.mark.parametrize("name, colour, background", Palette().text_pairs())
def test_every_text_colour_meets_wcag_aa_contrast(name, colour, background):
    assert contrast_ratio(colour, background) >= 4.5, name


def assert_no_overlaps(plan):
    blocks = plan.text_blocks()
    for block in blocks:
        assert block.box.inside(plan.content), (block.kind, block.lines)
    for a, b in combinations(blocks, 2):
        assert not a.box.overlaps(b.box), (a.kind, a.lines, b.kind, b.lines)
    for card in plan.cards:
        assert card.frame.inside(plan.content)
        if card.figure is not None:
            assert card.figure.inside(card.frame)
            for block in card.texts:
                assert not block.box.overlaps(card.figure), (card.exercise.id, block.kind)
    for one, other in combinations([c.frame for c in plan.cards], 2):
        assert not one.overlaps(other)
    for _, sample in plan.picture_key_samples:
        assert sample.inside(plan.content)
        assert not any(sample.overlaps(block.box) for block in blocks)
        assert not any(sample.overlaps(card.frame) for card in plan.cards)
    if plan.picture_key is not None:
        assert not any(plan.picture_key.overlaps(card.frame) for card in plan.cards)
        assert plan.key is None or not plan.picture_key.overlaps(plan.key)


# With the urgent list on every chart (it takes about six lines of the strip), A3 holds three
# rows of cards: 12 exercises of a typical programme (short names), 8 of the seed's wordy ones
# (five-word names, each word whole); a longer programme goes on A2.
@pytest.mark.parametrize("count, lean, page", [(7, False, "A3"), (8, False, "A3"), (9, False, "A3"), (12, True, "A3"), (16, False, "A2"), (42, True, "A1"), (7, False, "A4")])
def test_up_to_12_exercises_fit_on_a3_and_16_on_a2_without_overlap(tmp_path, count, lean, page):
    book = load_book(write_dataset(tmp_path, count, lean=lean))
    plan = chart.plan(book, theme_for(page), register())
    assert len(plan.cards) == count
    assert_no_overlaps(plan)
    out = tmp_path / "chart.pdf"
    chart.build(book, theme_for(page), out)
    assert len(PdfReader(out).pages) == 1


def test_content_keeps_10_mm_from_the_page_edge(seed_book):
    plan = chart.plan(seed_book, theme_for("A3"), register())
    ten_mm = 28.35
    assert plan.content.x >= ten_mm and plan.content.y >= ten_mm
    assert plan.page.right - plan.content.right >= ten_mm and plan.page.top - plan.content.top >= ten_mm


def test_too_many_exercises_fail_clearly_and_leave_no_file(tmp_path):
    data = write_dataset(tmp_path, 40)
    out = tmp_path / "out" / "chart.pdf"
    result = run_publish("chart", str(data), "-o", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    match = re.fullmatch(
        r"many: 40 exercises do not fit on one A3 chart at readable sizes \(at most (\d+) fit\); try --page-size (A2|A1)",
        message,
    )
    assert match, message
    fitting, larger = int(match[1]), match[2]
    fonts = register()
    everything = load_book(data)
    assert chart.plan(chart_book(everything, fitting), theme_for("A3"), fonts)
    with pytest.raises(PublishError):
        chart.plan(chart_book(everything, fitting + 1), theme_for("A3"), fonts)
    assert chart.plan(everything, theme_for(larger), fonts), "the advice must work"
    assert not out.exists()
    assert not list(out.parent.glob("*")) if out.parent.exists() else True


def chart_book(book, count):
    """The book with only its first ``count`` exercises."""
    from dataclasses import replace

    return replace(book, exercises=book.exercises[:count])


def test_larger_pages_take_more_exercises(tmp_path):
    book = load_book(write_dataset(tmp_path, 20))
    fonts = register()
    with pytest.raises(PublishError):
        chart.plan(book, theme_for("A3"), fonts)
    assert len(chart.plan(book, theme_for("A2"), fonts).cards) == 20


def test_general_notes_that_fill_the_page_are_blamed_not_the_exercises(tmp_path):
    import yaml

    data = yaml.safe_load(write_dataset(tmp_path, 1).read_text(encoding="utf-8"))
    data["safety"] = [f"General note number {n} that takes up a whole line of the strip." for n in range(200)]
    path = tmp_path / "notes.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run_publish("chart", str(path), "-o", str(tmp_path / "notes.pdf"))
    assert result.returncode == 1
    assert result.stderr.startswith("notes: the title and general safety notes leave no room for the exercises"), result.stderr


def test_tiling_an_a2_chart_on_a4_gives_labelled_a4_sheets(tmp_path):
    out = tmp_path / "poster.pdf"
    result = run_publish("chart", "--page-size", "A2", "--tile", "A4", "-o", str(out))
    assert result.returncode == 0, result.stderr
    tiles = tmp_path / "poster-tiles-a4.pdf"
    assert result.stdout.split() == [str(out), str(tiles)]
    reader = PdfReader(tiles)
    # A2 is 420 x 594 mm. A landscape A4 sheet shows 277 x 190 mm inside its 10 mm margins and
    # repeats 15 mm of its neighbours: 2 columns (262 mm steps) x 4 rows (175 mm steps) = 8.
    assert len(reader.pages) == 8
    labels = []
    for page in reader.pages:
        size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert size == pytest.approx([595.28, 841.89], abs=0.5)
        labels.append(re.search(r"Sheet ([A-D][12]) \(row", page.extract_text()).group(1))
    assert labels == ["A1", "A2", "B1", "B2", "C1", "C2", "D1", "D2"]


def test_markup_characters_and_other_scripts_print_literally(tmp_path):
    out = tmp_path / "tricky.pdf"
    result = run_publish("chart", str(write_tricky_dataset(tmp_path)), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = flat(PdfReader(out).pages[0].extract_text())
    assert TRICKY_TEXT["title"] in text
    assert TRICKY_TEXT["name"] in text
    assert TRICKY_TEXT["safety"] in text
    assert "Ωμέγα & Жук <now>" in text


def test_two_builds_give_the_same_bytes(tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert run_publish("chart", "-o", str(first)).returncode == 0
    assert run_publish("chart", "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_a_wrapped_title_is_balanced_not_left_with_one_word(seed_book):
    plan = chart.plan(seed_book, theme_for("A3"), register())
    title = next(block for block in plan.texts if block.kind == "title")
    assert " ".join(title.lines) == seed_book.title
    if len(title.lines) > 1:
        assert min(len(line.split()) for line in title.lines) >= 2, title.lines


def test_text_the_fonts_cannot_draw_is_refused_not_dropped(tmp_path):
    import yaml

    data = yaml.safe_load(write_dataset(tmp_path, 2).read_text(encoding="utf-8"))
    data["exercises"][1]["name"] = "腰痛体操"
    path = tmp_path / "cjk.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    # refused when the data is read, with the file and line, by every command (issue 13)
    for product in ("chart", "booklet", "epub"):
        out = tmp_path / f"{product}.out"
        result = run_publish(product, str(path), "-o", str(out))
        assert result.returncode == 1, result.stderr
        assert re.match(rf"{re.escape(str(path))}:\d+: exercises\[1\]\.name: the bundled fonts cannot print 腰", result.stderr), result.stderr
        assert "体" in result.stderr and "Traceback" not in result.stderr
        assert not out.exists()


def drawn_statures(plan):
    from publish import figures

    return [figures.stature(c.exercise.figure, c.figure.w, c.figure.h) for c in plan.cards if c.exercise.figure]


def test_figures_get_the_room_the_type_can_give(seed_book):
    """On A3 the seed's figures are drawn with a standing person at least 42 mm tall (they were
    31 mm when the type took the room first), the type still at or above its minimum."""
    from reportlab.lib.units import mm

    plan = chart.plan(seed_book, theme_for("A3"), register())
    assert min(drawn_statures(plan)) >= 42 * mm
    assert all(plan.sizes[k] >= chart.MINIMUM[k] for k in chart.MINIMUM)


def drawn_heights(plan):
    """How tall each figure is drawn on the chart (fitted into its box, aspect kept)."""
    from publish import figures

    heights = []
    for card in plan.cards:
        if card.exercise.figure is not None:
            aspect = figures.aspect(card.exercise.figure)
            heights.append(min(card.figure.h, card.figure.w / aspect))
    return heights


@pytest.mark.parametrize("count, lean, page", [(8, False, "A3"), (9, False, "A3"), (12, True, "A3"), (7, False, "A4"), (16, False, "A2"), (42, True, "A1")])
def test_no_chart_draws_a_figure_below_the_minimum_size(tmp_path, count, lean, page):
    """Every figure on every chart: drawn at least MIN_STATURE to scale and MIN_HEIGHT tall
    (15 mm on A3 and larger pages; smaller pages scale it down)."""
    theme = theme_for(page)
    plan = chart.plan(load_book(write_dataset(tmp_path, count, lean=lean)), theme, register())
    least = chart.MIN_STATURE * min(theme.width, theme.height) / chart.A3_SHORT_SIDE
    assert min(drawn_statures(plan)) >= least - 1e-6
    assert chart.MIN_HEIGHT == pytest.approx(15 * 72 / 25.4)
    assert min(drawn_heights(plan)) >= chart.MIN_HEIGHT * min(1.0, theme.scale_from("A3")) - 1e-6


def test_the_seed_chart_draws_no_figure_as_a_thin_strip(seed_book):
    """On the seed's A3 chart every figure is drawn at least 25 mm tall (the face-down one was a
    20 mm strip across a 3-column card, its lift 5 mm): a wide figure gets a wide card."""
    from reportlab.lib.units import mm

    plan = chart.plan(seed_book, theme_for("A3"), register())
    assert min(drawn_heights(plan)) >= 25 * mm
    assert plan.key is not None and plan.picture_key_texts  # both keys kept
    assert all(plan.sizes[k] >= chart.MINIMUM[k] for k in chart.MINIMUM)


def test_a_programme_chart_lays_out_without_overlap_on_every_page():
    from publish.load import load

    book = load("data/programmes/example.yaml")
    for page, landscape in (("A3", False), ("A4", False), ("A2", False), ("A3", True)):
        plan = chart.plan(book, theme_for(page, landscape), register())
        assert len(plan.cards) == len(book.exercises)
        assert_no_overlaps(plan)


def test_the_key_to_the_pictures_is_on_the_chart_once(seed_chart):
    from publish.figures import KEY

    text = flat(PdfReader(seed_chart).pages[0].extract_text())
    assert text.count("How to read the pictures") == 1
    for _, meaning in KEY:
        assert meaning in text


@pytest.mark.parametrize("count, lean, page", [(7, False, "A3"), (8, False, "A3"), (12, True, "A3"), (16, False, "A2")])
def test_no_card_cuts_a_word_of_an_exercise_name(tmp_path, count, lean, page):
    """ "Superm / an" read from across the room is two words: a grid that narrow does not fit."""
    book = load_book(write_dataset(tmp_path, count, lean=lean))
    plan = chart.plan(book, theme_for(page), register())
    for card in plan.cards:
        (name,) = [block for block in card.texts if block.kind == "name"]
        assert " ".join(name.lines).split() == card.exercise.name.split(), name.lines


def test_the_seed_on_a3_takes_9_exercises_with_whole_names_and_says_so_for_12(tmp_path):
    # 9 since rows are as tall as their figures need (it was 8 while every row's figures got
    # the same height, and at least a 3.5th of a card's width)
    book = load_book(write_dataset(tmp_path, 12))
    with pytest.raises(PublishError, match=r"12 exercises do not fit on one A3 chart .*at most 9 fit.*A2"):
        chart.plan(book, theme_for("A3"), register())


def test_the_chart_wraps_text_exactly_as_the_other_products_do(seed_book):
    """The grid search wraps each text at hundreds of widths from word widths measured once;
    the lines must be those of ``pdftext.wrap`` (greedy, long words broken by characters)."""
    from publish.pdftext import wrap

    fonts = register()
    measure = chart._Measure(fonts)
    texts = [e.name for e in seed_book.exercises] + [c for e in seed_book.exercises for c in e.cues]
    texts += [*seed_book.safety, TRICKY_TEXT["step"], TRICKY_TEXT["name"], "Supercalifragilisticexpialidocious stretch"]
    for text in texts:
        for font in (fonts.regular, fonts.bold):
            for size in (8, 11, 20):
                for width in (30, 61.5, 97.25, 150, 233.3, 400):
                    assert measure.lines(text, font, size, width) == wrap(text, font, size, width, fonts), (text, size, width)


@pytest.mark.parametrize("page", ["A4", "A3", "A2", "A1"])
def test_the_seed_chart_keeps_both_keys_on_every_page(seed_book, page):
    plan = chart.plan(seed_book, theme_for(page), register())
    assert plan.key is not None
    texts = flat(" ".join(" ".join(block.lines) for block in plan.picture_key_texts))
    assert "How to read the pictures" in texts
    assert_no_overlaps(plan)


def readme_capacities():
    """{(page, lean): count} from the README's sentence "A3 holds 9 of ... or 12 short ones, A2 20 or 28, A1 42 or 48"."""
    text = " ".join(README.read_text(encoding="utf-8").split())
    found = re.search(r"A3 holds (\d+) of the seed's wordy exercises or (\d+) short ones, A2 (\d+) or (\d+), A1 (\d+) or (\d+)", text)
    assert found, "the README no longer states the chart's capacities"
    counts = [int(n) for n in found.groups()]
    return {(page, lean): counts[2 * k + lean] for k, page in enumerate(("A3", "A2", "A1")) for lean in (False, True)}


@pytest.mark.parametrize("page, lean", [("A3", False), ("A3", True), ("A2", False), ("A2", True), ("A1", False), ("A1", True)])
def test_each_page_holds_what_the_readme_says(tmp_path, page, lean):
    """The README's capacities: the seed's wordy exercises (lean: a typical programme's) that
    fit at readable type with every figure at least MIN_HEIGHT tall, and one more that does not."""
    most = readme_capacities()[(page, lean)]
    fonts = register()
    book = load_book(write_dataset(tmp_path, most + 1, lean=lean))
    assert len(chart.plan(chart_book(book, most), theme_for(page), fonts).cards) == most
    with pytest.raises(PublishError):
        chart.plan(book, theme_for(page), fonts)


def test_the_fallback_font_is_read_only_when_a_word_needs_it(tmp_path):
    """The 2 MB fallback font costs ``publish chart`` about 17 ms to read: an English programme
    never loads it, and a Greek word still prints in it."""
    import sys

    from tests.conftest import ROOT, SEED

    script = (
        "import sys; from pathlib import Path\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from layouts import chart; from publish.load import load_book; from publish.theme import theme_for\n"
        "chart.build(load_book(sys.argv[1]), theme_for('A3'), Path(sys.argv[2]))\n"
        "print('NotoSans' in pdfmetrics.getRegisteredFontNames())\n"
    )
    tricky = write_tricky_dataset(tmp_path)
    loaded = {
        name: subprocess.run(
            [sys.executable, "-c", script, str(data), str(tmp_path / f"{name}.pdf")],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.strip()
        for name, data in (("seed", SEED), ("tricky", tricky))
    }
    assert loaded == {"seed": "False", "tricky": "True"}
    fonts_in = {name: "NotoSans" in (tmp_path / f"{name}.pdf").read_bytes().decode("latin-1") for name in loaded}
    assert fonts_in == {"seed": False, "tricky": True}
