"""Tests that need a tool or a file the project does not install itself (epubcheck's jar, the
shared XML schemas) call :func:`require`: in CI (``CI=true``) a missing one FAILS the test, so a
check can never silently vanish; elsewhere the test is skipped with the reason, which ``-ra``
prints in the summary."""

from __future__ import annotations

import os
import warnings

import pytest


def in_ci() -> bool:
    """Return whether the tests run in CI (``CI`` set to a true value)."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(available: bool, what: str) -> None:
    """Fail (in CI) or skip loudly (elsewhere) when ``what`` is not available."""
    if available:
        return
    if in_ci():
        pytest.fail(f"required for this test in CI and missing: {what}")
    warnings.warn(f"test skipped, missing: {what}", stacklevel=2)
    pytest.skip(f"MISSING {what}")
