"""YAML → model, validating everything in one pass.

The loader composes the YAML into nodes (so every value keeps its line number), walks the
nodes with the schema below and collects every problem it meets instead of stopping at the
first. Only when the whole file has been read does it either return a ``Book`` or raise a
``DataError`` carrying all the problems, each phrased as
``data/x.yaml:14: exercises[2].dose.reps: expected a whole number, got 'ten'``.

Only YAML's safe subset is read: a tag that would construct a Python object is refused.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from publish import units
from publish.errors import DataError, Problem
from publish.figures import joints
from publish.model import Book, Dose, Exercise, Figure, Pose, Range, Source, Text

T = TypeVar("T")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml ships in PyYAML's wheels

_TAG = "tag:yaml.org,2002:"
_SAFE_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}

_LOOKS_LIKE_A_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}$")

MAX_REPS = 1000
MAX_SETS = 100
MAX_SECONDS = 3600
#: Longer names cannot be set as a heading on an A5 page (nor read on a wall chart).
MAX_NAME = 100
#: A BCP 47 tag: a language, then optional script, region or variant subtags.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def _key_label(key: str) -> str:
    """A field name as it can be shown on one line: quoted when blank or holding control characters."""
    return key if key and key.isprintable() and key.strip() == key else repr(key)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _TAG + "null":
        return "nothing"
    return repr(node.value)


class _Reader:
    """Walks composed YAML nodes, converting values and collecting problems."""

    def __init__(self, file: str, text: str):
        self.file = file
        self.source_text = text
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()

    # -- reporting -------------------------------------------------------------------------

    def problem(self, node: yaml.Node | None, field: str, message: str) -> None:
        line = editor_line(self.source_text, node.start_mark) if node is not None else None
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
            self.problem(node, field, f"expected a mapping of fields, got {_describe(node)}")
            return None
        known = required + optional
        entries: dict[str, yaml.Node] = {}
        suggested: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, field, f"expected a field name, got {_describe(key_node)}")
                continue
            key = str(key_node.value)
            where = f"{field}.{_key_label(key)}" if field else _key_label(key)
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
            self.problem(node, field, f"expected a list, got {_describe(node)}")
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
            self.problem(node, field, f"expected a single value, got {_describe(node)}")
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
            self.problem(node, field, f"expected text, got {_describe(node)}")
            return None
        if node.tag == _TAG + "null" or not str(node.value).strip():
            self.problem(node, field, "expected text, got nothing")
            return None
        return str(node.value).strip()

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
        value = self.scalar(node, field)
        if isinstance(node, yaml.ScalarNode) and (isinstance(value, bool) or not isinstance(value, int)):
            self.problem(node, field, f"expected a whole number, got {_describe(node)}")
            return None
        if value is None:
            return None
        if value < low:
            self.problem(node, field, f"must be at least {low}, got {value}")
            return None
        if high is not None and value > high:
            self.problem(node, field, f"must be at most {high}, got {value}")
            return None
        return value

    def number(self, node: yaml.Node, field: str) -> float | None:
        value = self.scalar(node, field)
        if isinstance(node, yaml.ScalarNode) and (isinstance(value, bool) or not isinstance(value, (int, float))):
            self.problem(node, field, f"expected a number, got {_describe(node)}")
            return None
        return None if value is None else float(value)

    def flag(self, node: yaml.Node, field: str) -> bool | None:
        value = self.scalar(node, field)
        if isinstance(node, yaml.ScalarNode) and not isinstance(value, bool):
            self.problem(node, field, f"expected true or false, got {_describe(node)}")
            return None
        return value

    def date(self, node: yaml.Node, field: str) -> dt.date | None:
        value = self.scalar(node, field)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(node, yaml.ScalarNode):
            no_such_date = " (no such date)" if _LOOKS_LIKE_A_DATE.match(str(node.value)) else ""
            self.problem(node, field, f"expected a date such as 2024-04-13, got {_describe(node)}{no_such_date}")
        return None

    def choice(self, node: yaml.Node, field: str, options: tuple[str, ...] | dict) -> str | None:
        value = self.text(node, field)
        if value is None:
            return None
        if value not in options:
            hint = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else f" (known: {', '.join(options)})"
            self.problem(node, field, f"unknown value {value!r}{suggestion}")
            return None
        return value

    # -- the schema ------------------------------------------------------------------------

    def book(self, root: yaml.Node, name: str) -> Book | None:
        fields = self.mapping(
            root,
            "",
            required=("title", "exercises"),
            optional=("subtitle", "language", "date", "source", "safety", "stop_and_ask_if", "urgent_help_if", "links"),
        )
        if fields is None:
            return None
        title = self.text(fields["title"], "title") if "title" in fields else None
        exercises: tuple[Exercise, ...] = ()
        if "exercises" in fields:
            exercises = self.items(fields["exercises"], "exercises", self.exercise)
            listed = self.sequence(fields["exercises"], "exercises") if isinstance(fields["exercises"], yaml.SequenceNode) else None
            if listed is not None and not listed:
                self.problem(fields["exercises"], "exercises", "the list is empty; add at least one exercise")
            self._check_unique_ids(fields["exercises"])
        get = fields.get
        return Book(
            name=name,
            title=title or "",
            exercises=exercises,
            language=(self.language(get("language"), "language") if "language" in fields else None) or "en",
            subtitle=self.text(get("subtitle"), "subtitle") if "subtitle" in fields else None,
            safety=self.items(get("safety"), "safety", self.text) if "safety" in fields else (),
            stop_and_ask_if=self.items(get("stop_and_ask_if"), "stop_and_ask_if", self.text) if "stop_and_ask_if" in fields else (),
            urgent_help_if=self.items(get("urgent_help_if"), "urgent_help_if", self.text) if "urgent_help_if" in fields else (),
            source=self.source(get("source"), "source") if "source" in fields else None,
            date=self.date(get("date"), "date") if "date" in fields else None,
            links=self.items(get("links"), "links", self.text) if "links" in fields else (),
        )

    def language(self, node: yaml.Node, field: str) -> str | None:
        """A BCP 47 language tag such as ``en``, ``en-GB`` or ``pt-BR`` (EPUB and PDF need one)."""
        value = self.text(node, field)
        if value is not None and not LANGUAGE_TAG.fullmatch(value):
            self.problem(node, field, f"expected a language tag such as 'en' or 'en-GB', got {value!r}")
            return None
        return value

    def _check_unique_ids(self, node: yaml.Node) -> None:
        if not isinstance(node, yaml.SequenceNode):
            return
        seen: dict[str, tuple[int, str]] = {}
        for index, item in enumerate(node.value):
            if not isinstance(item, yaml.MappingNode):
                continue
            for key_node, value_node in item.value:
                if getattr(key_node, "value", None) == "id" and isinstance(value_node, yaml.ScalarNode):
                    # ids name files (figures, EPUB chapters): compare them as a file system
                    # that ignores case would, after the trimming identifier() does
                    ident = str(value_node.value).strip()
                    if ident.casefold() in seen:
                        first, spelt = seen[ident.casefold()]
                        case = "" if spelt == ident else f" as {spelt!r}; ids must differ in more than letter case"
                        self.problem(
                            value_node,
                            f"exercises[{index}].id",
                            f"duplicate id {ident!r} (already used by exercises[{first}]{case})",
                        )
                    else:
                        seen[ident.casefold()] = (index, ident)

    def source(self, node: yaml.Node, field: str) -> Source | None:
        fields = self.mapping(node, field, required=("title",), optional=("author", "updated", "publisher", "url"))
        if fields is None:
            return None
        title = self.text(fields["title"], f"{field}.title") if "title" in fields else None
        opt = {k: self.text(fields[k], f"{field}.{k}") for k in ("author", "publisher", "url") if k in fields}
        updated = self.date(fields["updated"], f"{field}.updated") if "updated" in fields else None
        if title is None:
            return None
        return Source(title=title, updated=updated, **opt)

    def exercise(self, node: yaml.Node, field: str) -> Exercise | None:
        fields = self.mapping(
            node,
            field,
            required=("id", "name", "steps", "dose"),
            optional=("about", "muscles", "benefits", "cues", "safety", "tips", "figure"),
        )
        if fields is None:
            return None
        ident = self.identifier(fields["id"], f"{field}.id") if "id" in fields else None
        name = self.text(fields["name"], f"{field}.name") if "name" in fields else None
        if name is not None and len(name) > MAX_NAME:
            self.problem(fields["name"], f"{field}.name", f"too long ({len(name)} characters); keep a name under {MAX_NAME}")
            name = None
        steps = self.items(fields["steps"], f"{field}.steps", self.rich_text) if "steps" in fields else ()
        if "steps" in fields and isinstance(fields["steps"], yaml.SequenceNode) and not fields["steps"].value:
            self.problem(fields["steps"], f"{field}.steps", "the list is empty; add at least one step")
        dose = self.dose(fields["dose"], f"{field}.dose") if "dose" in fields else None
        lists = {
            key: self.items(fields[key], f"{field}.{key}", self.text)
            for key in ("muscles", "benefits", "cues", "safety", "tips")
            if key in fields
        }
        about = self.text(fields["about"], f"{field}.about") if "about" in fields else None
        figure = self.figure(fields["figure"], f"{field}.figure") if "figure" in fields else None
        if ident is None or name is None or dose is None or not steps:
            return None
        return Exercise(id=ident, name=name, steps=steps, dose=dose, about=about, figure=figure, **lists)

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

    def figure(self, node: yaml.Node, field: str) -> Figure | None:
        fields = self.mapping(node, field, required=("start", "end"), optional=("view", "highlight", "action"))
        if fields is None:
            return None
        view = self.choice(fields["view"], f"{field}.view", joints.VIEWS) if "view" in fields else "side"
        start = self.pose(fields["start"], f"{field}.start") if "start" in fields else None
        end = self.pose(fields["end"], f"{field}.end") if "end" in fields else None
        highlight: tuple[str, ...] = ()
        if "highlight" in fields:
            h = fields["highlight"]
            if isinstance(h, yaml.ScalarNode):
                one = self.choice(h, f"{field}.highlight", joints.REGIONS)
                highlight = (one,) if one else ()
            else:
                highlight = self.items(h, f"{field}.highlight", lambda n, f: self.choice(n, f, joints.REGIONS))
        action = self.rich_text(fields["action"], f"{field}.action") if "action" in fields else None
        if start is None or end is None or view is None:
            return None
        return Figure(view=view, start=start, end=end, highlight=highlight, action=action)

    def pose(self, node: yaml.Node, field: str) -> Pose | None:
        fields = self.mapping(
            node, field, required=("base",), extra=lambda key: joints.joint_range(key) is not None
        )
        if fields is None:
            return None
        if isinstance(node, yaml.MappingNode):
            # unknown joint names were reported as unknown fields; suggest from joint names too
            self._retarget_joint_hints(field)
        base = self.choice(fields["base"], f"{field}.base", joints.BASE_POSES) if "base" in fields else None
        angles = []
        for key, value_node in fields.items():
            if key == "base":
                continue
            value = self.number(value_node, f"{field}.{key}")
            if value is None:
                continue
            low, high = joints.joint_range(key)
            if not low <= value <= high:
                self.problem(value_node, f"{field}.{key}", f"angle {value:g}° is outside the joint's range {low:g}° to {high:g}°")
                continue
            angles.append((key, value))
        return Pose(base=base, angles=tuple(angles)) if base else None

    def _retarget_joint_hints(self, field: str) -> None:
        """Rephrase 'unknown field' problems inside a pose as unknown joints with a joint hint."""
        names = ["base", *joints.joint_names()]
        for index, problem in enumerate(self.problems):
            if problem.field.startswith(field + ".") and problem.message.startswith("unknown field"):
                key = problem.field[len(field) + 1 :]
                if "." in key:
                    continue
                hint = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else f" (joints: {', '.join(joints.JOINTS)})"
                self.problems[index] = Problem(problem.file, problem.line, problem.field, f"unknown joint{suggestion}")


def _refuse_unsafe_tags(reader: _Reader, node: yaml.Node, field: str = "") -> None:
    """Report every node whose tag would construct something other than plain data."""
    stack = [(node, field)]
    seen: set[int] = set()  # aliases share nodes and may even contain themselves (&a [*a])
    while stack:
        current, where = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        tag = current.tag or ""
        if isinstance(current, yaml.ScalarNode):
            if tag not in _SAFE_SCALAR_TAGS:
                reader.problem(current, where, f"the tag {tag.replace(_TAG, '!!')!r} is not allowed; data files hold plain text, numbers, lists and mappings")
        elif isinstance(current, yaml.SequenceNode):
            if tag != _TAG + "seq":
                reader.problem(current, where, f"the tag {tag.replace(_TAG, '!!')!r} is not allowed; data files hold plain text, numbers, lists and mappings")
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(current.value))
        elif isinstance(current, yaml.MappingNode):
            if tag != _TAG + "map":
                reader.problem(current, where, f"the tag {tag.replace(_TAG, '!!')!r} is not allowed; data files hold plain text, numbers, lists and mappings")
            for key, value in current.value:
                name = _key_label(str(key.value)) if isinstance(key, yaml.ScalarNode) else "?"
                stack.append((value, f"{where}.{name}" if where else name))


def _syntax_message(err: yaml.MarkedYAMLError, text: str) -> str:
    """libyaml's problem and context as one sentence, naming the line a construct started on."""
    mark = err.problem_mark
    lines = text.split("\n")
    here = lines[mark.line][mark.column :] if mark is not None and mark.line < len(lines) else ""
    if here.startswith("\t") or "tab character" in (err.problem or ""):
        return "a tab indents this line; YAML needs spaces for indentation"
    if err.problem == "found undefined alias" and (alias := re.match(r"\*([^\s,\[\]{}]+)", here)):
        return f"*{alias[1]} refers to an anchor &{alias[1]} that is not defined above it"
    if err.problem == "mapping values are not allowed in this context":
        return f"{err.problem}; check this line's indentation, or put text containing ': ' in quotes"
    problem, context = err.problem or "", err.context or ""
    if not problem:
        return context or "unreadable"
    if not context:
        return problem
    if not context.startswith("while"):  # "expected a single document in the stream"
        return f"{context}, {problem}"
    started = err.context_mark
    if started is not None and mark is not None and started.line != mark.line:
        return f"{problem} ({context} started on line {started.line + 1})"
    return f"{problem} ({context})"


