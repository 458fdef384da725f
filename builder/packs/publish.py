"""Write a pack so that readers only ever see a complete pack: the old one or the new one.

The pack is written to ``<out>/.tmp-<CC>-*/<CC>/`` with its zip beside it, then the folder is
swapped with the published one (an atomic exchange where Linux offers ``renameat2``, otherwise
two renames) and the zip is renamed over the old zip. Temporary folders left by an interrupted
build are removed the next time that country is built.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from builder.atomic import swap_in
from builder.packs.paths import PackWriter, check_code, check_version
from builder.packs.zipout import zip_bytes

COMPRESSED = (".docx", ".epub", ".zip")


def clear_stale(out: Path, code: str) -> None:
    """Remove the temporary folders that an interrupted build of ``code`` left behind."""
    check_code(code)
    if out.is_dir():
        for p in out.glob(f".tmp-{code}-*"):
            shutil.rmtree(p, ignore_errors=True)


def published(out: Path, code: str, version: str, inputs: str) -> dict[str, int] | None:
    """Return the files and sizes of the published pack if it was built from ``inputs`` and is
    intact (every file as its manifest says, and the zip present); else None."""
    folder, manifest = out / code, out / code / "manifest.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if data.get("build_inputs") != inputs or not _zip_matches(
            out / f"{code}-{version}.zip", f"{code}/manifest.json", manifest.read_bytes()
        ):
            return None
        listed = data["files"]
        present = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} - {
            "manifest.json"
        }
        if present != set(listed):
            return None
        for rel, meta in listed.items():
            if hashlib.sha256((folder / rel).read_bytes()).hexdigest() != meta["sha256"]:
                return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return {
        **{rel: int(meta["bytes"]) for rel, meta in listed.items()},
        "manifest.json": manifest.stat().st_size,
    }


def _zip_matches(zip_path: Path, member: str, manifest: bytes) -> bool:
    """Return whether the zip holds the same manifest as the folder (a build killed between
    swapping the folder and replacing the zip leaves them apart)."""
    try:
        with zipfile.ZipFile(zip_path) as z:
            return z.read(member) == manifest
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def publish(out: Path, code: str, version: str, files: Mapping[str, bytes], epoch: int) -> int:
    """Write ``files`` as ``out/CODE/`` and ``out/CODE-VERSION.zip``; return the zip's size."""
    check_code(code)
    check_version(version)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{code}-", dir=out))
    try:
        writer = PackWriter(tmp / code)
        for rel in sorted(files):
            writer.write(rel, files[rel])
        stored = frozenset(f"{code}/{rel}" for rel in files if rel.endswith(COMPRESSED))
        data = zip_bytes(((f"{code}/{rel}", files[rel]) for rel in sorted(files)), epoch, stored)
        staged_zip = tmp / f"{code}-{version}.zip"
        staged_zip.write_bytes(data)
        swap_in(tmp / code, out / code, tmp / "previous")
        os.replace(staged_zip, out / f"{code}-{version}.zip")
        return len(data)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
