"""From the results database to the report's data: item statistics, pass rates, pre/post gains.

The data is plain JSON-able values in a stable order (the same database gives the same bytes).
Only post-training attempts (form ``""`` or ``post``) enter item statistics and pass rates;
pre-test attempts (form ``pre``) give the baseline of the gains.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from builder.evidence.items import Attempt, ItemStats, quiz_stats
from builder.model import Curriculum, Quiz


@dataclass
class Cohort:
    """Responses of one cohort (a country, or all), grouped by quiz and attempt."""

    post: dict[str, dict[str, dict[str, tuple[bool, tuple[int, ...]]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )
    pre: dict[str, dict[str, dict[str, tuple[bool, tuple[int, ...]]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )
    learner_of: dict[str, str] = field(default_factory=dict)
    module_results: list[tuple[str, str, float, bool]] = field(default_factory=list)


def load_cohort(conn: sqlite3.Connection, country: str | None) -> Cohort:
    """Read a country's responses (every country's when ``country`` is None)."""
    if country is None:
        return _fill(Cohort(), conn, "", ())
    return load_cohorts(conn, [country])[country]


def load_cohorts(conn: sqlite3.Connection, countries: Iterable[str]) -> dict[str, Cohort]:
    """Read the responses of several countries in one pass over the database."""
    out = {code: Cohort() for code in countries}
    marks = ",".join("?" * len(out))
    args = tuple(out)
    sql = (
        "SELECT a.country, a.id, a.quiz, a.form, a.learner, r.question, r.correct, r.choices "
        f"FROM responses r JOIN attempts a ON a.id = r.attempt WHERE a.country IN ({marks})"
    )
    parsed: dict[str, tuple[int, ...]] = {"": ()}
    for code, aid, quiz, form, learner, qid, ok, choices in conn.execute(sql, args):
        c = out[code]
        (c.pre if form == "pre" else c.post)[quiz][aid][qid] = (ok == 1, _picked(parsed, choices))
        c.learner_of[aid] = learner
    sql = (
        "SELECT country, learner, module, best, passed FROM module_results "
        f"WHERE country IN ({marks})"
    )
    for code, lr, m, b, p in conn.execute(sql, args):
        out[code].module_results.append((lr, m, b, bool(p)))
    return out


def _picked(parsed: dict[str, tuple[int, ...]], choices: str) -> tuple[int, ...]:
    picked = parsed.get(choices)
    if picked is None:
        picked = parsed[choices] = tuple(int(x) for x in choices.split(","))
    return picked


def _fill(c: Cohort, conn: sqlite3.Connection, where: str, args: tuple[str, ...]) -> Cohort:
    sql = (
        "SELECT a.id, a.quiz, a.form, a.learner, r.question, r.correct, r.choices "
        f"FROM responses r JOIN attempts a ON a.id = r.attempt {where}"
    )
    parsed: dict[str, tuple[int, ...]] = {"": ()}
    learner_of = c.learner_of
    for aid, quiz, form, learner, qid, ok, choices in conn.execute(sql, args):
        (c.pre if form == "pre" else c.post)[quiz][aid][qid] = (ok == 1, _picked(parsed, choices))
        learner_of[aid] = learner
    sql = "SELECT learner, module, best, passed FROM module_results"
    c.module_results = [(lr, m, b, bool(p)) for lr, m, b, p in conn.execute(sql)]
    return c


def pass_mark(cur: Curriculum, quiz: Quiz) -> int:
    """Return the quiz's pass mark (percent), the programme's when the quiz sets none."""
    return quiz.meta.pass_mark if quiz.meta.pass_mark is not None else cur.programme.pass_mark


def percent(attempt: Attempt, quiz: Quiz) -> float:
    """Return an attempt's score in percent of the quiz's questions it was given."""
    asked = [q.id for q in quiz.meta.questions if q.id in attempt]
    return 100.0 * sum(1 for q in asked if attempt[q][0]) / len(asked) if asked else 0.0


def best_by_learner(c: Cohort, quiz: Quiz, pre: bool = False) -> dict[str, float]:
    """Return each learner's best score on the quiz (post-training, or the pre-test)."""
    out: dict[str, float] = {}
    for aid, attempt in (c.pre if pre else c.post).get(quiz.id, {}).items():
        learner = c.learner_of[aid]
        out[learner] = max(out.get(learner, 0.0), percent(attempt, quiz))
    return out


