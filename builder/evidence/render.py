"""Reports as documents (see ``doc.py``): item analysis, programme dashboard, country report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from builder.evidence.doc import Bars, Block, Document, Heading, Para, Table, fmt

FLAG_WORDS = {
    "too-easy": "too easy",
    "too-hard": "too hard",
    "not-discriminating": "not discriminating",
    "unused-distractor": "a distractor nobody chooses",
    "attractive-distractor": "a distractor the best learners choose",
}


def results_doc(report: Mapping[str, Any]) -> Document:
    """Return the item-analysis report of a cohort."""
    blocks: list[Block] = [
        Para(
            f"{report['learners']} learners (pseudonymous), {report['attempts']} attempts. "
            "Difficulty is the proportion correct; discrimination is the point-biserial "
            "correlation and the upper–lower 27 % index."
        )
    ]
    for q in report["quizzes"]:
        blocks += _quiz_blocks(q)
    blocks += _module_blocks(report["modules"])
    blocks += _gain_blocks(report["gains"])
    return Document(f"Results and item analysis: {report['cohort']}", blocks=tuple(blocks))


def _quiz_blocks(q: Mapping[str, Any]) -> list[Block]:
    items = q["items"]
    rate = q["passed"] / q["learners"] if q["learners"] else 0
    out: list[Block] = [
        Heading(f"{q['quiz']} ({q['mode']})"),
        Para(
            f"{q['attempts']} attempts by {q['learners']} learners; {q['passed']} passed "
            f"(pass mark {q['pass_mark']} %, pass rate {rate:.0%})."
        ),
        Bars(
            f"Difficulty of each item of {q['quiz']}",
            tuple((i["question"], i["difficulty"]) for i in items),
        ),
        Table(
            f"Items of {q['quiz']}",
            ("question", "n", "difficulty", "point-biserial", "item–rest", "upper–lower", "flags"),
            tuple(
                (
                    i["question"],
                    str(i["n"]),
                    fmt(i["difficulty"]),
                    fmt(i["point_biserial"]),
                    fmt(i["item_rest"]),
                    fmt(i["upper_lower"]),
                    ", ".join(FLAG_WORDS[f] for f in i["flags"]),
                )
                for i in items
            ),
        ),
    ]
    rows = tuple(
        (
            f"{i['question']} #{o['index'] + 1}",
            o["text"],
            "key" if o["correct"] else "distractor",
            fmt(o["rate"]),
            fmt(o["upper"]),
            fmt(o["lower"]),
        )
        for i in items
        for o in i["options"]
    )
    if rows:
        head = ("option", "text", "role", "chosen", "upper 27 %", "lower 27 %")
        out.append(Table(f"Option choice rates in {q['quiz']}", head, rows))
    return out


def _module_blocks(modules: list[Mapping[str, Any]]) -> list[Block]:
    if not modules:
        return []
    return [
        Heading("Pass rates per module"),
        Bars(
            "Pass rate per module",
            tuple((m["module"], 100 * m["pass_rate"]) for m in modules),
            100,
            "%",
        ),
        Table(
            "Pass rates per module",
            ("module", "learners", "passed", "pass rate"),
            tuple(
                (m["module"], str(m["learners"]), str(m["passed"]), fmt(m["pass_rate"]))
                for m in modules
            ),
        ),
    ]


def _gain_blocks(gains: list[Mapping[str, Any]]) -> list[Block]:
    if not gains:
        return []
    return [
        Heading("Pre-test and post-test"),
        Table(
            "Mean scores (%) of the learners who took both",
            ("quiz", "learners", "pre", "post", "gain", "normalised gain"),
            tuple(
                (
                    g["quiz"],
                    str(g["learners"]),
                    fmt(g["pre"], 1),
                    fmt(g["post"], 1),
                    fmt(g["gain"], 1),
                    fmt(g["normalised_gain"]),
                )
                for g in gains
            ),
        ),
    ]


# --------------------------------------------------------------------------- dashboard


def _heat_cell(cell: Mapping[str, Any]) -> tuple[str, str]:
    if cell["level"] is None:
        return "–", "none"
    text = f"{cell['level']}/{cell['target']}" if cell["target"] is not None else str(cell["level"])
    return text, "met" if cell["met"] else "below"


def dashboard_doc(data: Mapping[str, Any], published: bool) -> Document:
    """Return the programme dashboard."""
    countries = data["countries"]
    heat = [[_heat_cell(c) for c in country["heat"]] for country in countries]
    blocks: list[Block] = [
        Para(
            "Latest maturity level against target per standard (green: target met, red: below, "
            "grey: not assessed). Learner figures are aggregated per country"
            + (", and withheld for groups of fewer than five learners." if published else ".")
        ),
        Table(
            "Latest level / target, countries × standards",
            ("country", *data["standards"]),
            tuple(
                (c["country"], *(t for t, _ in row)) for c, row in zip(countries, heat, strict=True)
            ),
            tuple(("", *(s for _, s in row)) for row in heat),
        ),
        Heading("Trend over assessments"),
        Table(
            "Mean level and standards at target, per assessment",
            ("country", "date", "kind", "mean level", "at target"),
            tuple(
                (c["country"], t["date"], t["kind"], fmt(t["mean"]), str(t["at_target"]))
                for c in countries
                for t in c["trend"]
            ),
        ),
        Heading("Monitoring and training"),
        Table(
            "Monitoring visits, modules delivered and exam pass rates",
            (
                "country",
                "monitoring due",
                "status",
                "modules planned",
                "modules delivered",
                "exam pass rates",
            ),
            tuple(_country_line(c, data["as_of"]) for c in countries),
        ),
    ]
    for c in countries:
        if len(c["trend"]) > 1:
            bars = tuple((f"{t['date']} ({t['kind']})", t["mean"]) for t in c["trend"])
            blocks.append(
                Bars(f"{c['country']}: mean level per assessment", bars, max(data["scale"] or [4]))
            )
    return Document("Programme monitoring dashboard", blocks=tuple(blocks))


def _country_line(c: Mapping[str, Any], as_of: str) -> tuple[str, ...]:
    exams = "; ".join(
        f"{e['quiz']}: {e['pass_rate']:.0%} of {e['learners']}" for e in c["training"]["exams"]
    )
    status = f"overdue on {as_of}" if c["overdue"] else "on time"
    return (
        c["country"],
        c["monitoring_due"] or "–",
        status if c["monitoring_due"] else "–",
        str(c["planned_modules"]),
        str(len(c["training"]["modules"])),
        exams or "–",
    )


# --------------------------------------------------------------------------- country report


def country_doc(data: Mapping[str, Any]) -> Document:
    """Return one country's monitoring report."""
    blocks: list[Block] = [
        Para(f"{data['administration']}. Report as of {data['as_of']}."),
        Heading("Assessments"),
        Table(
            "Assessments",
            ("date", "kind", "assessor", "notes"),
            tuple(
                (a["date"], a["kind"], a["assessor"] or "–", a["notes"])
                for a in data["assessments"]
            ),
        ),
        Heading("Levels before and after, per standard"),
        _levels_table(data["standards"]),
        Heading("Training delivered and results"),
        Table(
            "Modules delivered",
            ("module", "learners"),
            tuple((m["module"], str(m["learners"])) for m in data["training"]["modules"]),
        ),
        *_module_blocks(data["modules"]),
        *_gain_blocks(data["gains"]),
        *_gap_blocks(data),
    ]
    return Document(f"Monitoring report: {data['country']}", blocks=tuple(blocks))


