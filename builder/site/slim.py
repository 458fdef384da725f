"""Make the rendered site light on slow links: drop what no page needs, precompress the rest.

MkDocs Material ships, in every site, source maps (1.3 MB), a Thai word-cut script (660 KB) and
the stemmers of 30 languages; the site's pages never ask for them. What the pages do ask for
gets a ``.gz`` and a ``.br`` copy beside it, so that a server that serves precompressed files
(nginx ``gzip_static``/``brotli_static``, Apache ``MultiViews``, ``curriculum serve``) sends a
fifth of the bytes without compressing anything per request. Both copies are deterministic:
gzip without a name or time, brotli at a fixed quality.
"""

from __future__ import annotations

import gzip
import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path

import brotli

#: Lunr scripts the search worker loads whatever the languages (stemmer support, several
#: languages at once); the rest of ``lunr/min`` are per-language stemmers.
LUNR_ALWAYS = frozenset({"lunr.stemmer.support.min.js", "lunr.multi.min.js"})
#: Word-cut scripts, each needed only by one search language.
WORD_CUT = {"tinyseg.js": "ja", "wordcut.js": "th"}
#: Text files at least this big get precompressed copies (smaller ones fit in one packet).
COMPRESS_MIN = 1024
#: The suffixes of the precompressed copies written beside a file.
COPY_SUFFIXES = (".gz", ".br")
COMPRESSED_SUFFIXES = frozenset({".html", ".js", ".css", ".json", ".svg", ".xml", ".txt"})
_LUNR_LANG = re.compile(r"^lunr\.([a-z]{2})\.min\.js$")


def unused_files(site_dir: Path, search_languages: Iterable[str]) -> list[Path]:
    """Return the theme's files that no page of the site can ask for."""
    langs = set(search_languages)
    out = sorted(site_dir.rglob("*.map"))
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    out += [lunr / name for name, lang in WORD_CUT.items() if lang not in langs]
    for path in sorted((lunr / "min").glob("*.js")):
        m = _LUNR_LANG.match(path.name)
        if path.name not in LUNR_ALWAYS and m and m.group(1) not in langs:
            out.append(path)
    return [p for p in out if p.is_file()]


def drop_unused(site_dir: Path, search_languages: Iterable[str]) -> int:
    """Delete the files no page needs, and any precompressed copies of them (a preview that is
    updated in place may have made some before a language was removed); return how many bytes
    that saved."""
    saved = 0
    for path in unused_files(site_dir, search_languages):
        saved += path.stat().st_size
        path.unlink()
        for suffix in COPY_SUFFIXES:
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    return saved


def is_compressible(path: Path) -> bool:
    """Return whether a file gets precompressed copies (text, big enough)."""
    return path.suffix in COMPRESSED_SUFFIXES and path.stat().st_size >= COMPRESS_MIN


#: Brotli quality: the best for the few shared assets every page loads (compressed once, fetched
#: by everyone), a fast one for pages and the search index (11 would take ten times as long for
#: 4 % fewer bytes).
BEST, FAST = 11, 5


def gzip_bytes(data: bytes) -> bytes:
    """Return ``data`` gzipped, the same bytes on every run (no file name, no time)."""
    return gzip.compress(data, compresslevel=6, mtime=0)


def brotli_bytes(data: bytes, quality: int = FAST) -> bytes:
    """Return ``data`` compressed with brotli (text mode, a fixed quality)."""
    return bytes(brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality))


def precompress(site_dir: Path, only: Iterable[Path] | None = None) -> int:
    """Write ``.gz`` and ``.br`` beside every compressible file (or those of ``only``, paths
    inside ``site_dir``: the files a preview rebuild wrote); return how many files."""
    count = 0
    files = site_dir.rglob("*") if only is None else only
    for path in sorted(p for p in files if p.is_file()):
        if not is_compressible(path):
            continue
        for target, data in compressed_copies(site_dir, path):
            _replace(target, data)
        count += 1
    return count


def compressed_copies(site_dir: Path, path: Path) -> list[tuple[Path, bytes]]:
    """Return the precompressed copies of a file of the site: each path and its bytes."""
    data = path.read_bytes()
    quality = BEST if path.relative_to(site_dir).parts[0] == "assets" else FAST
    return [
        (path.with_name(path.name + ".gz"), gzip_bytes(data)),
        (path.with_name(path.name + ".br"), brotli_bytes(data, quality)),
    ]


class Compressor:
    """Precompresses files of a site in a background thread, one by one.

    A new batch (:meth:`start`) first stops the thread's current work (:meth:`cancel`: nothing
    is written after it), then goes on with the files not done yet and the new ones, whose old
    copies are deleted at once. So a live preview serves its pages without waiting, and when
    the thread is done (:meth:`settle`) every file has the copies the full build makes.
    """

    def __init__(self, site_dir: Path, idle: float = 0.0) -> None:
        self.site_dir = site_dir
        self.idle = idle
        """Seconds to wait before compressing (a new batch within them starts the wait again):
        a preview compresses once the author pauses, not while the next save is checked."""
        self._lock = threading.Lock()
        self._woken = threading.Condition(self._lock)
        self._generation = 0
        self._pending: list[Path] = []
        self._thread: threading.Thread | None = None
        self._hurry = False

    def cancel(self) -> None:
        """Stop the work under way (files not done stay pending)."""
        with self._lock:
            self._generation += 1
            self._woken.notify_all()

    def start(self, paths: Iterable[Path]) -> None:
        """Compress ``paths`` (and whatever is pending) in the background."""
        new = [p for p in paths if p.is_file() and is_compressible(p)]
        with self._lock:
            self._generation += 1
            self._woken.notify_all()
            generation, self._hurry = self._generation, False
            drop_copies(new)
            self._pending = sorted(set(self._pending) | set(new))
        self._thread = threading.Thread(target=self._run, args=(generation,), daemon=True)
        self._thread.start()

    def settle(self) -> None:
        """Wait until the pending files are compressed (at once: no idle wait), unless the work
        was cancelled."""
        with self._lock:
            self._hurry = True
            self._woken.notify_all()
        if self._thread is not None:
            self._thread.join()

    def _run(self, generation: int) -> None:
        with self._lock:
            self._woken.wait_for(
                lambda: self._hurry or generation != self._generation, timeout=self.idle
            )
        while True:
            with self._lock:
                if generation != self._generation or not self._pending:
                    return
                path = self._pending[0]
            try:
                copies = compressed_copies(self.site_dir, path) if path.is_file() else []
            except OSError:
                copies = []
            with self._lock:
                if generation != self._generation:
                    return
                for target, data in copies:
                    _replace(target, data)
                self._pending.remove(path)


def drop_copies(paths: Iterable[Path]) -> None:
    """Delete the precompressed copies of ``paths`` (they no longer match the files)."""
    for path in paths:
        for suffix in COPY_SUFFIXES:
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def _replace(target: Path, data: bytes) -> None:
    """Write a file whole under a temporary name, then rename it (a server reading it while a
    preview compresses in the background never sends half a file)."""
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
