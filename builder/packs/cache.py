"""The pack builder's content-addressed cache (build/packs/.cache) and the hashes it is keyed by."""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "packs"


def sha256(*parts: str | bytes) -> str:
    """Return the hex SHA-256 of the parts, each length-prefixed so that joins cannot collide."""
    h = hashlib.sha256()
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "big"))
        h.update(b)
    return h.hexdigest()


class Cache:
    """A folder of files named by content hash; writes are atomic."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    def path(self, key: str, ext: str) -> Path:
        """Return where the entry ``key.ext`` lives."""
        return self.root / key[:2] / f"{key}.{ext}"

    def get(self, key: str, ext: str) -> bytes | None:
        """Return the cached bytes, or None."""
        try:
            data = self.path(key, ext).read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, key: str, ext: str, data: bytes) -> None:
        """Store ``data`` (write to a temporary name, then rename)."""
        target = self.path(key, ext)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)

    def adopt(self, key: str, ext: str, produced: Path) -> None:
        """Move a file produced elsewhere on the same disk into the cache."""
        target = self.path(key, ext)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(produced, target)


@functools.cache
def code_salt() -> str:
    """Return the one hash of the code behind the packs: every module of the builder outside the
    site adapter, and the pack templates and assets. Cache keys and the manifest's
    ``build_inputs`` include it, so a change of code never serves a stale output."""
    package = Path(__file__).resolve().parent.parent
    files = [
        *(p for p in package.rglob("*.py") if "site" not in p.relative_to(package).parts[:1]),
        *TEMPLATES.glob("*"),
        *(package / "assets" / "packs").glob("*"),
    ]
    named = sorted((f.relative_to(package).as_posix(), f) for f in files if f.is_file())
    return sha256("code-2", *(part for name, f in named for part in (name, f.read_bytes())))
