"""Checks of every link and image in author text: module, standard, anchor and file references.

Each broken reference is reported at ``path:line:col`` in the author's file, all at once, before
anything is built. Relative paths are relative to the file that holds them and must stay inside
the curriculum tree; images must be PNG, JPEG or SVG and carry alt text.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from builder.body import Ref, iter_refs
from builder.diagnostics import did_you_mean
from builder.safety import url_scheme
from builder.validate.sink import Sink

if TYPE_CHECKING:  # the quick path of a check runs without the loader (and pydantic)
    from builder.load.loader import Loaded


class Refs(Protocol):
    """What the checks of links and images read of the curriculum (``Known`` has it all)."""

    @property
    def module_set(self) -> frozenset[str]: ...
    @property
    def standards(self) -> list[str] | None: ...
    @property
    def anchors(self) -> Mapping[str, frozenset[str]]: ...
    @property
    def root(self) -> Path: ...


#: Image files every output can show.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


@dataclass(frozen=True)
class Where:
    """The file a text comes from: its path from the root, the line its text starts on, and
    the anchors of its own headings (for ``#anchor`` links)."""

    rel: str
    first_line: int
    anchors: frozenset[str] = frozenset()
    col: int = 0


def check_refs(sink: Sink, text: str, where: Where, known: Refs) -> None:
    """Check every link and image of ``text`` (Markdown from the file ``where.rel``)."""
    check_files(sink, ref_problems(sink, text, where, known), known.root)


@dataclass(frozen=True)
class FileRef:
    """A link or image to a file, which must be looked for on disk at every check."""

    ref: Ref
    where: Where
    found: str
    """The target as a path from the root."""


def ref_problems(sink: Sink, text: str, where: Where, known: Refs) -> tuple[FileRef, ...]:
    """Report what is wrong with the links and images of ``text`` that the text and ``known``
    tell; return the references to files, which :func:`check_files` looks for on disk (so this
    part can be replayed from the check cache and that part never is)."""
    pending: list[FileRef] = []
    for ref in iter_refs(text):
        problem = _problem(ref, where, known)
        if isinstance(problem, str):
            pending.append(FileRef(ref, where, problem))
        elif problem is not None:
            _report(sink, ref, where, *problem)
        if ref.image and not ref.label.strip():
            sink.line(
                where.rel,
                where.first_line + (ref.line - 1 if not where.col else 0),
                where.col or ref.col,
                "image.alt",
                f"image '{ref.target}' has no alt text; describe it for readers who cannot see it",
            )
    return tuple(pending)


def check_files(sink: Sink, pending: Iterable[FileRef], root: Path | None) -> None:
    """Look for the files that links and images name (see :func:`ref_problems`)."""
    if root is None:
        return
    for p in pending:
        problem = _disk_problem(p.ref, p.found, root)
        if problem is not None:
            _report(sink, p.ref, p.where, *problem)


def _report(sink: Sink, ref: Ref, where: Where, code: str, message: str) -> None:
    line = where.first_line + (ref.line - 1 if not where.col else 0)
    col = where.col or (ref.col if code == "body.attributes" else ref.target_col)
    sink.line(where.rel, line, col, code, message)


def _problem(ref: Ref, where: Where, known: Refs) -> tuple[str, str] | str | None:
    """Return the problem of a reference, None, or the path of the file it names (to look for
    on disk)."""
    if ref.attrs:
        what = "an image" if ref.image else "a link"
        return (
            "body.attributes",
            f"attributes '{ref.attrs[:40]}' after {what} are not understood by every output; "
            "remove them",
        )
    scheme = url_scheme(ref.target)
    if scheme in ("module", "standard"):
        return _scheme_problem(scheme, ref.target.split(":", 1)[1], known)
    if scheme is not None or ref.target.startswith("//") or not ref.target:
        return None
    if ref.target.startswith("#"):
        anchor = ref.target[1:]
        if anchor in where.anchors:
            return None
        return (
            "link.anchor",
            f"link to '#{anchor}', which is no heading of this file"
            f"{did_you_mean(anchor, where.anchors)}",
        )
    return _file_problem(ref, where)


def _scheme_problem(scheme: str, target: str, known: Refs) -> tuple[str, str] | None:
    ident, _, anchor = target.partition("#")
    pool: Iterable[str] | None = known.module_set if scheme == "module" else known.standards
    if pool is not None and ident not in pool:
        return (
            "link.unknown",
            f"link to {scheme} '{ident}', which is not defined{did_you_mean(ident, pool)}",
        )
    if scheme == "module" and anchor and ident in known.anchors:
        anchors = known.anchors[ident]
        if anchor not in anchors:
            return (
                "link.anchor",
                f"link to '#{anchor}', which is no heading of module '{ident}'"
                f"{did_you_mean(anchor, anchors)}",
            )
    if scheme == "standard" and anchor:
        return ("link.anchor", f"a standard link has no '#' part: 'standard:{ident}'")
    return None


def resolve_path(rel: str, target: str) -> str | None:
    """Return ``target`` (relative to the file ``rel``) as a path from the root, or None when
    it leaves the curriculum tree."""
    path = target.split("#", 1)[0].split("?", 1)[0]
    if path.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    if joined == ".." or joined.startswith("../"):
        return None
    return joined


def _file_problem(ref: Ref, where: Where) -> tuple[str, str] | str:
    what, kind = ("image", "image") if ref.image else ("linked file", "link")
    found = resolve_path(where.rel, ref.target)
    if found is None:
        return (
            f"{kind}.outside",
            f"{what} '{ref.target}' is outside the curriculum folder; "
            "keep it in the curriculum, next to the modules",
        )
    if ref.image and not found.lower().endswith(IMAGE_SUFFIXES):
        return ("image.format", f"image '{ref.target}' is not a PNG, JPEG or SVG file")
    return found


def _disk_problem(ref: Ref, found: str, root: Path) -> tuple[str, str] | None:
    what, kind = ("image", "image") if ref.image else ("linked file", "link")
    path = root / found
    if not path.is_file():
        return (
            f"{kind}.missing",
            f"{what} '{ref.target}' does not exist (looked for {found})",
        )
    if not path.resolve().is_relative_to(root.resolve()):
        return (
            f"{kind}.outside",
            f"{what} '{ref.target}' is a link to a file outside the curriculum",
        )
    if ref.image and found.lower().endswith(".svg") and _UNSAFE_SVG.search(path.read_bytes()):
        return (
            "image.unsafe",
            f"SVG image '{ref.target}' holds a script, an event handler or embedded content; "
            "remove them",
        )
    return None


#: What makes an SVG file able to run code or pull in content when opened on its own.
_UNSAFE_SVG = re.compile(
    rb"<\s*script|<\s*foreignObject|\son[a-z]+\s*=|javascript:|<\s*iframe|<!ENTITY", re.I
)


def check_text_refs(sink: Sink, f: Loaded, known: Refs) -> None:
    """Check the links and images of every text value of a YAML file (quiz text is Markdown),
    reported at the value's position."""
    check_files(sink, text_ref_problems(sink, f, known), known.root)


def text_ref_problems(sink: Sink, f: Loaded, known: Refs) -> tuple[FileRef, ...]:
    """:func:`ref_problems` of every text value of a YAML file; return the file references."""
    pending: list[FileRef] = []
    from builder.validate.text import located_strings

    for line, col, text in located_strings(f, only=_has_link):
        pending.extend(ref_problems(sink, text, Where(f.rel, line, col=col), known))
    return tuple(pending)


def _has_link(text: str) -> bool:
    return "](" in text
