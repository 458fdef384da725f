"""The site's programme monitoring page: aggregated, never below a group of five."""

from __future__ import annotations

import json
from pathlib import Path

from builder.site.build import build_site
from builder.validate.orchestrator import check_curriculum
from tests.evidence.conftest import run
from tests.evidence.support import cohort, moodle_csv


def exam_csv(n: int, seed: int) -> str:
    text = moodle_csv(cohort(n, seed))
    return text.replace("Right 1", "Exam option consignee").replace("learner", f"s{seed}x")


def delivered(page: str) -> str:
    """Return the 'Modules delivered' cell of SN's row."""
    row = page[page.rindex("<td>Senegal</td>") :].split("</tr>")[0]  # countries by name
    return row.split("<td")[4].split(">", 1)[1].split("<")[0]


def built(root: Path, tmp_path: Path) -> str:
    result = check_curriculum(root)
    assert result.course is not None
    out = tmp_path / "site"
    build_site(result.course, root, out)
    return (out / "countries/monitoring.html").read_text(encoding="utf-8")


def test_page_without_results_shows_levels_and_due_dates(root: Path, tmp_path: Path) -> None:
    page = built(root, tmp_path)
    assert "Programme monitoring" in page
    assert "2/3 ✗" in page and "3/3 ✓" in page
    assert "Modules delivered" in page and "overdue" not in page


def test_groups_below_five_are_withheld_and_no_learner_is_named(root: Path, tmp_path: Path) -> None:
    small = tmp_path / "small.csv"
    small.write_text(moodle_csv(cohort(4)))
    assert (
        run("results", "import", "-C", str(root), "SN", str(small), "--quiz", "risk", "--names")[0]
        == 0
    )
    page = built(root, tmp_path)
    assert delivered(page) == "0"  # four learners: withheld, so not counted as delivered
    for i in range(4):
        assert f"learner{i}" not in page.lower()
    big = tmp_path / "big.csv"
    big.write_text(moodle_csv(cohort(6, seed=3)).replace("learner", "other"))
    assert (
        run("results", "import", "-C", str(root), "SN", str(big), "--quiz", "risk", "--names")[0]
        == 0
    )
    page = built(root, tmp_path)
    assert delivered(page) == "1"  # ten learners now
    db = root / "results/results.sqlite"
    assert db.exists() and "results" not in json.dumps(
        sorted(p.name for p in (tmp_path / "site").iterdir())
    )
    assert "L" not in [w[:1] for w in page.split() if len(w) == 13 and w[1:].isalnum()]
    assert "other0" not in page.lower() and "Other0" not in page
