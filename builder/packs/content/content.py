"""What one pack holds: the plan's modules in the pack language, their quizzes, exams and dates.

Everything here is resolved once, from the checked curriculum and the country's plan, and is
frozen; the renderers only read it. Translations win when they exist; a missing translation
falls back to the source language and says so (``fallback``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.assess.forms import plan_exams
from builder.assess.shuffle import display_orders
from builder.body import LINK, Block, parse_body, solutions_of
from builder.figures import Figure, with_figures
from builder.graph.selection import Reason
from builder.model import (
    Curriculum,
    Glossary,
    Module,
    Programme,
    Question,
    QuestionText,
    Quiz,
    Standard,
    version_key,
)
from builder.packs.content.i18n import Labels
from builder.plan.plan import Plan
from builder.plan.schedule import Session


@dataclass(frozen=True)
class LocalOption:
    """An option of a choice question, in the quiz's language."""

    text: str
    correct: bool
    feedback: str
    fixed: bool = False


@dataclass(frozen=True)
class LocalQuestion:
    """A question with its text in the quiz's language and answer data from the source."""

    id: str
    type: str
    prompt: str
    explanation: str
    points: float
    options: tuple[LocalOption, ...] = ()
    answer: bool | None = None
    true_feedback: str = ""
    false_feedback: str = ""
    answers: tuple[str, ...] = ()
    value: float | None = None
    tolerance: float = 0.0
    unit: str = ""
    pairs: tuple[tuple[str, str], ...] = ()
    items: tuple[str, ...] = ()
    correct_feedback: str = ""
    incorrect_feedback: str = ""
    rubric: tuple[tuple[str, float], ...] = ()
    model_answer: str = ""
    objective: tuple[str, str] = ("", "")
    shuffle: bool = True
    right_order: tuple[int, ...] = ()
    """`match`: display order of the right-hand sides (seeded from the question)."""
    item_order: tuple[int, ...] = ()
    """`order`: display order of the items (seeded from the question, never the answer)."""


@dataclass(frozen=True)
class Coverage:
    """An objective of an exam's track: whether the plan teaches it, and its questions."""

    module: str
    objective: str
    text: str
    planned: bool
    questions: int


@dataclass(frozen=True)
class LocalQuiz:
    """A practice quiz or exam in the pack language (or its fallback)."""

    id: str
    module: str
    mode: str
    title: str
    pass_mark: int
    time_limit: int | None
    lang: str
    fallback: bool
    questions: tuple[LocalQuestion, ...]
    exam: str = ""
    """For an exam form: the exam's id (``id`` then names the form, e.g. ``x-exam-a``)."""
    form: str = ""
    """For an exam form: its letter (A, B, …)."""
    forms: int = 1
    """For an exam form: how many forms the exam has."""
    min_questions: int | None = None
    """For an exam form: the exam's ``min_questions``."""
    coverage: tuple[Coverage, ...] = ()
    """For an exam form: every objective of the exam's track, planned or not."""
    track: str = ""
    """The track of the quiz\'s module (LMS tags)."""

    @property
    def is_exam(self) -> bool:
        """Return whether this is an exam."""
        return self.mode == "exam"

    @property
    def total_points(self) -> float:
        """Return the points of all questions."""
        return sum(q.points for q in self.questions)


