"""The pages around the modules.

Home, tracks, language homes, map, standards, progress, authoring.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from builder.model import GlossaryEntry
from builder.safety import json_for_html
from builder.site import i18n
from builder.site.layout import (
    AUTHORING,
    COUNTRIES,
    HOME,
    MAP,
    PROGRESS,
    STANDARDS,
    Page,
    Site,
    certificate_path,
    glossary_path,
    href,
    language_home,
    module_path,
    rel,
    track_path,
)
from builder.site.markup import admonition, standard_anchor
from builder.site.pages_module import exam_section, in_lang, minutes_text, module_link, title_in
from builder.site.svg import MapNode, track_map
from builder.site.text import body_markdown, html_text, md_inline


def _state(module_id: str) -> str:
    return f'<span class="cur-state" data-module="{html_text(module_id)}"></span>'


def _minutes(site: Site, ids: tuple[str, ...]) -> int:
    return sum(site.module(m).meta.duration.total for m in ids)


def home_page(site: Site) -> Page:
    """Return the home page: the programme, where to start, the tracks, the other pages."""
    p, lang = site.cur.programme, site.source
    parts = [f"# {md_inline(p.title)}"]
    if p.description:
        parts.append(md_inline(p.description))
    if site.order:
        first = site.order[0]
        parts.append(
            f"## {md_inline(i18n.t(lang, 'start'))}\n\n{md_inline(i18n.t(lang, 'start.text'))} "
            f"{module_link(site, HOME, first, lang)}."
        )
        parts.append(continue_section(site, HOME, lang))
    tracks = []
    for i, t in enumerate(p.tracks, start=1):
        ids = site.by_track.get(t.id, ())
        count = i18n.t(lang, "module.count", n=len(ids), hours=minutes_text(_minutes(site, ids)))
        tracks.append(
            f"{i}. **[{md_inline(t.title)}]({rel(HOME, track_path(t.id))})** — "
            f"{md_inline(t.summary)} "
            f"*{md_inline(count)}*"
        )
    parts.append(f"## {md_inline(i18n.t(lang, 'tracks'))}\n\n" + "\n".join(tracks))
    links = [
        (MAP, "map", "home.map"),
        (STANDARDS, "standards", "home.standards"),
        (PROGRESS, "progress", "home.progress"),
        (COUNTRIES, "countries", "home.countries"),
        (certificate_path(lang, site.source), "certificate", "home.certificate"),
    ]
    parts.append(
        f"## {md_inline(i18n.t(lang, 'home.onsite'))}\n\n"
        + "\n".join(
            (
                f"- [{md_inline(i18n.t(lang, title))}]({rel(HOME, path)}): "
                f"{md_inline(i18n.t(lang, what))}"
            )
            for path, title, what in links
        )
    )
    if site.languages:
        items = []
        for lg in site.languages:
            n = sum(1 for m in site.order if lg in site.module(m).translations)
            items.append(
                f'- <a href="{href(HOME, language_home(lg))}" hreflang="{lg}" '
                f'lang="{lg}">{html_text(i18n.native_name(lg))}</a>: '
                f"{md_inline(i18n.t(lang, 'lang.count', n=n, total=len(site.order)))}"
            )
        parts.append(f"## {md_inline(i18n.t(lang, 'languages'))}\n\n" + "\n".join(items))
    return Page(HOME, p.title, lang, "\n\n".join(parts) + "\n")


def continue_section(site: Site, page: str, lang: str) -> str:
    """Return "continue where you left off": the course's length, and a box the script fills.

    The box lists nothing without scripts; the script reads the modules with a practice quiz,
    in course order, from the JSON beside it and shows the first not yet passed.
    """
    ids = tuple(m for m in site.order if m in site.practice)
    length = i18n.t(
        lang, "home.length", n=len(site.order), hours=minutes_text(_minutes(site, site.order))
    )
    course = {
        "modules": [
            {
                "id": m,
                "title": title_in(site, m, lang),
                "href": href(page, module_path(m, lang, site.source)),
            }
            for m in ids
        ]
    }
    return (
        f"## {md_inline(i18n.t(lang, 'continue.title'))}\n\n{md_inline(length)}\n\n"
        '<div id="cur-continue" class="cur-continue" role="status" hidden></div>\n\n'
        f"<noscript><p>{html_text(i18n.t(lang, 'continue.noscript'))}</p></noscript>\n\n"
        f'<script type="application/json" id="cur-course">{json_for_html(course)}</script>'
    )


def certificate_page(site: Site, lang: str) -> Page:
    """Return the certificate page of a language section (the script makes the certificate).

    Its JSON lists, per track, the modules whose practice quizzes the certificate needs.
    """
    path = certificate_path(lang, site.source)
    tracks = [
        {
            "id": t.id,
            "title": t.title,
            "modules": [
                {"id": m, "title": title_in(site, m, lang)}
                for m in site.by_track.get(t.id, ())
                if m in site.practice
            ],
        }
        for t in site.cur.programme.tracks
        if any(m in site.practice for m in site.by_track.get(t.id, ()))
    ]
    data = {"programme": site.cur.programme.title, "tracks": tracks}
    options = "".join(
        f'<option value="{html_text(t.id)}">{html_text(t.title)}</option>'
        for t in site.cur.programme.tracks
        if any(x["id"] == t.id for x in tracks)
    )

    def word(key: str) -> str:
        return html_text(i18n.t(lang, key))

    form = (
        '<div class="cur-cert-form">\n'
        f'<label for="cur-cert-name">{word("cert.name")}</label>'
        '<input type="text" id="cur-cert-name" autocomplete="name">\n'
        f'<label for="cur-cert-track">{word("cert.track")}</label>'
        f'<select id="cur-cert-track">{options}</select>\n'
        f'<p><button type="button" class="md-button md-button--primary" id="cur-cert-make">'
        f"{word('cert.make')}</button></p>\n"
        '<p id="cur-cert-status" role="status" aria-live="polite"></p>\n</div>'
    )
    parts = [
        f"# {md_inline(i18n.t(lang, 'certificate'))}",
        md_inline(i18n.t(lang, "cert.lead")),
        admonition("note", i18n.t(lang, "certificate"), md_inline(i18n.t(lang, "cert.attests"))),
        md_inline(i18n.t(lang, "cert.exam")),
        form,
        '<div id="cur-cert-output"></div>',
        f'<script type="application/json" id="cur-cert-data">{json_for_html(data)}</script>',
    ]
    return Page(path, i18n.t(lang, "certificate"), lang, "\n\n".join(parts) + "\n")


def module_list(site: Site, page: str, ids: tuple[str, ...], lang: str) -> str:
    """Return a numbered list of modules with summary, level, duration and completion state."""
    items = []
    for mid in ids:
        m = site.module(mid)
        tr = m.translations.get(lang) if lang != site.source else None
        summary = tr.meta.summary if tr else m.meta.summary
        facts = f"{i18n.t(lang, f'level.{m.meta.level}')} · {minutes_text(m.meta.duration.total)}"
        untranslated = ""
        if lang != site.source and tr is None:
            source = i18n.language_name(site.source, lang)
            note = md_inline(i18n.t(lang, "untranslated.short", source=source))
            untranslated = f" *({note})*"
        items.append(
            "1. "
            f"**{module_link(site, page, mid, lang)}**{untranslated} "
            f"{_state(mid)}<br>\n   {md_inline(summary)} *{md_inline(facts)}*"
        )
    return "\n".join(items)


def track_page(site: Site, track_id: str) -> Page:
    """Return a track's index page: its modules in course order, and the exams that follow."""
    lang = site.source
    track = next(t for t in site.cur.programme.tracks if t.id == track_id)
    path = track_path(track_id)
    ids = site.by_track.get(track_id, ())
    count = i18n.t(lang, "module.count", n=len(ids), hours=minutes_text(_minutes(site, ids)))
    parts = [
        f"# {md_inline(track.title)}",
        md_inline(track.summary),
        f"*{md_inline(count)}*",
        module_list(site, path, ids, lang),
    ]
    parts.extend(e for e in (exam_section(site, site.module(m), lang) for m in ids) if e)
    return Page(path, track.title, lang, "\n\n".join(p for p in parts if p) + "\n")


