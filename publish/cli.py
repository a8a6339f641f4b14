"""The ``publish`` command: argument parsing and dispatch only.

Every handler returns an exit status. ``PublishError`` (bad data, a layout that cannot be
made) becomes one line per problem on stderr and exit status 1; argparse's usage errors exit
2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from layouts import Layout, registry
from publish import bundled, export
from publish.dose import phrase
from publish.errors import PublishError
from publish.load import load
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


def _load(args: argparse.Namespace) -> Book:
    return load(args.data if args.data is not None else bundled.default_data())


def cmd_check(args: argparse.Namespace) -> int:
    book = _load(args)
    count = len(book.exercises)
    who = f"{book.prescription.patient}: " if book.prescription else ""
    print(f"{who}{count} exercise{'s' if count != 1 else ''}, no problems")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    book = _load(args)
    if args.json:
        json.dump(export.book_to_json(book), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    width = max(len(e.name) for e in book.exercises)
    print(book.title)
    if book.prescription:
        print(f"for {book.prescription.patient}" + (f", {book.prescription.frequency}" if book.prescription.frequency else ""))
    for number, exercise in enumerate(book.exercises, 1):
        print(f"{number:>3}. {exercise.name:<{width}}  {phrase(exercise.dose)}")
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    from publish.figures import write_figures

    book = _load(args)
    for path in write_figures(book, args.out_dir):
        print(path)
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
    book = _load(args)
    layout = registry()[args.command]
    for path in make_product(args.command, book, args, args.output or default_output(book, layout)):
        print(path)
    return 0


def cmd_all(args: argparse.Namespace) -> int:
    book = _load(args)
    for name, layout in registry().items():
        for path in make_product(name, book, args, default_output(book, layout, args.out_dir)):
            print(path)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from publish import batch

    out_dir = args.out_dir or Path("output")
    summary = batch.run(args.folder, out_dir, args.jobs)
    lines = batch.report(summary, out_dir)
    print(lines[0])
    for line in lines[1:]:
        print(line, file=sys.stderr)
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
    parser.add_argument("-o", "--output", type=Path, help=f"where to write it (default: output/<data name>{layout.suffix})")
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except PublishError as err:
        for line in str(err).splitlines():
            print(line, file=sys.stderr)
        return 1
    except BrokenPipeError:  # `publish list | head`
        return 0
