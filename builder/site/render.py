"""The renderer adapter: run MkDocs on a generated config. The only module that imports MkDocs.

It is a thin shell: load the config in strict mode, build, collect every warning MkDocs logs and
fail with all of them. Swapping the renderer (e.g. for Zensical, which reads the same config)
means replacing this file. Two economies live here too, as they touch MkDocs' internals: one
Jinja environment per build, and no rendering of theme pages the caller throws away.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import json
import logging
import os
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class RenderError(RuntimeError):
    """MkDocs failed, or warned in strict mode; ``messages`` holds what it said."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("the site renderer failed:\n" + "\n".join(messages))
        self.messages = messages


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


def render(
    config_file: Path,
    values: dict[str, Any] | None = None,
    skip_templates: Collection[str] = (),
    warm: WarmRenderer | None = None,
) -> None:
    """Build the site described by ``config_file`` with MkDocs, strictly.

    ``values``, when given, are the settings that ``config_file`` holds, handed to MkDocs as they
    are rather than read back from the file just written. ``skip_templates`` names theme pages
    (``404.html``, ``sitemap.xml``) not to render, for a caller that does not publish them.
    ``warm``: the preview's renderer, whose environment and pages are reused (a dirty build).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with _strict() as messages:
        if values is None:
            config = load_config(config_file=str(config_file), strict=True)
        else:
            settings = {**copy.deepcopy(values), "strict": True}
            config = load_config(
                io.BytesIO(b"{}"), config_file_path=os.path.abspath(config_file), **settings
            )
        if skip_templates:
            config.plugins["curriculum-skip-templates"] = _skip_templates(skip_templates)
        if warm is None:
            _one_environment(config.theme)
        else:
            theme = config.theme
            setattr(theme, "get_env", lambda: warm.environment(theme))  # noqa: B010
        build(config)
    if messages:
        raise RenderError(messages)


@contextlib.contextmanager
def _strict() -> Iterator[list[str]]:
    """Collect what MkDocs logs at warning level or above (yielded, filled on exit) and turn
    every failure into a :class:`RenderError` carrying what was logged."""
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    propagate = logger.propagate
    logger.propagate = False  # MkDocs' messages come back to the caller, not to the console
    try:
        yield handler.messages
    except MkDocsException as exc:
        raise RenderError([*handler.messages, f"error: {exc}"]) from exc
    except SystemExit as exc:  # MkDocs aborts a strict build by exiting
        raise RenderError([*handler.messages, f"error: {exc}"]) from exc
    except Exception as exc:  # a plugin or extension crashed: report it like any other failure
        raise RenderError([*handler.messages, f"error: {type(exc).__name__}: {exc}"]) from exc
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _one_environment(theme: Any) -> None:
    """Make the theme hand out one Jinja environment for the whole build.

    MkDocs builds the pages in one environment, but Material's search plugin asks for a new one
    each time it looks up a default (separator, pipeline), and each new one compiles the
    language templates again. Sharing the build's environment compiles them once. (The build's
    plugins are ours, search and offline: none changes the theme's folders once configured.)
    """
    new_env = theme.get_env
    made: list[Any] = []

    def shared_env() -> Any:
        if not made:
            made.append(new_env())
        return made[0]

    theme.get_env = shared_env


def _skip_templates(names: Collection[str]) -> Any:
    """Return a MkDocs plugin that leaves the theme templates ``names`` unrendered.

    It acts once the theme's files are listed (which leaves the templates out as sources) and
    before MkDocs renders them.
    """
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import Files

    class SkipTemplates(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
        def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
            config.theme.static_templates.difference_update(names)
            return env

    return SkipTemplates()


#: What reading and converting a page leaves on MkDocs' page object, kept between builds.
PAGE_STATE = (
    "markdown",
    "meta",
    "content",
    "toc",
    "_title_from_render",
    "present_anchor_ids",
    "links_to_anchors",
)


@dataclass
class _Built:
    """What MkDocs' last complete build of a warm renderer made, for the page-only lane."""

    config: Any
    files: Any
    doc_files: Any
    nav: Any
    env: Any
    excluded: dict[str, bool]
    order: list[str]
    """The pages' sources in the order the build rendered them (the search index's order)."""


