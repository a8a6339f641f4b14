"""The programme reader: a clinician's prescription for one patient → a ``Book`` of their exercises.

A programme names a patient, points at one or more libraries (paths relative to the programme
file) and picks exercises from them, optionally with a new dose and a note for the patient::

    patient: Alex Morgan
    library: ../lower-back-pain.yaml
    exercises:
      - partial-curls
      - {id: bridges, dose: {reps: 8, sets: 2}, note: Only lift as high as is comfortable.}

The resulting ``Book`` has only the chosen exercises, in the programme's order, with the
programme's doses; the libraries' safety notes and when-to-stop lists always come along (a
programme can add notes, never remove a safety note). Every value is read through the same
field rules as a library's (``publish.load.fields``), so a dose override obeys a library
dose's rules.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from publish.errors import DataError, Problem
from publish.load.fields import MAX_NAME, FieldReader, suggestion
from publish.load.library import read_library
from publish.load.restate import leftover_doses, restated_steps
from publish.load.source import compose, display_name, in_file_order, read_text
from publish.model import Book, Clinic, Exercise, Logo, Prescription
from publish.naming import slug

#: Fields a programme may have; a file with ``patient`` or ``library`` at its top is a programme.
REQUIRED = ("patient", "library", "exercises")
OPTIONAL = ("title", "clinician", "clinic", "date", "frequency", "review", "notes")

#: The prescription's one-line fields fill a line or two of a booklet's cover.
MAX_LINE = 120
MAX_PHONE = 40

#: A logo is printed a few centimetres wide: larger files are a mistake (a photo, a scan).
MAX_LOGO_BYTES = 2_000_000
MIN_LOGO_PX = 32
MAX_LOGO_PX = 4000
_LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}

_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "once": 1, "twice": 2}
_DAYS_A_WEEK = re.compile(r"\b([1-7]|one|two|three|four|five|six|seven|once|twice)\s*(?:days?|times|x)\s*(?:a|per|each|every)\s+week\b", re.I)
_EVERY_DAY = re.compile(r"\b(?:every\s*day|daily|each\s+day|7\s+days)\b", re.I)


def days_a_week(frequency: str) -> int | None:
    """How many days a week the frequency asks for, when it says: "5 days a week" → 5, "daily" → 7."""
    if match := _DAYS_A_WEEK.search(frequency):
        word = match.group(1).lower()
        return int(word) if word.isdigit() else _COUNT[word]
    if _EVERY_DAY.search(frequency):
        return 7
    return None


def is_programme(root: yaml.Node | None) -> bool:
    """Whether composed YAML is a programme rather than a library (it names a patient or a library)."""
    return isinstance(root, yaml.MappingNode) and any(
        isinstance(key, yaml.ScalarNode) and key.value in ("patient", "library") for key, _ in root.value
    )


class Libraries:
    """Libraries read once and kept: a batch checks each library file once, not once per programme."""

    def __init__(self) -> None:
        self._read: dict[Path, Book | DataError] = {}

    def get(self, path: Path) -> Book | DataError:
        key = path.resolve()
        if key not in self._read:
            shown = display_name(path)
            try:
                self._read[key] = read_library(read_text(path, shown), shown, path.stem)
            except DataError as err:
                self._read[key] = err
        return self._read[key]

    @property
    def files_read(self) -> int:
        return len(self._read)

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every library file read (no product may be written over one)."""
        return tuple(self._read)


