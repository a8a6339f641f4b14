"""What a scene is made of: strokes, discs and filled shapes, and the Scene that holds them.

Kept apart because every renderer (PDF, SVG, PNG, hatching, the key) reads these types and
nothing else of the geometry: importing them never pulls in the drawing of a body.
"""

from __future__ import annotations

from dataclasses import dataclass

from publish.figures.placement import Point


@dataclass(frozen=True)
class Stroke:
    points: tuple[Point, ...]
    width: float
    role: str


@dataclass(frozen=True)
class Disc:
    centre: Point
    radius: float
    role: str


@dataclass(frozen=True)
class Shape:
    """A filled polygon (arrowheads, the torso's sections, the nose)."""

    points: tuple[Point, ...]
    role: str


Item = Stroke | Disc | Shape


class Bounded:
    """Width and height from ``bounds`` (x0, y0, x1, y1): what layouts ask of a scene, and of a
    figure prepared from it (publish.figures.pdf.Prepared), to fit it in a box."""

    __slots__ = ()  # Prepared keeps its slots: no per-figure __dict__ in a large booklet
    bounds: tuple[float, float, float, float]

    @property
    def width(self) -> float:
        return self.bounds[2] - self.bounds[0]

    @property
    def height(self) -> float:
        return self.bounds[3] - self.bounds[1]


@dataclass(frozen=True)
class Scene(Bounded):
    items: tuple[Item, ...]
    bounds: tuple[float, float, float, float]  # x0, y0, x1, y1
