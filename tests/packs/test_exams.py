"""Exams in the packs: plan-aware forms, a paper and a separate key per form, keys that match
their papers, correct options spread over every position, exam sessions in the schedule."""

from __future__ import annotations

from collections import Counter

from builder.packs.content.content import LocalQuiz
from builder.packs.content.render_md import LETTERS
from tests.packs.conftest import Built


def _pdf_text(path: object) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)


def _squash(text: str) -> str:
    return "".join(text.split())


def test_each_exam_form_has_a_paper_and_a_key_for_instructors_only(built: Built, code: str) -> None:
    content = built.contents[code]
    pack = built.pack(code)
    assert content.exams, "every sample plan sits at least one exam"
    for quiz in content.exams:
        assert (pack / "instructor" / "exams" / f"{quiz.id}-paper.pdf").is_file()
        assert (pack / "instructor" / "exams" / f"{quiz.id}-key.pdf").is_file()
    assert not [p for p in (pack / "trainee").rglob("*") if "exam" in p.name]


def test_exam_questions_belong_to_modules_of_the_plan(built: Built, code: str) -> None:
    content = built.contents[code]
    planned = set(content.plan.order)
    excluded = {m for m, _ in content.plan.exclusions}
    for quiz in content.exams:
        for q in quiz.questions:
            assert q.objective[0] in planned and q.objective[0] not in excluded, (quiz.id, q.id)
        if quiz.min_questions is not None and len(quiz.questions) < quiz.min_questions:
            warnings = built.summary
            assert f"exam '{quiz.exam}' form {quiz.form} has {len(quiz.questions)}" in warnings


def _check_key_matches_paper(quiz: LocalQuiz, paper: str, key: str) -> None:
    for q in quiz.questions:
        if q.type not in ("single", "multiple"):
            continue
        for j, o in enumerate(q.options):
            assert _squash(o.text)[:40] in paper, (quiz.id, q.id)
            if o.correct:
                assert _squash(f"{LETTERS[j]}. {o.text}")[:40] in key, (quiz.id, q.id, j)
        assert all(_squash(o.feedback)[:30] not in paper for o in q.options if o.feedback)
    assert all(_squash(q.explanation)[:40] not in paper for q in quiz.questions)
    assert all(_squash(q.model_answer)[:40] not in paper for q in quiz.questions if q.model_answer)


def test_printed_key_matches_printed_paper_for_every_form(built: Built) -> None:
    code = "SN"
    content = built.contents[code]
    forms = [q for q in content.exams if q.forms > 1]
    assert forms, "the shipped exams have several forms"
    for quiz in content.exams:
        folder = built.pack(code) / "instructor" / "exams"
        paper = _squash(_pdf_text(folder / f"{quiz.id}-paper.pdf"))
        key = _squash(_pdf_text(folder / f"{quiz.id}-key.pdf"))
        _check_key_matches_paper(quiz, paper, key)


def test_forms_of_an_exam_differ(built: Built, code: str) -> None:
    by_exam: dict[str, list[tuple[str, ...]]] = {}
    for quiz in built.contents[code].exams:
        by_exam.setdefault(quiz.exam, []).append(tuple(q.id for q in quiz.questions))
    for exam, forms in by_exam.items():
        if len(forms) > 1 and len(forms[0]) > 3:
            assert len(set(forms)) == len(forms), exam


def test_correct_options_are_spread_over_positions(built: Built) -> None:
    """Across every printed key and export of every pack, the correct option of single-choice
    questions sits in each position about as often (chi-square under the 0.1 % critical value
    for uniform positions, per number of options)."""
    seen: dict[int, Counter[int]] = {}
    done: set[tuple[str, str]] = set()
    for content in built.contents.values():
        for quiz in content.quizzes:
            for q in quiz.questions:
                if q.type != "single" or (quiz.id, q.id) in done:
                    continue
                done.add((quiz.id, q.id))
                pos = next(j for j, o in enumerate(q.options) if o.correct)
                seen.setdefault(len(q.options), Counter())[pos] += 1
    critical = {2: 10.83, 3: 13.82, 4: 16.27, 5: 18.47}
    for n, counts in seen.items():
        total = sum(counts.values())
        if total < 20 or n not in critical:
            continue
        chi2 = sum((counts[p] - total / n) ** 2 / (total / n) for p in range(n))
        assert chi2 < critical[n], (n, dict(counts))
        assert max(counts.values()) / total < 0.4, (n, dict(counts))


def test_exam_sessions_follow_each_tracks_last_module(built: Built, code: str) -> None:
    import csv
    import io

    content = built.contents[code]
    rows = list(csv.DictReader(io.StringIO((built.pack(code) / "schedule.csv").read_text("utf-8"))))
    exams = {q.exam: q for q in content.exams}
    sat = [r for r in rows if r["kind"] == "exam"]
    assert sorted({r["module"] for r in sat}) == sorted(exams)
    for r in sat:
        assert sum(int(x["minutes"]) for x in sat if x["module"] == r["module"]) == (
            exams[r["module"]].time_limit
        )
    ics = (built.pack(code) / "schedule.ics").read_text("utf-8")
    for quiz in exams.values():
        assert quiz.title.split(":")[0] in ics.replace("\r\n ", "")
