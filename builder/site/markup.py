"""Module bodies to site Markdown: trainee blocks only, callouts as admonitions, links resolved.

Instructor blocks are dropped here, before anything is written: they never reach the docs tree.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from builder.body import Block, Ref, parse_body, trainee_blocks
from builder.figures import FIGURE_NAME, resolve, rewrite_refs, with_figures
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

LinkResolver = Callable[[str, str], str]


def indent(text: str, prefix: str = "    ") -> str:
    """Indent every non-empty line of ``text``."""
    return "\n".join(prefix + line if line.strip() else "" for line in text.split("\n"))


def admonition(classes: str, title: str, text: str, *, markdown_title: bool = False) -> str:
    """Return a Python-Markdown admonition with an escaped title (inline Markdown allowed in it
    with ``markdown_title``)."""
    shown = title_markdown(title) if markdown_title else md_inline(title)
    return f'!!! {classes} "{shown}"\n\n{indent(text)}\n'


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


def localise_files(text: str, root: Path, rel: str, page: str) -> tuple[str, list[tuple[str, str]]]:
    """Point local images at their figures (``figures/``) and links to local files at copies
    under ``media/``, relative to ``page``; list the files to copy as ``(source, dest)``."""
    text, figures = with_figures(root, rel, text)
    assets = [(str(root / f.source), f.name) for f in figures]
    here = posixpath.dirname(page)

    def target(ref: Ref) -> str | None:
        if ref.image and FIGURE_NAME.match(ref.target):
            return posixpath.relpath(ref.target, here)
        source = None if ref.image else resolve(rel, ref.target)
        if source is None or source.endswith(".md") or not (root / source).is_file():
            return None  # (a Markdown file would become a page of its own)
        dest = "media/" + source
        assets.append((str(root / source), dest))
        anchor = "#" + ref.target.split("#", 1)[1] if "#" in ref.target else ""
        return posixpath.relpath(dest, here) + anchor

    if "](" not in text:
        return text, assets
    return rewrite_refs(text, target), assets


def body_to_markdown(
    site: Site, body: str, page: str, lang: str, ui_lang: str, rel: str = "modules/x.md"
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Return a body (of the file ``rel``) as site Markdown (instructor blocks removed;
    solutions behind a disclosure, or removed when the programme keeps them for instructors)
    and the files it needs."""
    blocks, _ = parse_body(body)
    resolve_link = link_resolver(site, page, lang)
    solutions = site.cur.programme.policies.trainee_solutions
    assets: list[tuple[str, str]] = []

    def convert(text: str) -> str:
        out, found = localise_files(
            resolve_links(body_markdown(text), resolve_link), Path(site.cur.root), rel, page
        )
        assets.extend(found)
        return out

    parts = [
        convert(b.text) if b.kind == "text" else _callout(b, convert, ui_lang)
        for b in trainee_blocks(blocks, solutions)
    ]
    return "\n\n".join(parts), tuple(assets)


def _callout(block: Block, convert: Callable[[str], str], ui_lang: str) -> str:
    """Return a callout as an admonition; its solutions and hints as disclosures inside it."""
    title = block.title or i18n.t(ui_lang, f"callout.{block.kind}")
    text = convert(block.text)
    for child in block.children:
        key = "show_solution" if child.kind == "solution" else "show_hint"
        summary = i18n.t(ui_lang, key) + (f" — {child.title}" if child.title else "")
        classes = "success solution" if child.kind == "solution" else "tip hint"
        text += "\n\n" + disclosure(classes, summary, convert(child.text))
    return admonition(ADMONITION.get(block.kind, "note"), title, text, markdown_title=True)


def disclosure(classes: str, title: str, text: str) -> str:
    """Return a collapsed ``<details>`` block (pymdownx.details): it opens without JavaScript."""
    return f'??? {classes} "{title_markdown(title)}"\n\n{indent(text)}\n'


def title_markdown(title: str) -> str:
    """Return a block title as inline Markdown: code, emphasis and links work, raw HTML and the
    closing quote of the title are disarmed."""
    return body_markdown(" ".join(title.split())).replace('"', "&quot;")
