"""Find author files under a curriculum root and read them as text, safely."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from builder.diagnostics import Diagnostic, make


@dataclass(frozen=True)
class SourceText:
    """A file's text, with the path shown to authors (relative, POSIX)."""

    rel: str
    text: str


def rel_path(root: Path, path: Path) -> str:
    """Return ``path`` relative to ``root`` in POSIX form."""
    return path.relative_to(root).as_posix()


#: The folders whose listings the loader reads (``builder.load.loader.file_tasks``; the other
#: files it reads have fixed names).
SCANNED = ("curriculum", "modules", "quizzes", "curriculum/countries")


def discover(root: Path, folder: str, suffix: str) -> list[Path]:
    """List the files of one kind in a folder, sorted by name; hidden files are skipped."""
    base = root / folder
    if not base.is_dir():
        return []
    names = sorted(n for n in os.listdir(base) if n.endswith(suffix) and not n.startswith("."))
    return [base / n for n in names]


def is_inside(root: Path, path: Path) -> bool:
    """Return whether ``path``, with links resolved, stays inside ``root``.

    Only links need resolving: a plain file found by listing a folder inside the root is inside.
    """
    if not path.is_symlink() and not path.parent.is_symlink() and path.parent.parent == root:
        return True
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def read_text(
    root: Path, path: Path, *, binary_check: bool = True
) -> tuple[SourceText | None, list[Diagnostic]]:
    """Read a file as UTF-8 text; report links out of the root, binary, bad encoding, emptiness."""
    rel = rel_path(root, path)
    if not is_inside(root, path):
        return None, [
            make(
                rel,
                1,
                1,
                "file.outside-root",
                f"'{rel}' leads outside the curriculum root; it is not read",
            )
        ]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [make(rel, 1, 1, "file.missing", f"cannot read the file: {exc.strerror}")]
    if binary_check and b"\x00" in data:
        return None, [make(rel, 1, 1, "file.binary", "the file holds binary data, not text")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            make(
                rel,
                line,
                col,
                "file.encoding",
                (
                    f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded); "
                    "save it as UTF-8"
                ),
            )
        ]
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None, [make(rel, 1, 1, "file.empty", "the file is empty")]
    return SourceText(rel, text), []


@dataclass(frozen=True)
class FrontMatter:
    """A Markdown file split into its YAML front matter and body."""

    yaml_text: str
    yaml_line: int
    body: str
    body_line: int


def split_front_matter(src: SourceText) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Split ``---``-fenced front matter from the body."""
    lines = src.text.split("\n")
    if lines[0].rstrip() != "---":
        return None, [
            make(
                src.rel,
                1,
                1,
                "frontmatter.missing",
                "the file must start with front matter: a line '---', YAML keys, then '---'",
            )
        ]
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1 :])
            return FrontMatter(yaml_text, 2, body, i + 2), []
    return None, [
        make(
            src.rel,
            1,
            1,
            "frontmatter.unclosed",
            "the front matter opened on line 1 is never closed with '---'",
        )
    ]


#: A file's stat is trusted to stand for its bytes only once it is this old (nanoseconds): a
#: file written in the same clock tick as it was read could change without its stat changing.
SETTLED = 2_000_000_000


def settled(sig: tuple[int, ...] | None) -> TypeGuard[tuple[int, ...]]:
    """Return whether a file's stat (:func:`signature`) may stand for its bytes (``SETTLED``)."""
    return sig is not None and time.time_ns() - max(sig[2], sig[3]) > SETTLED


def signature(path: Path | str) -> tuple[int, ...] | None:
    """Return what of a file's stat tells whether it changed (None: no such file)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def source_bytes(root: Path, path: Path) -> bytes | None:
    """Return an author file's bytes (None: missing, a link, or outside the root)."""
    try:
        if path.is_symlink() or not path.is_file() or not is_inside(root, path):
            return None
        return path.read_bytes()
    except OSError:
        return None
