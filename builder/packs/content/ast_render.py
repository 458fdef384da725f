"""Render the small AST of :mod:`~builder.packs.content.pdast` to Typst, HTML and pandoc JSON.

These fragments (quizzes, answers, answer keys) are built from plain text in Python, so they
skip pandoc: text becomes Typst string literals (never markup), escaped HTML, or AST strings.
Only the node types that ``pdast`` makes are supported.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from typing import Any

Node = dict[str, Any]
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_STYLES = {"LowerAlpha": ("a.", "a"), "UpperAlpha": ("A.", "A"), "Decimal": ("1.", "1")}


def typst_string(text: str) -> str:
    """Return a Typst string literal: shown as text, never read as markup."""
    clean = _CONTROL.sub(" ", text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{clean}"'


# --------------------------------------------------------------------------- Typst


def _typst_inlines(nodes: Sequence[Node]) -> str:
    out: list[str] = []
    words: list[str] = []

    def flush() -> None:
        if words:
            out.append(f"#{typst_string(''.join(words))}")
            words.clear()

    for n in nodes:
        if n["t"] == "Str":
            words.append(n["c"])
        elif n["t"] == "Space":
            words.append(" ")
        else:
            flush()
            out.append(_typst_inline(n))
    flush()
    return "".join(out)


_FIGURE_SIZE = re.compile(r"-(\d+)x\d+\.\w+$")


def _plain_words(nodes: Sequence[Node]) -> str:
    """Return inlines as plain text (an image's alt text)."""
    return "".join(
        n["c"] if n["t"] == "Str" else " " if n["t"] == "Space" else _plain_words(n.get("c", []))
        for n in nodes
    )


_LABEL = re.compile(r"^#mod-[a-z0-9-]+$")
_TYPST_WRAP = {"Strong": "strong", "Emph": "emph", "Subscript": "sub", "Superscript": "super"}


def _typst_inline(n: Node) -> str:
    """Return one inline that is not a word or a space (code, links, emphasis, breaks)."""
    t = n["t"]
    if t == "Code":
        return f"#raw({typst_string(n['c'][1])})"
    if t == "LineBreak":
        return "#linebreak()"
    if t == "Image":
        src, alt = n["c"][2][0], _plain_words(n["c"][1])
        size = _FIGURE_SIZE.search(src)
        width = size.group(1) if size else "0"
        return f"#figure-image({typst_string(src)}, {width}, {typst_string(alt)})"
    if t == "Link":
        href, inner = n["c"][2][0], _typst_inlines(n["c"][1])
        if _LABEL.match(href):
            return f"#modlink(<{href[1:]}>)[{inner}]"  # a module of this document, or text
        return inner if href.startswith("#") else f"#link({typst_string(href)})[{inner}]"
    return f"#{_TYPST_WRAP[t]}[{_typst_inlines(n['c'])}]"


def _typst_code(code: str) -> str:
    """Return code as a Typst string literal that keeps its line breaks."""
    lines = code.split("\n")
    return (
        ' + "\\n" + '.join(typst_string(line) for line in lines)
        if len(lines) > 1
        else (typst_string(code))
    )


def _typst_items(items: Sequence[Sequence[Node]]) -> str:
    return ", ".join(f"[{typst_blocks(i)}]" for i in items)


def typst_blocks(blocks: Sequence[Node]) -> str:
    """Return blocks as Typst markup."""
    return "\n\n".join(_typst_block(b) for b in blocks)


def _typst_block(b: Node) -> str:
    t: str = b["t"]
    c: Any = b.get("c")
    if t in ("Para", "Plain"):
        return _typst_inlines(c)
    if t == "CodeBlock":
        return f"#raw(block: true, {_typst_code(c[1])})"
    if t == "Header":
        level, (ident, _, _), inlines = c
        return f"{'=' * level} {_typst_inlines(inlines)} <{ident}>"
    if t == "BulletList":
        return f"#list({_typst_items(c)})"
    if t == "OrderedList":
        (start, style, _), items = c
        return (
            f'#enum(numbering: "{_STYLES[style["t"]][0]}", start: {start}, {_typst_items(items)})'
        )
    if t == "Div":
        return _typst_div(c[0][1], c[1])
    if t == "Table":
        return _typst_table(c)
    raise ValueError(f"unsupported node {t}")


def _typst_div(classes: Sequence[str], blocks: Sequence[Node]) -> str:
    if "blank" in classes:
        return "#blank-line()"
    if "notice" in classes:
        return f"#notice[{typst_blocks(blocks)}]"
    return typst_blocks(blocks)


def _cells(c: Any) -> tuple[list[list[list[Node]]], list[list[list[Node]]], list[float]]:
    widths = [spec[1].get("c", 0) for spec in c[2]]
    head = [[cell[4] for cell in row[1]] for row in c[3][1]]
    body = [[cell[4] for cell in row[1]] for tb in c[4] for row in tb[3]]
    return head, body, widths


def _typst_table(c: Any) -> str:
    head, body, widths = _cells(c)
    cols = ", ".join(f"{round(w * 100)}%" for w in widths)
    cells = [f"[{typst_blocks(cell)}]" for row in body for cell in row]
    header = (
        f"table.header({', '.join(f'[#strong[{typst_blocks(cell)}]]' for cell in head[0])}), "
        if head
        else ""
    )
    return f"#table(columns: ({cols},), {header}{', '.join(cells)})"


# --------------------------------------------------------------------------- HTML


def _html_inlines(nodes: Sequence[Node]) -> str:
    out = []
    for n in nodes:
        if n["t"] == "Str":
            out.append(html.escape(n["c"], quote=False))
        elif n["t"] == "Space":
            out.append(" ")
        else:
            out.append(_html_inline(n))
    return "".join(out)


_HTML_WRAP = {"Strong": "strong", "Emph": "em", "Subscript": "sub", "Superscript": "sup"}


def _html_inline(n: Node) -> str:
    """Return one inline that is not a word or a space, as (X)HTML."""
    t = n["t"]
    if t == "Code":
        return f"<code>{html.escape(n['c'][1], quote=False)}</code>"
    if t == "LineBreak":
        return "<br />"
    if t == "Image":
        src, alt = html.escape(n["c"][2][0]), html.escape(_plain_words(n["c"][1]))
        return f'<img src="{src}" alt="{alt}" />'
    if t == "Link":
        href = html.escape(n["c"][2][0])
        return f'<a href="{href}">{_html_inlines(n["c"][1])}</a>'
    tag = _HTML_WRAP[t]
    return f"<{tag}>{_html_inlines(n['c'])}</{tag}>"


def html_blocks(blocks: Sequence[Node]) -> str:
    """Return blocks as an HTML fragment (also well-formed XHTML)."""
    return "\n".join(_html_block(b) for b in blocks)


def _html_block(b: Node) -> str:
    t: str = b["t"]
    c: Any = b.get("c")
    if t == "Para":
        return f"<p>{_html_inlines(c)}</p>"
    if t == "Plain":
        return _html_inlines(c)
    if t == "CodeBlock":
        return f"<pre><code>{html.escape(c[1], quote=False)}</code></pre>"
    if t == "Header":
        level, (ident, _, _), inlines = c
        return f'<h{level} id="{html.escape(ident)}">{_html_inlines(inlines)}</h{level}>'
    if t == "BulletList":
        return "<ul>\n" + "\n".join(f"<li>{html_blocks(i)}</li>" for i in c) + "\n</ul>"
    if t == "OrderedList":
        (start, style, _), items = c
        kind = _STYLES[style["t"]][1]
        return (
            f'<ol type="{kind}" start="{start}">\n'
            + "\n".join(f"<li>{html_blocks(i)}</li>" for i in items)
            + "\n</ol>"
        )
    if t == "Div":
        classes = c[0][1]
        if "blank" in classes:
            return '<p><span class="blank"> </span></p>'
        return f'<div class="{html.escape(" ".join(classes))}">\n{html_blocks(c[1])}\n</div>'
    if t == "Table":
        head, body, _ = _cells(c)
        thead = (
            "<thead><tr>" + "".join(f"<th>{html_blocks(x)}</th>" for x in head[0]) + "</tr></thead>"
            if head
            else ""
        )
        rows = "".join(
            "<tr>" + "".join(f"<td>{html_blocks(x)}</td>" for x in row) + "</tr>\n" for row in body
        )
        return f"<table>{thead}\n<tbody>\n{rows}</tbody>\n</table>"
    raise ValueError(f"unsupported node {t}")


# --------------------------------------------------------------------------- DOCX (pandoc JSON)


def docx_blocks(blocks: Sequence[Node]) -> list[Node]:
    """Return blocks as the DOCX writer wants them: notices get the Notice style, blanks a line."""
    out: list[Node] = []
    for b in blocks:
        if b["t"] == "Div" and "blank" in b["c"][0][1]:
            out.append({"t": "Para", "c": [{"t": "Str", "c": "______________________________"}]})
        elif b["t"] == "Div" and "notice" in b["c"][0][1]:
            out.append(
                {"t": "Div", "c": [["", [], [["custom-style", "Notice"]]], docx_blocks(b["c"][1])]}
            )
        else:
            out.append(b)
    return out


def render(source: str, target: str) -> str:
    """Return a pandoc JSON document (from pdast) in ``target``: typst, html or json."""
    doc = json.loads(source)
    blocks = doc["blocks"]
    if target == "typst":
        return typst_blocks(blocks) + "\n"
    if target == "html":
        return html_blocks(blocks) + "\n"
    return json.dumps(
        {**doc, "blocks": docx_blocks(blocks)}, ensure_ascii=False, separators=(",", ":")
    )
