"""The exercise model: plain frozen dataclasses, nothing else.

Layouts trust this model completely: by the time a ``Book`` exists, the loader has checked
every field. The model imports nothing of ours, nor yaml nor reportlab, so that any product
(or another tool reading ``publish list --json``) can depend on it without pulling in a
renderer or a cycle.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Length:
    """A measurement written in a step ("about 2 in"), kept with its unit.

    Keeping the number and unit as data, rather than as prose, lets a layout print
    centimetres for readers who think in metric without rewording the step.
    """

    value: float
    unit: str  # one of publish.units.UNITS: "in", "cm", "mm", "ft", "m"
    number: str = field(default="", compare=False)  # the digits as typed ("2.50"), when read from text

    @property
    def written(self) -> str:
        """The length as the author wrote it: ``2 in``, ``1.5 cm``, ``1234567 mm`` (never ``1.23457e+06``)."""
        return f"{self.number or f'{self.value:g}'} {self.unit}"


@dataclass(frozen=True)
class Text:
    """Prose that may contain measurements: a sequence of plain strings and ``Length``s."""

    parts: tuple[str | Length, ...]

    @property
    def plain(self) -> str:
        """The text as the author wrote it (measurements in their own unit)."""
        return "".join(p if isinstance(p, str) else p.written for p in self.parts)


@dataclass(frozen=True)
class Range:
    """A whole-number range such as a hold of 10–15 seconds; ``low == high`` is one value."""

    low: int
    high: int

    @property
    def is_single(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class Dose:
    """How much of an exercise to do. Every field is optional: what the source omits stays None."""

    reps: int | None = None
    sets: int | None = None
    hold_s: Range | None = None
    rest_s: int | None = None
    each_side: bool = False


@dataclass(frozen=True)
class Pose:
    """A named base pose adjusted by joint angles in degrees (see publish.figures.joints)."""

    base: str
    angles: tuple[tuple[str, float], ...] = ()

    def angle(self, joint: str, default: float = 0.0) -> float:
        for name, value in self.angles:
            if name == joint:
                return value
        return default


@dataclass(frozen=True)
class Figure:
    """What the illustration shows: a movement from ``start`` to ``end`` seen from ``view``."""

    view: str  # "side" or "front"
    start: Pose
    end: Pose
    highlight: tuple[str, ...] = ()  # body regions drawn in the accent colour
    action: Text | None = None  # "raises head and shoulders about {2 in} off the floor"


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    steps: tuple[Text, ...]
    dose: Dose
    about: str | None = None  # a sentence or two of background, when the source gives one
    muscles: tuple[str, ...] = ()
    benefits: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    safety: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    figure: Figure | None = None
    note: str | None = None  # the clinician's note for this patient (programmes only)


@dataclass(frozen=True)
class Source:
    """Where the exercises come from, for attribution on every product."""

    title: str
    author: str | None = None
    updated: _dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    #: Where our text departs from the source's on purpose, said on every product's "About" page.
    corrections: tuple[str, ...] = ()


@dataclass(frozen=True)
class Logo:
    """A clinic's logo: a PNG or JPEG the loader has opened and measured."""

    path: str  # absolute, so that a product built in another process or folder finds it
    media_type: str  # "image/png" or "image/jpeg"
    width_px: int
    height_px: int


@dataclass(frozen=True)
class Clinic:
    name: str | None = None
    phone: str | None = None
    logo: Logo | None = None


@dataclass(frozen=True)
class Prescription:
    """Who a programme is for, who prescribed it, and how often: the patient's own page."""

    patient: str
    clinician: str | None = None
    clinic: Clinic | None = None
    date: _dt.date | None = None
    frequency: str | None = None  # as the clinician wrote it: "once a day, 5 days a week"
    days_a_week: int | None = None  # read from the frequency when it says so; the diary follows it
    review: str | None = None  # "in 3 weeks"
    notes: tuple[str, ...] = ()  # the clinician's notes for this patient


@dataclass(frozen=True)
class Book:
    """One data set (a library of exercises, or a patient's programme) ready to publish.

    ``name`` is the file stem of a library, or the patient's name slugged for a programme;
    products are named after it (``output/<name>-chart.pdf``). A programme's ``Book`` holds
    only the chosen exercises, in the programme's order, with its doses, and carries the
    ``prescription``; a library's has none.
    """

    name: str
    title: str
    exercises: tuple[Exercise, ...]
    language: str = "en"
    subtitle: str | None = None
    safety: tuple[str, ...] = ()
    stop_and_ask_if: tuple[str, ...] = ()  # stop and talk to the doctor or physiotherapist if …
    urgent_help_if: tuple[str, ...] = ()  # get urgent medical help if …
    source: Source | None = None
    date: _dt.date | None = None
    links: tuple[str, ...] = field(default=())  # where the booklet/EPUB can be found
    prescription: Prescription | None = None
