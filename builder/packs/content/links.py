"""Module links that point at a module the pack does not have become plain text.

Shared fragments link every module (``#mod-<id>``) so that they are the same in every pack;
each format drops the links to absent modules when a pack is assembled (the Typst template's
``modlink`` does the same for PDF, :func:`builder.packs.convert.docx_parts.unlink_dead` for DOCX).
"""

from __future__ import annotations

import re

_HTML_LINK = re.compile(r'<a href="#mod-([a-z0-9-]+)"[^>]*>(.*?)</a>', re.S)


def unlink_html(html: str, keep: frozenset[str]) -> str:
    """Return ``html`` with links to modules not in ``keep`` replaced by their text."""
    return _HTML_LINK.sub(lambda m: m.group(0) if m.group(1) in keep else m.group(2), html)
