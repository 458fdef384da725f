"""DOCX through pandoc: a frame with the title block, and cached fragments joined into it.

The reference document is pandoc's own, patched once per pandoc version: A4 pages, a footer with
the page number, bordered tables, level-1 headings on a new page, and the paragraph styles that
callouts use (``Callout``, ``Callout Title``, ``Notice``). ``SOURCE_DATE_EPOCH`` fixes the core
properties and the zip dates, so the bytes only depend on the sources.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from builder.packs.cache import Cache, sha256
from builder.packs.convert.docx_parts import DocxPart, assemble
from builder.packs.convert.reference_docx import reference_docx
from builder.packs.pandoc import api_version, pandoc_version, run_pandoc


def inlines(text: str) -> list[dict[str, Any]]:
    """Return plain text as pandoc AST inlines."""
    out: list[dict[str, Any]] = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def meta_inlines(text: str) -> dict[str, Any]:
    """Return a metadata value made of plain text."""
    return {"t": "MetaInlines", "c": inlines(text)}


def bookmark_name(anchor: str) -> str:
    """Return the bookmark pandoc makes for an identifier (Word allows 40 characters: pandoc
    replaces longer ones, or ones not starting with a letter, by X and 39 hex digits of SHA-1)."""
    if anchor[:1].isalpha() and len(anchor) <= 40:
        return anchor
    return (
        "X" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[1:]
    )  # pandoc's naming, not security


def toc_xml(title: str, entries: Sequence[tuple[str, str]]) -> str:
    """Return a Word table-of-contents field, filled with links to the level-1 headings."""
    head = (
        '<w:p><w:pPr><w:pStyle w:val="TOCHeading" /><w:pageBreakBefore /></w:pPr><w:r><w:t '
        f'xml:space="preserve">{escape(title)}</w:t></w:r></w:p>'
    )
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin" /></w:r><w:r><w:instrText xml:space="preserve">TOC '
        '\\o "1-1" \\h \\z \\u</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate" /></w:r>'
    )
    paras = []
    for i, (anchor, text) in enumerate(entries):
        link = (
            f'<w:hyperlink w:anchor="{escape(bookmark_name(anchor))}"><w:r><w:rPr><w:rStyle '
            'w:val="Hyperlink" '
            f'/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:hyperlink>'
        )
        paras.append(
            f'<w:p><w:pPr><w:pStyle w:val="TOC1" /></w:pPr>{begin if i == 0 else ""}{link}</w:p>'
        )
    end = '<w:p><w:r><w:fldChar w:fldCharType="end" /></w:r></w:p>' if entries else ""
    return (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents" '
        "/><w:docPartUnique "
        "/></w:docPartObj></w:sdtPr>"
        f"<w:sdtContent>{head}{''.join(paras)}{end}</w:sdtContent></w:sdt>"
    )


def frame_docx(meta: Mapping[str, Any], epoch: int, cache: Cache) -> bytes:
    """Return pandoc's DOCX of a book's title block alone (cached): the frame the parts go in."""
    source = json.dumps(
        {"pandoc-api-version": api_version(), "meta": dict(meta), "blocks": []},
        sort_keys=True,
        ensure_ascii=False,
    )
    ref = reference_docx(cache)
    key = sha256("docx-frame-1", pandoc_version(), ref.read_bytes(), str(epoch), source)
    cached = cache.get(key, "docx")
    if cached is not None:
        return cached
    data = _run_pandoc(source, ref, epoch, cache.root)
    cache.put(key, "docx", data)
    return data


def build_docx(
    parts: Sequence[DocxPart], meta: Mapping[str, Any], toc: str, epoch: int, cache: Cache
) -> bytes:
    """Return a book as DOCX: its title block, the table of contents ``toc``, then ``parts``."""
    return assemble(frame_docx(meta, epoch, cache), toc, parts)


def _run_pandoc(source: str, ref: Path, epoch: int, work: Path) -> bytes:
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work, prefix=".work-docx-") as tmp:
        out = Path(tmp) / "out.docx"
        args = ["-f", "json", "-t", "docx", f"--reference-doc={ref}", "-o", str(out)]
        env = {"SOURCE_DATE_EPOCH": str(epoch)}
        run_pandoc(args, "a DOCX title block", stdin=source.encode("utf-8"), env=env)
        return out.read_bytes()
