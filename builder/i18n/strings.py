"""Interface strings in every language, read once from ``strings/<lang>.yml``.

Each file has two sections: ``site`` (the trainee site and its quiz script) and ``pack`` (the
course packs). English is complete; any other language may lack keys, which then fall back to
English and are listed by :func:`missing` (``curriculum translations`` reports them).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml

from builder.i18n.locale import typography

STRINGS_DIR = Path(__file__).resolve().parent / "strings"
Section = Literal["site", "pack"]
SECTIONS: tuple[Section, ...] = ("site", "pack")


@cache
def table(lang: str, section: Section) -> dict[str, str]:
    """Return the strings of one section in ``lang`` (empty when the language has no file)."""
    path = STRINGS_DIR / f"{lang}.yml"
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    return {str(k): typography(str(v), lang) for k, v in (data.get(section) or {}).items()}


def text(lang: str, section: Section, key: str, /, **values: object) -> str:
    """Return string ``key`` of ``section`` in ``lang`` (English if missing), formatted."""
    found = table(lang, section).get(key)
    if found is None:
        found = table("en", section)[key]
    return found.format(**values) if values else found


def has_key(lang: str, section: Section, key: str) -> bool:
    """Return whether ``lang`` has its own string for ``key``."""
    return key in table(lang, section)


@cache
def languages() -> tuple[str, ...]:
    """Return the languages that have a strings file, sorted."""
    return tuple(sorted(p.stem for p in STRINGS_DIR.glob("*.yml")))


def missing(lang: str) -> list[str]:
    """Return the keys ``lang`` lacks (``section.key``), sorted; English lacks none."""
    return sorted(
        f"{section}.{key}"
        for section in SECTIONS
        for key in table("en", section)
        if key not in table(lang, section)
    )


def coverage(lang: str) -> tuple[int, int]:
    """Return ``(translated, total)`` interface strings of ``lang``."""
    total = sum(len(table("en", s)) for s in SECTIONS)
    return total - len(missing(lang)), total