@dataclass(frozen=True)
class PackModule:
    """A planned module, resolved in the pack language."""

    id: str
    number: int
    version: str
    track: str
    lang: str
    fallback: bool
    stale_from: str
    title: str
    summary: str
    objectives: tuple[tuple[str, str], ...]
    blocks: tuple[Block, ...]
    teaching: int
    practice: int
    reasons: tuple[Reason, ...]
    sessions: tuple[Session, ...]
    quiz: LocalQuiz | None
    content_hash: str
    figures: tuple[Figure, ...] = ()
    solutions: bool = True
    prerequisites: tuple[str, ...] = ()
    """The module's prerequisites (every one is earlier in the plan)."""

    @property
    def trainee_blocks(self) -> tuple[Block, ...]:
        """Return the blocks a trainee may see (without the exercises' solutions: the handbook
        gathers them at the end of the chapter, see :attr:`trainee_solutions`)."""
        return tuple(b.without(("solution",)) for b in self.blocks if b.kind != "instructor")

    @property
    def trainee_solutions(self) -> tuple[tuple[Block, Block], ...]:
        """Return ``(exercise, solution)`` of every solution trainees may see (none when the
        programme keeps solutions for instructors)."""
        if not self.solutions:
            return ()
        return tuple((b, s) for b in self.blocks if b.kind != "instructor" for s in solutions_of(b))

    @property
    def instructor_blocks(self) -> tuple[Block, ...]:
        """Return the instructor-only blocks."""
        return tuple(b for b in self.blocks if b.kind == "instructor")


@dataclass(frozen=True)
class PackContent:
    """Everything one country's pack is made from."""

    code: str
    plan: Plan
    programme: Programme
    lang: str
    source_lang: str
    modules: tuple[PackModule, ...]
    exams: tuple[LocalQuiz, ...]
    standards: tuple[Standard, ...]
    all_standards: Mapping[str, Standard]
    track_titles: Mapping[str, str]
    sample_data: bool
    source_date: dt.date
    glossary: Glossary = field(default_factory=Glossary)
    country_name: str = ""
    """The country's name in the pack language (the profile's own `name` when it has one)."""
    exam_figures: tuple[Figure, ...] = ()

    @property
    def figures(self) -> tuple[Figure, ...]:
        """Return every figure of the pack (modules, their quizzes, the exams), once each, by
        source path. Each output publishes only the figures its own pages show."""
        found = {f.source: f for m in self.modules for f in m.figures}
        found.update((f.source, f) for f in self.exam_figures)
        return tuple(found[k] for k in sorted(found))

    @property
    def labels(self) -> Labels:
        """Return the interface words of the pack language."""
        return Labels(self.lang)

    @property
    def epoch(self) -> int:
        """Return the fixed timestamp of every file of the pack (seconds, UTC)."""
        moment = dt.datetime.combine(self.source_date, dt.time(0, 0), tzinfo=dt.UTC)
        return int(moment.timestamp())

    @property
    def module_ids(self) -> frozenset[str]:
        """Return the ids of the pack's modules."""
        return frozenset(m.id for m in self.modules)

    @property
    def fallbacks(self) -> tuple[str, ...]:
        """Return what is shown in the source language instead of the pack language."""
        mods = [f"module {m.id}" for m in self.modules if m.fallback]
        quizzes = [f"quiz {q.id}" for q in self.quizzes if q.fallback]
        return tuple(mods + quizzes)

    @property
    def quizzes(self) -> tuple[LocalQuiz, ...]:
        """Return the practice quizzes (plan order), then the exams."""
        return tuple(m.quiz for m in self.modules if m.quiz is not None) + self.exams


