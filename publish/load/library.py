"""The library reader: a data file of exercises (``data/lower-back-pain.yaml``) → ``Book``.

Which fields a library has and how they fit together (unique ids, non-empty lists, a figure's
poses and joints); how each value is read is the business of ``publish.load.fields``.
"""

from __future__ import annotations

import difflib

import yaml

from publish.errors import DataError, Problem
from publish.figures import joints
from publish.load.fields import FieldReader
from publish.load.source import compose, in_file_order
from publish.model import Book, Exercise, Figure, Pose, Source

#: The top-level fields of a library.
LIBRARY_FIELDS = ("subtitle", "language", "date", "source", "safety", "stop_and_ask_if", "urgent_help_if", "links")


class LibraryReader(FieldReader):
    """Reads a library's fields; every value through the shared field rules."""

    def book(self, root: yaml.Node, name: str) -> Book | None:
        fields = self.mapping(
            root,
            "",
            required=("title", "exercises"),
            optional=LIBRARY_FIELDS,
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
        fields = self.mapping(
            node, field, required=("title",), optional=("author", "updated", "publisher", "url", "corrections")
        )
        if fields is None:
            return None
        title = self.text(fields["title"], f"{field}.title") if "title" in fields else None
        opt = {k: self.text(fields[k], f"{field}.{k}") for k in ("author", "publisher", "url") if k in fields}
        updated = self.date(fields["updated"], f"{field}.updated") if "updated" in fields else None
        corrections = self.items(fields["corrections"], f"{field}.corrections", self.text) if "corrections" in fields else ()
        if title is None:
            return None
        return Source(title=title, updated=updated, corrections=corrections or (), **opt)

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
        before = len(self.problems)
        fields = self.mapping(
            node, field, required=("base",), extra=lambda key: joints.joint_range(key) is not None
        )
        if fields is None:
            return None
        if isinstance(node, yaml.MappingNode):
            # unknown joint names were reported as unknown fields; suggest from joint names too
            self._retarget_joint_hints(field, before)
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

    def _retarget_joint_hints(self, field: str, since: int) -> None:
        """Rephrase 'unknown field' problems inside a pose as unknown joints with a joint hint.

        Only the problems found since the pose's mapping was read (``since``) are looked at:
        rescanning every problem for every pose made a file of many poses quadratic.
        """
        names = ["base", *joints.joint_names()]
        for index in range(since, len(self.problems)):
            problem = self.problems[index]
            if problem.field.startswith(field + ".") and problem.message.startswith("unknown field"):
                key = problem.field[len(field) + 1 :]
                if "." in key:
                    continue
                hint = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else f" (joints: {', '.join(joints.JOINTS)})"
                self.problems[index] = Problem(problem.file, problem.line, problem.field, f"unknown joint{suggestion}")


def read_library(text: str, shown: str, name: str, root: yaml.Node | None = None) -> Book:
    """The library in ``text`` (the file ``shown``), or a DataError with every problem in file order.

    ``root``: the text already composed (``load`` composes once to tell a library from a programme).
    """
    root = compose(text, shown) if root is None else root
    if root is None:
        raise DataError([Problem(shown, 1, "", "the file is empty; expected a title and a list of exercises")])
    reader = LibraryReader(shown, text)
    reader.refuse_unsafe_tags(root)
    if reader.problems:
        raise DataError(in_file_order(reader.problems))
    book = reader.book(root, name)
    if reader.problems or book is None:
        raise DataError(in_file_order(reader.problems))
    return book
