"""The marking rules in Python: the mirror of ``builder/assets/marking.js`` (docs/marking.md).

The browser marks practice quizzes with the JavaScript; this module applies the same text
folding where the builder needs it (near-duplicate prompts, answer variants for LMS exports)
and states the partial-credit shares that the Moodle and QTI exports encode.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_SINGLE = re.compile("[\u2018\u2019\u201a\u201b\u2032\u00b4\u0060\u02bc]")
_DOUBLE = re.compile("[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]")
_DASHES = re.compile("[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_EDGE = "[\\s!-)+-/:-@\\[-`{-~\u00a1-\u00bf]+"
_LEADING = re.compile("^" + _EDGE)
_TRAILING = re.compile(_EDGE + "$")


def fold(text: str) -> str:
    """Return text without case, accents, curly quotes, dash variants or runs of spaces."""
    s = text
    if not s.isascii():  # ASCII has no accents nor compatibility forms
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = _DASHES.sub("-", _DOUBLE.sub('"', _SINGLE.sub("'", s)))
    return _SPACES.sub(" ", s.lower()).strip()


def clean(text: str) -> str:
    """Return :func:`fold` of the text without punctuation around it."""
    return _TRAILING.sub("", _LEADING.sub("", fold(text)))


def short_matches(given: str, accepted: str) -> bool:
    """Return whether an answer matches an accepted answer or ``*`` pattern."""
    answer = clean(given)
    if not answer:
        return False
    pattern = fold(accepted).replace("\\*", "\0")
    if "*" not in pattern:
        return answer == clean(pattern.replace("\0", "*"))
    parts = [p.replace("\0", "*") for p in pattern.split("*")]
    parts[0] = _LEADING.sub("", parts[0])
    parts[-1] = _TRAILING.sub("", parts[-1])
    return re.fullmatch(".*".join(re.escape(p) for p in parts), answer, re.S) is not None


def multiple_share(correct: Sequence[bool], chosen: Sequence[bool]) -> float:
    """Return the share of a multiple-answer question's points earned (0 to 1)."""
    right = sum(1 for c in correct if c)
    wrong = len(correct) - right
    hits = sum(1 for c, p in zip(correct, chosen, strict=True) if c and p)
    misses = sum(1 for c, p in zip(correct, chosen, strict=True) if p and not c)
    share = (hits / right if right else 0.0) - (misses / wrong if wrong else 0.0)
    return max(0.0, min(1.0, share))


def position_share(order: Sequence[int]) -> float:
    """Return the share for a match or order answer: ``order[i] == i`` counts as right."""
    return sum(1 for i, x in enumerate(order) if x == i) / len(order) if order else 0.0
