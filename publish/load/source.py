"""A data file as YAML nodes: reading the text, composing it, and placing nodes on lines.

Every reader (library, programme) starts here. The YAML is composed into nodes rather than
loaded into Python values so that every value keeps its position; problems found while
reading or composing are raised at once as a ``DataError`` (nothing more can be read from a
file that is not YAML). Only YAML's safe subset is read: a tag that would construct a Python
object is reported, never constructed.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import yaml

from publish.errors import DataError, Problem
from publish.load import limits

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml ships in PyYAML's wheels

TAG = "tag:yaml.org,2002:"
_SAFE_SCALAR_TAGS = {TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


def key_label(key: str) -> str:
    """A field name as it can be shown on one line: quoted when blank or holding control characters."""
    return key if key and key.isprintable() and key.strip() == key else repr(key)


def describe(node: yaml.Node) -> str:
    """What a node holds, as a problem message names it: ``a list``, ``nothing``, ``'ten'``."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == TAG + "null":
        return "nothing"
    value = str(node.value)
    return repr(value) if len(value) <= 60 else f"{value[:40]!r}… ({len(value):,} characters)"


class Lines:
    """Where each line of a text starts, counted once: a node's line is then a bisection.

    Counting newlines from the top for every problem made ``check`` quadratic: 10,000 bad
    exercises took over a minute.
    """

    def __init__(self, text: str):
        self.starts = [0, *(match.end() for match in re.finditer("\n", text))]
        # a value left empty at the end of the file is marked on the line after the last one
        self.last = len(self.starts) - (1 if text.endswith("\n") or not text else 0)

    def line(self, mark: yaml.Mark) -> int:
        """The line of ``mark`` as an editor numbers it (see ``editor_line``)."""
        return max(1, min(bisect.bisect_right(self.starts, mark.index), self.last))


def editor_line(text: str, mark: yaml.Mark) -> int:
    """The line of ``mark`` as an editor numbers it.

    YAML also breaks lines at U+0085, U+2028 and U+2029, which editors show inside a line, and
    marks a value left empty at the end of the file on the line after the last one; counting
    newlines up to the mark's character index agrees with what the user sees. (For many
    marks in one text, build ``Lines`` once.)
    """
    return Lines(text).line(mark)


def display_name(path: Path) -> str:
    """The path as the user would write it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_text(path: Path, shown: str) -> str:
    """The file's text as UTF-8, or a DataError saying where the file or its encoding fails."""
    try:
        with open(path, "rb") as file:  # never more than the limit: /dev/zero does not end
            raw = file.read(limits.MAX_BYTES + 1)
    except FileNotFoundError:
        raise DataError([Problem(shown, None, "", "no such file")]) from None
    except IsADirectoryError:
        raise DataError([Problem(shown, None, "", "is a folder, not a data file")]) from None
    except OSError as err:
        raise DataError([Problem(shown, None, "", f"cannot read: {err.strerror}")]) from None
    if len(raw) > limits.MAX_BYTES:
        size = _size(path)
        found = f"it is {size / 1024 / 1024:,.1f} MB" if size > limits.MAX_BYTES else "it goes on past that"
        raise DataError([Problem(shown, None, "", f"too large to be a data file: the limit is {limits.MAX_BYTES // 1024 // 1024} MB and {found}")])
    try:
        # YAML breaks lines at CR, LF and CRLF alike; an editor numbers them so too
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as err:
        line = len(raw[: err.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n"))
        raise DataError(
            [Problem(shown, line, "", f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8")]
        ) from None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def compose(text: str, file: str) -> yaml.Node | None:
    """The document's root node (None for a file with no document), or a DataError for bad YAML.

    A document too large once its aliases are expanded (see ``limits``) is refused here,
    before any reader walks it.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
        # without an anchor (&name) nothing is repeated: the byte limit already bounds the
        # values and the text, and walking a large library again would cost a second read
        too_large = limits.size_problems(root) if root is not None and "&" in text and "*" in text else []
        if too_large:
            raise DataError([Problem(file, None, "", f"the file {problem}") for problem in too_large])
        return root
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


def unsafe_tags(node: yaml.Node, field: str = "") -> list[tuple[yaml.Node, str, str]]:
    """``(node, field, message)`` for every node whose tag would construct something other than plain data."""
    found = []
    stack = [(node, field)]
    seen: set[int] = set()  # aliases share nodes and may even contain themselves (&a [*a])
    while stack:
        current, where = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        tag = current.tag or ""
        message = (
            f"the tag {tag.replace(TAG, '!!')!r} is not allowed; data files hold plain text, numbers, lists and mappings"
        )
        if isinstance(current, yaml.ScalarNode):
            if tag not in _SAFE_SCALAR_TAGS:
                found.append((current, where, message))
        elif isinstance(current, yaml.SequenceNode):
            if tag != TAG + "seq":
                found.append((current, where, message))
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(current.value))
        elif isinstance(current, yaml.MappingNode):
            if tag != TAG + "map":
                found.append((current, where, message))
            for key, value in current.value:
                name = key_label(str(key.value)) if isinstance(key, yaml.ScalarNode) else "?"
                stack.append((value, f"{where}.{name}" if where else name))
    return found


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


def in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.line or 0)
