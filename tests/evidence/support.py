"""A small curriculum for the evidence tests and a synthetic cohort with known properties."""

from __future__ import annotations

import csv
import io
import math
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

MINIMAL = Path(__file__).resolve().parents[1] / "core" / "minimal"

#: The risk quiz of the fixture: twelve single-choice items, four options each (the first right).
RISK_QUIZ = """module: risk
pass_mark: 50
questions:
""" + "".join(
    f"""  - id: r{i}
    type: single
    objective: {"assess-risk" if i % 2 else "treat-risk"}
    prompt: Risk question {i}?
    options:
      - {{text: Right {i}, correct: true, feedback: Yes.}}
      - {{text: Wrong {i} a, feedback: No.}}
      - {{text: Wrong {i} b, feedback: No.}}
      - {{text: Wrong {i} c, feedback: No.}}
    explanation: Because.
"""
    for i in range(1, 13)
)


def make_root(tmp: Path) -> Path:
    """Copy the minimal curriculum to ``tmp`` with the six-item risk quiz; return the root."""
    root = tmp / "cur"
    shutil.copytree(MINIMAL, root)
    (root / "quizzes" / "risk.yml").write_text(RISK_QUIZ, encoding="utf-8")
    return root


@dataclass(frozen=True)
class ItemSpec:
    """A synthetic item: its difficulty parameter and how wrong learners pick distractors."""

    b: float
    a: float = 1.5
    distractors: tuple[float, float, float] = (0.5, 0.3, 0.2)
    attractive: bool = False
    """When set, distractor 1 (option index 1) lures the ablest learners instead."""


ITEMS = (
    ItemSpec(-3.5),  # r1: too easy
    ItemSpec(0.0),  # r2: a good item
    ItemSpec(3.5),  # r3: too hard
    ItemSpec(0.0, a=0.0),  # r4: not discriminating (guessing)
    ItemSpec(-0.5, distractors=(0.6, 0.4, 0.0)),  # r5: a distractor nobody chooses
    ItemSpec(0.2, distractors=(0.05, 0.5, 0.45), attractive=True),  # r6: best learners lured
    *(ItemSpec(b) for b in (-1.0, -0.5, 0.0, 0.3, 0.6, 1.0)),  # r7-r12: good items
)


def cohort(n: int, seed: int = 7) -> list[tuple[str, str, list[int]]]:
    """Return ``n`` learners: (e-mail, started on, chosen option index per item)."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        theta = rng.gauss(0, 1)
        picks = [_pick(rng, spec, theta) for spec in ITEMS]
        out.append((f"learner{k}@example.org", f"2027-01-{1 + k % 28:02d} 10:00", picks))
    return out


def _pick(rng: random.Random, spec: ItemSpec, theta: float) -> int:
    if spec.attractive and theta > 0.5:
        return 1 if rng.random() < 0.9 else 0
    p = 1 / (1 + math.exp(-spec.a * (theta - spec.b)))
    if rng.random() < p:
        return 0
    r, acc = rng.random(), 0.0
    for i, w in enumerate(spec.distractors, start=1):
        acc += w
        if r < acc:
            return i
    return 3


def moodle_csv(learners: list[tuple[str, str, list[int]]]) -> str:
    """Return a Moodle 'Responses' export of the risk quiz for ``learners``."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    head = ["Surname", "First name", "Email address", "State", "Started on", "Completed"]
    w.writerow(head + ["Grade/12.00"] + [f"Response {i}" for i in range(1, len(ITEMS) + 1)])
    for email, started, picks in learners:
        name = email.split("@")[0]
        texts = [
            f"Right {i}" if p == 0 else f"Wrong {i} {'abc'[p - 1]}" for i, p in enumerate(picks, 1)
        ]
        grade = sum(1 for p in picks if p == 0)
        w.writerow(
            [name.title(), "Test", email, "Finished", started, started, f"{grade:.2f}", *texts]
        )
    return buf.getvalue()
