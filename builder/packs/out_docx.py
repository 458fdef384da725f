"""DOCX through pandoc: a frame with the title block, and cached fragments joined into it.

The reference document is pandoc's own, patched once per pandoc version: A4 pages, a footer with
the page number, bordered tables, level-1 headings on a new page, and the paragraph styles that
callouts use (``Callout``, ``Callout Title``, ``Notice``). ``SOURCE_DATE_EPOCH`` fixes the core
properties and the zip dates, so the bytes only depend on the sources.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from builder.packs.convert import Cache, pandoc_path, pandoc_version, sha256
from builder.packs.docx_parts import DocxPart, assemble
from builder.packs.errors import ConversionError

REFERENCE_PATCH = "docx-ref-3"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

_STYLES = """
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Callout">
    <w:name w:val="Callout" /><w:basedOn w:val="BodyText" /><w:qFormat />
    <w:pPr>
      <w:pBdr><w:left w:val="single" w:sz="24" w:space="8" w:color="2F6DB5" /></w:pBdr>
      <w:shd w:val="clear" w:color="auto" w:fill="EEF3FA" />
      <w:spacing w:before="0" w:after="80" /><w:ind w:left="240" w:right="240" />
    </w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="CalloutTitle">
    <w:name w:val="Callout Title" /><w:basedOn w:val="Callout" /><w:next w:val="Callout" /><w:qFormat />
    <w:pPr><w:keepNext /><w:spacing w:before="160" w:after="60" /></w:pPr>
    <w:rPr><w:b /><w:color w:val="1F3B5C" /></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Notice">
    <w:name w:val="Notice" /><w:basedOn w:val="BodyText" /><w:qFormat />
    <w:pPr>
      <w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="D9A400" /><w:left w:val="single" w:sz="4" w:space="4" w:color="D9A400" /><w:bottom w:val="single" w:sz="4" w:space="4" w:color="D9A400" /><w:right w:val="single" w:sz="4" w:space="4" w:color="D9A400" /></w:pBdr>
      <w:shd w:val="clear" w:color="auto" w:fill="FFF4D6" />
    </w:pPr>
    <w:rPr><w:i /></w:rPr>
  </w:style>
"""

_TABLE_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="8C8C8C" />'
        for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)

_FOOTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {_W}><w:p><w:pPr><w:jc w:val="center" /></w:pPr>
<w:r><w:fldChar w:fldCharType="begin" /></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
<w:r><w:fldChar w:fldCharType="separate" /></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end" /></w:r>
</w:p></w:ftr>
"""

_SECT = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rIdPackFooter" />'
    '<w:pgSz w:w="11906" w:h="16838" /><w:pgMar w:top="1417" w:right="1247" w:bottom="1417" '
    'w:left="1247" w:header="708" w:footer="708" w:gutter="0" />'
)


def _patch_styles(xml: str) -> str:
    xml = xml.replace(
        '<w:tblInd w:w="0" w:type="dxa" />', '<w:tblInd w:w="0" w:type="dxa" />' + _TABLE_BORDERS, 1
    )
    xml = re.sub(
        r'(w:styleId="Heading1">.*?<w:pPr>)', r"\1<w:pageBreakBefore />", xml, count=1, flags=re.S
    )
    return xml.replace("</w:styles>", _STYLES + "</w:styles>")


def _patch_document(xml: str) -> str:
    if 'xmlns:r="' not in xml.split(">", 2)[1]:
        xml = xml.replace(
            "<w:document ",
            (
                "<w:document "
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            ),
            1,
        )
    return re.sub(r"<w:sectPr>", _SECT, xml, count=1)


def _patch(name: str, data: bytes) -> bytes:
    text = data.decode("utf-8")
    if name == "word/styles.xml":
        return _patch_styles(text).encode()
    if name == "word/document.xml":
        return _patch_document(text).encode()
    if name == "word/_rels/document.xml.rels":
        rel = (
            "<Relationship "
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" '
            'Id="rIdPackFooter" Target="footer1.xml" />'
        )
        return text.replace("</Relationships>", rel + "</Relationships>").encode()
    if name == "[Content_Types].xml":
        over = (
            '<Override PartName="/word/footer1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" '
            "/>"
        )
        return text.replace("</Types>", over + "</Types>").encode()
    return data


def reference_docx(cache: Cache) -> Path:
    """Return the patched reference document (built once per pandoc version)."""
    key = sha256(REFERENCE_PATCH, pandoc_version())
    path = cache.path(key, "docx")
    if path.exists():
        return path
    raw = subprocess.run(
        [pandoc_path(), "--print-default-data-file", "reference.docx"],
        capture_output=True,
        check=True,
    ).stdout
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            dst.writestr(
                entry, _patch(info.filename, src.read(info.filename)), zipfile.ZIP_DEFLATED
            )
        dst.writestr(
            zipfile.ZipInfo("word/footer1.xml", date_time=(1980, 1, 1, 0, 0, 0)),
            _FOOTER.encode(),
            zipfile.ZIP_DEFLATED,
        )
    cache.put(key, "docx", out.getvalue())
    return path


@functools.cache
def api_version() -> list[int]:
    """Return the pandoc AST version that this pandoc reads and writes."""
    out = subprocess.run(
        [pandoc_path(), "-f", "markdown", "-t", "json"], input=b"", capture_output=True, check=True
    ).stdout
    return list(json.loads(out)["pandoc-api-version"])


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
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        args = [pandoc_path(), "-f", "json", "-t", "docx", f"--reference-doc={ref}", "-o", str(out)]
        run = subprocess.run(
            args, input=source.encode("utf-8"), capture_output=True, env=env, check=False
        )
        if run.returncode != 0:
            raise ConversionError(
                f"pandoc could not write DOCX: {run.stderr.decode(errors='replace')[:2000]}"
            )
        return out.read_bytes()
