"""Delivery days, the day-by-day schedule of a plan's modules, and mentoring after training."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from builder.model import WEEKDAYS, CountryProfile, Curriculum, Delivery

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


@dataclass(frozen=True)
class Item:
    """Something to lay on the calendar: a module, or a track's exam after its last module."""

    id: str
    title: str
    minutes: int
    kind: str = "module"


@dataclass(frozen=True)
class ExamSlot:
    """A track's exam, sat right after ``after`` (the last planned module of the track)."""

    id: str
    title: str
    minutes: int
    after: str


Block = tuple[Item, int, int, int]


def schedule(
    cur: Curriculum,
    order: Sequence[str],
    delivery: Delivery,
    exams: Sequence[ExamSlot] = (),
) -> tuple[Day, ...]:
    """Lay modules (and exams) on delivery days; split one only when it is longer than a day."""
    capacity = max(int(delivery.hours_per_day * 60), 1)
    hh, mm = (int(x) for x in delivery.start_time.split(":"))
    days: list[tuple[dt.date, list[Block]]] = []
    with contextlib.suppress(OutOfDays):  # the schedule stops where the calendar does
        _fill(_items(cur, order, exams), capacity, delivery_days(delivery, delivery.start), days)
    return tuple(_clock(date, blocks, hh, mm, delivery.break_minutes) for date, blocks in days)


def _items(cur: Curriculum, order: Sequence[str], exams: Sequence[ExamSlot]) -> list[Item]:
    after: dict[str, list[ExamSlot]] = {}
    for e in exams:
        after.setdefault(e.after, []).append(e)
    out = []
    for mid in order:
        meta = cur.modules[mid].meta
        out.append(Item(mid, meta.title, meta.duration.total))
        out += [Item(e.id, e.title, e.minutes, "exam") for e in after.get(mid, ())]
    return out


def _fill(
    items: Sequence[Item],
    capacity: int,
    calendar: Iterator[dt.date],
    days: list[tuple[dt.date, list[Block]]],
) -> None:
    used = capacity  # forces a new day for the first module
    for item in items:
        total = item.minutes
        if total > capacity:  # longer than a day: whole days from a fresh one
            chunks = [capacity] * (total // capacity) + (
                [total % capacity] if total % capacity else []
            )
            for part, chunk in enumerate(chunks, start=1):
                days.append((_next_day(calendar), [(item, chunk, part, len(chunks))]))
            used = chunks[-1]
            continue
        if used + total > capacity:
            days.append((_next_day(calendar), []))
            used = 0
        days[-1][1].append((item, total, 1, 1))
        used += total


def _clock(date: dt.date, blocks: Sequence[Block], hh: int, mm: int, pause: int) -> Day:
    t = dt.datetime.combine(date, dt.time(hh, mm))
    sessions = []
    for item, minutes, part, parts in blocks:
        end = t + dt.timedelta(minutes=minutes)
        sessions.append(Session(item.id, item.title, t, end, minutes, part, parts, item.kind))
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
    kind: str = "module"
    """`module`, or `exam` for a track's exam (``module`` then holds the exam id)."""


@dataclass(frozen=True)
class Day:
    """A delivery day and its sessions."""

    date: dt.date
    sessions: tuple[Session, ...]

    @property
    def minutes(self) -> int:
        """Return the minutes of the day's sessions (teaching and exams)."""
        return sum(s.minutes for s in self.sessions)
