"""The quick path of a warm ``curriculum check``: replay the last check, re-checking only module
bodies that changed.

A check made through the disk cache leaves a snapshot beside it (``snapshot`` in the cache's
folder; a cache kept in memory, the preview's, keeps it in memory and brings it up to date after
each quick check): each file read with its stat and parse key, what each module's own checks
found, every reference to a file, every other diagnostic, and the ids that exist
(:class:`Known`). The next check first tries :func:`quick_check`. When no file was added or
removed and every changed file is a module source whose edit leaves its front matter (every line
of it), its parse diagnostics and its heading anchors as they were (an edit of the body's text),
nothing any other check reads has changed: the quick path parses those modules, runs their own
checks again, looks for every referenced file on disk, and gives the diagnostics a full check
gives. In any other case it returns None and the full check runs (tests compare both on random
edits).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.diagnostics import Diagnostic, Verdict
from builder.load.cache import CheckCache, _SafeUnpickler, _write_atomic, decode, digest, encode

if TYPE_CHECKING:
    from builder.load.incremental import CachedLoad
    from builder.load.loader import Loaded
    from builder.validate.known import Known
    from builder.validate.links import FileRef
    from builder.validate.per_file import Record

SNAPSHOT = "snapshot"


@dataclass(frozen=True)
class ModuleEntry:
    """A module source as the last check saw it."""

    value: str
    """Digest of its model."""
    front: str
    """Digest of the lines before its body (the front matter: positions of what it reports)."""
    body_line: int
    anchors: frozenset[str]
    parsed: tuple[Diagnostic, ...]
    """What loading it reported."""
    checked: tuple[Diagnostic, ...]
    """What its own checks reported."""
    pending: tuple[FileRef, ...]
    """Its references to files."""


@dataclass(frozen=True)
class Snapshot:
    """What a quick check needs of the last full one."""

    root: str
    files: tuple[tuple[str, tuple[int, ...] | None, str | None, bool], ...]
    """Each file read, in order: path, stat (None: not to be trusted), parse key (None: not
    cached), whether it existed."""
    modules: dict[str, ModuleEntry]
    pending: tuple[FileRef, ...]
    """The references to files of every other file."""
    rest: tuple[Diagnostic, ...]
    """Every diagnostic except those of module sources' own checks and of the disk."""
    known: Known
    folders: tuple[tuple[int, ...] | None, ...] = ()
    """The stats of the folders listed (:func:`folder_stats`) before the files were."""


@dataclass(frozen=True)
class QuickResult(Verdict):
    """The part of a :class:`~builder.validate.orchestrator.CheckResult` ``check`` prints, and
    the module sources that changed (for a caller that keeps the last full result)."""

    diagnostics: tuple[Diagnostic, ...]
    texts: dict[str, str]
    course: None = None
    changed: tuple[Loaded, ...] = ()
    """The module sources whose bodies changed since the snapshot, as loaded now."""
    changed_texts: dict[str, str] = dataclasses.field(default_factory=dict)
    """Their texts, by path."""


def write_snapshot(cache: CheckCache, loaded: CachedLoad, record: Record) -> None:
    """Leave the snapshot of a check made through the disk cache (never raises)."""
    from builder.body import heading_anchors
    from builder.load.incremental import signature

    if (cache.folder is None and cache.memory is None) or record.known is None:
        return
    folders = folder_stats(loaded.raw.root)
    files = []
    for path, key in loaded.files:
        sig = signature(path)
        files.append((str(path), sig if _settled(sig) else None, key, os.path.lexists(path)))
    checked = dict(record.modules)
    pending = dict(record.pending)
    modules = {}
    for f in loaded.raw.modules:
        if f.rel not in checked or f.value is None:
            continue
        text = loaded.raw.texts.get(f.rel)
        if text is None:
            continue
        parsed = tuple(d for d in loaded.raw.diagnostics if d.path == f.rel)
        value = loaded.keys.get(id(f.value)) or "value:" + digest(f.value)
        modules[f.rel] = ModuleEntry(
            value,
            _front(text, f.body_line),
            f.body_line,
            heading_anchors(f.body),
            parsed,
            checked[f.rel],
            pending[f.rel],
        )
    others = tuple(r for rel, refs in record.pending if rel == "" for r in refs)
    snap = Snapshot(
        str(loaded.raw.root), tuple(files), modules, others, record.rest, record.known, folders
    )
    if cache.memory is not None or cache.folder is None:
        cache.snapshot = snap
        return
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        data = pickle.dumps(snap, pickle.HIGHEST_PROTOCOL)
        _write_atomic(cache.folder / SNAPSHOT, encode(data))


def read_snapshot(cache: CheckCache) -> Snapshot | None:
    """Return the snapshot of the last check, or None (missing, corrupt or foreign)."""
    if cache.memory is not None:
        return cache.snapshot if isinstance(cache.snapshot, Snapshot) else None
    if cache.folder is None:
        return None
    try:
        payload = decode((cache.folder / SNAPSHOT).read_bytes())
        snap = _SafeUnpickler(payload, {}).load() if payload is not None else None
    except Exception:  # unreadable or foreign: no quick path
        return None
    return snap if isinstance(snap, Snapshot) else None


