"""The one hash of the builder's code, and the length-prefixed SHA-256 every cache key is made of.

Caches (the packs' content cache, the check cache) include :func:`code_hash` in their keys, so a
change of code never serves a stale result.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates" / "packs"


def sha256(*parts: str | bytes) -> str:
    """Return the hex SHA-256 of the parts, each length-prefixed so that joins cannot collide."""
    chunks: list[bytes] = []
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        chunks += (len(b).to_bytes(8, "big"), b)
    return hashlib.sha256(b"".join(chunks)).hexdigest()


@functools.cache
def code_hash() -> str:
    """Return the one hash of the code behind checks and packs: every module of the builder
    outside the site adapter, and the pack templates and assets."""
    files = [
        *(p for p in PACKAGE.rglob("*.py") if "site" not in p.relative_to(PACKAGE).parts[:1]),
        *TEMPLATES.glob("*"),
        *(PACKAGE / "assets" / "packs").glob("*"),
    ]
    named = sorted((f.relative_to(PACKAGE).as_posix(), f) for f in files if f.is_file())
    return sha256("code-2", *(part for name, f in named for part in (name, f.read_bytes())))
