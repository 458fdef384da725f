"""A country's plan: gaps, selected modules and why, order, schedule, mentoring, progress.

The plan is the single source that the site's country pages and the course packs use.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from builder.graph import closure, course_order
from builder.model import WEEKDAYS, CountryProfile, Curriculum, Delivery, Module


@dataclass(frozen=True)
class Gap:
    """A standard assessed below its target."""

    standard: str
    title: str
    current: int
    target: int


@dataclass(frozen=True)
class Reason:
    """Why a module is in the plan: a gap it covers, an include, or a module that needs it."""

    kind: Literal["gap", "include", "prerequisite"]
    ref: str


@dataclass(frozen=True)
class PlannedModule:
    """A module of the plan, in plan order."""

    id: str
    title: str
    track: str
    minutes: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Session:
    """A block of one module on one day (a module longer than a day has several parts)."""

    module: str
    title: str
    start: dt.datetime
    end: dt.datetime
    minutes: int
    part: int
    parts: int


@dataclass(frozen=True)
class Day:
    """A delivery day and its sessions."""

    date: dt.date
    sessions: tuple[Session, ...]

    @property
    def minutes(self) -> int:
        """Return the teaching minutes of the day."""
        return sum(s.minutes for s in self.sessions)


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
class ExcludeConflict:
    """An excluded module that a selected module needs."""

    index: int
    excluded: str
    needed_by: str


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


def latest_levels(profile: CountryProfile) -> dict[str, int]:
    """Return each standard's most recent assessed level."""
    levels: dict[str, int] = {}
    for a in sorted(profile.assessments, key=lambda a: a.date):
        levels.update(a.levels)
    return levels


def target_for(profile: CountryProfile, standard: str) -> int | None:
    """Return the target level for a standard (its own, else ``default``), or None."""
    return profile.targets.get(standard, profile.targets.get("default"))


def find_gaps(cur: Curriculum, profile: CountryProfile) -> tuple[Gap, ...]:
    """Return the standards whose latest level is below target, in catalogue order."""
    levels = latest_levels(profile)
    gaps = []
    for s in cur.standards.standards:
        target = target_for(profile, s.id)
        current = levels.get(s.id, 0)
        if target is not None and current < target:
            gaps.append(Gap(s.id, s.title, current, target))
    return tuple(gaps)


def pack_language(cur: Curriculum, profile: CountryProfile) -> str:
    """Return the first of the country's languages that the curriculum offers."""
    offered = cur.programme.languages
    return next(
        (lang for lang in profile.languages if lang in offered), cur.programme.source_language
    )


def module_sort_key(cur: Curriculum) -> object:
    """Return the tie-break key: track sequence, then ``order``, then id."""

    def key(module_id: str) -> tuple[int, int, str]:
        m = cur.modules[module_id].meta
        return (cur.programme.track_index(m.track), m.order, m.id)

    return key


def prerequisite_map(cur: Curriculum) -> dict[str, tuple[str, ...]]:
    """Return each module's prerequisites that exist."""
    return {
        mid: tuple(p for p in m.meta.prerequisites if p in cur.modules)
        for mid, m in cur.modules.items()
    }


def select_modules(
    cur: Curriculum, profile: CountryProfile, gaps: Sequence[Gap]
) -> tuple[dict[str, list[Reason]], tuple[ExcludeConflict, ...]]:
    """Select gap-closing and included modules with prerequisites; report exclude conflicts."""
    excluded = {e.module: i for i, e in enumerate(profile.exclude)}
    reasons: dict[str, list[Reason]] = {}
    gap_ids = {g.standard for g in gaps}
    for mid, m in sorted(cur.modules.items()):
        if m.meta.status != "published" or mid in excluded:
            continue
        for s in m.meta.standards:
            if s in gap_ids:
                reasons.setdefault(mid, []).append(Reason("gap", s))
    for mid in profile.include:
        if mid in cur.modules and mid not in excluded:
            reasons.setdefault(mid, []).append(Reason("include", ""))
    prereqs = prerequisite_map(cur)
    needed = closure(reasons, prereqs)
    conflicts = []
    for mid in sorted(needed):
        for p in prereqs[mid]:
            if p in excluded:
                conflicts.append(ExcludeConflict(excluded[p], p, mid))
    kept = closure(
        reasons, {k: tuple(p for p in v if p not in excluded) for k, v in prereqs.items()}
    )
    for mid in sorted(kept):
        for p in prereqs[mid]:
            if p in kept:
                reasons.setdefault(p, []).append(Reason("prerequisite", mid))
    return reasons, tuple(conflicts)


