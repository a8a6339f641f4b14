"""Worker processes: how many cores there are, a pool of forked workers for a large book's
figures (taken back in the book's order), and stopping a pool at once on Ctrl-C or SIGTERM."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

#: From this many figures up, a book's figures are computed in worker processes: below it,
#: starting the workers costs about what they would save.
PARALLEL_FROM = 40
#: Figures handed to a worker at a time: few round trips, and the workers still end together.
CHUNK = 8


def cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def in_worker() -> bool:
    """Whether this process is itself a worker (of ``publish batch``): it then makes no pool of
    its own, since its siblings already keep every core busy."""
    import multiprocessing

    return multiprocessing.parent_process() is not None


def stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers that have.

    ``shutdown(wait=True)``, which leaving a ``with`` block does, would let every queued task
    run first. Each worker is sent SIGTERM: a ``publish batch`` worker has the CLI's handler
    (inherited through fork), which turns it into an exception, so its half-written temporary
    file is removed as on any failed write; a figure worker ends at once (it writes nothing).
    """
    workers = list(getattr(pool, "_processes", {}).values())  # no public way before Python 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(timeout=10)
        if worker.is_alive():  # not ended by SIGTERM within 10 s (a loaded machine): end it
            worker.kill()
            worker.join()


def quiet() -> None:
    """A pool's initializer for workers that write nothing: Ctrl-C is left to the main process
    (the terminal sends it to all), and SIGTERM ends the worker at once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextlib.contextmanager
def figure_pool(figures: int) -> Iterator[ProcessPoolExecutor | None]:
    """Forked workers (one per core, at most one per ``CHUNK`` figures) for a book of this many
    figures, or None: below ``PARALLEL_FROM`` figures, on one core, or inside a worker.

    The workers write nothing (``quiet``). On Ctrl-C or SIGTERM (or any error) while this holds
    they are ended at once (``stop``), so only this process reports the interruption; else the
    pool is shut down once the block ends.
    """
    count = min(cores(), max(1, figures // CHUNK))
    if figures < PARALLEL_FROM or count < 2 or in_worker():
        yield None
        return
    import concurrent.futures
    import multiprocessing

    pool = concurrent.futures.ProcessPoolExecutor(count, multiprocessing.get_context("fork"), initializer=quiet)
    try:
        yield pool
    except BaseException:
        stop(pool)
        raise
    pool.shutdown()


class InOrder:
    """A task's results for each of ``items``, computed by the pool in that order (``CHUNK`` at
    a time) and taken as they arrive: calling it with an item waits for that item's result (or
    gives None for an item not asked for); ``all`` waits for every one.

    ``kept(item, result)`` is what is kept of each result as it arrives (default: the result).
    """

    def __init__(self, pool: ProcessPoolExecutor, task: Callable, items: list[Hashable], *more: Iterable,
                 kept: Callable[[Hashable, object], object] = lambda item, result: result):
        self._arriving = zip(items, pool.map(task, items, *more, chunksize=CHUNK))
        self._kept = kept
        self.wanted = set(items)
        self.done: dict = {}

    def __call__(self, item: Hashable):
        if item not in self.wanted:
            return None
        for ready, result in self._arriving if item not in self.done else ():
            self.done[ready] = self._kept(ready, result)
            if ready == item:
                break
        return self.done[item]

    def all(self) -> dict:
        for ready, result in self._arriving:
            self.done[ready] = self._kept(ready, result)
        return self.done