class WarmRenderer:
    """MkDocs kept warm between builds of one site, for the preview.

    The first build is a full one. Later builds reuse the Jinja environment (compiled templates),
    read and convert again only the Markdown sources named as changed, render with the theme only
    those pages (every page when the navigation changed: each page carries it), and reuse the
    search entries of the other pages, so the search index lists every page as a full build's
    does. The outputs of sources that are gone are removed. A change of the config (or of the
    theme's custom folder) starts over in a fresh environment.

    When only existing pages changed, and converting them again leaves the navigation and
    their anchors as they were (an edit of a module's text), MkDocs' build is not run at all:
    those pages are converted and rendered with the last build's objects (config, files,
    navigation, environment) through MkDocs' own page steps and plugin events, and the search
    index is written again (:meth:`_render_pages`). The site is the same as a full build's
    (``tests/site``).
    """

    def __init__(
        self, skip_templates: Collection[str] = (), companions: Collection[str] = ()
    ) -> None:
        self.skip_templates = tuple(skip_templates)
        self.companions = tuple(companions)
        """Suffixes of files made beside each output (``.gz``), removed with it."""
        self.written: list[str] = []
        """The site files (site-relative) the last build wrote."""
        self.copied: list[str] = []
        """The static files (site-relative) the last build copied (new, or newer sources)."""
        self.deferred: Callable[[], None] | None = None
        """What is left of the last build when it rendered only pages: writing the files that
        list every page (the search index). The caller runs it (raises :class:`RenderError`),
        e.g. once the pages are served, before the next build."""
        self._outputs: dict[str, str] = {}
        """Docs source → site file, of every page and static file on disk (kept when the rest is
        forgotten)."""
        self._forget()

    def reset(self) -> None:
        """Make the next build a full one, in a fresh environment."""
        self._forget()

    def _forget(self) -> None:
        self._config_key = ""
        self._env: Any = None
        self._states: dict[str, dict[str, Any]] = {}
        self._entries: dict[str, list[Any]] = {}
        self._fragments: dict[str, str] = {}
        self._nav_key = ""
        self._nav_changed = True
        self._seen: dict[str, str] = {}
        self._static: dict[str, str] = {}
        self._changed: set[str] | None = None
        self._built: _Built | None = None
        self._seen_build: dict[str, Any] = {}
        self._converted: set[str] = set()
        """The pages converted by this build's try of the page-only lane (a full build that
        follows takes them as they are)."""

    def render(
        self, config_file: Path, values: dict[str, Any], changed: Collection[str] | None
    ) -> None:
        """Build the site; ``changed`` names the docs sources (docs-relative) written since the
        last build (None: any may have changed)."""
        key = repr(sorted(values.items())) + repr(_folders_stamp(_custom_dirs(values)))
        if key != self._config_key:
            self._forget()
            self._config_key = key
        self._changed = None if changed is None else set(changed)
        self.written, self.copied, self._nav_changed = [], [], False
        self._converted = set()
        if self.deferred is not None:
            raise RuntimeError("the last build's deferred work was not run")
        try:
            if self._render_pages(self._changed):
                return
            self._seen, self._static, self._built, self._seen_build = {}, {}, None, {}
            self._render(config_file, values)
        except RenderError:
            self._forget()  # a failed build may have written part of the site: start over
            raise
        self._built = _Built(**self._seen_build, order=list(self._seen))
        now = {**self._static, **self._seen}
        _remove_outputs(Path(values["site_dir"]), self._outputs, now, self.companions)
        self._outputs = now

    def _render_pages(self, changed: set[str] | None) -> bool:
        """Convert and render only the ``changed`` pages with the last build's objects (none:
        nothing to do); return False (having written nothing) when a full build is needed: no
        last build, a changed file that is not one of its pages, or a page whose conversion
        changed the navigation or its anchors (other pages' links are checked against them)."""
        import mkdocs.commands.build as mkbuild

        built = self._built
        if built is None or changed is None:
            return False
        if not changed:
            return True  # the same docs and config: the same site
        files = [built.files.get_file_from_path(uri) for uri in sorted(changed)]
        if any(
            f is None
            or f.page is None
            or not f.is_documentation_page()
            or f.src_uri not in built.excluded
            or not os.path.isfile(f.abs_src_path)
            for f in files
        ):
            return False
        config, index = built.config, _search_index(built.config)
        with _strict() as messages:
            for f in files:
                anchors = self._states.get(f.src_uri, {}).get("present_anchor_ids")
                mkbuild._populate_page(f.page, config, built.files)
                self._keep_state(f.page)
                self._converted.add(f.src_uri)  # a full build after this one keeps it
                if f.page.present_anchor_ids != anchors:
                    return False
            if _nav_key(built.nav) != self._nav_key:
                return False
            for f in files:
                if index is not None:
                    index.entries = []
                mkbuild._build_page(
                    f.page,
                    config,
                    built.doc_files,
                    built.nav,
                    built.env,
                    excluded=built.excluded[f.src_uri],
                )
                self._entries[f.src_uri] = index.entries if index is not None else []
                self._fragments.pop(f.src_uri, None)
                self.written.append(f.dest_uri)
            for f in files:
                f.page.validate_anchor_links(
                    files=built.files, log_level=config.validation.links.anchors
                )
        if messages:
            raise RenderError(messages)
        self.deferred = functools.partial(self._post_build, built)
        return True

    def _post_build(self, built: _Built) -> None:
        """Run the plugins' end of build (the search index lists every page again; the offline
        plugin copies it into a script) after a page-only build, each page's part of the index
        serialised once and reused until the page changes."""
        index = _search_index(built.config)
        with _strict() as messages:
            if index is not None:
                index.entries = [e for uri in built.order for e in self._entries.get(uri, [])]
                parts = [self._fragment(uri) for uri in built.order]
                index.generate_search_index = _spliced(index, [p for p in parts if p])
            try:
                built.config.plugins.on_post_build(config=built.config)
            finally:
                if index is not None:
                    del index.generate_search_index
        if messages:
            raise RenderError(messages)

    def _fragment(self, uri: str) -> str:
        """Return a page's search entries as they appear in the index's JSON, comma-joined."""
        found = self._fragments.get(uri)
        if found is None:
            found = self._fragments[uri] = ",".join(
                json.dumps(e, separators=(",", ":"), default=str)
                for e in self._entries.get(uri, [])
            )
        return found

    def _keep_state(self, page: Any) -> None:
        self._states[page.file.src_uri] = {
            k: page.__dict__[k] for k in PAGE_STATE if k in page.__dict__
        }

    def _render(self, config_file: Path, values: dict[str, Any]) -> None:
        """Run MkDocs' build with its page steps and its cleaning replaced by the warm ones."""
        import mkdocs.commands.build as mkbuild
        from mkdocs import utils
        from mkdocs.structure.files import Files

        saved = (mkbuild._populate_page, mkbuild._build_page, utils.clean_directory)
        populate, build_page, _ = saved
        copy_static: Any = Files.copy_static_files

        def warm_populate(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
            self._seen_build["files"] = files
            self._populate(populate, page, config, files)

        def warm_build(page: Any, config: Any, *parts: Any, **kw: Any) -> None:
            self._build(build_page, page, config, parts[:3], kw.get("excluded", False))

        def copy_changed(files: Any, dirty: bool = False, **kw: Any) -> None:
            static = [f for f in files if not f.is_documentation_page()]
            self._static = {f.src_uri: f.dest_uri for f in static}
            self.copied = [f.dest_uri for f in static if f.is_modified()]
            copy_static(files, dirty=True, **kw)  # only what is newer than the site's copy

        mkbuild._populate_page, mkbuild._build_page = warm_populate, warm_build
        utils.clean_directory = lambda directory: None  # the site is updated in place
        setattr(Files, "copy_static_files", copy_changed)  # noqa: B010
        try:
            render(config_file, values, self.skip_templates, warm=self)
        finally:
            mkbuild._populate_page, mkbuild._build_page, utils.clean_directory = saved
            setattr(Files, "copy_static_files", copy_static)  # noqa: B010

    def environment(self, theme: Any) -> Any:
        """Return the theme's Jinja environment, made once per config (its list of templates
        remembered while the theme's own folders do not change)."""
        if self._env is None:
            self._env = type(theme).get_env(theme)
            self._env.list_templates = _remembered_listing(self._env.list_templates, theme.dirs)
        return self._env

    def _populate(self, populate: Any, page: Any, config: Any, files: Any) -> None:
        uri = page.file.src_uri
        state = self._states.get(uri)
        unchanged = self._changed is not None and uri not in self._changed
        if state is not None and (unchanged or uri in self._converted):
            page.__dict__.update(state)
            return
        populate(page, config, files)
        self._keep_state(page)

    def _build(self, build_page: Any, page: Any, config: Any, parts: Any, excluded: bool) -> None:
        doc_files, nav, env = parts
        if not self._seen:
            self._seen_build.update(config=config, doc_files=doc_files, nav=nav, env=env)
            key = _nav_key(nav)
            self._nav_changed, self._nav_key = key != self._nav_key, key
        uri, index = page.file.src_uri, _search_index(config)
        self._seen[uri] = page.file.dest_uri
        self._seen_build.setdefault("excluded", {})[uri] = excluded
        stale = self._nav_changed or self._changed is None or uri in self._changed
        if not stale and uri in self._entries and index is not None:
            index.entries.extend(self._entries[uri])
            return
        before = len(index.entries) if index is not None else 0
        build_page(page, config, doc_files, nav, env, excluded=excluded)
        self._entries[uri] = index.entries[before:] if index is not None else []
        self._fragments.pop(uri, None)
        self.written.append(page.file.dest_uri)


def _remembered_listing(listing: Any, dirs: list[str]) -> Any:
    """Return Jinja's ``list_templates`` remembered by its arguments and by the state of the
    theme folders outside installed packages (a site's overrides; MkDocs' and Material's own
    files do not change while a preview runs). MkDocs lists them on every build, walking the
    theme's thousands of files."""
    seen: dict[Any, Any] = {}

    def list_templates(extensions: Any = None, filter_func: Any = None) -> Any:
        filter_name = getattr(filter_func, "__qualname__", repr(filter_func))
        key = (repr(extensions), filter_name, _folders_stamp(dirs))
        if key not in seen:
            if len(seen) > 8:
                seen.clear()
            seen[key] = listing(extensions=extensions, filter_func=filter_func)
        return list(seen[key])

    return list_templates


def _folders_stamp(dirs: list[str]) -> tuple[tuple[str, int], ...]:
    """Return the path and modification time of every entry of the folders not installed as
    packages (``site-packages``)."""
    out: list[tuple[str, int]] = []
    for folder in dirs:
        if "site-packages" in Path(folder).parts or "dist-packages" in Path(folder).parts:
            continue
        for base, subdirs, files in os.walk(folder):
            subdirs.sort()
            for name in [base, *sorted(os.path.join(base, f) for f in files)]:
                try:
                    out.append((name, os.stat(name).st_mtime_ns))
                except OSError:
                    out.append((name, -1))
    return tuple(out)


def _spliced(index: Any, parts: list[str]) -> Callable[[Any], str]:
    """Return the search index's JSON maker with the entries given as serialised ``parts``: the
    same text as Material's (which serialises the whole index, 13 MB at 2,000 modules, each
    time), its settings serialised by Material itself."""
    original = index.generate_search_index

    def generate(prev: Any) -> str:
        entries, index.entries = index.entries, []
        try:
            head = str(original(None))
        finally:
            index.entries = entries
        if prev or not head.endswith('"docs":[]}'):
            return str(original(prev))
        return head[: -len("[]}")] + "[" + ",".join(parts) + "]}"

    return generate


def _custom_dirs(values: dict[str, Any]) -> list[str]:
    """Return the theme's custom folder named in the settings (its templates are the site's)."""
    theme = values.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return [str(custom)] if custom else []


def _search_index(config: Any) -> Any:
    """Return the search plugin's index (entries added page by page), if the site has one."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(getattr(index, "entries", None), list):
            return index
    return None


def _nav_key(nav: Any) -> str:
    """Return what of the navigation shows on every page: titles, addresses, nesting."""
    out: list[str] = []

    def walk(items: Any, depth: int) -> None:
        for item in items:
            url = getattr(item, "url", None)
            out.append(f"{depth}|{item.title}|{url}|{type(item).__name__}")
            walk(getattr(item, "children", None) or (), depth + 1)

    walk(nav.items, 0)
    return "\n".join(out)


def _remove_outputs(
    site_dir: Path, before: dict[str, str], now: dict[str, str], companions: Collection[str]
) -> None:
    """Remove the outputs of pages and static files whose sources are gone (and the files made
    beside them)."""
    for uri, dest in before.items():
        if uri not in now:
            gone = site_dir / dest
            gone.unlink(missing_ok=True)
            for suffix in companions:
                gone.with_name(gone.name + suffix).unlink(missing_ok=True)
            for folder in gone.parents:
                if folder == site_dir or any(folder.iterdir()):
                    break
                folder.rmdir()
