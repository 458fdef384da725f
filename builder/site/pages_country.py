"""Country pages: gaps, plan and why, schedule, mentoring, progress chart, assessments, pack links.

Profile text (administration, notes, reasons) is data: it is escaped wherever it goes. Every page
exists in each language section, its words from the ``site`` strings and its names and dates from
CLDR.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from builder.graph.selection import Reason
from builder.i18n import locale
from builder.i18n.locale import join
from builder.model import Country
from builder.plan.plan import Plan
from builder.site import i18n
from builder.site.layout import (
    COUNTRIES,
    STANDARDS,
    Page,
    Site,
    country_path,
    localized,
    module_path,
    rel,
)
from builder.site.markup import admonition, standard_anchor
from builder.site.pages_module import in_lang, minutes_text, title_in
from builder.site.svg import Bar, progress_chart
from builder.site.text import html_text, md_inline

#: Files of a country's pack linked from its page (string key of each label), as ``curriculum
#: pack`` lays them out in ``build/packs/CC/`` beside ``build/site/`` (instructor files are in the
#: pack, not linked here).
PACK_FILES = (
    ("trainee/handbook.html", "pack.html"),
    ("trainee/handbook.pdf", "pack.pdf"),
    ("trainee/handbook.epub", "pack.epub"),
    ("trainee/handbook.docx", "pack.docx"),
    ("schedule.ics", "pack.ics"),
    ("schedule.csv", "pack.csv"),
    ("README.txt", "pack.readme"),
)


def _section_lang(site: Site, lang: str) -> str:
    return lang if lang in site.languages else site.source


def country_name(site: Site, code: str, lang: str) -> str:
    """Return a country's name in ``lang`` (the profile's own ``name`` when it has one)."""
    profile = site.cur.countries[code].profile
    return profile.name or locale.country_name(code, lang)


def _date(day: object, lang: str) -> str:
    import datetime as dt

    return locale.format_date(day, lang) if isinstance(day, dt.date) else "—"


def countries_page(site: Site, lang: str = "") -> Page:
    """Return the list of countries with a plan."""
    lang = lang or site.source
    here = localized(COUNTRIES, lang, site.source)
    cols = ("country", "administration", "language", "modules", "days", "start")
    head = (
        "| "
        + " | ".join(md_inline(i18n.t(lang, f"countries.col.{c}")) for c in cols)
        + " |\n|---|---|---|--:|--:|---|\n"
    )
    rows = []
    for code, plan in sorted(site.course.plans().items()):
        start = _date(plan.days[0].date, lang) if plan.days else "—"
        target = rel(here, localized(country_path(code), lang, site.source))
        rows.append(
            f"| [{md_inline(country_name(site, code, lang))}]({target}) | "
            f"{md_inline(plan.administration)} "
            f"| {md_inline(i18n.native_name(plan.language))} | {len(plan.modules)} | "
            f"{len(plan.days)} "
            f"| {md_inline(start)} |"
        )
    body = head + "\n".join(rows) if rows else md_inline(i18n.t(lang, "countries.none"))
    heading = md_inline(i18n.t(lang, "countries"))
    text = f"# {heading}\n\n{md_inline(i18n.t(lang, 'countries.lead'))}\n\n{body}\n"
    return Page(here, i18n.t(lang, "countries"), lang, text)


def country_page(
    site: Site,
    country: Country,
    plan: Plan,
    lang: str = "",
    pack_files: Mapping[str, Path] | None = None,
) -> Page:
    """Return one country's page in ``lang``; ``pack_files`` are its built pack's trainee files
    by name (published inside the site, copied in once, by the source language's page)."""
    lang = lang or site.source
    files = pack_files or {}
    path = localized(country_path(plan.country), lang, site.source)
    name = country_name(site, plan.country, lang)
    parts = [
        f"# {md_inline(name)}",
        f"**{md_inline(plan.administration)}**",
        _sample_notice(country, lang),
        _facts(site, country, plan, lang),
        _pack(plan, path, lang, tuple(files)),
        _gaps(site, plan, path, lang),
        _plan(site, plan, path, lang),
        _schedule(site, plan, lang),
        _follow_up(plan, lang),
        _progress(site, plan, name, lang),
        _assessments(site, country, lang),
    ]
    assets = (
        tuple((str(src), pack_target(plan.country, n)) for n, src in sorted(files.items()))
        if lang == site.source
        else ()
    )
    return Page(path, name, lang, "\n\n".join(p for p in parts if p) + "\n", assets)


def _sample_notice(country: Country, lang: str) -> str:
    if not country.profile.sample_data:
        return ""
    return admonition(
        "warning", i18n.t(lang, "country.sample.title"), md_inline(i18n.t(lang, "country.sample"))
    )


def _facts(site: Site, country: Country, plan: Plan, lang: str) -> str:
    p = country.profile
    rows = [
        (
            i18n.t(lang, "country.region"),
            in_lang(md_inline(p.region), site.source, lang) if p.region else "—",
        ),
        (i18n.t(lang, "country.language"), md_inline(i18n.native_name(plan.language))),
        (i18n.t(lang, "country.timezone"), md_inline(plan.timezone)),
    ]
    return "\n".join(f"- **{md_inline(_colon(k, lang))}** {v}" for k, v in rows)


def _colon(text: str, lang: str) -> str:
    return locale.typography(f"{text}:", lang)


def pack_target(code: str, name: str) -> str:
    """Return where a pack file is published inside the site (docs-relative)."""
    return f"packs/{code}/{name}"


def _pack(plan: Plan, path: str, lang: str, files: Sequence[str]) -> str:
    """Return links to the country's trainee pack files published inside the site.

    Only files that exist are linked (the site copies them in), so every link works from a web
    server and from the file system alike; without a built pack the section says how to build
    one. The zip and the instructor files are never published on the trainee site.
    """
    title = md_inline(i18n.t(lang, "pack.title"))
    items = "".join(
        f'<li><a href="{html_text(rel(path, pack_target(plan.country, name)))}">'
        f"{html_text(i18n.t(lang, key))}</a></li>"
        for name, key in PACK_FILES
        if name in files
    )
    if not items:
        note = re.sub(
            r"`([^`]+)`",
            r"<code>\1</code>",
            html_text(i18n.t(lang, "pack.unpublished", code=plan.country)),
        )
        return f'## {title}\n\n<p class="cur-pack-note">{note}</p>'
    return f'## {title}\n\n<ul class="cur-pack">{items}</ul>'


def _std_link(site: Site, path: str, standard: str, lang: str) -> str:
    target = rel(path, localized(STANDARDS, lang, site.source))
    return f"[{md_inline(standard)}]({target}#{standard_anchor(standard)})"


def _gaps(site: Site, plan: Plan, path: str, lang: str) -> str:
    title = md_inline(i18n.t(lang, "gaps.title"))
    if not plan.gaps:
        return f"## {title}\n\n{md_inline(i18n.t(lang, 'gaps.none'))}"
    std = {s.id: s.title for s in site.cur.standards_in(lang).standards}
    rows = "\n".join(
        f"| {_std_link(site, path, g.standard, lang)} | {md_inline(std.get(g.standard, g.title))} "
        f"| {g.current} | {g.target} |"
        for g in plan.gaps
    )
    cols = " | ".join(
        md_inline(i18n.t(lang, f"gaps.col.{c}")) for c in ("standard", "title", "current", "target")
    )
    lead = md_inline(i18n.t(lang, "gaps.lead", n=len(plan.gaps)))
    return f"## {title}\n\n{lead}\n\n| {cols} |\n|---|---|--:|--:|\n{rows}"


def describe(site: Site, r: Reason, lang: str = "") -> str:
    """Return why a module is planned, in words."""
    lang = lang or site.source
    if r.kind == "gap":
        return i18n.t(lang, "reason.gap", ref=r.ref)
    if r.kind == "include":
        return i18n.t(lang, "reason.include")
    return i18n.t(lang, "reason.prerequisite", module=title_in(site, r.ref, lang))


def _plan(site: Site, plan: Plan, path: str, lang: str) -> str:
    mod_lang = lang if lang != site.source else _section_lang(site, plan.language)
    total = sum(m.minutes for m in plan.modules)
    items = []
    for m in plan.modules:
        why = join(
            list(dict.fromkeys(describe(site, r, lang) for r in m.reasons)), lang, strong=True
        )
        name = md_inline(title_in(site, m.id, mod_lang))
        link = (
            f"[{name}]({rel(path, module_path(m.id, mod_lang, site.source))})"
            if site.on_site(m.id)
            else name
        )
        sep = join(["", ""], lang, strong=True)
        items.append(f"1. {link} — {md_inline(minutes_text(m.minutes, lang))}{sep}{md_inline(why)}")
    lead = i18n.t(lang, "plan.lead", n=len(plan.modules), time=minutes_text(total, lang))
    out = f"## {md_inline(i18n.t(lang, 'plan.title'))}\n\n{md_inline(lead)}\n\n" + "\n".join(items)
    if plan.exclusions:
        left = "\n".join(
            (
                "- "
                f"{md_inline(title_in(site, mid, lang) if mid in site.cur.modules else mid)}"
                ": "
                f"{md_inline(why)}"
            )
            for mid, why in plan.exclusions
        )
        out += f"\n\n### {md_inline(i18n.t(lang, 'plan.left_out'))}\n\n{left}"
    return out


def _schedule(site: Site, plan: Plan, lang: str) -> str:
    if not plan.days:
        return ""
    rows = []
    for day in plan.days:
        for s in day.sessions:
            part = (
                f" ({i18n.t(lang, 'schedule.part', part=s.part, parts=s.parts)})"
                if s.parts > 1
                else ""
            )
            title = title_in(site, s.module, lang) if s.kind == "module" else s.title
            rows.append(
                f"| {md_inline(locale.format_date(day.date, lang, 'full'))} | "
                f"{s.start:%H:%M}–{s.end:%H:%M} "
                f"| {md_inline(title)}{md_inline(part)} |"
            )
    lead = i18n.t(lang, "schedule.lead", n=len(plan.days), tz=plan.timezone)
    cols = " | ".join(
        md_inline(i18n.t(lang, f"schedule.col.{c}")) for c in ("date", "time", "module")
    )
    return (
        f"## {md_inline(i18n.t(lang, 'schedule.title'))}\n\n{md_inline(lead)}\n\n"
        f"| {cols} |\n|---|---|---|\n" + "\n".join(rows)
    )


def _follow_up(plan: Plan, lang: str) -> str:
    lines = []
    if plan.mentoring:
        visits = join([locale.format_date(d, lang) for d in plan.mentoring], lang)
        label = _colon(i18n.t(lang, "follow.visits"), lang)
        lines.append(f"- **{md_inline(label)}** {md_inline(visits)}")
    if plan.next_monitoring:
        label = _colon(i18n.t(lang, "follow.monitoring"), lang)
        when = locale.format_date(plan.next_monitoring, lang)
        lines.append(f"- **{md_inline(label)}** {md_inline(when)}")
    title = md_inline(i18n.t(lang, "follow.title"))
    return f"## {title}\n\n" + "\n".join(lines) if lines else ""


def _progress(site: Site, plan: Plan, name: str, lang: str) -> str:
    if not plan.progress:
        return ""
    bars = [Bar(p.standard, p.first, p.latest, p.target) for p in plan.progress]
    improved = sum(1 for p in plan.progress if p.change > 0)
    desc = i18n.t(lang, "chart.desc", n=len(bars), improved=improved)
    title = i18n.t(lang, "chart.title")
    svg = progress_chart(
        bars,
        site.cur.programme.max_level,
        f"{title} — {name}",
        desc,
        {k: i18n.t(lang, f"chart.{k}") for k in ("first", "latest", "target")},
    )
    rows = "\n".join(
        (
            f"| {md_inline(p.standard)} | {p.first} | {p.latest} | "
            f"{'—' if p.target is None else p.target} "
            f"| {p.change:+d} |"
        )
        for p in plan.progress
    )
    levels = site.cur.programme_in(lang).maturity_scale
    scale = join([f"{s.level} {s.name}" for s in levels], lang, strong=True)
    cols = " | ".join(
        md_inline(i18n.t(lang, f"chart.col.{c}"))
        for c in ("standard", "first", "latest", "target", "change")
    )
    scale_line = md_inline(i18n.t(lang, "chart.scale", scale=scale))
    return (
        f"## {md_inline(title)}\n\n{scale_line}\n\n"
        f'<div class="cur-chart-wrap">{svg}</div>\n\n'
        f"| {cols} |\n|---|--:|--:|--:|--:|\n{rows}"
    )


def _assessments(site: Site, country: Country, lang: str) -> str:
    items = []
    for a in sorted(country.profile.assessments, key=lambda a: a.date):
        notes = (
            in_lang(md_inline(a.notes), site.source, lang)
            if a.notes
            else md_inline(i18n.t(lang, "assess.no_notes"))
        )
        count = md_inline(i18n.t(lang, "assess.count", n=len(a.levels)))
        when = md_inline(locale.format_date(a.date, lang))
        kind = md_inline(i18n.t(lang, f"assess.{a.kind}"))
        items.append(f"### {when} — {kind}\n\n{notes}\n\n{count}")
    title = md_inline(i18n.t(lang, "assess.title"))
    return f"## {title}\n\n" + "\n\n".join(items) if items else ""
