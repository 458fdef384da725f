"""Interface words of the packs (the ``pack`` section of ``builder/i18n/strings/<lang>.yml``).

English is the fallback for a missing word; names of languages and countries, dates, weekdays and
numbers come from CLDR (:mod:`builder.i18n.locale`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.i18n import locale, strings


@dataclass(frozen=True)
class Labels:
    """The interface words of one language, with English for any word it lacks."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        """Return the word for ``key``, formatted with ``values``."""
        return strings.text(self.lang, "pack", key, **values)

    def colon(self, text: str) -> str:
        """Return ``text`` followed by a colon, spaced as the language wants (``Réponse :``)."""
        return locale.typography(f"{text}:", self.lang)

    def language_name(self, code: str) -> str:
        """Return the name of language ``code`` in this language."""
        return locale.language_name(code, self.lang)

    def country_name(self, code: str) -> str:
        """Return the name of country ``code`` in this language (``Sénégal``)."""
        return locale.country_name(code, self.lang)

    def date(self, day: dt.date, form: str = "long") -> str:
        """Return a date as this language writes it (``25 octobre 2027``)."""
        return locale.format_date(day, self.lang, form)

    def weekday(self, day: dt.date) -> str:
        """Return the weekday of ``day`` in this language (``lundi``)."""
        return locale.weekday_name(day, self.lang)

    def number(self, value: float) -> str:
        """Return a number written the way this language writes it."""
        return locale.format_number(value, self.lang)

    @property
    def is_rtl(self) -> bool:
        """Return whether the language is written right to left."""
        return locale.is_rtl(self.lang)

    @property
    def direction(self) -> str:
        """Return ``rtl`` or ``ltr``."""
        return locale.direction(self.lang)

    @property
    def has_own_words(self) -> bool:
        """Return whether this language has its own interface words (else English is used)."""
        return self.lang in strings.languages()

    def as_dict(self, keys: tuple[str, ...]) -> dict[str, str]:
        """Return the words for ``keys`` (for the quiz script)."""
        return {k: self(k) for k in keys}
