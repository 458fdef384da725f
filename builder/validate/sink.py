"""Where checks put their diagnostics, located in the author's file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from builder.diagnostics import Diagnostic, did_you_mean, make

if TYPE_CHECKING:  # the quick path of a check runs without the loader (and pydantic)
    from builder.load.loader import Loaded


class Sink:
    """Collects diagnostics, locating them in the loaded file's tree."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def at(
        self, f: Loaded, loc: Sequence[str | int], code: str, message: str, *, key: bool = False
    ) -> None:
        """Add a diagnostic at a location inside a loaded file."""
        from builder.load.yamlsrc import locate

        line, col = locate(f.tree, loc, key=key) or (1, 1)
        self.items.append(make(f.rel, line, col, code, message))

    def line(self, rel: str, line: int, col: int, code: str, message: str) -> None:
        """Add a diagnostic at an explicit position."""
        self.items.append(make(rel, line, col, code, message))


def unknown(
    sink: Sink,
    f: Loaded,
    loc: Sequence[str | int],
    code: str,
    what: str,
    value: str,
    known: Iterable[str],
) -> None:
    """Report a reference to something that does not exist, with a near name if any."""
    sink.at(f, loc, code, f"{what} '{value}' is not defined{did_you_mean(value, known)}")
