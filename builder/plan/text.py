"""Plain-text and JSON renderings of the course order and of a plan (for the terminal)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from builder.graph.selection import Reason
from builder.model import Curriculum
from builder.plan.plan import Plan, PlannedExam


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def order_json(cur: Curriculum, ids: Sequence[str]) -> str:
    """Return the order as JSON: position, id, track, title, prerequisites."""
    rows = [
        {
            "position": i,
            "id": m,
            "track": cur.modules[m].meta.track,
            "title": cur.modules[m].meta.title,
            "prerequisites": list(cur.modules[m].meta.prerequisites),
        }
        for i, m in enumerate(ids, start=1)
    ]
    return json.dumps({"order": rows}, indent=2, ensure_ascii=False)


def order_text(cur: Curriculum, ids: Sequence[str]) -> str:
    """Return the order as numbered lines grouped under track headings."""
    out: list[str] = []
    track = None
    width = len(str(len(ids)))
    for i, m in enumerate(ids, start=1):
        meta = cur.modules[m].meta
        if meta.track != track:
            track = meta.track
            title = next((t.title for t in cur.programme.tracks if t.id == track), track)
            out.append(f"{'' if not out else chr(10)}{title}")
        out.append(f"  {i:>{width}}. {m}  {meta.title}")
    return "\n".join(out)


def plan_json(plan: Plan) -> str:
    """Return the plan as JSON."""
    data = _jsonable(plan)
    data.pop("conflicts", None)
    data["order"] = list(plan.order)
    return json.dumps(data, indent=2, ensure_ascii=False)


def describe_reason(r: Reason) -> str:
    """Render why a module is in a plan."""
    if r.kind == "gap":
        return f"gap {r.ref}"
    if r.kind == "include":
        return "included by the profile"
    return f"prerequisite of {r.ref}"


def plan_text(cur: Curriculum, plan: Plan) -> str:
    """Return the plan as a readable report."""
    out = [
        f"{plan.name} ({plan.country}) — {plan.administration}",
        f"Language: {plan.language}",
        "",
        "Gaps (standard: current → target)",
    ]
    out += [f"  {g.standard:<7} {g.title}: {g.current} → {g.target}" for g in plan.gaps] or [
        "  none"
    ]
    total = sum(m.minutes for m in plan.modules)
    out += ["", f"Modules in order ({len(plan.modules)}, {total // 60} h {total % 60:02d} min)"]
    for i, m in enumerate(plan.modules, start=1):
        why = "; ".join(describe_reason(r) for r in m.reasons)
        out.append(f"  {i:>2}. {m.id} ({m.minutes} min) — {why}")
    if plan.exclusions:
        out += ["", "Excluded"] + [f"  {mid}: {reason}" for mid, reason in plan.exclusions]
    out += exams_text(plan)
    out += ["", f"Schedule ({len(plan.days)} days, time zone {plan.timezone})"]
    for day in plan.days:
        out.append(f"  {day.date.isoformat()} {day.date.strftime('%a')} ({day.minutes} min)")
        for s in day.sessions:
            part = f" (part {s.part}/{s.parts})" if s.parts > 1 else ""
            exam = " (exam)" if s.kind == "exam" else ""
            out.append(f"    {s.start:%H:%M}–{s.end:%H:%M} {s.module}{exam}{part}")
    out += ["", "Mentoring visits: " + (", ".join(d.isoformat() for d in plan.mentoring) or "none")]
    out.append(
        "Next monitoring assessment: "
        + (plan.next_monitoring.isoformat() if plan.next_monitoring else "not scheduled")
    )
    changed = [p for p in plan.progress if p.change]
    out += ["", "Progress since the first assessment"]
    out += [f"  {p.standard:<7} {p.first} → {p.latest} ({p.change:+d})" for p in changed] or [
        "  no change recorded"
    ]
    return "\n".join(out)


def exams_text(plan: Plan) -> list[str]:
    """Return the exams the country sits: forms, size, time, and a warning when too small."""
    if not plan.exams:
        return []
    out = ["", "Exams (after each track's last module)"]
    for e in plan.exams:
        forms = ", ".join(e.forms)
        out.append(
            f"  {e.id}: {e.questions} questions per form (forms {forms}), {e.time_limit} min, "
            f"pass mark {e.pass_mark}%"
        )
        if e.too_small:
            out.append(f"    warning: {exam_warning(plan, e)}")
    return out


def exam_warning(plan: Plan, e: PlannedExam) -> str:
    """Return the warning for an exam that the plan leaves with too few questions."""
    return (
        f"exam '{e.id}' for {plan.country} has {e.questions} questions on modules of the plan, "
        f"fewer than its min_questions ({e.min_questions}); add questions on planned modules "
        "or plan more modules of the track"
    )
