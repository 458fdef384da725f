"""The check cache (``build/.cache/check``): results stored by the hash of everything they are a
function of, so a warm ``curriculum check`` re-parses and re-checks only what an edit changed.

Entries are named by key: the SHA-256 of the code (:func:`builder.codehash.code_hash`) and of
the inputs (a file's path and bytes for a parse result; a check's name and arguments for a
check's result). A key never changes meaning, so entries are never updated in place: each is
written to a temporary name and renamed, which makes concurrent runs safe (the last rename wins
and both wrote the same bytes). Every entry carries a magic word and the SHA-256 of its payload,
and is read back with an unpickler that only builds the builder's own models and plain values:
a corrupt, truncated or foreign file is ignored (and rewritten), never trusted.

The cache may also keep what it read in memory (``memory=True``), for a long-running preview
that checks again on every save: then warm lookups cost a dictionary access.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import io
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from builder.codehash import code_hash, sha256

MAGIC = b"curriculum-check-cache-1\n"
FOLDER = Path("build") / ".cache" / "check"
PACK = "pack"
#: What an entry may be built from: the builder's models and a few value types of the standard
#: library (no function of the standard library, so a foreign file cannot run anything).
SAFE_MODULES = ("builder.", "pydantic.", "pydantic_core.")
SAFE_GLOBALS = {
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "slice"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("collections", "OrderedDict"),
    ("decimal", "Decimal"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
}


class _SafeUnpickler(pickle.Unpickler):
    """Builds only allowed classes; ``extra`` maps names to local constructors."""

    def __init__(self, data: bytes, extra: dict[tuple[str, str], Any]) -> None:
        super().__init__(io.BytesIO(data))
        self.extra = extra

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self.extra:
            return self.extra[(module, name)]
        allowed = (module, name) in SAFE_GLOBALS or module.startswith(SAFE_MODULES)
        if not allowed or (name.startswith("_") and (module, name) not in SAFE_GLOBALS):
            raise pickle.UnpicklingError(f"not allowed in a cache entry: {module}.{name}")
        return super().find_class(module, name)


def encode(payload: bytes) -> bytes:
    """Return an entry's bytes: magic word, SHA-256 of the payload, payload."""
    return MAGIC + hashlib.sha256(payload).digest() + payload


def decode(data: bytes) -> bytes | None:
    """Return an entry's payload, or None when the bytes are not an intact entry."""
    head = len(MAGIC) + 32
    if len(data) < head or not data.startswith(MAGIC):
        return None
    payload = data[head:]
    if hashlib.sha256(payload).digest() != data[len(MAGIC) : head]:
        return None
    return payload


class Digester(pickle.Pickler):
    """Pickles a value for hashing: objects with a known digest stand for it (``keys``: their
    ``id()`` → digest), sets in a canonical order (string hashes vary from run to run)."""

    def __init__(self, buf: io.BytesIO, keys: dict[int, str]) -> None:
        super().__init__(buf, pickle.HIGHEST_PROTOCOL)
        self.keys = keys

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) in (str, int, bool, float) or obj is None:
            return None
        key = self.keys.get(id(obj))
        if key is not None:
            return key
        if isinstance(obj, set | frozenset):
            return ("set", tuple(sorted(obj, key=_sort_key)))
        return None


def _sort_key(item: Any) -> tuple[str, str]:
    return (type(item).__name__, repr(item))


def digest(value: Any, keys: dict[int, str] | None = None) -> str:
    """Return the hash of a value as :class:`Digester` pickles it."""
    buf = io.BytesIO()
    Digester(buf, keys or {}).dump(value)
    return sha256(buf.getvalue())


