"""The module body dialect: Markdown with ``::: kind "title"`` callouts and module links.

The body is split into blocks once; every renderer (site, handbook, instructor guide) and the
checker work from the same blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

CALLOUT_KINDS = ("note", "tip", "warning", "example", "exercise", "case-study", "instructor")
_OPEN = re.compile(r'^:::\s*([A-Za-z][\w-]*)\s*(?:"([^"]*)")?\s*$')
_CLOSE = re.compile(r"^:::\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
LINK = re.compile(r"\]\((module|standard):([^)\s]*)\)")
HTML_TAG = re.compile(r"<(?!https?:|mailto:)[A-Za-z/!][^>\n]*>")
_CODE_SPAN = re.compile(r"`[^`\n]*`")


@dataclass(frozen=True)
class Block:
    """A run of Markdown (kind ``text``) or a callout, with the body line it starts on."""

    kind: str
    title: str
    text: str
    line: int


@dataclass(frozen=True)
class BodyProblem:
    """A problem in a body: line offset inside the body (1-based), column, code, message."""

    line: int
    col: int
    code: str
    message: str


def parse_body(body: str) -> tuple[tuple[Block, ...], tuple[BodyProblem, ...]]:
    """Split a body into text and callout blocks; report unclosed, nested or unknown callouts."""
    blocks: list[Block] = []
    problems: list[BodyProblem] = []
    lines = body.split("\n")
    buf: list[str] = []
    buf_start = 1
    open_kind: tuple[str, str, int] | None = None
    in_fence = False

    def flush(kind: str, title: str, start: int) -> None:
        text = "\n".join(buf).strip("\n")
        if text or kind != "text":
            blocks.append(Block(kind, title, text, start))
        buf.clear()

    for n, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or not line.startswith(":::"):
            buf.append(line)
            continue
        m_open = _OPEN.match(line)
        if _CLOSE.match(line):
            if open_kind is None:
                problems.append(BodyProblem(n, 1, "callout.unclosed", "':::' closes no open block"))
                continue
            flush(open_kind[0], open_kind[1], open_kind[2])
            open_kind, buf_start = None, n + 1
        elif m_open:
            kind, title = m_open.group(1), m_open.group(2) or ""
            if open_kind is not None:
                problems.append(
                    BodyProblem(
                        n,
                        1,
                        "callout.nested",
                        (
                            f"'::: {kind}' opens inside the '{open_kind[0]}' block opened on line "
                            f"{open_kind[2]}; close that one first"
                        ),
                    )
                )
                buf.append(line)
                continue
            if kind not in CALLOUT_KINDS:
                problems.append(
                    BodyProblem(
                        n,
                        5,
                        "callout.kind",
                        f"unknown block kind '{kind}'; use one of {', '.join(CALLOUT_KINDS)}",
                    )
                )
            flush("text", "", buf_start)
            open_kind = (kind, title, n)
        else:
            problems.append(
                BodyProblem(
                    n,
                    1,
                    "callout.kind",
                    "a ':::' line must be '::: kind \"optional title\"' or ':::'",
                )
            )
    if open_kind is not None:
        problems.append(
            BodyProblem(
                open_kind[2],
                1,
                "callout.unclosed",
                f"the '{open_kind[0]}' block is never closed with ':::'",
            )
        )
        flush(open_kind[0], open_kind[1], open_kind[2])
    else:
        flush("text", "", buf_start)
    return tuple(blocks), tuple(problems)


def iter_links(body: str) -> Iterator[tuple[int, int, str, str]]:
    """Yield ``(line, col, scheme, target)`` for each ``module:`` or ``standard:`` link."""
    for n, line in enumerate(body.split("\n"), start=1):
        for m in LINK.finditer(line):
            yield n, m.start(1) + 1, m.group(1), m.group(2)


def iter_raw_html(body: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(line, col, tag)`` for raw HTML outside code."""
    in_fence = False
    for n, line in enumerate(body.split("\n"), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or line.startswith("    "):
            continue
        scrubbed = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for m in HTML_TAG.finditer(scrubbed):
            yield n, m.start() + 1, m.group(0)


def trainee_blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Return the blocks a trainee may see (instructor blocks removed)."""
    return tuple(b for b in blocks if b.kind != "instructor")


def word_count(blocks: tuple[Block, ...]) -> int:
    """Count words in the given blocks."""
    return sum(len(b.text.split()) + len(b.title.split()) for b in blocks)
