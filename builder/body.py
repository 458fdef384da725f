"""The module body dialect: Markdown with ``::: kind "title"`` callouts and module links.

The body is split into blocks once; every renderer (site, handbook, instructor guide) and the
checker work from the same blocks. A ``solution`` or ``hint`` block may sit inside an
``exercise`` or ``case-study`` (one level of nesting, as real lessons write it); any other
nesting is an error.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from builder.safety import is_allowed_html

CALLOUT_KINDS = (
    "note",
    "tip",
    "warning",
    "example",
    "exercise",
    "case-study",
    "instructor",
    "solution",
    "hint",
)
#: Kinds that only live inside another block, and the blocks they may live in.
NESTED_KINDS = ("solution", "hint")
NEST_HOSTS = ("exercise", "case-study")
#: How deep blocks may nest (an exercise holding a solution is depth 2).
MAX_DEPTH = 2
_OPEN = re.compile(r'^:{3,}\s*([A-Za-z][\w-]*)\s*(?:"([^"]*)")?\s*$')
_CLOSE = re.compile(r"^:{3,}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
LINK = re.compile(r"\]\((module|standard):([^)\s]*)\)")
#: Characters that reorder text invisibly (Trojan-Source style spoofing).
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
HTML_TAG = re.compile(r"<(?!https?:|mailto:)[A-Za-z/!][^>\n]*>")
_CODE_SPAN = re.compile(r"`[^`\n]*`")


@dataclass(frozen=True)
class Block:
    """A run of Markdown (kind ``text``) or a callout, with the body line it starts on and the
    blocks nested in it (a callout's solutions and hints)."""

    kind: str
    title: str
    text: str
    line: int
    children: tuple[Block, ...] = ()

    def without(self, kinds: tuple[str, ...]) -> Block:
        """Return this block without its nested blocks of ``kinds``."""
        kept = tuple(c for c in self.children if c.kind not in kinds)
        return Block(self.kind, self.title, self.text, self.line, kept)

    @property
    def all_text(self) -> str:
        """Return the block's text and its nested blocks' texts, one after the other."""
        return "\n\n".join([self.text, *(c.all_text for c in self.children)])


@dataclass(frozen=True)
class BodyProblem:
    """A problem in a body: line offset inside the body (1-based), column, code, message."""

    line: int
    col: int
    code: str
    message: str


def parse_body(body: str, first_line: int = 1) -> tuple[tuple[Block, ...], tuple[BodyProblem, ...]]:
    """Split a body into text and callout blocks; report unclosed, badly nested or unknown
    callouts. Lines are counted in the body; ``first_line`` (the file line of the body's first
    line) is only used for the line numbers that messages name."""
    parser = _BodyParser(first_line - 1)
    for n, line in enumerate(body.split("\n"), start=1):
        parser.feed(n, line)
    return parser.finish()


@dataclass
class _Open:
    """A callout being read: its kind, title, body line, own lines and finished children."""

    kind: str
    title: str
    line: int
    buf: list[str]
    children: list[Block]

    def block(self) -> Block:
        text = "\n".join(self.buf).strip("\n")
        return Block(self.kind, self.title, text, self.line, tuple(self.children))


class _BodyParser:
    """The line-by-line state of :func:`parse_body`: the open callouts and the lines so far."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.blocks: list[Block] = []
        self.problems: list[BodyProblem] = []
        self.buf: list[str] = []
        self.buf_start = 1
        self.stack: list[_Open] = []
        self.in_fence = False

    def flush_text(self) -> None:
        text = "\n".join(self.buf).strip("\n")
        if text:
            self.blocks.append(Block("text", "", text, self.buf_start))
        self.buf.clear()

    def problem(self, line: int, col: int, code: str, message: str) -> None:
        self.problems.append(BodyProblem(line, col, code, message))

    def lines(self) -> list[str]:
        return self.stack[-1].buf if self.stack else self.buf

    def feed(self, n: int, line: str) -> None:
        if _FENCE.match(line):
            self.in_fence = not self.in_fence
        if self.in_fence or not line.startswith(":::"):
            self.lines().append(line)
        elif _CLOSE.match(line):
            self.close(n)
        elif m_open := _OPEN.match(line):
            self.start(n, line, m_open.group(1), m_open.group(2) or "")
        else:
            message = "a ':::' line must be '::: kind \"optional title\"' or ':::'"
            self.problem(n, 1, "callout.kind", message)

    def close(self, n: int) -> None:
        if not self.stack:
            self.problem(n, 1, "callout.unclosed", "':::' closes no open block")
            return
        done = self.stack.pop().block()
        if self.stack:
            self.stack[-1].children.append(done)
        else:
            self.blocks.append(done)
            self.buf_start = n + 1

    def start(self, n: int, line: str, kind: str, title: str) -> None:
        if kind not in CALLOUT_KINDS:
            kinds = ", ".join(CALLOUT_KINDS)
            self.problem(n, 5, "callout.kind", f"unknown block kind '{kind}'; use one of {kinds}")
        elif not self.nesting_ok(n, kind) and kind not in NESTED_KINDS:
            self.lines().append(line)
            return  # (a misplaced solution or hint still opens, so its ':::' closes it)
        if not self.stack:
            self.flush_text()
        self.stack.append(_Open(kind, title, n, [], []))

    def nesting_ok(self, n: int, kind: str) -> bool:
        """Return whether ``kind`` may open here; report why not."""
        if not self.stack:
            if kind in NESTED_KINDS:
                hosts = " or ".join(f"'{h}'" for h in NEST_HOSTS)
                message = f"a '{kind}' block belongs inside an {hosts} block"
                self.problem(n, 1, "callout.nested", message)
                return False
            return True
        outer = self.stack[-1]
        opened = outer.line + self.offset
        if len(self.stack) >= MAX_DEPTH:
            message = (
                f"'::: {kind}' opens inside the '{outer.kind}' block opened on line {opened}; "
                f"blocks nest at most {MAX_DEPTH} deep"
            )
        elif kind not in NESTED_KINDS or outer.kind not in NEST_HOSTS:
            message = (
                f"'::: {kind}' opens inside the '{outer.kind}' block opened on line {opened}; "
                "close that one first (only a solution or hint may sit inside an exercise)"
            )
        else:
            return True
        self.problem(n, 1, "callout.nested", message)
        return False

    def finish(self) -> tuple[tuple[Block, ...], tuple[BodyProblem, ...]]:
        while self.stack:
            top = self.stack[-1]
            message = f"the '{top.kind}' block is never closed with ':::'"
            self.problem(top.line, 1, "callout.unclosed", message)
            self.close(top.line)
        self.flush_text()
        self.blocks.sort(key=lambda b: b.line)
        return tuple(self.blocks), tuple(self.problems)


def iter_links(body: str) -> Iterator[tuple[int, int, str, str]]:
    """Yield ``(line, col, scheme, target)`` for each ``module:`` or ``standard:`` link."""
    for n, line in enumerate(body.split("\n"), start=1):
        for m in LINK.finditer(line):
            yield n, m.start(1) + 1, m.group(1), m.group(2)


def first_raw_html(text: str) -> re.Match[str] | None:
    """Return the first HTML tag of ``text`` that is not in the allow-list."""
    return next((m for m in HTML_TAG.finditer(text) if not is_allowed_html(m.group(0))), None)


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
            if not is_allowed_html(m.group(0)):
                yield n, m.start() + 1, m.group(0)


def trainee_blocks(blocks: tuple[Block, ...], solutions: bool = True) -> tuple[Block, ...]:
    """Return the blocks a trainee may see: instructor blocks removed, and the solutions nested
    in exercises too unless ``solutions``."""
    kept = tuple(b for b in blocks if b.kind != "instructor")
    return kept if solutions else tuple(b.without(("solution",)) for b in kept)


def solutions_of(block: Block) -> tuple[Block, ...]:
    """Return the solution blocks nested in ``block``."""
    return tuple(c for c in block.children if c.kind == "solution")


def word_count(blocks: tuple[Block, ...]) -> int:
    """Count words in the given blocks (nested blocks included)."""
    return sum(len(b.text.split()) + len(b.title.split()) + word_count(b.children) for b in blocks)


#: An inline link or image: bang, label, destination (plain or in angle brackets), optional title,
#: then an optional ``{...}`` attribute list (which only some renderers understand).
REF = re.compile(
    r"(!?)\[((?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*)\]"
    r"\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)(\{[^{}\n]*\})?"
)
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.*?)\s*(?:\{([^{}]*)\})?\s*#*\s*$")
_ID_ATTR = re.compile(r"#([\w-]+)")


@dataclass(frozen=True)
class Ref:
    """A link or image in Markdown text: where (body line, column), what it points at."""

    line: int
    col: int
    image: bool
    label: str
    target: str
    attrs: str
    target_col: int = 0


def _prose_lines(text: str, blank_code: bool = True) -> Iterator[tuple[int, str]]:
    """Yield ``(line, text)`` of the lines outside fenced code (code spans blanked out unless
    ``blank_code`` is false)."""
    in_fence = False
    for n, line in enumerate(text.split("\n"), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield n, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) if blank_code else line


def iter_refs(text: str) -> Iterator[Ref]:
    """Yield every inline link and image outside code, in order."""
    for n, line in _prose_lines(text):
        for m in REF.finditer(line):
            target = m.group(3).strip("<>").strip()
            image, label, attrs = bool(m.group(1)), m.group(2), m.group(4) or ""
            yield Ref(n, m.start() + 1, image, label, target, attrs, m.start(3) + 1)


def heading_slug(title: str) -> str:
    """Return the anchor the site gives a heading (Python-Markdown's ``toc`` rule)."""
    import unicodedata

    plain = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", title)
    ascii_ = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode("ascii")
    word = re.sub(r"[^\w\s-]", "", ascii_).strip().lower()
    return re.sub(r"[-\s]+", "-", word)


@functools.lru_cache(maxsize=16384)
def heading_anchors(text: str) -> frozenset[str]:
    """Return the anchors of the headings of a body (their slugs and any ``{#id}``; remembered,
    for a preview that checks every body again on each save)."""
    out: set[str] = set()
    for _, line in _prose_lines(text, blank_code=False):
        m = _HEADING.match(line)
        if m:
            out.add(heading_slug(m.group(1)))
            out.update(_ID_ATTR.findall(m.group(2) or ""))
    return frozenset(out)


_ANCHOR_ONLY = re.compile(r"^\s*#[\w-]+\s*$")


def iter_heading_attrs(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(line, col, attributes)`` of each heading whose ``{...}`` holds more than an
    anchor (``{#id}``): classes and key=value pairs, which only the site would apply."""
    for n, line in _prose_lines(text, blank_code=False):
        m = _HEADING.match(line)
        if m and m.group(2) is not None and not _ANCHOR_ONLY.match(m.group(2)):
            yield n, line.rindex("{") + 1, "{" + m.group(2) + "}"
