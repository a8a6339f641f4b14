"""A large booklet's figures, prepared in worker processes while the booklet is laid out.

Computing a figure's scene (its pose geometry) costs far more than laying out its page, and
the figures do not depend on one another: from ``PARALLEL_FROM`` figures up, forked workers
(one per core) compute each figure's PDF operators (publish.figures.pdf.Prepared), in book
order. The measuring pass takes each figure's proportions from them as they arrive, and the
drawing pass writes their operators; the bytes are the same as drawn here, and this process
keeps a few kilobytes of text per figure instead of its scene. Inside a ``publish batch``
worker, or on one core, everything is computed here as before.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from publish.model import Book, Figure

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
        arriving = zip(figures, pool.map(_prepare, figures, chunksize=CHUNK))
        done: dict[Figure, object] = {}
        wanted = set(figures)

        def source(figure: Figure):
            """The figure's operators from the workers, waiting for them (asked in book order)."""
            if figure not in wanted:
                return None
            for ready, result in arriving if figure not in done else ():
                done[ready] = result
                if ready == figure:
                    break
            return done[figure]

        with prepared_from(source):
            yield
    except BaseException:
        stop(pool)
        raise
    pool.shutdown()


def _prepare(figure: Figure):
    """A worker's task: the figure's operators. Its scene is computed and dropped (not kept in
    the scene cache: each figure is asked for once, and a worker would hold hundreds)."""
    from publish.figures.pdf import prepare
    from publish.figures.scene import scene

    return prepare(scene.__wrapped__(figure))
