"""The generated MkDocs config: the look from the top-level ``mkdocs.yml``, the rest from us.

Authors set the look (palette, logo, fonts off, features, Markdown extensions, extra CSS) in
``mkdocs.yml`` at the curriculum root. The builder keeps what is about looks and decides what the
site needs to be correct: the navigation, offline use, strict link checks, the extensions the
generated pages rely on, and the scripts of the quiz and progress pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from builder.site.layout import Site
from builder.site.text import html_text

#: Extensions the generated Markdown relies on, in addition to whatever the look adds.
REQUIRED_EXTENSIONS: tuple[str, ...] = (
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "sane_lists",  # an ordered list keeps its first number, as in the packs
    "pymdownx.details",  # solutions and hints as <details>, which open without JavaScript
    "pymdownx.superfences",
    "builder.site.mdext",
)
#: Extensions never allowed: snippets would let a body include any file (instructor text too).
BANNED_EXTENSIONS = frozenset({"pymdownx.snippets", "markdown_include.include"})
#: Features that the site always has, and the ones that would slow it or break file:// use.
FORCED_FEATURES = ("navigation.prune", "navigation.indexes")
BANNED_FEATURES = frozenset(
    {
        "navigation.sections",
        "navigation.expand",
        "navigation.instant",
        "navigation.instant.prefetch",
        "navigation.instant.progress",
    }
)
LOOK_KEYS = (
    "theme",
    "markdown_extensions",
    "extra_css",
    "extra_javascript",
    "extra",
    "copyright",
    "site_name",
    "site_description",
)
#: Front-end files of the site, copied from ``site/`` into the docs tree under ``assets/``.
SCRIPTS = (
    "assets/js/curriculum-config.js",
    "assets/js/marking.js",
    "assets/js/curriculum.js",
    "assets/js/curriculum-site.js",
)
STYLES = ("assets/css/curriculum.css",)
WORKER_SHIM = "assets/js/iframe-worker-shim.js"
#: Holds the search index back until search is opened (after the shim, which it wraps).
LAZY_SEARCH = "assets/js/lazy-search.js"
#: Languages Material's search (lunr) can stem.
SEARCH_LANGUAGES = frozenset(
    [
        "ar",
        "da",
        "de",
        "du",
        "el",
        "en",
        "es",
        "fi",
        "fr",
        "hi",
        "hu",
        "hy",
        "it",
        "ja",
        "kn",
        "ko",
        "nl",
        "no",
        "pt",
        "ro",
        "ru",
        "sa",
        "sv",
        "ta",
        "te",
        "th",
        "tr",
        "vi",
        "zh",
    ]
)


class LookError(ValueError):
    """The top-level mkdocs.yml cannot be used."""


@dataclass(frozen=True)
class Look:
    """The parts of mkdocs.yml that the site takes, and the keys it ignored."""

    values: dict[str, Any]
    ignored: tuple[str, ...]


def load_look(root: Path) -> Look:
    """Read ``mkdocs.yml`` at the root (missing: an empty look)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return Look({}, ())
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LookLoader) or {}
    except yaml.YAMLError as exc:
        raise LookError(f"mkdocs.yml: {exc}") from exc
    if not isinstance(data, dict):
        raise LookError("mkdocs.yml: expected a mapping of keys")
    kept = {k: v for k, v in data.items() if k in LOOK_KEYS}
    return Look(kept, tuple(sorted(k for k in data if k not in LOOK_KEYS)))


class _LookLoader(yaml.SafeLoader):
    """Safe loading that reads ``!!python/name:`` tags (common in Material configs) as strings."""


_LookLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix
)


def extension_list(look: list[Any] | None) -> list[Any]:
    """Return the look's extensions plus the required ones, without the banned ones."""
    out: list[Any] = []
    names: set[str] = set()
    for item in look or []:
        name = next(iter(item)) if isinstance(item, dict) else str(item)
        if name in BANNED_EXTENSIONS or name in names:
            continue
        names.add(name)
        out.append(item)
    out.extend(name for name in REQUIRED_EXTENSIONS if name not in names)
    return out


def theme_config(look: dict[str, Any], custom_dir: Path, language: str) -> dict[str, Any]:
    """Return the theme: the look's, on Material, with fonts off and the site's features."""
    theme = dict(look) if isinstance(look, dict) else {}
    theme["name"] = "material"
    theme["custom_dir"] = str(custom_dir)
    theme["font"] = False
    theme["language"] = language
    features = [f for f in theme.get("features", []) or [] if f not in BANNED_FEATURES]
    theme["features"] = [*features, *(f for f in FORCED_FEATURES if f not in features)]
    return theme


def _with(items: Any, required: tuple[str, ...], first: bool = False) -> list[Any]:
    own = [i for i in (items or []) if i not in required]
    return [*required, *own] if first else [*own, *required]


def search_languages(site: Site) -> list[str]:
    """Return the languages the site's search stems (those of its sections that lunr knows)."""
    return [lg for lg in site.all_languages() if lg in SEARCH_LANGUAGES] or ["en"]


def generated_config(
    site: Site,
    look: Look,
    nav: list[Any],
    docs_dir: Path,
    site_dir: Path,
    custom_dir: Path,
    not_in_nav: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Return the MkDocs config of a build."""
    p = site.cur.programme
    values = look.values
    extra = dict(values.get("extra") or {})
    extra["polyfills"] = [WORKER_SHIM, LAZY_SEARCH]
    extra.pop(
        "alternate", None
    )  # Material's selector fetches sitemap.xml (no use offline); pages link their versions
    search_langs = search_languages(site)
    return {
        "site_name": html_text(str(values.get("site_name") or p.short_title or p.title)),
        "site_description": html_text(str(values.get("site_description") or p.description)),
        "copyright": html_text(str(values.get("copyright") or p.publisher)),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": False,
        "strict": True,
        "theme": theme_config(values.get("theme") or {}, custom_dir, site.source),
        "markdown_extensions": extension_list(values.get("markdown_extensions")),
        "extra_css": _with(values.get("extra_css"), STYLES),
        "extra_javascript": _with(values.get("extra_javascript"), SCRIPTS),
        "extra": extra,
        "plugins": [{"search": {"lang": search_langs}}, "offline"],
        "validation": {
            "omitted_files": "info"
            if site.large
            else "warn",  # large sites leave modules out of the nav
            "absolute_links": "warn",
            "unrecognized_links": "warn",
            "anchors": "warn",
        },
        "nav": nav,
        "not_in_nav": "\n".join(not_in_nav),
    }


def dump_config(config: dict[str, Any]) -> str:
    """Return the config as YAML text (stable key order)."""
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
