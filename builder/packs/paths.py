"""Validation of everything that becomes part of an output path, and a guarded file writer."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from builder.packs.errors import UnsafePathError

COUNTRY_CODE = re.compile(r"^[A-Z]{2}\Z")
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}\Z")
_SEGMENT = re.compile(r"^[0-9A-Za-z_][0-9A-Za-z._-]{0,127}\Z")


def check_code(code: str) -> str:
    """Return ``code`` if it is two capital letters; raise otherwise (before any path is built)."""
    if not COUNTRY_CODE.match(code):
        raise UnsafePathError(
            f"country code {code!r} must be two capital letters (ISO 3166-1 alpha-2)"
        )
    return code


def check_version(version: str) -> str:
    """Return the programme version if it is safe inside a file name; raise otherwise."""
    if not _VERSION.match(version) or ".." in version:
        raise UnsafePathError(
            f"programme version {version!r} cannot name a pack file; use letters, digits, "
            "'.', '+', '_' or '-'"
        )
    return version


def check_relpath(rel: str) -> PurePosixPath:
    """Return ``rel`` as a relative POSIX path whose every part is a plain, safe name."""
    path = PurePosixPath(rel)
    if (
        path.is_absolute()
        or not path.parts
        or any(not _SEGMENT.match(p) or p in (".", "..") for p in path.parts)
    ):
        raise UnsafePathError(f"refusing to write {rel!r}: not a plain relative file name")
    return path


class PackWriter:
    """Write files under one folder; refuse unsafe names and writing the same file twice."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.written: dict[str, int] = {}

    def write(self, rel: str, data: bytes | str) -> None:
        """Write ``data`` (text is UTF-8 with LF line ends) to ``rel`` under the root."""
        path = check_relpath(rel)
        key = str(path)
        if key in self.written:
            raise UnsafePathError(f"refusing to write {key!r} twice")
        target = (self.root / path).resolve()
        if self.root not in target.parents:
            raise UnsafePathError(f"refusing to write {key!r}: outside the pack")
        payload = data.encode("utf-8") if isinstance(data, str) else data
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)
        self.written[key] = len(payload)
