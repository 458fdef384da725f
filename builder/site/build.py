"""Build the trainee site: generate pages → write a docs tree and config → render → swap in.

Nothing is written to the output folder until the renderer has finished: the site is built in a
temporary folder beside it and renamed into place, so a failed build leaves the previous site
as it was.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from builder import atomic
from builder.errors import BuilderError
from builder.i18n.locale import direction
from builder.plan.course import Course
from builder.safety import json_for_html, slug
from builder.site import i18n, slim
from builder.site.config import (
    Look,
    LookError,
    dump_config,
    generated_config,
    load_look,
    search_languages,
)
from builder.site.layout import (
    AUTHORING,
    HOME,
    NavEntry,
    Page,
    Site,
    href,
    localized,
    make_site,
    unlocalized,
)
from builder.site.nav import nav_config, nav_pages, site_nav
from builder.site.pages_country import PACK_FILES, countries_page, country_page
from builder.site.pages_module import module_page
from builder.site.pages_monitoring import monitoring_page
from builder.site.pages_other import (
    authoring_page,
    certificate_page,
    glossary_page,
    home_page,
    map_page,
    progress_page,
    standards_page,
    track_page,
    translations_page,
)
from builder.site.text import html_text, yaml_string

#: The project's own front end and look, used when a curriculum root has none (e.g. benchmarks).
PROJECT = Path(__file__).resolve().parents[2]
FRONT_END_DIRS = ("js", "css", "images")
#: The marking rules, shared with the packs' offline mini-site (docs/marking.md).
MARKING_JS = Path(__file__).resolve().parents[1] / "assets" / "marking.js"
#: Files MkDocs writes that the site does without: the sitemaps carry the build date and list no
#: real address (no site_url), and 404.html links from the server root, which breaks in a
#: sub-folder and from the file system.
DROPPED_FILES = ("sitemap.xml", "sitemap.xml.gz", "404.html")
#: The theme templates behind them, which MkDocs is told not to render at all.
SKIPPED_TEMPLATES = ("sitemap.xml", "404.html")
#: Pages published but kept out of the trainees' navigation (the authors' reference, linked from
#: the authors' guide).
NOT_IN_NAV = (AUTHORING,)


class SiteBuildError(BuilderError):
    """The site could not be built; the message says why (the previous site is untouched)."""


def pack_files(packs: Path | None, code: str) -> dict[str, Path]:
    """Return the trainee files of a country's built pack that the site publishes, by name."""
    if packs is None:
        return {}
    return {name: packs / code / name for name, _ in PACK_FILES if (packs / code / name).is_file()}


def generate_pages(site: Site, root: Path, packs: Path | None = None) -> list[Page]:
    """Return every page of the site (reads the docs pages of the root and lists built packs)."""
    pages: list[Page] = []
    for lang in site.all_languages():
        pages += language_pages(site, lang, root, packs)
    pages.append(authoring_page(root, _authoring_reference))
    pages.append(translations_page(site))
    return with_alternates(pages, site)


def language_pages(site: Site, lang: str, root: Path, packs: Path | None = None) -> list[Page]:
    """Return every page of one language section."""
    pages = [
        home_page(site, lang),
        map_page(site, lang),
        standards_page(site, lang),
        progress_page(site, lang),
        countries_page(site, lang),
        monitoring_page(site, root, lang),
    ]
    tracks = site.cur.programme.tracks
    pages += [track_page(site, t.id, lang) for t in tracks if site.by_track.get(t.id)]
    pages += [module_page(site, mid, lang) for mid in site.order]
    if site.practice:
        pages.append(certificate_page(site, lang))
    if site.cur.glossary.terms:
        pages.append(glossary_page(site, lang))
    pages += [
        country_page(site, site.cur.countries[code], plan, lang, pack_files(packs, code))
        for code, plan in sorted(site.course.plans().items())
    ]
    return pages


def with_alternates(pages: list[Page], site: Site) -> list[Page]:
    """Return the pages, each with the paths of the same page in the other languages."""
    langs = site.all_languages()
    versions: dict[str, dict[str, str]] = {}
    for page in pages:
        prefix, rest = unlocalized(page.path, site.languages)
        versions.setdefault(rest, {})[prefix or site.source] = page.path
    out = []
    for page in pages:
        found = versions[unlocalized(page.path, site.languages)[1]]
        alts = tuple((lg, found[lg]) for lg in langs if lg in found and len(found) > 1)
        out.append(dataclasses.replace(page, alternates=alts))
    return out


