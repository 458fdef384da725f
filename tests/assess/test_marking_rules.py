"""The Python mirror of the marking rules (the browser's are tested in tests/site)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.assess.marking import clean, fold, multiple_share, position_share, short_matches


@pytest.mark.parametrize(
    ("given_text", "accepted", "ok"),
    [
        ("Facilitation.", "facilitation", True),
        ("  l’Opérateur  économique ", "l'operateur economique", True),
        ("“AEO”", '"AEO"', True),
        ("Facilitate", "facilitat*", True),
        ("Facilitation", "facilitat*", True),
        ("Faciliter", "facilitat*", False),
        ("risk management", "*management", True),
        ("", "anything", False),
        ("5 * 3", r"5 \* 3", True),
        ("Mutual recognition", "mutual recognition arrangement", False),
    ],
)
def test_short_answers(given_text: str, accepted: str, ok: bool) -> None:
    assert short_matches(given_text, accepted) is ok


@given(st.text())
def test_fold_is_idempotent_and_clean_strips_edges(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert clean(clean(text)) == clean(text)
    assert clean(f"  ...{text}!? ") == clean(text) or not clean(text)


@given(st.lists(st.booleans(), min_size=2, max_size=8).filter(any), st.data())
def test_multiple_share_is_between_0_and_1_and_full_only_for_the_key(
    correct: list[bool], data: st.DataObject
) -> None:
    chosen = data.draw(st.lists(st.booleans(), min_size=len(correct), max_size=len(correct)))
    share = multiple_share(correct, chosen)
    assert 0 <= share <= 1
    assert (share == 1) == (chosen == correct) or (share == 1 and all(correct))
    assert multiple_share(correct, [True] * len(correct)) in (0.0, 1.0)


def test_partial_credit_examples() -> None:
    assert multiple_share([True, True, False, False], [True, False, False, False]) == 0.5
    assert multiple_share([True, True, False, False], [True, True, True, False]) == 0.5
    assert multiple_share([True, True, False, False], [True, True, True, True]) == 0
    assert position_share([0, 1, 3, 2]) == 0.5
    assert position_share([0, 1, 2, 3]) == 1
