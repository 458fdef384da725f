"""SVG drawn at build time: the learning-path map and a country's progress chart.

Both are plain strings of SVG with every piece of text escaped; colours come from CSS classes
(``site/css/curriculum.css``) so the drawings follow the theme's light and dark palettes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from builder.site.text import html_text

NODE_W, NODE_H, COL_GAP, ROW_GAP, TOP, LEFT = 232, 52, 96, 20, 64, 16
CHARS_PER_LINE = 30


@dataclass(frozen=True)
class MapNode:
    """A module on the map: its id, title, link and place (column = track, row = position)."""

    id: str
    title: str
    href: str
    column: int
    row: int


def wrap(text: str, width: int = CHARS_PER_LINE, lines: int = 2) -> list[str]:
    """Return ``text`` in at most ``lines`` lines of about ``width`` characters (… if cut)."""
    out: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    out = [w if len(w) <= width else w[: width - 1].rstrip() + "…" for w in out]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def _node_xy(n: MapNode) -> tuple[int, int]:
    return LEFT + n.column * (NODE_W + COL_GAP), TOP + n.row * (NODE_H + ROW_GAP)


def _edge(a: MapNode, b: MapNode) -> str:
    """Return the path of an arrow from prerequisite ``a`` to module ``b``."""
    (ax, ay), (bx, by) = _node_xy(a), _node_xy(b)
    ay, by = ay + NODE_H // 2, by + NODE_H // 2
    if a.column == b.column:
        x = ax + NODE_W
        bend = 18 + min(60, 6 * abs(b.row - a.row))
        return f"M{x} {ay}C{x + bend} {ay} {x + bend} {by} {x + 6} {by}"
    if a.column < b.column:
        x1, x2 = ax + NODE_W, bx - 6
    else:
        x1, x2 = ax, bx + NODE_W + 6
    mid = (x1 + x2) // 2
    return f"M{x1} {ay}C{mid} {ay} {mid} {by} {x2} {by}"


def learning_map(
    nodes: Sequence[MapNode],
    edges: Sequence[tuple[str, str]],
    columns: Sequence[str],
    title: str,
    desc: str,
) -> str:
    """Return the learning-path map.

    Tracks as columns, modules as linked boxes, prerequisites as arrows.
    """
    by_id = {n.id: n for n in nodes}
    rows = max((n.row for n in nodes), default=0) + 1
    width = LEFT * 2 + len(columns) * NODE_W + max(len(columns) - 1, 0) * COL_GAP + 60
    height = TOP + rows * (NODE_H + ROW_GAP) + 16
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cur-map-svg" viewBox="0 0 {width} '
        f'{height}" '
        f'width="{width}" height="{height}" aria-labelledby="cur-map-title cur-map-desc">',
        f'<title id="cur-map-title">{html_text(title)}</title>',
        f'<desc id="cur-map-desc">{html_text(desc)}</desc>',
        '<defs><marker id="cur-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" '
        'class="cur-arrow-head"/></marker></defs>',
        '<g aria-hidden="true">',
    ]
    for i, col in enumerate(columns):
        x = LEFT + i * (NODE_W + COL_GAP)
        for j, line in enumerate(wrap(col, 34)):
            parts.append(
                f'<text class="cur-map-track" x="{x}" y="{22 + j * 18}">{html_text(line)}</text>'
            )
    parts.append('</g><g class="cur-map-edges" aria-hidden="true">')
    for req, mod in edges:
        if req in by_id and mod in by_id:
            parts.append(
                f'<path d="{_edge(by_id[req], by_id[mod])}" marker-end="url(#cur-arrow)"/>'
            )
    parts.append("</g>")
    parts.extend(_node(n) for n in nodes)
    parts.append("</svg>")
    return "".join(parts)


def _node(n: MapNode) -> str:
    x, y = _node_xy(n)
    lines = wrap(n.title)
    text_y = y + (NODE_H // 2 + 5 if len(lines) == 1 else NODE_H // 2 - 3)
    spans = "".join(
        f'<tspan x="{x + 10}" y="{text_y + k * 16}">{html_text(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    return (
        f'<a href="{html_text(n.href)}" class="cur-map-node" data-module="{html_text(n.id)}">'
        f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="6"/>'
        f"<text>{spans}</text></a>"
    )


@dataclass(frozen=True)
class Bar:
    """One standard's levels at the first and the latest assessment, and its target."""

    label: str
    first: int
    latest: int
    target: int | None


def progress_chart(
    bars: Sequence[Bar], max_level: int, title: str, desc: str, legend: Mapping[str, str]
) -> str:
    """Return a horizontal bar chart: first and latest level per standard, target as a tick."""
    label_w, scale_w, row_h, top = 90, 360, 34, 44
    unit = scale_w / max(max_level, 1)
    width, height = label_w + scale_w + 90, top + len(bars) * row_h + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cur-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" '
        f'height="{height}" role="img" aria-labelledby="cur-chart-title cur-chart-desc">',
        (
            f'<title id="cur-chart-title">{html_text(title)}</title><desc '
            f'id="cur-chart-desc">{html_text(desc)}</desc>'
        ),
        f'<rect class="cur-bar-first" x="{label_w}" y="8" width="14" height="10"/>'
        f'<text x="{label_w + 20}" y="17">{html_text(legend["first"])}</text>'
        f'<rect class="cur-bar-latest" x="{label_w + 150}" y="8" width="14" height="10"/>'
        f'<text x="{label_w + 170}" y="17">{html_text(legend["latest"])}</text>'
        f'<rect class="cur-bar-target" x="{label_w + 290}" y="6" width="3" height="14"/>'
        f'<text x="{label_w + 298}" y="17">{html_text(legend["target"])}</text>',
    ]
    parts += _chart_grid(max_level, label_w, unit, top, height)
    parts += _chart_bars(bars, label_w, scale_w, unit, top, row_h)
    parts.append("</svg>")
    return "".join(parts)


def _chart_grid(max_level: int, label_w: int, unit: float, top: int, height: int) -> list[str]:
    """Return the vertical grid lines and level numbers of the progress chart."""
    parts: list[str] = []
    for level in range(max_level + 1):
        x = label_w + level * unit
        parts.append(
            f'<line class="cur-grid" x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 24}"/>'
        )
        parts.append(
            f'<text class="cur-axis" x="{x:.1f}" y="{height - 8}" '
            f'text-anchor="middle">{level}</text>'
        )
    return parts


def _chart_bars(
    bars: Sequence[Bar], label_w: int, scale_w: int, unit: float, top: int, row_h: int
) -> list[str]:
    """Return one row per standard: first and latest bars, the target tick and the figures."""
    parts: list[str] = []
    for i, b in enumerate(bars):
        y = top + i * row_h
        parts.append(f'<text x="0" y="{y + 18}">{html_text(b.label)}</text>')
        parts.append(
            f'<rect class="cur-bar-first" x="{label_w}" y="{y + 2}" width="{b.first * unit:.1f}" '
            'height="11"/>'
        )
        parts.append(
            f'<rect class="cur-bar-latest" x="{label_w}" y="{y + 15}" '
            f'width="{b.latest * unit:.1f}" '
            'height="11"/>'
        )
        if b.target is not None:
            tx = label_w + b.target * unit
            parts.append(
                f'<rect class="cur-bar-target" x="{tx - 1.5:.1f}" y="{y}" width="3" height="28"/>'
            )
        note = f"{b.first} → {b.latest}" + (f" / {b.target}" if b.target is not None else "")
        parts.append(f'<text x="{label_w + scale_w + 12}" y="{y + 18}">{html_text(note)}</text>')
    return parts
