"""Safety helpers shared by every output, so that a security fix lands once.

- :func:`json_for_html`: data embedded in a page's ``<script>`` can never close the element or
  start markup (``<``, ``>``, ``&`` and the two JavaScript line separators are escaped).
- :func:`is_safe_url`: the one URL policy, an allow-list of schemes. A link or image whose target
  fails it loses its target (its text stays) on the site and in every pack format.
- :func:`slug`: the one rule for identifiers made from author text.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

#: Schemes a link may use. Anything else (javascript:, vbscript:, data:, file:, ...) is dropped.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
#: Characters never allowed in a URL handed to another tool (they could end the URL's syntax).
_BREAKS_SYNTAX = re.compile(r"[\s<>\"'`]")
_SLUG = re.compile(r"[^a-z0-9]+")
#: The harmless inline HTML that every output renders, in exactly these forms (no other
#: attribute, no other tag): keys, sub- and superscripts, abbreviations, line breaks.
ALLOWED_HTML = re.compile(r'</?(?:kbd|sub|sup)>|<abbr title="[^"<>&\n]*">|</abbr>|<br ?/?>')


def disarm_html(text: str) -> str:
    """Return ``text`` with every ``<`` as ``&lt;``, except those opening a tag of the
    allow-list of harmless inline HTML (:data:`ALLOWED_HTML`)."""
    out: list[str] = []
    pos = 0
    for m in ALLOWED_HTML.finditer(text):
        out += [text[pos : m.start()].replace("<", "&lt;"), m.group(0)]
        pos = m.end()
    out.append(text[pos:].replace("<", "&lt;"))
    return "".join(out)


def is_allowed_html(tag: str) -> bool:
    """Return whether a tag is in the allow-list of harmless inline HTML."""
    return ALLOWED_HTML.fullmatch(tag) is not None


def json_for_html(value: Any) -> str:
    """Return ``value`` as JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def url_scheme(url: str) -> str | None:
    """Return a URL's scheme in lower case as a browser would read it (entities decoded, control
    characters and spaces ignored), or None for a relative URL."""
    squeezed = "".join(ch for ch in html.unescape(url) if ch > " " and ch != "\x7f")
    found = _SCHEME.match(squeezed)
    return found.group(1).lower() if found else None


def is_safe_url(url: str, *, absolute: bool = False) -> bool:
    """Return whether a link may point at ``url``: a relative URL (unless ``absolute``) or one
    whose scheme is in :data:`SAFE_SCHEMES`; with ``absolute``, also no character that could end
    the URL in another tool's syntax."""
    scheme = url_scheme(url)
    if scheme is None:
        return not absolute
    if absolute and _BREAKS_SYNTAX.search(url):
        return False
    return scheme in SAFE_SCHEMES


def slug(text: str) -> str:
    """Return a lower-case ASCII identifier of letters, digits and hyphens (``P1-S4`` → ``p1-s4``;
    ``x`` when nothing is left)."""
    return _SLUG.sub("-", text.lower()).strip("-") or "x"