def _authoring_reference() -> str:
    from builder.reference import authoring_reference

    return authoring_reference()


def front_end(root: Path) -> Path:
    """Return the folder of the site's front-end sources (the root's, else the project's)."""
    own = root / "site"
    return own if (own / "overrides").is_dir() else PROJECT / "site"


def page_source(page: Page, site: Site | None = None) -> str:
    """Return a page's Markdown file: front matter (escaped title, language) and body."""
    search = "" if page.searchable else "search:\n  exclude: true\n"
    hide = f"hide: [{', '.join(page.hide)}]\n" if page.hide else ""
    alts = "".join(
        f"  - {{lang: {lg}, name: {yaml_string(i18n.native_name(lg))}, "
        f"href: {yaml_string(href(page.path, path))}, current: {str(path == page.path).lower()}}}\n"
        for lg, path in page.alternates
    )
    alternates = f"alternates:\n{alts}" if alts else ""
    if site is not None and page.lang in site.all_languages():
        prog = site.cur.programme_in(page.lang)
        home = href(page.path, localized(HOME, page.lang, site.source))
        alternates += (
            f"site_title: {yaml_string(html_text(prog.short_title or prog.title))}\n"
            f"home: {yaml_string(home)}\n"
        )
    return (
        f"---\ntitle: {yaml_string(html_text(page.title))}\nlang: "
        f"{page.lang}\ndir: {direction(page.lang)}\n{search}{hide}{alternates}---\n\n"
        f"{page.markdown}"
    )


def docs_files(
    pages: Iterable[Page],
    front: Path,
    site: Site,
    made: dict[str, tuple[Page, bytes]] | None = None,
) -> dict[str, bytes | Path]:
    """Return every file of the docs tree (docs-relative path → bytes, or the file to copy):
    pages, their images, the front-end files and the script config.

    ``made``, when given, remembers each page's bytes with the page they were made from
    (updated here): a page that is the same object as last time is not converted again (the
    caller keeps ``site`` unchanged for such pages).
    """
    want: dict[str, bytes | Path] = {}
    for page in pages:
        if page.path in want:
            raise SiteBuildError(f"two pages would be written to {page.path}")
        last = made.get(page.path) if made is not None else None
        if last is not None and last[0] is page:
            want[page.path] = last[1]
        else:
            source = want[page.path] = page_source(page, site).encode("utf-8")
            if made is not None:
                made[page.path] = (page, source)
        for src, dest in page.assets:
            want[dest] = Path(src)
    for name in FRONT_END_DIRS:
        base = front / name
        if base.is_dir():
            for f in sorted(p for p in base.rglob("*") if p.is_file()):
                want[f"assets/{name}/{f.relative_to(base).as_posix()}"] = f
    want["assets/js/curriculum-config.js"] = script_config(site).encode("utf-8")
    want["assets/js/marking.js"] = MARKING_JS
    return want


def write_docs(docs: Path, pages: Iterable[Page], front: Path, site: Site) -> int:
    """Write the docs tree (:func:`docs_files`); return how many pages it has."""
    pages = list(pages)
    for rel, data in docs_files(pages, front, site).items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Path):
            shutil.copyfile(data, target)
        else:
            target.write_bytes(data)
    return len(pages)


def script_config(site: Site) -> str:
    """Return the script that hands the browser code its strings and storage key."""
    data = {
        "key": "safe-curriculum:" + slug(site.cur.programme.title),
        "programme": site.cur.programme.title,
        "source": site.source,
        "strings": {lang: i18n.script_strings(lang) for lang in site.all_languages()},
    }
    return f"window.CURRICULUM = {json_for_html(data)};\n"


def swap_in(new: Path, out: Path) -> None:
    """Move the finished site ``new`` to ``out``, replacing the previous one."""
    old = out.with_name(f".{out.name}-old")
    if old.exists():
        shutil.rmtree(old)
    atomic.swap_in(new, out, old)
    if old.exists():
        shutil.rmtree(old)


