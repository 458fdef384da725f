"""The programme monitoring page: built only from aggregated data, never about one learner.

Levels, targets and due dates come from the country profiles. Learner figures (modules delivered,
exam pass rates) come from the results database (``results/results.sqlite`` under the root, when
there is one) aggregated per country, and any figure about fewer than five learners is left out
(:data:`builder.evidence.MIN_GROUP`). No learner id, name or single result is ever on the site.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from builder.evidence import MIN_GROUP
from builder.evidence.monitoring import dashboard
from builder.i18n import locale
from builder.site import i18n
from builder.site.layout import Page, Site, localized
from builder.site.pages_country import country_name
from builder.site.text import html_text, md_inline

MONITORING = "countries/monitoring.md"
TITLE = "Programme monitoring"
COLOURS = {True: "#c8e6c9", False: "#ffcdd2", None: "#eeeeee"}
MARKS = {True: "✓", False: "✗", None: ""}


def results_db(root: Path) -> Path:
    """Return where the results database is kept (it is read, never published)."""
    return root / "results" / "results.sqlite"


def _data(site: Site, root: Path) -> dict[str, Any]:
    db = results_db(root)
    if not db.is_file():
        return dashboard(site.course, None, None, published=True)
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return dashboard(site.course, conn, None, published=True)


def monitoring_page(site: Site, root: Path, lang: str = "") -> Page:
    """Return the programme dashboard page of a language section."""
    lang = lang or site.source
    data = _data(site, root)
    title = i18n.t(lang, "monitoring")
    parts = [
        f"# {md_inline(title)}",
        md_inline(i18n.t(lang, "monitoring.lead", n=MIN_GROUP)),
        _heat(site, data, lang),
        _trends(site, data, lang),
        _training(site, data, lang),
    ]
    path = localized(MONITORING, lang, site.source)
    return Page(path, title, lang, "\n\n".join(parts) + "\n", hide=("toc",))


def _heat(site: Site, data: dict[str, Any], lang: str) -> str:
    head = "".join(f'<th scope="col">{html_text(s)}</th>' for s in data["standards"])
    rows = []
    for c in data["countries"]:
        cells = []
        for h in c["heat"]:
            text = "" if h["level"] is None else f"{h['level']}/{h['target']} {MARKS[h['met']]}"
            cells.append(f'<td style="background:{COLOURS[h["met"]]}">{html_text(text)}</td>')
        name = html_text(country_name(site, c["country"], lang))
        rows.append(f'<tr><th scope="row">{name}</th>{"".join(cells)}</tr>')
    label = html_text(i18n.t(lang, "mon.heat"))
    caption = html_text(i18n.t(lang, "mon.heat.caption"))
    country = html_text(i18n.t(lang, "mon.col.country"))
    return (
        f'<div class="cur-table-scroll" tabindex="0" role="region" aria-label="{label}">'
        f"<table><caption>{caption}</caption>"
        f'<thead><tr><th scope="col">{country}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _cols(lang: str, *keys: str) -> str:
    return "| " + " | ".join(md_inline(i18n.t(lang, f"mon.col.{k}")) for k in keys) + " |"


def _trends(site: Site, data: dict[str, Any], lang: str) -> str:
    lines = [
        f"## {md_inline(i18n.t(lang, 'mon.trend'))}",
        "",
        _cols(lang, "country", "date", "kind", "mean", "at_target"),
        "|---|---|---|--:|--:|",
    ]
    for c in data["countries"]:
        name = md_inline(country_name(site, c["country"], lang))
        for t in c["trend"]:
            date = locale.format_date(dt.date.fromisoformat(t["date"]), lang)
            kind = i18n.t(lang, f"assess.{t['kind']}")
            lines.append(
                f"| {name} | {md_inline(date)} | {md_inline(kind)} "
                f"| {md_inline(locale.format_number(t['mean'], lang))} | {t['at_target']} |"
            )
    return "\n".join(lines)


def _training(site: Site, data: dict[str, Any], lang: str) -> str:
    lines = [
        f"## {md_inline(i18n.t(lang, 'mon.training'))}",
        "",
        _cols(lang, "country", "due", "planned", "delivered", "pass_rates"),
        "|---|---|--:|--:|---|",
    ]
    for c in data["countries"]:
        exams = "; ".join(
            i18n.t(
                lang,
                "mon.pass_rate",
                quiz=e["quiz"],
                rate=locale.format_number(round(e["pass_rate"] * 100), lang),
                n=e["learners"],
            )
            for e in c["training"]["exams"]
        )
        due = c["monitoring_due"]
        due_text = locale.format_date(dt.date.fromisoformat(due), lang) if due else "—"
        lines.append(
            f"| {md_inline(country_name(site, c['country'], lang))} | {md_inline(due_text)} "
            f"| {c['planned_modules']} | {len(c['training']['modules'])} "
            f"| {md_inline(exams) or '—'} |"
        )
    return "\n".join(lines)
