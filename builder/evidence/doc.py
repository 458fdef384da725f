"""A tiny document model for reports, rendered to a self-contained HTML page or to Typst.

Blocks: headings, paragraphs, tables (with an optional colour state per cell, for heat maps)
and bar charts. Every text is escaped by the renderer (HTML escaping, Typst string literals), so
author and country text can never become markup or script. Charts carry a text alternative
(the figures are in a table beside them too).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

from builder.typeset import typst_string

#: Colours of cell states (met, below target, not assessed), with text contrast ≥ 4.5:1.
STATES = {"met": "#c8e6c9", "below": "#ffcdd2", "none": "#eeeeee", "": "#ffffff"}


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Table:
    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    states: tuple[tuple[str, ...], ...] = ()
    """Per cell (same shape as ``rows``), a key of :data:`STATES`; empty for a plain table."""


@dataclass(frozen=True)
class Bars:
    caption: str
    bars: tuple[tuple[str, float], ...]
    """(label, value between 0 and ``top``)."""
    top: float = 1.0
    unit: str = ""


Block = Heading | Para | Table | Bars


@dataclass(frozen=True)
class Document:
    title: str
    lang: str = "en"
    blocks: tuple[Block, ...] = field(default_factory=tuple)


def fmt(value: float | None, digits: int = 2) -> str:
    """Return a figure for a cell ("–" when there is none)."""
    return "–" if value is None else f"{value:.{digits}f}"


# --------------------------------------------------------------------------- HTML

CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;margin:1rem 0}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #999;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}.bars{margin:1rem 0}.bars text{font-size:12px;fill:#1a1a1a}
"""


def to_html(doc: Document) -> str:
    """Return the document as one HTML page (no script, no external resource)."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(doc.lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(doc.title)}</title><style>{CSS}</style></head><body><main>",
        f"<h1>{e(doc.title)}</h1>",
    ]
    parts += [_html_block(b) for b in doc.blocks]
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def _html_block(b: Block) -> str:
    e = html.escape
    if isinstance(b, Heading):
        return f"<h{b.level}>{e(b.text)}</h{b.level}>"
    if isinstance(b, Para):
        return f"<p>{e(b.text)}</p>"
    if isinstance(b, Table):
        return _html_table(b)
    return _svg_bars(b)


def _html_table(t: Table) -> str:
    e = html.escape
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in t.head)
    rows = []
    for i, row in enumerate(t.rows):
        cells = []
        for j, cell in enumerate(row):
            state = t.states[i][j] if t.states else ""
            style = f' style="background:{STATES[state]}"' if state else ""
            tag = "th" if j == 0 else "td"
            scope = ' scope="row"' if j == 0 else ""
            cells.append(f"<{tag}{scope}{style}>{e(cell)}</{tag}>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f"<table><caption>{e(t.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _svg_bars(b: Bars) -> str:
    e = html.escape
    label_w, bar_w, row_h = 220, 360, 20
    height = row_h * len(b.bars) + 10
    summary = "; ".join(f"{label}: {_value(v, b)}" for label, v in b.bars)
    out = [
        f'<figure class="bars"><svg role="img" aria-label="{e(b.caption)}: {e(summary)}" '
        f'width="{label_w + bar_w + 80}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{e(b.caption)}</title>",
    ]
    for i, (label, value) in enumerate(b.bars):
        y = 5 + i * row_h
        w = 0 if b.top <= 0 else max(0.0, min(1.0, value / b.top)) * bar_w
        out.append(f'<text x="0" y="{y + 14}">{e(label[:34])}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="14" fill="#1565c0"/>')
        out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 14}">{e(_value(value, b))}</text>')
    out.append(f"</svg><figcaption>{e(b.caption)}</figcaption></figure>")
    return "".join(out)


def _value(v: float, b: Bars) -> str:
    return f"{v:.0f}{b.unit}" if b.unit == "%" else f"{v:.2f}{b.unit}"


# --------------------------------------------------------------------------- Typst

TYPST_HEAD = """#set page(paper: "a4", margin: 2cm, flipped: FLIPPED)
#set text(font: ("DejaVu Sans",), size: 9pt, lang: LANG)
#set table(stroke: 0.5pt + gray, align: left)
#show figure: set block(breakable: true)
#show table: set text(size: 8pt)
"""


def to_typst(doc: Document, landscape: bool = False) -> str:
    """Return the document as Typst source (every text a string literal)."""
    head = TYPST_HEAD.replace("FLIPPED", "true" if landscape else "false")
    head = head.replace("LANG", typst_string(doc.lang))
    parts = [head, f"#heading(level: 1, {typst_string(doc.title)})"]
    parts += [_typst_block(b) for b in doc.blocks]
    return "\n".join(parts) + "\n"


def _typst_block(b: Block) -> str:
    s = typst_string
    if isinstance(b, Heading):
        return f"#heading(level: {b.level}, {s(b.text)})"
    if isinstance(b, Para):
        return f"#par({s(b.text)})"
    if isinstance(b, Table):
        return _typst_table(b)
    return _typst_bars(b)


def _typst_table(t: Table) -> str:
    s = typst_string
    cells = [f"table.header({', '.join(f'strong({s(h)})' for h in t.head)})"]
    for i, row in enumerate(t.rows):
        for j, cell in enumerate(row):
            state = t.states[i][j] if t.states else ""
            fill = f", fill: rgb({s(STATES[state])})" if state else ""
            cells.append(f"table.cell({s(cell)}{fill})")
    return (
        f"#figure(caption: {s(t.caption)}, kind: table, table(columns: {len(t.head)}, "
        + ", ".join(cells)
        + "))"
    )


def _typst_bars(b: Bars) -> str:
    s = typst_string
    cells = []
    for label, value in b.bars:
        share = 0 if b.top <= 0 else max(0.0, min(1.0, value / b.top))
        bar = f'box(width: {share * 100:.1f}%, height: 0.7em, fill: rgb("#1565c0"))'
        cells += [s(label), bar, s(_value(value, b))]
    grid = f"grid(columns: (35%, 50%, 15%), row-gutter: 3pt, {', '.join(cells)})"
    return f"#figure(caption: {s(b.caption)}, kind: image, {grid})"


def labels(items: Sequence[str]) -> tuple[str, ...]:
    """Return ``items`` as a tuple (for table heads)."""
    return tuple(items)
