"""Checks of any text value: raw HTML (shown as text) and invisible bidirectional controls."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from builder.body import BIDI_CONTROL, HTML_TAG, first_raw_html
from builder.load.loader import Loaded
from builder.load.yamlsrc import locate
from builder.validate.sink import Sink


def check_text_values(sink: Sink, f: Loaded) -> None:
    """Warn about raw HTML in any text value of a YAML file or front matter (shown as text)."""
    texts: list[str] = []
    _all_strings(f.tree, texts)
    # Neither pattern can match across a line break, so one search of all the values joined
    # by newlines clears a file (the usual case) without locating each value.
    joined = "\n".join(texts)
    if not BIDI_CONTROL.search(joined) and not HTML_TAG.search(joined):
        return
    for loc, text in _strings(f.tree, ()):
        bidi = BIDI_CONTROL.search(text)
        if bidi:
            sink.at(
                f,
                loc,
                "text.bidi-control",
                (
                    f"invisible bidirectional control U+{ord(bidi.group(0)):04X} in "
                    f"{'.'.join(str(p) for p in loc)}; "
                    "remove it"
                ),
            )
        m = first_raw_html(text)
        if m:
            sink.at(
                f,
                loc,
                "body.raw-html",
                (
                    f"raw HTML '{m.group(0)[:40]}' in {'.'.join(str(p) for p in loc)} is shown "
                    "as text, not interpreted"
                ),
            )


def _all_strings(node: Any, out: list[str]) -> None:
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, dict):
        for v in node.values():
            _all_strings(v, out)
    elif isinstance(node, list):
        for v in node:
            _all_strings(v, out)


def _strings(node: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, (*loc, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, (*loc, i))


def located_strings(
    f: Loaded, skip: frozenset[str] = frozenset(), only: Callable[[str], bool] | None = None
) -> Iterator[tuple[int, int, str]]:
    """Yield ``(line, column, text)`` of every text value of a loaded file (or front matter),
    except the values under a key named in ``skip`` (with ``only``: just the texts it accepts)."""
    if only is not None:
        texts: list[str] = []
        _all_strings(f.tree, texts)
        if not any(only(t) for t in texts):
            return  # none to locate (the usual case): no walk of the tree with locations
    for loc, text in _strings(f.tree, ()):
        if only is not None and not only(text):
            continue
        if skip.intersection(p for p in loc if isinstance(p, str)):
            continue
        line, col = locate(f.tree, loc) or (1, 1)
        yield line, col, text
