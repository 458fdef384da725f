"""A Python-Markdown extension that keeps author Markdown harmless on the site.

The page generators already escape every ``<`` of author text, so no raw HTML reaches the
parser. What Markdown itself can still make is handled here, on the element tree:

- links whose scheme is not allowed (:func:`builder.safety.is_safe_url`: ``javascript:``,
  ``vbscript:``, ``data:``, ...) lose their target (the text stays);
- images from another host become links (nothing is fetched from another host at view time);
- event-handler attributes (``on...``), which ``attr_list`` could add, are removed;
- the ``&lt;`` that escaping put inside code spans and blocks is shown as ``<`` again.

Enable it in a MkDocs config as ``builder.site.mdext``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from builder.safety import is_safe_url

_REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*:)?//", re.I)
_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "poster", "background")
_DROP_ATTRS = ("srcdoc",)


class SanitiseTree(Treeprocessor):
    """Remove script-capable attributes and targets; turn remote images into links."""

    def run(self, root: etree.Element) -> None:
        """Sanitise every element under ``root`` in place."""
        for parent in root.iter():
            for i, el in enumerate(list(parent)):
                self._clean(el)
                if el.tag == "img" and _REMOTE.match(el.get("src", "")):
                    parent[i] = self._as_link(el)

    @staticmethod
    def _clean(el: etree.Element) -> None:
        for name in list(el.attrib):
            low = name.lower()
            if (
                low.startswith("on")
                or low in _DROP_ATTRS
                or (low in _URL_ATTRS and not is_safe_url(el.attrib[name]))
            ):
                del el.attrib[name]
        if el.tag == "a" and "href" not in el.attrib:
            el.tag = "span"  # an unsafe link keeps its text but goes nowhere
        elif el.tag == "img" and "src" not in el.attrib:
            el.tag = "span"
            el.text = el.attrib.pop("alt", "")

    @staticmethod
    def _as_link(img: etree.Element) -> etree.Element:
        link = etree.Element("a", {"href": img.get("src", ""), "class": "cur-remote-image"})
        link.text = img.get("alt") or img.get("src", "")
        link.tail = img.tail
        return link


class UndoCodeEscape(Postprocessor):
    """Show ``<`` in code again: author ``<`` arrives as ``&lt;``, which code escapes once more."""

    def run(self, text: str) -> str:
        """Return the page HTML with ``&amp;lt;`` shown as ``<``."""
        return text.replace("&amp;lt;", "&lt;")


class SafeAuthorText(Extension):
    """Register the tree sanitiser (after attr_list and inline patterns) and the code fix."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the processors to ``md``."""
        md.treeprocessors.register(SanitiseTree(md), "cur_sanitise", 2)
        md.postprocessors.register(UndoCodeEscape(md), "cur_undo_code_escape", 5)


def makeExtension(**kwargs: Any) -> SafeAuthorText:
    """Return the extension (Python-Markdown's entry point)."""
    return SafeAuthorText(**kwargs)
