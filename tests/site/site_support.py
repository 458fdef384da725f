"""Helpers of the site tests: the project root, building a site and serving it on localhost."""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.site.build import build_site
from builder.validate.orchestrator import CheckResult, check_curriculum

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class BuiltSite:
    """A built site: its curriculum's check result, its folder, its URL on localhost."""

    result: CheckResult
    root: Path
    path: Path
    url: str
    summary: str


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@functools.cache
def serve_folder(folder: str) -> str:
    """Serve ``folder`` with Python's http.server in a thread; return its URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=folder)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def build_and_serve(root: Path, out: Path) -> BuiltSite:
    """Check ``root`` (it must be clean of errors), build its site into ``out`` and serve it."""
    result = check_curriculum(root)
    assert result.ok(), [d.to_text() for d in result.diagnostics]
    summary = build_site(result.course, root, out)
    return BuiltSite(result, root, out, serve_folder(str(out)), summary)
