"""Checks of a Markdown body: callouts, module and standard links, raw HTML, bidi controls."""

from __future__ import annotations

from builder.body import (
    BIDI_CONTROL,
    heading_anchors,
    iter_heading_attrs,
    iter_raw_html,
    parse_body,
)
from builder.validate.links import FileRef, Refs, Where, check_refs, ref_problems
from builder.validate.sink import Sink


def check_body(
    sink: Sink, rel: str, body: str, body_line: int, known: Refs, refs: bool = True
) -> None:
    """Check callouts, links and raw HTML in a body (links and images only with ``refs``)."""
    offset = body_line - 1
    _, problems = parse_body(body, body_line)
    for p in problems:
        sink.line(rel, p.line + offset, p.col, p.code, p.message)
    if refs:
        check_body_refs(sink, rel, body, body_line, known)
    for line, col, attrs in iter_heading_attrs(body):
        sink.line(
            rel,
            line + offset,
            col,
            "body.attributes",
            f"attributes '{attrs[:40]}' after a heading are not understood by every output; "
            "keep only an anchor such as {#my-anchor}",
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


def check_body_refs(sink: Sink, rel: str, body: str, body_line: int, known: Refs) -> None:
    """Check the links and images of a body."""
    check_refs(sink, body, Where(rel, body_line, heading_anchors(body)), known)


def body_ref_problems(
    sink: Sink, rel: str, body: str, body_line: int, known: Refs
) -> tuple[FileRef, ...]:
    """Check what the body and ``known`` tell of its links and images (a part that can be
    replayed from the check cache); return the references to files, to look for on disk."""
    return ref_problems(sink, body, Where(rel, body_line, heading_anchors(body)), known)


def module_body_checks(
    sink: Sink, rel: str, body: str, body_line: int, known: Refs
) -> tuple[FileRef, ...]:
    """The checks of a module's body (what ``check_module`` and the link checks report of
    it); return its references to files. They read no model: the quick path of a check runs
    them without loading the module's front matter."""
    check_body(sink, rel, body, body_line, known, refs=False)
    return body_ref_problems(sink, rel, body, body_line, known)
