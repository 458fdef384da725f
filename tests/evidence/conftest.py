from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main
from tests.evidence.support import make_root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path)


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in-process; return exit status, stdout and stderr."""
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr
