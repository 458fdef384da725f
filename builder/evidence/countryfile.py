"""Append a checked assessment to ``curriculum/countries/CC.yml``, keeping comments and layout.

The file is edited with a round-trip YAML library (ruamel.yaml), the result is checked against
the country model, and written atomically (a temporary file renamed over the old one), so a
failure leaves the file exactly as it was. Importing an assessment that the file already holds
changes nothing.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from builder.evidence.problems import EvidenceError, Problem
from builder.evidence.workbook import AssessmentInput


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML()  # round-trip: comments, key order and flow styles are kept
    y.preserve_quotes = True
    y.width = 100
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def entry(a: AssessmentInput) -> dict[str, Any]:
    """Return the assessment as the mapping written to the country file."""
    out: dict[str, Any] = {"date": a.date, "kind": a.kind, "assessor": a.assessor}
    if a.notes:
        out["notes"] = a.notes
    out["levels"] = dict(a.levels)
    if a.evidence:
        out["evidence"] = dict(a.evidence)
    return out


def _same(old: Any, new: dict[str, Any]) -> bool:
    keys = ("date", "kind", "levels")
    return all(_plain(old.get(k)) == _plain(new.get(k)) for k in keys)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def append_assessment(path: Path, a: AssessmentInput) -> bool:
    """Append ``a`` to the country file at ``path``; return False when it is already there."""
    y = _yaml()
    text = path.read_text(encoding="utf-8")
    data = y.load(text)
    rows = data.get("assessments")
    if rows is None:
        raise EvidenceError([Problem(str(path), "has no 'assessments' list", "yaml.assessments")])
    new = entry(a)
    if any(_same(old, new) for old in rows):
        return False
    _check_order(path, rows, a)
    rows.append(_commented(new))
    out = io.StringIO()
    y.dump(data, out)
    _check_model(path, out.getvalue())
    write_atomic(path, out.getvalue())
    return True


def _commented(new: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    for key, value in new.items():
        out[key] = CommentedMap(value) if isinstance(value, dict) else value
    return out


def _check_order(path: Path, rows: Any, a: AssessmentInput) -> None:
    last = max((r.get("date") for r in rows if r.get("date") is not None), default=None)
    problems = []
    if last is not None and a.date <= last:
        msg = f"the file already has an assessment of {last}; a new one must be later than that"
        problems.append(Problem(str(path), msg, "yaml.order"))
    if rows and a.kind == "initial":
        msg = "the file already has its initial assessment; import this one as 'monitoring'"
        problems.append(Problem(str(path), msg, "yaml.kind"))
    if problems:
        raise EvidenceError(problems)


def _check_model(path: Path, text: str) -> None:
    import yaml
    from pydantic import ValidationError

    from builder.model import CountryProfile

    try:
        CountryProfile.model_validate(yaml.safe_load(text))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise EvidenceError(
            [Problem(str(path), f"{where}: {first['msg']}", "yaml.model")]
        ) from None


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed over it."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (folders made as needed) through a temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
