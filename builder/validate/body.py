"""Checks of a Markdown body: callouts, module and standard links, raw HTML, bidi controls."""

from __future__ import annotations

from collections.abc import Iterable

from builder.body import iter_links, iter_raw_html, parse_body
from builder.diagnostics import did_you_mean
from builder.validate.known import Known
from builder.validate.sink import Sink
from builder.validate.text import BIDI_CONTROL


def check_body(sink: Sink, rel: str, body: str, body_line: int, known: Known) -> None:
    """Check callouts, links and raw HTML in a body."""
    offset = body_line - 1
    _, problems = parse_body(body)
    for p in problems:
        sink.line(rel, p.line + offset, p.col, p.code, p.message)
    for line, col, scheme, target in iter_links(body):
        pool: Iterable[str] | None = known.module_set if scheme == "module" else known.standards
        if pool is not None and target not in pool:
            sink.line(
                rel,
                line + offset,
                col,
                "link.unknown",
                f"link to {scheme} '{target}', which is not defined{did_you_mean(target, pool)}",
            )
    for n, text in enumerate(body.split("\n"), start=1):
        bidi = BIDI_CONTROL.search(text)
        if bidi:
            sink.line(
                rel,
                n + offset,
                bidi.start() + 1,
                "text.bidi-control",
                f"invisible bidirectional control U+{ord(bidi.group(0)):04X}; remove it",
            )
    for line, col, tag in iter_raw_html(body):
        sink.line(
            rel,
            line + offset,
            col,
            "body.raw-html",
            f"raw HTML '{tag[:40]}' is shown as text, not interpreted; use Markdown instead",
        )
