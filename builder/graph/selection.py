"""A country's gaps and the modules that close them: gap, include and prerequisite reasons, and
the exclusions that would remove a prerequisite a selected module needs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from builder.graph.order import closure, prerequisite_map
from builder.model import CountryProfile, Curriculum


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
class ExcludeConflict:
    """An excluded module that a selected module needs."""

    index: int
    excluded: str
    needed_by: str


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
