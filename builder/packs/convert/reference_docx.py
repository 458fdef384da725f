"""pandoc's reference DOCX, patched with the packs' styles, footer and page setup."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from builder.packs.cache import Cache, sha256
from builder.packs.pandoc import default_data_file, pandoc_version

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
    raw = default_data_file("reference.docx")
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
