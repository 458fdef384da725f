"""The handbook as one self-contained HTML file and as an EPUB 3 (one chapter per module).

Both are made from the same cached HTML fragments. The EPUB is assembled here rather than by
pandoc so that chapters are reused between packs and every byte is fixed: ``mimetype`` first and
stored, fixed zip dates, a name-based UUID and the pack's source date as ``dcterms:modified``.
"""

from __future__ import annotations

import base64
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

from markupsafe import Markup

from builder.figures import Figure
from builder.packs.cache import TEMPLATES
from builder.packs.compose.book import Book
from builder.packs.content.links import unlink_html
from builder.packs.convert.convert import Converter
from builder.packs.errors import ConversionError
from builder.packs.templating import render
from builder.packs.zipout import zip_bytes

_HREF = re.compile(r'href="#([A-Za-z0-9_-]+)"')
_LANG = re.compile(r' lang="([a-z]{2,3})"')


def xml_lang(xhtml: str) -> str:
    """Return XHTML with ``xml:lang`` beside every ``lang`` (EPUB readers look at either)."""
    return _LANG.sub(r' lang="\1" xml:lang="\1"', xhtml)


def css() -> str:
    """Return the shared stylesheet."""
    return (TEMPLATES / "pack.css").read_text(encoding="utf-8")


FIGURE_IN_HTML = re.compile(r"figures/[0-9a-f]{16}-\d+x\d+\.(?:png|jpg|svg)")
_FIGURE_SRC = re.compile(r'src="(figures/[0-9a-f]{16}-\d+x\d+\.(?:png|jpg|svg))"')


def inline_figures(html: str, figures: Sequence[Figure]) -> str:
    """Return ``html`` with each figure's ``src`` replaced by the figure's bytes (a data URL)."""
    by_name = {f.name: f for f in figures}

    def sub(m: re.Match[str]) -> str:
        fig = by_name.get(m.group(1))
        if fig is None:
            return m.group(0)
        return f'src="data:{fig.media_type};base64,{base64.b64encode(fig.data).decode("ascii")}"'

    return _FIGURE_SRC.sub(sub, html)


def single_html(book: Book, conv: Converter, figures: Sequence[Figure] = ()) -> str:
    """Return the whole book as one HTML file with inline CSS, figures inlined as data URLs,
    and no external resource."""
    fragments = [
        Markup(inline_figures(unlink_html(p.text(conv, "html"), book.modules), figures))
        for p in book.parts
    ]  # sanitised by pandoc-batch.lua
    return render(
        "handbook.html.j2",
        lang=book.lang,
        dir=book.dir,
        kind=book.kind,
        title=book.title,
        programme=book.programme,
        facts=book.facts,
        contents=book.contents,
        toc=book.toc,
        fragments=fragments,
        css=Markup(css()),  # our own file
    )


def _chapters(book: Book) -> list[tuple[str, list[int]]]:
    """Return the EPUB files in order, each with the indexes of its parts."""
    order: list[tuple[str, list[int]]] = []
    for i, p in enumerate(book.parts):
        if order and order[-1][0] == p.file:
            order[-1][1].append(i)
        else:
            order.append((p.file, [i]))
    return order


def _relink(html: str, here: str, where: Mapping[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        target = where.get(m.group(1), here)
        return f'href="#{m.group(1)}"' if target == here else f'href="{target}.xhtml#{m.group(1)}"'

    return _HREF.sub(sub, html)


def epub(
    book: Book,
    conv: Converter,
    identifier_seed: str,
    date: str,
    epoch: int,
    figures: Sequence[Figure] = (),
) -> bytes:
    """Return the book as an EPUB 3 file (figures under ``EPUB/figures/``)."""
    common = {"lang": book.lang, "dir": book.dir}
    cover = render(
        "epub-cover.xhtml.j2",
        kind=book.kind,
        title=book.title,
        programme=book.programme,
        facts=book.facts,
        **common,
    )
    files = [("EPUB/text/cover.xhtml", _checked(cover, "cover"))]
    items = [{"id": "cover", "href": "text/cover.xhtml"}]
    toc = _epub_chapters(book, conv, common, files, items)
    used = {f for _, data in files for f in FIGURE_IN_HTML.findall(data.decode("utf-8"))}
    shown = [f for f in figures if f.name in used]
    files += [(f"EPUB/{f.name}", f.data) for f in shown]
    media = [{"id": "f-" + f.sha256[:16], "href": f.name, "type": f.media_type} for f in shown]
    ident = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'safe-curriculum:' + identifier_seed)}"
    opf = render(
        "epub-package.opf.j2",
        identifier=ident,
        kind=book.kind,
        title=book.title,
        publisher=book.publisher,
        date=date,
        modified=f"{date}T00:00:00Z",
        items=items,
        media=media,
        **common,
    )
    head = [
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", (TEMPLATES / "container.xml").read_bytes()),
        ("EPUB/package.opf", _checked(opf, "package.opf")),
        ("EPUB/nav.xhtml", _checked(_epub_nav(book, toc, common), "nav")),
        ("EPUB/style.css", css().encode("utf-8")),
    ]
    return zip_bytes(head + files, epoch, stored=frozenset({"mimetype"}))


def _epub_chapters(
    book: Book,
    conv: Converter,
    common: Mapping[str, str],
    files: list[tuple[str, bytes]],
    items: list[dict[str, str]],
) -> list[tuple[str, str]]:
    """Add each chapter's XHTML to ``files`` and ``items``; return the table of contents."""
    where = {a: p.file for p in book.parts for a in p.anchors}
    toc: list[tuple[str, str]] = []
    for name, idx in _chapters(book):
        body = xml_lang(
            "\n".join(
                _relink(unlink_html(book.parts[i].text(conv, "html"), book.modules), name, where)
                for i in idx
            ).replace('src="figures/', 'src="../figures/')
        )
        title = next((t for i in idx for _, t in book.parts[i].toc), book.title)
        page = render(
            "epub-chapter.xhtml.j2", title=title, body=Markup(body), epub_type="chapter", **common
        )  # sanitised by pandoc-batch.lua
        files.append((f"EPUB/text/{name}.xhtml", _checked(page, name)))
        items.append({"id": f"c-{name}", "href": f"text/{name}.xhtml"})
        toc += [(f"text/{name}.xhtml#{anchor}", t) for i in idx for anchor, t in book.parts[i].toc]
    return toc


def _epub_nav(book: Book, toc: Sequence[tuple[str, str]], common: Mapping[str, str]) -> str:
    """Return the EPUB navigation document."""
    first = toc[0] if toc else ("text/cover.xhtml", book.title)
    return render(
        "epub-nav.xhtml.j2",
        contents=book.contents,
        toc=toc,
        kind=book.kind,
        first=first[0],
        first_title=first[1],
        **common,
    )


def _checked(xml: str, name: str) -> bytes:
    """Return ``xml`` as bytes after making sure it is well-formed."""
    data = xml.encode("utf-8")
    try:
        ET.fromstring(data)
    except ET.ParseError as exc:
        raise ConversionError(f"EPUB part {name} is not well-formed XML: {exc}") from exc
    return data
