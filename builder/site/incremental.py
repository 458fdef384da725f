"""The preview's site, rebuilt in place after each edit: only the pages an edit affects.

``LiveSite.update`` takes the newly checked course and:

1. finds what the edit affects (:func:`affected`): when only module bodies, their translations'
   bodies or quizzes changed, just those modules' pages (in every language) and, for a quiz, the
   pages that count or list quizzes are generated again (:func:`fresh_pages`, with the full
   build's page functions, then the language alternates of every page); any other change (a
   title, a prerequisite, a standard, the programme, a country, the glossary, a module, quiz or
   translation added or removed) regenerates every page (``generate_pages``);
2. writes to the docs tree the full build's files (``docs_files``), only those whose bytes
   changed (and removes those that are gone);
3. has the warm renderer (:class:`~builder.site.render.WarmRenderer`) convert those sources and
   render their pages, or every page when the navigation changed (when only existing pages
   changed and their navigation and anchors did not, through MkDocs' page steps alone, the
   search index being written after: by a live preview, in the background once the pages are
   served);
4. post-processes the site as the full build does (``finish``: drop unused theme files,
   precompress), the precompressed copies being made again only for the files just written (by
   a live preview, in a background thread once the author pauses: :class:`slim.Compressor`).

The site it leaves is the one ``build_site`` makes from the same course (tests compare bytes).
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from builder.model import Curriculum, Translation
from builder.plan.course import Course
from builder.site import slim
from builder.site.build import (
    PROJECT,
    SKIPPED_TEMPLATES,
    SiteBuildError,
    _authoring_reference,
    _belongs_in_nav,
    _check_nav,
    docs_files,
    finish,
    front_end,
    generate_pages,
    packs_folder,
    site_config,
    with_alternates,
)
from builder.site.config import LookError, dump_config, load_look
from builder.site.layout import Page, Site, make_site
from builder.site.nav import nav_pages, site_nav
from builder.site.pages_module import module_page
from builder.site.pages_monitoring import monitoring_page, results_db
from builder.site.pages_other import (
    authoring_page,
    certificate_page,
    progress_page,
    standards_page,
    translations_page,
)
from builder.site.render import RenderError, WarmRenderer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Affected:
    """The pages an edit changes when it changes only module bodies and quizzes."""

    modules: frozenset[str]
    progress: bool


def affected(old: Curriculum, new: Curriculum) -> Affected | None:
    """Return the modules whose pages an edit changed, or None when any page may have changed."""
    for f in fields(Curriculum):
        if f.name not in ("modules", "quizzes") and getattr(old, f.name) != getattr(new, f.name):
            return None
    if old.modules.keys() != new.modules.keys() or old.quizzes.keys() != new.quizzes.keys():
        return None
    modules: set[str] = set()
    for mid, m in new.modules.items():
        o = old.modules[mid]
        if o == m:
            continue
        if (o.meta, o.path, _metas(o.translations)) != (m.meta, m.path, _metas(m.translations)):
            return None
        modules.add(mid)
    quiz = False
    for qid, q in new.quizzes.items():
        was = old.quizzes[qid]
        if was != q:
            if (was.meta.module, was.is_exam) != (q.meta.module, q.is_exam):
                return None
            modules.add(q.meta.module)
            quiz = True
    return Affected(frozenset(modules), quiz)


def _metas(translations: Mapping[str, Translation]) -> dict[str, tuple[object, str]]:
    return {lang: (t.meta, t.path) for lang, t in translations.items()}


def pages_after(
    before: tuple[Curriculum, dict[str, Page]] | None,
    site: Site,
    root: Path,
    packs: Path,
    same_results: bool = False,
) -> dict[str, Page]:
    """Return every page of the site, generating again only those an edit affects (with the
    full build's page generation, alternates included; ``same_results``: the results database
    has not changed since ``before``)."""
    what = affected(before[0], site.cur) if before is not None else None
    if before is None or what is None:
        return {p.path: p for p in generate_pages(site, root, packs)}
    pages = dict(before[1])
    fresh = fresh_pages(site, what, root, monitoring=what.progress or not same_results)
    if all(page.path in pages for page in fresh):
        # the same pages as before, in the same languages: each keeps its alternates (and the
        # pages not made again stay the same objects, which ``sync_docs`` does not convert)
        for page in fresh:
            pages[page.path] = dataclasses.replace(page, alternates=pages[page.path].alternates)
        return pages
    for page in fresh:
        pages[page.path] = page
    return {p.path: p for p in with_alternates(list(pages.values()), site)}


def fresh_pages(site: Site, what: Affected, root: Path, monitoring: bool = True) -> list[Page]:
    """Return the pages an edit of module bodies or quizzes changes, in every language: the
    modules' pages; for a quiz, the pages that count or list quizzes; and the pages that read
    files the check does not model (the authors' reference; with ``monitoring``, the dashboard,
    which reads the results database and the plans, and not the bodies)."""
    out: list[Page] = []
    for lang in site.all_languages():
        out += [module_page(site, mid, lang) for mid in sorted(what.modules)]
        if what.progress:
            out += [progress_page(site, lang), standards_page(site, lang)]
            if site.practice:
                out.append(certificate_page(site, lang))
        if monitoring:
            out.append(monitoring_page(site, root, lang))
    if what.progress:
        out.append(translations_page(site))
    out.append(authoring_page(root, _authoring_reference))
    return out


@dataclass
class DocsTree:
    """What the docs tree holds, as :func:`sync_docs` last wrote it."""

    data: dict[str, bytes] = field(default_factory=dict)
    """Docs path → bytes."""
    stats: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Docs path of a copied file → the stat of its source when it was read (settled only)."""
    sources: dict[str, tuple[Page, bytes]] = field(default_factory=dict)
    """Docs path of a page → the page and its Markdown file's bytes."""


