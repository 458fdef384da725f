"""A few constructors of pandoc's JSON AST, for quizzes, answers and answer keys.

Their text is plain text or quiz Markdown (parsed and sanitised once by
:mod:`builder.quiztext`, turned into AST nodes by :func:`rich`); building their AST here
(instead of writing Markdown for pandoc to parse again) keeps every character literal and
spares pandoc's Markdown reader, the slowest step of a pack build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from builder.figures import FIGURE_NAME
from builder.i18n.locale import one_line
from builder.quiztext import BLOCK_TAGS, El, Resolver, parse, web_only

Node = dict[str, Any]


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def text(s: str) -> list[Node]:
    """Return plain text as ``Str``/``Space`` inlines (whitespace collapsed, apostrophes curled)."""
    out: list[Node] = []
    for i, word in enumerate(one_line(_APOSTROPHE.sub("\u2019", s)).split(" ")):
        if not word:
            continue
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def join(*parts: Sequence[Node]) -> list[Node]:
    """Return inline sequences joined with one space each (empty ones skipped)."""
    out: list[Node] = []
    for p in parts:
        if p:
            if out:
                out.append({"t": "Space"})
            out.extend(p)
    return out


def strong(inlines: Sequence[Node]) -> list[Node]:
    """Return bold inlines."""
    return [{"t": "Strong", "c": list(inlines)}]


def emph(inlines: Sequence[Node]) -> list[Node]:
    """Return italic inlines."""
    return [{"t": "Emph", "c": list(inlines)}]


def para(inlines: Sequence[Node]) -> Node:
    """Return a paragraph."""
    return {"t": "Para", "c": list(inlines)}


def plain(inlines: Sequence[Node]) -> Node:
    """Return inlines as a block without paragraph spacing (list items, cells)."""
    return {"t": "Plain", "c": list(inlines)}


def header(level: int, ident: str, inlines: Sequence[Node], classes: Sequence[str] = ()) -> Node:
    """Return a heading with an identifier."""
    return {"t": "Header", "c": [level, [ident, list(classes), []], list(inlines)]}


def div(classes: Sequence[str], blocks: Sequence[Node]) -> Node:
    """Return a div with classes."""
    return {"t": "Div", "c": [["", list(classes), []], list(blocks)]}


def bullets(items: Iterable[Sequence[Node]]) -> Node:
    """Return a bullet list; each item is a list of blocks."""
    return {"t": "BulletList", "c": [list(i) for i in items]}


def ordered(items: Iterable[Sequence[Node]], style: str = "LowerAlpha", start: int = 1) -> Node:
    """Return an ordered list (``LowerAlpha``, ``Decimal``, ...) with ``.`` after numbers."""
    return {
        "t": "OrderedList",
        "c": [[start, {"t": style}, {"t": "Period"}], [list(i) for i in items]],
    }


def _cell(inlines: Sequence[Node]) -> list[Any]:
    return [["", [], []], {"t": "AlignDefault"}, 1, 1, [plain(inlines)] if inlines else []]


def table(
    head: Sequence[Sequence[Node]] | None,
    rows: Iterable[Sequence[Sequence[Node]]],
    widths: Sequence[float],
) -> Node:
    """Return a simple table (no caption); ``widths`` are fractions of the text width."""
    colspecs = [[{"t": "AlignDefault"}, {"t": "ColWidth", "c": w}] for w in widths]
    thead = [["", [], []], [[["", [], []], [_cell(c) for c in head]]] if head else []]
    body = [["", [], []], 0, [], [[["", [], []], [_cell(c) for c in row]] for row in rows]]
    return {
        "t": "Table",
        "c": [["", [], []], [None, []], colspecs, thead, [body], [["", [], []], []]],
    }


def document(blocks: Sequence[Node]) -> str:
    """Return blocks as a pandoc JSON document (the API version is pandoc's own, see convert)."""
    from builder.packs.pandoc import api_version

    return json.dumps(
        {"pandoc-api-version": api_version(), "meta": {}, "blocks": list(blocks)},
        ensure_ascii=False,
        separators=(",", ":"),
    )


# --------------------------------------------------------------------------- quiz text (Markdown)


def _module_link(target: str) -> str | None:
    if target.startswith("module:"):
        return "#mod-" + target[len("module:") :].split("#", 1)[0]
    return web_only(target)


def rich(text: str, link: Resolver = _module_link) -> tuple[list[Node], list[Node]]:
    """Return quiz text (Markdown, see :mod:`builder.quiztext`) as the inlines of its first
    paragraph and the blocks after it (empty inlines when it starts with another block)."""
    tree = list(parse(text))
    first: list[Node] = []
    head = tree[0] if tree else None
    if isinstance(head, El) and head.tag == "p":
        first = _inlines(head.children, link)
        tree.pop(0)
    return first, [b for n in tree for b in _block(n, link)]


def rich_item(text: str) -> list[Node]:
    """Return quiz text as the blocks of a list item (its first paragraph tight)."""
    first, rest = rich(text)
    return ([plain(first)] if first else []) + rest


def _block(n: El | str, link: Resolver) -> list[Node]:
    if isinstance(n, str):
        return [para(text(n))] if n.strip() else []
    if n.tag == "pre":
        code = "".join(_code_text(n)).rstrip("\n")
        return [{"t": "CodeBlock", "c": [["", [], []], code]}]
    if n.tag in ("ul", "ol"):
        items = [
            [b for c in li.children for b in _item_block(c, link)]
            for li in n.children
            if isinstance(li, El)
        ]
        if n.tag == "ul":
            return [bullets(items)]
        start = int(n.get("start", "1") or 1)
        return [{"t": "OrderedList", "c": [[start, {"t": "Decimal"}, {"t": "Period"}], items]}]
    if n.tag == "blockquote":
        return [b for c in n.children for b in _block(c, link)]
    if n.tag == "p":
        return [para(_inlines(n.children, link))]
    return [para(_inlines([n], link))]


def _item_block(n: El | str, link: Resolver) -> list[Node]:
    if isinstance(n, str) or n.tag not in BLOCK_TAGS:
        return [plain(_inlines([n], link))]
    return _block(n, link)


def _code_text(n: El) -> list[str]:
    return [c if isinstance(c, str) else "".join(_code_text(c)) for c in n.children]


_WRAP = {"em": "Emph", "strong": "Strong", "sub": "Subscript", "sup": "Superscript"}


def _inlines(nodes: Sequence[El | str], link: Resolver) -> list[Node]:
    out: list[Node] = []
    for n in nodes:
        if isinstance(n, str):
            out += _words(n)
        elif n.tag == "code":
            out.append({"t": "Code", "c": [["", [], []], "".join(_code_text(n))]})
        elif n.tag in _WRAP:
            out.append({"t": _WRAP[n.tag], "c": _inlines(n.children, link)})
        elif n.tag == "a":
            href = link(n.get("href"))
            inner = _inlines(n.children, link)
            out += (
                inner if href is None else [{"t": "Link", "c": [["", [], []], inner, [href, ""]]}]
            )
        elif n.tag == "br":
            out.append({"t": "LineBreak"})
        elif n.tag == "img" and FIGURE_NAME.match(n.get("src")):
            attr: list[Any] = ["", [], []]
            out.append({"t": "Image", "c": [attr, text(n.get("alt")), [n.get("src"), ""]]})
        elif n.tag == "img":
            out += text(n.get("alt"))
        elif n.tag == "abbr":
            out += [*_inlines(n.children, link), *_words(f" ({n.get('title')})")]
        else:
            out += _inlines(n.children, link)
    return out


def _words(s: str) -> list[Node]:
    """Return text as inlines, keeping a leading and a trailing space (text between tags)."""
    words = text(s)
    if not words:
        return [{"t": "Space"}] if s and s.isspace() else []
    lead = [{"t": "Space"}] if s[:1].isspace() else []
    trail = [{"t": "Space"}] if s[-1:].isspace() else []
    return lead + words + trail
