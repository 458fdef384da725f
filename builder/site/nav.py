"""The navigation: tracks in sequence, modules in course order, one section per language."""

from __future__ import annotations

from typing import Any

from builder.site import i18n
from builder.site.layout import (
    COUNTRIES,
    HOME,
    MAP,
    PROGRESS,
    STANDARDS,
    NavEntry,
    Site,
    certificate_path,
    country_path,
    glossary_path,
    grouped,
    language_home,
    module_path,
    track_path,
)
from builder.site.pages_module import title_in
from builder.site.pages_monitoring import MONITORING
from builder.site.pages_monitoring import TITLE as MONITORING_TITLE
from builder.site.text import html_text


def _modules(site: Site, ids: tuple[str, ...], lang: str) -> tuple[NavEntry, ...]:
    entries = [NavEntry(title_in(site, m, lang), module_path(m, lang, site.source)) for m in ids]
    return grouped(entries, i18n.t(lang, "nav.group"))


def track_entries(site: Site, lang: str, with_index: bool) -> list[NavEntry]:
    """Return one section per track (with its index page first when ``with_index``)."""
    out = []
    for t in site.cur.programme.tracks:
        ids = site.by_track.get(t.id, ())
        if not ids:
            continue
        if site.large:  # tracks only: each track's index page lists its modules
            out += [NavEntry(t.title, track_path(t.id))] if with_index else []
            continue
        index = (NavEntry(t.title, track_path(t.id)),) if with_index else ()
        out.append(NavEntry(t.title, children=(*index, *_modules(site, ids, lang))))
    return out


def _glossary(site: Site, lang: str) -> tuple[NavEntry, ...]:
    """Return the glossary entry of a language's navigation (none without a glossary)."""
    if not site.cur.glossary.terms:
        return ()
    return (NavEntry(i18n.t(lang, "glossary"), glossary_path(lang, site.source)),)


def _certificate(site: Site, lang: str) -> tuple[NavEntry, ...]:
    """Return the certificate entry of a language's navigation (none without practice quizzes)."""
    if not site.practice:
        return ()
    return (NavEntry(i18n.t(lang, "certificate"), certificate_path(lang, site.source)),)


def site_nav(site: Site) -> tuple[NavEntry, ...]:
    """Return the whole navigation."""
    src = site.source
    countries = [
        NavEntry(p.name, country_path(code)) for code, p in sorted(site.course.plans().items())
    ]
    languages = [
        NavEntry(
            i18n.native_name(lang),
            children=(
                NavEntry(i18n.native_name(lang), language_home(lang)),
                *track_entries(site, lang, False),
                *_glossary(site, lang),
                *_certificate(site, lang),
            ),
        )
        for lang in site.languages
    ]
    return (
        NavEntry(i18n.t(src, "home"), HOME),
        NavEntry(i18n.t(src, "map"), MAP),
        *track_entries(site, src, True),
        NavEntry(i18n.t(src, "standards"), STANDARDS),
        *_glossary(site, src),
        NavEntry(i18n.t(src, "progress"), PROGRESS),
        *_certificate(site, src),
        NavEntry(
            i18n.t(src, "countries"),
            children=(
                NavEntry(i18n.t(src, "countries"), COUNTRIES),
                NavEntry(MONITORING_TITLE, MONITORING),
                *countries,
            ),
        ),
        *languages,
    )


def nav_config(entries: tuple[NavEntry, ...]) -> list[Any]:
    """Return the navigation in MkDocs' config form, titles HTML-escaped (themes print them raw)."""
    out: list[Any] = []
    for e in entries:
        value: Any = e.path if e.path is not None else nav_config(e.children)
        out.append({html_text(e.title): value})
    return out


def nav_pages(entries: tuple[NavEntry, ...]) -> list[str]:
    """Return every page path of the navigation, in navigation order."""
    out: list[str] = []
    for e in entries:
        if e.path is not None:
            out.append(e.path)
        out.extend(nav_pages(e.children))
    return out
