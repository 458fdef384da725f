"""Quiz text as Markdown: one parser, one sanitised tree, one rendering per output.

Prompts, options, feedback and explanations are Markdown: inline code, fenced code blocks,
emphasis, links, images, lists and the allow-list of harmless inline HTML
(:data:`builder.safety.ALLOWED_HTML`). :func:`parse` reads a text once (Python-Markdown, every
other ``<`` disarmed first) into a tree of :class:`El` that holds only known tags and attributes;
links keep only targets that :func:`builder.safety.is_safe_url` allows (or ``module:`` /
``standard:``, which each output resolves). Then each output renders the same tree:

- :func:`to_html` for the site's print and Moodle XML (HTML), :func:`to_html` with ``xhtml`` for
  QTI (XHTML), :func:`to_json` for the site's quiz script (it builds DOM nodes from it, never
  ``innerHTML``), :func:`to_gift` for GIFT's ``[markdown]`` format and :func:`to_plain`
  where only text fits (titles, sort keys).

Text without any Markdown comes back as one paragraph of that text, so plain quizzes render as
before.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import markdown

from builder.safety import disarm_html, is_safe_url

#: Tags a quiz text may hold, and the attributes each keeps.
TAGS: dict[str, tuple[str, ...]] = {
    "p": (),
    "pre": (),
    "code": (),
    "em": (),
    "strong": (),
    "a": ("href",),
    "img": ("src", "alt"),
    "br": (),
    "kbd": (),
    "sub": (),
    "sup": (),
    "abbr": ("title",),
    "ul": (),
    "ol": ("start",),
    "li": (),
    "blockquote": (),
}
VOID = frozenset({"br", "img"})
BLOCK_TAGS = frozenset({"p", "pre", "ul", "ol", "blockquote"})
_MARKUP = re.compile(r"[`*_\[\]<>!~\n\\&]|^\s*(\d+[.)]|[-+>#])\s")


@dataclass(frozen=True)
class El:
    """An element of quiz text: tag, attributes (name, value) and children (El or text)."""

    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    children: tuple[El | str, ...] = ()

    def get(self, name: str, default: str = "") -> str:
        """Return an attribute's value."""
        return next((v for k, v in self.attrs if k == name), default)


Tree = tuple["El | str", ...]


def is_plain(text: str) -> bool:
    """Return whether ``text`` reads the same as Markdown and as plain text (one paragraph of
    the same words: nothing Markdown would act on)."""
    if _MARKUP.search(text) is None:
        return True
    words = " ".join(text.split())
    return parse(text) == (El("p", (), (words,)),)


@functools.lru_cache(maxsize=8192)
def parse(text: str) -> Tree:
    """Return quiz text as a sanitised tree of block elements."""
    if _MARKUP.search(text) is None:
        return (El("p", (), (" ".join(text.split()),)),) if text.strip() else ()
    md = markdown.Markdown(extensions=["fenced_code", "sane_lists"], output_format="html")
    builder = _TreeBuilder()
    builder.feed(md.convert(disarm_html(text)))
    builder.close()
    return builder.result()


