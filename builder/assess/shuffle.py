"""One seed for every shuffle and draw, and the display orders derived from it."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Collection
from dataclasses import dataclass

from builder.model import Question


def seed(*parts: str) -> int:
    """Return a stable 64-bit seed for ``parts`` (same parts, same seed, on every machine)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def rng(*parts: str) -> random.Random:
    """Return a random generator seeded by :func:`seed`."""
    return random.Random(seed(*parts))


def permutation(
    count: int, *parts: str, fixed: Collection[int] = (), derange: bool = False
) -> list[int]:
    """Return a seeded display order of ``range(count)``: ``out[position] = source index``.

    Indexes in ``fixed`` keep their position. With ``derange`` the order is never the written
    one when at least two indexes can move (a match or order question must not show its key).
    """
    movable = [i for i in range(count) if i not in fixed]
    moved = movable[:]
    gen = rng(*parts)
    gen.shuffle(moved)
    if derange and len(moved) > 1 and moved == movable:
        moved = moved[1:] + moved[:1]
    out = list(range(count))
    for slot, source in zip(movable, moved, strict=True):
        out[slot] = source
    return out


def question_key(quiz_id: str, question_id: str) -> tuple[str, str]:
    """Return the seed parts of a question's display order (its quiz and its id)."""
    return (quiz_id, question_id)


@dataclass(frozen=True)
class Orders:
    """How a question is laid out on paper and in exports (``out[position] = source index``)."""

    options: tuple[int, ...]
    rights: tuple[int, ...]
    items: tuple[int, ...]


def display_orders(quiz_id: str, q: Question) -> Orders:
    """Return the seeded layout of a question: options (pinned ones stay), rights, items.

    ``shuffle: false`` keeps options and right-hand sides as written; order items are always
    scrambled (in their written order they would show the answer).
    """
    key = question_key(quiz_id, q.id)
    options = q.options or ()
    pinned = [i for i, o in enumerate(options) if o.fixed]
    n_pairs, n_items = len(q.pairs or ()), len(q.items or ())
    return Orders(
        options=tuple(
            permutation(len(options), *key, "options", fixed=pinned)
            if q.shuffle
            else range(len(options))
        ),
        rights=tuple(
            permutation(n_pairs, *key, "pairs", derange=True) if q.shuffle else range(n_pairs)
        ),
        items=tuple(permutation(n_items, *key, "items", derange=True)),
    )
