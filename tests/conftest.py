"""Shared test setup: the browser that Playwright drives, found on this machine."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

DEBIAN_CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_browser() -> tuple[str | None, str]:
    """Return ``(executable or None for Playwright's own, description)``, or raise with advice."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            managed = p.chromium.executable_path
        if managed and Path(managed).exists():
            return None, f"Playwright-managed Chromium ({managed})"
    except Exception:
        pass
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate, f"system Chromium ({candidate})"
    raise RuntimeError(
        "No browser for the browser tests. Run ./dev setup (as root it installs Debian's chromium "
        "with apt-get), or `python -m playwright install chromium` where downloads are allowed, "
        "or set CHROMIUM=/path/to/chromium."
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Playwright's managed Chromium when there is one, Debian's otherwise."""
    executable, _ = find_browser()
    if executable is None:
        return browser_type_launch_args
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": DEBIAN_CHROMIUM_FLAGS,
    }