def editor_line(text: str, mark: yaml.Mark) -> int:
    """The line of ``mark`` as an editor numbers it.

    YAML also breaks lines at U+0085, U+2028 and U+2029, which editors show inside a line, and
    marks a value left empty at the end of the file on the line after the last one; counting
    newlines up to the mark's character index agrees with what the user sees.
    """
    last = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    return max(1, min(text.count("\n", 0, mark.index) + 1, last))


def _compose(text: str, file: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = editor_line(text, mark) if mark is not None else None
        raise DataError([Problem(file, line, "", f"YAML syntax error: {_syntax_message(err, text)}")]) from None
    except yaml.reader.ReaderError as err:  # a character YAML does not allow, e.g. a control character
        line = text.encode("utf-8")[: err.position].count(b"\n") + 1  # libyaml counts bytes of UTF-8
        what = f"{err.reason} (found U+{err.character:04X})" if isinstance(err.character, int) else err.reason
        raise DataError([Problem(file, line, "", f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as err:
        raise DataError([Problem(file, None, "", f"YAML syntax error: {' '.join(str(err).split())}")]) from None


def read_text(path: Path, shown: str) -> str:
    """The file's text as UTF-8, or a DataError saying where the file or its encoding fails."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(shown, None, "", "no such file")]) from None
    except IsADirectoryError:
        raise DataError([Problem(shown, None, "", "is a folder, not a data file")]) from None
    except OSError as err:
        raise DataError([Problem(shown, None, "", f"cannot read: {err.strerror}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(
            [Problem(shown, line, "", f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8")]
        ) from None


def display_name(path: Path) -> str:
    """The path as the user would write it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_book(path: Path | str) -> Book:
    """Load and validate a data file; raise DataError with every problem found."""
    path = Path(path)
    shown = display_name(path)
    text = read_text(path, shown)
    root = _compose(text, shown)
    reader = _Reader(shown, text)
    if root is None:
        raise DataError([Problem(shown, 1, "", "the file is empty; expected a title and a list of exercises")])
    _refuse_unsafe_tags(reader, root)
    if reader.problems:
        raise DataError(_in_file_order(reader.problems))
    book = reader.book(root, path.stem)
    if reader.problems or book is None:
        raise DataError(_in_file_order(reader.problems))
    return book


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.line or 0)
