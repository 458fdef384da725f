"""Checks of quizzes and their translations."""

from __future__ import annotations

from collections.abc import Sequence

from builder.diagnostics import did_you_mean
from builder.load.loader import Loaded, RawCurriculum
from builder.model import CHOICE_TYPES, Question, QuizMeta, QuizTranslationMeta
from builder.validate.common import check_ids, check_lang_offered, check_version
from builder.validate.exams import check_blueprint, target_of
from builder.validate.known import Known
from builder.validate.sink import Sink

#: The answer fields each question type uses.
ANSWER_FIELDS: dict[str, tuple[str, ...]] = {
    "single": ("options",),
    "multiple": ("options",),
    "true-false": ("answer", "true_feedback", "false_feedback"),
    "short": ("answers",),
    "numeric": ("value", "tolerance", "unit"),
    "match": ("pairs",),
    "order": ("items",),
    "task": ("rubric", "model_answer"),
}
_ALL_ANSWER_FIELDS = sorted({f for fs in ANSWER_FIELDS.values() for f in fs})
_DEFAULTS = {"true_feedback": "", "false_feedback": "", "tolerance": 0, "unit": ""}


def objective_target(quiz_module: str, ref: str) -> tuple[str, str]:
    """Resolve a question's objective reference to ``(module_id, objective_id)``."""
    return target_of(quiz_module, ref)


def check_quiz(sink: Sink, quiz_id: str, f: Loaded, known: Known) -> set[tuple[str, str]]:
    """Check one quiz; return the ``(module, objective)`` pairs its questions assess."""
    q: QuizMeta = f.value
    assessed: set[tuple[str, str]] = set()
    if q.module not in known.module_ids:
        sink.at(
            f,
            ("module",),
            "quiz.unknown-module",
            (
                f"quiz for module '{q.module}', which does not "
                f"exist{did_you_mean(q.module, known.module_ids)}"
            ),
        )
    if q.mode == "exam":
        for field in ("title", "time_limit"):
            if not getattr(q, field):
                sink.at(f, ("mode",), "quiz.exam-fields", f"an exam needs '{field}'")
        check_blueprint(sink, quiz_id, f, known)
    else:
        _check_practice_only(sink, f, q)
    check_ids(sink, f, "questions", [x.id for x in q.questions], code="question.duplicate")
    for i, question in enumerate(q.questions):
        target = objective_target(q.module, question.objective)
        if target[0] not in known.module_ids and "/" not in question.objective:
            continue  # the quiz's module is unknown: reported once above
        if _check_objective(sink, f, i, target, known):
            assessed.add(target)
        check_answer_data(sink, f, i, question)
    return assessed


def _check_practice_only(sink: Sink, f: Loaded, q: QuizMeta) -> None:
    """Report exam-only fields and task questions in a practice quiz."""
    for field in ("forms", "min_questions", "blueprint"):
        if field in q.model_fields_set:
            sink.at(
                f,
                (field,),
                "quiz.exam-only",
                f"'{field}' is only used by exams ('mode: exam'), not by practice quizzes",
                key=True,
            )
    for i, question in enumerate(q.questions):
        if question.type == "task":
            sink.at(
                f,
                ("questions", i, "type"),
                "quiz.exam-only",
                (
                    f"question '{question.id}' is a task, which an instructor marks; tasks belong "
                    "in exams, not in practice quizzes"
                ),
            )


def _check_objective(sink: Sink, f: Loaded, i: int, target: tuple[str, str], known: Known) -> bool:
    module_id, objective = target
    meta = known.metas.get(module_id)
    if meta is None:
        if module_id not in known.module_ids:
            sink.at(
                f,
                ("questions", i, "objective"),
                "question.unknown-objective",
                (
                    f"objective '{module_id}/{objective}' names module '{module_id}', which does "
                    "not exist"
                ),
            )
        return False
    ids = [o.id for o in meta.objectives]
    if objective not in ids:
        sink.at(
            f,
            ("questions", i, "objective"),
            "question.unknown-objective",
            (
                f"'{objective}' is not an objective of module "
                f"'{module_id}'{did_you_mean(objective, ids)}"
            ),
        )
        return False
    return True


def check_answer_data(sink: Sink, f: Loaded, i: int, q: Question) -> None:
    """Check that a question carries the answer data its type needs, and nothing else."""
    loc: tuple[str | int, ...] = ("questions", i)
    missing = _missing_answer(q)
    if missing:
        sink.at(
            f,
            (*loc, "type"),
            "question.answer-missing",
            f"question '{q.id}' of type {q.type} {missing}",
        )
    if q.type in CHOICE_TYPES and q.options:
        _check_choice(sink, f, loc, q)
    if q.type == "task" and q.rubric:
        _check_task(sink, f, loc, q)
    used = ANSWER_FIELDS[q.type]
    for field in _ALL_ANSWER_FIELDS:
        value = getattr(q, field)
        if field not in used and value is not None and value != _DEFAULTS.get(field):
            sink.at(
                f,
                (*loc, field),
                "question.unused-field",
                f"'{field}' is not used by a {q.type} question",
            )


