"""Large outputs against their golden files (regenerate with ``./dev golden``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.golden import BAD_INPUTS, GOLDEN, GOLDENS, bad_input_expectations


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_matches_golden_file(name: str) -> None:
    make: Callable[[], str] = GOLDENS[name]
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert make() == expected, f"tests/golden/{name} is out of date: run ./dev golden and review"


def test_bad_input_expectations_are_what_the_checker_says() -> None:
    assert bad_input_expectations() == BAD_INPUTS.read_text(encoding="utf-8")