def language_page(site: Site, lang: str) -> Page:
    """Return a language section's home: every module in course order, by track."""
    path = language_home(lang)
    title = (
        f"{site.cur.programme.short_title or site.cur.programme.title} — {i18n.native_name(lang)}"
    )
    lead = i18n.t(
        lang,
        "lang_home.lead",
        lang=i18n.language_name(lang, lang),
        source=i18n.language_name(site.source, lang),
    )
    parts = [f"# {md_inline(title)}", md_inline(lead)]
    for t in site.cur.programme.tracks:
        ids = site.by_track.get(t.id, ())
        if ids:
            parts.append(f"## {md_inline(t.title)}\n\n{module_list(site, path, ids, lang)}")
    return Page(path, title, lang, "\n\n".join(parts) + "\n")


def map_page(site: Site) -> Page:
    """Return the learning-path map: one drawing per track, then a text list of the same graph.

    The tracks wrap to the content width (side by side on a wide screen, one under the other on
    a phone); arrows between tracks are in the list, not drawn.
    """
    lang = site.source
    tracks = [t for t in site.cur.programme.tracks if site.by_track.get(t.id)]
    edges = [
        (p, mid)
        for mid in site.order
        for p in site.module(mid).meta.prerequisites
        if site.on_site(p)
    ]
    title = i18n.t(lang, "map")
    drawings = []
    for col, t in enumerate(tracks):
        nodes = [
            MapNode(
                m, title_in(site, m, lang), href(MAP, module_path(m, lang, site.source)), col, r
            )
            for r, m in enumerate(site.by_track[t.id])
        ]
        svg = track_map(nodes, edges, t.title, f"cur-map-{col + 1}")
        drawings.append(
            f'<div class="cur-map-track-box"><h2 class="cur-map-heading">{html_text(t.title)}'
            f"</h2>{svg}</div>"
        )
    items = []
    for mid in site.order:
        reqs = [p for p in site.module(mid).meta.prerequisites if site.on_site(p)]
        needs = ", ".join(
            f"[{md_inline(title_in(site, p, lang))}]({rel(MAP, module_path(p, lang, site.source))})"
            for p in reqs
        )
        tail = f" — {md_inline(i18n.t(lang, 'map.needs'))}: {needs}" if needs else ""
        items.append(f"1. {module_link(site, MAP, mid, lang)}{tail}")
    desc = i18n.t(lang, "map.desc", n=len(site.order), t=len(tracks), e=len(edges))
    parts = [
        f"# {md_inline(title)}",
        md_inline(i18n.t(lang, "map.lead")),
        md_inline(desc),
        f'<div class="cur-map">{"".join(drawings)}</div>',
        f"## {md_inline(i18n.t(lang, 'map.list'))}\n\n" + "\n".join(items),
    ]
    return Page(MAP, title, lang, "\n\n".join(parts) + "\n", hide=("toc",))