def sync_docs(
    docs: Path, pages: dict[str, Page], front: Path, site: Site, kept: DocsTree | None = None
) -> set[str]:
    """Write the docs tree the full build writes (:func:`~builder.site.build.docs_files`),
    touching only files whose bytes change; return the docs paths written or removed.

    ``kept``, when given, is what the docs tree holds, brought up to date here: files are
    compared with it instead of being read again (empty: the tree is read once), a page that is
    the same object as last time is not converted again, and a copied file whose source's stat
    has not changed is not read again.
    """
    from builder.load.files import settled, signature

    kept = DocsTree() if kept is None else kept
    first = not kept.data
    want = docs_files(pages.values(), front, site, kept.sources)
    changed = set()
    for rel, data in want.items():
        if isinstance(data, Path):
            sig = signature(data)
            if rel in kept.data and sig is not None and kept.stats.get(rel) == sig:
                continue
            new = data.read_bytes()
            if settled(sig):
                kept.stats[rel] = sig
            else:
                kept.stats.pop(rel, None)
        else:
            new = data
        if kept.data.get(rel) != new and _write_if_changed(docs / rel, new):
            changed.add(rel)
        kept.data[rel] = new
    if first:
        gone = [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()]
    else:
        gone = list(kept.data)
    for rel in gone:
        if rel not in want:
            (docs / rel).unlink(missing_ok=True)
            kept.data.pop(rel, None)
            kept.stats.pop(rel, None)
            changed.add(rel)
    for rel in [r for r in kept.sources if r not in pages]:
        del kept.sources[rel]
    return changed


def _write_if_changed(target: Path, new: bytes) -> bool:
    try:
        if target.read_bytes() == new:
            return False
    except OSError:
        target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(new)
    return True


