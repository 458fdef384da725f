"""Benchmark `curriculum check` against a floor: reading and parsing the same YAML with
PyYAML's C loader.

Usage: .venv/bin/python bench/check_bench.py [N ...]   (default N = 2000)
Each command runs in a fresh process, three times (the check with ``--no-cache``: a cold check;
``bench/serve_bench.py`` measures the warm one); the median wall time and the peak memory
(max RSS) are printed side by side. Targets (issue 2): N=2000 in at most 1.0 s and at most 3x the
floor, peak memory at most 300 MB.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synth import generate  # noqa: E402

FLOOR = r"""
import sys, pathlib, yaml
root = pathlib.Path(sys.argv[1])
docs = []
for p in sorted(root.glob("curriculum/**/*.yml")) + sorted(root.glob("quizzes/*.yml")):
    docs.append(yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
for p in sorted(root.glob("modules/*.md")):
    text = p.read_text(encoding="utf-8")
    front = text.split("\n---\n", 1)[0][4:]
    docs.append(yaml.load(front, Loader=yaml.CSafeLoader))
"""


def measure(cmd: list[str], runs: int = 3) -> tuple[float, float]:
    """Return (median seconds, peak MB) of a command run in fresh processes."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"command failed: {' '.join(cmd)}")
    return statistics.median(times), max(peaks)


def main() -> None:
    """Generate synthetic curricula and print the figures."""
    sizes = [int(a) for a in sys.argv[1:]] or [2000]
    py = sys.executable
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(
        f"{'N':>6} {'questions':>9} | {'check s':>8} {'MB':>6} | {'floor s':>8} {'MB':>6} "
        f"| {'ratio':>5}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            root = Path(tmp) / f"c{n}"
            generate(root, n)
            check_t, check_mb = measure([py, "-m", "builder", "check", "--no-cache", str(root)])
            floor_t, floor_mb = measure([py, "-c", FLOOR, str(root)])
            print(
                f"{n:>6} {n * 10:>9} | {check_t:>8.2f} {check_mb:>6.0f} | {floor_t:>8.2f} "
                f"{floor_mb:>6.0f} | {check_t / floor_t:>5.2f}"
            )


if __name__ == "__main__":
    main()
