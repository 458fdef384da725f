"""Read training results: Moodle quiz response exports (CSV), the site's progress export and
xAPI statements (JSON). Each reader returns a :class:`Batch` or raises :class:`EvidenceError`
naming the file, row and column of every problem; nothing is stored by a reader.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.evidence.grading import Mark, mark
from builder.evidence.problems import EvidenceError, Problem
from builder.model import Curriculum, Quiz

#: The site's progress export (site/js/curriculum.js): this format, versions up to this one.
PROGRESS_FORMAT = "safe-curriculum-progress"
PROGRESS_VERSION = 1
FORMS = ("post", "pre")


@dataclass(frozen=True)
class Response:
    """One learner's answer to one question in one attempt."""

    attempt: str
    learner: str
    quiz: str
    question: str
    correct: bool
    choices: tuple[int, ...]
    form: str = "post"


@dataclass(frozen=True)
class ModuleResult:
    """A learner's best score (percent) on a module and whether they passed it."""

    learner: str
    module: str
    best: float
    passed: bool


@dataclass
class Batch:
    """What one file holds, before it is stored."""

    name: str
    kind: str
    sha256: str
    responses: list[Response] = field(default_factory=list)
    results: list[ModuleResult] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    duplicates: int = 0


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def decode(name: str, data: bytes) -> str:
    """Return the text of a file: UTF-8 (with or without BOM), or wholly Windows-1252.

    A file mixing the two (some lines UTF-8, others not) is refused at its first bad line rather
    than guessed at: a wrong guess would store garbled answers.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if not re.search(rb"[\xc2-\xf4][\x80-\xbf]", data):
            return data.decode("cp1252", errors="replace")
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        msg = (
            f"byte 0x{data[exc.start]:02x} is not UTF-8 in a file that is otherwise UTF-8 "
            "(mixed encodings): save the file as UTF-8"
        )
        raise EvidenceError([Problem(f"{name}:{line}:{col}", msg, "results.encoding")]) from None


def read_file(cur: Curriculum, path: Path, quiz: str | None, form: str, learner: str) -> Batch:
    """Read one results file, choosing the reader by its content."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = Problem(path.name, exc.strerror or "unreadable", "results.file")
        raise EvidenceError([problem]) from None
    text = decode(path.name, data)
    # The same bytes read as another quiz, form or learner are another import.
    params = "\x1f".join((quiz or "", form, learner or path.stem)).encode("utf-8")
    batch = Batch(path.name, "", sha256(data + b"\x00" + params))
    if text.lstrip().startswith(("{", "[")):
        doc = _json(path.name, text)
        if isinstance(doc, dict) and doc.get("format") == PROGRESS_FORMAT:
            batch.kind = "progress"
            _read_progress(cur, batch, doc, learner or path.stem)
        else:
            batch.kind = "xapi"
            _read_xapi(cur, batch, doc, form)
    else:
        batch.kind = "moodle"
        _read_moodle(cur, batch, text, quiz, form)
    return batch


