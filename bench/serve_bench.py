"""Benchmark the author's loop (issue 18): edit-to-served latency of `curriculum serve` beside
`mkdocs serve --dirty` on the same pages, and `curriculum check` warm after one edit beside cold.

For each size (500 and 2,000 modules by default, 10 questions each, ``bench/synth.py``):

- check: cold (``check --no-cache``), PyYAML's C-loader floor, and warm (``check`` after editing
  one module's body, the cache filled by an earlier run); each a fresh process, median of runs;
- serve: ``curriculum serve`` is started; once the first build is served, one module's body is
  edited (a new paragraph) and the time until the server returns the page with it is measured,
  then the same for the module's title (a new title in its page). The peak memory of the serve
  process is read from ``/proc`` at the end;
- reference: the site's generated pages and config (``curriculum site``) are served by
  ``mkdocs serve --dirty`` (strict off: MkDocs warns about its own dirty builds), and the same
  edits are made to the generated page of the same module.

    .venv/bin/python bench/serve_bench.py [--sizes 500 2000] [--runs 3]

Not part of the tests; it takes several minutes (first builds of 2,000 pages).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))
from check_bench import FLOOR, measure  # noqa: E402
from synth import generate  # noqa: E402

TIMEOUT = 900.0


def free_port() -> int:
    """Return a free TCP port on localhost."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    """Return the page at ``url`` ('' when the server does not answer yet)."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as r:
            return str(r.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, marker: str, since: float) -> float:
    """Poll ``url`` until its page holds ``marker``; return the seconds since ``since``."""
    while marker not in fetch(url):
        if time.perf_counter() - since > TIMEOUT:
            raise SystemExit(f"timed out waiting for {marker!r} at {url}")
        time.sleep(0.01)
    return time.perf_counter() - since


def peak_mb(pid: int) -> float:
    """Return a process's peak resident memory (VmHWM) in MB."""
    text = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    found = re.search(r"VmHWM:\s+(\d+) kB", text)
    return int(found[1]) / 1024 if found else 0.0


def edit_body(path: Path, n: int) -> str:
    """Append a paragraph to a Markdown file; return the text to look for."""
    marker = f"Benchmark paragraph {n} {time.time_ns()}"
    with path.open("a", encoding="utf-8") as f:
        f.write(f"\n\n{marker}.\n")
    return marker


def edit_title(path: Path, n: int) -> str:
    """Give a Markdown file's front matter a new title; return it."""
    marker = f"Benchmark title {n} {time.time_ns()}"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r"^title: .*$", f"title: {marker}", text, count=1, flags=re.M), encoding="utf-8"
    )
    return marker


def loop(cmd: list[str], url: str, source: Path, runs: int, log: Path) -> dict[str, float]:
    """Start a server, wait for its first build, time body and title edits; stop it."""
    started = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    try:
        first = wait_for(url, "</html>", started)
        time.sleep(1.0)  # let the watcher settle
        figures = {"first": first}
        edits: dict[str, Callable[[Path, int], str]] = {"body": edit_body, "title": edit_title}
        for name, edit in edits.items():
            times = []
            for n in range(runs):
                t0 = time.perf_counter()
                times.append(wait_for(url, edit(source, n), t0))
                time.sleep(0.5)
            figures[name] = statistics.median(times)
        figures["mb"] = peak_mb(proc.pid)
        return figures
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def reference_config(root: Path) -> Path:
    """Write the generated MkDocs config of ``curriculum site`` for ``mkdocs serve``."""
    generated = root / "build" / ".site-src" / "mkdocs.yml"
    config = yaml.safe_load(generated.read_text(encoding="utf-8"))
    config["strict"] = False  # MkDocs warns about its own dirty builds
    config.pop("site_dir", None)
    path = generated.with_name("serve-reference.yml")
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def check_figures(root: Path, runs: int) -> dict[str, float]:
    """Return cold, floor and warm-after-one-edit check times (fresh processes)."""
    py = sys.executable
    cold, _ = measure([py, "-m", "builder", "check", "--no-cache", str(root)], runs)
    floor, _ = measure([py, "-c", FLOOR, str(root)], runs)
    measure([py, "-m", "builder", "check", str(root)], 1)  # fill the cache
    module = sorted((root / "modules").glob("*.md"))[len(list((root / "modules").glob("*"))) // 2]
    warm, peak = [], 0.0
    for n in range(runs):
        edit_body(module, n)
        t, mb = measure([py, "-m", "builder", "check", str(root)], 1)
        warm.append(t)
        peak = max(peak, mb)
    return {"cold": cold, "floor": floor, "warm": statistics.median(warm), "warm_mb": peak}


def bench(
    n: int, work: Path, runs: int
) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Return (check, curriculum serve, mkdocs serve --dirty) figures for ``n`` modules."""
    root = work / f"syn{n}"
    generate(root, n)
    checks = check_figures(root, runs)
    mid = "m" + f"{n // 2:05d}"
    port = free_port()
    ours = loop(
        [str(BIN / "curriculum"), "serve", "-C", str(root), "--port", str(port)],
        f"http://127.0.0.1:{port}/modules/{mid}.html",
        root / "modules" / f"{mid}.md",
        runs,
        work / f"serve-{n}.log",
    )
    subprocess.run(
        [str(BIN / "curriculum"), "site", "-C", str(root)], check=True, capture_output=True
    )
    config = reference_config(root)
    port = free_port()
    ref = loop(
        [str(BIN / "mkdocs"), "serve", "--dirty", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        f"http://127.0.0.1:{port}/modules/{mid}.html",
        root / "build" / ".site-src" / "docs" / "modules" / f"{mid}.md",
        runs,
        work / f"mkdocs-{n}.log",
    )
    return checks, ours, ref


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"{os.cpu_count()} CPUs; load average before: {os.getloadavg()}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            rows.append((n, *bench(n, Path(tmp), args.runs)))
    print("\ncurriculum check (fresh processes, median): cold vs the C-loader floor, and warm")
    print("after editing one module's body (the cache filled by an earlier run)")
    print(
        f"{'modules':>8} {'questions':>9} | {'cold s':>7} {'floor s':>7} {'ratio':>5} | "
        f"{'warm s':>7} {'warm MB':>7}"
    )
    for n, c, _, _ in rows:
        print(
            f"{n:>8} {n * 10:>9} | {c['cold']:>7.2f} {c['floor']:>7.2f} "
            f"{c['cold'] / c['floor']:>5.2f} | {c['warm']:>7.2f} {c['warm_mb']:>7.0f}"
        )
    print("\nedit-to-served (seconds from saving the file to the server returning the new page)")
    print(
        f"{'modules':>8} {'tool':<26} {'first build':>11} {'body edit':>9} "
        f"{'title edit':>10} {'peak MB':>8}"
    )
    for n, _, ours, ref in rows:
        for name, f in (("curriculum serve", ours), ("mkdocs serve --dirty", ref)):
            print(
                f"{n:>8} {name:<26} {f['first']:>11.2f} {f['body']:>9.2f} "
                f"{f['title']:>10.2f} {f['mb']:>8.0f}"
            )
        print(
            f"{'':>8} {'speed-up (mkdocs / ours)':<26} {ref['first'] / ours['first']:>10.1f}x "
            f"{ref['body'] / ours['body']:>8.1f}x {ref['title'] / ours['title']:>9.1f}x"
        )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
