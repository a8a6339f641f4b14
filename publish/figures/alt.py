"""Alt text composed from the data: what the person is doing, for readers who cannot see it."""

from __future__ import annotations

from publish.figures.joints import BASE_POSES
from publish.model import Exercise
from publish.units import render


def alt_text(exercise: Exercise) -> str:
    """"Person lying on their back with knees bent raises head and shoulders about 2 in (5 cm)
    off the floor. Highlighted: abdomen." Without a figure, the exercise's name."""
    figure = exercise.figure
    if figure is None:
        return exercise.name
    sentence = f"Person {BASE_POSES[figure.start.base]}"
    if figure.action is not None:
        sentence += " " + render(figure.action).strip()
    elif figure.end.base != figure.start.base:
        sentence += f", then {BASE_POSES[figure.end.base]}"
    sentence = sentence.rstrip(".") + "."
    if figure.highlight:
        sentence += f" Highlighted: {_join(figure.highlight)}."
    return sentence


def _join(words: tuple[str, ...]) -> str:
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]
