"""Item statistics against an independent computation, on random and synthetic cohorts."""

from __future__ import annotations

import statistics
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.evidence.items import groups, point_biserial, quiz_stats, totals
from tests.evidence.conftest import run
from tests.evidence.support import ITEMS, cohort, moodle_csv

Cohort = dict[str, dict[str, tuple[bool, tuple[int, ...]]]]


def independent(attempts: Cohort, qid: str) -> tuple[float, float | None, float]:
    """Difficulty, point-biserial (statistics.correlation) and the upper-lower index."""
    ids = sorted(attempts)
    x = [1.0 if attempts[a][qid][0] else 0.0 for a in ids]
    total = [float(sum(ok for ok, _ in attempts[a].values())) for a in ids]
    p = sum(x) / len(x)
    try:
        r = statistics.correlation(x, total)
    except statistics.StatisticsError:
        r = None
    ranked = sorted(ids, key=lambda a: (-sum(ok for ok, _ in attempts[a].values()), a))
    k = max(1, round(0.27 * len(ids)))
    up = sum(attempts[a][qid][0] for a in ranked[:k]) / k
    low = sum(attempts[a][qid][0] for a in ranked[-k:]) / k
    return p, r, up - low


answers = st.lists(st.lists(st.booleans(), min_size=4, max_size=4), min_size=2, max_size=60)


@given(answers)
@settings(max_examples=150, deadline=None)
def test_statistics_match_an_independent_computation(rows: list[list[bool]]) -> None:
    attempts: Cohort = {
        f"a{i:03d}": {f"q{j}": (ok, (0,) if ok else (1,)) for j, ok in enumerate(row)}
        for i, row in enumerate(rows)
    }
    stats = quiz_stats(attempts, [(f"q{j}", [True, False]) for j in range(4)])
    for s in stats:
        p, r, d = independent(attempts, s.question)
        assert abs(s.difficulty - p) < 1e-9
        assert abs((s.upper_lower or 0) - d) < 1e-9
        if r is None or s.point_biserial is None:
            assert s.point_biserial is None or abs(s.point_biserial) < 1e-9 or r is None
        else:
            assert abs(s.point_biserial - r) < 1e-9
        assert abs(sum(o.rate for o in s.options) - 1) < 1e-9


def test_groups_are_27_percent_and_deterministic() -> None:
    total = {f"a{i}": i % 5 for i in range(100)}
    upper, lower = groups(total)
    assert len(upper) == len(lower) == 27
    assert min(total[a] for a in upper) >= max(total[a] for a in lower)
    assert groups(dict(reversed(list(total.items())))) == (upper, lower)
    assert totals({"x": {"q": (True, ()), "r": (False, ())}}) == {"x": 1}
    assert point_biserial([1], [1.0]) is None


def test_synthetic_cohort_flags_the_items_built_to_be_flagged(root: Path, tmp_path: Path) -> None:
    """Each flagged kind has one item built for it (tests/evidence/support.py)."""
    assert len(ITEMS) == 12
    path = tmp_path / "cohort.csv"
    path.write_text(moodle_csv(cohort(600)))
    assert run("results", "import", "-C", str(root), "SN", str(path), "--quiz", "risk")[0] == 0
    code, out, err = run("results", "report", "-C", str(root), "SN", "--format", "json")
    assert code == 0, err
    import json

    report = json.loads(out)
    items = {i["question"]: i for i in report["quizzes"][0]["items"]}
    assert "too-easy" in items["r1"]["flags"]
    assert "too-hard" in items["r3"]["flags"]
    assert "not-discriminating" in items["r4"]["flags"]
    assert "unused-distractor" in items["r5"]["flags"]
    assert items["r5"]["options"][3]["rate"] == 0
    assert "attractive-distractor" in items["r6"]["flags"]
    for q in ("r2", *(f"r{i}" for i in range(7, 13))):
        assert items[q]["flags"] == [], (q, items[q])
        assert items[q]["point_biserial"] > 0.3 and items[q]["upper_lower"] > 0.3
    assert items["r1"]["difficulty"] > 0.9 and items["r3"]["difficulty"] < 0.2
    assert report["learners"] == 600 and report["modules"][0]["module"] == "risk"