def build_site(course: Course, root: Path, out: Path) -> str:
    """Build the trainee site of a checked curriculum into ``out``; return a summary."""
    from builder.site.render import RenderError, render

    started = time.perf_counter()
    site = make_site(course)
    try:
        look = load_look(root if (root / "mkdocs.yml").is_file() else PROJECT)
    except LookError as exc:
        raise SiteBuildError(str(exc)) from exc
    pages = generate_pages(site, root, packs_folder(out))
    nav = site_nav(site)
    _check_nav(nav_pages(nav), [p for p in pages if _belongs_in_nav(site, p)])
    src, tmp = out.parent / f".{out.name}-src", out.parent / f".{out.name}-tmp"
    for folder in (src, tmp):
        if folder.exists():
            shutil.rmtree(folder)
    docs = src / "docs"
    count = write_docs(docs, pages, front_end(root), site)
    config = site_config(site, look, nav, docs, tmp, root)
    (src / "mkdocs.yml").write_text(dump_config(config), encoding="utf-8")
    try:
        render(src / "mkdocs.yml", config, skip_templates=SKIPPED_TEMPLATES)
    except RenderError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        messages = [author_message(m, pages, root) for m in exc.messages]
        raise SiteBuildError(
            "the site was not built (the previous one is unchanged):\n" + "\n".join(messages)
        ) from exc
    finish(tmp, site)
    swap_in(tmp, out)
    return summary(site, count, out, look.ignored, time.perf_counter() - started)


def packs_folder(out: Path) -> Path:
    """Return the folder of built packs whose files the site built into ``out`` publishes."""
    return out.parent / "packs"


def site_config(
    site: Site, look: Look, nav: tuple[NavEntry, ...], docs: Path, site_dir: Path, root: Path
) -> dict[str, Any]:
    """Return the renderer's settings for the site's docs tree ``docs`` built into ``site_dir``."""
    return generated_config(
        site,
        look,
        nav_config(nav),
        docs,
        site_dir,
        front_end(root) / "overrides",
        tuple(f"/{path}" for path in NOT_IN_NAV),
    )


def finish(site_dir: Path, site: Site, written: Iterable[Path] | None = None) -> None:
    """Post-process a rendered site: drop what it does without and precompress its files (only
    those of ``written``, when given: what a preview rebuild wrote)."""
    for name in DROPPED_FILES:
        (site_dir / name).unlink(missing_ok=True)
    slim.drop_unused(site_dir, search_languages(site))
    slim.precompress(site_dir, written)


_QUOTED = re.compile(r"'([^'\n]+)'")


def author_message(message: str, pages: Sequence[Page], root: Path) -> str:
    """Return a renderer's message about a generated page as a message about the author's file:
    ``path:line: message``, the line being where the quoted link or text first appears in it."""
    by_path = {p.path: p for p in pages if p.source}
    quoted = _QUOTED.findall(message)
    page = next((by_path[q] for q in quoted if q in by_path), None)
    if page is None:
        return message
    line = 1
    try:
        lines = (root / page.source).read_text(encoding="utf-8").split("\n")
    except OSError:
        lines = []
    for q in quoted:
        found = next((n for n, text in enumerate(lines, start=1) if q in text), None)
        if q != page.path and found is not None:
            line = found
            break
    return f"{page.source}:{line}: {message} (in the page made from {page.source})"


def _belongs_in_nav(site: Site, page: Page) -> bool:
    """Return whether a page must be in the navigation (large sites list tracks, not modules)."""
    return not (site.large and "modules/" in page.path) and page.path not in NOT_IN_NAV


def _check_nav(in_nav: list[str], pages: list[Page]) -> None:
    missing = sorted({p.path for p in pages} - set(in_nav))
    if missing:
        raise SiteBuildError("pages missing from the navigation: " + ", ".join(missing))


def summary(site: Site, pages: int, out: Path, ignored: tuple[str, ...], seconds: float) -> str:
    """Return the one-paragraph report of a build."""
    langs = ", ".join(site.all_languages())
    text = (
        f"site: {pages} pages ({len(site.order)} modules in {len(site.all_languages())} language "
        f"sections: {langs}; "
        f"{len(site.course.countries)} country pages) built into {out} in {seconds:.1f} s."
    )
    if ignored:
        text += f" Ignored in mkdocs.yml (the builder sets them): {', '.join(ignored)}."
    return text
