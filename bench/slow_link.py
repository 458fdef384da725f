"""First visit of a module page on a slow link: our site against plain MkDocs Material.

Builds the shipped curriculum's site (``curriculum site``) and the very same pages with plain
Material (default theme, search plugin, full navigation: ``site_bench.reference_config``), serves
ours as a server with precompressed files would (``.br``/``.gz`` beside the files, as
``curriculum serve`` and nginx ``gzip_static`` do) and plain Material from a plain server, then
opens a module page in a fresh Chromium with the network emulated at 400 kbit/s down and up and
400 ms latency (DevTools protocol). It prints, side by side, the bytes transferred and the
seconds to first render (first contentful paint), to the load event, and until the network is
quiet (plain Material fetches the search index then; ours only when search is opened).

    .venv/bin/python bench/slow_link.py [--page modules/p1-risk-management.html]

Targets (issue 19): ≤ 300 KB transferred and ≤ 3 s to first render. Not part of the tests.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(PROJECT))

import yaml  # noqa: E402

from builder.preview import precompressed  # noqa: E402
from tests.conftest import DEBIAN_CHROMIUM_FLAGS, find_browser  # noqa: E402

KBIT = 1000 / 8
SLOW = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * KBIT,
    "uploadThroughput": 400 * KBIT,
}
#: The figures the issue measured on the site before this work (390 px phone, same link).
BEFORE = {"kb": 999, "first_render_s": 7.8, "index_s": 21.8}


class Plain(http.server.SimpleHTTPRequestHandler):
    """A plain static server (keep-alive, no compression)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


class Precompressed(Plain):
    """A static server that sends a file's ``.br``/``.gz`` copy when the browser accepts it."""

    def send_head(self) -> Any:
        path = self.translate_path(self.path.split("?", 1)[0])
        sent, coding = precompressed(path, self.headers.get("Accept-Encoding", ""))
        if coding is None or not Path(path).is_file():
            return super().send_head()
        data = Path(sent).open("rb")  # noqa: SIM115 (http.server copies and closes it)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(Path(sent).stat().st_size))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return data


def serve(folder: Path, handler: type[Plain]) -> str:
    """Serve ``folder`` in a thread; return its URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def plain_config(generated: Path, site_dir: Path) -> Path:
    """Write a plain Material config for the same pages: default theme, search, our nav."""
    ours = yaml.safe_load(generated.read_text(encoding="utf-8"))
    config = {
        "site_name": "Reference",
        "docs_dir": ours["docs_dir"],
        "site_dir": str(site_dir),
        "theme": {"name": "material"},
        "markdown_extensions": ours["markdown_extensions"],
        "extra_css": ours["extra_css"],
        "extra_javascript": ours["extra_javascript"],
        "plugins": ["search"],
        "nav": ours["nav"],
    }
    path = generated.with_name("plain.yml")
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(out: Path) -> tuple[Path, Path]:
    """Build our site and the plain Material one of the same pages; return both folders."""
    ours = out / "ours"
    subprocess.run(
        [str(BIN / "curriculum"), "site", "-C", str(PROJECT), "--out", str(ours)],
        check=True,
        capture_output=True,
    )
    plain = out / "plain"
    config = plain_config(out / ".ours-src" / "mkdocs.yml", plain)
    subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-f", str(config)], check=True)
    return ours, plain


def first_visit(browser: Any, url: str) -> dict[str, float]:
    """Open ``url`` in a fresh context on the slow link; return bytes and times."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW)
    sizes: dict[str, float] = {}
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    started = time.perf_counter()
    page.goto(url, wait_until="load", timeout=120_000)
    load_s = time.perf_counter() - started
    at_load = sum(sizes.values())
    page.wait_for_load_state("networkidle", timeout=300_000)
    quiet_s = time.perf_counter() - started
    fcp = page.evaluate(
        "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime"
    )
    context.close()
    return {
        "kb_load": at_load / 1024,
        "kb_all": sum(sizes.values()) / 1024,
        "first_render_s": fcp / 1000,
        "load_s": load_s,
        "quiet_s": quiet_s,
    }


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--page", default="modules/p1-risk-management.html")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = Path(tempfile.mkdtemp(prefix="slow-link-"))
    try:
        ours, plain = build(out)
        urls = {"ours": serve(ours, Precompressed), "plain": serve(plain, Plain)}
        page = {"ours": args.page, "plain": args.page.replace(".html", "/")}
        executable, _ = find_browser()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=DEBIAN_CHROMIUM_FLAGS)
            got = {k: first_visit(browser, urls[k] + page[k]) for k in urls}
            browser.close()
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"first visit of {args.page}, 400 kbit/s, 400 ms latency, 390 px phone")
    print(f"{'':28}{'ours':>10}{'plain Material':>16}{'before (issue)':>16}")
    rows = [
        ("KB transferred to load", "kb_load", BEFORE["kb"]),
        ("KB until network quiet", "kb_all", BEFORE["kb"]),
        ("s to first render", "first_render_s", BEFORE["first_render_s"]),
        ("s to load event", "load_s", None),
        ("s until network quiet", "quiet_s", BEFORE["index_s"]),
    ]
    for label, key, before in rows:
        ref = "" if before is None else f"{before:.1f}"
        print(f"{label:28}{got['ours'][key]:>10.1f}{got['plain'][key]:>16.1f}{ref:>16}")
    ok = got["ours"]["kb_all"] <= 300 and got["ours"]["first_render_s"] <= 3
    print(f"target ≤ 300 KB and ≤ 3 s to first render: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
