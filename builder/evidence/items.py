"""Item statistics of classical test theory, from marked responses. Pure functions.

- difficulty: the proportion of attempts that answered the item correctly;
- point-biserial: Pearson's correlation between the item (1 right, 0 wrong) and the attempt's
  total (number of items right, the item included), with population standard deviations;
- item-rest correlation: the same against the total without the item (on a short quiz the item
  itself inflates the point-biserial, so the flag uses this one);
- upper-lower index: the item's difficulty in the best 27 % of attempts minus that in the weakest
  27 % (groups of ``round(0.27 n)`` attempts, at least one, ranked by total then attempt id);
- distractors: per option, the share of attempts that chose it, overall and in each group.

Flags (only for items answered at least :data:`MIN_FLAG_N` times): too easy (difficulty above
0.90), too hard (below 0.20), not discriminating (item-rest correlation or upper-lower index
below 0.20), a distractor nobody chooses, a distractor the best learners choose (by at least
:data:`ATTRACTIVE_MARGIN` more often in the upper group than in the lower group).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

TOO_EASY = 0.90
TOO_HARD = 0.20
LOW_DISCRIMINATION = 0.20
GROUP_SHARE = 0.27
MIN_FLAG_N = 10
ATTRACTIVE_MARGIN = 0.10
FLAGS = (
    "too-easy",
    "too-hard",
    "not-discriminating",
    "unused-distractor",
    "attractive-distractor",
)

#: One attempt: question id → (right, options chosen).
Attempt = Mapping[str, tuple[bool, tuple[int, ...]]]


@dataclass(frozen=True)
class OptionUse:
    """How often an option was chosen: overall, by the upper and by the lower group."""

    index: int
    correct: bool
    rate: float
    upper: float
    lower: float


@dataclass(frozen=True)
class ItemStats:
    """The statistics of one item."""

    question: str
    n: int
    difficulty: float
    point_biserial: float | None
    item_rest: float | None
    upper_lower: float | None
    options: tuple[OptionUse, ...]
    flags: tuple[str, ...]


def totals(attempts: Mapping[str, Attempt]) -> dict[str, int]:
    """Return each attempt's total: the number of items it got right."""
    return {a: sum(1 for ok, _ in items.values() if ok) for a, items in attempts.items()}


def groups(total: Mapping[str, int]) -> tuple[list[str], list[str]]:
    """Return the upper and lower 27 % of attempts (ranked by total, then attempt id)."""
    ranked = sorted(total, key=lambda a: (-total[a], a))
    k = max(1, round(GROUP_SHARE * len(ranked))) if ranked else 0
    return ranked[:k], ranked[len(ranked) - k :]


def point_biserial(scores: Sequence[int], total: Sequence[float]) -> float | None:
    """Return Pearson's r between 0/1 ``scores`` and ``total`` (None when either is constant)."""
    n = len(scores)
    if n < 2:
        return None
    mean_t = sum(total) / n
    sd = math.sqrt(sum((t - mean_t) ** 2 for t in total) / n)
    p = sum(scores) / n
    if sd == 0 or p in (0, 1):
        return None
    m1 = sum(t for s, t in zip(scores, total, strict=True) if s) / sum(scores)
    m0 = sum(t for s, t in zip(scores, total, strict=True) if not s) / (n - sum(scores))
    return (m1 - m0) / sd * math.sqrt(p * (1 - p))


def quiz_stats(
    attempts: Mapping[str, Attempt], items: Sequence[tuple[str, Sequence[bool]]]
) -> list[ItemStats]:
    """Return the statistics of every item: ``(question id, which options are right)``."""
    total = totals(attempts)
    upper, lower = groups(total)
    ranked = (frozenset(upper), frozenset(lower))
    order = sorted(attempts)
    return [item_stats(attempts, order, total, ranked, qid, ok) for qid, ok in items]


def item_stats(
    attempts: Mapping[str, Attempt],
    order: Sequence[str],
    total: Mapping[str, int],
    ranked: tuple[frozenset[str], frozenset[str]],
    qid: str,
    correct_options: Sequence[bool],
) -> ItemStats:
    """Return the statistics of item ``qid`` given the attempts' totals and groups (one pass)."""
    upper, lower = ranked
    k = len(correct_options)
    chosen = [[0] * k, [0] * k, [0] * k]  # overall, upper, lower
    right, seen = [0, 0, 0], [0, 0, 0]
    scores: list[int] = []
    sums: list[int] = []
    for a in order:
        r = attempts[a].get(qid)
        if r is None:
            continue
        ok, picks = r
        scores.append(int(ok))
        sums.append(total[a])
        for g in (0, 1 if a in upper else -1, 2 if a in lower else -1):
            if g < 0:
                continue
            seen[g] += 1
            right[g] += ok
            for i in picks:
                if i < k:
                    chosen[g][i] += 1
    return _stats(qid, correct_options, scores, sums, chosen, right, seen)


def _share(x: int, n: int) -> float:
    return x / n if n else 0.0


def _stats(
    qid: str,
    correct_options: Sequence[bool],
    scores: list[int],
    sums: list[int],
    chosen: list[list[int]],
    right: list[int],
    seen: list[int],
) -> ItemStats:
    n = len(scores)
    diff = _share(right[0], n)
    rpb = point_biserial(scores, sums)
    rest = point_biserial(scores, [t - s for t, s in zip(sums, scores, strict=True)])
    ul = _share(right[1], seen[1]) - _share(right[2], seen[2]) if n else None
    options = tuple(
        OptionUse(i, ok, *(_share(chosen[g][i], seen[g]) for g in range(3)))
        for i, ok in enumerate(correct_options)
    )
    return ItemStats(qid, n, diff, rpb, rest, ul, options, flags(n, diff, rest, ul, options))


def flags(
    n: int,
    difficulty: float,
    item_rest: float | None,
    upper_lower: float | None,
    options: Sequence[OptionUse],
) -> tuple[str, ...]:
    """Return the flags an item earns (none below :data:`MIN_FLAG_N` answers)."""
    if n < MIN_FLAG_N:
        return ()
    out = []
    if difficulty > TOO_EASY:
        out.append("too-easy")
    if difficulty < TOO_HARD:
        out.append("too-hard")
    low = [x for x in (item_rest, upper_lower) if x is not None and x < LOW_DISCRIMINATION]
    if low or (item_rest is None and 0 < difficulty < 1):
        out.append("not-discriminating")
    wrong = [o for o in options if not o.correct]
    if any(o.rate == 0 for o in wrong):
        out.append("unused-distractor")
    if any(o.upper - o.lower >= ATTRACTIVE_MARGIN for o in wrong):
        out.append("attractive-distractor")
    return tuple(out)
