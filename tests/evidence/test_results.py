"""Training results into SQLite: idempotent, transactional, pseudonymous; bad files name the
file, row and column and leave the database as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from builder.evidence.store import SCHEMA_VERSION
from tests.evidence.conftest import run
from tests.evidence.support import cohort, moodle_csv

COUNTS = ("attempts", "responses", "learners", "files", "module_results", "names")


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTS}


def imp(root: Path, *args: str) -> tuple[int, str, str]:
    return run("results", "import", "-C", str(root), "SN", *args)


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "risk.csv"
    path.write_text(moodle_csv(cohort(30)), encoding="utf-8")
    return path


def test_moodle_import_is_idempotent_and_pseudonymous(root: Path, csv_file: Path) -> None:
    code, out, err = imp(root, str(csv_file), "--quiz", "risk")
    assert code == 0, err
    assert "360 new responses" in out
    db = root / "results/results.sqlite"
    first = counts(db)
    assert first["attempts"] == 30 and first["responses"] == 360 and first["names"] == 0
    assert imp(root, str(csv_file), "--quiz", "risk")[0] == 0
    assert counts(db) == first
    # The same rows in another file (a re-export) add nothing either.
    copy = csv_file.with_name("again.csv")
    copy.write_text(csv_file.read_text() + "\n", encoding="utf-8")
    code, out, _ = imp(root, str(copy), "--quiz", "risk")
    assert code == 0 and "0 new responses" in out
    assert counts(db) == {**first, "files": 2}
    raw = db.read_bytes()
    assert b"learner1@example.org" not in raw and b"Learner1" not in raw
    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM learners")]
        version = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    assert all(i.startswith("L") and len(i) == 13 for i in ids)
    assert version == (str(SCHEMA_VERSION),)


def test_names_only_when_asked(root: Path, csv_file: Path) -> None:
    assert imp(root, str(csv_file), "--quiz", "risk", "--names")[0] == 0
    assert counts(root / "results/results.sqlite")["names"] == 30


def test_duplicate_rows_are_counted_not_stored_twice(root: Path, tmp_path: Path) -> None:
    text = moodle_csv(cohort(5))
    lines = text.splitlines()
    path = tmp_path / "dups.csv"
    path.write_text("\n".join([*lines, lines[1], lines[2]]) + "\n", encoding="utf-8")
    code, out, _ = imp(root, str(path), "--quiz", "risk")
    assert code == 0
    assert "60 new responses" in out and "24 duplicate responses skipped" in out


def bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = moodle_csv(cohort(6))
    truncated = tmp_path / "truncated.csv"
    truncated.write_text(good[: good.rindex(",Wrong") if ",Wrong" in good[-80:] else -20])
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        good.replace("Test", "Aimé", 1).encode() + "Zoé,Test,z@x.org\n".encode("cp1252")
    )
    unknown = tmp_path / "unknown.csv"
    unknown.write_text(good.replace("Response 12", "Response r99"))
    return {
        "truncated": (truncated, "truncated.csv:7:"),
        "mixed": (
            mixed,
            "mixed.csv:8:3: byte 0xe9 is not UTF-8 in a file that is otherwise UTF-8 (mixed encodings): save the file as UTF-8 [results.encoding]",
        ),
        "unknown": (
            unknown,
            "unknown.csv:1:19: column 'Response r99': quiz 'risk' has no question 'r99' [results.question]",
        ),
    }


@pytest.mark.parametrize("case", ["truncated", "mixed", "unknown"])
def test_bad_files_name_file_row_column_and_store_nothing(
    root: Path, tmp_path: Path, csv_file: Path, case: str
) -> None:
    assert imp(root, str(csv_file), "--quiz", "risk")[0] == 0
    db = root / "results/results.sqlite"
    before = counts(db)
    path, message = bad_files(tmp_path)[case]
    # A good file given with a bad one is not stored either: one transaction.
    other = tmp_path / "other.csv"
    other.write_text(moodle_csv(cohort(8, seed=99)).replace("learner", "other"))
    code, _, err = imp(root, str(other), str(path), "--quiz", "risk")
    assert code == 1
    assert any(line.startswith(message) for line in err.splitlines()), err
    assert "nothing was changed" in err
    assert counts(db) == before


def test_truncated_row_message(root: Path, tmp_path: Path) -> None:
    good = moodle_csv(cohort(3))
    path = tmp_path / "cut.csv"
    path.write_text(good[: good.rindex("Wrong") if "Wrong" in good.splitlines()[-1] else -8])
    code, _, err = imp(root, str(path), "--quiz", "risk")
    assert code == 1
    line = err.splitlines()[0]
    assert line.startswith("cut.csv:4:")
    assert "fields, the header 19 (a truncated or broken file?) [results.truncated]" in line


def test_moodle_export_needs_its_quiz(root: Path, csv_file: Path) -> None:
    code, _, err = imp(root, str(csv_file))
    assert code == 1
    assert (
        "risk.csv: a Moodle export does not name its quiz: give it with --quiz QUIZ [results.quiz]"
        in err
    )
    assert not (root / "results/results.sqlite").exists()


def progress_file(tmp_path: Path, name: str, **extra: object) -> Path:
    doc = {
        "format": "safe-curriculum-progress",
        "version": 1,
        "programme": "Minimal programme",
        "modules": {"risk": {"passed": True, "best": 80}, "intro": {"passed": False, "best": 40}},
        **extra,
    }
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


def test_site_progress_exports(root: Path, tmp_path: Path) -> None:
    files = [str(progress_file(tmp_path, f"trainee{i}.json")) for i in range(3)]
    code, out, err = imp(root, *files)
    assert code == 0, err
    assert "6 module results" in out
    db = root / "results/results.sqlite"
    assert counts(db)["module_results"] == 6 and counts(db)["learners"] == 3
    # Optional keys a later version of the site may add are accepted; a newer version is not.
    extra = progress_file(tmp_path, "extra.json", learner="x1", exported="2027-02-01")
    assert imp(root, str(extra))[0] == 0
    newer = progress_file(tmp_path, "newer.json", version=2)
    code, _, err = imp(root, str(newer))
    assert code == 1
    assert (
        "newer.json: progress export version 2: this builder reads versions 1–1 [results.format]"
        in err
    )
    unknown = tmp_path / "unknown.json"
    unknown.write_text(
        json.dumps({"format": "safe-curriculum-progress", "version": 1, "modules": {"nope": {}}})
    )
    code, _, err = imp(root, str(unknown))
    assert "unknown.json: modules.nope: unknown module 'nope' [results.module]" in err


def statement(i: int, actor: str, qid: str, success: bool, response: str) -> dict[str, object]:
    return {
        "id": f"00000000-0000-0000-0000-{i:012d}",
        "actor": {"mbox": f"mailto:{actor}"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": f"https://example.org/safe/quizzes/risk/{qid}"},
        "result": {"success": success, "response": response},
        "context": {"registration": "reg-1"},
    }


def test_xapi_statements(root: Path, tmp_path: Path) -> None:
    sts = [
        statement(i, f"p{i % 3}@x.org", f"r{1 + i // 3}", i % 2 == 0, "0" if i % 2 == 0 else "2")
        for i in range(9)
    ]
    sts.append(
        {
            "id": "x",
            "actor": {"account": {"name": "p0"}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
            "object": {"id": "https://example.org/safe/modules/risk"},
            "result": {"score": {"scaled": 0.9}},
        }
    )
    path = tmp_path / "lrs.json"
    path.write_text(json.dumps({"statements": sts}))
    code, out, err = imp(root, str(path))
    assert code == 0, err
    assert "9 new responses, 1 module results" in out
    with sqlite3.connect(root / "results/results.sqlite") as conn:
        chosen = sorted(r[0] for r in conn.execute("SELECT choices FROM responses"))
    assert chosen == ["0"] * 5 + ["2"] * 4
    sts.append(statement(99, "p1@x.org", "r77", True, "0"))
    path.write_text(json.dumps(sts))
    code, _, err = imp(root, str(path))
    assert code == 1
    assert (
        "lrs.json:statement 11: object 'https://example.org/safe/quizzes/risk/r77' is not a known quiz/question (…/QUIZ/QUESTION) [results.question]"
        in err
    )


def test_bad_json_and_newer_schema(root: Path, tmp_path: Path, csv_file: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"statements": [\n  {"id": 1,}\n]}')
    code, _, err = imp(root, str(broken))
    assert (
        code == 1
        and "broken.json:2:12: not valid JSON: Expecting property name enclosed in double quotes [results.json]"
        in err
    )
    assert imp(root, str(csv_file), "--quiz", "risk")[0] == 0
    db = root / "results/results.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    code, _, err = imp(root, str(csv_file), "--quiz", "risk")
    assert code == 1 and "results schema version 99, this builder reads 1" in err


def test_custom_database_path(root: Path, tmp_path: Path, csv_file: Path) -> None:
    db = tmp_path / "elsewhere" / "r.sqlite"
    assert imp(root, "--db", str(db), str(csv_file), "--quiz", "risk")[0] == 0
    assert counts(db)["responses"] == 360
    assert not (root / "results").exists()


def test_a_wholly_windows_1252_file_is_read(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes(moodle_csv(cohort(5)).replace("Test", "Zoé").encode("cp1252"))
    code, _out, err = imp(root, str(path), "--quiz", "risk", "--names")
    assert code == 0, err
    with sqlite3.connect(root / "results/results.sqlite") as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM names")}
    assert "Zoé Learner0" in names


def test_import_order_and_repetition_do_not_change_the_database(root: Path, tmp_path: Path) -> None:
    """Property: any order and any repetition of the same files give the same rows."""
    import random

    from builder.evidence.sources import read_file
    from builder.evidence.store import connect, store
    from builder.validate.orchestrator import check_curriculum

    cur = check_curriculum(root).curriculum
    assert cur is not None
    paths = []
    for i in range(3):
        p = tmp_path / f"f{i}.csv"
        text = moodle_csv(cohort(6, seed=i % 2))  # f0 and f2 hold the same rows
        p.write_text(text.replace("learner", "other") if i == 1 else text)
        paths.append(p)
    rng = random.Random(5)
    seen = []
    for trial in range(4):
        order = [rng.choice(paths) for _ in range(5)]
        db = tmp_path / f"t{trial}.sqlite"
        with connect(db) as conn:
            for p in order:
                store(conn, "SN", [read_file(cur, p, "risk", "post", "")], False)
        with sqlite3.connect(db) as conn:
            rows = sorted(conn.execute("SELECT attempt, question, correct, choices FROM responses"))
        seen.append((frozenset(order), rows))
    full = [rows for files, rows in seen if len({f.read_text() for f in files}) == 2]
    assert full and all(rows == full[0] for rows in full)


def test_a_changed_export_of_stored_attempts_is_refused(root: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text(moodle_csv(cohort(6)))
    assert imp(root, str(first), "--quiz", "risk")[0] == 0
    before = counts(root / "results/results.sqlite")
    changed = tmp_path / "changed.csv"
    changed.write_text(moodle_csv(cohort(6, seed=2)))  # same learners and start times
    code, _, err = imp(root, str(changed), "--quiz", "risk")
    assert code == 1
    assert err.splitlines()[0].startswith("changed.csv: ")
    assert (
        "responses differ from those already stored for the same attempts (first: question" in err
    )
    assert err.splitlines()[0].endswith(
        "was the export changed after an import? [results.conflict]"
    )
    assert counts(root / "results/results.sqlite") == before


def test_a_file_cut_inside_a_quoted_field(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    text = moodle_csv(cohort(3))
    path.write_text(text + 'Smith,Ann,ann@x.org,Finished,"2027-01-09 10:00')
    code, _, err = imp(root, str(path), "--quiz", "risk")
    assert code == 1
    assert err.splitlines()[0] == "cut.csv:5:1: broken CSV: unexpected end of data [results.csv]"