class ProgrammeReader(FieldReader):
    """Reads a programme's fields; values through the shared field rules, exercises from its libraries."""

    def __init__(self, file: str, text: str, folder: Path, libraries: Libraries):
        super().__init__(file, text)
        self.folder = folder
        self.libraries = libraries
        self.library_problems: list[Problem] = []

    def programme(self, root: yaml.Node) -> Book | None:
        fields = self.mapping(root, "", required=REQUIRED, optional=OPTIONAL)
        if fields is None:
            return None
        get = fields.get
        patient = self.patient(fields["patient"]) if "patient" in fields else None
        libraries = self.library(fields["library"]) if "library" in fields else None
        exercises = self.exercises(fields["exercises"], libraries) if "exercises" in fields and libraries else ()
        notes = self.notes(fields["notes"]) if "notes" in fields else ()
        frequency = self.line(get("frequency"), "frequency") if "frequency" in fields else None
        prescription = Prescription(
            patient=patient or "",
            clinician=self.line(get("clinician"), "clinician") if "clinician" in fields else None,
            clinic=self.clinic(fields["clinic"]) if "clinic" in fields else None,
            date=self.date(get("date"), "date") if "date" in fields else None,
            frequency=frequency,
            days_a_week=days_a_week(frequency) if frequency else None,
            review=self.line(get("review"), "review") if "review" in fields else None,
            notes=notes,
        )
        title = self.line(get("title"), "title") if "title" in fields else None
        if patient is None or not libraries or not exercises:
            return None
        first = libraries[0][1]
        return Book(
            name=slug(patient),
            title=title or first.title,
            exercises=exercises,
            language=first.language,
            subtitle=None,  # a library's subtitle describes the whole library ("Seven exercises …")
            safety=_merged(book.safety for _, book in libraries),
            stop_and_ask_if=_merged(book.stop_and_ask_if for _, book in libraries),
            urgent_help_if=_merged(book.urgent_help_if for _, book in libraries),
            source=first.source,
            date=prescription.date,
            links=_merged(book.links for _, book in libraries),
            prescription=prescription,
        )

    def line(self, node: yaml.Node, field: str, limit: int = MAX_LINE) -> str | None:
        """Text for one of the cover's lines: at most ``limit`` characters."""
        value = self.text(node, field)
        if value is not None and len(value) > limit:
            self.problem(node, field, f"too long ({len(value)} characters); keep it under {limit}")
            return None
        return value

    def patient(self, node: yaml.Node) -> str | None:
        name = self.text(node, "patient")
        if name is None:
            return None
        if len(name) > MAX_NAME:
            self.problem(node, "patient", f"too long ({len(name)} characters); keep a name under {MAX_NAME}")
            return None
        if not slug(name):
            self.problem(node, "patient", f"expected a name with letters or digits (it names the files), got {name!r}")
            return None
        return name

    def library(self, node: yaml.Node) -> list[tuple[str, Book]] | None:
        """The libraries, as (path as written, Book); None when any cannot be used."""
        if isinstance(node, yaml.SequenceNode):
            items = [(item, f"library[{index}]") for index, item in enumerate(node.value)]
            if not items:
                self.problem(node, "library", "the list is empty; name at least one library file")
        else:
            items = [(node, "library")]
        out: list[tuple[str, Book]] = []
        ok = bool(items)
        for item, field in items:
            written = self.text(item, field)
            if written is None:
                ok = False
                continue
            path = self.folder / written
            found = self.libraries.get(path)
            if isinstance(found, DataError):
                ok = False
                alone = len(found.problems) == 1 and found.problems[0].line is None
                if alone:  # no such file, a folder, unreadable: one line, here
                    shown = display_name(path)
                    looked = f" (looked for {shown})" if shown != written else ""
                    self.problem(item, field, f"{written}: {found.problems[0].message}{looked}")
                else:
                    self.problem(item, field, f"{written}: the library has problems (below)")
                    self.library_problems.extend(found.problems)
                continue
            out.append((written, found))
        languages = {book.language for _, book in out}
        if len(languages) > 1:
            self.problem(node, "library", f"the libraries are in different languages ({', '.join(sorted(languages))}); use one")
            ok = False
        return out if ok else None

    def exercises(self, node: yaml.Node, libraries: list[tuple[str, Book]]) -> tuple[Exercise, ...]:
        known: dict[str, list[tuple[str, Exercise]]] = {}
        for written, book in libraries:
            for exercise in book.exercises:
                known.setdefault(exercise.id, []).append((written, exercise))
        listed = self.sequence(node, "exercises")
        if listed is None:
            return ()
        if not listed:
            self.problem(node, "exercises", "the list is empty; pick at least one exercise")
        out: list[Exercise] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(listed):
            field = f"exercises[{index}]"
            exercise = self.choice_of_exercise(item, field, known, seen, index)
            if exercise is not None:
                out.append(exercise)
        return tuple(out) if len(out) == len(listed) else ()

    def choice_of_exercise(self, item, field, known, seen, index) -> Exercise | None:
        """One entry of ``exercises``: an id, or ``{id, dose, note}``."""
        if isinstance(item, yaml.MappingNode):
            fields = self.mapping(item, field, required=("id",), optional=("dose", "note"))
            if fields is None or "id" not in fields:
                return None
            id_node, id_field = fields["id"], f"{field}.id"
        else:
            fields, id_node, id_field = {}, item, field
        ident = self.text(id_node, id_field)
        dose = self.dose(fields["dose"], f"{field}.dose") if "dose" in fields else None
        note = self.text(fields["note"], f"{field}.note") if "note" in fields else None
        if ident is None:
            return None
        if ident not in known:
            self.problem(id_node, id_field, f"unknown exercise {ident!r}{suggestion(ident, known, '; the library has: {}')}")
            return None
        if ident in seen:
            self.problem(id_node, id_field, f"{ident!r} is listed twice (already exercises[{seen[ident]}])")
            return None
        seen[ident] = index
        if len(known[ident]) > 1:
            where = " and ".join(written for written, _ in known[ident])
            self.problem(id_node, id_field, f"{ident!r} is in more than one library ({where}); list only one of them")
            return None
        exercise = known[ident][0][1]
        if "dose" in fields and dose is None:
            return None  # the override's problems are reported
        if dose is not None and dose != exercise.dose:
            leftover = leftover_doses(exercise)
            if leftover:
                self.problem(
                    fields["dose"],
                    f"{field}.dose",
                    f"the library's text for {ident!r} states its own dose ({', '.join(map(repr, leftover))}); "
                    "reword it there before changing the dose here",
                )
                return None
            exercise = dataclasses.replace(exercise, dose=dose, steps=restated_steps(exercise.steps, dose))
        return dataclasses.replace(exercise, note=note) if note else exercise

    def clinic(self, node: yaml.Node) -> Clinic | None:
        """``{name, phone, logo}``, every part optional; a plain value is the clinic's name."""
        if isinstance(node, yaml.ScalarNode):
            name = self.line(node, "clinic")
            return Clinic(name=name) if name else None
        fields = self.mapping(node, "clinic", optional=("name", "phone", "logo"))
        if fields is None:
            return None
        name = self.line(fields["name"], "clinic.name") if "name" in fields else None
        phone = self.line(fields["phone"], "clinic.phone", MAX_PHONE) if "phone" in fields else None
        logo = self.logo(fields["logo"], "clinic.logo") if "logo" in fields else None
        return Clinic(name=name, phone=phone, logo=logo)

    def logo(self, node: yaml.Node, field: str) -> Logo | None:
        """A readable PNG or JPEG of a sensible size, relative to the programme file."""
        written = self.text(node, field)
        if written is None:
            return None
        path = (self.folder / written).resolve()
        try:
            size = path.stat().st_size
        except OSError:
            shown = display_name(path)
            looked = f" (looked for {shown})" if shown != written else ""
            self.problem(node, field, f"no such file {written!r}{looked}")
            return None
        if not path.is_file():
            self.problem(node, field, f"{written!r} is a folder, not an image")
            return None
        if size > MAX_LOGO_BYTES:
            self.problem(node, field, f"{written!r} is {size / 1e6:.1f} MB; a logo should be under {MAX_LOGO_BYTES // 1_000_000} MB")
            return None
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as image:
                kind, (width, height) = image.format, image.size
                if kind not in _LOGO_TYPES:
                    self.problem(node, field, f"{written!r} is a {kind} image; use a PNG or JPEG")
                    return None
                if min(width, height) < MIN_LOGO_PX or max(width, height) > MAX_LOGO_PX:
                    self.problem(
                        node,
                        field,
                        f"{written!r} is {width}×{height} pixels; use a logo between {MIN_LOGO_PX} and {MAX_LOGO_PX} pixels on each side",
                    )
                    return None
                image.load()  # a truncated or corrupt file fails here, not halfway through a PDF
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            self.problem(node, field, f"{written!r} is not a readable PNG or JPEG image")
            return None
        return Logo(path=str(path), media_type=_LOGO_TYPES[kind], width_px=width, height_px=height)

    def notes(self, node: yaml.Node) -> tuple[str, ...]:
        """The clinician's notes: one text, or a list of them."""
        if isinstance(node, yaml.SequenceNode):
            return self.items(node, "notes", self.text)
        note = self.text(node, "notes")
        return (note,) if note else ()


def _merged(lists) -> tuple[str, ...]:
    """The lists one after another, each item once: two libraries may share a safety note."""
    out: dict[str, None] = {}
    for items in lists:
        out.update(dict.fromkeys(items))
    return tuple(out)


def read_programme(text: str, shown: str, folder: Path, libraries: Libraries | None = None) -> Book:
    """The programme in ``text`` (the file ``shown`` in ``folder``), or a DataError with every problem.

    The programme's own problems come first, in file order, then those of a library it uses.
    """
    root = compose(text, shown)
    if root is None:
        raise DataError([Problem(shown, 1, "", "the file is empty; expected a patient, a library and exercises")])
    reader = ProgrammeReader(shown, text, folder, libraries or Libraries())
    reader.refuse_unsafe_tags(root)
    if reader.problems:
        raise DataError(in_file_order(reader.problems))
    book = reader.programme(root)
    if reader.problems or reader.library_problems or book is None:
        raise DataError(in_file_order(reader.problems) + reader.library_problems)
    return book
