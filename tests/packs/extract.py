"""Read the text back out of every trainee format, and normalise it for searching."""

from __future__ import annotations

import html
import io
import re
import subprocess
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path

_NON_WORD = re.compile(r"[^\w]+")


def norm(text: str) -> str:
    """Return lower-case words separated by single spaces (punctuation, quotes, markup gone)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " " + _NON_WORD.sub(" ", text).strip() + " "


def mirrored_rows(text: str) -> str:
    """Return the Markdown table rows of ``text`` with their cells in reverse order."""
    rows = [line.strip().strip("|").split("|") for line in text.splitlines() if "|" in line]
    return "\n".join(" ".join(reversed(cells)) for cells in rows)


def strip_markdown(text: str) -> str:
    """Return author Markdown as the words a reader sees (links keep their text)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`#>|]", " ", text)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(markup: str) -> str:
    """Return the text of an HTML or XHTML document (script contents included)."""
    p = _Text()
    p.feed(markup)
    return " ".join(p.parts)


def pdf_text(path: Path) -> str:
    """Return the text of every page of a PDF, read twice: by pypdf, and by poppler's pdftotext
    (pypdf reverses the words of right-to-left lines; pdftotext keeps Arabic in logical order).
    Bidi controls and other format characters are dropped."""
    from pypdf import PdfReader

    pages = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    poppler = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    text = pages + "\n" + poppler
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def epub_text(path: Path) -> str:
    """Return the text of every XHTML file of an EPUB."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(
            html_text(z.read(n).decode("utf-8"))
            for n in sorted(z.namelist())
            if n.endswith(".xhtml")
        )


def docx_text(path: Path) -> str:
    """Return the text of the paragraphs and table cells of a DOCX (python-docx)."""
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def docx_raw(path: Path) -> str:
    """Return the text runs of every XML part of a DOCX (catches what python-docx skips)."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(
            html.unescape(re.sub(r"<[^>]+>", " ", z.read(n).decode("utf-8")))
            for n in z.namelist()
            if n.endswith(".xml")
        )


def site_text(folder: Path) -> str:
    """Return the text of every page of the mini-site, embedded quiz data included."""
    return "\n".join(
        html_text(p.read_text(encoding="utf-8")) for p in sorted(folder.rglob("*.html"))
    )


def trainee_texts(pack: Path) -> dict[str, str]:
    """Return the normalised text of every trainee file of a pack, by format."""
    t = pack / "trainee"
    return {
        "pdf": norm(pdf_text(t / "handbook.pdf")),
        "epub": norm(epub_text(t / "handbook.epub")),
        "docx": norm(docx_text(t / "handbook.docx") + "\n" + docx_raw(t / "handbook.docx")),
        "html": norm(html_text((t / "handbook.html").read_text(encoding="utf-8"))),
        "site": norm(site_text(t / "site")),
    }


def zip_names(data: bytes) -> list[str]:
    """Return the entry names of a zip held in memory."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.namelist()
