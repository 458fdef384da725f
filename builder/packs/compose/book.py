"""A document laid out as parts (converted fragments) with its cover facts, for every format."""

from __future__ import annotations

from dataclasses import dataclass

from builder.packs.convert.convert import Converter, Piece


@dataclass(frozen=True)
class Part:
    """One piece of a document (a chapter, or a share of one): its fragments, in order, the
    level-1 headings it opens (for the contents) and the ids it holds."""

    pieces: tuple[Piece, ...]
    file: str
    toc: tuple[tuple[str, str], ...] = ()
    anchors: tuple[str, ...] = ()

    def text(self, conv: Converter, target: str) -> str:
        """Return the part in one output format (its fragments joined)."""
        return "\n".join(conv.text(p, target) for p in self.pieces)


@dataclass(frozen=True)
class Book:
    """A handbook or guide: what its cover says and its parts in order."""

    kind: str
    title: str
    programme: str
    short: str
    publisher: str
    contents: str
    lang: str
    dir: str
    facts: tuple[tuple[str, str], ...]
    notice: str | None
    footer: str
    cover: Piece
    parts: tuple[Part, ...]
    modules: frozenset[str]
    outline: bool = True
    """Whether the document has a table of contents (an exam paper has none)."""

    @property
    def toc(self) -> tuple[tuple[str, str], ...]:
        """Return ``(anchor, title)`` of every level-1 heading, in order."""
        return tuple(entry for p in self.parts for entry in p.toc)

    @property
    def pieces(self) -> tuple[Piece, ...]:
        """Return every fragment to convert (the cover facts first)."""
        return (self.cover, *(piece for p in self.parts for piece in p.pieces))
