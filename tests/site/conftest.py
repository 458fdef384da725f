"""Fixtures of the site tests: the shipped curriculum's site built once per session, a payload
curriculum's site, both served on localhost. The browser comes from ``tests/conftest.py``."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from builder.validate.orchestrator import CheckResult, check_curriculum
from tests.site.site_payload import write_minimal
from tests.site.site_support import ROOT, BuiltSite, build_and_serve


@pytest.fixture(scope="session")
def shipped() -> CheckResult:
    """The shipped curriculum, checked."""
    return check_curriculum(ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped curriculum's site, built once per session into a temporary folder."""
    return build_and_serve(ROOT, tmp_path_factory.mktemp("shipped") / "site")


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site of a minimal curriculum whose author text is full of script payloads."""
    root = write_minimal(tmp_path_factory.mktemp("payload") / "curriculum")
    return build_and_serve(root, root / "build" / "site")


@pytest.fixture
def fresh_copy(tmp_path: Path) -> Iterator[Path]:
    """A fresh copy of the minimal payload curriculum in a temporary folder."""
    root = write_minimal(tmp_path / "curriculum")
    yield root
    shutil.rmtree(root, ignore_errors=True)