def item_rows(cur: Curriculum, quiz: Quiz, stats: Iterable[ItemStats]) -> list[dict[str, Any]]:
    """Return the item statistics of a quiz as report rows."""
    by_id = {q.id: q for q in quiz.meta.questions}
    rows = []
    for s in stats:
        q = by_id[s.question]
        texts = [o.text for o in q.options or ()]
        rows.append(
            {
                "question": s.question,
                "type": q.type,
                "n": s.n,
                "difficulty": _round(s.difficulty),
                "point_biserial": _round(s.point_biserial),
                "item_rest": _round(s.item_rest),
                "upper_lower": _round(s.upper_lower),
                "options": [
                    {
                        "index": o.index,
                        "text": texts[o.index],
                        "correct": o.correct,
                        "rate": _round(o.rate),
                        "upper": _round(o.upper),
                        "lower": _round(o.lower),
                    }
                    for o in s.options
                ],
                "flags": list(s.flags),
            }
        )
    return rows


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def quiz_report(cur: Curriculum, c: Cohort, quiz: Quiz) -> dict[str, Any] | None:
    """Return one quiz's part of the report, or None when nobody took it."""
    attempts = c.post.get(quiz.id)
    if not attempts:
        return None
    items = [(q.id, [o.correct for o in q.options or ()]) for q in quiz.meta.questions]
    stats = [s for s in quiz_stats(attempts, items) if s.n]
    best = best_by_learner(c, quiz)
    mark = pass_mark(cur, quiz)
    return {
        "quiz": quiz.id,
        "module": quiz.meta.module,
        "mode": quiz.meta.mode,
        "path": quiz.path,
        "attempts": len(attempts),
        "learners": len(best),
        "pass_mark": mark,
        "passed": sum(1 for v in best.values() if v >= mark),
        "items": item_rows(cur, quiz, stats),
    }


def module_rows(cur: Curriculum, c: Cohort) -> list[dict[str, Any]]:
    """Return per-module pass rates: practice quiz results and reported module results."""
    passed: dict[str, dict[str, bool]] = defaultdict(dict)
    for learner, module, _best, ok in c.module_results:
        passed[module][learner] = passed[module].get(learner, False) or ok
    for mid in cur.modules:
        quiz = cur.practice_quiz(mid)
        if quiz is None:
            continue
        mark = pass_mark(cur, quiz)
        for learner, score in best_by_learner(c, quiz).items():
            passed[mid][learner] = passed[mid].get(learner, False) or score >= mark
    rows = []
    for mid in sorted(passed):
        learners = passed[mid]
        n, k = len(learners), sum(learners.values())
        rows.append({"module": mid, "learners": n, "passed": k, "pass_rate": _round(k / n)})
    return rows


def gain_rows(cur: Curriculum, c: Cohort) -> list[dict[str, Any]]:
    """Return pre/post gains per quiz, over the learners who took both."""
    rows = []
    for qid in sorted(c.pre):
        quiz = cur.quizzes.get(qid)
        if quiz is None:
            continue
        pre, post = best_by_learner(c, quiz, pre=True), best_by_learner(c, quiz)
        both = sorted(set(pre) & set(post))
        if not both:
            continue
        m_pre = sum(pre[x] for x in both) / len(both)
        m_post = sum(post[x] for x in both) / len(both)
        norm = (m_post - m_pre) / (100 - m_pre) if m_pre < 100 else None
        rows.append(
            {
                "quiz": qid,
                "module": quiz.meta.module,
                "learners": len(both),
                "pre": round(m_pre, 2),
                "post": round(m_post, 2),
                "gain": round(m_post - m_pre, 2),
                "normalised_gain": _round(norm),
            }
        )
    return rows


def results_report(cur: Curriculum, c: Cohort, cohort: str) -> dict[str, Any]:
    """Return the whole report of a cohort as JSON-able data."""
    quizzes = [quiz_report(cur, c, cur.quizzes[q]) for q in sorted(c.post) if q in cur.quizzes]
    learners = set(c.learner_of.values()) | {r[0] for r in c.module_results}
    return {
        "cohort": cohort,
        "learners": len(learners),
        "attempts": sum(len(a) for a in c.post.values()),
        "quizzes": [q for q in quizzes if q is not None],
        "modules": module_rows(cur, c),
        "gains": gain_rows(cur, c),
    }


def flagged_items(report: Mapping[str, Any]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """Return ``(quiz path, quiz, question, flags)`` of every flagged item of a report."""
    return [
        (q["path"], q["quiz"], item["question"], tuple(item["flags"]))
        for q in report["quizzes"]
        for item in q["items"]
        if item["flags"]
    ]
