"""Figures: the images that author text points at, collected once for every output.

The site, every pack format (PDF, EPUB, DOCX, HTML, the mini-site) and the LMS exports call
:func:`collect_figures` with the texts they publish and get each image once, as a
:class:`Figure`: its source path, its bytes and hash, its pixel size and the one name every
output gives it (``figures/<hash>-<width>x<height>.<ext>``, so the name says what the file holds
and how large it may be shown). :func:`figure_targets` then rewrites a text's image paths to
those names. Image paths are relative to the file that holds the text; ``check`` has already
made sure each exists inside the curriculum tree (``validate/links.py``).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import struct
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from builder.body import REF, Ref, iter_refs

MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
#: An output name of a figure; outputs recognise figures by it (and read the pixel size off it).
FIGURE_NAME = re.compile(r"^figures/([0-9a-f]{16})-(\d+)x(\d+)\.(png|jpg|svg)$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//|^#")
_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.S)
_SVG_SIZE = re.compile(rb'\b(width|height)\s*=\s*["\']\s*([\d.]+)(?:px)?\s*["\']')
_SVG_VIEWBOX = re.compile(
    rb'\bviewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)'
)


@dataclass(frozen=True)
class Figure:
    """One image file, as every output names and sizes it."""

    source: str
    data: bytes
    width: int
    height: int

    @property
    def sha256(self) -> str:
        """Return the SHA-256 of the file's bytes."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def suffix(self) -> str:
        """Return the output suffix (``png``, ``jpg`` or ``svg``)."""
        ext = posixpath.splitext(self.source)[1].lower()
        return "jpg" if ext == ".jpeg" else ext[1:]

    @property
    def name(self) -> str:
        """Return the output path: ``figures/<hash>-<width>x<height>.<ext>``."""
        return f"figures/{self.sha256[:16]}-{self.width}x{self.height}.{self.suffix}"

    @property
    def media_type(self) -> str:
        """Return the file's media type."""
        return MEDIA_TYPES["." + self.suffix]


def resolve(rel: str, target: str) -> str | None:
    """Return an image ``target`` written in the file ``rel`` as a path from the root, or None
    for a remote image, an anchor or a path that leaves the tree."""
    if _SCHEME.match(target):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    if path.startswith("/") or joined == ".." or joined.startswith("../"):
        return None
    return joined


def image_sources(rel: str, text: str) -> list[str]:
    """Return the paths (from the root) of the local images of a text, in order."""
    out = []
    for ref in iter_refs(text):
        found = resolve(rel, ref.target) if ref.image else None
        if found is not None and posixpath.splitext(found)[1].lower() in MEDIA_TYPES:
            out.append(found)
    return out


def collect_figures(root: Path, texts: Iterable[tuple[str, str]]) -> tuple[Figure, ...]:
    """Return the figures of ``texts`` (``(file path from root, Markdown)`` pairs), each once,
    sorted by source path; images that are missing or outside ``root`` are left out."""
    base = root.resolve()
    found: dict[str, Figure] = {}
    for rel, text in texts:
        for source in image_sources(rel, text):
            path = (base / source).resolve()
            if source in found or not path.is_relative_to(base) or not path.is_file():
                continue
            data = path.read_bytes()
            found[source] = Figure(source, data, *pixel_size(data, source))
    return tuple(found[k] for k in sorted(found))


def figure_targets(figures: Iterable[Figure]) -> dict[str, str]:
    """Return ``{source path: output name}`` of figures."""
    return {f.source: f.name for f in figures}


def figure_for(rel: str, target: str, names: Mapping[str, str]) -> str | None:
    """Return the output name of the image ``target`` written in ``rel`` (None: not a figure)."""
    found = resolve(rel, target)
    return names.get(found) if found is not None else None


def pixel_size(data: bytes, source: str) -> tuple[int, int]:
    """Return an image's width and height in pixels (0, 0 when the file does not say)."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        w, h = struct.unpack(">II", data[16:24])
        return int(w), int(h)
    if data[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    if source.lower().endswith(".svg"):
        return _svg_size(data)
    return 0, 0


def _jpeg_size(data: bytes) -> tuple[int, int]:
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            return 0, 0
        marker = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return int(w), int(h)
        pos += 2 + length
    return 0, 0


def _svg_size(data: bytes) -> tuple[int, int]:
    tag = _SVG_TAG.search(data[:8192])
    head = tag.group(0) if tag else b""
    sizes = {m.group(1): m.group(2) for m in _SVG_SIZE.finditer(head)}
    if b"width" in sizes and b"height" in sizes:
        return round(float(sizes[b"width"])), round(float(sizes[b"height"]))
    box = _SVG_VIEWBOX.search(head)
    if box:
        return round(float(box.group(1))), round(float(box.group(2)))
    return 0, 0


def load_figure(root: Path, source: str) -> Figure | None:
    """Return the figure at ``source`` (a path from ``root``), or None if it is not a file
    inside ``root`` of a known image type."""
    base = root.resolve()
    path = (base / source).resolve()
    if posixpath.splitext(source)[1].lower() not in MEDIA_TYPES:
        return None
    if not path.is_relative_to(base) or not path.is_file():
        return None
    data = path.read_bytes()
    return Figure(source, data, *pixel_size(data, source))


def rewrite_refs(text: str, new_target: Callable[[Ref], str | None]) -> str:
    """Return ``text`` with the target of each link or image for which ``new_target`` gives a
    value replaced by that value (code is left alone)."""
    lines = text.split("\n")
    for ref in reversed(list(iter_refs(text))):
        target = new_target(ref)
        line = lines[ref.line - 1]
        m = REF.match(line, ref.col - 1) if target is not None else None
        if m is not None and target is not None:
            lines[ref.line - 1] = line[: m.start(3)] + target + line[m.end(3) :]
    return "\n".join(lines)


def with_figures(root: Path, rel: str, text: str) -> tuple[str, tuple[Figure, ...]]:
    """Return ``text`` (Markdown of the file ``rel``) with each local image pointing at its
    figure's output name, and those figures (sorted by source path)."""
    if "![" not in text:
        return text, ()
    figures: dict[str, Figure] = {}

    def target(ref: Ref) -> str | None:
        source = resolve(rel, ref.target) if ref.image else None
        fig = load_figure(root, source) if source else None
        if fig is None:
            return None
        figures.setdefault(fig.source, fig)
        return fig.name

    out = rewrite_refs(text, target)
    return out, tuple(figures[k] for k in sorted(figures))


def write_figures(folder: Path, figures: Iterable[Figure]) -> None:
    """Write each figure under ``folder`` at its output name."""
    for fig in figures:
        path = folder / fig.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(fig.data)
