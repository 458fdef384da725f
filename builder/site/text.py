"""Escaping of author text for the places the site puts it: HTML, inline Markdown, bodies, JSON.

Author text is never trusted. The rules:

- in HTML that the builder writes, text goes through :func:`html_text` (``& < > "`` escaped);
- in generated Markdown, short text (titles, objectives, profile fields) goes through
  :func:`md_inline`, which turns every character that Markdown or HTML could act on into a
  numeric entity, so the text shows exactly as written and never becomes a tag or a link;
- in bodies, which are Markdown on purpose, :func:`body_markdown` turns every ``<`` into
  ``&lt;`` (except the allow-list of harmless inline HTML: ``<kbd>``, ``<sub>``, ``<sup>``,
  ``<abbr title>``, ``<br>``) so no other raw HTML reaches Python-Markdown (code spans and
  blocks then show ``&lt;`` doubled; the site's Markdown extension undoes that one entity, see
  ``mdext.py``);
- JSON embedded in a page goes through :func:`json_for_html` (``<``, ``>``, ``&`` as ``\\u``
  escapes), so it cannot close its ``<script>`` element.
"""

from __future__ import annotations

import html
import json
import re

from builder.i18n.locale import one_line
from builder.safety import disarm_html

#: Characters that Markdown (with the usual extensions) or HTML could act on anywhere in a line.
_MD_SPECIAL = frozenset('\\`*_[]{}<>#|&~^="$')
_MD_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in _MD_SPECIAL}
#: A line that starts like a list item, a quote, a definition or an ordered list item.
_LINE_START = re.compile(r"^([-+>:]|\d+[.)])")


def html_text(text: str) -> str:
    """Return ``text`` escaped for HTML text and attribute values."""
    return html.escape(text, quote=True)


def md_inline(text: str) -> str:
    """Return ``text`` for inline Markdown: shown as written, never markup, on one line."""
    line = one_line(text)
    out = line.translate(_MD_ENTITIES)
    start = _LINE_START.match(out)
    if start:
        mark = start.group(1)
        out = mark[:-1] + f"&#{ord(mark[-1])};" + out[len(mark) :]
    return out


_ANGLE_DESTINATION = re.compile(r"\]\(<([^<>\n]*)>")


def body_markdown(text: str) -> str:
    """Return a Markdown body with raw HTML disarmed (every ``<`` becomes ``&lt;``).

    A link destination written in angle brackets (``[x](<a b.md>)``) is first rewritten to the
    plain form (spaces as ``%20``), so that disarming HTML does not break the link.
    """
    plain = _ANGLE_DESTINATION.sub(lambda m: "](" + m.group(1).replace(" ", "%20"), text)
    return disarm_html(plain)


def yaml_string(text: str) -> str:
    """Return ``text`` as a double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)
