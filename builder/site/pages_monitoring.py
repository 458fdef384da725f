"""The programme monitoring page: built only from aggregated data, never about one learner.

Levels, targets and due dates come from the country profiles. Learner figures (modules delivered,
exam pass rates) come from the results database (``results/results.sqlite`` under the root, when
there is one) aggregated per country, and any figure about fewer than five learners is left out
(:data:`builder.evidence.MIN_GROUP`). No learner id, name or single result is ever on the site.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from builder.evidence import MIN_GROUP
from builder.evidence.monitoring import dashboard
from builder.site.layout import Page, Site
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


def monitoring_page(site: Site, root: Path) -> Page:
    """Return the programme dashboard page."""
    data = _data(site, root)
    parts = [
        f"# {TITLE}",
        md_inline(
            "Latest maturity level against target per standard and country (✓ target met, "
            "✗ below target, blank: not assessed), each country's trend, when its next "
            "monitoring assessment is due, and what training delivered. Learner figures are "
            f"aggregated per country; groups of fewer than {MIN_GROUP} learners are not shown."
        ),
        _heat(data),
        _trends(data),
        _training(data),
    ]
    return Page(MONITORING, TITLE, site.source, "\n\n".join(parts) + "\n", hide=("toc",))


def _heat(data: dict[str, Any]) -> str:
    head = "".join(f'<th scope="col">{html_text(s)}</th>' for s in data["standards"])
    rows = []
    for c in data["countries"]:
        cells = []
        for h in c["heat"]:
            text = "" if h["level"] is None else f"{h['level']}/{h['target']} {MARKS[h['met']]}"
            cells.append(f'<td style="background:{COLOURS[h["met"]]}">{html_text(text)}</td>')
        rows.append(f'<tr><th scope="row">{html_text(c["country"])}</th>{"".join(cells)}</tr>')
    return (
        '<div class="cur-table-scroll" tabindex="0" role="region" aria-label="Heat map">'
        "<table><caption>Latest level / target, countries × standards</caption>"
        f'<thead><tr><th scope="col">Country</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _trends(data: dict[str, Any]) -> str:
    lines = ["## Trend over assessments", "", "| Country | Date | Kind | Mean level | At target |"]
    lines.append("|---|---|---|--:|--:|")
    for c in data["countries"]:
        for t in c["trend"]:
            lines.append(
                f"| {md_inline(c['country'])} | {t['date']} | {t['kind']} | {t['mean']:.2f} "
                f"| {t['at_target']} |"
            )
    return "\n".join(lines)


def _training(data: dict[str, Any]) -> str:
    lines = [
        "## Monitoring and training",
        "",
        "| Country | Next monitoring due | Modules planned | Modules delivered | Exam pass rates |",
        "|---|---|--:|--:|---|",
    ]
    for c in data["countries"]:
        exams = "; ".join(
            f"{e['quiz']}: {e['pass_rate']:.0%} of {e['learners']}" for e in c["training"]["exams"]
        )
        lines.append(
            f"| {md_inline(c['country'])} | {c['monitoring_due'] or '—'} | {c['planned_modules']} "
            f"| {len(c['training']['modules'])} | {md_inline(exams) or '—'} |"
        )
    return "\n".join(lines)
