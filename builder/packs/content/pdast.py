"""A few constructors of pandoc's JSON AST, for fragments made of plain text only.

Quizzes, answers and answer keys hold no author Markdown, only plain text fields; building their
AST here (instead of writing Markdown for pandoc to parse again) keeps every character literal
and spares pandoc's Markdown reader, the slowest step of a pack build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from builder.i18n.locale import one_line

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