def _missing_answer(q: Question) -> str:
    if q.type in CHOICE_TYPES and (not q.options or len(q.options) < 2):
        return "needs 'options' with at least 2 options"
    if q.type == "true-false" and q.answer is None:
        return "needs 'answer: true' or 'answer: false'"
    if q.type == "short" and not [a for a in (q.answers or ()) if a.strip()]:
        return "needs 'answers' with at least one accepted answer"
    if q.type == "numeric" and q.value is None:
        return "needs 'value'"
    if q.type == "match" and (not q.pairs or len(q.pairs) < 2):
        return "needs 'pairs' with at least 2 pairs"
    if q.type == "order" and (not q.items or len(q.items) < 2):
        return "needs 'items' with at least 2 items in their correct order"
    if q.type == "task" and not q.rubric:
        return "needs 'rubric' with at least one criterion"
    if q.type == "task" and not (q.model_answer or "").strip():
        return "needs 'model_answer'"
    return ""


def _check_task(sink: Sink, f: Loaded, loc: tuple[str | int, ...], q: Question) -> None:
    total = sum(c.points for c in q.rubric or ())
    if abs(total - q.points) > 1e-9:
        sink.at(
            f,
            (*loc, "points"),
            "question.points-rubric",
            (
                f"task '{q.id}' is worth {num(q.points)} points but its rubric totals "
                f"{num(total)}; make them equal or leave out 'points'"
            ),
        )


def num(x: float) -> str:
    """Write a number of points without a useless ``.0``."""
    return f"{x:g}"


def _check_choice(sink: Sink, f: Loaded, loc: tuple[str | int, ...], q: Question) -> None:
    options = q.options or ()
    correct = sum(1 for o in options if o.correct)
    if correct == 0:
        sink.at(
            f,
            (*loc, "options"),
            "question.no-correct",
            f"question '{q.id}' has no option marked 'correct: true'",
        )
    elif q.type == "single" and correct > 1:
        sink.at(
            f,
            (*loc, "options"),
            "question.several-correct",
            (
                f"single-answer question '{q.id}' has {correct} correct options; use type "
                "'multiple' "
                "or mark one"
            ),
        )
    for j, o in enumerate(options):
        if not o.feedback.strip():
            sink.at(
                f,
                (*loc, "options", j),
                "question.feedback-missing",
                f"option {j + 1} of question '{q.id}' has no feedback",
            )


def check_quiz_duplicates(sink: Sink, quizzes: Sequence[tuple[str, Loaded]]) -> None:
    """Report a module with two practice quizzes or two exams."""
    seen: dict[tuple[str, str], str] = {}
    for _, f in quizzes:
        if f.value is None:
            continue
        key = (f.value.module, f.value.mode)
        if key in seen:
            sink.at(
                f,
                ("module",),
                "quiz.duplicate",
                f"module '{key[0]}' already has a {key[1]} quiz in {seen[key]}",
            )
        else:
            seen[key] = f.rel


def check_quiz_translation(
    sink: Sink, base: str, f: Loaded, sources: dict[str, QuizMeta], known: Known, broken: set[str]
) -> None:
    """Check a quiz translation against its source quiz."""
    t: QuizTranslationMeta = f.value
    lang = f.rel.rsplit(".", 2)[-2]
    if t.lang != lang:
        sink.at(
            f,
            ("lang",),
            "language.unknown",
            f"lang '{t.lang}' differs from the file name's language '{lang}'",
        )
    check_lang_offered(sink, f, ("lang",), t.lang, known)
    src = sources.get(base)
    if src is None:
        if base not in broken:
            sink.at(
                f,
                ("lang",),
                "translation.orphan",
                f"translation of quiz '{base}', which does not exist{did_you_mean(base, sources)}",
            )
        return
    meta = known.metas.get(src.module)
    if meta is not None:
        check_version(sink, f, t.translated_from, meta.version, f"module '{src.module}'")
    by_id = {q.id: q for q in src.questions}
    for i, qt in enumerate(t.questions):
        source_q = by_id.get(qt.id)
        if source_q is None:
            sink.at(
                f,
                ("questions", i, "id"),
                "translation.orphan",
                f"question '{qt.id}' is not in quiz '{base}'{did_you_mean(qt.id, by_id)}",
            )
            continue
        for field in ("options", "pairs", "items", "rubric"):
            mine, theirs = getattr(qt, field), getattr(source_q, field)
            if mine is not None and (theirs is None or len(mine) != len(theirs)):
                want = len(theirs) if theirs is not None else 0
                sink.at(
                    f,
                    ("questions", i, field),
                    "translation.mismatch",
                    f"question '{qt.id}': {len(mine)} {field} here, {want} in the source",
                )


def check_unassessed(
    sink: Sink, raw: RawCurriculum, assessed: set[tuple[str, str]], broken: set[str]
) -> None:
    for f in raw.modules:
        m = f.value
        if m is None or m.status != "published" or m.id in broken or f.rel != f"modules/{m.id}.md":
            continue  # a module whose quiz failed to load is not blamed again
        for i, o in enumerate(m.objectives):
            if (m.id, o.id) not in assessed:
                sink.at(
                    f,
                    ("objectives", i, "id"),
                    "objective.unassessed",
                    f"objective '{o.id}' is assessed by no quiz question",
                )
