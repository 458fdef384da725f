"""Closed lists the builder checks against: ISO 639-1 languages, ISO 3166-1 countries, IANA
time zones."""

from __future__ import annotations

import json
import os
import zoneinfo
from functools import cache

import pycountry


@cache
def is_language(code: str) -> bool:
    """Return whether ``code`` is an ISO 639-1 language code (any case, as pycountry matches)."""
    return len(code) == 2 and code.lower() in _language_codes()


@cache
def _language_codes() -> frozenset[str]:
    """Return the ISO 639-1 codes of pycountry's language database.

    Read straight from its JSON file: ``pycountry.languages`` indexes all 8,000 ISO 639-3
    entries on first use, ten times the cost of picking out the 184 two-letter codes.
    """
    with open(os.path.join(pycountry.DATABASE_DIR, "iso639-3.json"), encoding="utf-8") as f:
        entries = json.load(f)["639-3"]
    return frozenset(e["alpha_2"].lower() for e in entries if "alpha_2" in e)


@cache
def is_country(code: str) -> bool:
    """Return whether ``code`` is an ISO 3166-1 alpha-2 country code."""
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


@cache
def is_timezone(name: str) -> bool:
    """Return whether ``name`` is an IANA time zone."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
