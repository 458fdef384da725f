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
import re
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
        data = path.read_bytes()
        path.with_name(path.name + ".gz").write_bytes(gzip_bytes(data))
        quality = BEST if path.relative_to(site_dir).parts[0] == "assets" else FAST
        path.with_name(path.name + ".br").write_bytes(brotli_bytes(data, quality))
        count += 1
    return count