class _TreeBuilder(HTMLParser):
    """Python-Markdown's HTML → :class:`El` tree, keeping only :data:`TAGS`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[tuple[str, str]], list[El | str]]] = [("", [], [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = [(k, v or "") for k, v in attrs if k in TAGS.get(tag, ())]
        if tag == "a":
            kept = [(k, v) for k, v in kept if _linkable(v)]
        if tag == "img":
            kept = [(k, v) for k, v in kept if k != "src" or is_safe_url(v)]
        if tag in VOID:
            self._append(El(tag, tuple(kept)) if tag in TAGS else "")
        else:
            self.stack.append((tag, kept, []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or len(self.stack) < 2 or self.stack[-1][0] != tag:
            return
        name, attrs, children = self.stack.pop()
        if name in TAGS:
            self._append(El(name, tuple(attrs), tuple(children)))
        else:
            for c in children:
                self._append(c)

    def handle_data(self, data: str) -> None:
        inside_code = any(name in ("code", "pre") for name, _, _ in self.stack)
        # Code escapes the &lt; that disarm_html() wrote once more: show the author's "<" again.
        self._append(data.replace("&lt;", "<") if inside_code else data)

    def _append(self, node: El | str) -> None:
        if node != "":
            self.stack[-1][2].append(node)

    def result(self) -> Tree:
        while len(self.stack) > 1:
            self.handle_endtag(self.stack[-1][0])
        return tuple(n for n in self.stack[0][2] if not (isinstance(n, str) and not n.strip()))


def _linkable(href: str) -> bool:
    return href.startswith(("module:", "standard:", "#")) or is_safe_url(href, absolute=True)


# --------------------------------------------------------------------------- renderings

Resolver = Callable[[str], "str | None"]


def _no_local(target: str) -> str | None:
    """The default link resolver: http(s) and mailto only."""
    return target if is_safe_url(target, absolute=True) else None


def no_image(target: str) -> str | None:
    """The default image resolver: every image as its alt text (nothing is fetched from another
    host, and an output shows a local image only where it publishes the file)."""
    return None


def to_html(
    text: str, *, xhtml: bool = False, link: Resolver = _no_local, image: Resolver = no_image
) -> str:
    """Return quiz text as an HTML fragment (XHTML with ``xhtml``), every text escaped; links
    and images go where ``link``/``image`` say (None: their text, their alt text)."""
    return "".join(_html(n, xhtml, link, image) for n in parse(text))


def _html(node: El | str, xhtml: bool, link: Resolver, image: Resolver) -> str:
    if isinstance(node, str):
        return html.escape(node, quote=False)
    inner = "".join(_html(c, xhtml, link, image) for c in node.children)
    if node.tag == "a":
        href = link(node.get("href"))
        return inner if href is None else f'<a href="{html.escape(href)}">{inner}</a>'
    if node.tag == "img":
        src = image(node.get("src"))
        alt = node.get("alt")
        if src is None:
            return html.escape(alt, quote=False)
        end = " />" if xhtml else ">"
        return f'<img src="{html.escape(src)}" alt="{html.escape(alt)}"{end}'
    if node.tag == "br":
        return "<br />" if xhtml else "<br>"
    attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in node.attrs)
    return f"<{node.tag}{attrs}>{inner}</{node.tag}>"


def to_json(text: str, *, link: Resolver = _no_local, image: Resolver = no_image) -> list[object]:
    """Return quiz text as JSON for the site's script: text as strings, elements as
    ``[tag, {attributes}, [children]]`` (links and images resolved as in :func:`to_html`)."""
    return [_json(n, link, image) for n in parse(text)]


def _json(node: El | str, link: Resolver, image: Resolver) -> object:
    if isinstance(node, str):
        return node
    children = [_json(c, link, image) for c in node.children]
    attrs = dict(node.attrs)
    if node.tag == "a":
        href = link(attrs.get("href", ""))
        if href is None:
            return ["span", {}, children]
        attrs["href"] = href
    if node.tag == "img":
        src = image(attrs.get("src", ""))
        if src is None:
            return attrs.get("alt", "")
        attrs["src"] = src
    return [node.tag, attrs, children]


def to_plain(text: str) -> str:
    """Return quiz text as plain text on one line (code and alt text kept, markup dropped)."""
    return " ".join(_plain(parse(text)).split())


def _plain(nodes: Sequence[El | str]) -> str:
    out = []
    for n in nodes:
        if isinstance(n, str):
            out.append(n)
        elif n.tag == "img":
            out.append(n.get("alt"))
        else:
            out.append(_plain(n.children) + (" " if n.tag in BLOCK_TAGS or n.tag == "br" else ""))
    return "".join(out)


_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def to_gift(text: str, *, link: Resolver = _no_local) -> str:
    """Return quiz text in GIFT's ``[markdown]`` format: the sanitised tree written back as
    Markdown, GIFT's special characters escaped and line breaks as ``\\n`` (a blank line would
    end the question)."""
    body = _GIFT_SPECIAL.sub(r"\\\1", to_markdown(text, link=link).strip())
    return body.replace("\n", "\\n")


def to_markdown(text: str, *, link: Resolver = _no_local) -> str:
    """Return quiz text as Markdown made from the sanitised tree (what survived sanitising,
    nothing else; images as their alt text)."""
    return "\n\n".join(_md_block(n, link) for n in parse(text))


_MD_ESCAPE = re.compile(r"([\\`*_\[\]<>])")


def _md_block(node: El | str, link: Resolver) -> str:
    if isinstance(node, str):
        return _md_inline(node, link)
    if node.tag == "pre":
        code = _plain_code(node)
        fence = "~~~~" if "```" in code else "```"
        return f"{fence}\n{code.rstrip(chr(10))}\n{fence}"
    if node.tag in ("ul", "ol"):
        start = int(node.get("start", "1") or 1)
        items = [c for c in node.children if isinstance(c, El)]
        marks = [f"{start + i}." if node.tag == "ol" else "-" for i in range(len(items))]
        return "\n".join(
            f"{m} {_md_inline(it.children, link)}" for m, it in zip(marks, items, strict=True)
        )
    if node.tag == "blockquote":
        return "\n".join("> " + line for line in _md_inline(node.children, link).split("\n"))
    if node.tag == "p" or node.tag not in _INLINE_MD:
        return _md_inline(node.children, link)
    return _md_inline((node,), link)


def _plain_code(node: El) -> str:
    return "".join(c if isinstance(c, str) else _plain_code(c) for c in node.children)


def _md_inline(nodes: Sequence[El | str] | str, link: Resolver) -> str:
    if isinstance(nodes, str):
        return _MD_ESCAPE.sub(r"\\\1", nodes)
    out = []
    for n in nodes:
        if isinstance(n, str):
            out.append(_MD_ESCAPE.sub(r"\\\1", n))
            continue
        inner = _md_inline(n.children, link)
        if n.tag == "code":
            code = _plain_code(n)
            ticks = "``" if "`" in code else "`"
            out.append(f"{ticks}{code}{ticks}")
        elif n.tag in ("em", "strong"):
            mark = "*" if n.tag == "em" else "**"
            out.append(f"{mark}{inner}{mark}")
        elif n.tag == "a":
            href = link(n.get("href"))
            out.append(inner if href is None else f"[{inner}](<{href}>)")
        elif n.tag == "img":
            out.append(_MD_ESCAPE.sub(r"\\\1", n.get("alt")))
        elif n.tag == "br":
            out.append("<br>")
        elif n.tag == "abbr":
            out.append(f'<abbr title="{n.get("title")}">{inner}</abbr>')
        elif n.tag in ("kbd", "sub", "sup"):
            out.append(f"<{n.tag}>{inner}</{n.tag}>")
        elif n.tag in BLOCK_TAGS:
            out.append("\n" + _md_block(n, link))
        else:
            out.append(inner)
    return "".join(out)


_INLINE_MD = frozenset({"code", "em", "strong", "a", "img", "br", "abbr", "kbd", "sub", "sup"})


# --------------------------------------------------------------------------- quiz scripts

RICH_FIELDS = (
    "prompt",
    "explanation",
    "correctFeedback",
    "incorrectFeedback",
    "trueFeedback",
    "falseFeedback",
)


def web_only(target: str) -> str | None:
    """Return a link target when it is http(s) or mailto (the default resolver)."""
    return target if is_safe_url(target, absolute=True) else None


def rich(text: str, link: Resolver, image: Resolver = no_image) -> list[object] | None:
    """Return quiz text as a tree for the script, or None when it is plain text. A single
    paragraph comes as its content (inline), so it fits a label or a legend."""
    if is_plain(text):
        return None
    tree = to_json(text, link=link, image=image)
    only = tree[0] if len(tree) == 1 else None
    if isinstance(only, list) and only[0] == "p":
        return list(only[2])
    return tree


def with_rich(
    question: dict[str, Any], link: Resolver, image: Resolver = no_image
) -> dict[str, Any]:
    """Add the trees of a question's Markdown texts (``rich``, options' ``textRich`` and
    ``feedbackRich``); plain texts stay strings only."""
    trees = {
        k: rich(question[k], link, image) for k in RICH_FIELDS if isinstance(question.get(k), str)
    }
    question["rich"] = {k: v for k, v in trees.items() if v is not None}
    for option in question.get("options", []):
        for key in ("text", "feedback"):
            tree = rich(option[key], link, image)
            if tree is not None:
                option[key + "Rich"] = tree
    return question


# --------------------------------------------------------------------------- XHTML elements


def inline_or_blocks(text: str) -> tuple[El | str, ...]:
    """Return a text's tree, unwrapped to its inline content when it is one paragraph."""
    tree = parse(text)
    if len(tree) == 1 and isinstance(tree[0], El) and tree[0].tag == "p":
        return tree[0].children
    return tree


def append_xhtml(
    parent: ET.Element, nodes: Sequence[El | str], *, link: Resolver = web_only
) -> ET.Element:
    """Append a tree to an ElementTree element as XHTML (images as their alt text, links that
    ``link`` refuses as their text, list start numbers dropped: QTI has no such attribute)."""
    for n in nodes:
        if isinstance(n, str):
            _add_text(parent, n)
        elif n.tag == "img":
            _add_text(parent, n.get("alt"))
        elif n.tag == "a" and link(n.get("href")) is None:
            append_xhtml(parent, n.children, link=link)
        else:
            attrs = {k: v for k, v in n.attrs if k != "start"}
            if n.tag == "a":
                attrs["href"] = link(n.get("href")) or ""
            append_xhtml(ET.SubElement(parent, n.tag, attrs), n.children, link=link)
    return parent


def _add_text(parent: ET.Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text
