"""Make author Markdown safe and self-contained before a renderer sees it.

Author text is never trusted: links go through one policy (``module:`` and ``standard:`` links
become in-document links or plain text, anything but http(s)/mailto becomes plain text, images
become their alt text), raw HTML is shown as text, and heading attributes are made literal.
Code spans and fenced code are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from builder.figures import FIGURE_NAME
from builder.i18n.locale import one_line
from builder.safety import ALLOWED_HTML, is_safe_url

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)+?(?<!`)\1(?!`)")
_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_REF_DEF = re.compile(r"^ {0,3}\[([^\]\n]+)\]:\s*<?([^\s>]*)>?.*$", re.M)
_AUTOLINK_OK = re.compile(r"<(?=(?:https?://|mailto:)[^\s<>]*>)", re.I)
_ATX_ATTR = re.compile(r"^(#{1,6}\s.*?)(\{[^{}]*\})\s*$", re.M)
_ATX_H1 = re.compile(r"^#(?=\s)", re.M)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~^$@=&:])")

Resolver = Callable[[str], "str | None"]


@dataclass(frozen=True)
class LinkPolicy:
    """Where ``module:`` and ``standard:`` links point in one output (None: plain text)."""

    module: Resolver
    standard: Resolver

    def href(self, target: str) -> str | None:
        """Return the href for a link target, or None when it must become plain text."""
        target = target.strip().strip("<>").strip()
        if target.startswith("module:"):
            return self.module(target[len("module:") :])
        if target.startswith("standard:"):
            return self.standard(target[len("standard:") :])
        return target if is_safe_url(target, absolute=True) else None


def _blocks(text: str) -> Iterator[tuple[bool, str]]:
    """Yield ``(is_fenced_code, lines)`` runs of the text, in order."""
    run: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line) and not in_fence:
            if run:
                yield False, "\n".join(run)
            run, in_fence = [line], True
        elif _FENCE.match(line) and in_fence:
            yield True, "\n".join([*run, line])
            run, in_fence = [], False
        else:
            run.append(line)
    if run or not text:
        yield in_fence, "\n".join(run)


def _apply(text: str, fix: Callable[[str], str]) -> str:
    """Apply ``fix`` to the prose of ``text``, leaving fenced code and code spans as they are."""
    return "\n".join(chunk if code else _fix_prose(chunk, fix) for code, chunk in _blocks(text))


def _fix_prose(chunk: str, fix: Callable[[str], str]) -> str:
    pieces: list[str] = []
    pos = 0
    for m in _CODE_SPAN.finditer(chunk):
        pieces += [fix(chunk[pos : m.start()]), m.group(0)]
        pos = m.end()
    pieces.append(fix(chunk[pos:]))
    return "".join(pieces)


def for_pandoc(text: str, policy: LinkPolicy) -> str:
    """Return author Markdown ready for pandoc: links resolved, heading attributes literal."""

    def fix(s: str) -> str:
        s = allowed_html_to_pandoc(s)
        s = _LINK.sub(lambda m: _link_sub(m, policy), s)
        s = _REF_DEF.sub(lambda m: _ref_sub(m, policy), s)
        s = _ATX_ATTR.sub(_heading_attrs, s)
        return _ATX_H1.sub("##", s)

    return _apply(text, fix)


def for_python_markdown(text: str, policy: LinkPolicy) -> str:
    """Return author Markdown ready for Python-Markdown: links resolved, raw HTML escaped."""

    def fix(s: str) -> str:
        s = _LINK.sub(lambda m: _link_sub(m, policy), s)
        s = _REF_DEF.sub(lambda m: _ref_sub(m, policy), s)
        s = escape_raw_html(s)
        s = _ATX_ATTR.sub(_heading_attrs, s)
        return _ATX_H1.sub("##", s)

    return _apply(text, fix)


_ANCHOR_ONLY = re.compile(r"^\{\s*#[\w-]+\s*\}$")


def _heading_attrs(m: re.Match[str]) -> str:
    """Drop a heading's ``{#anchor}`` (the site's anchor, which print has no use for); keep any
    other brace text literal."""
    if _ANCHOR_ONLY.match(m.group(2)):
        return m.group(1).rstrip()
    return m.group(1) + "\\" + m.group(2)


def _link_sub(m: re.Match[str], policy: LinkPolicy) -> str:
    bang, label, target = m.group(1), m.group(2), m.group(3)
    if bang:
        # A local image already points at its figure (content.with_figures); others (remote,
        # missing) are shown as their alt text.
        return f"![{label}]({target})" if FIGURE_NAME.match(target) else label
    href = policy.href(target)
    return f"[{label}]({href})" if href is not None else label


def _ref_sub(m: re.Match[str], policy: LinkPolicy) -> str:
    href = policy.href(m.group(2))
    return f"[{m.group(1)}]: {href}" if href is not None else ""


_KBD = re.compile(r"<kbd>(.*?)</kbd>")
_SUB = re.compile(r"<sub>(.*?)</sub>")
_SUP = re.compile(r"<sup>(.*?)</sup>")
_ABBR = re.compile(r'<abbr title="([^"<>&\n]*)">(.*?)</abbr>')
_BR = re.compile(r"<br ?/?>[ \t]*\n?")


def allowed_html_to_pandoc(text: str) -> str:
    """Return ``text`` with the allow-list of inline HTML as pandoc Markdown: keys as
    ``[..]{.kbd}``, ``~sub~``, ``^sup^``, an abbreviation followed by its expansion in
    brackets, ``<br>`` as a hard line break. (The pandoc reader takes no raw HTML.)"""
    if "<" not in text:
        return text
    text = _KBD.sub(lambda m: f"[{m.group(1)}]{{.kbd}}", text)
    text = _SUB.sub(lambda m: "~" + m.group(1).replace(" ", "\\ ") + "~", text)
    text = _SUP.sub(lambda m: "^" + m.group(1).replace(" ", "\\ ") + "^", text)
    text = _ABBR.sub(lambda m: f"{m.group(2)} ({md_text(m.group(1))})", text)
    return _BR.sub("\\\n", text)


def escape_raw_html(text: str) -> str:
    """Turn every ``<`` into ``&lt;`` except the one opening an http(s)/mailto autolink or a tag
    of the allow-list of harmless inline HTML."""
    out: list[str] = []
    pos = 0
    for m in re.finditer("<", text):
        out.append(text[pos : m.start()])
        keep = _AUTOLINK_OK.match(text, m.start()) or ALLOWED_HTML.match(text, m.start())
        out.append("<" if keep else "&lt;")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def md_text(text: str) -> str:
    """Return plain author text as pandoc Markdown that renders literally, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))
