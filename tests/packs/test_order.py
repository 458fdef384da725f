"""The handbook follows the plan: same modules, same order, every prerequisite first."""

from __future__ import annotations

import re
import zipfile

from builder.packs.paths import check_code
from tests.packs.conftest import Built


def _plain_quotes(texts: list[str]) -> list[str]:
    """Return the texts with typographic quotes made straight (pandoc's smart punctuation)."""
    return [
        t.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        for t in texts
    ]


def _respects_prerequisites(built: Built, code: str, order: list[str]) -> None:
    cur = built.result.curriculum
    assert cur is not None
    position = {m: i for i, m in enumerate(order)}
    for mid in order:
        for p in cur.modules[mid].meta.prerequisites:
            if p in position:
                assert position[p] < position[mid], f"{code}: {p} must come before {mid}"


def test_html_module_order_is_plan_order(built: Built, code: str) -> None:
    text = (built.pack(code) / "trainee" / "handbook.html").read_text(encoding="utf-8")
    found = re.findall(r'<h1 id="mod-([a-z0-9-]+)"', text)
    assert found == list(built.result.course.plan(code).order)
    _respects_prerequisites(built, code, found)


def test_epub_spine_follows_plan(built: Built, code: str) -> None:
    with zipfile.ZipFile(built.pack(code) / "trainee" / "handbook.epub") as z:
        opf = z.read("EPUB/package.opf").decode()
        chapters = re.findall(r'<itemref idref="c-(m\d+)"/>', opf)
        ids = [
            re.search(r'id="mod-([a-z0-9-]+)"', z.read(f"EPUB/text/{c}.xhtml").decode()).group(1)
            for c in chapters
        ]  # type: ignore[union-attr]
    assert ids == list(built.result.course.plan(code).order)


def test_pdf_outline_follows_plan(built: Built, code: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(built.pack(code) / "trainee" / "handbook.pdf"))
    titles = _plain_quotes([item.title for item in reader.outline if not isinstance(item, list)])
    content = built.contents[code]
    expected = _plain_quotes([f"{m.number}. {m.title}" for m in content.modules])
    assert [t for t in titles if t in expected] == expected
    _respects_prerequisites(built, code, [m.id for m in content.modules])


def test_docx_headings_follow_plan(built: Built, code: str) -> None:
    import docx

    d = docx.Document(str(built.pack(code) / "trainee" / "handbook.docx"))
    heads = _plain_quotes(
        [p.text for p in d.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    )
    expected = _plain_quotes([f"{m.number}. {m.title}" for m in built.contents[code].modules])
    assert heads[: len(expected)] == expected
    assert (
        heads[len(expected) :]
        == [
            built.contents[code].labels("answers"),
            built.contents[code].labels("standards"),
            built.contents[code].labels("glossary"),
        ][: len(heads) - len(expected)]
    )


def test_guide_docx_lists_every_module_in_order(built: Built, code: str) -> None:
    import docx

    d = docx.Document(str(built.pack(code) / "instructor" / "guide.docx"))
    heads = _plain_quotes(
        [p.text for p in d.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    )
    expected = _plain_quotes([f"{m.number}. {m.title}" for m in built.contents[code].modules])
    assert [h for h in heads if h in expected] == expected


def test_codes_are_checked() -> None:
    assert check_code("SN") == "SN"