def results_stamp(root: Path) -> tuple[tuple[int, ...] | None, ...]:
    """Return what tells whether the results database changed: the stat of its files."""
    db = results_db(root)
    out: list[tuple[int, ...] | None] = []
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-journal")):
        try:
            st = path.stat()
        except OSError:
            out.append(None)
            continue
        out.append((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    return tuple(out)


def _not_built(exc: RenderError) -> SiteBuildError:
    """Return the preview's error for what the renderer refused."""
    return SiteBuildError(
        "the site was not built (the preview shows the last good build):\n"
        + "\n".join(exc.messages)
    )


#: Seconds without a new update before a live preview precompresses what updates rewrote.
IDLE = 1.0


class LiveSite:
    """The preview's site under ``out`` (sources beside it), updated in place."""

    def __init__(self, out: Path, *, background: bool = False) -> None:
        self.out = out
        self.background = background
        """Precompress rewritten files in a thread after ``update`` returns (the pages are
        served uncompressed meanwhile); the next ``update`` and :meth:`settle` wait for it."""
        self._compressor = slim.Compressor(out, idle=IDLE if background else 0.0)
        self._docs = DocsTree()
        """What the docs tree holds (see :func:`sync_docs`)."""
        self.results: tuple[tuple[int, ...] | None, ...] | None = None
        """The results database's stamp when ``before`` was built."""
        self.src = out.parent / f".{out.name}-src"
        self.renderer = WarmRenderer(SKIPPED_TEMPLATES, slim.COPY_SUFFIXES)
        self.before: tuple[Curriculum, dict[str, Page]] | None = None
        self.started = False
        self._after: threading.Thread | None = None
        """The background work of the last update (with ``background``)."""

    def update(self, course: Course, root: Path, *, full: bool = False) -> list[str]:
        """Bring the site up to date with ``course``; return the site files written. With
        ``full``, every page is generated, converted and rendered again (fresh environment)."""
        if self._after is not None:
            self._after.join()  # the last update's search index is written
            self._after = None
        self._compressor.cancel()
        if full:
            self.before = None
            self.renderer.reset()
            self._docs = DocsTree()
        site = make_site(course)
        try:
            look = load_look(root if (root / "mkdocs.yml").is_file() else PROJECT)
        except LookError as exc:
            raise SiteBuildError(str(exc)) from exc
        stamp = results_stamp(root)
        same = stamp == self.results
        pages = pages_after(self.before, site, root, packs_folder(self.out), same)
        nav = site_nav(site)
        _check_nav(nav_pages(nav), [p for p in pages.values() if _belongs_in_nav(site, p)])
        docs = self.src / "docs"
        changed = sync_docs(docs, pages, front_end(root), site, self._docs)
        config = site_config(site, look, nav, docs, self.out, root)
        (self.src / "mkdocs.yml").write_text(dump_config(config), encoding="utf-8")
        if not self.started and self.out.exists():
            shutil.rmtree(self.out)  # a previous session's preview: stale pages would linger
        self.started, whole = True, self.before is None
        self.before = None  # until this build succeeds, the next one starts from scratch
        try:
            self.renderer.render(self.src / "mkdocs.yml", config, None if whole else changed)
        except RenderError as exc:
            raise _not_built(exc) from exc
        deferred, self.renderer.deferred = self.renderer.deferred, None
        if whole or not self.background:
            if deferred is not None:
                self._run(deferred)
            finish(self.out, site, None if whole else self._rewritten())
        else:
            finish(self.out, site, ())
            slim.drop_copies(self._listings())
            self._after = threading.Thread(target=self._finish_later, args=(deferred,))
            self._after.start()
        self.before, self.results = (site.cur, pages), stamp
        return self.renderer.written

    def settle(self) -> None:
        """Wait until the last update's work in the background is done."""
        if self._after is not None:
            self._after.join()
        self._compressor.settle()

    def _run(self, deferred: Callable[[], None]) -> None:
        """Run what the renderer left of a build (it starts over if that fails)."""
        try:
            deferred()
        except RenderError as exc:
            self.renderer.reset()  # the next update renders every page again
            raise _not_built(exc) from exc

    def _finish_later(self, deferred: Callable[[], None] | None) -> None:
        """In the background: what the renderer left (the search index), then precompress."""
        if deferred is not None:
            try:
                self._run(deferred)
            except SiteBuildError as exc:
                log.error("%s", exc.message)
        self._compressor.start(self._rewritten())

    def _listings(self) -> list[Path]:
        """Return the files that list every page (the search index and its script)."""
        return list((self.out / "search").rglob("*"))

    def _rewritten(self) -> list[Path]:
        """Return the site files the last render wrote: its pages, the static files it copied
        and the search index (every build writes it again)."""
        names = [*self.renderer.written, *self.renderer.copied]
        return [self.out / name for name in names] + self._listings()
