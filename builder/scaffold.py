"""Skeletons that ``curriculum new`` writes: valid files for authors to fill in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builder.errors import UsageError
from builder.load.loader import is_slug


class ScaffoldError(UsageError):
    """The skeleton cannot be written (bad id, file exists)."""


MODULE = """---
id: {id}
title: {title}
summary: One sentence on what this module teaches.
track: {track}
order: 100
prerequisites: []
standards: []
objectives:
  - id: first-objective
    text: Describe the first thing a trainee will be able to do.
  - id: second-objective
    text: Apply the second thing in a realistic case.
audience: [frontline]
level: introductory
duration: {{teaching: 60, practice: 30}}
version: 0.1.0
status: draft
sources:
  - Name the documents the facts come from.
---

## Why this matters

Write the module here: explanations, an example from practice, a table where it helps.

::: exercise "Practise"
Describe the task the trainees do.
:::

::: instructor "Facilitation notes"
Timing, facilitation tips and the expected answers to the exercise.
:::
"""

QUIZ = """module: {id}
mode: practice
questions:
  - id: q1
    type: single
    objective: first-objective
    prompt: Write the question.
    options:
      - {{text: The right answer, correct: true, feedback: Why it is right.}}
      - {{text: A plausible wrong answer, feedback: Why it is wrong.}}
    explanation: Explain the answer.
  - id: q2
    type: true-false
    objective: second-objective
    prompt: Write a statement that is true or false.
    answer: true
    true_feedback: Why true is right.
    false_feedback: Why false is wrong.
    explanation: Explain the answer.
"""

COUNTRY = """country: {id}
administration: Name of the customs administration
languages: [en]
sample_data: true
assessments:
  - date: {today}
    kind: initial
    levels: {{}}
    notes: What the assessors saw.
targets: {{default: 3}}
delivery:
  start: {today}
  timezone: UTC
  hours_per_day: 6
  days: [mon, tue, wed, thu, fri]
include: []
exclude: []
mentoring: {{every_weeks: 6, visits: 3}}
"""


def write_skeleton(root: Path, kind: str, ident: str, track: str = "") -> Path:
    """Write a new module, quiz or country skeleton and return its path; never overwrite."""
    if kind == "country":
        if len(ident) != 2 or not ident.isalpha():
            raise ScaffoldError(f"'{ident}' is not a two-letter country code")
        ident = ident.upper()
        path = root / "curriculum" / "countries" / f"{ident}.yml"
        text = COUNTRY.format(id=ident, today=dt.date.today().isoformat())
    elif not is_slug(ident):
        raise ScaffoldError(
            f"'{ident}' is not a valid id (lowercase letters, digits and single hyphens)"
        )
    elif kind == "module":
        path = root / "modules" / f"{ident}.md"
        text = MODULE.format(
            id=ident, title=ident.replace("-", " ").capitalize(), track=track or _first_track(root)
        )
    else:
        path = root / "quizzes" / f"{ident}.yml"
        text = QUIZ.format(id=ident)
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path.relative_to(root)


def _first_track(root: Path) -> str:
    from builder.load.files import SourceText
    from builder.load.validate_schema import load_model
    from builder.model import Programme

    prog = root / "curriculum" / "programme.yml"
    if not prog.is_file():
        raise ScaffoldError("curriculum/programme.yml is missing; pass --track")
    value, _, _ = load_model(
        "programme.yml", SourceText("p", prog.read_text(encoding="utf-8")).text, Programme
    )
    if value is None or not value.tracks:
        raise ScaffoldError("programme.yml defines no valid track; pass --track")
    return value.tracks[0].id
