"""Plan-aware exams: the questions a country may be examined on, drawn into forms A, B, ….

An exam question names its module (``<module>/<objective>``, or the exam's own module). A
country is examined only on questions whose module is in its plan; excluded modules never are.
With a blueprint each form draws, per entry, ``count`` questions on that objective or module
(fewer when the plan leaves fewer), questions unused by earlier forms first; without one every
eligible question is on every form (later forms in another order). Draws are seeded by the exam
id, the country and the form letter (:func:`builder.assess.shuffle.rng`).
"""

from __future__ import annotations

import string
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from builder.assess.shuffle import rng
from builder.model import BlueprintEntry, Curriculum, Question, Quiz

LETTERS = string.ascii_uppercase


def target(quiz_module: str, q: Question) -> tuple[str, str]:
    """Return ``(module, objective)`` that a question assesses."""
    if "/" in q.objective:
        module, objective = q.objective.split("/", 1)
        return module, objective
    return quiz_module, q.objective


@dataclass(frozen=True)
class Form:
    """One form of an exam: its letter and its questions in paper order."""

    letter: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class ExamDraw:
    """An exam as one country sits it."""

    quiz: Quiz
    track: str
    forms: tuple[Form, ...]
    eligible: int
    left_out: int
    minimum: int | None

    @property
    def size(self) -> int:
        """Return the number of questions of the smallest form."""
        return min((len(f.questions) for f in self.forms), default=0)

    @property
    def too_small(self) -> bool:
        """Return whether the plan leaves fewer questions than the exam's ``min_questions``."""
        return self.minimum is not None and self.size < self.minimum


def _matches(entry: BlueprintEntry, where: tuple[str, str]) -> bool:
    if entry.module is not None:
        return where[0] == entry.module
    return "/".join(where) == entry.objective


def _entry_module(entry: BlueprintEntry) -> str:
    return entry.module if entry.module is not None else (entry.objective or "").split("/", 1)[0]


def draw_form(
    quiz: Quiz, pool: Sequence[Question], country: str, letter: str, used: Collection[str]
) -> Form:
    """Draw one form from ``pool`` (the eligible questions) by the exam's blueprint."""
    where = {q.id: target(quiz.meta.module, q) for q in pool}
    chosen: list[Question] = []
    for n, entry in enumerate(quiz.meta.blueprint):
        taken = {q.id for q in chosen}
        cands = [q for q in pool if q.id not in taken and _matches(entry, where[q.id])]
        rng(quiz.id, country, letter, str(n)).shuffle(cands)
        cands.sort(key=lambda q: q.id in used)  # stable: questions no earlier form used first
        chosen += cands[: entry.count]
    position = {q.id: i for i, q in enumerate(pool)}
    return Form(letter, tuple(sorted(chosen, key=lambda q: position[q.id])))


def draw_exam(quiz: Quiz, track: str, modules: Collection[str], country: str) -> ExamDraw:
    """Return the forms of ``quiz`` for a country whose plan teaches ``modules``."""
    pool = [q for q in quiz.meta.questions if target(quiz.meta.module, q)[0] in modules]
    forms: list[Form] = []
    used: set[str] = set()
    for letter in LETTERS[: quiz.meta.forms]:
        if quiz.meta.blueprint:
            form = draw_form(quiz, pool, country, letter, used)
        elif not forms:
            form = Form(letter, tuple(pool))
        else:
            order = list(pool)
            rng(quiz.id, country, letter).shuffle(order)
            form = Form(letter, tuple(order))
        used |= {q.id for q in form.questions}
        forms.append(form)
    left_out = len(quiz.meta.questions) - len(pool)
    return ExamDraw(quiz, track, tuple(forms), len(pool), left_out, quiz.meta.min_questions)


def track_exam(cur: Curriculum, track: str) -> Quiz | None:
    """Return the exam of a track (the exam attached to one of its modules), or None."""
    found = sorted(
        (
            q
            for q in cur.quizzes.values()
            if q.is_exam
            and q.meta.module in cur.modules
            and cur.modules[q.meta.module].meta.track == track
        ),
        key=lambda q: q.id,
    )
    return found[0] if found else None


def plan_exams(cur: Curriculum, order: Sequence[str], country: str) -> tuple[ExamDraw, ...]:
    """Return the exams of the tracks a plan teaches, in track sequence, drawn for the country.

    An exam that the plan leaves without any question is not sat.
    """
    planned = set(order)
    tracks = sorted(
        {cur.modules[m].meta.track for m in order if m in cur.modules},
        key=cur.programme.track_index,
    )
    out = []
    for track in tracks:
        quiz = track_exam(cur, track)
        if quiz is not None:
            drawn = draw_exam(quiz, track, planned, country)
            if drawn.size:
                out.append(drawn)
    return tuple(out)
