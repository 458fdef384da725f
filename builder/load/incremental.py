"""Loading through the check cache: each file's parse result, by the hash of its path and bytes.

Every author file is loaded on its own into a partial :class:`RawCurriculum` (what loading that
one file adds: its model, located tree, text, diagnostics, broken ids); partials are cached and
merged in the order a cold load reads the files, so the merged value equals a cold load's. The
merge goes over the fields of ``RawCurriculum`` generically: a field added there is cached too.
A file's located tree (large, needed only to place a diagnostic) is stored apart and read when
first used.
"""

from __future__ import annotations

import io
import pickle
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from builder.load.cache import CheckCache, digest
from builder.load.files import settled, signature, source_bytes
from builder.load.loader import Loaded, LoadFile, RawCurriculum, file_tasks


class StaleCacheError(RuntimeError):
    """A cached tree vanished after its entry was read (the caller checks again, uncached)."""


class LazyLoaded(Loaded):
    """A cached :class:`Loaded` whose tree is read from the cache on first use."""

    def __init__(self, rel: str, value: Any, body: str, body_line: int, tree: Any) -> None:
        for name, v in (("rel", rel), ("value", value), ("body", body), ("body_line", body_line)):
            object.__setattr__(self, name, v)
        object.__setattr__(self, "_thunk", tree)

    def __getattr__(self, name: str) -> Any:
        if name != "tree":
            raise AttributeError(name)
        tree = object.__getattribute__(self, "_thunk")()
        object.__setattr__(self, "tree", tree)
        return tree

    def __reduce__(self) -> Any:
        return (Loaded, (self.rel, self.value, self.tree, self.body, self.body_line))


@dataclass
class CachedLoad:
    """A raw curriculum loaded through the cache, and the key of each file's parse result."""

    raw: RawCurriculum
    keys: dict[int, str]
    """``id()`` of each cached :class:`Loaded` and of its model → a digest of its file."""
    files: list[tuple[Path, str | None]] = field(default_factory=list)
    """Each file read, in order, with the key of its parse result (None: not cached)."""


def load_cached(root: Path, cache: CheckCache) -> CachedLoad:
    """Read every file under ``root``, reusing cached parse results of unchanged files."""
    raw = RawCurriculum(root=root)
    keys: dict[int, str] = {}
    files: list[tuple[Path, str | None]] = []
    cache.extra[(__name__, "lazy")] = lambda *a: _lazy(cache, *a)
    for path, load in file_tasks(root):
        part, key, values = cached_part(root, path, load, cache)
        files.append((path, key))
        merge(raw, part)
        if key is not None:
            for f in _loaded_of(part):
                keys[id(f)] = f"{key}:file"
                if f.value is not None:
                    keys[id(f.value)] = values[f.rel]
    return CachedLoad(raw, keys, files)


def cached_part(
    root: Path, path: Path, load: LoadFile, cache: CheckCache
) -> tuple[RawCurriculum, str | None, dict[str, str]]:
    """Return what loading ``path`` adds to a raw curriculum, its key (None: not cached) and
    the digest of each model it loaded (by path; a body edit leaves a module's model's digest
    as it was, so checks that read only models are not run again)."""
    part = RawCurriculum(root=root)
    known = _unchanged(cache, path)
    if known is not None:
        hit = cache.get(known)
        if _is_part(hit):
            for name, value in hit[0].items():
                setattr(part, name, value)
            return part, known, hit[1]
    stat = signature(path)
    data = source_bytes(root, path)
    if data is None:
        load(part, path)
        return part, None, {}
    key = cache.key("parse", path.relative_to(root).as_posix(), data)
    _remember(cache, path, stat, key)
    hit = cache.get(key)
    if _is_part(hit):
        for name, value in hit[0].items():
            setattr(part, name, value)
        return part, key, hit[1]
    load(part, path)
    values = {f.rel: "value:" + digest(f.value) for f in _loaded_of(part) if f.value is not None}
    if (
        source_bytes(root, path) == data
    ):  # unchanged while it was read: the result belongs to ``data``
        _store(cache, key, part, values)
    return part, key, values


def _is_part(hit: Any) -> bool:
    return isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[0], dict)


def merge(raw: RawCurriculum, part: RawCurriculum) -> None:
    """Add what one file's loading found to ``raw`` (lists extend, sets and dicts update)."""
    for f in fields(RawCurriculum):
        if f.name == "root":
            continue
        have, new = getattr(raw, f.name), getattr(part, f.name)
        if isinstance(have, list):
            have.extend(new)
        elif isinstance(have, set | dict):
            have.update(new)
        elif new is not None:
            setattr(raw, f.name, new)


def _unchanged(cache: CheckCache, path: Path) -> str | None:
    """Return the parse key of a file the cache has seen, if its stat says it is unchanged
    (only a cache kept in memory remembers stats: one process watching its files)."""
    seen = cache.stats.get(str(path)) if cache.stats is not None else None
    if seen is None or signature(path) != seen[0]:
        return None
    return seen[1]


def _remember(cache: CheckCache, path: Path, stat: tuple[int, ...] | None, key: str) -> None:
    if cache.stats is None or stat is None:
        return
    if settled(stat):
        cache.stats[str(path)] = (stat, key)


def _loaded_of(part: RawCurriculum) -> list[Loaded]:
    return part.all_loaded()


def _store(cache: CheckCache, key: str, part: RawCurriculum, values: dict[str, str]) -> None:
    trees = {f"{key}:tree:{f.rel}": f.tree for f in _loaded_of(part)}
    for tree_key, tree in trees.items():
        cache.put(tree_key, (tree,))
    state = {f.name: getattr(part, f.name) for f in fields(RawCurriculum) if f.name != "root"}
    cache.put(key, (state, values), pickler=lambda v: _dumps(v, key))


def _dumps(value: Any, key: str) -> bytes:
    """Pickle a partial with each :class:`Loaded` reduced to a lazy one (its tree apart)."""

    class _Pickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            if isinstance(obj, Loaded):
                args = (obj.rel, obj.value, obj.body, obj.body_line, f"{key}:tree:{obj.rel}")
                return (_lazy_marker, args)
            return NotImplemented

    buf = io.BytesIO()
    _Pickler(buf, pickle.HIGHEST_PROTOCOL).dump(value)
    return buf.getvalue()


def _lazy_marker(*args: Any) -> Any:
    """Stand-in named in pickles; the cache's unpickler maps it to :func:`_lazy`."""
    raise StaleCacheError("a cache entry was read without its cache")


_lazy_marker.__qualname__ = _lazy_marker.__name__ = "lazy"
lazy = _lazy_marker


def _lazy(cache: CheckCache, rel: str, value: Any, body: str, body_line: int, tree_key: str) -> Any:
    def tree() -> Any:
        found = cache.get(tree_key)
        if not isinstance(found, tuple):
            raise StaleCacheError(f"the cached tree of {rel} is missing")
        return found[0]

    return LazyLoaded(rel, value, body, body_line, tree)