def question_counts(site: Site) -> tuple[dict[str, int], dict[str, int]]:
    """Return, per module, the number of practice questions and of exam questions on it."""
    practice: dict[str, int] = {}
    exam: dict[str, int] = {}
    for quiz in site.cur.quizzes.values():
        if not quiz.is_exam:
            practice[quiz.meta.module] = practice.get(quiz.meta.module, 0) + len(
                quiz.meta.questions
            )
            continue
        for q in quiz.meta.questions:
            module = q.objective.split("/", 1)[0] if "/" in q.objective else quiz.meta.module
            exam[module] = exam.get(module, 0) + 1
    return practice, exam


def standards_page(site: Site) -> Page:
    """Return the coverage matrix: standard → modules → number of questions."""
    lang = site.source
    covering: dict[str, list[str]] = {}
    for mid in site.order:
        for s in site.module(mid).meta.standards:
            covering.setdefault(s, []).append(mid)
    practice, exam = question_counts(site)
    std = site.cur.standards
    covered = sum(1 for s in std.standards if covering.get(s.id))
    cols = [
        i18n.t(lang, f"standards.col.{c}")
        for c in ("standard", "asks", "modules", "practice", "exam")
    ]
    parts = [
        f"# {md_inline(i18n.t(lang, 'standards'))}",
        md_inline(i18n.t(lang, "standards.lead", covered=covered, total=len(std.standards))),
    ]
    for g in std.groups:
        rows = []
        for st in (x for x in std.standards if x.group == g.id):
            mods = covering.get(st.id, [])
            links = ", ".join(module_link(site, STANDARDS, m, lang) for m in mods)
            cell = links or f"*{md_inline(i18n.t(lang, 'standards.uncovered'))}*"
            rows.append(
                f'| <span id="{standard_anchor(st.id)}"></span>**{md_inline(st.id)}** '
                f"{md_inline(st.title)} "
                f"| {md_inline(st.description)} "
                f"| {cell} | {sum(practice.get(m, 0) for m in mods)} | "
                f"{sum(exam.get(m, 0) for m in mods)} |"
            )
        if rows:
            head = "| " + " | ".join(md_inline(c) for c in cols) + " |\n|---|---|---|--:|--:|\n"
            parts.append(f"## {md_inline(g.title)}\n\n{head}" + "\n".join(rows))
    return Page(STANDARDS, i18n.t(lang, "standards"), lang, "\n\n".join(parts) + "\n")