def _levels_table(stds: list[Mapping[str, Any]]) -> Table:
    return Table(
        "Levels per standard: first and latest assessment",
        ("standard", "first", "latest", "target", "change", "evidence"),
        tuple(
            (
                f"{s['standard']} {s['title']}",
                f"{s['first']} ({s['first_date']})",
                f"{s['latest']} ({s['latest_date']})",
                "–" if s["target"] is None else str(s["target"]),
                f"{s['change']:+d}",
                s["evidence"],
            )
            for s in stds
        ),
        tuple(
            (
                "",
                "",
                "met" if s["target"] is None or s["latest"] >= s["target"] else "below",
                "",
                "",
                "",
            )
            for s in stds
        ),
    )


def _gap_blocks(data: Mapping[str, Any]) -> list[Block]:
    return [
        Heading("Open gaps and the modules that close them next"),
        Table(
            "Open gaps",
            ("standard", "current", "target"),
            tuple(
                (f"{g['standard']} {g['title']}", str(g["current"]), str(g["target"]))
                for g in data["gaps"]
            ),
        ),
        Table(
            "Next modules, in plan order",
            ("module", "title", "closes"),
            tuple(
                (m["module"], m["title"], ", ".join(m["gaps"]) or "(prerequisite or include)")
                for m in data["next_modules"]
            ),
        ),
        Para(
            f"Next monitoring assessment due {data['monitoring_due'] or '–'}"
            + (" (overdue)." if data["overdue"] else ".")
        ),
    ]
