"""PDF through Typst: the template, the pack's cover facts and the converted fragments.

Fonts: Libertinus Serif (embedded in Typst) for text, DejaVu Sans (Debian ``fonts-dejavu-core``)
for headings and as the fallback, Noto Naskh Arabic (Debian ``fonts-noto-core``) for Arabic script
(its shaping and ligatures survive text extraction, DejaVu's do not); system fonts are ignored so
that the same sources give the same bytes on every machine that has the same font files. A pack
whose language is written in a script that no font here covers is refused (:func:`check_script`)
rather than printed as empty boxes.
"""

from __future__ import annotations

import functools
import json
import logging
import multiprocessing
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from builder.figures import Figure, write_figures
from builder.packs.cache import TEMPLATES, Cache, sha256
from builder.packs.content.ast_render import typst_string
from builder.packs.errors import ConversionError

log = logging.getLogger(__name__)
FONT_DIRS = (
    Path(__file__).resolve().parents[2] / "assets" / "fonts",
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/noto"),
)
#: The font file each script needs besides Typst's own Libertinus (Latin), and where it comes from.
SCRIPT_FONTS: dict[str, tuple[str, str]] = {
    "Latn": ("", ""),
    "Cyrl": ("DejaVuSans.ttf", "fonts-dejavu-core"),
    "Grek": ("DejaVuSans.ttf", "fonts-dejavu-core"),
    "Arab": ("NotoNaskhArabic-Regular.ttf", "fonts-noto-core"),
}
#: Font families whose files are hashed into the PDF cache key (the others are never used).
USED_FONTS = ("DejaVu", "NotoNaskhArabic")


class FontMissingError(ConversionError):
    """No installed font can render the pack language's script."""


def check_script(lang: str) -> None:
    """Raise :class:`FontMissingError` when no font here renders the script of ``lang``."""
    from builder.i18n.locale import language_name, script

    code = script(lang)
    need, package = SCRIPT_FONTS.get(code, ("?", ""))
    if need == "" or any((Path(d) / need).is_file() for d in font_dirs()):
        return
    hint = (
        f"install the Debian package {package} (./dev setup does, as root)"
        if package
        else "the builder has no font for this script yet"
    )
    raise FontMissingError(
        f"no installed font can render {language_name(lang, 'en')} ({lang}, {code} script); "
        f"the PDF would show empty boxes, so it was not built: {hint}"
    )


@functools.cache
def font_dirs() -> tuple[str, ...]:
    """Return the font folders that exist."""
    return tuple(str(d) for d in FONT_DIRS if d.is_dir())


@functools.cache
def font_files() -> tuple[tuple[str, str], ...]:
    """Return ``(file name, sha256)`` of every font Typst may use besides its own."""
    out = []
    for d in font_dirs():
        for f in sorted(Path(d).glob("*.[ot]tf")):
            if f.name.startswith(USED_FONTS) or "assets" in f.parts:
                out.append((f.name, sha256(f.read_bytes())))
    return tuple(out)


@functools.cache
def typst_version() -> str:
    """Return the version of the typst Python package."""
    import typst

    return str(getattr(typst, "__version__", "unknown"))


def typst_str(text: str) -> str:
    """Return ``text`` as a Typst string literal (shown as plain text, never as markup)."""
    return typst_string(text)


def document(head: dict[str, object], fragments: Sequence[str]) -> str:
    """Return the whole Typst source: template, the pack-doc call with ``head``, then the body."""
    args = ",\n  ".join(f"{k}: {_typst_value(v)}" for k, v in head.items())
    template = (TEMPLATES / "pack.typ").read_text(encoding="utf-8")
    return f"{template}\n#show: pack-doc.with(\n  {args},\n)\n\n" + "\n\n".join(fragments)


def _typst_value(v: object) -> str:
    if v is None:
        return "none"
    if isinstance(v, str):
        return typst_str(v)
    if isinstance(v, (list, tuple)):
        inner = ", ".join(_typst_value(x) for x in v)
        return f"({inner},)" if v else "()"
    raise TypeError(f"cannot pass {type(v).__name__} to Typst")


def compile_pdf(source: str, epoch: int, cache: Cache, figures: Sequence[Figure] = ()) -> bytes:
    """Compile Typst source to PDF (cached by source, fonts, Typst version and date; figure
    names hold their hash, so the source names their bytes too)."""
    key = sha256("pdf-2", typst_version(), json.dumps(font_files()), str(epoch), source)
    cached = cache.get(key, "pdf")
    if cached is not None:
        return cached
    with tempfile.TemporaryDirectory() as tmp:
        write_figures(Path(tmp), figures)
        pdf, warnings = _compile(source, epoch, tmp)
    for w in warnings:
        log.warning("Typst: %s", w)
    cache.put(key, "pdf", pdf)
    return pdf


def _compile(source: str, epoch: int, root: str) -> tuple[bytes, list[str]]:
    if len(source) < SEPARATE_PROCESS:
        return typeset(source, epoch, root)
    # Typst keeps its layout caches for later compilations in the same process: after a
    # large document, the next one is slower and the memory stays taken. A fresh process
    # gives both back; one at a time, as Typst needs about 400 bytes per byte of source.
    ctx = multiprocessing.get_context("spawn")
    with _one_large_at_a_time, ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        return pool.submit(typeset, source, epoch, root).result()


SEPARATE_PROCESS = 2_000_000
"""Typst sources at least this long (characters) are compiled in a process of their own, one at
a time."""
_one_large_at_a_time = threading.Lock()


def typeset(source: str, epoch: int, root: str | None = None) -> tuple[bytes, list[str]]:
    """Return the PDF of a Typst source and Typst's warnings (files such as figures are read
    from ``root``)."""
    import typst

    try:
        fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=True, font_paths=list(font_dirs())
        )
        # (typst's stubs want ``root`` of the same type as the source; a folder name is fine)
        pdf, warnings = typst.compile_with_warnings(  # type: ignore[call-overload]
            source.encode("utf-8"),
            font_paths=fonts,
            ignore_system_fonts=True,
            timestamp=epoch,
            format="pdf",
            root=root,
        )
    except Exception as exc:  # typst raises TypstError with the diagnostic
        raise ConversionError(f"Typst could not compile the document: {exc}") from exc
    if not isinstance(pdf, bytes):
        raise ConversionError("Typst returned no PDF")
    return pdf, [str(w.message) for w in warnings]