def quick_check(root: Path, cache: CheckCache) -> QuickResult | None:
    """Return what a full check of ``root`` would, from the snapshot, or None when an edit
    goes beyond the text of module bodies (then the full check must run)."""
    from builder.load.incremental import signature, source_bytes
    from builder.load.loader import RawCurriculum, file_tasks, load_module_file

    snap = read_snapshot(cache)
    if snap is None or snap.root != str(root):
        return None
    folders = folder_stats(root)
    listed = folders == snap.folders and None not in folders  # no folder's listing changed
    if not listed and [str(p) for p, _ in file_tasks(root)] != [n for n, *_ in snap.files]:
        return None
    changed, files = [], []
    for seen in snap.files:
        name, sig, key, present = seen
        if sig is not None and signature(name) == sig:
            files.append(seen)
            continue
        if key is None and not present and not os.path.lexists(name):
            files.append(seen)
            continue  # missing then and now (an optional file)
        path = Path(name)
        now = signature(path)
        data = source_bytes(root, path)
        rel = path.relative_to(root).as_posix()
        if data is None or key is None:
            return None
        new_key = cache.key("parse", rel, data)
        if new_key != key:
            changed.append((rel, path))
        files.append((name, now if _settled(now) else None, new_key, True))
    modules = dict(snap.modules)
    sources, texts = [], {}
    for rel, path in changed:
        entry = modules.get(rel)
        if entry is None:
            return None  # only a module source's body can change on the quick path
        part = RawCurriculum(root=root)
        load_module_file(part, path)
        redone = _recheck(part, entry, snap.known)
        if redone is None:
            return None
        modules[rel] = redone
        sources.append(part.modules[0])
        texts[rel] = part.texts[rel]
    result = _result(root, snap, modules)
    if cache.memory is not None:  # the next quick check starts from here
        cache.snapshot = dataclasses.replace(
            snap, files=tuple(files), modules=modules, folders=folder_stats(root)
        )
    return dataclasses.replace(result, changed=tuple(sources), changed_texts=texts)


def folder_stats(root: Path) -> tuple[tuple[int, ...] | None, ...]:
    """Return the stat of each folder the loader lists (``SCANNED``), which changes when a file
    is added, removed or renamed in it: None for a folder whose stat cannot be trusted yet
    (changed in the last moments), ``()`` for one that does not exist."""
    from builder.load.incremental import signature
    from builder.load.loader import SCANNED

    out: list[tuple[int, ...] | None] = []
    for folder in SCANNED:
        sig = signature(root / folder)
        out.append(() if sig is None else sig if _settled(sig) else None)
    return tuple(out)


def _settled(sig: tuple[int, ...] | None) -> bool:
    """Return whether a file's stat may stand for its bytes (see ``SETTLED``)."""
    from builder.load.incremental import SETTLED

    return sig is not None and time.time_ns() - max(sig[2], sig[3]) > SETTLED


def _recheck(part: Any, entry: ModuleEntry, known: Known) -> ModuleEntry | None:
    """Run the own checks of a module whose edit changed only its body's text, or return None
    when it changed more."""
    from builder.body import heading_anchors
    from builder.validate.per_file import module_file_checks
    from builder.validate.sink import Sink

    if len(part.modules) != 1 or part.module_translations or part.modules[0].value is None:
        return None
    f = part.modules[0]
    text = part.texts.get(f.rel)
    if (
        text is None
        or tuple(part.diagnostics) != entry.parsed
        or f.body_line != entry.body_line
        or _front(text, f.body_line) != entry.front
        or heading_anchors(f.body) != entry.anchors
        or "value:" + digest(f.value) != entry.value
    ):
        return None
    sink = Sink()
    pending = module_file_checks(sink, f, known)
    return dataclasses.replace(entry, checked=tuple(sink.items), pending=pending)


def _front(text: str, body_line: int) -> str:
    """Return the digest of the lines before the body (the front matter and its fences)."""
    from builder.codehash import sha256

    return sha256("\n".join(text.split("\n")[: max(body_line - 1, 0)]))


def _result(root: Path, snap: Snapshot, modules: dict[str, ModuleEntry]) -> QuickResult:
    from builder.load.files import read_text
    from builder.validate.links import check_files
    from builder.validate.per_file import final_diagnostics
    from builder.validate.sink import Sink

    items = list(snap.rest)
    for e in modules.values():
        items.extend(e.checked)
    disk = Sink()
    refs = [*snap.pending, *(r for e in modules.values() for r in e.pending)]
    check_files(disk, refs, snap.known.root)
    diags = final_diagnostics([*items, *disk.items], snap.known)
    read = {name for name, _, _, _ in snap.files}
    texts = {}
    for rel in sorted({d.path for d in diags}):
        if str(root / rel) in read:
            src, _ = read_text(root, root / rel)
            if src is not None:
                texts[src.rel] = src.text
    return QuickResult(diags, texts)
