"""The quick path of a warm ``curriculum check``: replay the last check, re-checking only module
bodies that changed.

A check made through the cache leaves a snapshot (``snapshot`` in the cache's folder; a cache
kept in memory, the preview's, keeps it there and brings it forward after each quick check):
each file read with its stat and parse key, what each module's own checks found in its front
matter and in its body, every reference to a file, every other diagnostic, and what body checks
read of the curriculum (:class:`BodyKnown`). The next check first tries :func:`quick_check`.
When no file was added or removed and every changed file is a module source whose edit leaves
its front matter (every line of it) and its heading anchors as they were, and whose reading
reports nothing (an edit of the body's text), nothing any other check reads has changed: the
quick path re-runs those bodies' checks, without loading any model, looks for every referenced
file on disk, and gives the diagnostics a full check gives. In any other case it returns None
and the full check runs (tests compare both on random edits).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from builder.diagnostics import Diagnostic, Verdict
from builder.load.cache import CheckCache, _SafeUnpickler, _write_atomic, decode, encode

if TYPE_CHECKING:
    from builder.load.incremental import CachedLoad
    from builder.validate.links import FileRef
    from builder.validate.per_file import Record

SNAPSHOT = "snapshot"


@dataclass(frozen=True)
class ModuleEntry:
    """A module source as the last check saw it (loaded without a diagnostic)."""

    front: str
    """Digest of the lines before its body (the front matter: its model, and the positions of
    what its checks report there)."""
    body_line: int
    anchors: frozenset[str]
    front_checked: tuple[Diagnostic, ...]
    """What its own checks reported of its front matter."""
    body_checked: tuple[Diagnostic, ...]
    """What its own checks reported of its body."""
    pending: tuple[FileRef, ...]
    """Its references to files."""


@dataclass(frozen=True)
class BodyKnown:
    """What the checks of a module's body read of the curriculum (no model: the quick path
    neither loads a front matter nor imports the loader)."""

    module_set: frozenset[str]
    standards: list[str] | None
    anchors: Mapping[str, frozenset[str]]
    root: Path
    settings: dict[str, str]
    """``programme.yml``'s settings of warning checks."""


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
    known: BodyKnown
    folders: tuple[tuple[int, ...] | None, ...] = ()
    """The stats of the folders listed (:func:`folder_stats`) before the files were."""


@dataclass(frozen=True)
class Changed:
    """A module source whose body changed since the snapshot."""

    rel: str
    body: str
    body_line: int
    text: str


@dataclass(frozen=True)
class QuickResult(Verdict):
    """The part of a :class:`~builder.validate.orchestrator.CheckResult` ``check`` prints, and
    the module sources that changed (for a caller that keeps the last full result)."""

    diagnostics: tuple[Diagnostic, ...]
    texts: dict[str, str]
    course: None = None
    changed: tuple[Changed, ...] = ()


