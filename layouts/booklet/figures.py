"""A large booklet's figures, prepared in worker processes while the booklet is laid out.

Computing a figure's scene (its pose geometry) costs far more than laying out its page, and
the figures do not depend on one another: from ``publish.workers.PARALLEL_FROM`` figures up,
forked workers (one per core) compute each figure's PDF operators (publish.figures.pdf.Prepared),
in book order. The measuring pass takes each figure's proportions from them as they arrive and asks
them for the marks sized by each figure's box (stripes, dots); the drawing pass writes their
operators. The bytes are the same as drawn here, and this process keeps a few kilobytes of
text per figure instead of its scene. Inside a ``publish batch``
worker, or on one core, everything is computed here as before.
"""

from __future__ import annotations

import contextlib
import itertools
import zlib
from collections.abc import Iterator

from concurrent.futures import Future
from typing import TYPE_CHECKING

from publish.figures.render import keep_alongside, tasks_alongside
from publish.model import Book, Figure

if TYPE_CHECKING:
    from publish.figures.pdf import PackedRun, Prepared

@contextlib.contextmanager
def prepared_in_workers(book: Book) -> Iterator[_FromWorkers | None]:
    """While it holds, ``publish.figures`` takes the book's figures from worker processes
    (waiting for the one it asks for), if the book has enough of them (publish.workers.figure_pool:
    ended at once on Ctrl-C, SIGTERM or any error here). It gives the workers' source (None:
    everything is computed here), whose ``settle`` the booklet calls once its boxes are known."""
    from publish.figures.render import prepared_from
    from publish.workers import figure_pool

    figures = list(dict.fromkeys(e.figure for e in book.exercises if e.figure is not None))
    with figure_pool(len(figures)) as pool:
        if pool is None:
            yield None
            return
        source = _FromWorkers(pool, figures)
        with prepared_from(source):
            yield source


class _FromWorkers:
    """What publish.figures asks the workers for: each figure's operators (computed in book
    order as soon as the pool starts), and the marks of the box each figure is drawn in.

    The marks (publish.figures.hatch: the bands' stripes, the far limbs' dots) are sized on
    the page. The measuring pass may try a figure in several boxes (a page that overflows
    lowers its picture); it only notes the last box tried (``expect``), which is the one the
    figure is drawn in, and once it is over (``settle``) the workers make those boxes' marks,
    one task a figure, in book order, while this process draws the pages. Marks the workers
    were not asked for are made here: the same bytes either way.
    """

    def __init__(self, pool, figures: list[Figure]):
        from publish.workers import InOrder

        self.pool = pool
        self.tasks = tasks_alongside()
        self.arriving = InOrder(pool, _prepare, figures, itertools.repeat(self.tasks), kept=_keep_extras)
        self.wanted = self.arriving.wanted
        #: By (id of the run, mm per unit): the task making the marks of that run's figure at
        #: that scale, and the run's place among them.
        self.marks: dict[tuple[int, float], tuple[Future, int]] = {}
        self.boxes: set[tuple[Figure, float, float]] = set()
        #: While measuring: the last box each figure was tried in; None once settled.
        self.last_box: dict[Figure, tuple[float, float]] | None = {}
        self.measured: set[tuple[Figure, float, float]] = set()  # every box tried while measuring

    def __call__(self, figure: Figure) -> Prepared | None:
        """The figure's operators from the workers, waiting for them (asked in book order)."""
        return self.arriving(figure)

    def expect(self, figure: Figure, width: float, height: float) -> None:
        """The figure is laid out in this box. While measuring, the box is noted. The drawing
        pass tries the measured boxes again, ending with the settled one, so only a box the
        measuring pass never tried is asked for then (it is drawn: the booklet's key page)."""
        if figure not in self.wanted:
            return
        if self.last_box is not None:
            self.last_box[figure] = (width, height)
            self.measured.add((figure, width, height))
        elif (figure, width, height) not in self.measured:
            self._ask(figure, width, height)

    def settle(self) -> None:
        """The measuring pass is over: have the marks of each figure's last box made."""
        boxes, self.last_box = self.last_box or {}, None
        for figure, (width, height) in boxes.items():
            self._ask(figure, width, height)

    def _ask(self, figure: Figure, width: float, height: float) -> None:
        """Have the figure's marks for this box made by the workers (once per box)."""
        from publish.figures.pdf import is_run, scale

        if (figure, width, height) in self.boxes:
            return
        self.boxes.add((figure, width, height))
        prepared = self(figure)
        mm_per_unit = scale(prepared, width, height)
        runs = [run for run in prepared.parts if is_run(run) and (id(run), mm_per_unit) not in self.marks]
        if runs:
            future = self.pool.submit(_marks, runs, mm_per_unit, prepared.style, prepared.fill_mode)
            for place, run in enumerate(runs):
                self.marks[id(run), mm_per_unit] = (future, place)

    def made(self, run: PackedRun, mm_per_unit: float) -> str | None:
        """A run's marks at this scale, if the workers were asked for them (waiting for them)."""
        asked = self.marks.pop((id(run), mm_per_unit), None)
        if asked is None:
            return None
        future, place = asked
        return zlib.decompress(future.result()[place]).decode("latin-1")


def _keep_extras(figure: Figure, result: tuple[Prepared, tuple]) -> Prepared:
    """Of a worker's result, the operators are kept here; what the ``alongside`` tasks made goes
    to publish.figures.render."""
    prepared, extras = result
    for name, extra in extras:
        keep_alongside(name, figure, extra)
    return prepared


def _prepare(figure: Figure, tasks: tuple = ()) -> tuple[Prepared, tuple]:
    """A worker's task: the figure's operators (packed: this process keeps them all until the
    drawing pass), and what each ``publish.figures.render.alongside`` task makes of its scene. The scene is computed and dropped (not kept in the scene cache:
    each figure is asked for once, and a worker would hold hundreds)."""
    from publish.figures.pdf import prepare
    from publish.figures.scene import scene_uncached

    geometry = scene_uncached(figure)
    return prepare(geometry).packed(), tuple((name, task(figure, geometry)) for name, task in tasks)


def _marks(runs: list[PackedRun], mm_per_unit: float, style, fill_mode: int) -> tuple[bytes, ...]:
    """A worker's task: the marks of a figure's runs of items at its box's scale, compressed
    (this process may keep them a while before the drawing pass reaches the figure)."""
    from publish.figures import pdf

    return tuple(zlib.compress(pdf.mark_text(run, mm_per_unit, style, fill_mode).encode("latin-1"), 1) for run in runs)
