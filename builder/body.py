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
    parser = _BodyParser()
    for n, line in enumerate(body.split("\n"), start=1):
        parser.feed(n, line)
    return parser.finish()


class _BodyParser:
    """The line-by-line state of :func:`parse_body`: the open callout and the lines so far."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.problems: list[BodyProblem] = []
        self.buf: list[str] = []
        self.buf_start = 1
        self.open: tuple[str, str, int] | None = None
        self.in_fence = False

    def flush(self, kind: str, title: str, start: int) -> None:
        text = "\n".join(self.buf).strip("\n")
        if text or kind != "text":
            self.blocks.append(Block(kind, title, text, start))
        self.buf.clear()

    def problem(self, line: int, col: int, code: str, message: str) -> None:
        self.problems.append(BodyProblem(line, col, code, message))

    def feed(self, n: int, line: str) -> None:
        if _FENCE.match(line):
            self.in_fence = not self.in_fence
        if self.in_fence or not line.startswith(":::"):
            self.buf.append(line)
        elif _CLOSE.match(line):
            self.close(n)
        elif m_open := _OPEN.match(line):
            self.start(n, line, m_open.group(1), m_open.group(2) or "")
        else:
            message = "a ':::' line must be '::: kind \"optional title\"' or ':::'"
            self.problem(n, 1, "callout.kind", message)

    def close(self, n: int) -> None:
        if self.open is None:
            self.problem(n, 1, "callout.unclosed", "':::' closes no open block")
            return
        self.flush(*self.open)
        self.open, self.buf_start = None, n + 1

    def start(self, n: int, line: str, kind: str, title: str) -> None:
        if self.open is not None:
            outer, opened = self.open[0], self.open[2]
            message = (
                f"'::: {kind}' opens inside the '{outer}' block opened on line {opened}; "
                "close that one first"
            )
            self.problem(n, 1, "callout.nested", message)
            self.buf.append(line)
            return
        if kind not in CALLOUT_KINDS:
            kinds = ", ".join(CALLOUT_KINDS)
            self.problem(n, 5, "callout.kind", f"unknown block kind '{kind}'; use one of {kinds}")
        self.flush("text", "", self.buf_start)
        self.open = (kind, title, n)

    def finish(self) -> tuple[tuple[Block, ...], tuple[BodyProblem, ...]]:
        if self.open is not None:
            kind, _, opened = self.open
            message = f"the '{kind}' block is never closed with ':::'"
            self.problem(opened, 1, "callout.unclosed", message)
            self.flush(*self.open)
        else:
            self.flush("text", "", self.buf_start)
        return tuple(self.blocks), tuple(self.problems)


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