def write_snapshot(cache: CheckCache, loaded: CachedLoad, record: Record) -> None:
    """Leave the snapshot of a check made through the cache (never raises): on disk, or in
    memory for a cache kept there."""
    from builder.body import heading_anchors
    from builder.load.files import settled, signature
    from builder.validate.known import check_settings

    if (cache.folder is None and cache.memory is None) or record.known is None:
        return
    folders = folder_stats(loaded.raw.root)
    files = []
    for path, key in loaded.files:
        sig = signature(path)
        files.append((str(path), sig if settled(sig) else None, key, os.path.lexists(path)))
    pending = dict(record.pending)
    reported = {d.path for d in loaded.raw.diagnostics}
    modules = {}
    for f in loaded.raw.modules:
        text = loaded.raw.texts.get(f.rel)
        if f.rel not in record.modules or f.rel in reported or text is None:
            continue  # a module its loading reported on takes the full check when edited
        front, body = record.modules[f.rel]
        modules[f.rel] = ModuleEntry(
            _front(text, f.body_line),
            f.body_line,
            heading_anchors(f.body),
            front,
            body,
            pending[f.rel],
        )
    others = tuple(r for rel, refs in record.pending if rel == "" for r in refs)
    k = record.known
    known = BodyKnown(k.module_set, k.standards, k.anchors, k.root, check_settings(k))
    snap = Snapshot(
        str(loaded.raw.root), tuple(files), modules, others, record.rest, known, folders
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
    from builder.load.files import settled, signature, source_bytes

    snap = read_snapshot(cache)
    if snap is None or snap.root != str(root):
        return None
    folders = folder_stats(root)
    if (folders != snap.folders or None in folders) and not _same_listing(root, snap):
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
        files.append((name, now if settled(now) else None, new_key, True))
    modules = dict(snap.modules)
    edits = []
    for rel, path in changed:
        entry = modules.get(rel)
        redone = _recheck(root, path, entry, snap.known) if entry is not None else None
        if redone is None:
            return None  # only a module source's body may change on the quick path
        modules[rel], edit = redone
        edits.append(edit)
    result = _result(root, snap, modules)
    if cache.memory is not None:  # the next quick check starts from here
        cache.snapshot = dataclasses.replace(
            snap, files=tuple(files), modules=modules, folders=folders
        )
    return dataclasses.replace(result, changed=tuple(edits))


def _same_listing(root: Path, snap: Snapshot) -> bool:
    """Return whether the loader would read the files the snapshot lists (a folder changed)."""
    from builder.load.loader import file_tasks

    return [str(p) for p, _ in file_tasks(root)] == [name for name, *_ in snap.files]


def folder_stats(root: Path) -> tuple[tuple[int, ...] | None, ...]:
    """Return the stat of each folder the loader lists (``SCANNED``), which changes when a file
    is added, removed or renamed in it: None for a folder whose stat cannot be trusted yet
    (changed in the last moments), ``()`` for one that does not exist."""
    from builder.load.files import SCANNED, settled, signature

    out: list[tuple[int, ...] | None] = []
    for folder in SCANNED:
        sig = signature(root / folder)
        out.append(() if sig is None else sig if settled(sig) else None)
    return tuple(out)


def _recheck(
    root: Path, path: Path, entry: ModuleEntry, known: BodyKnown
) -> tuple[ModuleEntry, Changed] | None:
    """Run the body checks of a module whose edit changed only its body's text, or return None
    when it changed more (its front matter, by a single byte; its headings; anything its
    reading reports). The front matter being the same text, its model and what its checks
    found are the same: it is not loaded again."""
    from builder.body import heading_anchors
    from builder.load.files import read_text, split_front_matter
    from builder.validate.body import module_body_checks
    from builder.validate.sink import Sink

    src, problems = read_text(root, path)
    if src is None or problems:
        return None
    fm, problems = split_front_matter(src)
    if (
        fm is None
        or problems
        or fm.body_line != entry.body_line
        or _front(src.text, fm.body_line) != entry.front
        or heading_anchors(fm.body) != entry.anchors
    ):
        return None
    sink = Sink()
    pending = module_body_checks(sink, src.rel, fm.body, fm.body_line, known)
    redone = dataclasses.replace(entry, body_checked=tuple(sink.items), pending=pending)
    return redone, Changed(src.rel, fm.body, fm.body_line, src.text)


def _front(text: str, body_line: int) -> str:
    """Return the digest of the lines before the body (the front matter and its fences)."""
    from builder.codehash import sha256

    return sha256("\n".join(text.split("\n")[: max(body_line - 1, 0)]))


def _result(root: Path, snap: Snapshot, modules: dict[str, ModuleEntry]) -> QuickResult:
    from builder.diagnostics import final_diagnostics
    from builder.load.files import read_text
    from builder.validate.links import check_files
    from builder.validate.sink import Sink

    items = list(snap.rest)
    for e in modules.values():
        items.extend(e.front_checked)
        items.extend(e.body_checked)
    disk = Sink()
    refs = [*snap.pending, *(r for e in modules.values() for r in e.pending)]
    check_files(disk, refs, snap.known.root)
    diags = final_diagnostics([*items, *disk.items], snap.known.settings)
    read = {name for name, _, _, _ in snap.files}
    texts = {}
    for rel in sorted({d.path for d in diags}):
        if str(root / rel) in read:
            src, _ = read_text(root, root / rel)
            if src is not None:
                texts[src.rel] = src.text
    return QuickResult(diags, texts)
