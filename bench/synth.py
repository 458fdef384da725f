"""Generate a synthetic, valid curriculum of N modules.

A random prerequisite DAG, 10 questions each.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

TYPES = ("single", "multiple", "true-false", "short", "numeric", "match", "order")
WORDS = [
    "customs",
    "risk",
    "cargo",
    "container",
    "manifest",
    "inspection",
    "targeting",
    "operator",
    "security",
    "facilitation",
    "border",
    "agency",
    "declaration",
    "consignment",
    "analysis",
    "profile",
    "validation",
    "partner",
    "trade",
    "data",
]


def _para(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _question(rng: random.Random, i: int, objective: str) -> str:
    kind = TYPES[i % len(TYPES)]
    head = (
        f"  - id: q{i:02d}\n    type: {kind}\n    objective: {objective}\n"
        f"    prompt: {_para(rng, 12)}\n    explanation: {_para(rng, 14)}\n"
    )
    if kind in ("single", "multiple"):
        opts = "".join(
            (
                f"      - {{text: {_para(rng, 4)}, correct: "
                f"{'true' if j == 0 or (kind == 'multiple' and j == 1) else 'false'}, "
                f"feedback: {_para(rng, 6)}}}\n"
            )
            for j in range(4)
        )
        return head + "    options:\n" + opts
    if kind == "true-false":
        return head + (
            f"    answer: true\n    true_feedback: {_para(rng, 5)}\n    false_feedback: "
            f"{_para(rng, 5)}\n"
        )
    if kind == "short":
        return head + "    answers: [risk, risk management]\n"
    if kind == "numeric":
        return head + "    value: 11\n    tolerance: 0\n"
    if kind == "match":
        return (
            head
            + "    pairs:\n"
            + "".join(
                f"      - {{left: L{j} {rng.choice(WORDS)}, right: R{j} {rng.choice(WORDS)}}}\n"
                for j in range(3)
            )
        )
    return head + "    items: [first, second, third, fourth]\n"


PROGRAMME = """title: Synthetic curriculum
version: 1.0.0
source_language: en
languages: [en, fr]
audiences: [{id: frontline, title: Frontline}, {id: managers, title: Managers}]
maturity_scale:
  - {level: 0, name: None, description: Nothing.}
  - {level: 1, name: Initial, description: Some.}
  - {level: 2, name: Developing, description: More.}
  - {level: 3, name: Established, description: Most.}
  - {level: 4, name: Advanced, description: All.}
tracks:
"""


def generate(
    root: Path, n: int, seed: int = 1, countries: int = 4, questions: int = 10, tracks: int = 5
) -> None:
    """Write the synthetic curriculum under ``root`` (replacing it)."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    for d in ("curriculum/countries", "modules", "quizzes"):
        (root / d).mkdir(parents=True)
    (root / "curriculum/programme.yml").write_text(
        PROGRAMME + "".join(f"  - {{id: track-{t}, title: Track {t}}}\n" for t in range(tracks)),
        encoding="utf-8",
    )
    stds = [f"S-{i}" for i in range(max(10, n // 20))]
    (root / "curriculum/standards.yml").write_text(
        "groups: [{id: main, title: Main}]\nstandards:\n"
        + "".join(
            (
                f"  - {{id: {s}, group: main, title: Standard {s}, description: A standard., "
                "source: "
                "Synthetic}\n"
            )
            for s in stds
        ),
        encoding="utf-8",
    )
    ids = [f"m{i:05d}" for i in range(n)]
    for i, mid in enumerate(ids):
        track = min(i * tracks // n, tracks - 1)
        same_or_earlier = ids[max(0, i - 50) : i]
        prereqs = sorted(rng.sample(same_or_earlier, min(len(same_or_earlier), rng.randint(0, 3))))
        std = rng.sample(stds, 2)
        body = "\n\n".join(f"## Part {k}\n\n{_para(rng, 120)}" for k in range(4))
        (root / f"modules/{mid}.md").write_text(
            f"---\nid: {mid}\ntitle: Module {i}\nsummary: {_para(rng, 10)}\ntrack: "
            f"track-{track}\norder: "
            f"{rng.randint(0, 100)}\n"
            f"prerequisites: [{', '.join(prereqs)}]\nstandards: [{', '.join(std)}]\n"
            "objectives:\n  - {id: obj-a, text: Do the first thing.}\n  - {id: obj-b, text: "
            "Do the second thing.}\n"
            "audience: [frontline]\nlevel: introductory\nduration: {teaching: 60, practice: "
            "30}\nversion: 1.0.0\n"
            f"sources: [Synthetic]\n---\n\n{body}\n\n::: exercise "
            f'"Try"\n{_para(rng, 30)}\n:::\n\n::: '
            f"instructor\n{_para(rng, 30)}\n:::\n",
            encoding="utf-8",
        )
        qs = "".join(
            _question(rng, q, "obj-a" if q % 2 == 0 else "obj-b") for q in range(questions)
        )
        (root / f"quizzes/{mid}.yml").write_text(
            f"module: {mid}\nmode: practice\nquestions:\n{qs}", encoding="utf-8"
        )
    for c, code in enumerate(["SN", "GT", "NG", "LK", "BY", "MZ", "KE", "PE"][:countries]):
        levels = ", ".join(f"{s}: {rng.randint(0, 4)}" for s in stds[:30])
        (root / f"curriculum/countries/{code}.yml").write_text(
            f"country: {code}\nadministration: Customs {c}\nlanguages: [fr, en]\nsample_data: "
            "true\n"
            f"assessments:\n  - {{date: 2026-03-1{c}, kind: initial, levels: {{{levels}}}}}\n"
            "targets: {default: 3}\ndelivery: {start: 2027-01-11, timezone: Africa/Dakar, "
            "hours_per_day: 6, days: [mon, tue, wed, thu, fri]}\n",
            encoding="utf-8",
        )


BENCH_COUNTRY = """\
country: KE
administration: Kenya Revenue Authority (bench profile)
languages: [en]
sample_data: true
assessments:
  - {date: 2026-01-12, kind: initial, levels: {%s: 1}}
targets: {default: 0}
delivery: {start: 2027-01-11, timezone: Africa/Nairobi, hours_per_day: 6}
include: [%s]
"""


def add_bench_country(root: Path, standard: str) -> None:
    """Add country KE whose plan takes every module of ``root`` (a pack that holds them all);
    ``standard`` is any standard of the catalogue, for its assessment."""
    ids = sorted(p.stem for p in (root / "modules").glob("*.md") if "." not in p.stem)
    (root / "curriculum" / "countries" / "KE.yml").write_text(
        BENCH_COUNTRY % (standard, ", ".join(ids)), encoding="utf-8"
    )


def main() -> None:
    """Command line: ``python bench/synth.py OUT N``."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate(args.out, args.n, args.seed)


if __name__ == "__main__":
    main()
