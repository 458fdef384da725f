"""What the site is made of: its pages, where each lives, its navigation, and how pages link.

Paths are docs-relative POSIX paths of Markdown sources (``modules/x.md``); MkDocs turns them into
``.html`` files next to each other (``use_directory_urls: false``), so a relative link that works
between sources works between the built pages too, from a server or from the file system.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field

from builder.model import Curriculum, Module, Quiz
from builder.plan.course import Course

HOME = "index.md"
MAP = "map.md"
STANDARDS = "standards.md"
PROGRESS = "progress.md"
AUTHORING = "authoring.md"
COUNTRIES = "countries/index.md"

#: Above this many modules, the navigation lists tracks only (each track's index page lists its
#: modules): every page carries the navigation, so a long one makes big sites slow and heavy.
LARGE_SITE = 300
#: A track with more modules than this is split into groups in the navigation, so that a page
#: carries a short navigation even in a curriculum of thousands of modules.
NAV_GROUP = 40


@dataclass(frozen=True)
class Page:
    """One page of the site: where it goes, its plain-text title, language and Markdown."""

    path: str
    title: str
    lang: str
    markdown: str
    assets: tuple[tuple[str, str], ...] = ()
    """Files the page needs: (absolute source path, docs-relative target path)."""
    searchable: bool = True
    """False for pages that repeat another page (an untranslated module in a language section)."""
    hide: tuple[str, ...] = ()
    """Parts of the theme the page does without (``toc`` for a wide page)."""
    alternates: tuple[tuple[str, str], ...] = ()
    """The same page in the other languages: ``(language, docs-relative path)``."""
    source: str = ""
    """The author's file the page is made from (path from the root), for messages."""


@dataclass(frozen=True)
class NavEntry:
    """An entry of the navigation: a page, or a section of entries."""

    title: str
    path: str | None = None
    children: tuple[NavEntry, ...] = ()
    lang: str = ""
    """The title's language when it is not the section's (an untranslated module's title)."""


@dataclass(frozen=True)
class Site:
    """The facts every page generator needs, computed once from a checked curriculum."""

    cur: Curriculum
    course: Course
    source: str
    languages: tuple[str, ...]
    """Languages with a section of their own (at least one module translated), source excluded."""
    order: tuple[str, ...]
    """Module ids on the site, in course order."""
    by_track: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    position: Mapping[str, int] = field(default_factory=dict)
    """Each module's index in :attr:`order`."""
    practice: Mapping[str, Quiz] = field(default_factory=dict)
    """Each module's practice quiz."""
    exams: Mapping[str, Quiz] = field(default_factory=dict)
    """The exam that follows a module, by module id."""

    @property
    def large(self) -> bool:
        """Return whether the site is big enough to list only tracks in its navigation."""
        return len(self.order) > LARGE_SITE

    def module(self, module_id: str) -> Module:
        """Return a module of the site."""
        return self.cur.modules[module_id]

    def on_site(self, module_id: str) -> bool:
        """Return whether a module has a page (retired modules do not)."""
        return module_id in self.position

    def next_module(self, module_id: str) -> str | None:
        """Return the module after ``module_id`` in course order, or None."""
        i = self.position[module_id] + 1
        return self.order[i] if i < len(self.order) else None

    def all_languages(self) -> tuple[str, ...]:
        """Return the source language followed by the section languages."""
        return (self.source, *self.languages)


def make_site(course: Course) -> Site:
    """Return the site facts for a checked course."""
    cur = course.curriculum
    source = cur.programme.source_language
    order = tuple(m for m in course.order if cur.modules[m].meta.status != "retired")
    langs = tuple(
        lang
        for lang in cur.programme.languages
        if lang != source and any(lang in cur.modules[m].translations for m in order)
    )
    by_track = {
        t.id: tuple(m for m in order if cur.modules[m].meta.track == t.id)
        for t in cur.programme.tracks
    }
    practice: dict[str, Quiz] = {}
    exams: dict[str, Quiz] = {}
    for quiz in sorted(cur.quizzes.values(), key=lambda q: q.id):
        (exams if quiz.is_exam else practice).setdefault(quiz.meta.module, quiz)
    return Site(
        cur,
        course,
        source,
        langs,
        order,
        by_track,
        {m: i for i, m in enumerate(order)},
        practice,
        exams,
    )


def localized(path: str, lang: str, source: str) -> str:
    """Return the path of a page in a language section (the source language's at the root)."""
    return path if lang == source else f"{lang}/{path}"


def unlocalized(path: str, languages: tuple[str, ...]) -> tuple[str, str]:
    """Return ``(language prefix or '', path without it)`` of a page path."""
    head, _, rest = path.partition("/")
    return (head, rest) if rest and head in languages else ("", path)


def module_path(module_id: str, lang: str, source: str) -> str:
    """Return the page path of a module in a language section."""
    return f"modules/{module_id}.md" if lang == source else f"{lang}/modules/{module_id}.md"


def track_path(track_id: str) -> str:
    """Return the path of a track's index page."""
    return f"tracks/{track_id}/index.md"


def country_path(code: str) -> str:
    """Return the path of a country's page."""
    return f"countries/{code}.md"


def glossary_path(lang: str, source: str) -> str:
    """Return the path of the glossary page in a language section."""
    return "glossary.md" if lang == source else f"{lang}/glossary.md"


def certificate_path(lang: str, source: str) -> str:
    """Return the path of the certificate page in a language section."""
    return "certificate.md" if lang == source else f"{lang}/certificate.md"


def language_home(lang: str) -> str:
    """Return the path of a language section's home page."""
    return f"{lang}/index.md"


def rel(from_page: str, to_page: str) -> str:
    """Return the relative Markdown link from one page source to another."""
    start, target = from_page.split("/")[:-1], to_page.split("/")
    if (
        from_page.startswith("/")
        or to_page.startswith("/")
        or _UNUSUAL.intersection(start + target)
    ):
        return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    # Plain relative paths (every page's): the same answer as posixpath.relpath, without its
    # calls to abspath and getcwd, which made up most of page generation's time on links.
    common = 0
    for a, b in zip(start, target, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


_UNUSUAL = frozenset({"", ".", ".."})


def href(from_page: str, to_page: str) -> str:
    """Return the relative link from one built page to another (``.html``), for raw HTML."""
    target = rel(from_page, to_page)
    return target[:-3] + ".html" if target.endswith(".md") else target


def grouped(entries: list[NavEntry], label: str) -> tuple[NavEntry, ...]:
    """Split a long list of entries into groups of :data:`NAV_GROUP` (``label`` has {a} and {b})."""
    if len(entries) <= NAV_GROUP:
        return tuple(entries)
    return tuple(
        NavEntry(
            label.format(a=i + 1, b=min(i + NAV_GROUP, len(entries))),
            children=tuple(entries[i : i + NAV_GROUP]),
        )
        for i in range(0, len(entries), NAV_GROUP)
    )
