"""A country's plan: gaps, selected modules and why, order, schedule, mentoring, progress.

The plan is the single source that the site's country pages and the course packs use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
from builder.plan.schedule import Day, follow_up, schedule


@dataclass(frozen=True)
class PlannedModule:
    """A module of the plan, in plan order."""

    id: str
    title: str
    track: str
    minutes: int
    reasons: tuple[Reason, ...]


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
    days = schedule(cur, order, profile.delivery) if profile.delivery.days else ()
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
    )


def country_name(profile: CountryProfile) -> str:
    """Return the profile's name, or the ISO name of its code."""
    if profile.name:
        return profile.name
    import pycountry

    found = pycountry.countries.get(alpha_2=profile.country)
    return found.name if found else profile.country
