"""Field rules: how every kind of value in a data file is read, checked and reported.

A ``FieldReader`` walks composed YAML nodes for one file, converting values and collecting
every problem it meets (``file:line: field: message``) instead of stopping at the first. The
library and programme readers are subclasses that only say which fields a file has; what a
whole number, a date, a dose or a piece of text must look like is decided here, once, so a
dose in a programme obeys exactly the rules of a dose in a library.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any, TypeVar

import yaml

from publish import units
from publish.errors import Problem
from publish.load import limits, numbers, textrules
from publish.load.source import TAG, Lines, describe, key_label, unsafe_tags
from publish.model import Dose, Range, Text

T = TypeVar("T")

_LOOKS_LIKE_A_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}$")

#: Dates a programme or its source may carry.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)

MAX_REPS = 1000
MAX_SETS = 100
MAX_SECONDS = 3600
#: Longer names cannot be set as a heading on an A5 page (nor read on a wall chart).
MAX_NAME = limits.FIELD_LENGTHS["name"]
#: A BCP 47 tag: a language, then optional script, region or variant subtags.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def suggestion(value: str, known, listing: str = " (known: {})") -> str:
    """``; did you mean 'bridges'?`` for a near miss, else the known values in ``listing``."""
    hint = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"; did you mean {hint[0]!r}?" if hint else listing.format(", ".join(known))


class FieldReader:
    """Walks composed YAML nodes of one file, converting values and collecting problems."""

    def __init__(self, file: str, text: str):
        self.file = file
        self._lines = Lines(text)
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()

    # -- reporting -------------------------------------------------------------------------

    def problem(self, node: yaml.Node | None, field: str, message: str) -> None:
        line = self._lines.line(node.start_mark) if node is not None else None
        self.problems.append(Problem(self.file, line, field, message))

    # -- shapes ----------------------------------------------------------------------------

    def mapping(
        self,
        node: yaml.Node,
        field: str,
        required: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
        extra: Callable[[str], bool] | None = None,
    ) -> dict[str, yaml.Node] | None:
        """The mapping's entries by key; reports unknown, duplicate and missing keys.

        ``extra`` accepts further keys (a pose's joint names) that are not listed.
        """
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, field, f"expected a mapping of fields, got {describe(node)}")
            return None
        known = required + optional
        entries: dict[str, yaml.Node] = {}
        suggested: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, field, f"expected a field name, got {describe(key_node)}")
                continue
            key = str(key_node.value)
            where = f"{field}.{key_label(key)}" if field else key_label(key)
            if key in entries:
                self.problem(key_node, where, "appears twice; keep one")
                continue
            if key not in known and not (extra and extra(key)):
                hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else f" (known: {', '.join(known)})"
                self.problem(key_node, where, f"unknown field{suggestion}")
                suggested.update(hint)
                continue
            entries[key] = value_node
        for key in required:
            if key not in entries and key not in suggested:  # `setps:` already said "did you mean 'steps'?"
                self.problem(node, f"{field}.{key}" if field else key, "missing (required)")
        return entries

    def sequence(self, node: yaml.Node, field: str) -> list[yaml.Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, field, f"expected a list, got {describe(node)}")
            return None
        return list(node.value)

    def items(self, node: yaml.Node, field: str, read: Callable[[yaml.Node, str], T | None]) -> tuple[T, ...]:
        """Read every item of a list with ``read``, dropping items that had problems."""
        values = self.sequence(node, field)
        if values is None:
            return ()
        out = []
        for index, item in enumerate(values):
            value = read(item, f"{field}[{index}]")
            if value is not None:
                out.append(value)
        return tuple(out)

    # -- scalars ---------------------------------------------------------------------------

    def scalar(self, node: yaml.Node, field: str) -> Any:
        """The Python value of a scalar node; reports non-scalars (returns None for them)."""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, field, f"expected a single value, got {describe(node)}")
            return None
        try:
            return self._constructor.construct_object(node)
        except (ValueError, LookupError, TypeError, AttributeError, ArithmeticError, yaml.YAMLError):
            # a value that looks like a date but is not one (2024-02-30), or an explicit tag the
            # text does not fit (!!int ten): hand back the text so the caller says what it expected
            return str(node.value)

    def text(self, node: yaml.Node, field: str) -> str | None:
        """Text as the author wrote it: any non-empty scalar, kept verbatim (``10`` stays "10")."""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, field, f"expected text, got {describe(node)}")
            return None
        if node.tag == TAG + "null" or not str(node.value).strip():
            self.problem(node, field, "expected text, got nothing")
            return None
        value = str(node.value).strip()
        limit = limits.field_length(field)
        if len(value) > limit:
            self.problem(node, field, f"too long ({len(value):,} characters); the most it may hold is {limit:,}")
            return None
        found = textrules.problems(value)
        if field.rsplit(".", 1)[-1] == "url" and not found:
            found = textrules.url_problems(value)
        for message in found:
            self.problem(node, field, message)
        return None if found else value

    def rich_text(self, node: yaml.Node, field: str) -> Text | None:
        """Text that may hold measurements such as ``{2 in}``."""
        raw = self.text(node, field)
        if raw is None:
            return None
        parts, problems = units.parse_text(raw)
        for message in problems:
            self.problem(node, field, message)
        return Text(parts)

    def whole(self, node: yaml.Node, field: str, low: int = 1, high: int | None = None) -> int | None:
        """A whole number as a person writes it (``010`` is ten; see ``numbers``)."""
        if isinstance(node, yaml.ScalarNode) and node.tag == TAG + "int":
            value = numbers.whole(str(node.value))
            if isinstance(value, str):
                self.problem(node, field, value)
                return None
        else:
            value = self.scalar(node, field)
            if isinstance(node, yaml.ScalarNode):
                self.problem(node, field, f"expected a whole number, got {describe(node)}")
            return None
        if value < low:
            self.problem(node, field, f"must be at least {low}, got {value}")
            return None
        if high is not None and value > high:
            self.problem(node, field, f"must be at most {high}, got {value}")
            return None
        return value

    def number(self, node: yaml.Node, field: str) -> float | None:
        """A number in decimal digits, with an optional sign and point (``-12.5``); no octal, no ``.inf``."""
        if isinstance(node, yaml.ScalarNode) and node.tag in (TAG + "int", TAG + "float"):
            value = numbers.decimal(str(node.value))
            if isinstance(value, str):
                self.problem(node, field, value)
                return None
            return value
        self.scalar(node, field)
        if isinstance(node, yaml.ScalarNode):
            self.problem(node, field, f"expected a number, got {describe(node)}")
        return None

    def flag(self, node: yaml.Node, field: str) -> bool | None:
        value = self.scalar(node, field)
        if isinstance(node, yaml.ScalarNode) and not isinstance(value, bool):
            self.problem(node, field, f"expected true or false, got {describe(node)}")
            return None
        return value

    def date(self, node: yaml.Node, field: str) -> dt.date | None:
        """A calendar date between 1900 and 2099 (a date outside is a typing slip, and breaks EPUB dates)."""
        value = self.scalar(node, field)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            if not EARLIEST_DATE <= value <= LATEST_DATE:
                self.problem(node, field, f"expected a date between {EARLIEST_DATE.year} and {LATEST_DATE.year}, got {value.isoformat()}")
                return None
            return value
        if isinstance(node, yaml.ScalarNode):
            no_such_date = " (no such date)" if _LOOKS_LIKE_A_DATE.match(str(node.value)) else ""
            self.problem(node, field, f"expected a date such as 2024-04-13, got {describe(node)}{no_such_date}")
        return None

    def choice(self, node: yaml.Node, field: str, options: tuple[str, ...] | dict) -> str | None:
        value = self.text(node, field)
        if value is None:
            return None
        if value not in options:
            self.problem(node, field, f"unknown value {value!r}{suggestion(value, options)}")
            return None
        return value

    # -- values shared by every kind of file ------------------------------------------

    def language(self, node: yaml.Node, field: str) -> str | None:
        """A BCP 47 language tag such as ``en``, ``en-GB`` or ``pt-BR`` (EPUB and PDF need one)."""
        value = self.text(node, field)
        if value is not None and not LANGUAGE_TAG.fullmatch(value):
            self.problem(node, field, f"expected a language tag such as 'en' or 'en-GB', got {value!r}")
            return None
        return value

    def identifier(self, node: yaml.Node, field: str) -> str | None:
        value = self.text(node, field)
        if value is None:
            return None
        if not all(c.isascii() and (c.isalnum() or c in "-_") for c in value) or not value[0].isalnum():
            self.problem(node, field, f"expected letters, digits and hyphens such as 'partial-curls', got {value!r}")
            return None
        return value

    def dose(self, node: yaml.Node, field: str) -> Dose | None:
        fields = self.mapping(node, field, optional=("reps", "sets", "hold_s", "rest_s", "each_side"))
        if fields is None:
            return None
        ok = True

        def read(key: str, fn: Callable[..., Any], *args: Any) -> Any:
            nonlocal ok
            if key not in fields:
                return None
            before = len(self.problems)
            value = fn(fields[key], f"{field}.{key}", *args)
            ok = ok and len(self.problems) == before
            return value

        dose = Dose(
            reps=read("reps", self.whole, 1, MAX_REPS),
            sets=read("sets", self.whole, 1, MAX_SETS),
            hold_s=read("hold_s", self.seconds_range),
            rest_s=read("rest_s", self.whole, 1, MAX_SECONDS),
            each_side=bool(read("each_side", self.flag)),
        )
        return dose if ok else None

    def seconds_range(self, node: yaml.Node, field: str) -> Range | None:
        """``5`` or ``[10, 15]``: a hold in whole seconds, or a range of them."""
        if isinstance(node, yaml.SequenceNode):
            if len(node.value) != 2:
                self.problem(node, field, f"expected seconds or a range [low, high], got a list of {len(node.value)}")
                return None
            low = self.whole(node.value[0], f"{field}[0]", 1, MAX_SECONDS)
            high = self.whole(node.value[1], f"{field}[1]", 1, MAX_SECONDS)
            if low is None or high is None:
                return None
            if low > high:
                self.problem(node, field, f"the range starts above its end ({low} > {high})")
                return None
            return Range(low, high)
        value = self.whole(node, field, 1, MAX_SECONDS)
        return None if value is None else Range(value, value)

    def refuse_unsafe_tags(self, root: yaml.Node) -> None:
        """Report every tag that would construct something other than plain data."""
        for node, field, message in unsafe_tags(root):
            self.problem(node, field, message)
