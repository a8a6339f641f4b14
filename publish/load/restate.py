"""Steps that follow a clinician's dose instead of the library's.

A library's steps often say the dose in words ("Hold for five seconds and return to the
starting position.", "Repeat ten times.", "Perform three sets."). When a programme changes
the dose, printing those steps beside the new dose box would tell the patient two different
things. So, for an exercise whose dose a programme overrides:

- a hold sentence keeps its movement and takes the new hold ("Hold for 8 seconds, then return
  to the starting position."), or loses the hold when the new dose has none;
- sentences that state repetitions, sets or rest are removed, and one sentence saying the new
  dose takes the place of the first of them ("Repeat 8 times and do 2 sets.");
- any other sentence of a step that states a count of times, sets or seconds is removed too;
- a dose stated where these rules do not rewrite (a cue, a tip, a step holding a measurement)
  is reported, so the programme is refused rather than printed with two doses.
"""

from __future__ import annotations

import re

from publish.model import Dose, Exercise, Range, Text

_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)"
#: "ten times", "three sets", "10 to 15 seconds", "1-minute", "5 reps".
DOSE_MENTION = re.compile(
    rf"\b{_NUMBER}(?:\s+(?:to|or|-|–)\s+{_NUMBER})?[- ](?:times|sets?|reps?|repetitions?|seconds?|secs?|minutes?|mins?)\b",
    re.IGNORECASE,
)
_HOLD_THEN = re.compile(r"^Hold(?: it| this| the position)? for .+?,?\s+(?:and|then)\s+(?P<rest>.+)$", re.IGNORECASE)
_HOLD_ONLY = re.compile(r"^Hold(?: it| this| the position)? for [^,]+?\.?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _hold(value: Range) -> str:
    if value.is_single:
        return f"{value.low} second{'s' if value.low != 1 else ''}"
    return f"{value.low} to {value.high} seconds"


def repeat_sentence(dose: Dose) -> str | None:
    """The new dose's repetitions, sets and rest as one instruction, or None when it has none."""
    side = " on each side" if dose.each_side else ""
    if dose.reps is not None:
        said = "Do it once" if dose.reps == 1 else f"Repeat {dose.reps} times"
        if dose.sets is not None:
            said += f" and do {dose.sets} set{'s' if dose.sets != 1 else ''}"
        said += side
    elif dose.sets is not None:
        said = f"Do {dose.sets} set{'s' if dose.sets != 1 else ''}{side}"
    else:
        said = None
    if dose.rest_s is not None:
        minutes, seconds = divmod(dose.rest_s, 60)
        rest = " ".join(
            part
            for part in (
                f"{minutes} minute{'s' if minutes != 1 else ''}" if minutes else "",
                f"{seconds} second{'s' if seconds != 1 else ''}" if seconds else "",
            )
            if part
        )
        said = f"{said}. Rest {rest} between sets" if said else f"Rest {rest} between sets"
    return f"{said}." if said else None


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(sentence: str, dose: Dose) -> tuple[str | None, bool]:
    """The sentence for the new dose, and whether it was a repetitions/sets/rest statement."""
    if (match := _HOLD_THEN.match(sentence)) and DOSE_MENTION.search(sentence.split(",")[0] + " "):
        rest = match["rest"]
        if dose.hold_s is not None:
            return f"Hold for {_hold(dose.hold_s)}, then {rest}", False
        return _capitalised(rest), False
    if _HOLD_ONLY.match(sentence) and DOSE_MENTION.search(sentence):
        return (f"Hold for {_hold(dose.hold_s)}." if dose.hold_s is not None else None), False
    if DOSE_MENTION.search(sentence):
        return None, True
    return sentence, False


def restated_steps(steps: tuple[Text, ...], dose: Dose) -> tuple[Text, ...]:
    """``steps`` with every statement of the library's dose replaced by ``dose``."""
    out: list[Text] = []
    said_dose = False
    for step in steps:
        if not all(isinstance(part, str) for part in step.parts):
            out.append(step)  # a step with measurements holds no dose in these rules; the leak check sees it
            continue
        kept: list[str] = []
        for sentence in _SENTENCE_END.split(step.plain.strip()):
            new, was_dose = _sentence(sentence, dose)
            if was_dose and not said_dose:
                said_dose = True
                new = repeat_sentence(dose)
            if new:
                kept.append(new)
        if kept:
            out.append(Text((" ".join(kept),)))
    return tuple(out)


def leftover_doses(exercise: Exercise) -> list[str]:
    """Phrases stating a dose (``'ten times'``) in text that ``restated_steps`` does not rewrite.

    That is steps holding measurements, cues, tips and the background paragraph.
    """
    steps = [step.plain for step in exercise.steps if not all(isinstance(part, str) for part in step.parts)]
    texts = steps + list(exercise.cues) + list(exercise.tips)
    if exercise.about:
        texts.append(exercise.about)
    return [match.group(0) for text in texts for match in DOSE_MENTION.finditer(text)]
