"""Benchmark the results import and the reports against the floor: the time the standard
library takes to read the same rows into SQLite (csv + sqlite3 executemany) or out of it.

Usage: .venv/bin/python bench/results_bench.py [--responses N] [--learners N] [--countries N]
Defaults: 100,000 responses imported; a report over 50 countries and 10,000 learners.
Targets (issue 17): import of 100,000 responses ≤ 10 s; report ≤ 10 s. Each command runs in a
fresh process (the curriculum check included), median of three runs, peak memory beside it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.evidence.support import ITEMS, cohort, make_root, moodle_csv  # noqa: E402

CLI = [sys.executable, "-m", "builder"]

FLOOR_IMPORT = r"""
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[2])
conn.execute("CREATE TABLE r (learner TEXT, question TEXT, response TEXT)")
with open(sys.argv[1], newline="", encoding="utf-8") as fh:
    rows = csv.reader(fh)
    head = next(rows)
    cols = [i for i, h in enumerate(head) if h.startswith("Response ")]
    with conn:
        conn.executemany(
            "INSERT INTO r VALUES (?, ?, ?)",
            ((row[2], head[i], row[i]) for row in rows for i in cols),
        )
"""

FLOOR_REPORT = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT a.country, a.learner, a.quiz, r.question, r.correct, r.choices "
    "FROM responses r JOIN attempts a ON a.id = r.attempt"
).fetchall()
"""


def measure(cmd: list[str], runs: int = 3, setup: object = None) -> tuple[float, float]:
    """Return (median seconds, peak MB) of a command run in fresh processes."""
    times, peaks = [], []
    for _ in range(runs):
        if callable(setup):
            setup()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) != 0:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise SystemExit(f"command failed: {' '.join(cmd)}\n{err[-2000:]}")
    return statistics.median(times), max(peaks)


def add_countries(root: Path, n: int) -> list[str]:
    """Write ``n`` country profiles (copies of SN with other codes); return their codes."""
    import pycountry

    codes = sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 != "SN")[: n - 1]
    text = (root / "curriculum/countries/SN.yml").read_text()
    for code in codes:
        (root / f"curriculum/countries/{code}.yml").write_text(text.replace("SN", code, 1))
    return ["SN", *codes]


def line(name: str, ours: tuple[float, float], floor: tuple[float, float], target: float) -> str:
    ratio = ours[0] / floor[0] if floor[0] else float("inf")
    ok = "ok" if ours[0] <= target else "OVER TARGET"
    return (
        f"{name:<34} | {ours[0]:7.2f} s {ours[1]:6.0f} MB | {floor[0]:7.2f} s {floor[1]:6.0f} MB "
        f"| {ratio:5.1f}x | target ≤ {target:.0f} s: {ok}"
    )


def bench_import(tmp: Path, responses: int) -> str:
    root = make_root(tmp / "imp")
    learners = -(-responses // len(ITEMS))
    csv_path = tmp / "responses.csv"
    csv_path.write_text(moodle_csv(cohort(learners)), encoding="utf-8")
    db = tmp / "imp.sqlite"
    floor_db = tmp / "floor.sqlite"
    cmd = [*CLI, "results", "import", "-C", str(root), "--db", str(db), "SN", str(csv_path)]
    ours = measure([*cmd, "--quiz", "risk"], setup=lambda: db.unlink(missing_ok=True))
    floor = measure(
        [sys.executable, "-c", FLOOR_IMPORT, str(csv_path), str(floor_db)],
        setup=lambda: floor_db.unlink(missing_ok=True),
    )
    return line(f"import {learners * len(ITEMS):,} responses", ours, floor, 10)


def bench_report(tmp: Path, learners: int, countries: int) -> list[str]:
    root = make_root(tmp / "rep")
    codes = add_countries(root, countries)
    db = tmp / "rep.sqlite"
    per = learners // len(codes)
    for i, code in enumerate(codes):
        path = tmp / f"{code}.csv"
        text = moodle_csv(cohort(per, seed=i)).replace("learner", f"{code.lower()}-")
        path.write_text(text, encoding="utf-8")
        cmd = [*CLI, "results", "import", "-C", str(root), "--db", str(db), code, str(path)]
        subprocess.run([*cmd, "--quiz", "risk"], check=True, capture_output=True, cwd=ROOT)
    floor = measure([sys.executable, "-c", FLOOR_REPORT, str(db)])
    out = tmp / "reports"
    rep = [*CLI, "results", "report", "-C", str(root), "--db", str(db), "--out", str(out)]
    mon = [*CLI, "results", "monitoring", "-C", str(root), "--db", str(db), "--out", str(out)]
    name = f"{countries} countries, {per * len(codes):,} learners"
    return [
        line(f"report --all ({name})", measure([*rep, "--all"]), floor, 10),
        line("report every country + --all", measure([*rep, *codes, "--all"], runs=1), floor, 10),
        line(f"monitoring ({countries} countries)", measure(mon, runs=1), floor, 10),
    ]


def main() -> None:
    """Generate the data and print ours beside the floor."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--responses", type=int, default=100_000)
    ap.add_argument("--learners", type=int, default=10_000)
    ap.add_argument("--countries", type=int, default=50)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'':<34} | {'curriculum':>18} | {'stdlib floor':>18} | ratio |")
    tmp = Path(tempfile.mkdtemp())
    try:
        print(bench_import(tmp, args.responses), flush=True)
        for text in bench_report(tmp, args.learners, args.countries):
            print(text, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
