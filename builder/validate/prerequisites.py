"""Prerequisite rules: every prerequisite exists, comes no later, is active; no cycle; no
exclusion in a country profile removes a prerequisite that its plan needs."""

from __future__ import annotations

from builder.graph.order import course_order, find_cycles, module_sort_key, prerequisite_map
from builder.graph.selection import find_gaps, select_modules
from builder.load.loader import Loaded, RawCurriculum
from builder.model import Curriculum, ModuleMeta
from builder.validate.known import Known
from builder.validate.sink import Sink, unknown


def check_prerequisites(sink: Sink, f: Loaded, m: ModuleMeta, known: Known) -> None:
    """Check that a module's prerequisites exist, come no later in the course, and are active."""
    pool = known.module_set
    for i, v in enumerate(m.prerequisites):
        if v not in pool:
            unknown(sink, f, ("prerequisites", i), "prereq.unknown", "prerequisite module", v, pool)
    check_prereq_placement(sink, f, m, known)


def check_prereq_placement(sink: Sink, f: Loaded, m: ModuleMeta, known: Known) -> None:
    """Check that prerequisites are in the same or an earlier track, and published."""
    p = known.programme
    for i, pid in enumerate(m.prerequisites):
        other = known.metas.get(pid)
        if other is None:
            continue
        tracks = known.tracks or []
        if (
            p is not None
            and other.track in tracks
            and m.track in tracks
            and p.track_index(other.track) > p.track_index(m.track)
        ):
            sink.at(
                f,
                ("prerequisites", i),
                "prereq.later-track",
                (
                    f"prerequisite '{pid}' is in track '{other.track}', which comes after this "
                    f"module's track '{m.track}'"
                ),
            )
        if m.status == "published" and other.status != "published":
            sink.at(
                f,
                ("prerequisites", i),
                "prereq.inactive",
                f"prerequisite '{pid}' is {other.status}",
            )


def check_cycles(sink: Sink, raw: RawCurriculum, cur: Curriculum) -> tuple[str, ...]:
    """Return the course order; report one prerequisite cycle per strongly connected component."""
    prereqs = prerequisite_map(cur)
    order, left = course_order(prereqs, module_sort_key(cur))
    if left:
        files = {f.value.id: f for f in raw.modules if f.value is not None}
        for cycle in find_cycles(prereqs):
            f = files[cycle[0]]
            idx = list(f.value.prerequisites).index(cycle[1])
            sink.at(
                f,
                ("prerequisites", idx),
                "prereq.cycle",
                "prerequisite cycle: " + " → ".join(cycle),
            )
    return tuple(order)


def check_exclusions(sink: Sink, raw: RawCurriculum, cur: Curriculum) -> None:
    """Report every exclusion that removes a prerequisite of a module a country's plan selects."""
    check_plan_exclusions(sink, tuple(f for _, f in raw.countries), cur)


def check_plan_exclusions(sink: Sink, countries: tuple[Loaded, ...], cur: Curriculum) -> None:
    """:func:`check_exclusions` given the country files (reads no module body: the orchestrator
    hands it a curriculum without them, so that its result is cached across body edits)."""
    files = {f.value.country: f for f in countries if f.value is not None}
    for code, country in cur.countries.items():
        profile = country.profile
        if not profile.delivery.days:
            continue
        _, conflicts = select_modules(cur, profile, find_gaps(cur, profile))
        for c in conflicts:
            sink.at(
                files[code],
                ("exclude", c.index, "module"),
                "exclude.breaks-prereq",
                (
                    f"excluding '{c.excluded}' removes a prerequisite of selected module "
                    f"'{c.needed_by}'"
                ),
            )
