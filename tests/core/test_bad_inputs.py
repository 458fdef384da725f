"""Every bad input in bad_inputs.yml gives exactly its expected diagnostics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.core.bad_inputs import actual_lines, load_cases, materialise

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input_gives_exact_diagnostics(case: dict[str, Any], tmp_path: Path) -> None:
    root = materialise(case, tmp_path / "c")
    assert actual_lines(root) == case["expect"]


def test_every_case_expects_something() -> None:
    assert all(c["expect"] for c in CASES)
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))


def test_minimal_curriculum_is_clean() -> None:
    from tests.core.bad_inputs import MINIMAL

    assert actual_lines(MINIMAL) == []
