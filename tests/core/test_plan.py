"""Country plans: by example on the minimal curriculum, by property on the shipped one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.assess.forms import plan_exams, target
from builder.model import WEEKDAYS, Country, CountryProfile, Curriculum
from builder.plan.plan import Plan, build_plan
from builder.validate.orchestrator import check_curriculum

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = Path(__file__).parent / "minimal"


@cache
def shipped() -> Curriculum:
    result = check_curriculum(ROOT)
    assert result.curriculum is not None, [d.to_text() for d in result.diagnostics]
    return result.curriculum


def test_minimal_plan_by_example() -> None:
    result = check_curriculum(MINIMAL)
    plan = result.course.plan("SN")
    assert plan.language == "fr"
    assert [(g.standard, g.current, g.target) for g in plan.gaps] == [("P1-S4", 2, 3)]
    assert plan.order == ("intro", "risk")
    assert [r.kind for r in plan.modules[0].reasons] == ["prerequisite"]
    # risk (420 min) is longer than a 360-minute day: it starts on a fresh day and is split;
    # 2027-01-12 is a holiday.
    assert [
        (d.date.isoformat(), [(s.module, s.part, s.minutes) for s in d.sessions]) for d in plan.days
    ] == [
        ("2027-01-11", [("intro", 1, 90)]),
        ("2027-01-13", [("risk", 1, 360)]),
        ("2027-01-14", [("risk", 2, 60), ("advanced-exam", 1, 30)]),
    ]
    # The track's exam follows its last planned module, for its time limit, and holds only the
    # questions on planned modules (risk), not those on data, which the plan does not teach.
    assert [(e.id, e.questions, e.left_out, e.time_limit) for e in plan.exams] == [
        ("advanced-exam", 2, 2, 30)
    ]
    assert [s.kind for d in plan.days for s in d.sessions] == ["module"] * 3 + ["exam"]
    assert plan.mentoring == (dt.date(2027, 2, 25), dt.date(2027, 4, 8))
    assert plan.next_monitoring == dt.date(2027, 5, 20)
    assert [(p.standard, p.first, p.latest) for p in plan.progress] == [
        ("P1-S4", 1, 2),
        ("P1-S6", 3, 3),
    ]


def _exams_follow_their_track(cur: Curriculum, plan: Plan, exams: list[str]) -> None:
    """Each exam session comes after the last planned module of its track, for its time limit,
    and each exam holds only questions on planned modules."""
    assert sorted(set(exams)) == sorted(e.id for e in plan.exams)
    sessions = [s for d in plan.days for s in d.sessions]
    for e in plan.exams:
        last = [m for m in plan.order if cur.modules[m].meta.track == e.track][-1]
        first_exam = next(i for i, s in enumerate(sessions) if s.module == e.id)
        last_module = max(i for i, s in enumerate(sessions) if s.module == last)
        assert first_exam == last_module + 1
        assert sum(s.minutes for s in sessions if s.module == e.id) == e.time_limit
    for drawn in plan_exams(cur, plan.order, plan.country):
        for form in drawn.forms:
            for q in form.questions:
                assert target(drawn.quiz.meta.module, q)[0] in plan.order


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, object]:
    cur = shipped()
    standards = [s.id for s in cur.standards.standards]
    modules = sorted(cur.modules)
    levels = {s: draw(st.integers(0, 4)) for s in standards}
    start = draw(st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31)))
    days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True))
    holidays = draw(
        st.lists(st.dates(start, start + dt.timedelta(days=90)), max_size=10, unique=True)
    )
    return {
        "country": "SN",
        "administration": "Test",
        "languages": draw(
            st.lists(
                st.sampled_from(["fr", "pt", "es", "en", "ar"]), min_size=1, max_size=3, unique=True
            )
        ),
        "assessments": [{"date": dt.date(2025, 1, 1), "kind": "initial", "levels": levels}],
        "targets": {
            "default": draw(st.integers(0, 4)),
            **{
                s: draw(st.integers(0, 4))
                for s in draw(st.lists(st.sampled_from(standards), max_size=5))
            },
        },
        "delivery": {
            "start": start,
            "timezone": "Africa/Dakar",
            "hours_per_day": draw(st.sampled_from([2, 3.5, 5, 6, 8])),
            "days": days,
            "holidays": holidays,
        },
        "include": draw(st.lists(st.sampled_from(modules), max_size=3, unique=True)),
        "exclude": [
            {"module": m, "reason": "x"}
            for m in draw(st.lists(st.sampled_from(modules), max_size=2, unique=True))
        ],
        "mentoring": {"every_weeks": draw(st.integers(1, 12)), "visits": draw(st.integers(0, 5))},
    }


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_plan_is_closed_ordered_and_on_delivery_days(data: dict[str, object]) -> None:
    cur = shipped()
    profile = CountryProfile.model_validate(data)
    plan = build_plan(dataclasses.replace(cur, countries={"SN": Country(profile, "x")}), "SN")
    chosen = set(plan.order)
    excluded = {e.module for e in profile.exclude}
    pos = {m: i for i, m in enumerate(plan.order)}
    for mid in plan.order:
        for p in cur.modules[mid].meta.prerequisites:
            if p in excluded:
                assert any(c.excluded == p and c.needed_by == mid for c in plan.conflicts)
            else:
                assert p in chosen and pos[p] < pos[mid]
    assert not chosen & excluded
    capacity = int(profile.delivery.hours_per_day * 60)
    allowed = {WEEKDAYS.index(d) for d in profile.delivery.days}
    scheduled: list[str] = []
    exams: list[str] = []
    for day in plan.days:
        assert day.date.weekday() in allowed and day.date not in profile.delivery.holidays
        assert day.date >= profile.delivery.start
        assert day.minutes <= capacity
        for s in day.sessions:
            assert s.start.date() == day.date
            if s.kind == "exam":
                exams.append(s.module)
                continue
            if s.parts > 1:
                assert cur.modules[s.module].meta.duration.total > capacity
            if s.part == 1:
                scheduled.append(s.module)
    assert scheduled == list(plan.order)
    _exams_follow_their_track(cur, plan, exams)
    assert [d.date for d in plan.days] == sorted({d.date for d in plan.days})
    if plan.days:
        assert all(v > plan.days[-1].date for v in plan.mentoring)
        assert plan.next_monitoring is not None and plan.next_monitoring > plan.days[-1].date
    lang_offered = [lang for lang in profile.languages if lang in cur.programme.languages]
    assert plan.language == (lang_offered[0] if lang_offered else "en")
