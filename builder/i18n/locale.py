"""Locale data from CLDR (Babel): names of languages and countries, dates, numbers, direction.

Nothing here is a hand-written table of names: Babel's CLDR data knows every language the
programme may offer. An unknown code gives the code itself back, never an error.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date as _format_date
from babel.numbers import format_decimal

#: Narrow no-break space: French puts it before ``: ; ! ?`` and inside guillemets.
NNBSP = "\u202f"
_BEFORE = re.compile(r"(?<=[^\s:;!?«])[ \u00a0\u202f]?([:;!?])(?=\s|$|\))")
_OPEN = re.compile(r"«[ \u00a0\u202f]?")
_CLOSE = re.compile(r"[ \u00a0\u202f]?»")
#: Scripts written right to left (ISO 15924).
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"})


@cache
def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None


def is_known(lang: str) -> bool:
    """Return whether CLDR knows ``lang``."""
    return _locale(lang) is not None


def language_name(code: str, in_lang: str) -> str:
    """Return the name of language ``code`` written in ``in_lang`` (``fr`` in English: French)."""
    loc = _locale(in_lang) or _locale("en")
    name = loc.languages.get(code) if loc else None
    return name or native_name(code)


def native_name(code: str) -> str:
    """Return a language's own name, capitalised as in a list of languages (``Français``)."""
    loc = _locale(code)
    name = loc.get_display_name(code) if loc else None
    if not name:
        return code
    return name[:1].upper() + name[1:]


def country_name(code: str, in_lang: str) -> str:
    """Return the short name of country ``code`` (ISO 3166-1 alpha-2) in ``in_lang``."""
    loc = _locale(in_lang) or _locale("en")
    name = loc.territories.get(code.upper()) if loc else None
    return name or code


def format_date(day: dt.date, lang: str, form: str = "long") -> str:
    """Return a date as ``lang`` writes it (``25 octobre 2027``; ``full`` adds the weekday)."""
    return _format_date(day, format=form, locale=_locale(lang) or "en")


def weekday_name(day: dt.date, lang: str) -> str:
    """Return the name of the weekday of ``day`` in ``lang`` (``lundi``)."""
    return _format_date(day, format="EEEE", locale=_locale(lang) or "en")


def format_number(value: float, lang: str) -> str:
    """Return a number with the digits, separators and decimal sign of ``lang``."""
    return format_decimal(value, locale=_locale(lang) or "en")


@cache
def script(lang: str) -> str:
    """Return the ISO 15924 script a language is usually written in (``Latn``, ``Arab``)."""
    likely = get_global("likely_subtags")
    full = likely.get(lang) or likely.get("und", "en_Latn_US")
    parts = full.split("_")
    return next((p for p in parts[1:] if len(p) == 4 and p.istitle()), "Latn")


def is_rtl(lang: str) -> bool:
    """Return whether ``lang`` is written right to left."""
    loc = _locale(lang)
    if loc is not None and loc.character_order == "right-to-left":
        return True
    return script(lang) in RTL_SCRIPTS


def direction(lang: str) -> str:
    """Return ``rtl`` or ``ltr``."""
    return "rtl" if is_rtl(lang) else "ltr"


def typography(text: str, lang: str) -> str:
    """Return ``text`` with the spacing rules of ``lang`` (French: ``Durée : 40 min``, « … »).

    Only French text is changed: a narrow no-break space goes before ``: ; ! ?`` that end a word
    and are followed by a space (so ``https://`` and ``P1:S4`` are left alone) and inside
    guillemets.
    """
    if lang != "fr" or not text:
        return text
    text = _OPEN.sub("«" + NNBSP, text)
    text = _CLOSE.sub(NNBSP + "»", text)
    return _BEFORE.sub(lambda m: NNBSP + m.group(1), text)


#: Languages whose lists are separated by the Arabic comma and semicolon.
_ARABIC_PUNCTUATION = frozenset({"ar", "fa", "ur", "ps", "sd", "ug"})


def join(items: list[str] | tuple[str, ...], lang: str, *, strong: bool = False) -> str:
    """Join ``items`` with the comma (``strong``: semicolon) of ``lang`` (Arabic ``،`` ``؛``)."""
    if lang in _ARABIC_PUNCTUATION:
        sep = "؛ " if strong else "، "
    elif strong:
        sep = NNBSP + "; " if lang == "fr" else "; "
    else:
        sep = ", "
    return sep.join(items)


_BREAKING_SPACE = re.compile(r"[ \t\n\r\f\v\u0085\u2028\u2029]+")


def one_line(text: str) -> str:
    """Return ``text`` on one line with runs of breaking white space as one space.

    No-break spaces are kept (``str.split`` would drop them): they carry French typography.
    """
    return _BREAKING_SPACE.sub(" ", text).strip(" ")
