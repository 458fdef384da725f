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
    localized,
    module_path,
    track_path,
)
from builder.site.pages_country import country_name
from builder.site.pages_module import module_lang, title_in
from builder.site.pages_monitoring import MONITORING
from builder.site.pages_other import TRANSLATIONS
from builder.site.text import html_text


def _modules(site: Site, ids: tuple[str, ...], lang: str) -> tuple[NavEntry, ...]:
    entries = [
        NavEntry(
            title_in(site, m, lang),
            module_path(m, lang, site.source),
            lang=module_lang(site, m, lang) if module_lang(site, m, lang) != lang else "",
        )
        for m in ids
    ]
    return grouped(entries, i18n.t(lang, "nav.group"))


def track_entries(site: Site, lang: str, with_index: bool) -> list[NavEntry]:
    """Return one section per track (with its index page first when ``with_index``)."""
    out = []
    for t in site.cur.programme_in(lang).tracks:
        ids = site.by_track.get(t.id, ())
        if not ids:
            continue
        index_path = localized(track_path(t.id), lang, site.source)
        if site.large:  # tracks only: each track's index page lists its modules
            out += [NavEntry(t.title, index_path)] if with_index else []
            continue
        index = (NavEntry(t.title, index_path),) if with_index else ()
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


def language_entries(site: Site, lang: str) -> list[NavEntry]:
    """Return the navigation of one language: every page of the site in that language."""
    src = site.source

    def at(path: str) -> str:
        return localized(path, lang, src)

    countries = [
        NavEntry(country_name(site, code, lang), at(country_path(code)))
        for code in site.course.countries
    ]
    entries = [
        NavEntry(i18n.t(lang, "home"), at(HOME)),
        NavEntry(i18n.t(lang, "map"), at(MAP)),
        *track_entries(site, lang, True),
        NavEntry(i18n.t(lang, "standards"), at(STANDARDS)),
        *_glossary(site, lang),
        NavEntry(i18n.t(lang, "progress"), at(PROGRESS)),
        *_certificate(site, lang),
        NavEntry(
            i18n.t(lang, "countries"),
            children=(
                NavEntry(i18n.t(lang, "countries"), at(COUNTRIES)),
                NavEntry(i18n.t(lang, "monitoring"), at(MONITORING)),
                *countries,
            ),
        ),
    ]
    if lang == src:
        entries.append(NavEntry(i18n.t(src, "translations"), TRANSLATIONS))
    return entries


def site_nav(site: Site) -> tuple[NavEntry, ...]:
    """Return the whole navigation: the source language's pages, then one section per language.

    The theme shows a page only its own language's part (``overrides/partials/nav.html``); the
    sections are told apart by the path of their first page (``<lang>/index.md``).
    """
    languages = [
        NavEntry(i18n.native_name(lang), children=tuple(language_entries(site, lang)))
        for lang in site.languages
    ]
    return (*language_entries(site, site.source), *languages)


def nav_config(entries: tuple[NavEntry, ...]) -> list[Any]:
    """Return the navigation in MkDocs' config form, titles HTML-escaped (themes print them raw)."""
    out: list[Any] = []
    for e in entries:
        value: Any = e.path if e.path is not None else nav_config(e.children)
        title = html_text(e.title)
        if e.lang:  # the theme prints titles as HTML: the language goes on a span around it
            title = f'<span lang="{e.lang}">{title}</span>'
        out.append({title: value})
    return out


def nav_pages(entries: tuple[NavEntry, ...]) -> list[str]:
    """Return every page path of the navigation, in navigation order."""
    out: list[str] = []
    for e in entries:
        if e.path is not None:
            out.append(e.path)
        out.extend(nav_pages(e.children))
    return out
