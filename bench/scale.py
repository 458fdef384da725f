"""Scale check: time grows linearly with size through `check`, `site` and `pack`.

    .venv/bin/python bench/scale.py [--site] [--packs]

Prints, each in a fresh process: `curriculum check` on synthetic curricula of 500, 1,000 and
2,000 modules; on a curriculum with one 1 MB and one 5 MB module; on ones whose quizzes have 250
and 1,000 questions each; with --site, `curriculum site` on the same; with --packs, one course
pack in every format (`curriculum pack`, cold cache): for the 500-2,000 module cases the pack of
synthetic country SN, whose plan takes about 97 % of the modules (gaps on 30 standards and their
prerequisites), and for the big-module and big-quiz cases the pack of a country that takes all
20 modules. Each row gives the time per unit of
size, so linear growth shows as a flat column.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synth import add_bench_country, generate  # noqa: E402


def timed(*args: str) -> float:
    """Run ``curriculum ARGS`` and return its wall time; fail loudly."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "builder", *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"curriculum {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def big_module(root: Path, megabytes: int) -> None:
    """Grow the first module's body to about ``megabytes`` MB."""
    path = sorted((root / "modules").glob("*.md"))[0]
    para = (
        "Customs officers screen advance cargo data against risk indicators before loading. " * 12
    )
    chunks = [f"## Part {i}\n\n{para}\n" for i in range(megabytes * 1_000_000 // (len(para) + 20))]
    path.write_text(path.read_text(encoding="utf-8") + "\n" + "\n".join(chunks), encoding="utf-8")


def main() -> None:
    """Generate the cases and print the table."""
    with_site, with_packs = "--site" in sys.argv, "--packs" in sys.argv
    header = f"{'case':<28} {'size':>8} {'check s':>8} {'s/unit':>10}"
    header += f" {'site s':>8} {'s/unit':>10}" if with_site else ""
    header += f" {'pack s':>8} {'s/unit':>10}" if with_packs else ""
    print(header)
    with tempfile.TemporaryDirectory() as tmp:
        cases: list[tuple[str, Path, int, str]] = []
        for n in (500, 1000, 2000):
            root = Path(tmp) / f"n{n}"
            generate(root, n)
            cases.append((f"{n} modules, 10 q each", root, n, "SN"))
        for mb in (1, 5):
            root = Path(tmp) / f"mb{mb}"
            generate(root, 20)
            big_module(root, mb)
            add_bench_country(root, "S-0")
            cases.append((f"one {mb} MB module", root, mb, "KE"))
        for q in (250, 1000):
            root = Path(tmp) / f"q{q}"
            generate(root, 20, questions=q)
            add_bench_country(root, "S-0")
            cases.append((f"20 quizzes of {q} questions", root, q, "KE"))
        for name, root, size, country in cases:
            t = timed("check", str(root))
            row = f"{name:<28} {size:>8} {t:>8.2f} {t / size:>10.4f}"
            if with_site:
                s = timed("site", "-C", str(root))
                row += f" {s:>8.2f} {s / size:>10.4f}"
            if with_packs:
                p = timed("pack", "-C", str(root), country)
                row += f" {p:>8.2f} {p / size:>10.4f}"
            print(row, flush=True)


if __name__ == "__main__":
    main()
