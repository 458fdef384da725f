"""Evaluation instruments in each pack's instructor/evaluation/."""

from __future__ import annotations

from pathlib import Path

from builder.packs.content.content import build_content
from builder.packs.formats.out_evaluation import (
    PRETEST_PER_MODULE,
    evaluation_files,
    pretest_questions,
)
from builder.validate.orchestrator import check_curriculum


def content(root: Path):  # type: ignore[no-untyped-def]
    result = check_curriculum(root)
    assert result.course is not None and result.curriculum is not None
    return build_content(result.curriculum, result.course.plan("SN"))


def test_instruments_in_the_pack_language(root: Path) -> None:
    c = content(root)
    files = evaluation_files(c)
    assert sorted(files) == [
        "instructor/evaluation/behaviour.html",
        "instructor/evaluation/pretest-key.html",
        "instructor/evaluation/pretest.html",
        "instructor/evaluation/reaction.html",
    ]
    reaction = files["instructor/evaluation/reaction.html"].decode()
    assert '<html lang="fr">' in reaction and "Questionnaire de satisfaction" in reaction
    assert reaction.count("☐ 5") == 6 + len(c.modules)
    behaviour = files["instructor/evaluation/behaviour.html"].decode()
    for m in c.modules:
        for _oid, text in m.objectives:
            assert text in behaviour
    assert "Visites de mentorat prévues" in behaviour
    assert evaluation_files(c) == files  # same sources, same bytes


def test_pretest_is_drawn_from_practice_pools_and_its_key_is_apart(root: Path) -> None:
    c = content(root)
    picked = pretest_questions(c)
    pools = {m.quiz.id: m.quiz.questions for m in c.modules if m.quiz is not None}
    assert picked and all(q in pools[quiz] for _m, quiz, q in picked)
    assert all(
        not any(x.mode == "exam" for x in c.exams if x.id == quiz) for _m, quiz, _q in picked
    )
    per = {quiz: sum(1 for _m, x, _q in picked if x == quiz) for quiz in pools}
    assert all(n == min(PRETEST_PER_MODULE, len(pools[q])) for q, n in per.items())
    files = evaluation_files(c)
    test = files["instructor/evaluation/pretest.html"].decode()
    key = files["instructor/evaluation/pretest-key.html"].decode()
    risk = next(q for _m, quiz, q in picked if quiz == "risk")
    assert f"[risk/{risk.id}]" in test
    right = next(o.text for o in risk.options if o.correct)
    assert right in key and "correct" not in test