def source_date(cur: Curriculum, code: str) -> dt.date:
    """Return the pack's fixed date: ``SOURCE_DATE_EPOCH`` if set, else the latest assessment."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "")
    if env.isdigit():
        return dt.datetime.fromtimestamp(int(env), tz=dt.UTC).date()
    dates = [a.date for a in cur.countries[code].profile.assessments]
    return max(dates, default=dt.date(2000, 1, 1))


def build_content(cur: Curriculum, plan: Plan) -> PackContent:
    """Resolve the plan's modules, quizzes and exams in the pack language."""
    lang, src = plan.language, cur.programme.source_language
    pass_mark = cur.programme.pass_mark
    sessions = _sessions_by_module(plan)
    modules = tuple(
        _pack_module(
            cur.modules[pm.id],
            i,
            lang,
            src,
            pm.reasons,
            sessions.get(pm.id, ()),
            cur.practice_quiz(pm.id),
            pass_mark,
            Path(cur.root),
            cur.programme.policies.trainee_solutions,
        )
        for i, pm in enumerate(plan.modules, start=1)
    )
    by_id = {s.id: s for s in cur.standards_in(lang).standards}
    programme = cur.programme_in(lang)
    profile = cur.countries[plan.country].profile
    exams = _exams(cur, plan, lang, src, pass_mark)
    return PackContent(
        code=plan.country,
        plan=plan,
        programme=programme,
        lang=lang,
        source_lang=src,
        modules=modules,
        exams=tuple(e for e, _ in exams),
        exam_figures=tuple(f for _, figs in exams for f in figs),
        standards=_cited_standards(modules, by_id),
        all_standards=by_id,
        track_titles={t.id: t.title for t in programme.tracks},
        sample_data=profile.sample_data,
        source_date=source_date(cur, plan.country),
        glossary=cur.glossary,
        country_name=profile.name or Labels(lang).country_name(plan.country),
    )


def _sessions_by_module(plan: Plan) -> dict[str, tuple[Session, ...]]:
    out: dict[str, list[Session]] = {}
    for day in plan.days:
        for s in day.sessions:
            out.setdefault(s.module, []).append(s)
    return {k: tuple(v) for k, v in out.items()}


def _pack_module(
    module: Module,
    number: int,
    lang: str,
    src: str,
    reasons: tuple[Reason, ...],
    sessions: tuple[Session, ...],
    quiz: Quiz | None,
    pass_mark: int,
    root: Path,
    solutions: bool,
) -> PackModule:
    meta = module.meta
    tr = module.translations.get(lang) if lang != src else None
    title, summary, body = (
        (tr.meta.title, tr.meta.summary, tr.body) if tr else (meta.title, meta.summary, module.body)
    )
    body, figures = with_figures(root, tr.path if tr else module.path, body)
    texts = {o.id: o.text for o in tr.meta.objectives} if tr else {}
    objectives = tuple((o.id, texts.get(o.id, o.text)) for o in meta.objectives)
    stale = (
        tr.meta.translated_from
        if tr and version_key(tr.meta.translated_from) < version_key(meta.version)
        else ""
    )
    local_quiz, quiz_figs = (
        quiz_figures(localise_quiz(quiz, lang, src, pass_mark, meta.track), root, quiz.path)
        if quiz
        else (None, ())
    )
    blocks, _ = parse_body(body)
    fields = (meta.id, meta.version, title, summary, objectives, body, local_quiz, solutions)
    # default=vars turns the (frozen) dataclasses into their fields as json goes, the same JSON as
    # asdict() without its deep copy.
    digest = hashlib.sha256(
        json.dumps(fields, sort_keys=True, ensure_ascii=False, default=vars).encode()
    ).hexdigest()
    return PackModule(
        id=meta.id,
        number=number,
        version=meta.version,
        track=meta.track,
        lang=lang if tr or lang == src else src,
        fallback=lang != src and tr is None,
        stale_from=stale,
        title=title,
        summary=summary,
        objectives=objectives,
        blocks=blocks,
        teaching=meta.duration.teaching,
        practice=meta.duration.practice,
        reasons=reasons,
        sessions=sessions,
        quiz=local_quiz,
        content_hash=digest,
        figures=tuple({f.source: f for f in (*figures, *quiz_figs)}.values()),
        solutions=solutions,
        prerequisites=tuple(meta.prerequisites),
    )


