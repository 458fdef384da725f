"""Monitoring and evaluation: the programme dashboard and each country's monitoring report.

Data only (JSON-able, stable order); ``render.py`` turns it into HTML and Typst. Figures about
learners come from the results database and are aggregated per country; ``published=True``
withholds every figure about fewer than :data:`builder.evidence.MIN_GROUP` learners.

A monitoring assessment is due at the plan's next monitoring date, or a year after the latest
assessment when the country has no plan dates; it is overdue when that date is before ``today``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from typing import Any

from builder.evidence import MIN_GROUP
from builder.evidence.analysis import Cohort, best_by_learner, load_cohorts, pass_mark
from builder.graph.selection import target_for
from builder.model import CountryProfile, Curriculum
from builder.plan.course import Course

YEAR = dt.timedelta(days=365)


def levels_at(profile: CountryProfile) -> list[tuple[dt.date, str, dict[str, int]]]:
    """Return, per assessment (oldest first), its date, kind and every level known by then."""
    known: dict[str, int] = {}
    out: list[tuple[dt.date, str, dict[str, int]]] = []
    for a in sorted(profile.assessments, key=lambda a: a.date):
        known = {**known, **a.levels}
        out.append((a.date, a.kind, dict(known)))
    return out


def due_date(course: Course, code: str) -> dt.date | None:
    """Return when the next monitoring assessment is due."""
    profile = course.curriculum.countries[code].profile
    if not profile.assessments:
        return None
    latest = max(a.date for a in profile.assessments)
    planned = course.plan(code).next_monitoring if code in course.countries else None
    return planned if planned is not None and planned > latest else latest + YEAR


def heat_row(cur: Curriculum, profile: CountryProfile) -> list[dict[str, Any]]:
    """Return per standard the latest level, the target and whether the target is met."""
    latest = levels_at(profile)[-1][2] if profile.assessments else {}
    row = []
    for s in cur.standards.standards:
        level, target = latest.get(s.id), target_for(profile, s.id)
        met = None if level is None or target is None else level >= target
        row.append({"standard": s.id, "level": level, "target": target, "met": met})
    return row


def trend(cur: Curriculum, profile: CountryProfile) -> list[dict[str, Any]]:
    """Return per assessment the mean level and the number of standards at target."""
    out = []
    for date, kind, levels in levels_at(profile):
        at = sum(1 for s, v in levels.items() if v >= (target_for(profile, s) or 0))
        mean = sum(levels.values()) / len(levels) if levels else 0.0
        out.append(
            {"date": date.isoformat(), "kind": kind, "mean": round(mean, 2), "at_target": at}
        )
    return out


def _suppress(n: int, published: bool) -> bool:
    return published and n < MIN_GROUP


def training(cur: Curriculum, c: Cohort, published: bool) -> dict[str, Any]:
    """Return modules delivered (with learners) and exam pass rates of a cohort."""
    learners: dict[str, set[str]] = defaultdict(set)
    for learner, module, _best, _ok in c.module_results:
        learners[module].add(learner)
    for qid, attempts in c.post.items():
        quiz = cur.quizzes.get(qid)
        if quiz is not None and not quiz.is_exam:
            learners[quiz.meta.module] |= {c.learner_of[a] for a in attempts}
    delivered = [
        {"module": m, "learners": len(ls)}
        for m, ls in sorted(learners.items())
        if m in cur.modules and not _suppress(len(ls), published)
    ]
    return {"modules": delivered, "exams": exam_rows(cur, c, published)}


def exam_rows(cur: Curriculum, c: Cohort, published: bool) -> list[dict[str, Any]]:
    """Return each exam's learners, passes and pass rate (withheld below the minimum group)."""
    rows = []
    for qid in sorted(c.post):
        quiz = cur.quizzes.get(qid)
        if quiz is None or not quiz.is_exam:
            continue
        best = best_by_learner(c, quiz)
        n = len(best)
        if _suppress(n, published):
            continue
        k = sum(1 for v in best.values() if v >= pass_mark(cur, quiz))
        rows.append({"quiz": qid, "learners": n, "passed": k, "pass_rate": round(k / n, 4)})
    return rows


def dashboard(
    course: Course, conn: sqlite3.Connection | None, today: dt.date | None, published: bool
) -> dict[str, Any]:
    """Return the programme dashboard: heat map, trends, due visits, training, exam results.

    Without ``today`` (the site, which must not change from one day to the next) nothing is
    marked overdue.
    """
    cur = course.curriculum
    countries = []
    cohorts = load_cohorts(conn, sorted(cur.countries)) if conn is not None else {}
    for code, country in sorted(cur.countries.items()):
        p = country.profile
        due = due_date(course, code)
        c = cohorts.get(code) or Cohort()
        countries.append(
            {
                "country": code,
                "administration": p.administration,
                "heat": heat_row(cur, p),
                "trend": trend(cur, p),
                "monitoring_due": due.isoformat() if due else None,
                "overdue": due is not None and today is not None and due < today,
                "planned_modules": len(course.plan(code).modules)
                if code in course.countries
                else 0,
                "training": training(cur, c, published),
            }
        )
    return {
        "as_of": today.isoformat() if today else None,
        "standards": [s.id for s in cur.standards.standards],
        "scale": [lv.level for lv in cur.programme.maturity_scale],
        "countries": countries,
    }


def standard_rows(cur: Curriculum, profile: CountryProfile) -> list[dict[str, Any]]:
    """Return per assessed standard: first and latest level with dates, target and evidence."""
    rows = []
    history = sorted(profile.assessments, key=lambda a: a.date)
    for s in cur.standards.standards:
        seen = [
            (a.date, a.levels[s.id], a.evidence.get(s.id, "")) for a in history if s.id in a.levels
        ]
        if not seen:
            continue
        target = target_for(profile, s.id)
        rows.append(
            {
                "standard": s.id,
                "title": s.title,
                "first": seen[0][1],
                "first_date": seen[0][0].isoformat(),
                "latest": seen[-1][1],
                "latest_date": seen[-1][0].isoformat(),
                "target": target,
                "change": seen[-1][1] - seen[0][1],
                "evidence": seen[-1][2],
            }
        )
    return rows


def country_report(course: Course, code: str, c: Cohort, today: dt.date) -> dict[str, Any]:
    """Return one country's monitoring report (an instructor's document, not published)."""
    from builder.evidence.analysis import gain_rows, module_rows

    cur = course.curriculum
    profile = cur.countries[code].profile
    plan = course.plan(code) if code in course.countries else None
    due = due_date(course, code)
    closing = [
        {"module": m.id, "title": m.title, "gaps": [r.ref for r in m.reasons if r.kind == "gap"]}
        for m in (plan.modules if plan else ())
    ]
    return {
        "country": code,
        "administration": profile.administration,
        "as_of": today.isoformat(),
        "assessments": [
            {"date": a.date.isoformat(), "kind": a.kind, "assessor": a.assessor, "notes": a.notes}
            for a in sorted(profile.assessments, key=lambda a: a.date)
        ],
        "standards": standard_rows(cur, profile),
        "training": training(cur, c, published=False),
        "modules": module_rows(cur, c),
        "gains": gain_rows(cur, c),
        "gaps": [
            {"standard": g.standard, "title": g.title, "current": g.current, "target": g.target}
            for g in (plan.gaps if plan else ())
        ],
        "next_modules": closing,
        "monitoring_due": due.isoformat() if due else None,
        "overdue": due is not None and due < today,
    }
