"""The assessment questionnaire: an XLSX workbook written per country and read back, checked.

Layout (sheet names are fixed so that any language's workbook reads back; labels are in the
country's language): sheet ``Assessment`` holds the facts in rows 2-7 (country, administration,
assessor, date, kind, general notes), the column headings in row 9 and one row per standard from
row 10 (id, title, level as a drop-down of the scale, evidence, notes); sheet ``Scale`` holds the
maturity scale the drop-down offers.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.evidence.problems import EvidenceError, Problem
from builder.evidence.words import WORDS, words
from builder.model import Curriculum, ScaleLevel

SHEET = "Assessment"
SCALE_SHEET = "Scale"
FACT_ROWS = {"country": 2, "administration": 3, "assessor": 4, "date": 5, "kind": 6, "notes": 7}
HEAD_ROW = 9
FIRST_ROW = 10
COLUMNS = ("standard", "standard_title", "level", "evidence", "row_notes")
KINDS = ("initial", "monitoring")
#: Zip entries get this date so that the same sources give the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
FIXED_TIME = b"2000-01-01T00:00:00Z"


@dataclass(frozen=True)
class AssessmentInput:
    """An assessment read from a workbook, checked against the curriculum."""

    country: str
    date: dt.date
    kind: str
    assessor: str
    notes: str
    levels: dict[str, int] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)


def level_label(level: ScaleLevel) -> str:
    """Return the text the drop-down shows for a level: ``2 – Developing``."""
    return f"{level.level} – {level.name}"


# --------------------------------------------------------------------------- template


def template_bytes(cur: Curriculum, code: str, lang: str) -> bytes:
    """Return the questionnaire for country ``code`` in ``lang`` (same inputs, same bytes)."""
    from openpyxl import Workbook

    w = words(lang)
    wb = Workbook()
    sheet = wb.active
    sheet.title = SHEET
    _facts(sheet, cur, code, w)
    _standard_rows(sheet, cur, w)
    _scale_sheet(wb.create_sheet(SCALE_SHEET), cur, w)
    fixed = dt.datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "curriculum"
    buf = io.BytesIO()
    wb.save(buf)
    return fixed_zip(buf.getvalue())


def _facts(sheet: Any, cur: Curriculum, code: str, w: dict[str, str]) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    profile = cur.countries[code].profile
    sheet["A1"] = f"{w['title']} — {profile.administration} ({code})"
    sheet["A1"].font = Font(bold=True, size=14)
    kind = "monitoring" if profile.assessments else "initial"
    values = {"country": code, "administration": profile.administration, "kind": kind}
    for key, row in FACT_ROWS.items():
        sheet.cell(row=row, column=1, value=w[key]).font = Font(bold=True)
        sheet.cell(row=row, column=2, value=values.get(key))
    sheet.cell(row=FACT_ROWS["date"], column=2).number_format = "yyyy-mm-dd"
    kinds = DataValidation(type="list", formula1='"initial,monitoring"', allow_blank=False)
    sheet.add_data_validation(kinds)
    kinds.add(f"B{FACT_ROWS['kind']}")


def _standard_rows(sheet: Any, cur: Curriculum, w: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    for col, key in enumerate(COLUMNS, start=1):
        sheet.cell(row=HEAD_ROW, column=col, value=w[key]).font = Font(bold=True)
    last = len(cur.programme.maturity_scale) + 1
    levels = DataValidation(
        type="list", formula1=f"={SCALE_SHEET}!$A$2:$A${last}", allow_blank=True
    )
    levels.prompt, levels.showInputMessage, levels.showErrorMessage = w["prompt"], True, True
    sheet.add_data_validation(levels)
    for i, std in enumerate(cur.standards.standards):
        row = FIRST_ROW + i
        sheet.cell(row=row, column=1, value=std.id)
        sheet.cell(row=row, column=2, value=std.title).alignment = Alignment(wrap_text=True)
        levels.add(f"C{row}")
    widths = {"A": 12, "B": 60, "C": 22, "D": 50, "E": 40}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"C{FIRST_ROW}"


def _scale_sheet(sheet: Any, cur: Curriculum, w: dict[str, str]) -> None:
    from openpyxl.styles import Font

    for col, key in enumerate(("scale", "scale_name", "scale_description"), start=1):
        sheet.cell(row=1, column=col, value=w[key]).font = Font(bold=True)
    for i, level in enumerate(cur.programme.maturity_scale, start=2):
        sheet.cell(row=i, column=1, value=level_label(level))
        sheet.cell(row=i, column=2, value=level.name)
        sheet.cell(row=i, column=3, value=level.description)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["C"].width = 90


def fixed_zip(data: bytes) -> bytes:
    """Return the zip ``data`` with every entry dated :data:`ZIP_DATE` (reproducible bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = MODIFIED.sub(rb"\g<1>" + FIXED_TIME + rb"\g<2>", data)
            dst.writestr(entry, data)
    return out.getvalue()


# --------------------------------------------------------------------------- reading back


class _Sink:
    """Collects problems at ``file:Sheet!Cell``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def add(self, sheet: str, cell: str, message: str, code: str) -> None:
        where = f"{self.name}:{sheet}!{cell}" if sheet else self.name
        self.problems.append(Problem(where, message, code))


def read_assessment(
    cur: Curriculum, code: str, path: Path, today: dt.date | None = None
) -> AssessmentInput:
    """Read and check a filled-in workbook; raise :class:`EvidenceError` with every problem."""
    sink = _Sink(path.name)
    wb = _open(path, sink)
    if wb is None:
        raise EvidenceError(sink.problems)
    _check_sheets(wb, sink)
    sheet = wb[SHEET] if SHEET in wb.sheetnames else None
    if sheet is None:
        raise EvidenceError(sink.problems)
    _check_merged(sheet, sink)
    facts = _read_facts(sheet, code, sink, today or dt.date.today())
    levels, evidence = _read_rows(cur, sheet, sink, facts.get("kind") == "initial")
    if sink.problems:
        raise EvidenceError(sink.problems)
    return AssessmentInput(
        country=code,
        date=facts["date"],
        kind=facts["kind"],
        assessor=facts["assessor"],
        notes=facts["notes"],
        levels=levels,
        evidence=evidence,
    )


def _open(path: Path, sink: _Sink) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(path, data_only=True)
    except FileNotFoundError:
        sink.add("", "", "no such file", "xlsx.file")
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        sink.add("", "", "not an XLSX workbook (save it as .xlsx from the template)", "xlsx.file")
    return None


def _check_sheets(wb: Any, sink: _Sink) -> None:
    for name in wb.sheetnames:
        if name not in (SHEET, SCALE_SHEET):
            sink.add(name, "A1", f"unexpected sheet '{name}': only '{SHEET}' is read", "xlsx.sheet")
    if SHEET not in wb.sheetnames:
        sink.add(SHEET, "A1", f"the sheet '{SHEET}' is missing", "xlsx.sheet")


def _check_merged(sheet: Any, sink: _Sink) -> None:
    for rng in sorted(str(r) for r in sheet.merged_cells.ranges):
        first = rng.split(":")[0]
        sink.add(SHEET, first, f"merged cells {rng}: unmerge them, one value a cell", "xlsx.merged")


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _read_facts(sheet: Any, code: str, sink: _Sink, today: dt.date) -> dict[str, Any]:
    def cell(key: str) -> tuple[str, object]:
        return f"B{FACT_ROWS[key]}", sheet.cell(row=FACT_ROWS[key], column=2).value

    where, country = cell("country")
    if _text(country).upper() != code:
        sink.add(SHEET, where, f"country '{_text(country)}' is not '{code}'", "xlsx.country")
    where, assessor = cell("assessor")
    if not _text(assessor):
        sink.add(SHEET, where, "the assessor's name is missing", "xlsx.assessor")
    where, kind = cell("kind")
    if _text(kind) not in KINDS:
        sink.add(SHEET, where, f"kind '{_text(kind)}' is not initial or monitoring", "xlsx.kind")
    return {
        "assessor": _text(assessor),
        "kind": _text(kind),
        "notes": _text(cell("notes")[1]),
        "date": _read_date(*cell("date"), sink, today),
    }


def _read_date(where: str, value: object, sink: _Sink, today: dt.date) -> dt.date:
    date: dt.date | None = None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    else:
        try:
            date = dt.date.fromisoformat(_text(value))
        except ValueError:
            text = _text(value)
            msg = f"date '{text}' is not a date (YYYY-MM-DD)" if text else "the date is missing"
            sink.add(SHEET, where, msg, "xlsx.date")
    if date is not None and date > today:
        sink.add(SHEET, where, f"date {date} is in the future (today is {today})", "xlsx.future")
    return date or today


def _read_rows(
    cur: Curriculum, sheet: Any, sink: _Sink, every_level: bool
) -> tuple[dict[str, int], dict[str, str]]:
    _check_header(sheet, sink)
    known = {s.id for s in cur.standards.standards}
    scale = _scale_lookup(cur)
    levels: dict[str, int] = {}
    evidence: dict[str, str] = {}
    seen: dict[str, int] = {}
    rows = sheet.iter_rows(min_row=FIRST_ROW, max_col=len(COLUMNS), values_only=True)
    for row, values in enumerate(rows, start=FIRST_ROW):
        std, _title, level, proof, notes = (list(values) + [None] * 5)[:5]
        sid = _text(std)
        if not sid and all(_text(v) == "" for v in values):
            continue
        if not _row_standard(sid, row, known, seen, sink):
            continue
        value = _row_level(level, row, scale, sink, every_level)
        if value is not None:
            levels[sid] = value
        text = " — ".join(t for t in (_text(proof), _text(notes)) if t)
        if text:
            evidence[sid] = text
    last = FIRST_ROW + len(known)
    for sid in sorted(known - set(seen), key=[s.id for s in cur.standards.standards].index):
        sink.add(SHEET, f"A{last}", f"standard {sid} has no row", "xlsx.missing")
    return levels, evidence


def _check_header(sheet: Any, sink: _Sink) -> None:
    got = [_text(sheet.cell(row=HEAD_ROW, column=c).value) for c in range(1, len(COLUMNS) + 1)]
    expected = [[w[k] for k in COLUMNS] for w in (words(lang) for lang in WORDS)]
    if got not in expected:
        sink.add(
            SHEET,
            f"A{HEAD_ROW}",
            "the column headings were changed: start again from the template",
            "xlsx.header",
        )


def _row_standard(sid: str, row: int, known: set[str], seen: dict[str, int], sink: _Sink) -> bool:
    if sid not in known:
        shown = sid or "(empty)"
        sink.add(SHEET, f"A{row}", f"'{shown}' is not a standard of standards.yml", "xlsx.standard")
        return False
    if sid in seen:
        sink.add(
            SHEET,
            f"A{row}",
            f"standard {sid} appears twice (first in row {seen[sid]})",
            "xlsx.duplicate",
        )
        return False
    seen[sid] = row
    return True


def _scale_lookup(cur: Curriculum) -> dict[str, int]:
    out: dict[str, int] = {}
    for lv in cur.programme.maturity_scale:
        for text in (str(lv.level), level_label(lv), f"{lv.level} - {lv.name}", lv.name):
            out[text.casefold()] = lv.level
    return out


def _row_level(
    value: object, row: int, scale: dict[str, int], sink: _Sink, required: bool
) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _text(value)
    if not text:
        if required:
            sink.add(
                SHEET,
                f"C{row}",
                "the level is missing (an initial assessment rates every standard)",
                "xlsx.blank",
            )
        return None
    level = scale.get(" ".join(text.split()).casefold())
    if level is None:
        choices = ", ".join(k for k in scale if k.isdigit())
        msg = f"level '{text}' is not on the scale (levels {choices}, or 'N – name')"
        sink.add(SHEET, f"C{row}", msg, "xlsx.level")
    return level
