"""The preview's site, rebuilt in place after each edit: only the pages an edit affects.

``LiveSite.update`` takes the newly checked course and:

1. finds what the edit affects (:func:`affected`): when only module bodies, their translations'
   bodies or quizzes changed, just those modules' pages (in every language) and, for a quiz, the
   progress page are generated again; any other change (a title, a prerequisite, a standard, the
   programme, a country, the glossary, a module or quiz added or removed) regenerates every page;
2. writes to the docs tree only the sources whose bytes changed (and removes those that are gone);
3. has the warm renderer (:class:`~builder.site.render.WarmRenderer`) convert those sources and
   render their pages, or every page when the navigation changed.

The site it leaves is the one ``build_site`` makes from the same course (tests compare bytes).
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from builder.model import Curriculum, Translation
from builder.plan.course import Course
from builder.site.build import (
    DROPPED_FILES,
    FRONT_END_DIRS,
    PROJECT,
    SKIPPED_TEMPLATES,
    SiteBuildError,
    _authoring_reference,
    _check_nav,
    front_end,
    generate_pages,
    page_source,
    script_config,
)
from builder.site.config import LookError, dump_config, generated_config, load_look
from builder.site.layout import Page, Site, make_site
from builder.site.nav import nav_config, nav_pages, site_nav
from builder.site.pages_module import module_page
from builder.site.pages_other import authoring_page, progress_page
from builder.site.render import RenderError, WarmRenderer


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
    before: tuple[Curriculum, dict[str, Page]] | None, site: Site, root: Path
) -> dict[str, Page]:
    """Return every page of the site, generating again only those an edit affects."""
    what = affected(before[0], site.cur) if before is not None else None
    if before is None or what is None:
        return {p.path: p for p in generate_pages(site, root)}
    pages = dict(before[1])
    fresh = [module_page(site, mid, lang) for mid in what.modules for lang in site.all_languages()]
    if what.progress:
        fresh.append(progress_page(site))
    fresh.append(authoring_page(root, _authoring_reference))  # it reads the root's docs
    for page in fresh:
        pages[page.path] = page
    return pages


def sync_docs(docs: Path, pages: dict[str, Page], front: Path, site: Site) -> set[str]:
    """Write the docs tree, touching only files whose bytes change; return the docs paths
    written or removed."""
    want: dict[str, bytes | Path] = {}
    for page in pages.values():
        want[page.path] = page_source(page).encode("utf-8")
        for src, dest in page.assets:
            want[dest] = Path(src)
    for name in FRONT_END_DIRS:
        base = front / name
        if base.is_dir():
            for f in sorted(p for p in base.rglob("*") if p.is_file()):
                want[f"assets/{name}/{f.relative_to(base).as_posix()}"] = f
    want["assets/js/curriculum-config.js"] = script_config(site).encode("utf-8")
    changed = {rel for rel, data in want.items() if _write_if_changed(docs / rel, data)}
    for old in [p for p in docs.rglob("*") if p.is_file()] if docs.is_dir() else []:
        rel = old.relative_to(docs).as_posix()
        if rel not in want:
            old.unlink()
            changed.add(rel)
    return changed


def _write_if_changed(target: Path, data: bytes | Path) -> bool:
    new = data.read_bytes() if isinstance(data, Path) else data
    try:
        if target.read_bytes() == new:
            return False
    except OSError:
        target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(new)
    return True


class LiveSite:
    """The preview's site under ``out`` (sources beside it), updated in place."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.src = out.parent / f".{out.name}-src"
        self.renderer = WarmRenderer(SKIPPED_TEMPLATES)
        self.before: tuple[Curriculum, dict[str, Page]] | None = None
        self.started = False

    def update(self, course: Course, root: Path, *, full: bool = False) -> list[str]:
        """Bring the site up to date with ``course``; return the site files written. With
        ``full``, every page is generated, converted and rendered again (fresh environment)."""
        if full:
            self.before = None
            self.renderer.reset()
        site = make_site(course)
        try:
            look = load_look(root if (root / "mkdocs.yml").is_file() else PROJECT)
        except LookError as exc:
            raise SiteBuildError(str(exc)) from exc
        pages = pages_after(self.before, site, root)
        nav = site_nav(site)
        listed = [p for p in pages.values() if not (site.large and "modules/" in p.path)]
        _check_nav(nav_pages(nav), listed)
        docs = self.src / "docs"
        changed = sync_docs(docs, pages, front_end(root), site)
        config = generated_config(
            site, look, nav_config(nav), docs, self.out, front_end(root) / "overrides"
        )
        (self.src / "mkdocs.yml").write_text(dump_config(config), encoding="utf-8")
        if not self.started and self.out.exists():
            shutil.rmtree(self.out)  # a previous session's preview: stale pages would linger
        self.started, whole = True, self.before is None
        self.before = None  # until this build succeeds, the next one starts from scratch
        try:
            self.renderer.render(self.src / "mkdocs.yml", config, None if whole else changed)
        except RenderError as exc:
            raise SiteBuildError(
                "the site was not built (the preview shows the last good build):\n"
                + "\n".join(exc.messages)
            ) from exc
        for name in DROPPED_FILES:
            (self.out / name).unlink(missing_ok=True)
        self.before = (site.cur, pages)
        return self.renderer.written
