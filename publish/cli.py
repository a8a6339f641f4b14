"""The ``publish`` command: argument parsing and dispatch only.

Every handler returns an exit status. ``PublishError`` (bad data, a layout that cannot be
made, an output that cannot be written) becomes one line per problem on stderr and exit
status 1; argparse's usage errors exit 2; Ctrl-C and SIGTERM end the run quietly with 130 and
143 after removing any temporary file; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from layouts import Layout, registry
from publish import bundled, files
from publish.errors import PublishError

if TYPE_CHECKING:  # the loader, the model and the layouts load with the command that needs them
    from publish.model import Book


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "data",
        nargs="?",
        type=Path,
        help=f"a library or a patient's programme (YAML); default: the bundled {bundled.DEFAULT_DATA}",
    )


class StdoutError(PublishError):
    """Standard output cannot take what we print (a full disk behind ``> file``)."""


class Terminated(BaseException):
    """SIGTERM, raised where the program is, so that temporary files are removed on the way out."""


def say(*lines: object) -> None:
    """Print to standard output; a full disk there is a one-line error, a closed pipe ends quietly."""
    try:
        for line in lines:
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as err:
        raise StdoutError(f"standard output: could not be written: {files.why(err)}") from None


def _data_path(args: argparse.Namespace) -> Path:
    return args.data if getattr(args, "data", None) is not None else bundled.default_data()


def input_files(args: argparse.Namespace) -> list[Path]:
    """The files named on the command line; no product may be written over one of them.

    Files found while loading (a programme's libraries and logo) are added by ``_load``.
    """
    return [_data_path(args)] if hasattr(args, "data") else []


def _load(args: argparse.Namespace) -> Book:
    from publish.load import load
    from publish.load.programme import Libraries

    libraries = Libraries()
    book = load(_data_path(args), libraries)
    clinic = book.prescription.clinic if book.prescription else None
    files.protect([*libraries.paths, *([clinic.logo.path] if clinic and clinic.logo else [])])
    return book


def cmd_check(args: argparse.Namespace) -> int:
    book = _load(args)
    count = len(book.exercises)
    who = f"{book.prescription.patient}: " if book.prescription else ""
    say(f"{who}{count} exercise{'s' if count != 1 else ''}, no problems")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from publish.dose import phrase

    book = _load(args)
    if args.json:
        from publish import export

        say(json.dumps(export.book_to_json(book), ensure_ascii=False, indent=2))
        return 0
    width = max(len(e.name) for e in book.exercises)
    patient = book.prescription
    say(
        book.title,
        *([f"for {patient.patient}" + (f", {patient.frequency}" if patient.frequency else "")] if patient else []),
        *(f"{number:>3}. {exercise.name:<{width}}  {phrase(exercise.dose)}" for number, exercise in enumerate(book.exercises, 1)),
    )
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    from publish.figures import write_figures

    book = _load(args)
    say(*write_figures(book, args.out_dir))
    without = [exercise.id for exercise in book.exercises if exercise.figure is None]
    if without:  # not an error (a programme may mix in exercises not yet posed), but say so
        print(f"no figure in the data for: {', '.join(without)}", file=sys.stderr)
    return 0


def default_output(book: Book, layout: Layout, out_dir: Path | None = None) -> Path:
    return (out_dir or Path("output")) / f"{book.name}{layout.suffix}"


def make_product(name: str, book: Book, args: argparse.Namespace, output: Path) -> list[Path]:
    """Build one product from the parsed options; the layout writes atomically."""
    from publish.theme import theme_for

    layout = registry()[name]
    page = getattr(args, "page_size", None) or layout.default_page or "A4"
    theme = theme_for(page, landscape=getattr(args, "landscape", False))
    options = {
        option: getattr(args, option) for option in layout.options if option != "landscape" and hasattr(args, option)
    }
    return layout.build(book, theme, output, **options)


def cmd_product(args: argparse.Namespace) -> int:
    layout = registry()[args.command]
    # before loading and building: say at once if the output cannot be written
    output = files.check_target(args.output) if args.output is not None else None
    book = _load(args)
    say(*make_product(args.command, book, args, output or default_output(book, layout)))
    return 0


def cmd_all(args: argparse.Namespace) -> int:
    """Make every product that can be made; report the rest and exit 1 if any could not."""
    book = _load(args)
    failed: list[str] = []
    reported: list[str] = []
    with _cards_alongside():
        for name, layout in registry().items():
            try:
                say(*make_product(name, book, args, default_output(book, layout, args.out_dir)))
            except StdoutError:
                raise
            except PublishError as err:
                failed.append(name)
                reported.extend(line for line in str(err).splitlines() if line not in reported)
    if failed:
        raise PublishError("\n".join([*reported, f"not made: {', '.join(failed)}"]))
    return 0


def _cards_alongside():
    """The booklet (made before the EPUB) has its figure workers, if it uses any, draw the
    EPUB's cards as well: each figure's scene is then computed once for both products."""
    from layouts.epub.images import CARDS, card_from_scene
    from publish.figures.render import alongside

    return alongside(CARDS, card_from_scene)


def cmd_batch(args: argparse.Namespace) -> int:
    from publish import batch

    out_dir = args.out_dir or Path("output")
    summary = batch.run(args.folder, out_dir, args.jobs)
    lines = batch.report(summary, out_dir)
    say(lines[0])
    _report("\n".join(lines[1:]))
    return 1 if summary.failed else 0


#: Options a layout may declare in ``Layout.options``.
PRODUCT_OPTIONS = {
    "landscape": lambda p: p.add_argument("--landscape", action="store_true", help="turn the page sideways"),
    "tile": lambda p: p.add_argument(
        "--tile", choices=("A4", "Letter"), help="also write the poster split across sheets of this size, at 100%% scale"
    ),
    "imposed": lambda p: p.add_argument(
        "--imposed", action="store_true", help="also write a copy imposed 2-up for printing double-sided and folding"
    ),
}


def _product_parser(commands, name: str, layout: Layout) -> None:
    parser = commands.add_parser(name, help=layout.summary, description=layout.summary)
    _data_argument(parser)
    parser.add_argument("-o", "--output", help=f"where to write it (default: output/<data name>{layout.suffix})")
    if layout.page_sizes:
        parser.add_argument(
            "--page-size", choices=layout.page_sizes, default=layout.default_page, help=f"default: {layout.default_page}"
        )
    for option in layout.options:
        PRODUCT_OPTIONS[option](parser)
    parser.set_defaults(handler=cmd_product)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="publish",
        description="Publish an exercise programme as a wall chart, a booklet and an EPUB.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser("check", help="validate a data file and report every problem")
    _data_argument(check)
    check.set_defaults(handler=cmd_check)

    listing = commands.add_parser("list", help="list the exercises and their doses")
    _data_argument(listing)
    listing.add_argument("--json", action="store_true", help="print the whole model as JSON")
    listing.set_defaults(handler=cmd_list)

    figures = commands.add_parser("figures", help="write each exercise's illustration as SVG and PNG")
    _data_argument(figures)
    figures.add_argument(
        "--out-dir", type=Path, default=Path("output/figures"), help="folder to write into (default: output/figures/)"
    )
    figures.set_defaults(handler=cmd_figures)

    products = registry()
    for name, layout in products.items():
        _product_parser(commands, name, layout)
    if products:
        every = commands.add_parser("all", help="make every product with its default options")
        _data_argument(every)
        every.add_argument("--out-dir", type=Path, help="folder to write into (default: output/)")
        every.set_defaults(handler=cmd_all)

        batch = commands.add_parser(
            "batch", help="make every product for every programme in a folder, in parallel",
            description="Build the chart, booklet and EPUB of every programme (*.yaml) in FOLDER. "
            "A programme that fails is reported and the others carry on; exit status 1 if any failed.",
        )
        batch.add_argument("folder", type=Path, metavar="FOLDER", help="a folder of programme files")
        batch.add_argument("--out-dir", type=Path, help="folder to write into (default: output/)")
        batch.add_argument("--jobs", type=_positive, help="worker processes (default: one per core)")
        batch.set_defaults(handler=cmd_batch)

    return parser


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Turn SIGTERM into ``Terminated`` while a command runs (Ctrl-C already raises)."""

    def terminate(signum, frame):
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit does not fail a second time."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _report(message: str) -> None:
    with contextlib.suppress(OSError):
        for line in message.splitlines():
            print(line, file=sys.stderr)
        sys.stderr.flush()


#: Container allocations (net) between two runs of Python's cycle collector, instead of 700.
COLLECT_EVERY = 20_000


@contextlib.contextmanager
def _collecting_seldom() -> Iterator[None]:
    """A run makes millions of small objects and frees nearly all of them by reference counting
    (a scene, a layout's flowables), so the cycle collector found next to nothing, yet at its
    default rate it ran about 800 times in each figure worker of a 700-exercise EPUB and
    walked the whole laid-out book in the main process: about 3 % of the run's CPU (0.35 s in
    the main process, 0.4 s in each worker). Collected seldom, it costs a few milliseconds;
    memory is the same (a worker's cyclic garbage is a few objects a hundred figures). The
    workers, forked, inherit the rate; the previous one is restored for a caller (the tests)."""
    previous = gc.get_threshold()
    gc.set_threshold(COLLECT_EVERY, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def main(argv: Sequence[str] | None = None) -> int:
    with _sigterm_raises(), _collecting_seldom():
        try:
            args = build_parser().parse_args(argv)
            with files.protecting(input_files(args)):
                return args.handler(args)
        except StdoutError as err:
            _silence_stdout()
            _report(str(err))
            return 1
        except PublishError as err:
            _report(str(err))
            return 1
        except BrokenPipeError:  # `publish list | head`: the reader has what it wanted
            _silence_stdout()
            return 0
        except KeyboardInterrupt:
            return 128 + signal.SIGINT
        except Terminated:
            return 128 + signal.SIGTERM
