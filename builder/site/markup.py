"""Module bodies to site Markdown: trainee blocks only, callouts as admonitions, links resolved.

Instructor blocks are dropped here, before anything is written: they never reach the docs tree.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from builder.body import parse_body, trainee_blocks
from builder.safety import slug
from builder.site import i18n
from builder.site.layout import STANDARDS, Site, localized, module_path, rel
from builder.site.text import body_markdown, md_inline

#: Callout kind → admonition classes (a Material type first, for its colour and icon).
ADMONITION = {
    "note": "note",
    "tip": "tip",
    "warning": "warning",
    "example": "example",
    "exercise": "question exercise",
    "case-study": "abstract case-study",
}
_LINK = re.compile(r"\]\((module|standard):([^)\s]*)\)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)(\s+\"[^\"]*\")?\)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//|^#")

LinkResolver = Callable[[str, str], str]


def indent(text: str, prefix: str = "    ") -> str:
    """Indent every non-empty line of ``text``."""
    return "\n".join(prefix + line if line.strip() else "" for line in text.split("\n"))


def admonition(classes: str, title: str, text: str) -> str:
    """Return a Python-Markdown admonition with an escaped title."""
    return f'!!! {classes} "{md_inline(title)}"\n\n{indent(text)}\n'


def standard_anchor(standard_id: str) -> str:
    """Return the id of a standard's row on the coverage page."""
    return "std-" + slug(standard_id)


def link_resolver(site: Site, page: str, lang: str) -> LinkResolver:
    """Return a function giving the link target of ``module:``/``standard:`` links on ``page``."""

    def resolve(scheme: str, target: str) -> str:
        if scheme == "module":
            if site.on_site(target):
                return rel(page, module_path(target, lang, site.source))
            return "#"  # a retired module has no page
        return f"{rel(page, localized(STANDARDS, lang, site.source))}#{standard_anchor(target)}"

    return resolve


def resolve_links(text: str, resolve: LinkResolver) -> str:
    """Rewrite ``](module:id)`` and ``](standard:id)`` to site links."""
    return _LINK.sub(lambda m: f"]({resolve(m.group(1), m.group(2))})", text)


def localise_images(text: str, root: Path, page: str) -> tuple[str, list[tuple[str, str]]]:
    """Point relative images (relative to ``modules/``) at copies under ``media/``; list them."""
    assets: list[tuple[str, str]] = []

    def swap(m: re.Match[str]) -> str:
        alt, target, title = m.group(1), m.group(2), m.group(3) or ""
        if _SCHEME.match(target):
            return m.group(0)
        src = ((root / "modules").resolve() / target).resolve()
        if not src.is_file() or not src.is_relative_to(root.resolve()):
            return m.group(0)
        dest = "media/" + src.relative_to(root.resolve()).as_posix()
        assets.append((str(src), dest))
        return f"![{alt}]({posixpath.relpath(dest, posixpath.dirname(page))}{title})"

    if "![" not in text:  # no image: skip the scan (and the path resolving it would do)
        return text, assets
    return _IMAGE.sub(swap, text), assets


def body_to_markdown(
    site: Site, body: str, page: str, lang: str, ui_lang: str
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Return a body as site Markdown (instructor blocks removed) and the images it needs."""
    blocks, _ = parse_body(body)
    resolve = link_resolver(site, page, lang)
    parts: list[str] = []
    assets: list[tuple[str, str]] = []
    for block in trainee_blocks(blocks):
        text, found = localise_images(
            resolve_links(body_markdown(block.text), resolve), Path(site.cur.root), page
        )
        assets.extend(found)
        if block.kind == "text":
            parts.append(text)
        else:
            title = block.title or i18n.t(ui_lang, f"callout.{block.kind}")
            parts.append(admonition(ADMONITION.get(block.kind, "note"), title, text))
    return "\n\n".join(parts), tuple(assets)