def localise_quiz(quiz: Quiz, lang: str, src: str, default_pass: int, track: str = "") -> LocalQuiz:
    """Return ``quiz`` with its text in ``lang`` where translated (answer data from the source)."""
    tr = quiz.translations.get(lang) if lang != src else None
    texts = {q.id: q for q in tr.questions} if tr else {}
    meta = quiz.meta
    return LocalQuiz(
        id=quiz.id,
        module=meta.module,
        mode=meta.mode,
        title=(tr.title if tr and tr.title else meta.title),
        pass_mark=meta.pass_mark if meta.pass_mark is not None else default_pass,
        time_limit=meta.time_limit,
        lang=lang if tr or lang == src else src,
        fallback=lang != src and tr is None,
        questions=tuple(
            _local_question(q, texts.get(q.id), meta.module, quiz.id) for q in meta.questions
        ),
        track=track,
    )


def _pick(translated: str, source: str) -> str:
    return translated if translated else source


def _local_question(
    q: Question, t: QuestionText | None, module: str, quiz_id: str
) -> LocalQuestion:
    t = t or QuestionText(id=q.id)
    target = q.objective.split("/", 1) if "/" in q.objective else (module, q.objective)
    orders = display_orders(quiz_id, q)
    options = _local_options(q, t)
    return LocalQuestion(
        id=q.id,
        type=q.type,
        prompt=_pick(t.prompt, q.prompt),
        explanation=_pick(t.explanation, q.explanation),
        points=q.points,
        options=tuple(options[k] for k in orders.options),
        answer=q.answer,
        true_feedback=_pick(t.true_feedback, q.true_feedback),
        false_feedback=_pick(t.false_feedback, q.false_feedback),
        answers=_accepted(q, t),
        value=q.value,
        tolerance=q.tolerance,
        unit=_pick(t.unit, q.unit),
        pairs=_local_pairs(q, t),
        items=_same_length(t.items, q.items or ()),
        correct_feedback=_pick(t.correct_feedback, q.correct_feedback),
        incorrect_feedback=_pick(t.incorrect_feedback, q.incorrect_feedback),
        rubric=_local_rubric(q, t),
        model_answer=_pick(t.model_answer, q.model_answer or ""),
        objective=(target[0], target[1]),
        shuffle=q.shuffle,
        right_order=orders.rights,
        item_order=orders.items,
    )


def _local_rubric(q: Question, t: QuestionText) -> tuple[tuple[str, float], ...]:
    source = q.rubric or ()
    texts = t.rubric if t.rubric and len(t.rubric) == len(source) else None
    return tuple(
        (texts[i].criterion if texts else c.criterion, c.points) for i, c in enumerate(source)
    )


