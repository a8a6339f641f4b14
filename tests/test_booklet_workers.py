"""A large booklet's figures are prepared in worker processes: the same bytes as drawn alone.

From ``publish.workers.PARALLEL_FROM`` figures up, forked workers compute each
figure's PDF operators while this process lays the booklet out; the seven-figure seed is
made to use them here (on one processor there is no pool, and nothing to compare).
"""

from __future__ import annotations

import pytest

from layouts import booklet
from publish.figures.key import KEY, key_scene
from publish.figures.pdf import prepare
from publish.load import load
from publish.theme import theme_for
from tests.conftest import ROOT


@pytest.mark.parametrize("data", ["data/lower-back-pain.yaml", "data/programmes/example.yaml"])
def test_booklet_with_figures_from_workers_is_byte_identical(monkeypatch, data):
    from publish import figures, workers

    if workers.cores() < 2:
        pytest.skip("one processor: no worker pool")
    book, theme = load(ROOT / data), theme_for("A5")
    booklet._LAYOUTS.clear()
    alone = booklet.render(book, theme)

    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "CHUNK", 1)
    booklet._LAYOUTS.clear()  # the measuring pass too takes its aspects from the workers
    asked = []  # the workers append to their own copies: this one lists scenes computed here
    real_scene = figures.render.scene
    monkeypatch.setattr(figures.render, "scene", lambda figure: asked.append(figure) or real_scene(figure))
    marked = []  # and the stripes and dots made here, of each figure's box and of the key's samples
    real_marks = figures.pdf.mark_text
    monkeypatch.setattr(figures.pdf, "mark_text", lambda *args: marked.append(args) or real_marks(*args))
    boxes_asked = []  # the boxes whose marks the workers were asked for
    real_ask = booklet.figures._FromWorkers._ask
    monkeypatch.setattr(booklet.figures._FromWorkers, "_ask", lambda self, *box: (box in self.boxes or boxes_asked.append(box)) or real_ask(self, *box))
    boxes_drawn = []
    real_draw = booklet.flowables.Illustration.draw
    monkeypatch.setattr(booklet.flowables.Illustration, "draw", lambda self: boxes_drawn.append((self.figure, self.width, self.height)) or real_draw(self))
    assert booklet.render(book, theme) == alone
    assert asked == []
    # the workers make the marks of the boxes drawn, not of every box the layout tries
    assert sorted(boxes_asked, key=repr) == sorted(set(boxes_drawn), key=repr)
    key_runs = {part for role, _ in KEY for part in prepare(key_scene(role)).parts if not isinstance(part, str)}
    assert marked and all(run in key_runs for run, *_ in marked)  # only the key's samples, drawn here


def test_no_pool_inside_a_worker(monkeypatch, seed_book):
    """A ``publish batch`` worker makes no pool of its own: its siblings keep the cores busy."""
    from publish import workers

    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "in_worker", lambda: True)
    made = []
    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", lambda *a, **k: made.append(a))
    booklet._LAYOUTS.clear()
    booklet.render(seed_book, theme_for("A5"))
    assert made == []


def test_publish_all_draws_each_figure_once_for_booklet_and_epub(monkeypatch, tmp_path, seed_book):
    """``publish all``: the booklet's workers draw the EPUB's cards too (one pool, each scene
    computed once); both products are the bytes each makes on its own, without workers."""
    import concurrent.futures

    from layouts import epub
    from publish import workers
    from publish.cli import main

    if workers.cores() < 2:
        pytest.skip("one processor: no worker pool")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    theme = theme_for("A5")
    booklet._LAYOUTS.clear()
    alone_pdf = booklet.render(seed_book, theme)
    epub.build(seed_book, theme, tmp_path / "alone.epub")

    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "CHUNK", 1)
    pools = []
    real_pool = concurrent.futures.ProcessPoolExecutor

    def counted(*args, **kwargs):
        pools.append(args)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counted)
    booklet._LAYOUTS.clear()
    assert main(["all", str(ROOT / "data" / "lower-back-pain.yaml"), "--out-dir", str(tmp_path / "all")]) == 0
    made = {p.name: p.read_bytes() for p in (tmp_path / "all").iterdir()}
    assert made["lower-back-pain-booklet.pdf"] == alone_pdf
    assert made["lower-back-pain.epub"] == (tmp_path / "alone.epub").read_bytes()
    assert len(pools) == 1  # the booklet's; the EPUB took its cards from it
