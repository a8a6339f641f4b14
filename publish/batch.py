"""A clinic's day in one command: every programme in a folder → chart, booklet and EPUB.

The programmes are read here, in one process, sharing one ``Libraries`` so that each library
file is read and checked once per batch. The products are then built in a pool of worker
processes (one task per programme, all three products), because laying out PDFs is CPU-bound
pure Python. A programme that fails — bad data, a product that cannot be laid out — is
recorded with its messages and the others carry on; the summary lists every failure.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from publish.errors import DataError, PublishError
from publish.model import Book
from publish.naming import distinct
from publish.workers import cores, stop

#: Programme files a batch reads from its folder.
PATTERNS = ("*.yaml", "*.yml")


@dataclass
class Outcome:
    """What became of one programme file."""

    file: str
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class Summary:
    outcomes: list[Outcome]
    libraries_read: int
    skipped: list[str]  # library files in the folder: read as libraries, not printed

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.problems]

    @property
    def files_written(self) -> int:
        return sum(len(o.written) for o in self.outcomes)


def programme_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise PublishError(f"{folder}: not a folder of programmes")
    return sorted({path for pattern in PATTERNS for path in folder.glob(pattern) if path.is_file()})


def read_all(files: list[Path]) -> tuple[dict[str, Book], list[Outcome], list[str], int]:
    """Read every file: (books by file name, failures, library files skipped, libraries read)."""
    from publish.load import display_name, load
    from publish.load.programme import Libraries

    libraries = Libraries()
    books: dict[str, Book] = {}
    failures: list[Outcome] = []
    skipped: list[str] = []
    for path in files:
        shown = display_name(path)
        try:
            book = load(path, libraries)
        except DataError as err:
            failures.append(Outcome(shown, problems=[str(p) for p in err.problems]))
            continue
        if book.prescription is None:
            skipped.append(shown)  # a library kept beside the programmes that use it
            continue
        books[shown] = book
    # two patients whose names slug the same get distinct files
    names = distinct({shown: book.name for shown, book in books.items()})
    books = {shown: dataclasses.replace(book, name=names[shown]) for shown, book in books.items()}
    return books, failures, skipped, libraries.files_read


def build_products(shown: str, book: Book, out_dir: Path) -> Outcome:
    """Chart, booklet and EPUB of one programme, each with its default options (runs in a worker)."""
    from layouts import registry
    from publish.theme import theme_for

    outcome = Outcome(shown)
    for name, layout in registry().items():
        try:
            theme = theme_for(layout.default_page or "A4")
            outcome.written += layout.build(book, theme, out_dir / f"{book.name}{layout.suffix}")
        except PublishError as err:
            outcome.problems += [f"{shown}: {name}: {line}" for line in str(err).splitlines()]
        except Exception as err:  # a bug in one product must not cost the clinic the rest of the day
            outcome.problems.append(f"{shown}: {name}: internal error: {type(err).__name__}: {err}")
    return outcome


def run(folder: Path, out_dir: Path, jobs: int | None = None) -> Summary:
    """Build every programme in ``folder`` into ``out_dir`` with ``jobs`` worker processes."""
    files = programme_files(folder)
    books, failures, skipped, libraries_read = read_all(files)
    outcomes: list[Outcome] = list(failures)
    bar = _bar(len(files) - len(skipped))
    bar.update(len(failures))
    jobs = max(1, jobs or cores())
    if jobs == 1 or len(books) <= 1:
        for shown, book in books.items():
            outcomes.append(build_products(shown, book, out_dir))
            bar.update(1)
    else:
        import layouts

        layouts.registry()  # import the renderers once, before the workers fork
        import multiprocessing

        # forked, as the figure pools are: the workers keep the CLI's SIGTERM handling (a
        # worker stopped mid-write removes its temporary file) and its collector rate (3.14
        # starts workers by forkserver by default, without either)
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(books)), mp_context=multiprocessing.get_context("fork"))
        try:
            futures = {pool.submit(build_products, shown, book, out_dir): shown for shown, book in books.items()}
            for future in as_completed(futures):
                try:
                    outcomes.append(future.result())
                except Exception as err:  # the worker process itself died
                    outcomes.append(Outcome(futures[future], problems=[f"{futures[future]}: worker failed: {err}"]))
                bar.update(1)
        except BaseException:  # Ctrl-C or SIGTERM: stop now, not after the queue drains
            stop(pool)
            raise
        pool.shutdown()
    bar.close()
    outcomes.sort(key=lambda o: o.file)
    return Summary(outcomes, libraries_read, skipped)


def _bar(total: int):
    """tqdm's progress bar on stderr; silent when stderr is not a terminal (logs, tests)."""
    from tqdm import tqdm

    return tqdm(total=total, unit="programme", desc="publishing", disable=None, leave=False)


def report(summary: Summary, out_dir: Path) -> list[str]:
    """The summary lines: what was written, and every failure with its file:line messages."""
    built = len(summary.outcomes) - len(summary.failed)
    lines = [
        f"{built} programme{'s' if built != 1 else ''} published: {summary.files_written} files in {out_dir}"
        f" ({summary.libraries_read} librar{'ies' if summary.libraries_read != 1 else 'y'} read once)"
    ]
    if summary.skipped:
        lines.append(f"skipped (libraries, not programmes): {', '.join(summary.skipped)}")
    if summary.failed:
        lines.append(f"{len(summary.failed)} programme{'s' if len(summary.failed) != 1 else ''} failed:")
        lines += [problem for outcome in summary.failed for problem in outcome.problems]
    return lines
