"""Benchmark of the course packs: ``python bench/pack_bench.py [--keep DIR]``.

Prints, in one run (each phase in a fresh process, so memory peaks are per phase):

1. one 30-module pack in all formats, cold cache (target ≤ 5 s): a copy of the curriculum with
   a bench country (KE, English) that includes every module;
2. ``--all`` cold: the six sample packs, empty cache;
3. ``--all`` again after editing one module (target ≤ 25 % of cold), for a module that some
   packs have and for one that every pack has;
4. the LMS packages of the 30-module pack (SCORM 1.2, SCORM 2004, cmi5), cold: their share of
   the pack's cold time (target: they add at most 40 % to the pack without them).

Each line gives wall time, CPU time (user + system, this process and its children, pack
workers included: the honest
figure on a shared machine) and the peak resident memory of the process and of its largest
child (``resource.getrusage``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import add_bench_country  # noqa: E402

SOME_PACKS = "p2-aeo-validation"
EVERY_PACK = "supply-chain-security-basics"


def copy_curriculum(dest: Path, with_bench_country: bool) -> Path:
    """Copy the curriculum sources (not build/) to ``dest``; maybe add the 30-module country."""
    for name in ("curriculum", "modules", "quizzes"):
        shutil.copytree(ROOT / name, dest / name)
    if with_bench_country:
        add_bench_country(dest, "CE-1")
    return dest


def phase(root: Path, codes: list[str]) -> None:
    """Run one build in this process and print its figures as JSON (called in a child process)."""
    sys.path.insert(0, str(ROOT))
    from builder.packs.build import build_packs
    from builder.validate.orchestrator import check_curriculum

    start, cpu0 = time.perf_counter(), _cpu()
    result = check_curriculum(root)
    summary = build_packs(
        result.course,
        root,
        codes or list(result.course.countries),
        root / "build" / "packs",
        jobs=2,
        progress=False,
    )
    _stop_forkserver()
    self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    first = summary.split("\n", 1)[0]
    print(
        json.dumps(
            {
                "wall": time.perf_counter() - start,
                "cpu": _cpu() - cpu0,
                "self_kb": self_peak,
                "child_kb": child_peak,
                "summary": first,
            }
        )
    )


def lms_phase(root: Path, code: str) -> None:
    """Time the LMS packages of one pack with an empty cache (called in a child process)."""
    sys.path.insert(0, str(ROOT))
    from builder.packs.cache import Cache
    from builder.packs.content.content import build_content
    from builder.packs.formats.lms_packages import lms_packages
    from builder.validate.orchestrator import check_curriculum

    result = check_curriculum(root)
    assert result.curriculum is not None and result.course is not None
    content = build_content(result.curriculum, result.course.plan(code))
    with tempfile.TemporaryDirectory() as tmp:
        start, cpu0 = time.perf_counter(), _cpu()
        files, _ = lms_packages(content, Cache(Path(tmp)))
        wall, cpu = time.perf_counter() - start, _cpu() - cpu0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = sum(len(b) for b in files.values())
    print(json.dumps({"wall": wall, "cpu": cpu, "self_kb": peak, "child_kb": 0, "bytes": size}))


def _stop_forkserver() -> None:
    """Stop and reap the fork server that pack workers come from, so that its CPU time and its
    workers' (which it reaped) count in this process's children."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)
    if stop is not None:
        stop()


def _cpu() -> float:
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_phase(root: Path, codes: list[str], kind: str = "--phase") -> dict[str, float | str]:
    """Run :func:`phase` (or ``--lms-phase``) in a fresh Python and return its figures."""
    out = subprocess.run(
        [sys.executable, __file__, kind, str(root), *codes],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float | str] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def edit(root: Path, module: str) -> None:
    """Change one sentence of a module's body (a real edit, not a touch)."""
    path = root / "modules" / f"{module}.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nOne more sentence for the benchmark.\n",
        encoding="utf-8",
    )


def line(label: str, f: dict[str, float | str], extra: str = "") -> str:
    """Return one result line."""
    return (
        f"{label:<46} wall {float(f['wall']):6.2f} s  cpu {float(f['cpu']):6.2f} s  "
        f"peak {int(f['self_kb']) // 1024:4d} "
        f"MB (children {int(f['child_kb']) // 1024:4d} MB){extra}"
    )


def lms_line(lms: dict[str, float | str], pack: dict[str, float | str]) -> str:
    """Return the line of the LMS packages: their share of the pack's cold time without them."""
    added = float(lms["wall"]) / (float(pack["wall"]) - float(lms["wall"])) * 100
    added_cpu = float(lms["cpu"]) / (float(pack["cpu"]) - float(lms["cpu"])) * 100
    return line(
        "its LMS packages (SCORM, cmi5, CC), cold",
        lms,
        f"  +{added:.0f} % wall, +{added_cpu:.0f} % cpu on the pack without them "
        f"(target <= 40 %); {int(lms['bytes']) // 1024} KB",
    )


def main() -> None:
    """Run every phase and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--lms-phase", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument(
        "--keep", type=Path, help="Work in this folder and keep it (default: a temporary one)."
    )
    args = ap.parse_args()
    if args.phase:
        phase(Path(args.phase[0]), args.phase[1:])
        return
    if args.lms_phase:
        lms_phase(Path(args.lms_phase[0]), args.lms_phase[1])
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="pack-bench-"))
    print(
        f"{os.cpu_count()} CPUs; load average before: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} "
        "(wall times need an idle machine)"
    )
    try:
        one = copy_curriculum(work / "one", with_bench_country=True)
        first = run_phase(one, ["KE"])
        print(line("one 30-module pack (KE), cold, all formats", first, "  target <= 5 s"))
        print(lms_line(run_phase(one, ["KE"], "--lms-phase"), first))
        print(line("same pack again, warm cache", run_phase(one, ["KE"])))
        every = copy_curriculum(work / "all", with_bench_country=False)
        cold = run_phase(every, [])
        print(line("--all (6 packs), cold", cold))
        for module in (SOME_PACKS, EVERY_PACK):
            edit(every, module)
            again = run_phase(every, [])
            ratio = float(again["wall"]) / float(cold["wall"]) * 100
            cpu_ratio = float(again["cpu"]) / float(cold["cpu"]) * 100
            print(
                line(
                    f"--all after editing {module}",
                    again,
                    f"  {ratio:.0f} % of cold wall, {cpu_ratio:.0f} % of cold cpu (target <= 25 %)",
                )
            )
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
