"""The shipped SAFE curriculum: clean under --strict, and the counts the programme promises."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from builder.body import parse_body, trainee_blocks, word_count
from builder.model import Curriculum
from builder.validate.orchestrator import CheckResult, check_curriculum

ROOT = Path(__file__).resolve().parents[2]


@cache
def result() -> CheckResult:
    return check_curriculum(ROOT)


@cache
def cur() -> Curriculum:
    c = result().curriculum
    assert c is not None
    return c


def test_check_strict_is_clean() -> None:
    assert [d.to_text() for d in result().diagnostics] == []


def test_tracks_and_module_count() -> None:
    assert [t.id for t in cur().programme.tracks] == [
        "foundations",
        "pillar-1",
        "pillar-2",
        "pillar-3",
        "delivery",
    ]
    assert len(cur().modules) >= 28
    assert cur().programme.languages[:3] == ("en", "fr", "es")


@pytest.mark.parametrize("module_id", sorted(check_curriculum(ROOT).curriculum.modules))  # type: ignore[union-attr]
def test_module_substance(module_id: str) -> None:
    m = cur().modules[module_id]
    blocks, problems = parse_body(m.body)
    assert not problems
    assert 2 <= len(m.meta.objectives) <= 5
    assert word_count(trainee_blocks(blocks)) >= 700
    kinds = {b.kind for b in blocks}
    assert kinds & {"exercise", "case-study"}
    assert "instructor" in kinds
    assert m.meta.sources
    assert 30 <= m.meta.duration.total <= 300
    quiz = cur().practice_quiz(module_id)
    assert quiz is not None and len(quiz.meta.questions) >= 6
    for q in quiz.meta.questions:
        assert q.explanation.strip()
        for o in q.options or ():
            assert o.feedback.strip()


def test_every_question_type_is_used() -> None:
    used = {q.type for quiz in cur().quizzes.values() for q in quiz.meta.questions}
    assert used == {
        "single",
        "multiple",
        "true-false",
        "short",
        "numeric",
        "match",
        "order",
        "task",
    }


def test_each_track_ends_with_an_exam() -> None:
    order = result().order
    for track in cur().programme.tracks:
        last = [m for m in order if cur().modules[m].meta.track == track.id][-1]
        exam = cur().exam(last)
        assert exam is not None, f"no exam on {last}, the last module of {track.id}"
        assert exam.meta.time_limit and exam.meta.title


def test_every_standard_is_covered_and_pillar_1_standards_are_named() -> None:
    covered = {s for m in cur().modules.values() for s in m.meta.standards}
    assert {s.id for s in cur().standards.standards} <= covered
    for n in range(1, 12):
        modules = [m for m in cur().modules.values() if f"P1-S{n}" in m.meta.standards]
        assert any(re.search(rf"Standard {n}\b", m.body) for m in modules), f"P1-S{n} is not named"


def test_translations() -> None:
    foundations = [m for m in cur().modules.values() if m.meta.track == "foundations"]
    for m in foundations:
        assert "fr" in m.translations, m.id
        for quiz in cur().quizzes_for(m.id):
            assert "fr" in quiz.translations, quiz.id
    assert any(
        "es" in m.translations and "es" in (cur().practice_quiz(m.id) or m).translations
        for m in cur().modules.values()
    )  # type: ignore[union-attr]


def test_sample_countries() -> None:
    countries = cur().countries
    assert len(countries) >= 6
    standards = {s.id for s in cur().standards.standards}
    for c in countries.values():
        assert c.profile.sample_data
        assert set(c.profile.assessments[0].levels) == standards
    assert any(len(c.profile.assessments) > 1 for c in countries.values())
    for c in countries.values():
        for a in c.profile.assessments:
            if a.kind == "monitoring":
                assert a.date > c.profile.delivery.start, f"{c.code}: monitoring before delivery"
    orders = {p.order for p in result().course.plans().values()}
    assert len(orders) == len(result().course.plans())
    languages = {p.language for p in result().course.plans().values()}
    assert {"fr", "es", "en"} <= languages
    assert any(c.profile.languages[0] not in cur().programme.languages for c in countries.values())


def test_no_exam_prompt_is_also_trainee_text() -> None:
    """An exam prompt that a practice quiz or a module body repeats would leak the exam."""
    public: list[str] = []
    for z in cur().quizzes.values():
        if not z.is_exam:
            public += [q.prompt for q in z.meta.questions]
            public += [q.prompt for t in z.translations.values() for q in t.questions]
    for m in cur().modules.values():
        for body in [m.body, *(t.body for t in m.translations.values())]:
            public += [b.text for b in trainee_blocks(parse_body(body)[0])]
    known = " ".join(" ".join(public).split()).lower()
    for z in cur().quizzes.values():
        if z.is_exam:
            prompts = [q.prompt for q in z.meta.questions] + [
                q.prompt for t in z.translations.values() for q in t.questions if q.prompt
            ]
            for p in prompts:
                assert " ".join(p.split()).lower() not in known, (
                    f"{z.id}: exam prompt also in trainee text: {p}"
                )
