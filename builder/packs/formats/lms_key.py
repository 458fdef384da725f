"""Exams as browser data for the LMS packages, without their answers.

An exam SCO must score the learner, but the package must not reveal the correct answers. Each
question therefore carries ``key``: the SHA-256 digests of ``salt + NUL + response`` for every
response that is right, where ``response`` is the canonical form that ``quiz.js`` computes from
the learner's input (``canonical``). The salt is per exam and pack, so digests differ between
packs and cannot be looked up in a table. Match pairs and order items are shuffled before they are
written, so their position says nothing either; option feedback, explanations and accepted
answers are left out.

This keeps the answers out of the files, not out of reach of a learner who tries every response
against the SCO's own marking (a few options per question): exam SCOs suit formative and
medium-stakes exams. For high-stakes exams, import the exam into Moodle from ``moodle.xml`` or
the Common Cartridge, where it is marked on the server (docs/lms-exports.md).
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from decimal import Decimal
from typing import Any

from builder.packs.content.content import LocalQuestion, LocalQuiz
from builder.packs.content.i18n import Labels
from builder.packs.formats.out_site import QUIZ_LABELS

MAX_NUMERIC = 20001
"""The most numbers a numeric question's key may enumerate (its tolerance at its resolution)."""


_SINGLE = re.compile("[\u2018\u2019\u201a\u201b\u2032\u00b4\u0060\u02bc]")
_DOUBLE = re.compile("[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]")
_DASHES = re.compile("[\u2010-\u2015\u2212]")
_SPACES = re.compile("[\\s\u00a0\u202f\u2009\u2007]+")
_EDGE = "[\\s!-)+-/:-@\\[-`{-~\u00a1-\u00bf]+"
_LEADING, _TRAILING = re.compile("^" + _EDGE), re.compile(_EDGE + "$")


def norm(text: str) -> str:
    """Return a short answer as the marking script's ``clean`` does (builder/assets/marking.js):
    accents, case, curly quotes, dashes, runs of spaces and surrounding punctuation ignored."""
    folded = unicodedata.normalize("NFKD", text)
    folded = re.sub("[\u0300-\u036f]", "", folded)
    folded = _DASHES.sub("-", _DOUBLE.sub('"', _SINGLE.sub("'", folded))).lower()
    folded = _SPACES.sub(" ", folded).strip()
    return _TRAILING.sub("", _LEADING.sub("", folded))


def digest(salt: str, response: str) -> str:
    """Return the key digest of one response."""
    return hashlib.sha256(f"{salt}\0{response}".encode()).hexdigest()


def _decimals(x: float) -> int:
    exp = Decimal(repr(x)).normalize().as_tuple().exponent
    return max(0, -int(exp))


def numeric_digits(value: float, tolerance: float) -> int:
    """Return the decimals a numeric answer is rounded to: one more than value and tolerance use,
    fewer when the tolerance would span more than :data:`MAX_NUMERIC` numbers."""
    digits = max(_decimals(value), _decimals(tolerance)) + 1
    while digits > 0 and 2 * tolerance * 10**digits + 1 > MAX_NUMERIC:
        digits -= 1
    return digits


def numeric_responses(value: float, tolerance: float, digits: int) -> list[str]:
    """Return every number within ``tolerance`` of ``value`` at ``digits`` decimals, as text."""
    scale = 10**digits
    low = round((value - tolerance) * scale)
    high = round((value + tolerance) * scale)
    return [f"{(n / scale) + 0.0:.{digits}f}" for n in range(low, high + 1)]


def _shuffle(seed: str, n: int) -> list[int]:
    """Return a seeded permutation of ``range(n)`` that is never the right order (n > 1)."""
    order, rng = list(range(n)), random.Random(seed)
    while n > 1 and order == sorted(order):
        rng.shuffle(order)
    return order


def question_data(salt: str, q: LocalQuestion) -> dict[str, Any]:
    """Return one exam question for ``quiz.js``: its text, its inputs and its key."""
    out: dict[str, Any] = {"id": q.id, "type": q.type, "prompt": q.prompt, "points": q.points}
    keys: list[str]
    if q.type in ("single", "multiple"):
        out["options"] = [{"text": o.text, "fixed": o.fixed} for o in q.options]
        keys = [",".join(sorted(str(i) for i, o in enumerate(q.options) if o.correct))]
    elif q.type == "true-false":
        keys = ["true" if q.answer else "false"]
    elif q.type == "short":  # answers with * wildcards cannot be hashed: they are left out
        keys = sorted({norm(a) for a in q.answers if "*" not in a})
    elif q.type == "numeric":
        value = q.value or 0.0
        out["digits"] = numeric_digits(value, q.tolerance)
        out["unit"] = q.unit
        keys = numeric_responses(value, q.tolerance, out["digits"])
    elif q.type == "match":
        perm = _shuffle(f"{salt}/{q.id}", len(q.pairs))  # shown right-hand side j = pair perm[j]
        out["pairs"] = [
            {"left": left, "right": q.pairs[perm[j]][1]} for j, (left, _) in enumerate(q.pairs)
        ]
        out["rightOrder"] = list(range(len(q.pairs)))
        keys = [",".join(str(perm.index(i)) for i in range(len(q.pairs)))]
    else:
        perm = _shuffle(f"{salt}/{q.id}", len(q.items))  # shown item m = item perm[m]
        out["items"] = [q.items[k] for k in perm]
        out["itemOrder"] = list(range(len(q.items)))
        keys = [",".join(str(perm[m] + 1) for m in range(len(q.items)))]
    out["salt"] = f"{salt}/{q.id}"
    out["key"] = sorted(digest(out["salt"], k) for k in keys)
    return out


def exam_data(quiz: LocalQuiz, labels: Labels, scope: str) -> dict[str, Any]:
    """Return an exam as ``quiz.js`` data with hashed keys; ``scope`` (country, language) salts
    the digests."""
    if not quiz.is_exam:
        raise ValueError(f"quiz '{quiz.id}' is not an exam")
    salt = hashlib.sha256(f"exam-key/{scope}/{quiz.id}".encode()).hexdigest()[:16]
    return {
        "id": quiz.id,
        "passMark": quiz.pass_mark,
        "labels": labels.as_dict(QUIZ_LABELS),
        "exam": True,
        # tasks (essays with a rubric) are marked by an instructor, not in the browser
        "questions": [question_data(salt, q) for q in quiz.questions if q.type != "task"],
    }
