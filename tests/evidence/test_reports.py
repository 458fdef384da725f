"""Reports out: item analysis, monitoring dashboard and country reports (HTML, PDF, JSON);
check --items at the question's line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.evidence.conftest import run
from tests.evidence.support import cohort, moodle_csv

HOSTILE = "<script>alert(1)</script> #set page(width: 1pt) 'q'"


@pytest.fixture
def loaded(root: Path, tmp_path: Path) -> Path:
    quiz = root / "quizzes/risk.yml"
    quiz.write_text(quiz.read_text().replace("text: Wrong 2 a", f'text: "{HOSTILE}"'))
    post = tmp_path / "post.csv"
    post.write_text(moodle_csv(cohort(40)).replace("Wrong 2 a", HOSTILE))
    pre = tmp_path / "pre.csv"
    pre.write_text(moodle_csv(cohort(40, seed=1)).replace("Right", "Wrong 0"))
    for path, form in ((post, "post"), (pre, "pre")):
        code, _, err = run(
            "results", "import", "-C", str(root), "SN", str(path), "--quiz", "risk", "--form", form
        )
        assert code == 0, err
    return root


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_results_report_files_are_reproducible_and_escaped(loaded: Path) -> None:
    code, _, err = run("results", "report", "-C", str(loaded), "SN", "--all")
    assert code == 0, err
    folder = loaded / "build/reports/SN"
    files = {n: (folder / n).read_bytes() for n in ("results.html", "results.pdf", "results.json")}
    assert run("results", "report", "-C", str(loaded), "SN")[0] == 0
    assert {n: (folder / n).read_bytes() for n in files} == files
    page = files["results.html"].decode()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<svg role="img" aria-label="Difficulty of each item of risk' in page
    text = pdf_text(folder / "results.pdf")
    assert "<script>alert(1)</script>" in text.replace("\n", " ")
    assert "point-biserial" in text and "Pre-test and post-test" in text
    data = json.loads(files["results.json"])
    gain = data["gains"][0]
    assert gain["quiz"] == "risk" and gain["learners"] == 40
    assert gain["pre"] == 0 and gain["post"] > 30 and gain["gain"] == gain["post"]
    assert (loaded / "build/reports/all/results.json").exists()


def test_report_needs_a_database_and_a_country(root: Path) -> None:
    code, _, err = run("results", "report", "-C", str(root), "SN")
    assert code == 1 and "no results database at" in err and "import results first" in err
    code, _, err = run("results", "report", "-C", str(root))
    assert code == 2 and "name at least one country, or use --all" in err
    code, _, err = run("results", "report", "-C", str(root), "ZZ")
    assert code == 2 and "no country profile for ZZ" in err


def test_monitoring_dashboard_and_country_report(loaded: Path) -> None:
    code, _, err = run("results", "monitoring", "-C", str(loaded), "--today", "2028-01-01")
    assert code == 0, err
    reports = loaded / "build/reports"
    dash = json.loads((reports / "monitoring.json").read_text())
    sn = dash["countries"][0]
    assert sn["country"] == "SN" and sn["heat"][0] == {
        "standard": "P1-S4",
        "level": 2,
        "target": 3,
        "met": False,
    }
    assert [t["mean"] for t in sn["trend"]] == [2.0, 2.5]
    assert sn["overdue"] is True and sn["training"]["modules"] == [
        {"module": "risk", "learners": 40}
    ]
    text = pdf_text(reports / "monitoring.pdf")
    assert "Programme monitoring dashboard" in text and "overdue on 2028-01-01" in text
    country = json.loads((reports / "SN/monitoring.json").read_text())
    assert country["standards"][0]["first"] == 1 and country["standards"][0]["latest"] == 2
    assert country["gaps"][0]["standard"] == "P1-S4"
    assert country["next_modules"][-1]["module"] == "risk"
    assert "P1-S4" in country["next_modules"][-1]["gaps"]
    assert "Open gaps" in pdf_text(reports / "SN/monitoring.pdf")
    html = (reports / "SN/monitoring.html").read_text()
    assert '<html lang="en">' in html and '<th scope="col">' in html


def test_check_items_lists_flagged_questions_at_their_line(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(moodle_csv(cohort(300)))
    assert run("results", "import", "-C", str(root), "SN", str(path), "--quiz", "risk")[0] == 0
    code, _, err = run("check", str(root), "--items")
    assert code == 0
    lines = [x for x in err.splitlines() if "[item.flagged]" in x]
    quiz = (root / "quizzes/risk.yml").read_text().splitlines()
    first = lines[0]
    assert first.startswith("quizzes/risk.yml:4:1: warning: question 'r1' of quiz 'risk'")
    assert quiz[3].strip() == "- id: r1"
    assert first.endswith("(flagged in cohorts: SN) [item.flagged]")
    assert "too easy" in first
    assert err.splitlines()[-1] == f"{len(lines)} flagged items"
    code, _, err = run("check", str(tmp_path / "cur"), "--items", "--db", str(tmp_path / "none.db"))
    assert "no results database at" in err