def _json(name: str, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"{name}:{exc.lineno}:{exc.colno}"
        raise EvidenceError(
            [Problem(where, f"not valid JSON: {exc.msg}", "results.json")]
        ) from None


def attempt_id(*parts: str) -> str:
    """Return a stable id for an attempt from what identifies it."""
    return sha256("\x1f".join(parts).encode("utf-8"))[:20]


def add_response(batch: Batch, seen: set[tuple[str, str]], r: Response) -> None:
    """Add ``r`` unless the batch has the same attempt and question already (a duplicate)."""
    key = (r.attempt, r.question)
    if key in seen:
        batch.duplicates += 1
        return
    seen.add(key)
    batch.responses.append(r)


# --------------------------------------------------------------------------- Moodle CSV

IDENTITY = ("email address", "adresse de courriel", "username", "nom d'utilisateur", "id number")
FIRST = ("first name", "prénom", "nombre")
LAST = ("surname", "last name", "nom", "apellido(s)")
STARTED = ("started on", "commencé le", "comenzado el")
STATE = ("state", "état", "estado")
RESPONSE = re.compile(r"^(?:response|réponse|respuesta)\s+(\S+)$", re.IGNORECASE)
FINISHED = {"finished", "terminé", "terminada", "finalizado"}


def _col(header: list[str], names: Iterable[str]) -> int | None:
    folded = [h.strip().casefold() for h in header]
    return next((folded.index(n) for n in names if n in folded), None)


def _read_moodle(cur: Curriculum, batch: Batch, text: str, quiz_id: str | None, form: str) -> None:
    rows = _csv_rows(batch.name, text)
    header = rows[0][1] if rows else []
    quiz = _moodle_quiz(cur, batch.name, quiz_id)
    columns = _response_columns(batch.name, header, quiz)
    who = [_col(header, IDENTITY), _col(header, FIRST), _col(header, LAST)]
    if all(c is None for c in who):
        msg = "no learner column (Email address, Username, or First name and Surname)"
        raise EvidenceError([Problem(f"{batch.name}:1:1", msg, "results.header")])
    started, state = _col(header, STARTED), _col(header, STATE)
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    marks: dict[tuple[int, str], Mark] = {}  # a cohort gives few distinct answers per question
    for line, row in rows[1:]:
        if not row:
            continue
        if len(row) != len(header):
            msg = (
                f"row has {len(row)} fields, the header {len(header)} (a truncated or broken file?)"
            )
            problems.append(
                Problem(f"{batch.name}:{line}:{len(row) + 1}", msg, "results.truncated")
            )
            continue
        if state is not None and row[state].strip().casefold() not in FINISHED:
            continue
        ident = _identity(row, who)
        if who[1] is not None and who[2] is not None:
            batch.names[ident] = f"{row[who[1]].strip()} {row[who[2]].strip()}".strip()
        when = row[started].strip() if started is not None else str(line)
        attempt = attempt_id("moodle", quiz.id, ident, when, form)
        for col, q in columns:
            key = (col, row[col])
            m = marks.get(key) or marks.setdefault(key, mark(quiz, q, row[col]))
            r = Response(attempt, ident, quiz.id, q.id, m.correct, m.choices, form)
            add_response(batch, seen, r)
    if problems:
        raise EvidenceError(problems)


def _csv_rows(name: str, text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        where = f"{name}:{reader.line_num}:1"
        raise EvidenceError([Problem(where, f"broken CSV: {exc}", "results.csv")]) from None
    if not rows:
        raise EvidenceError([Problem(f"{name}:1:1", "the file is empty", "results.csv")])
    return rows


def _moodle_quiz(cur: Curriculum, name: str, quiz_id: str | None) -> Quiz:
    if quiz_id is None:
        msg = "a Moodle export does not name its quiz: give it with --quiz QUIZ"
        raise EvidenceError([Problem(name, msg, "results.quiz")])
    quiz = cur.quizzes.get(quiz_id)
    if quiz is None:
        known = ", ".join(sorted(cur.quizzes))
        raise EvidenceError(
            [Problem(name, f"unknown quiz '{quiz_id}' (quizzes: {known})", "results.quiz")]
        )
    return quiz


def _response_columns(name: str, header: list[str], quiz: Quiz) -> list[tuple[int, Any]]:
    """Map response columns to questions (``Response 3``: the third; ``Response rm-01``: by id)."""
    questions = quiz.meta.questions
    by_id = {q.id: q for q in questions}
    out, problems = [], []
    for col, title in enumerate(header):
        found = RESPONSE.match(title.strip())
        if not found:
            continue
        key = found.group(1)
        q = questions[int(key) - 1] if key.isdigit() and 0 < int(key) <= len(questions) else None
        q = q or by_id.get(key)
        if q is None:
            msg = f"column '{title}': quiz '{quiz.id}' has no question '{key}'"
            problems.append(Problem(f"{name}:1:{col + 1}", msg, "results.question"))
            continue
        out.append((col, q))
    if not out and not problems:
        msg = "no response columns ('Response 1', 'Response 2', ...)"
        problems.append(Problem(f"{name}:1:1", msg, "results.header"))
    if problems:
        raise EvidenceError(problems)
    return out


def _identity(row: list[str], who: list[int | None]) -> str:
    ident, first, last = (row[c].strip() if c is not None else "" for c in who)
    return (ident or f"{first} {last}").casefold()


# --------------------------------------------------------------------------- progress export


def _read_progress(cur: Curriculum, batch: Batch, doc: Mapping[str, Any], learner: str) -> None:
    where = batch.name
    version = doc.get("version")
    if not isinstance(version, int) or not 1 <= version <= PROGRESS_VERSION:
        msg = (
            f"progress export version {version!r}: this builder reads versions 1–{PROGRESS_VERSION}"
        )
        raise EvidenceError([Problem(where, msg, "results.format")])
    modules = doc.get("modules")
    if not isinstance(modules, dict):
        raise EvidenceError([Problem(where, "'modules' is not an object", "results.format")])
    ident = str(doc.get("learner") or learner).strip().casefold()
    problems = []
    for mid, entry in sorted(modules.items()):
        if mid not in cur.modules:
            msg = f"modules.{mid}: unknown module '{mid}'"
            problems.append(Problem(where, msg, "results.module"))
            continue
        if not isinstance(entry, dict):
            continue
        best = entry.get("best", 0)
        best = float(best) if isinstance(best, (int, float)) else 0.0
        batch.results.append(
            ModuleResult(ident, mid, max(0.0, min(100.0, best)), entry.get("passed") is True)
        )
    if problems:
        raise EvidenceError(problems)


# --------------------------------------------------------------------------- xAPI

ANSWERED = "answered"
MODULE_VERBS = {"passed", "failed", "completed"}


def _statements(name: str, doc: Any) -> list[Any]:
    if isinstance(doc, dict) and isinstance(doc.get("statements"), list):
        return list(doc["statements"])
    if isinstance(doc, list):
        return doc
    raise EvidenceError([Problem(name, "not a list of xAPI statements", "results.format")])


def _actor(st: Mapping[str, Any]) -> str:
    actor = st.get("actor") or {}
    account = actor.get("account") or {}
    value = actor.get("mbox") or account.get("name") or actor.get("name") or ""
    return str(value).removeprefix("mailto:").strip().casefold()


def _read_xapi(cur: Curriculum, batch: Batch, doc: Any, form: str) -> None:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for i, st in enumerate(_statements(batch.name, doc)):
        where = f"{batch.name}:statement {i + 1}"
        if not isinstance(st, dict) or not _actor(st):
            problems.append(Problem(where, "statement has no actor", "results.xapi"))
            continue
        verb = str((st.get("verb") or {}).get("id", "")).rstrip("/").rsplit("/", 1)[-1]
        target = str((st.get("object") or {}).get("id", "")).rstrip("/")
        if verb == ANSWERED:
            _xapi_answer(cur, batch, seen, st, target, where, form, problems)
        elif verb in MODULE_VERBS:
            _xapi_module(cur, batch, st, verb, target, where, problems)
    if problems:
        raise EvidenceError(problems)


def _xapi_answer(
    cur: Curriculum,
    batch: Batch,
    seen: set[tuple[str, str]],
    st: Mapping[str, Any],
    target: str,
    where: str,
    form: str,
    problems: list[Problem],
) -> None:
    parts = target.rsplit("/", 2)
    quiz = cur.quizzes.get(parts[-2]) if len(parts) == 3 else None
    qids = {q.id for q in quiz.meta.questions} if quiz else set()
    if quiz is None or parts[-1] not in qids:
        msg = f"object '{target}' is not a known quiz/question (…/QUIZ/QUESTION)"
        problems.append(Problem(where, msg, "results.question"))
        return
    result = st.get("result") or {}
    raw = str(result.get("response", ""))
    choices = tuple(sorted({int(x) for x in raw.split("[,]") if x.strip().isdigit()}))
    reg = str((st.get("context") or {}).get("registration", ""))
    ident = _actor(st)
    attempt = attempt_id("xapi", quiz.id, ident, reg, form)
    r = Response(attempt, ident, quiz.id, parts[-1], result.get("success") is True, choices, form)
    add_response(batch, seen, r)


def _xapi_module(
    cur: Curriculum,
    batch: Batch,
    st: Mapping[str, Any],
    verb: str,
    target: str,
    where: str,
    problems: list[Problem],
) -> None:
    module = target.rsplit("/", 1)[-1]
    if module not in cur.modules:
        problems.append(
            Problem(where, f"object '{target}' is not a known module", "results.module")
        )
        return
    result = st.get("result") or {}
    scaled = (result.get("score") or {}).get("scaled")
    best = float(scaled) * 100 if isinstance(scaled, (int, float)) else 0.0
    passed = verb == "passed" or (verb == "completed" and result.get("success") is True)
    batch.results.append(ModuleResult(_actor(st), module, max(0.0, min(100.0, best)), passed))
