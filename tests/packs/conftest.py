"""Fixtures of the pack tests: every sample pack, built once per session with two workers."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from builder.packs.build import build_packs
from builder.packs.content.content import PackContent, build_content
from builder.validate.orchestrator import CheckResult, check_curriculum
from tests.requirements import require

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = Path(__file__).resolve().parents[2] / ".." / "shared" / "schemas"
#: Every shipped country profile (all are sample data).
SAMPLES = tuple(sorted(p.stem for p in (ROOT / "curriculum" / "countries").glob("*.yml")))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sys.path.insert(0, str(Path(__file__).resolve().parent))


@dataclass(frozen=True)
class Built:
    """The session's build: where the packs are, the summary, and each pack's content."""

    out: Path
    summary: str
    result: CheckResult
    contents: dict[str, PackContent]

    def pack(self, code: str) -> Path:
        """Return the folder of a pack."""
        return self.out / code


@pytest.fixture(scope="session")
def checked() -> CheckResult:
    """Return the shipped curriculum, checked (it must have no error)."""
    result = check_curriculum(ROOT)
    assert result.curriculum is not None, [str(d) for d in result.diagnostics]
    return result


@pytest.fixture(scope="session")
def built(checked: CheckResult, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Build every sample pack once, cold, into a temporary folder (jobs=2)."""
    out = tmp_path_factory.mktemp("session") / "packs"
    summary = build_packs(checked.course, ROOT, list(SAMPLES), out, jobs=2)
    cur = checked.curriculum
    assert cur is not None
    return Built(
        out, summary, checked, {c: build_content(cur, checked.course.plan(c)) for c in SAMPLES}
    )


@pytest.fixture(params=SAMPLES)
def code(request: pytest.FixtureRequest) -> str:
    """Each sample country in turn."""
    return str(request.param)


@pytest.fixture(scope="session")
def qti_schemas() -> tuple[Any, Any]:
    """Return the QTI 2.1 and IMS CP 1.1 schemas from the shared folder (loaded once)."""
    import xmlschema

    base = SCHEMAS / "qti-2.1"
    require((base / "qtiv2p1" / "imsqti_v2p1.xsd").is_file(), f"QTI schemas in {base.resolve()}")
    return xmlschema.XMLSchema(str(base / "qtiv2p1" / "imsqti_v2p1.xsd")), xmlschema.XMLSchema(
        str(base / "imscp_v1p1.xsd")
    )


@pytest.fixture(scope="session")
def tiny_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a checked-out copy of the tiny hostile curriculum (see tiny.py)."""
    from tiny import write_tree

    return write_tree(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="session")
def tiny_built(tiny_root: Path) -> tuple[CheckResult, Path]:
    """Build the tiny curriculum's one pack (KE) and return the check result and packs folder."""
    result = check_curriculum(tiny_root)
    assert result.curriculum is not None, [str(d) for d in result.diagnostics]
    out = tiny_root / "build" / "packs"
    build_packs(result.course, tiny_root, ["KE"], out, jobs=1)
    return result, out


@pytest.fixture(scope="session")
def pack_browser(browser: Any) -> Any:
    """Return the session's Chromium (pytest-playwright's, launched as tests/conftest.py says).

    Sharing it matters: a second Playwright instance kept open for the session would leave its
    event loop running under every later browser test.
    """
    return browser
