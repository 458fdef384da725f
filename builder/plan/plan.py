"""A country's plan: gaps, selected modules and why, order, schedule, mentoring, progress.

The plan is the single source that the site's country pages and the course packs use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.assess.forms import ExamDraw, plan_exams
from builder.graph.order import course_order, module_sort_key, prerequisite_map
from builder.graph.selection import (
    ExcludeConflict,
    Gap,
    Reason,
    find_gaps,
    latest_levels,
    select_modules,
    target_for,
)
from builder.model import CountryProfile, Curriculum
from builder.plan.schedule import Day, ExamSlot, follow_up, schedule


@dataclass(frozen=True)
class PlannedModule:
    """A module of the plan, in plan order."""

    id: str
    title: str
    track: str
    minutes: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class PlannedExam:
    """A track's exam as the country sits it: its forms and their size."""

    id: str
    title: str
    track: str
    forms: tuple[str, ...]
    questions: int
    min_questions: int | None
    left_out: int
    time_limit: int
    pass_mark: int

    @property
    def too_small(self) -> bool:
        """Return whether the plan leaves fewer questions than ``min_questions``."""
        return self.min_questions is not None and self.questions < self.min_questions


@dataclass(frozen=True)
class Progress:
    """A standard's level at the first and the latest assessment."""

    standard: str
    first: int
    latest: int
    target: int | None

    @property
    def change(self) -> int:
        """Return latest minus first."""
        return self.latest - self.first


@dataclass(frozen=True)
class Plan:
    """Everything an instructor needs to deliver the programme to one country."""

    country: str
    name: str
    administration: str
    language: str
    timezone: str
    gaps: tuple[Gap, ...]
    modules: tuple[PlannedModule, ...]
    days: tuple[Day, ...]
    mentoring: tuple[dt.date, ...]
    next_monitoring: dt.date | None
    progress: tuple[Progress, ...]
    exclusions: tuple[tuple[str, str], ...]
    conflicts: tuple[ExcludeConflict, ...]
    exams: tuple[PlannedExam, ...] = ()

    @property
    def order(self) -> tuple[str, ...]:
        """Return the module ids in plan order."""
        return tuple(m.id for m in self.modules)


def pack_language(cur: Curriculum, profile: CountryProfile) -> str:
    """Return the first of the country's languages that the curriculum offers."""
    offered = cur.programme.languages
    return next(
        (lang for lang in profile.languages if lang in offered), cur.programme.source_language
    )


def progress(cur: Curriculum, profile: CountryProfile) -> tuple[Progress, ...]:
    """Return each assessed standard's first and latest level."""
    if not profile.assessments:
        return ()
    ordered = sorted(profile.assessments, key=lambda a: a.date)
    first = ordered[0].levels
    latest = latest_levels(profile)
    out = []
    for s in cur.standards.standards:
        if s.id in first or s.id in latest:
            out.append(
                Progress(s.id, first.get(s.id, 0), latest.get(s.id, 0), target_for(profile, s.id))
            )
    return tuple(out)


def build_plan(cur: Curriculum, code: str) -> Plan:
    """Build the plan for one country of the curriculum."""
    country = cur.countries[code]
    profile = country.profile
    gaps = find_gaps(cur, profile)
    reasons, conflicts = select_modules(cur, profile, gaps)
    prereqs = prerequisite_map(cur)
    sub = {mid: tuple(p for p in prereqs[mid] if p in reasons) for mid in reasons}
    order, _ = course_order(sub, module_sort_key(cur))
    modules = tuple(
        PlannedModule(
            mid,
            cur.modules[mid].meta.title,
            cur.modules[mid].meta.track,
            cur.modules[mid].meta.duration.total,
            tuple(reasons[mid]),
        )
        for mid in order
    )
    exams = tuple(_planned_exam(cur, d) for d in plan_exams(cur, order, code))
    slots = [
        ExamSlot(
            e.id,
            e.title,
            e.time_limit,
            [m for m in order if cur.modules[m].meta.track == e.track][-1],
        )
        for e in exams
    ]
    days = schedule(cur, order, profile.delivery, slots) if profile.delivery.days else ()
    visits, monitoring = follow_up(profile, days[-1].date) if days else ((), None)
    return Plan(
        country=code,
        name=country_name(profile),
        administration=profile.administration,
        language=pack_language(cur, profile),
        timezone=profile.delivery.timezone,
        gaps=gaps,
        modules=modules,
        days=days,
        mentoring=visits,
        next_monitoring=monitoring,
        progress=progress(cur, profile),
        exclusions=tuple((e.module, e.reason) for e in profile.exclude),
        conflicts=conflicts,
        exams=exams,
    )


def _planned_exam(cur: Curriculum, d: ExamDraw) -> PlannedExam:
    meta = d.quiz.meta
    return PlannedExam(
        id=d.quiz.id,
        title=meta.title or d.quiz.id,
        track=d.track,
        forms=tuple(f.letter for f in d.forms),
        questions=d.size,
        min_questions=d.minimum,
        left_out=d.left_out,
        time_limit=meta.time_limit or DEFAULT_EXAM_MINUTES,
        pass_mark=meta.pass_mark if meta.pass_mark is not None else cur.programme.pass_mark,
    )


#: Minutes booked for an exam without a time limit (check requires one; this is a safe floor).
DEFAULT_EXAM_MINUTES = 60


def country_name(profile: CountryProfile) -> str:
    """Return the profile's name, or the ISO name of its code."""
    if profile.name:
        return profile.name
    import pycountry

    found = pycountry.countries.get(alpha_2=profile.country)
    return found.name if found else profile.country
