"""Module links that point at a module the pack does not have become plain text.

Shared fragments link every module (``#mod-<id>``) so that they are the same in every pack;
each format drops the links to absent modules when a pack is assembled (the Typst template's
``modlink`` does the same for PDF).
"""

from __future__ import annotations

import re
from typing import Any

_HTML_LINK = re.compile(r'<a href="#mod-([a-z0-9-]+)"[^>]*>(.*?)</a>', re.S)


def unlink_html(html: str, keep: frozenset[str]) -> str:
    """Return ``html`` with links to modules not in ``keep`` replaced by their text."""
    return _HTML_LINK.sub(lambda m: m.group(0) if m.group(1) in keep else m.group(2), html)


def unlink_ast(node: Any, keep: frozenset[str]) -> Any:
    """Return a pandoc JSON AST node with links to modules not in ``keep`` replaced by their text."""
    if isinstance(node, list):
        out: list[Any] = []
        for item in node:
            if _is_dropped_link(item, keep):
                out.extend(unlink_ast(item["c"][1], keep))
            else:
                out.append(unlink_ast(item, keep))
        return out
    if isinstance(node, dict):
        return {k: unlink_ast(v, keep) for k, v in node.items()}
    return node


def _is_dropped_link(item: Any, keep: frozenset[str]) -> bool:
    if not (isinstance(item, dict) and item.get("t") == "Link"):
        return False
    target = str(item["c"][2][0])
    return target.startswith("#mod-") and target[len("#mod-") :] not in keep
