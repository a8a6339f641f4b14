"""Worker processes: how many cores there are, and stopping a pool at once on Ctrl-C or SIGTERM."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor


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
