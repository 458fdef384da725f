"""Country pages: gaps, plan and why, schedule, mentoring, progress chart, assessments, pack links.

Profile text (administration, notes, reasons) is data: it is escaped wherever it goes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from builder.graph.selection import Reason
from builder.model import Country
from builder.plan.plan import Plan
from builder.site import i18n
from builder.site.layout import COUNTRIES, STANDARDS, Page, Site, country_path, module_path, rel
from builder.site.markup import admonition, standard_anchor
from builder.site.pages_module import minutes_text, title_in
from builder.site.svg import Bar, progress_chart
from builder.site.text import html_text, md_inline

#: Files of a country's pack linked from its page, as ``curriculum pack`` lays them out in
#: ``build/packs/CC/`` beside ``build/site/`` (instructor files are in the pack, not linked here).
PACK_FILES = (
    ("trainee/handbook.html", "Trainee handbook (web page)"),
    ("trainee/handbook.pdf", "Trainee handbook (PDF)"),
    ("trainee/handbook.epub", "Trainee handbook (EPUB)"),
    ("trainee/handbook.docx", "Trainee handbook (Word)"),
    ("schedule.ics", "Training schedule (calendar file)"),
    ("schedule.csv", "Training schedule (spreadsheet)"),
    ("README.txt", "What is in the pack"),
)


def _section_lang(site: Site, lang: str) -> str:
    return lang if lang in site.languages else site.source


def countries_page(site: Site) -> Page:
    """Return the list of countries with a plan."""
    head = (
        "| Country | Administration | Pack language | Modules | Training days | Training starts "
        "|\n|---|---|---|--:|--:|---|\n"
    )
    rows = []
    for code, plan in sorted(site.course.plans().items()):
        start = plan.days[0].date.isoformat() if plan.days else "—"
        rows.append(
            f"| [{md_inline(plan.name)}]({rel(COUNTRIES, country_path(code))}) | "
            f"{md_inline(plan.administration)} "
            f"| {md_inline(i18n.native_name(plan.language))} | {len(plan.modules)} | "
            f"{len(plan.days)} "
            f"| {start} |"
        )
    body = head + "\n".join(rows) if rows else "No country profile has a plan yet."
    heading = md_inline(i18n.t(site.source, "countries"))
    text = f"# {heading}\n\n{md_inline(i18n.t(site.source, 'countries.lead'))}\n\n{body}\n"
    return Page(COUNTRIES, i18n.t(site.source, "countries"), site.source, text)


def country_page(
    site: Site, country: Country, plan: Plan, pack_files: Mapping[str, Path] | None = None
) -> Page:
    """Return one country's page; ``pack_files`` are its built pack's trainee files by name."""
    files = pack_files or {}
    path = country_path(plan.country)
    title = f"{plan.name}"
    parts = [
        f"# {md_inline(plan.name)}",
        f"**{md_inline(plan.administration)}**",
        _sample_notice(country),
        _facts(country, plan),
        _pack(plan, tuple(files)),
        _gaps(plan, path),
        _plan(site, plan, path),
        _schedule(plan),
        _follow_up(plan),
        _progress(site, plan),
        _assessments(country),
    ]
    assets = tuple(
        (str(src), pack_target(plan.country, name)) for name, src in sorted(files.items())
    )
    return Page(path, title, site.source, "\n\n".join(p for p in parts if p) + "\n", assets)


def _sample_notice(country: Country) -> str:
    if not country.profile.sample_data:
        return ""
    return admonition(
        "warning",
        "Illustrative data",
        (
            "The assessment levels, notes and dates of this profile are illustrative; they are "
            "not a real assessment of the administration."
        ),
    )


def _facts(country: Country, plan: Plan) -> str:
    p = country.profile
    rows = [
        ("Region", p.region or "—"),
        ("Pack language", i18n.native_name(plan.language)),
        ("Time zone", plan.timezone),
    ]
    return "\n".join(f"- **{k}:** {md_inline(v)}" for k, v in rows)


def pack_target(code: str, name: str) -> str:
    """Return where a pack file is published inside the site (docs-relative)."""
    return f"packs/{code}/{name}"


def _pack(plan: Plan, files: Sequence[str]) -> str:
    """Return links to the country's trainee pack files published inside the site.

    Only files that exist are linked (the site copies them in), so every link works from a web
    server and from the file system alike; without a built pack the section says how to build
    one. The zip and the instructor files are never published on the trainee site.
    """
    code = html_text(plan.country)
    labels = dict(PACK_FILES)
    here = country_path(plan.country)
    items = "".join(
        f'<li><a href="{html_text(rel(here, pack_target(plan.country, name)))}">'
        f"{html_text(labels[name])}</a></li>"
        for name, _ in PACK_FILES
        if name in files
    )
    if not items:
        return (
            f'## Course pack\n\n<p class="cur-pack-note">The course pack of this country is not '
            f"published with this site yet: <code>curriculum build</code> (or <code>curriculum "
            f"pack {code}</code>, then <code>curriculum site</code>) builds it "
            "and puts its trainee files here.</p>"
        )
    return f'## Course pack\n\n<ul class="cur-pack">{items}</ul>'


def _std_link(path: str, standard: str) -> str:
    return f"[{md_inline(standard)}]({rel(path, STANDARDS)}#{standard_anchor(standard)})"


def _gaps(plan: Plan, path: str) -> str:
    if not plan.gaps:
        return "## Gaps\n\nNo standard is below its target."
    rows = "\n".join(
        f"| {_std_link(path, g.standard)} | {md_inline(g.title)} | {g.current} | {g.target} |"
        for g in plan.gaps
    )
    return (
        f"## Gaps\n\n{len(plan.gaps)} standards are below their target.\n\n| Standard | Title "
        f"| Current level | Target |\n|---|---|--:|--:|\n{rows}"
    )


def describe(site: Site, r: Reason) -> str:
    """Return why a module is planned, in words."""
    if r.kind == "gap":
        return f"covers gap {r.ref}"
    if r.kind == "include":
        return "requested by the administration"
    return f"needed by {title_in(site, r.ref, site.source)}"


def _plan(site: Site, plan: Plan, path: str) -> str:
    lang = _section_lang(site, plan.language)
    total = sum(m.minutes for m in plan.modules)
    items = []
    for m in plan.modules:
        why = "; ".join(dict.fromkeys(describe(site, r) for r in m.reasons))
        name = md_inline(title_in(site, m.id, lang))
        link = (
            f"[{name}]({rel(path, module_path(m.id, lang, site.source))})"
            if site.on_site(m.id)
            else name
        )
        items.append(f"1. {link} — {md_inline(minutes_text(m.minutes))}; {md_inline(why)}")
    out = (
        f"## Plan\n\n{len(plan.modules)} modules, {md_inline(minutes_text(total))} in all, "
        "in teaching order.\n\n"
    ) + "\n".join(items)
    if plan.exclusions:
        left = "\n".join(
            (
                "- "
                f"{md_inline(title_in(site, mid, site.source) if mid in site.cur.modules else mid)}"
                ": "
                f"{md_inline(why)}"
            )
            for mid, why in plan.exclusions
        )
        out += f"\n\n### Left out\n\n{left}"
    return out


def _schedule(plan: Plan) -> str:
    if not plan.days:
        return ""
    rows = []
    for day in plan.days:
        for s in day.sessions:
            part = f" (part {s.part} of {s.parts})" if s.parts > 1 else ""
            rows.append(
                f"| {day.date.isoformat()} ({day.date.strftime('%a')}) | "
                f"{s.start:%H:%M}–{s.end:%H:%M} "
                f"| {md_inline(s.title)}{part} |"
            )
    head = (
        f"## Schedule\n\n{len(plan.days)} training days; times are local "
        f"({md_inline(plan.timezone)}).\n\n| "
        "Date | Time | Module |\n|---|---|---|\n"
    )
    return head + "\n".join(rows)


def _follow_up(plan: Plan) -> str:
    lines = []
    if plan.mentoring:
        lines.append("- **Mentoring visits:** " + ", ".join(d.isoformat() for d in plan.mentoring))
    if plan.next_monitoring:
        lines.append(f"- **Next monitoring assessment:** {plan.next_monitoring.isoformat()}")
    return "## Mentoring and monitoring\n\n" + "\n".join(lines) if lines else ""


def _progress(site: Site, plan: Plan) -> str:
    if not plan.progress:
        return ""
    bars = [Bar(p.standard, p.first, p.latest, p.target) for p in plan.progress]
    improved = sum(1 for p in plan.progress if p.change > 0)
    desc = (
        f"Maturity level of {len(bars)} standards at the first and the latest assessment; "
        f"{improved} "
        "improved. Each row gives first → latest / target."
    )
    svg = progress_chart(
        bars,
        site.cur.programme.max_level,
        f"Progress between assessments — {plan.name}",
        desc,
        {"first": "First assessment", "latest": "Latest assessment", "target": "Target"},
    )
    rows = "\n".join(
        (
            f"| {md_inline(p.standard)} | {p.first} | {p.latest} | "
            f"{'—' if p.target is None else p.target} "
            f"| {p.change:+d} |"
        )
        for p in plan.progress
    )
    scale = "; ".join(f"{s.level} {s.name}" for s in site.cur.programme.maturity_scale)
    return (
        f"## Progress between assessments\n\nMaturity scale: {md_inline(scale)}.\n\n"
        f'<div class="cur-chart-wrap">{svg}</div>\n\n'
        f"| Standard | First | Latest | Target | Change |\n|---|--:|--:|--:|--:|\n{rows}"
    )


def _assessments(country: Country) -> str:
    items = []
    for a in sorted(country.profile.assessments, key=lambda a: a.date):
        notes = md_inline(a.notes) if a.notes else "No notes."
        items.append(
            f"### {a.date.isoformat()} — {a.kind}\n\n{notes}\n\n{len(a.levels)} standards assessed."
        )
    return "## Assessments\n\n" + "\n\n".join(items) if items else ""
