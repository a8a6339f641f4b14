"""A large booklet's figures, prepared in worker processes while the booklet is laid out.

Computing a figure's scene (its pose geometry) costs far more than laying out its page, and
the figures do not depend on one another: from ``PARALLEL_FROM`` figures up, forked workers
(one per core) compute each figure's PDF operators (publish.figures.pdf.Prepared), in book
order. The measuring pass takes each figure's proportions from them as they arrive and asks
them for the marks sized by each figure's box (stripes, dots); the drawing pass writes their
operators. The bytes are the same as drawn here, and this process keeps a few kilobytes of
text per figure instead of its scene. Inside a ``publish batch``
worker, or on one core, everything is computed here as before.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator

from concurrent.futures import Future
from typing import TYPE_CHECKING

from publish.figures.render import keep_alongside, tasks_alongside
from publish.model import Book, Figure

if TYPE_CHECKING:
    from publish.figures.pdf import Prepared

#: From this many figures up, the figures are prepared in worker processes: below it,
#: starting the workers costs about what they would save.
PARALLEL_FROM = 40
#: Figures handed to a worker at a time: few round trips, and the workers still end together.
CHUNK = 8


@contextlib.contextmanager
def prepared_in_workers(book: Book) -> Iterator[None]:
    """While it holds, ``publish.figures`` takes the book's figures from worker processes
    (waiting for the one it asks for). On Ctrl-C or SIGTERM (or any error) here the workers
    are ended at once; they ignore Ctrl-C themselves and end quietly on SIGTERM, so only this
    process reports the interruption."""
    from publish.figures.render import prepared_from
    from publish.workers import cores, in_worker, stop

    figures = list(dict.fromkeys(e.figure for e in book.exercises if e.figure is not None))
    workers = min(cores(), max(1, len(figures) // CHUNK))
    if len(figures) < PARALLEL_FROM or workers < 2 or in_worker():
        yield
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from publish.workers import quiet

    pool = ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), initializer=quiet)
    try:
        with prepared_from(_FromWorkers(pool, figures)):
            yield
    except BaseException:
        stop(pool)
        raise
    pool.shutdown()


class _FromWorkers:
    """What publish.figures asks the workers for: each figure's operators (computed in book
    order as soon as the pool starts), and the marks of each box a figure is laid out in.

    The marks (publish.figures.hatch: the bands' stripes, the far limbs' dots) are sized on
    the page, so they are made once the measuring pass has sized the figure's box
    (``expect``); the workers make them while this process lays out and then draws the rest.
    """

    def __init__(self, pool, figures: list[Figure]):
        self.pool = pool
        self.tasks = tasks_alongside()
        self.arriving = zip(figures, pool.map(_prepare, figures, itertools.repeat(self.tasks), chunksize=CHUNK))
        self.done: dict[Figure, Prepared] = {}
        self.wanted = set(figures)
        self.marks: dict[tuple[int, float], Future] = {}  # by (id of the run, mm per unit)
        self.boxes: set[tuple[Figure, float, float]] = set()

    def __call__(self, figure: Figure) -> Prepared | None:
        """The figure's operators from the workers, waiting for them (asked in book order)."""
        if figure not in self.wanted:
            return None
        for ready, (result, extras) in self.arriving if figure not in self.done else ():
            self.done[ready] = result
            for name, extra in extras:
                keep_alongside(name, ready, extra)
            if ready == figure:
                break
        return self.done[figure]

    def expect(self, figure: Figure, width: float, height: float) -> None:
        """Have the figure's marks for this box made by the workers (once per box)."""
        from publish.figures.pdf import scale

        if figure not in self.wanted or (figure, width, height) in self.boxes:
            return
        self.boxes.add((figure, width, height))
        prepared = self(figure)
        mm_per_unit = scale(prepared, width, height)
        for run in prepared.parts:
            if isinstance(run, tuple) and (id(run), mm_per_unit) not in self.marks:
                self.marks[id(run), mm_per_unit] = self.pool.submit(_marks, run, mm_per_unit, prepared.style, prepared.fill_mode)

    def made(self, run: tuple, mm_per_unit: float) -> str | None:
        """A run's marks at this scale, if the workers were asked for them (waiting for them)."""
        future = self.marks.pop((id(run), mm_per_unit), None)
        return future.result() if future is not None else None


def _prepare(figure: Figure, tasks: tuple = ()) -> tuple[Prepared, tuple]:
    """A worker's task: the figure's operators (packed: this process keeps them all until the
    drawing pass), and what each ``publish.figures.render.alongside`` task makes of its scene. The scene is computed and dropped (not kept in the scene cache:
    each figure is asked for once, and a worker would hold hundreds)."""
    from publish.figures.pdf import prepare
    from publish.figures.scene import scene_uncached

    geometry = scene_uncached(figure)
    return prepare(geometry).packed(), tuple((name, task(figure, geometry)) for name, task in tasks)


def _marks(run: tuple, mm_per_unit: float, style, fill_mode: int) -> str:
    """A worker's task: the marks of one run of a figure's items at its box's scale."""
    from publish.figures import pdf

    return pdf.mark_text(run, mm_per_unit, style, fill_mode)
