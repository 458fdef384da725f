"""The pack builder's content-addressed cache (build/packs/.cache) and the hashes it is keyed by."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from builder.codehash import TEMPLATES, sha256
from builder.codehash import code_hash as code_salt

__all__ = ["TEMPLATES", "Cache", "code_salt", "sha256"]


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