def progress_page(site: Site) -> Page:
    """Return the progress page: done and remaining per track, export and import (script-driven)."""
    lang = site.source
    tools = (
        f"## {md_inline(i18n.t(lang, 'progress.tools'))}\n\n"
        '<div class="cur-progress-tools">\n'
        '<p><button type="button" class="md-button" '
        f'id="cur-export">{html_text(i18n.t(lang, "progress.export"))}</button></p>\n'
        f'<p><label for="cur-import">{html_text(i18n.t(lang, "progress.import"))}</label><br>'
        '<input type="file" id="cur-import" accept=".json,application/json"></p>\n'
        '<p><button type="button" class="md-button" '
        f'id="cur-clear">{html_text(i18n.t(lang, "progress.clear"))}</button></p>\n'
        '<p id="cur-progress-status" class="cur-status" role="status" aria-live="polite"></p>\n'
        "</div>"
    )
    parts = [
        f"# {md_inline(i18n.t(lang, 'progress'))}",
        md_inline(i18n.t(lang, "progress.lead")),
        '<p id="cur-progress-summary" class="cur-progress-summary"></p>',
        tools,
    ]
    for t in site.cur.programme.tracks:
        ids = site.by_track.get(t.id, ())
        if not ids:
            continue
        items = []
        for mid in ids:
            has_quiz = mid in site.practice
            noquiz = "" if has_quiz else f" *({md_inline(i18n.t(lang, 'progress.noquiz'))})*"
            items.append(
                "- "
                f"{module_link(site, PROGRESS, mid, lang)}{noquiz} "
                f"{_state(mid) if has_quiz else ''}"
            )
        parts.append(
            f"## {md_inline(t.title)}\n\n"
            f'<p class="cur-track-count" data-track="{html_text(t.id)}"></p>\n\n'
            f'<div class="cur-progress-track" data-track="{html_text(t.id)}" markdown>\n\n'
            + "\n".join(items)
            + "\n\n</div>"
        )
    return Page(PROGRESS, i18n.t(lang, "progress"), lang, "\n\n".join(parts) + "\n")


_HEADING = re.compile(r"^(#{1,5}) ", re.M)
_FENCE = re.compile(r"^\s*(```|~~~)")


def demote(markdown: str) -> str:
    """Return Markdown with every ATX heading one level lower (outside fenced code)."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        out.append(_HEADING.sub(r"#\1 ", line) if not fenced else line)
    return "\n".join(out)


def authoring_page(root: Path, reference: Callable[[], str]) -> Page:
    """Return the authoring reference: the content format and the field reference, one page.

    The field reference is the root's ``docs/authoring-reference.md``; ``reference()`` generates
    it only for a root that has none.
    """
    fmt = root / "docs" / "content-format.md"
    ref = root / "docs" / "authoring-reference.md"
    sections = [
        fmt.read_text(encoding="utf-8") if fmt.is_file() else "",
        ref.read_text(encoding="utf-8") if ref.is_file() else reference(),
    ]
    body = "\n\n".join(demote(body_markdown(s)) for s in sections if s)
    return Page(
        AUTHORING,
        i18n.t("en", "authoring"),
        "en",
        f"# {md_inline(i18n.t('en', 'authoring'))}\n\n{body}\n",
    )


def glossary_page(site: Site, lang: str) -> Page:
    """Return the glossary in ``lang``: its terms, then the same terms in the other languages."""
    others = [x for x in site.cur.programme.languages if x != lang]
    cols = [i18n.t(lang, f"glossary.col.{c}") for c in ("term", "short", "definition")]
    cols += [i18n.native_name(x) for x in others]
    head = "| " + " | ".join(md_inline(c) for c in cols) + " |\n|" + "---|" * len(cols)
    rows = [_glossary_row(site, entry, lang, others) for entry in site.cur.glossary.terms]
    parts = [
        f"# {md_inline(i18n.t(lang, 'glossary'))}",
        md_inline(i18n.t(lang, "glossary.lead")),
        head + "\n" + "\n".join(r for r in rows if r),
    ]
    return Page(
        glossary_path(lang, site.source), i18n.t(lang, "glossary"), lang, "\n\n".join(parts) + "\n"
    )


def _glossary_row(site: Site, entry: GlossaryEntry, lang: str, others: list[str]) -> str:
    """Return a table row for an entry (empty when it has no form in ``lang``)."""
    form = entry.forms.get(lang)
    if form is None:
        return ""
    src = site.source
    definition = (
        in_lang(md_inline(form.definition), lang, lang)
        if form.definition
        else (in_lang(md_inline(entry.definition), src, lang))
    )
    cells = [f"**{in_lang(md_inline(form.term), lang, lang)}**", md_inline(form.short), definition]
    for other in others:
        f = entry.forms.get(other)
        cells.append(in_lang(md_inline(f.term), other, lang) if f else "")
    return "| " + " | ".join(cells) + " |"