def _same_length(translated: tuple[str, ...] | None, source: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(translated) if translated and len(translated) == len(source) else tuple(source)


def _local_options(q: Question, t: QuestionText) -> tuple[LocalOption, ...]:
    source = q.options or ()
    texts = t.options if t.options and len(t.options) == len(source) else None
    out = []
    for i, o in enumerate(source):
        text, feedback = (
            (texts[i].text, _pick(texts[i].feedback, o.feedback)) if texts else (o.text, o.feedback)
        )
        out.append(LocalOption(text, o.correct, feedback, o.fixed))
    return tuple(out)


def _local_pairs(q: Question, t: QuestionText) -> tuple[tuple[str, str], ...]:
    source = q.pairs or ()
    chosen = t.pairs if t.pairs and len(t.pairs) == len(source) else source
    return tuple((p.left, p.right) for p in chosen)


def _accepted(q: Question, t: QuestionText) -> tuple[str, ...]:
    """Return the translation's accepted answers, then the source's ones not already there."""
    out: list[str] = []
    for a in (*(t.answers or ()), *(q.answers or ())):
        if " ".join(a.split()).casefold() not in {" ".join(x.split()).casefold() for x in out}:
            out.append(a)
    return tuple(out)


def _exams(
    cur: Curriculum, plan: Plan, lang: str, src: str, pass_mark: int
) -> tuple[tuple[LocalQuiz, tuple[Figure, ...]], ...]:
    """Return one quiz per form of each exam the plan sits, in track sequence, each with the
    figures its text shows (see :func:`quiz_figures`).

    Only questions on modules of the plan are drawn (see :mod:`builder.assess.forms`).
    """
    root = Path(cur.root)
    out: list[tuple[LocalQuiz, tuple[Figure, ...]]] = []
    for drawn in plan_exams(cur, plan.order, plan.country):
        whole = localise_quiz(drawn.quiz, lang, src, pass_mark, drawn.track)
        by_id = {q.id: q for q in whole.questions}
        for form in drawn.forms:
            questions = tuple(by_id[q.id] for q in form.questions)
            form_quiz = dataclasses.replace(
                whole,
                id=form_id(drawn.quiz.id, form.letter, drawn.quiz.meta.forms),
                questions=questions,
                exam=drawn.quiz.id,
                form=form.letter,
                forms=drawn.quiz.meta.forms,
                min_questions=drawn.minimum,
                coverage=_coverage(cur, drawn.track, plan, questions, lang),
            )
            out.append(quiz_figures(form_quiz, root, drawn.quiz.path))
    return tuple(out)


def form_id(exam_id: str, letter: str, forms: int) -> str:
    """Return the id of an exam form: the exam id, with the form letter when there are several."""
    return f"{exam_id}-{letter.lower()}" if forms > 1 else exam_id


def _coverage(
    cur: Curriculum, track: str, plan: Plan, questions: tuple[LocalQuestion, ...], lang: str
) -> tuple[Coverage, ...]:
    planned = set(plan.order)
    count: dict[tuple[str, str], int] = {}
    for q in questions:
        count[q.objective] = count.get(q.objective, 0) + 1
    modules = sorted(
        (m for m in cur.modules.values() if m.meta.track == track),
        key=lambda m: (m.id not in planned, plan.order.index(m.id) if m.id in planned else 0, m.id),
    )
    out = []
    for m in modules:
        tr = m.translations.get(lang)
        texts = {o.id: o.text for o in tr.meta.objectives} if tr else {}
        out += [
            Coverage(
                m.id, o.id, texts.get(o.id, o.text), m.id in planned, count.get((m.id, o.id), 0)
            )
            for o in m.meta.objectives
        ]
    return tuple(out)


_QUIZ_TEXTS = (
    "prompt",
    "explanation",
    "true_feedback",
    "false_feedback",
    "correct_feedback",
    "incorrect_feedback",
)


def quiz_figures(quiz: LocalQuiz, root: Path, rel: str) -> tuple[LocalQuiz, tuple[Figure, ...]]:
    """Return ``quiz`` with the images of its text pointing at their figures (see
    :func:`builder.figures.with_figures`; ``rel`` is the quiz file), and those figures."""
    found: dict[str, Figure] = {}

    def fix(text: str) -> str:
        if "![" not in text:
            return text
        out, figures = with_figures(root, rel, text)
        found.update((f.source, f) for f in figures)
        return out

    questions = tuple(_fix_question(q, fix) for q in quiz.questions)
    return dataclasses.replace(quiz, questions=questions), tuple(found[k] for k in sorted(found))


def _fix_question(q: LocalQuestion, fix: Callable[[str], str]) -> LocalQuestion:
    """Return a question with ``fix`` applied to each of its Markdown texts."""
    texts: dict[str, Any] = {name: fix(getattr(q, name)) for name in _QUIZ_TEXTS}
    options = tuple(
        dataclasses.replace(o, text=fix(o.text), feedback=fix(o.feedback)) for o in q.options
    )
    return dataclasses.replace(q, options=options, **texts)


def _cited_standards(
    modules: tuple[PackModule, ...], by_id: Mapping[str, Standard]
) -> tuple[Standard, ...]:
    """Return the standards linked from trainee text, in catalogue order."""
    cited = {
        m.group(2)
        for mod in modules
        for b in mod.trainee_blocks
        for m in LINK.finditer(b.text)
        if m.group(1) == "standard"
    }
    return tuple(s for sid, s in by_id.items() if sid in cited)
