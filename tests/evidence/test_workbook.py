"""The assessment questionnaire: written in the country's language, read back with every
problem at file:Sheet!Cell, appended to the country file keeping its comments, atomically."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.evidence.conftest import run

TODAY = dt.date.today()


def template(root: Path, tmp_path: Path, lang: str = "") -> Path:
    out = tmp_path / "q.xlsx"
    args = ["assess", "template", "-C", str(root), "SN", "-o", str(out)]
    code, stdout, _ = run(*args, *(["--lang", lang] if lang else []))
    assert code == 0, stdout
    return out


def fill(path: Path, **cells: object) -> Path:
    wb = load_workbook(path)
    sheet = wb["Assessment"]
    defaults: dict[str, object] = {"B4": "A. Assessor", "B5": dt.date(2026, 10, 1)}
    defaults |= {"C10": "2 – Developing", "C11": "3 – Established", "D10": "Risk unit set up"}
    for cell, value in {**defaults, **cells}.items():
        sheet[cell] = value
    wb.save(path)
    return path


def test_template_is_in_the_country_language_with_a_scale_drop_down(
    root: Path, tmp_path: Path
) -> None:
    wb = load_workbook(template(root, tmp_path))
    assert wb.sheetnames == ["Assessment", "Scale"]
    sheet = wb["Assessment"]
    assert sheet["A9"].value == "Norme"  # SN's first language is French
    assert [sheet[f"A{r}"].value for r in (10, 11)] == ["P1-S4", "P1-S6"]
    assert sheet["B10"].value == "Risk management"
    assert sheet["B6"].value == "monitoring"  # SN has its initial assessment already
    rules = sheet.data_validations.dataValidation
    level_rule = next(r for r in rules if "C10" in str(r.sqref))
    assert level_rule.formula1 == "=Scale!$A$2:$A$5"
    assert [c.value for c in wb["Scale"]["A"]][1:] == [
        "0 – Not started",
        "1 – Initial",
        "2 – Developing",
        "3 – Established",
    ]
    assert "C11" in str(level_rule.sqref)


def test_template_bytes_are_reproducible(root: Path, tmp_path: Path) -> None:
    a = template(root, tmp_path).read_bytes()
    assert template(root, tmp_path).read_bytes() == a
    assert load_workbook(template(root, tmp_path, "en"))["Assessment"]["A9"].value == "Standard"


def test_import_appends_keeping_comments_and_twice_changes_nothing(
    root: Path, tmp_path: Path
) -> None:
    country = root / "curriculum/countries/SN.yml"
    country.write_text("# Keep this comment.\n" + country.read_text(), encoding="utf-8")
    before = country.read_text()
    book = fill(template(root, tmp_path))
    code, out, err = run("assess", "import", "-C", str(root), "SN", str(book))
    assert code == 0, err
    assert "added the monitoring assessment of 2026-10-01" in out
    after = country.read_text()
    assert after.startswith(before.rstrip("\n").split("targets:")[0][:40])
    assert "# Keep this comment." in after
    assert "    assessor: A. Assessor\n" in after
    assert "      P1-S4: 2\n      P1-S6: 3\n" in after
    assert "    evidence:\n      P1-S4: Risk unit set up\n" in after
    assert after.replace(after[after.index("  - date: 2026-10-01") :], "") in before
    code, out, _ = run("assess", "import", "-C", str(root), "SN", str(book))
    assert code == 0 and "already in" in out and "nothing changed" in out
    assert country.read_text() == after
    code, _, err = run("check", str(root))
    assert code == 0, err


BAD = [
    (
        {"C10": "Pretty good"},
        "q.xlsx:Assessment!C10: level 'Pretty good' is not on the scale (levels 0, 1, 2, 3, or 'N – name') [xlsx.level]",
    ),
    (
        {"B5": TODAY + dt.timedelta(days=30)},
        f"q.xlsx:Assessment!B5: date {TODAY + dt.timedelta(days=30)} is in the future (today is {TODAY}) [xlsx.future]",
    ),
    (
        {"B5": "next week"},
        "q.xlsx:Assessment!B5: date 'next week' is not a date (YYYY-MM-DD) [xlsx.date]",
    ),
    ({"B4": None}, "q.xlsx:Assessment!B4: the assessor's name is missing [xlsx.assessor]"),
    ({"B2": "GT"}, "q.xlsx:Assessment!B2: country 'GT' is not 'SN' [xlsx.country]"),
    (
        {"B6": "yearly"},
        "q.xlsx:Assessment!B6: kind 'yearly' is not initial or monitoring [xlsx.kind]",
    ),
    (
        {"A11": "P9-S9"},
        "q.xlsx:Assessment!A11: 'P9-S9' is not a standard of standards.yml [xlsx.standard]",
    ),
    (
        {"A11": "P1-S4"},
        "q.xlsx:Assessment!A11: standard P1-S4 appears twice (first in row 10) [xlsx.duplicate]",
    ),
    (
        {"A9": "Std"},
        "q.xlsx:Assessment!A9: the column headings were changed: start again from the template [xlsx.header]",
    ),
]


@pytest.mark.parametrize(("cells", "message"), BAD, ids=[m.split("[")[-1][:-1] for _, m in BAD])
def test_a_bad_workbook_changes_nothing(
    root: Path, tmp_path: Path, cells: dict[str, object], message: str
) -> None:
    country = root / "curriculum/countries/SN.yml"
    before = country.read_bytes()
    book = fill(template(root, tmp_path), **cells)
    code, _, err = run("assess", "import", "-C", str(root), "SN", str(book))
    assert code == 1
    assert message in err.splitlines()
    assert "nothing was changed" in err
    assert country.read_bytes() == before


def test_every_problem_at_once_merged_cells_extra_sheet_missing_standard(
    root: Path, tmp_path: Path
) -> None:
    book = fill(template(root, tmp_path), C10="excellent")
    wb = load_workbook(book)
    wb["Assessment"].delete_rows(11)
    wb["Assessment"].merge_cells("D10:E10")
    wb.create_sheet("Notes")
    wb.save(book)
    before = (root / "curriculum/countries/SN.yml").read_bytes()
    code, _, err = run("assess", "import", "-C", str(root), "SN", str(book))
    assert code == 1
    assert err.splitlines()[:5] == [
        "q.xlsx:Notes!A1: unexpected sheet 'Notes': only 'Assessment' is read [xlsx.sheet]",
        "q.xlsx:Assessment!D10: merged cells D10:E10: unmerge them, one value a cell [xlsx.merged]",
        "q.xlsx:Assessment!C10: level 'excellent' is not on the scale (levels 0, 1, 2, 3, or 'N – name') [xlsx.level]",
        "q.xlsx:Assessment!A12: standard P1-S6 has no row [xlsx.missing]",
        "4 problems",
    ]
    assert (root / "curriculum/countries/SN.yml").read_bytes() == before


def test_not_a_workbook_and_an_earlier_date(root: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a zip")
    code, _, err = run("assess", "import", "-C", str(root), "SN", str(junk))
    assert (
        code == 1
        and "junk.xlsx: not an XLSX workbook (save it as .xlsx from the template) [xlsx.file]"
        in err
    )
    book = fill(template(root, tmp_path), B5=dt.date(2026, 5, 1))
    code, _, err = run("assess", "import", "-C", str(root), "SN", str(book))
    assert code == 1
    assert "a new one must be later than that [yaml.order]" in err


def test_initial_assessment_needs_every_level(root: Path, tmp_path: Path) -> None:
    book = fill(template(root, tmp_path), B6="initial", C11=None)
    code, _, err = run("assess", "import", "-C", str(root), "SN", str(book))
    assert code == 1
    assert (
        "q.xlsx:Assessment!C11: the level is missing (an initial assessment rates every "
        "standard) [xlsx.blank]"
    ) in err


def test_check_reports_evidence_for_an_unknown_standard(root: Path) -> None:
    country = root / "curriculum/countries/SN.yml"
    text = country.read_text().replace(
        "    levels: {P1-S4: 2}", "    levels: {P1-S4: 2}\n    evidence: {P1-S9: Seen.}"
    )
    country.write_text(text)
    code, _, err = run("check", str(root))
    assert code == 1
    assert "curriculum/countries/SN.yml:12:16: error: standard 'P1-S9' is not defined" in err
