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

from publish import bundled, export
from publish.dose import phrase
from publish.errors import PublishError
from publish.load import load_book
from publish.model import Book


def _data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "data",
        nargs="?",
        type=Path,
        help=f"a data file (YAML); default: the bundled {bundled.DEFAULT_DATA}",
    )


def _load(args: argparse.Namespace) -> Book:
    return load_book(args.data if args.data is not None else bundled.default_data())


def cmd_check(args: argparse.Namespace) -> int:
    book = _load(args)
    count = len(book.exercises)
    print(f"{count} exercise{'s' if count != 1 else ''}, no problems")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    book = _load(args)
    if args.json:
        json.dump(export.book_to_json(book), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    width = max(len(e.name) for e in book.exercises)
    print(book.title)
    for number, exercise in enumerate(book.exercises, 1):
        print(f"{number:>3}. {exercise.name:<{width}}  {phrase(exercise.dose)}")
    return 0


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
