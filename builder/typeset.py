"""The shared Typst adapter for documents outside the packs (reports): source in, PDF out.

Only embedded fonts and DejaVu (Debian ``fonts-dejavu-core``) are used, never system fonts, and
the document date is fixed by ``epoch``: the same source gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from builder.errors import BuilderError

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)


class TypesetError(BuilderError):
    """Typst could not compile a document (a bug in the generated source, or a missing font)."""


def typst_string(text: str) -> str:
    """Return ``text`` as a Typst string literal: shown as text, never run as markup."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def typst_text(text: str) -> str:
    """Return ``text`` as Typst content (a string literal in a code expression)."""
    return f"#{typst_string(text)}"


def compile_pdf(source: str, epoch: int = 0) -> bytes:
    """Compile Typst ``source`` to PDF; raise :class:`TypesetError` with Typst's message."""
    import typst

    dirs = [str(d) for d in FONT_DIRS if d.is_dir()]
    try:
        fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=True, font_paths=dirs
        )
        pdf = typst.compile(
            source.encode("utf-8"), font_paths=fonts, ignore_system_fonts=True, timestamp=epoch
        )
    except Exception as exc:  # typst raises TypstError carrying its diagnostic
        raise TypesetError(f"Typst could not compile the report: {exc}") from exc
    if not isinstance(pdf, bytes):
        raise TypesetError("Typst returned no PDF")
    return pdf
