"""SVG drawn at build time: the learning-path map and a country's progress chart.

Both are plain strings of SVG with every piece of text escaped; colours come from CSS classes
(``site/css/curriculum.css``) so the drawings follow the theme's light and dark palettes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from builder.site.text import html_text

#: One track's map: boxes in a column (full titles, wrapped), arrows in lanes to the right of
#: the boxes, so that no arrow crosses a box. The drawing scales to the content width (CSS).
BOX_X, BOX_W, LINE_H, PAD, GAP, TOP, LANE_GAP, CHARS_PER_LINE = 8, 236, 16, 10, 18, 12, 9, 30
STATUS_H = 18


@dataclass(frozen=True)
class MapNode:
    """A module on the map: its id, title, link and place (column = track, row = position)."""

    id: str
    title: str
    href: str
    column: int
    row: int


def wrap(text: str, width: int = CHARS_PER_LINE, lines: int = 0) -> list[str]:
    """Return ``text`` in lines of about ``width`` characters (at most ``lines``, … if cut)."""
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
    if lines and len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def _box_height(n: MapNode) -> int:
    return PAD * 2 + LINE_H * len(wrap(n.title)) + STATUS_H


def lanes(edges: Sequence[tuple[int, int]]) -> list[int]:
    """Return a lane for each edge (row spans) so that edges sharing a lane never overlap."""
    ends: list[int] = []
    out = [0] * len(edges)
    for i in sorted(range(len(edges)), key=lambda k: (min(edges[k]), max(edges[k]))):
        lo, hi = sorted(edges[i])
        lane = next((j for j, end in enumerate(ends) if end < lo), len(ends))
        if lane == len(ends):
            ends.append(hi)
        ends[lane] = hi
        out[i] = lane
    return out


def track_map(
    nodes: Sequence[MapNode], edges: Sequence[tuple[str, str]], title: str, ident: str
) -> str:
    """Return one track's map: its modules top to bottom, prerequisites as routed arrows."""
    tops, y = [], TOP
    for n in nodes:
        tops.append(y)
        y += _box_height(n) + GAP
    row = {n.id: i for i, n in enumerate(nodes)}
    spans = [(row[a], row[b]) for a, b in edges if a in row and b in row]
    lane_of = lanes(spans)
    width = BOX_X + BOX_W + 16 + LANE_GAP * (max(lane_of, default=-1) + 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cur-map-svg" viewBox="0 0 {width} '
        f'{y}" width="{width}" height="{y}" role="group" aria-labelledby="{ident}">',
        f'<title id="{ident}">{html_text(title)}</title>',
        '<defs><marker id="cur-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" '
        'class="cur-arrow-head"/></marker></defs><g class="cur-map-edges" aria-hidden="true">',
    ]
    for (a, b), lane in zip(spans, lane_of, strict=True):
        ya = tops[a] + _box_height(nodes[a]) // 2
        yb = tops[b] + _box_height(nodes[b]) // 2
        x0, x1 = BOX_X + BOX_W, BOX_X + BOX_W + 12 + LANE_GAP * (lane + 1)
        parts.append(f'<path d="M{x0} {ya}H{x1}V{yb}H{x0 + 2}" marker-end="url(#cur-arrow)"/>')
    parts.append("</g>")
    parts.extend(_node(n, top) for n, top in zip(nodes, tops, strict=True))
    parts.append("</svg>")
    return "".join(parts)


def _node(n: MapNode, y: int) -> str:
    lines = wrap(n.title)
    spans = "".join(
        f'<tspan x="{BOX_X + 10}" y="{y + PAD + 12 + k * LINE_H}">{html_text(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    status_y = y + PAD + 12 + len(lines) * LINE_H + 2
    return (
        f'<a href="{html_text(n.href)}" class="cur-map-node" data-module="{html_text(n.id)}">'
        f'<rect x="{BOX_X}" y="{y}" width="{BOX_W}" height="{_box_height(n)}" rx="6"/>'
        f"<text>{spans}</text>"
        f'<text class="cur-map-status" x="{BOX_X + 10}" y="{status_y}" '
        f'data-module="{html_text(n.id)}"></text></a>'
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
