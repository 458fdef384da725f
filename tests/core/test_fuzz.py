"""A few hundred mutated curricula through `curriculum check` (the script runs 10,000)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.fuzz import run_case


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(0, 10**9))
def test_mutated_curricula_never_crash(tmp_path_factory: object, seed: int) -> None:
    run_case(seed, Path(str(tmp_path_factory.mktemp("fuzz"))))  # type: ignore[attr-defined]
