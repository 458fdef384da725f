"""The glossary appendix: every pack's handbook and guide list the terms in the pack language."""

from __future__ import annotations

import html
import re

from tests.packs.conftest import Built


def test_handbook_html_has_the_glossary_in_the_pack_language(built: Built, code: str) -> None:
    content = built.contents[code]
    raw = (built.pack(code) / "trainee" / "handbook.html").read_text("utf-8")
    page = html.unescape(raw).replace("\u2019", "'")  # pandoc curls apostrophes
    assert content.labels("glossary") in page
    terms = [e.forms[content.lang].term for e in content.glossary.terms if content.lang in e.forms]
    assert terms
    for term in terms:
        assert re.sub(r"\s+", " ", term) in re.sub(r"\s+", " ", page), term


def test_guide_pdf_has_the_glossary(built: Built, code: str) -> None:
    from pypdf import PdfReader

    content = built.contents[code]
    reader = PdfReader(str(built.pack(code) / "instructor" / "guide.pdf"))
    tail = " ".join(p.extract_text() for p in reader.pages[-6:])
    assert content.labels("glossary") in tail