class CheckCache:
    """Parse and check results by key, on disk under ``folder`` (and in memory if asked).

    On disk, each entry is a file of its own, and the entries the last check used are also
    kept together in one file, ``pack`` (rewritten after a check that used others), so that a
    warm check reads one file rather than thousands.
    """

    def __init__(self, folder: Path | None, *, memory: bool = False) -> None:
        self.folder = folder / code_hash()[:24] if folder is not None else None
        self.memory: dict[str, Any] | None = {} if memory else None
        self.stats: dict[str, tuple[tuple[int, ...], str]] | None = {} if memory else None
        """In memory: each file's stat when read, with its parse key."""
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.extra: dict[tuple[str, str], Any] = {}
        self._packed: dict[str, bytes] | None = None
        self._payloads: dict[str, bytes] = {}
        self._small: dict[bytes, tuple[Any]] = {}
        self._keys: dict[tuple[str | bytes, ...], str] = {}
        """Small immutable values by their pickle (most checks find nothing: one read)."""
        self.snapshot: Any = None
        """In memory: the last check's snapshot (``builder.validate.quick``)."""
        if self.folder is not None:
            _drop_other_versions(self.folder)

    @classmethod
    def at_root(cls, root: Path, *, memory: bool = False) -> CheckCache:
        """Return the cache of a curriculum root (``build/.cache/check`` under it)."""
        return cls(root / FOLDER, memory=memory)

    def key(self, *parts: str | bytes) -> str:
        """Return the key of a result: the hash of the code and of ``parts`` (in memory, the
        keys of the last check are remembered by their parts: a dictionary access)."""
        if self.memory is None:
            return sha256(code_hash(), *parts)
        found = self._keys.get(parts)
        if found is None:
            found = self._keys[parts] = sha256(code_hash(), *parts)
        return found

    def get(self, key: str) -> Any:
        """Return the stored value, or None (missing, unreadable, corrupt or foreign)."""
        self.used.add(key)
        if self.memory is not None and key in self.memory:
            self.hits += 1
            return self.memory[key]
        value = self._read(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        if self.memory is not None:
            self.memory[key] = value
        return value

    def put(self, key: str, value: Any, pickler: Callable[[Any], bytes] | None = None) -> None:
        """Store ``value`` (never raises: a cache that cannot be written is just not used)."""
        self.used.add(key)
        if self.memory is not None:
            self.memory[key] = value
        if self.folder is None:
            return
        try:
            data = pickler(value) if pickler else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
            payload = _named(key) + data
            self._payloads[key] = payload
            _write_atomic(self._path(key), encode(payload))
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return

    def finish(self) -> None:
        """End a check: on disk, pack what it used; in memory, forget what it did not use (a
        preview's memory stays flat)."""
        if self.memory is not None:
            self.memory = {k: v for k, v in self.memory.items() if k in self.used}
            self._keys = {p: k for p, k in self._keys.items() if k in self.used}
        elif self.folder is not None and self._packed is not None:
            pack = {k: self._payloads[k] for k in sorted(self.used) if k in self._payloads}
            if _repack(self._packed.keys(), pack.keys()):
                with contextlib.suppress(OSError):
                    _write_atomic(self.folder / PACK, encode(pickle.dumps(pack, 5)))
        self.used = set()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / key

    def _read(self, key: str) -> Any:
        if self.folder is None:
            return None
        payload = self._payload(key)
        name = _named(key)
        if payload is None or not payload.startswith(name):
            return None  # not this key's entry
        body = payload[len(name) :]
        shared = self._small.get(body) if len(body) <= SMALL else None
        if shared is not None:
            self._payloads[key] = payload
            return shared[0]
        try:
            value = _SafeUnpickler(body, self.extra).load()
        except Exception:  # a bad entry of any kind is a miss, never a failure
            return None
        self._payloads[key] = payload
        if len(body) <= SMALL and _immutable(value):
            self._small[body] = (value,)
        return value

    def _payload(self, key: str) -> bytes | None:
        if self._packed is None:
            self._packed = self._read_pack()
        if key in self._packed:
            return self._packed[key]
        try:
            return decode(self._path(key).read_bytes())
        except OSError:
            return None

    def _read_pack(self) -> dict[str, bytes]:
        assert self.folder is not None
        try:
            payload = decode((self.folder / PACK).read_bytes())
            pack = _SafeUnpickler(payload, {}).load() if payload is not None else {}
        except Exception:  # unreadable or foreign: no pack
            return {}
        ok = isinstance(pack, dict) and all(
            isinstance(k, str) and isinstance(v, bytes) for k, v in pack.items()
        )
        return pack if ok else {}


#: Entries up to this size whose value cannot change are read once and shared.
SMALL = 512


def _immutable(value: Any, depth: int = 0) -> bool:
    """Return whether a value can be shared: plain values, tuples and frozen dataclasses."""
    if value is None or isinstance(value, str | bytes | int | float | enum.Enum):
        return True
    if depth > 8:
        return False
    if isinstance(value, tuple | frozenset):
        return all(_immutable(v, depth + 1) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return bool(value.__dataclass_params__.frozen) and all(  # type: ignore[attr-defined]
            _immutable(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value)
        )
    return False


def _repack(packed: Collection[str], used: Collection[str]) -> bool:
    """Return whether to write the pack again: when a check used many entries outside it (a
    few are read one by one: an edit leaves the 70 MB pack of 2,000 modules as it is), or
    when most of it went unused."""
    outside = sum(1 for k in used if k not in packed)
    unused = len(packed) - (len(used) - outside)
    if not packed:
        return bool(used)
    return outside > max(64, len(packed) // 20) or unused > len(packed) // 2


def _named(key: str) -> bytes:
    """Return the head of an entry's payload: its key, length-prefixed (an entry copied under
    another key's name is not taken for that key's)."""
    name = key.encode("utf-8")
    return len(name).to_bytes(4, "big") + name


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


def _drop_other_versions(folder: Path) -> None:
    """Remove the entries of other versions of the code (they can never be used again)."""
    parent = folder.parent
    try:
        others = [p for p in parent.iterdir() if p.name != folder.name and p.is_dir()]
    except OSError:
        return
    for other in others:
        shutil.rmtree(other, ignore_errors=True)