# : How far ahead delivery days are looked for (a profile whose holidays fill ten years plans
# nothing).
SEARCH_DAYS = 3660


class OutOfDays(Exception):
    """No delivery day is left in the search window."""


def _next_day(days: Iterator[dt.date]) -> dt.date:
    found = next(days, None)
    if found is None:
        raise OutOfDays
    return found


def delivery_days(delivery: Delivery, start: dt.date) -> Iterator[dt.date]:
    """Yield delivery dates from ``start`` on: listed weekdays that are not holidays."""
    allowed = {WEEKDAYS.index(d) for d in delivery.days}
    if not allowed:
        return
    holidays = set(delivery.holidays)
    day = start
    for _ in range(SEARCH_DAYS):
        if day.weekday() in allowed and day not in holidays:
            yield day
        if day == dt.date.max:
            return
        day += dt.timedelta(days=1)


Block = tuple[Module, int, int, int]


def schedule(cur: Curriculum, order: Sequence[str], delivery: Delivery) -> tuple[Day, ...]:
    """Lay modules on delivery days; split a module only when it is longer than a day."""
    capacity = max(int(delivery.hours_per_day * 60), 1)
    hh, mm = (int(x) for x in delivery.start_time.split(":"))
    days: list[tuple[dt.date, list[Block]]] = []
    with contextlib.suppress(OutOfDays):  # the schedule stops where the calendar does
        _fill(cur, order, capacity, delivery_days(delivery, delivery.start), days)
    return tuple(_clock(date, blocks, hh, mm, delivery.break_minutes) for date, blocks in days)


def _fill(
    cur: Curriculum,
    order: Sequence[str],
    capacity: int,
    calendar: Iterator[dt.date],
    days: list[tuple[dt.date, list[Block]]],
) -> None:
    used = capacity  # forces a new day for the first module
    for mid in order:
        module = cur.modules[mid]
        total = module.meta.duration.total
        if total > capacity:  # longer than a day: whole days from a fresh one
            chunks = [capacity] * (total // capacity) + (
                [total % capacity] if total % capacity else []
            )
            for part, chunk in enumerate(chunks, start=1):
                days.append((_next_day(calendar), [(module, chunk, part, len(chunks))]))
            used = chunks[-1]
            continue
        if used + total > capacity:
            days.append((_next_day(calendar), []))
            used = 0
        days[-1][1].append((module, total, 1, 1))
        used += total


def _clock(date: dt.date, blocks: Sequence[Block], hh: int, mm: int, pause: int) -> Day:
    t = dt.datetime.combine(date, dt.time(hh, mm))
    sessions = []
    for module, minutes, part, parts in blocks:
        end = t + dt.timedelta(minutes=minutes)
        sessions.append(Session(module.id, module.meta.title, t, end, minutes, part, parts))
        t = end + dt.timedelta(minutes=pause)
    return Day(date, tuple(sessions))


def follow_up(
    profile: CountryProfile, last_day: dt.date
) -> tuple[tuple[dt.date, ...], dt.date | None]:
    """Return the mentoring visit dates and the next monitoring assessment after training."""
    step = dt.timedelta(weeks=profile.mentoring.every_weeks)
    visits = []
    anchor = last_day
    try:
        for _ in range(profile.mentoring.visits):
            anchor = _next_day(delivery_days(profile.delivery, anchor + step))
            visits.append(anchor)
        monitoring: dt.date | None = _next_day(delivery_days(profile.delivery, anchor + step))
    except (OutOfDays, OverflowError):
        monitoring = None
    return tuple(visits), monitoring


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
    order, _ = course_order(sub, module_sort_key(cur))  # type: ignore[arg-type]
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
