"""Long text and many problems cost near-linear work: bisect, don't shave; count lines once.

Time is measured by benchmarks/hostile.py, never here: these tests count the measurements
and passes an algorithm makes, which is what grew quadratically (a 2,000-letter word took
the chart past two minutes; a 5,000-character title the booklet past a minute).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from layouts import chart
from publish import pdftext
from publish.errors import DataError, PublishError
from publish.fonts import register
from publish.load import load_book, source
from publish.theme import theme_for


@pytest.fixture
def counted(monkeypatch):
    """pdftext.string_width, counting its calls."""
    calls = []
    real = pdftext.string_width

    def counting(text, *args, **kwargs):
        calls.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(pdftext, "string_width", counting)
    return calls


def test_a_long_word_is_cut_with_few_measurements(counted):
    fonts = register()
    word = "x" * 2000
    lines = pdftext.wrap(word, fonts.regular, 14, 200, fonts)
    assert "".join(lines) == word
    assert all(pdftext.string_width(line, fonts.regular, 14, fonts) <= 200 for line in lines)
    assert all(pdftext.string_width(line + "x", fonts.regular, 14, fonts) > 200 for line in lines[:-1]), "lines are full"
    # trimming one letter at a time measured ~130,000 times; bisection needs about 2·log2 per line
    assert len(counted) < 30 * len(lines), len(counted)
    assert sum(counted) < 20 * len(word) * 4, sum(counted)


def test_a_long_title_is_shortened_with_few_measurements(counted):
    fonts = register()
    title = "Strength exercises for a long title " * 140  # 5,040 characters
    shown = pdftext.fit_line(title, fonts.regular, 9, 250, fonts)
    assert shown.endswith("…") and title.startswith(shown[:-1])
    assert pdftext.string_width(shown, fonts.regular, 9, fonts) <= 250
    assert len(counted) < 40, len(counted)


def test_fitting_finds_the_longest_prefix_that_fits():
    fonts = register()
    text = "The quick brown fox jumps over the lazy dog " * 10
    for width in (1, 30, 100, 333, 10_000):
        k = pdftext.longest_fitting(text, fonts.regular, 12, width, fonts, suffix="…")
        assert k == 0 or pdftext.string_width(text[:k] + "…", fonts.regular, 12, fonts) <= width
        if k < len(text):
            assert pdftext.string_width(text[: k + 1] + "…", fonts.regular, 12, fonts) > width


def test_check_counts_the_lines_of_a_file_once(tmp_path, monkeypatch):
    exercises = "".join(f"  - {{id: e{n}, name: E, steps: [Go.], dose: {{reps: ten}}}}\n" for n in range(200))
    path = tmp_path / "bad.yaml"
    path.write_text(f"title: Many\nexercises:\n{exercises}", encoding="utf-8")
    built = []
    real = source.Lines.__init__

    def counting(self, text):
        built.append(len(text))
        real(self, text)

    monkeypatch.setattr(source.Lines, "__init__", counting)
    with pytest.raises(DataError) as caught:
        load_book(path)
    assert len(caught.value.problems) == 200
    assert [p.line for p in caught.value.problems] == list(range(3, 203))
    assert len(built) == 1


def test_editor_lines_agree_with_counting_newlines():
    class Mark:
        def __init__(self, index):
            self.index = index

    for text in ("", "a", "a\n", "a\nb", "a\nb\n", "\n\n", "x\u2028y\nz\n"):
        lines = source.Lines(text)
        last = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        for index in range(len(text) + 2):
            assert lines.line(Mark(index)) == max(1, min(text.count("\n", 0, index) + 1, last)), (text, index)


def test_the_chart_refuses_ten_thousand_exercises_without_laying_them_out(seed_book, monkeypatch):
    cards = []
    real = chart.grid._card  # where the grid search looks it up
    monkeypatch.setattr(chart.grid, "_card", lambda *a, **k: cards.append(1) or real(*a, **k))
    many = replace(seed_book, exercises=seed_book.exercises * 1430)  # 10,010
    with pytest.raises(PublishError, match=r"10010 exercises do not fit on one A3 chart at readable sizes \(at most \d+ fit\)"):
        chart.plan(many, theme_for("A3"), register())
    # laying out every card six ways at five type sizes was 300,000 cards; the bisection for
    # "at most N fit" only lays out books small enough to be possible
    assert len(cards) < 20_000, len(cards)
