"""The `curriculum` command: exit codes, formats, subcommands."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder import __version__
from builder.cli import main

MINIMAL = Path(__file__).parent / "minimal"
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    shutil.copytree(MINIMAL, root)
    risk = root / "modules/risk.md"
    risk.write_text(risk.read_text().replace("prerequisites: [intro]", "prerequisites: [intr]"))
    data = root / "quizzes/data.yml"
    data.write_text(data.read_text().replace("objective: time-data", "objective: list-data"))
    exam = root / "quizzes/advanced-exam.yml"
    exam.write_text(
        exam.read_text().replace("objective: data/time-data", "objective: data/list-data")
    )
    return root


def test_version_and_help_of_every_subcommand() -> None:
    assert run("--version")[1].strip() == f"curriculum, version {__version__}"
    for cmd in ("check", "order", "plan", "new", "reference", "site", "serve", "pack", "build"):
        code, out, _ = run(cmd, "--help")
        assert code == 0 and "Usage:" in out


def test_check_clean_exits_0() -> None:
    code, _, err = run("check", str(MINIMAL))
    assert code == 0
    assert err.strip() == "0 errors, 0 warnings"


def test_check_reports_compiler_style_with_source_line(broken: Path) -> None:
    code, _, err = run("check", str(broken))
    assert code == 1
    assert err.splitlines() == [
        (
            "modules/data.md:11:10: warning: objective 'time-data' is assessed by no quiz question "
            "[objective.unassessed]"
        ),
        "    11 |   - {id: time-data, text: Say when data arrives.}",
        "       |          ^",
        (
            "modules/risk.md:7:17: error: prerequisite module 'intr' is not defined (did you "
            "mean 'intro'?) [prereq.unknown]"
        ),
        "     7 | prerequisites: [intr]",
        "       |                 ^",
        (
            "quizzes/advanced-exam.yml:5:1: warning: exam 'advanced-exam' cannot cover every "
            "objective of track 'advanced': no question on data/time-data [item.exam-coverage]"
        ),
        "     5 | questions:",
        "       | ^",
        "1 error, 2 warnings",
    ]


def test_check_json_and_github_formats(broken: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(broken))
    assert code == 1
    data = json.loads(out)
    assert data["summary"] == "1 error, 2 warnings"
    assert data["diagnostics"][1] == {
        "path": "modules/risk.md",
        "line": 7,
        "col": 17,
        "severity": "error",
        "code": "prereq.unknown",
        "message": "prerequisite module 'intr' is not defined (did you mean 'intro'?)",
    }
    code, out, _ = run("check", "--format", "github", str(broken))
    assert out.splitlines()[1] == (
        "::error file=modules/risk.md,line=7,col=17,title=prereq.unknown::prerequisite module "
        "'intr' is not defined (did you mean 'intro'?)"
    )


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(MINIMAL, root)
    data = root / "quizzes/data.yml"
    data.write_text(data.read_text().replace("objective: time-data", "objective: list-data"))
    exam = root / "quizzes/advanced-exam.yml"
    exam.write_text(
        exam.read_text().replace("objective: data/time-data", "objective: data/list-data")
    )
    assert run("check", str(root))[0] == 0
    assert run("check", "--strict", str(root))[0] == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "nope"))[0] == 2
    assert run("check", "--format", "xml", str(MINIMAL))[0] == 2
    assert run("plan", "-C", str(MINIMAL), "ZZ")[0] == 2
    assert run("order", "-C", str(MINIMAL), "--track", "nope")[0] == 2
    assert run("new", "-C", str(tmp_path), "module", "Bad Id")[0] == 2


def test_order_text_and_json() -> None:
    code, out, _ = run("order", "-C", str(MINIMAL))
    assert code == 0
    assert out.splitlines() == [
        "Basics",
        "  1. intro  Introduction",
        "",
        "Advanced",
        "  2. data  Advance data",
        "  3. risk  Risk",
    ]
    code, out, _ = run("order", "-C", str(MINIMAL), "--track", "advanced", "--format", "json")
    assert [r["id"] for r in json.loads(out)["order"]] == ["data", "risk"]


def test_plan_text_and_json() -> None:
    code, out, _ = run("plan", "-C", str(MINIMAL), "sn")
    assert code == 0
    assert "  1. intro (90 min) — prerequisite of risk" in out
    assert "    09:00–15:00 risk (part 1/2)" in out
    code, out, _ = run("plan", "-C", str(MINIMAL), "SN", "--format", "json")
    data = json.loads(out)
    assert data["order"] == ["intro", "risk"]
    assert data["days"][0]["sessions"][0]["start"] == "2027-01-11T09:00:00"
    assert data["next_monitoring"] == "2027-05-20"


def test_commands_that_need_a_valid_curriculum_exit_1_on_errors(broken: Path) -> None:
    assert run("order", "-C", str(broken))[0] == 1
    assert run("plan", "-C", str(broken), "SN")[0] == 1


def test_new_writes_valid_skeletons(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(MINIMAL, root)
    assert run("new", "-C", str(root), "module", "fresh-module")[0] == 0
    assert run("new", "-C", str(root), "quiz", "fresh-module")[0] == 0
    assert run("new", "-C", str(root), "country", "ke")[0] == 0
    assert run("new", "-C", str(root), "module", "fresh-module")[0] == 2  # never overwrites
    code, _, err = run("check", str(root))
    assert code == 0, err
    assert "0 errors" in err


def test_reference_doc_is_up_to_date() -> None:
    code, out, _ = run("reference")
    assert code == 0
    assert (ROOT / "docs/authoring-reference.md").read_text(encoding="utf-8") == out, (
        "run: .venv/bin/curriculum reference -o docs/authoring-reference.md"
    )


def test_python_dash_m_builder_works() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "builder", "check", str(MINIMAL)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0
    assert "Traceback" not in proc.stderr
