"""Per-file checks whose results come from the check cache when their inputs have not changed.

``Memo.run(sink, check, *args)`` calls ``check(sink, *args)`` or replays what an earlier call
with the same inputs put into its sink and returned. The key is the hash of the code, of the
check's name and of its arguments, pickled with every loaded file and model standing for the
hash of its file's bytes (so a ``Known`` of hundreds of modules hashes in a millisecond). Any
check can be run through it without registering anything, provided it is what the house style
asks of a check anyway: a function of its arguments that only adds to its sink (a check that
reads something else, e.g. the disk, must be handed it as an argument). Arguments that cannot be
hashed this way make the call run uncached, never wrongly cached.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

from builder.codehash import sha256
from builder.diagnostics import Diagnostic
from builder.load.cache import CheckCache, Digester
from builder.validate.sink import Sink

T = TypeVar("T")


class Memo:
    """Runs checks through ``cache`` (``None``: runs them plainly)."""

    def __init__(self, cache: CheckCache | None, keys: dict[int, str]) -> None:
        self.cache = cache
        self.keys = keys
        self._digests: dict[int, tuple[Any, str]] = {}

    def run(self, sink: Sink, check: Callable[..., T], *args: Any) -> T:
        """Return ``check(sink, *args)``, replaying a cached call with the same inputs."""
        key = self._key(check, args) if self.cache is not None else None
        if key is None or self.cache is None:
            return check(sink, *args)
        hit = self.cache.get(key)
        if isinstance(hit, tuple) and len(hit) == 2:
            diagnostics, result = hit
            sink.items.extend(diagnostics)
            return result  # type: ignore[no-any-return]
        own = Sink()
        result = check(own, *args)
        sink.items.extend(own.items)
        diagnostics_made: tuple[Diagnostic, ...] = tuple(own.items)
        self.cache.put(key, (diagnostics_made, result))
        return result

    def _key(self, check: Callable[..., Any], args: tuple[Any, ...]) -> str | None:
        try:
            parts = [self._digest(a) for a in args]
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return None
        name = f"{check.__module__}.{check.__qualname__}"
        assert self.cache is not None
        return self.cache.key("check", name, *parts)

    def _digest(self, arg: Any) -> str:
        """Return the hash of one argument (remembered per object for the length of a check)."""
        known = self.keys.get(id(arg))
        if known is not None:
            return known
        if isinstance(arg, str):
            return "s:" + arg
        held = self._digests.get(id(arg))
        if held is not None and held[0] is arg:
            return held[1]
        buf = io.BytesIO()
        Digester(buf, self.keys).dump(arg)
        digest = sha256(buf.getvalue())
        self._digests[id(arg)] = (arg, digest)
        return digest
