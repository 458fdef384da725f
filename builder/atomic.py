"""Replace a published folder so that readers see the old one or the new one, never neither."""

from __future__ import annotations

import os
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(2); return False where it is not available."""
    import ctypes  # only here: a first build (nothing to swap with) does without it
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return int(fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)) == 0


def swap_in(new: Path, target: Path, trash: Path) -> None:
    """Put ``new`` at ``target``; the previous ``target`` (if any) ends up at ``trash``.

    With renameat2 the swap is one atomic step; elsewhere it is two renames, and an interruption
    between them leaves ``target`` missing until the next build.
    """
    if not target.exists():
        os.rename(new, target)
    elif exchange(new, target):
        os.rename(new, trash)
    else:
        os.rename(target, trash)
        os.rename(new, target)
