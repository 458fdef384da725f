"""DOCX joined from cached fragments: the same text as pandoc's whole-document DOCX, valid ids,
dead links unwrapped, and bytes that do not depend on which batch converted a fragment."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from builder.packs.cache import Cache
from builder.packs.convert.convert import Converter, Piece
from builder.packs.convert.docx_parts import (
    DocxPart,
    DocxSplitError,
    assemble,
    split_batch,
    unlink_dead,
)
from builder.packs.convert.reference_docx import reference_docx
from builder.packs.formats.out_docx import frame_docx, meta_inlines, toc_xml
from builder.packs.pandoc import pandoc_path

A = """\
## Lists and notes {#a-head}

1. first step with a note[^n]
2. second step

- a bullet with [a site](https://example.org/a)
- another bullet

[^n]: The note links to [another site](https://example.org/n).
"""
B = """\
## Links {#b-head}

See [the first part](#a-head), [a module here](#mod-here) and [a module elsewhere](#mod-elsewhere).

::: {.callout .tip}
::: callout-title
Tip
:::
Keep the seal number.
:::

3. starts at three
4. then four
"""
C = """\
## Third {#mod-here}

Plain text, and a table:

| a | b |
|---|---|
| 1 | 2 |
"""


def piece(text: str, prefix: str) -> Piece:
    return Piece(text, prefix, ("docx",))


def parts_of(tmp: Path, *batches: list[Piece]) -> dict[str, DocxPart]:
    """Convert each list of pieces as one batch (a fresh cache each) and return every part."""
    out: dict[str, DocxPart] = {}
    for i, batch in enumerate(batches):
        conv = Converter(Cache(tmp / f"cache-{i}"), jobs=1)
        conv.ensure(batch)
        out.update({p.prefix: conv.docx_part(p) for p in batch})
    return out


def book(tmp: Path, parts: list[DocxPart]) -> bytes:
    meta = {"title": meta_inlines("Handbook"), "lang": {"t": "MetaString", "c": "en"}}
    frame = frame_docx(meta, 1_700_000_000, Cache(tmp / "frame-cache"))
    return assemble(frame, toc_xml("Contents", [("a-head", "Lists and notes")]), parts)


def xml(docx: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read(name).decode("utf-8")


@pytest.fixture(scope="module")
def joined(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    tmp = tmp_path_factory.mktemp("docx-parts")
    got = parts_of(tmp, [piece(A, "a-"), piece(B, "b-"), piece(C, "c-")])
    return book(tmp, [got["a-"], got["b-"], got["c-"]])


def test_joined_book_has_the_text_of_pandocs_whole_document(joined: bytes, tmp_path: Path) -> None:
    import docx

    whole = tmp_path / "whole.docx"
    md = tmp_path / "whole.md"
    md.write_text("\n\n".join((A, B, C)), encoding="utf-8")
    subprocess.run(
        [
            pandoc_path(),
            str(md),
            "-o",
            str(whole),
            f"--reference-doc={reference_docx(Cache(tmp_path / 'ref'))}",
        ],
        check=True,
    )
    ours = [p.text for p in docx.Document(io.BytesIO(joined)).paragraphs if p.text]
    theirs = [p.text for p in docx.Document(str(whole)).paragraphs if p.text]
    assert ours[-len(theirs) :] == theirs  # ours starts with the title and the contents


def test_every_id_the_body_uses_is_defined_once(joined: bytes) -> None:
    body, numbering, notes = (
        xml(joined, "word/document.xml"),
        xml(joined, "word/numbering.xml"),
        xml(joined, "word/footnotes.xml"),
    )
    rels = xml(joined, "word/_rels/document.xml.rels")
    nums = re.findall(r'<w:num w:numId="(\d+)"', numbering)
    assert len(nums) == len(set(nums))
    assert set(re.findall(r'<w:numId w:val="(\d+)"', body)) <= set(nums)
    abstract_defs = re.findall(r'<w:abstractNum w:abstractNumId="(\d+)"', numbering)
    assert len(abstract_defs) == len(set(abstract_defs))
    assert set(re.findall(r'<w:abstractNumId w:val="(\d+)"', numbering)) <= set(abstract_defs)
    assert re.findall(r'<w:footnoteReference w:id="(\d+)"', body) == ["1"]
    assert '<w:footnote w:id="1">' in notes and "The note links to" in notes
    rel_ids = set(re.findall(r'Id="([^"]+)"', rels))
    used = [r for r in re.findall(r'r:id="([^"]+)"', body + notes) if r != "rIdPackFooter"]
    assert len(used) == 2 and set(used) <= rel_ids
    assert "https://example.org/a" in rels and "https://example.org/n" in xml(
        joined, "word/_rels/footnotes.xml.rels"
    )
    marks = re.findall(r'<w:bookmarkStart w:id="(\d+)"', body)
    assert len(marks) == len(set(marks)) and len(marks) >= 3
    assert sorted(re.findall(r'<w:bookmarkEnd w:id="(\d+)"', body)) == sorted(
        marks
    )  # no range spans two parts
    assert "PACKPART-" not in body


def test_links_to_absent_bookmarks_become_text(joined: bytes) -> None:
    body = xml(joined, "word/document.xml")
    anchors = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', body)
    assert "a-head" in anchors and "mod-here" in anchors
    assert "mod-elsewhere" not in anchors
    assert "a module elsewhere" in re.sub(r"<[^>]+>", "", body)


def test_parts_do_not_depend_on_their_batch(tmp_path: Path) -> None:
    alone = parts_of(tmp_path / "one", [piece(B, "b-")])
    among = parts_of(tmp_path / "two", [piece(A, "a-"), piece(C, "c-"), piece(B, "b-")])
    assert book(tmp_path, [alone["b-"]]) == book(tmp_path, [among["b-"]])


def test_a_part_round_trips_through_its_cache_entry(tmp_path: Path) -> None:
    part = parts_of(tmp_path, [piece(A, "a-")])["a-"]
    assert DocxPart.from_bytes(part.to_bytes()) == part
    assert json.loads(part.to_bytes())["body"].startswith("<w:bookmarkStart")


def test_a_batch_without_its_markers_is_refused(tmp_path: Path) -> None:
    frame = frame_docx({"title": meta_inlines("x")}, 0, Cache(tmp_path))
    with pytest.raises(DocxSplitError, match="no marker"):
        split_batch(frame, ["0" * 64])


def test_unlink_dead_keeps_text_and_drops_the_link_style() -> None:
    body = (
        '<w:bookmarkStart w:id="1" w:name="here" /><w:bookmarkEnd w:id="1" />'
        '<w:hyperlink w:anchor="here"><w:r><w:rPr><w:rStyle w:val="Hyperlink" '
        "/></w:rPr><w:t>in</w:t></w:r></w:hyperlink>"
        '<w:hyperlink w:anchor="gone"><w:r><w:rPr><w:rStyle w:val="Hyperlink" '
        "/></w:rPr><w:t>out</w:t></w:r></w:hyperlink>"
    )
    out = unlink_dead(body)
    assert '<w:hyperlink w:anchor="here">' in out and "gone" not in out
    assert out.endswith("<w:r><w:t>out</w:t></w:r>")
